#!/usr/bin/env bash
# All-in-one vs split: the same requests through the gateway with every role in one process, then with the
# nine roles as separate processes (`aurixa serve --roles X`, AURIXA_<ROLE>_URL pointing at each other, as in
# deploy/docker-compose.yml) sharing one seeded SQLite data dir. CPU is summed over all processes.
# Usage: bench/split.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
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
scenarios=(pipeline_cached pipeline_uncached safety_validate rag_retrieve admin_patients)

run_all() {  # $1 = label, $2 = comma list of pids, $3 = gateway URL
  for s in "${scenarios[@]}"; do
    warm "$3" "$here/$s.lua"
    row_p "$1: $s" "$(measure_p "$2" "$3" "$conns" "$secs" "$here/$s.lua")"
  done
}

header_p "mode (wrk -t1 -c$conns -d${secs}s, through the gateway)"
"$bin" seed --data-dir "$tmp/one" >/dev/null  # seeding (argon2 hashes) is slow: not inside the start-up wait
AURIXA_DATA_DIR="$tmp/one" start_aurixa "$bin"
pids+=("$AURIXA_PID")
run_all "all-in-one" "$AURIXA_PID" "http://127.0.0.1:$AURIXA_BENCH_PORT"
rss_one=$(rss_kb "$AURIXA_PID")
kill "$AURIXA_PID"; wait "$AURIXA_PID" 2>/dev/null || true; pids=()

# Split: ports chosen up front so every role can be told where the others are.
roles=(observability safety rag llm execution agents orchestration voice gateway)
declare -A port
for r in "${roles[@]}"; do
  port[$r]=$(free_port)
  export "AURIXA_${r^^}_URL=http://127.0.0.1:${port[$r]}"
done
export AURIXA_INTERNAL_TOKEN=bench-internal-token AURIXA_SEED=false AURIXA_DATA_DIR="$tmp/split"
"$bin" seed --data-dir "$tmp/split" >/dev/null
for r in "${roles[@]}"; do
  "$bin" serve --roles "$r" --port "${port[$r]}" >"$tmp/$r.out" 2>"$tmp/$r.err" &
  pids+=("$!")
done
for r in "${roles[@]}"; do
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:${port[$r]}/health" >/dev/null && break; sleep 0.05; done
  curl -fs "http://127.0.0.1:${port[$r]}/health" >/dev/null || { echo "role $r did not start: $(tail -3 "$tmp/$r.err")" >&2; exit 1; }
done
all=$(IFS=,; echo "${pids[*]}")
run_all "split (9 processes)" "$all" "http://127.0.0.1:${port[gateway]}"
rss_split=0
for p in "${pids[@]}"; do rss_split=$((rss_split + $(rss_kb "$p"))); done
echo
echo "RSS after the runs: all-in-one $((rss_one / 1024)) MiB; split $((rss_split / 1024)) MiB in ${#pids[@]} processes"
