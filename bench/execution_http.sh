#!/usr/bin/env bash
# POST /api/v1/execute over HTTP on a `--roles execution` process (SQLite, seeded; access log off):
#   get_availability   the read path
#   create_appointment the refused path (the slot is taken after the first request: rollback, nearest
#                      free slots, audit row through group commit)
# Successful bookings need a fresh slot per request; their latency is measured in process by
# build/bench/execution_bench (docs/PERFORMANCE.md, "Execution engine").
# Usage: bench/execution_http.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-16}
bin=$(cd "$here/.." && pwd)/$build/src/aurixa

tmp=$(mktemp -d)
AURIXA_PID=
trap '[ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT
tomorrow=$(date -d tomorrow +%Y-%m-%d)

post_script() {  # $1 = JSON body
  cat >"$tmp/post.lua" <<EOT
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$1'
EOT
  echo "$tmp/post.lua"
}

AURIXA_ACCESS_LOG=false AURIXA_LOG_LEVEL=warn AURIXA_DATA_DIR="$tmp/data" AURIXA_HOST=127.0.0.1 \
  start_aurixa "$bin" --roles execution
url="http://127.0.0.1:$AURIXA_BENCH_PORT/api/v1/execute"

echo "| POST /api/v1/execute (wrk -t1 -c$conns -d${secs}s, SQLite) | req/s | p50 ms | p99 ms | CPU µs/request |"
echo "|---|---|---|---|---|"
s=$(post_script "{\"action_name\":\"get_availability\",\"params\":{\"date\":\"$tomorrow\"}}")
wrk -t1 -c"$conns" -d2s -s "$s" "$url" >/dev/null 2>&1
read -r rps p50 p99 cpu < <(measure "$AURIXA_PID" "$url" "$conns" "$secs" -s "$s")
echo "| get_availability | $rps | $p50 | $p99 | $cpu |"
s=$(post_script "{\"action_name\":\"create_appointment\",\"params\":{\"patient_id\":1,\"date\":\"$tomorrow\",\"start_time\":\"14:00\",\"provider_name\":\"Dr. Bell\"}}")
curl -s -X POST -H 'Content-Type: application/json' -d @<(sed -n "s/^wrk.body = '\(.*\)'$/\1/p" "$s") "$url" >/dev/null
wrk -t1 -c"$conns" -d2s -s "$s" "$url" >/dev/null 2>&1
read -r rps p50 p99 cpu < <(measure "$AURIXA_PID" "$url" "$conns" "$secs" -s "$s")
echo "| create_appointment, slot taken (refusal with options) | $rps | $p50 | $p99 | $cpu |"
