#!/usr/bin/env bash
# What telemetry costs the pipeline: POST /api/v1/orchestration/pipelines (all roles in one process, builtin
# responder), cached and uncached prompts, with AURIXA_TELEMETRY=on, off, and on + OTLP span export (to an
# nginx that answers 200 to /v1/traces, when nginx is installed). The servers run side by side and are
# measured alternately (on, otlp, off, on, otlp, off, ...) so machine noise hits every variant alike; the
# ratios come from the summed requests and CPU of all rounds.
# Then each prompt once more with `on` and `off` loaded AT THE SAME TIME (two wrk, half the
# connections each) for ROUNDS rounds: both servers see the same machine noise in the same seconds, so the
# per-round CPU ratio is far steadier than the alternated one on a loaded box (the median is reported).
# Usage: bench/telemetry_overhead.sh [BUILD_DIR] [SECONDS] [ROUNDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; secs=${2:-5}; rounds=${3:-2}; conns=${4:-32}
bin=$(aurixa_bin "$build")
tmp=$(mktemp -d)
declare -A PID PORT
cleanup() {
  for v in "${!PID[@]}"; do kill "${PID[$v]}" 2>/dev/null || true; done
  [ -f "$tmp/nginx/nginx.conf" ] && stop_nginx "$tmp/nginx"
  rm -rf "$tmp"
}
trap cleanup EXIT
bench_env
"$bin" seed --data-dir "$tmp/seed" >/dev/null  # seeded once (argon2 hashes are slow), copied per variant

variants="on off"
if command -v nginx >/dev/null; then
  mkdir -p "$tmp/nginx"
  nport=$(free_port)
  start_nginx "$tmp/nginx" "server { listen 127.0.0.1:$nport; location / { return 200 '{}'; } }"
  variants="on otlp off"
fi

start() {  # start VARIANT NAME=VALUE... -> PID[VARIANT], PORT[VARIANT]
  local v=$1 kv; shift
  cp -r "$tmp/seed" "$tmp/$v"
  for kv in "$@"; do export "${kv?}"; done
  AURIXA_DATA_DIR="$tmp/$v" start_aurixa "$bin"
  for kv in "$@"; do unset "${kv%%=*}"; done
  PID[$v]=$AURIXA_PID PORT[$v]=$AURIXA_BENCH_PORT
}
start on AURIXA_TELEMETRY=on
start off AURIXA_TELEMETRY=off
[[ $variants == *otlp* ]] && start otlp AURIXA_TELEMETRY=on OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$nport"

declare -A RPS CPU N
for v in $variants; do
  for s in cached uncached; do
    warm "http://127.0.0.1:${PORT[$v]}" "$here/pipeline_$s.lua"
    RPS[$v.$s]=0; CPU[$v.$s]=0; N[$v.$s]=0
  done
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
header_p "pipeline, telemetry on/off (wrk -t1 -c$conns -d${secs}s, $rounds rounds alternated)"
for r in $(seq 1 "$rounds"); do
  for s in cached uncached; do
    for v in $variants; do
      read -r rps p50 p95 p99 max bad cpu < <(measure_p "${PID[$v]}" "http://127.0.0.1:${PORT[$v]}" "$conns" "$secs" "$here/pipeline_$s.lua")
      row_p "round $r, $s, telemetry $v" "$rps $p50 $p95 $p99 $max $bad $cpu"
      RPS[$v.$s]=$(awk -v a="${RPS[$v.$s]}" -v b="$rps" 'BEGIN{print a + b}')
      CPU[$v.$s]=$(awk -v a="${CPU[$v.$s]}" -v b="$cpu" 'BEGIN{print a + b}')
      N[$v.$s]=$((N[$v.$s] + 1))
    done
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| prompt | variant | req/s (mean) | throughput vs off | CPU µs/request (mean) | CPU vs off |"
echo "|---|---|---|---|---|---|"
for s in cached uncached; do
  for v in $variants; do
    awk -v s="$s" -v v="$v" -v rps="${RPS[$v.$s]}" -v off="${RPS[off.$s]}" -v cpu="${CPU[$v.$s]}" \
      -v offc="${CPU[off.$s]}" -v n="${N[$v.$s]}" 'BEGIN {
      printf "| %s | %s | %.0f | %+.1f%% | %.1f | %+.1f%% |\n", s, v, rps / n, (rps / off - 1) * 100, cpu / n, (cpu / offc - 1) * 100 }'
  done
done

# Same seconds, same noise: on and off under the same load together, for each prompt.
hz=$(getconf CLK_TCK)
for s in cached uncached; do
echo
echo "$s, on and off loaded together (wrk -t1 -c$((conns / 2)) -d${secs}s each), CPU µs/request:"
echo "| round | on req/s | on CPU µs/req | off req/s | off CPU µs/req | CPU on vs off |"
echo "|---|---|---|---|---|---|"
ratios=""
for r in $(seq 1 "$rounds"); do
  a0=$(cpu_ticks "${PID[on]}"); b0=$(cpu_ticks "${PID[off]}")
  wrk -t1 -c$((conns / 2)) -d"${secs}s" -s "$here/pipeline_$s.lua" "http://127.0.0.1:${PORT[on]}" >"$tmp/on.wrk" 2>&1 &
  w=$!
  wrk -t1 -c$((conns / 2)) -d"${secs}s" -s "$here/pipeline_$s.lua" "http://127.0.0.1:${PORT[off]}" >"$tmp/off.wrk" 2>&1
  wait "$w"
  a1=$(cpu_ticks "${PID[on]}"); b1=$(cpu_ticks "${PID[off]}")
  ra=$(awk '/Requests\/sec/ {print $2}' "$tmp/on.wrk"); rb=$(awk '/Requests\/sec/ {print $2}' "$tmp/off.wrk")
  line=$(awk -v a=$((a1 - a0)) -v b=$((b1 - b0)) -v ra="$ra" -v rb="$rb" -v s="$secs" -v hz="$hz" -v r="$r" 'BEGIN {
    ca = a * 1e6 / hz / (ra * s); cb = b * 1e6 / hz / (rb * s)
    printf "| %d | %.0f | %.1f | %.0f | %.1f | %+.1f%% |\n", r, ra, ca, rb, cb, (ca / cb - 1) * 100 }')
  echo "$line"
  ratios="$ratios $(echo "$line" | awk -F'|' '{gsub(/[ %+]/, "", $7); print $7}')"
done
echo "median CPU on vs off (together, $s): $(echo "$ratios" | tr ' ' '\n' | awk 'NF' | sort -g | awk '{v[NR] = $1} END {
  m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%+.1f%%", m }')"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
