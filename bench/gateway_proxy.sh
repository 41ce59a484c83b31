#!/usr/bin/env bash
# Gateway overhead: the same upstream route called directly, through `aurixa --roles gateway`, and
# through nginx proxy_pass (keep-alive upstream), same box, same run.
# Usage: bench/gateway_proxy.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-32}
bin=$(cd "$here/.." && pwd)/$build/src/aurixa
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_nginx "$tmp"; rm -rf "$tmp"; }
trap cleanup EXIT

# The upstream role (debug routes give a cheap JSON route to proxy).
AURIXA_IO_THREADS=1 AURIXA_ACCESS_LOG=false AURIXA_DEBUG_ROUTES=true AURIXA_DATA_DIR="$tmp/up" AURIXA_HOST=127.0.0.1 \
  start_aurixa "$bin" --roles safety
up_pid=$AURIXA_PID; up_port=$AURIXA_BENCH_PORT; pids+=("$up_pid")
AURIXA_IO_THREADS=1 AURIXA_ACCESS_LOG=false AURIXA_AUTH=off AURIXA_RATE_LIMIT_PER_MINUTE=0 AURIXA_DATA_DIR="$tmp/gw" \
  AURIXA_HOST=127.0.0.1 AURIXA_SAFETY_URL="http://127.0.0.1:$up_port" start_aurixa "$bin" --roles gateway
gw_pid=$AURIXA_PID; gw_port=$AURIXA_BENCH_PORT; pids+=("$gw_pid")

nport=$(free_port)
start_nginx "$tmp" "  upstream role { server 127.0.0.1:$up_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport;
    location /api/v1/safety/ { proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_pass http://role/api/v1/; }
  }"
path=/__debug/request
for u in "http://127.0.0.1:$up_port/api/v1$path" "http://127.0.0.1:$gw_port/api/v1/safety$path" "http://127.0.0.1:$nport/api/v1/safety$path"; do
  wrk -t1 -c"$conns" -d2s "$u" >/dev/null 2>&1
done
read -r d_rps d_p50 d_p99 d_cpu < <(measure "$up_pid" "http://127.0.0.1:$up_port/api/v1$path" "$conns" "$secs")
read -r g_rps g_p50 g_p99 g_cpu < <(measure "$gw_pid" "http://127.0.0.1:$gw_port/api/v1/safety$path" "$conns" "$secs")
npid=$NGINX_PID
read -r n_rps n_p50 n_p99 n_cpu < <(measure "$npid" "http://127.0.0.1:$nport/api/v1/safety$path" "$conns" "$secs")
echo "| path (wrk -t1 -c$conns -d${secs}s, 1 worker each) | req/s | p50 ms | p99 ms | proxy CPU µs/request |"
echo "|---|---|---|---|---|"
echo "| direct to the role | $d_rps | $d_p50 | $d_p99 | — |"
echo "| through aurixa gateway | $g_rps ($(awk -v a=$g_rps -v n=$n_rps 'BEGIN{printf "%.2f", a/n}')× nginx) | $g_p50 (+$(awk -v a=$g_p50 -v d=$d_p50 'BEGIN{printf "%.3f", a-d}')) | $g_p99 | $g_cpu |"
echo "| through nginx proxy_pass | $n_rps | $n_p50 (+$(awk -v a=$n_p50 -v d=$d_p50 'BEGIN{printf "%.3f", a-d}')) | $n_p99 | $n_cpu |"
