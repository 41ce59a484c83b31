#!/usr/bin/env bash
# Bounded soak: a mixed workload (bench/mixed.lua) against all roles in one process for SOAK_MINUTES
# (default 2; 30 for the full run), recording RSS every 10 s (every minute when longer than 5 minutes).
# Reports the RSS curve, its growth over the second half (a leak shows as steady growth after warm-up) and
# the throughput. Writes bench/results/soak.dat.
# Usage: SOAK_MINUTES=30 bench/soak.sh [BUILD_DIR] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; conns=${2:-16}
minutes=${SOAK_MINUTES:-2}
interval=$([ "$minutes" -le 5 ] && echo 10 || echo 60)
bin=$(aurixa_bin "$build")
out=${BENCH_RESULTS:-$here/results}
mkdir -p "$out"
tmp=$(mktemp -d)
AURIXA_PID=; WRK_PID=
trap '[ -n "$WRK_PID" ] && kill $WRK_PID 2>/dev/null; [ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT
bench_env
"$bin" seed --data-dir "$tmp/data" >/dev/null
AURIXA_DATA_DIR="$tmp/data" start_aurixa "$bin"
base="http://127.0.0.1:$AURIXA_BENCH_PORT"

secs=$((minutes * 60))
cat "$here/mixed.lua" "$here/report.lua" >"$tmp/mixed.lua"
wrk -t1 -c"$conns" -d"${secs}s" --timeout 10s -s "$tmp/mixed.lua" "$base" >"$tmp/wrk.out" 2>&1 &
WRK_PID=$!
dat=$out/soak.dat
echo "# seconds rss_kib wal_kib" >"$dat"
# The SQLite WAL must stay bounded too (a checkpoint that never restarts it lets it grow with every commit).
wal_kb() { local f="$tmp/data/aurixa.db-wal"; [ -f "$f" ] && echo $(($(stat -c %s "$f") / 1024)) || echo 0; }
t=0
while [ $t -le $secs ] && kill -0 "$WRK_PID" 2>/dev/null; do
  echo "$t $(rss_kb "$AURIXA_PID") $(wal_kb)" >>"$dat"
  sleep "$interval"; t=$((t + interval))
done
wait "$WRK_PID" || true; WRK_PID=
echo "$t $(rss_kb "$AURIXA_PID") $(wal_kb)" >>"$dat"

echo "| soak: mixed workload, wrk -t1 -c$conns, $minutes min | value |"
echo "|---|---|"
awk '/Requests\/sec/ {print "| throughput | " $2 " req/s |"}' "$tmp/wrk.out"
awk '/^AURIXA_PCT/ {print "| latency p50 / p95 / p99 / max | " $2 " / " $3 " / " $4 " / " $5 " ms |"; print "| requests / non-2xx | " $7 " / " $6 " |"}' "$tmp/wrk.out"
awk '!/^#/ {t[NR]=$1; r[NR]=$2; w[NR]=$3; n=NR; if ($3 > wmax) wmax=$3} END {
  h=int((n+1)/2); printf "| RSS start / middle / end | %.0f / %.0f / %.0f MiB |\n", r[2]/1024, r[h+1]/1024, r[n]/1024;
  printf "| RSS growth over the second half | %+.1f MiB (%+.1f%%) |\n", (r[n]-r[h+1])/1024, 100*(r[n]-r[h+1])/r[h+1];
  printf "| SQLite WAL file largest / end | %.1f / %.1f MiB |\n", wmax/1024, w[n]/1024 }' "$dat"
echo
echo "RSS samples (every ${interval}s, MiB): $(awk '!/^#/ {printf "%.0f ", $2/1024}' "$dat")"
