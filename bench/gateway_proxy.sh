#!/usr/bin/env bash
# Gateway overhead: the same upstream route called directly, through `aurixa --roles gateway` (telemetry on,
# the default, and off) and through nginx proxy_pass (keep-alive upstream, access log off), same box, same run.
# Throughput: 32 closed-loop connections, the four paths alternated for ROUNDS rounds (medians reported).
# Added latency: one connection (no queueing), p50 minus the direct p50.
# Usage: bench/gateway_proxy.sh [BUILD_DIR] [SECONDS] [CONNECTIONS] [ROUNDS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-32}; rounds=${4:-3}
bin=$(cd "$here/.." && pwd)/$build/src/aurixa
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; stop_nginx "$tmp"; rm -rf "$tmp"; }
trap cleanup EXIT

# The upstream role (debug routes give a cheap JSON route to proxy).
AURIXA_IO_THREADS=1 AURIXA_ACCESS_LOG=false AURIXA_DEBUG_ROUTES=true AURIXA_DATA_DIR="$tmp/up" AURIXA_HOST=127.0.0.1 \
  start_aurixa "$bin" --roles safety
up_pid=$AURIXA_PID; up_port=$AURIXA_BENCH_PORT; pids+=("$up_pid")
declare -A pid url
pid[direct]=$up_pid
path=/__debug/request
url[direct]="http://127.0.0.1:$up_port/api/v1$path"
for t in on off; do
  AURIXA_IO_THREADS=1 AURIXA_ACCESS_LOG=false AURIXA_TELEMETRY=$t AURIXA_AUTH=off AURIXA_RATE_LIMIT_PER_MINUTE=0 \
    AURIXA_DATA_DIR="$tmp/gw-$t" AURIXA_HOST=127.0.0.1 AURIXA_SAFETY_URL="http://127.0.0.1:$up_port" \
    start_aurixa "$bin" --roles gateway
  pid[gateway_$t]=$AURIXA_PID; pids+=("$AURIXA_PID")
  url[gateway_$t]="http://127.0.0.1:$AURIXA_BENCH_PORT/api/v1/safety$path"
done

nport=$(free_port)
start_nginx "$tmp" "  upstream role { server 127.0.0.1:$up_port; keepalive 64; }
  server {
    listen 127.0.0.1:$nport;
    location /api/v1/safety/ { proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_pass http://role/api/v1/; }
  }"
pid[nginx]=$NGINX_PID
url[nginx]="http://127.0.0.1:$nport/api/v1/safety$path"
paths=(direct gateway_on gateway_off nginx)
for p in "${paths[@]}"; do wrk -t1 -c"$conns" -d2s "${url[$p]}" >/dev/null 2>&1; done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
declare -A rps p50 p99 cpu lat
for ((r = 1; r <= rounds; r++)); do
  for p in "${paths[@]}"; do
    read -r a b c d < <(measure "${pid[$p]}" "${url[$p]}" "$conns" "$secs")
    rps[$p]="${rps[$p]:-} $a"; p50[$p]="${p50[$p]:-} $b"; p99[$p]="${p99[$p]:-} $c"; cpu[$p]="${cpu[$p]:-} $d"
  done
  for p in "${paths[@]}"; do
    read -r _ b _ _ < <(measure "${pid[$p]}" "${url[$p]}" 1 "$secs")
    lat[$p]="${lat[$p]:-} $b"
  done
done
n_rps=$(echo "${rps[nginx]}" | median)
d_lat=$(echo "${lat[direct]}" | median)
echo "| path (wrk -t1 -c$conns, $rounds alternated rounds of ${secs}s; 1 worker each) | req/s per round | median req/s | vs nginx | p99 ms (median) | proxy CPU µs/request (median) | p50 at 1 connection, ms (median) | added p50 ms |"
echo "|---|---|---|---|---|---|---|---|"
for p in "${paths[@]}"; do
  m=$(echo "${rps[$p]}" | median); l=$(echo "${lat[$p]}" | median)
  ratio=$(awk -v a="$m" -v n="$n_rps" 'BEGIN{printf "%.2f×", a/n}')
  c=$( [ "$p" = direct ] && echo "—" || echo "${cpu[$p]}" | median)
  added=$( [ "$p" = direct ] && echo "—" || awk -v a="$l" -v d="$d_lat" 'BEGIN{printf "+%.3f", a-d}')
  echo "| $p |${rps[$p]} | $m | $ratio | $(echo "${p99[$p]}" | median) | $c | $l | $added |"
done
