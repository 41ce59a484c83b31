#!/usr/bin/env bash
# Shared state through Redis: the cached pipeline (every turn after the first is a response-cache hit) and a
# gateway-local route with the rate limiter on, all-in-one with the in-process cache and buckets vs
# all-in-one with REDIS_URL vs the nine roles as nine processes sharing Redis (SQLite data dir as in
# bench/split.sh). A throw-away redis-server on a free loopback port; everything stops by itself.
# Usage: bench/split_redis.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-32}
bin=$(aurixa_bin "$build")
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
bench_env
export AURIXA_RATE_LIMIT_PER_MINUTE=100000000  # on (so it costs what it costs) but never reached
rport=$(free_port)
redis-server --port "$rport" --bind 127.0.0.1 --save "" --appendonly no --dir "$tmp" --logfile "$tmp/redis.log" &
pids+=("$!")
for _ in $(seq 1 100); do redis-cli -p "$rport" ping >/dev/null 2>&1 && break; sleep 0.05; done
redis_pid=${pids[0]}
printf 'wrk.method = "GET"\nwrk.path = "/api/v1/auth/me"\n' >"$tmp/auth_me.lua"  # gateway-local, worker pool

run_all() {  # $1 = label, $2 = comma list of pids (Redis added when used), $3 = gateway URL
  warm "$3" "$here/pipeline_cached.lua"
  row_p "$1: pipeline, cached" "$(measure_p "$2" "$3" "$conns" "$secs" "$here/pipeline_cached.lua")"
  warm "$3" "$tmp/auth_me.lua"
  row_p "$1: GET /api/v1/auth/me (gateway-local; rate limit)" "$(measure_p "$2" "$3" "$conns" "$secs" "$tmp/auth_me.lua")"
}

header_p "mode (wrk -t1 -c$conns -d${secs}s, through the gateway)"
"$bin" seed --data-dir "$tmp/one" >/dev/null
AURIXA_DATA_DIR="$tmp/one" start_aurixa "$bin"
run_all "all-in-one, memory" "$AURIXA_PID" "http://127.0.0.1:$AURIXA_BENCH_PORT"
kill "$AURIXA_PID"; wait "$AURIXA_PID" 2>/dev/null || true

REDIS_URL="redis://127.0.0.1:$rport/0" AURIXA_DATA_DIR="$tmp/one" start_aurixa "$bin"
run_all "all-in-one, REDIS_URL" "$AURIXA_PID,$redis_pid" "http://127.0.0.1:$AURIXA_BENCH_PORT"
kill "$AURIXA_PID"; wait "$AURIXA_PID" 2>/dev/null || true
redis-cli -p "$rport" flushall >/dev/null

roles=(observability safety rag llm execution agents orchestration voice gateway)
declare -A port
for r in "${roles[@]}"; do
  port[$r]=$(free_port)
  export "AURIXA_${r^^}_URL=http://127.0.0.1:${port[$r]}"
done
export AURIXA_INTERNAL_TOKEN=bench-internal-token AURIXA_SEED=false AURIXA_DATA_DIR="$tmp/split" REDIS_URL="redis://127.0.0.1:$rport/0"
"$bin" seed --data-dir "$tmp/split" >/dev/null
split_pids=("$redis_pid")
for r in "${roles[@]}"; do
  "$bin" serve --roles "$r" --port "${port[$r]}" >"$tmp/$r.out" 2>"$tmp/$r.err" &
  pids+=("$!"); split_pids+=("$!")
done
for r in "${roles[@]}"; do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:${port[$r]}/health" >/dev/null && break; sleep 0.05; done
  curl -fs "http://127.0.0.1:${port[$r]}/health" >/dev/null || { echo "role $r did not start: $(tail -3 "$tmp/$r.err")" >&2; exit 1; }
done
run_all "split (9 processes), REDIS_URL" "$(IFS=,; echo "${split_pids[*]}")" "http://127.0.0.1:${port[gateway]}"
