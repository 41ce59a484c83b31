#!/usr/bin/env bash
# A/B of aurixa binaries on one wrk Lua script: every binary serves a copy of one seeded store side by side
# (all roles in one process, bench_env settings, AURIXA_TELEMETRY=off unless set), then the binaries are
# measured in turn, ROUNDS times, so load from the shared machine hits all of them alike. Compare the CPU
# µs/request column (the last number before "load") across binaries of the same round.
# Usage: bench/pipeline_ab.sh LUA SECONDS ROUNDS CONNECTIONS BIN_A BIN_B [BIN ...]
# e.g.   bench/pipeline_ab.sh bench/pipeline_cached.lua 5 3 32 /tmp/aurixa-before build/src/aurixa
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"
# shellcheck source=bench/load_lib.sh
. "$here/load_lib.sh"
[ $# -ge 6 ] || { sed -n 2,8p "$0"; exit 2; }
lua=$1; secs=$2; rounds=$3; conns=$4; shift 4
bench_env
export AURIXA_TELEMETRY=${AURIXA_TELEMETRY:-off}
tmp=$(mktemp -d)
pids=(); ports=()
stop_all() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap stop_all EXIT
"$1" seed --data-dir "$tmp/seed" >/dev/null
i=0
for b in "$@"; do
  cp -r "$tmp/seed" "$tmp/d$i"
  AURIXA_DATA_DIR="$tmp/d$i" start_aurixa "$b"
  pids+=("$AURIXA_PID"); ports+=("$AURIXA_BENCH_PORT")
  warm "http://127.0.0.1:$AURIXA_BENCH_PORT" "$lua" 2
  i=$((i + 1))
done
echo "# binary: req/s p50_ms p95_ms p99_ms max_ms non2xx cpu_us_per_request, wrk -t1 -c$conns -d${secs}s $(basename "$lua")"
for r in $(seq 1 "$rounds"); do
  i=0
  for b in "$@"; do
    echo "round $r $b: $(measure_p "${pids[$i]}" "http://127.0.0.1:${ports[$i]}" "$conns" "$secs" "$lua") load $(cut -d' ' -f1 /proc/loadavg)"
    i=$((i + 1))
  done
done
