#!/usr/bin/env bash
# GET /health on aurixa vs nginx returning the same static JSON, same box, same run, one worker each.
# Usage: bench/http_health.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-32}
bin=$(cd "$here/.." && pwd)/$build/src/aurixa

tmp=$(mktemp -d)
nport=$(free_port)
start_nginx "$tmp" "  server {
    listen 127.0.0.1:$nport;
    location = /health { default_type application/json; return 200 '{\"service\":\"aurixa\",\"status\":\"healthy\",\"version\":\"0.1.0\",\"uptime\":12.345}'; }
  }"
npid=$NGINX_PID
AURIXA_PID=
trap 'stop_nginx "$tmp"; [ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT

row() { printf "| %s | %s | %s | %s | %s |\n" "$1" "$2" "$3" "$4" "$5"; }
echo "| server (1 worker; wrk -t1 -c$conns -d${secs}s) | req/s | p50 ms | p99 ms | CPU µs/request |"
echo "|---|---|---|---|---|"
wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$nport/health" >/dev/null 2>&1
read -r n_rps n_p50 n_p99 n_cpu < <(measure "$npid" "http://127.0.0.1:$nport/health" "$conns" "$secs")
row "nginx 1.22 static JSON" "$n_rps" "$n_p50" "$n_p99" "$n_cpu"
# The bare HTTP core: a single-role process (no gateway filter), access log off.
AURIXA_IO_THREADS=1 AURIXA_ACCESS_LOG=false AURIXA_DATA_DIR="$tmp/core" AURIXA_HOST=127.0.0.1 start_aurixa "$bin" --roles safety
wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$AURIXA_BENCH_PORT/health" >/dev/null 2>&1
read -r c_rps c_p50 c_p99 c_cpu < <(measure "$AURIXA_PID" "http://127.0.0.1:$AURIXA_BENCH_PORT/health" "$conns" "$secs")
row "aurixa HTTP core (single role), access log off" "$c_rps ($(awk -v a=$c_rps -v n=$n_rps 'BEGIN{printf "%.2f", a/n}')× nginx)" "$c_p50" "$c_p99" "$c_cpu ($(awk -v a=$c_cpu -v n=$n_cpu 'BEGIN{printf "%.2f", n/a}')× nginx efficiency)"
kill "$AURIXA_PID"; wait "$AURIXA_PID" 2>/dev/null || true; AURIXA_PID=
for log in false true; do
  AURIXA_IO_THREADS=1 AURIXA_RATE_LIMIT_PER_MINUTE=0 AURIXA_ACCESS_LOG=$log AURIXA_DATA_DIR="$tmp/data" AURIXA_HOST=127.0.0.1 start_aurixa "$bin"
  wrk -t1 -c"$conns" -d2s "http://127.0.0.1:$AURIXA_BENCH_PORT/health" >/dev/null 2>&1
  read -r a_rps a_p50 a_p99 a_cpu < <(measure "$AURIXA_PID" "http://127.0.0.1:$AURIXA_BENCH_PORT/health" "$conns" "$secs")
  row "aurixa all roles (gateway filter), access log $log" "$a_rps ($(awk -v a=$a_rps -v n=$n_rps 'BEGIN{printf "%.2f", a/n}')× nginx)" "$a_p50" "$a_p99" "$a_cpu ($(awk -v a=$a_cpu -v n=$n_cpu 'BEGIN{printf "%.2f", n/a}')× nginx efficiency)"
  kill "$AURIXA_PID"; wait "$AURIXA_PID" 2>/dev/null || true; AURIXA_PID=
done
