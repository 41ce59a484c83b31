# shellcheck shell=bash
# Helpers for the API load benchmarks (sourced after lib.sh). Everything runs on loopback and stops by itself.

# aurixa_bin BUILD_DIR -> the binary to benchmark (AURIXA_BIN overrides).
aurixa_bin() { echo "${AURIXA_BIN:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/$1/src/aurixa}"; }

# The settings of every API benchmark: no auth, no rate limit, no access log, warnings only.
bench_env() {
  export AURIXA_AUTH=off AURIXA_RATE_LIMIT_PER_MINUTE=0 AURIXA_ACCESS_LOG=false AURIXA_LOG_LEVEL=warn \
    AURIXA_HOST=127.0.0.1
}

# measure_p PIDS URL CONNS SECONDS SCRIPT -> "rps p50_ms p95_ms p99_ms max_ms non2xx cpu_us_per_request"
# PIDS is a comma list (split mode sums every role's CPU). SCRIPT gets bench/report.lua appended.
measure_p() {
  local pids=$1 url=$2 conns=$3 secs=$4 script=$5
  local here; here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
  local lua; lua=$(mktemp --suffix=.lua)
  cat "$script" "$here/report.lua" >"$lua"
  local hz; hz=$(getconf CLK_TCK)
  local t0=0 t1=0 p
  for p in ${pids//,/ }; do t0=$((t0 + $(cpu_ticks "$p"))); done
  local out; out=$(wrk -t1 -c"$conns" -d"${secs}s" -s "$lua" "$url" 2>/dev/null)
  for p in ${pids//,/ }; do t1=$((t1 + $(cpu_ticks "$p"))); done
  rm -f "$lua"
  echo "$out" | awk -v ticks=$((t1 - t0)) -v hz="$hz" -v secs="$secs" '
    /Requests\/sec/ {rps=$2}
    /^AURIXA_PCT/ {p50=$2; p95=$3; p99=$4; max=$5; bad=$6}
    END {printf "%.0f %.3f %.3f %.3f %.1f %d %.1f\n", rps, p50, p95, p99, max, bad, (rps > 0 ? ticks * 1e6 / hz / (rps * secs) : 0)}'
}

# warm URL SCRIPT [SECONDS] -> a short unmeasured run (connection set-up, caches, page cache).
warm() { wrk -t1 -c8 -d"${3:-2}s" -s "$2" "$1" >/dev/null 2>&1 || true; }

# rss_kb PID -> resident set size in KiB.
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# add_booking_slots DB FIRST_DAY DAYS -> availability for tenant 1: DAYS days x 3 providers x 20 half hours.
add_booking_slots() {
  sqlite3 "$1" "WITH RECURSIVE d(n) AS (SELECT $2 UNION ALL SELECT n + 1 FROM d WHERE n < $2 + $3 - 1),
    t(m) AS (SELECT 480 UNION ALL SELECT m + 30 FROM t WHERE m < 1050),
    p(name) AS (VALUES ('Dr. Adams'), ('Dr. Bell'), ('Dr. Chen'))
    INSERT OR IGNORE INTO availability_slots (tenant_id, slot_date, start_time, end_time, provider_name, created_at, updated_at)
    SELECT 1, date('now', '+' || n || ' days'), printf('%02d:%02d', m / 60, m % 60), printf('%02d:%02d', (m + 30) / 60, (m + 30) % 60),
           name, datetime('now'), datetime('now') FROM d, t, p;"
}

# row LABEL "rps p50 p95 p99 max non2xx cpu" -> a markdown table row.
row_p() {
  local label=$1 rps p50 p95 p99 _max bad cpu; read -r rps p50 p95 p99 _max bad cpu <<<"$2"
  echo "| $label | $rps | $p50 | $p95 | $p99 | $bad | $cpu |"
}
header_p() {
  echo "| $1 | req/s | p50 ms | p95 ms | p99 ms | non-2xx | CPU µs/request |"
  echo "|---|---|---|---|---|---|---|"
}
