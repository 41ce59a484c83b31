#!/usr/bin/env bash
# The public API under load, all roles in one process (the default deployment of `make run`), through the
# gateway: pipeline with cache hits and with misses, admin reads, bookings, retrieval, safety. Fresh SQLite
# data dir; auth, rate limit and access log off (bench_env).
# Usage: bench/api.sh [BUILD_DIR] [SECONDS] [CONNECTIONS]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; secs=${2:-10}; conns=${3:-32}
bin=$(aurixa_bin "$build")
tmp=$(mktemp -d)
AURIXA_PID=
trap '[ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT
bench_env

# Seed first, then add bookable slots (the seed has 63) so every booking request finds a free one.
"$bin" seed --data-dir "$tmp/data" >/dev/null
add_booking_slots "$tmp/data/aurixa.db" 30 400
AURIXA_DATA_DIR="$tmp/data" start_aurixa "$bin"
base="http://127.0.0.1:$AURIXA_BENCH_PORT"

header_p "all roles in one process (wrk -t1 -c$conns -d${secs}s)"
for s in pipeline_cached pipeline_uncached admin_patients rag_retrieve safety_validate; do
  warm "$base" "$here/$s.lua"
  row_p "$s" "$(measure_p "$AURIXA_PID" "$base" "$conns" "$secs" "$here/$s.lua")"
done
# No warm-up for bookings: every request consumes a slot (400 days x 60 slots = 24,000).
BOOKING_FIRST_DAY=30 row_p "bookings (create_appointment, new slot each)" \
  "$(BOOKING_FIRST_DAY=30 measure_p "$AURIXA_PID" "$base" "$conns" "$secs" "$here/bookings.lua")"
booked=$(sqlite3 "$tmp/data/aurixa.db" "SELECT count(*) FROM appointments WHERE reason = 'bench'")
echo
echo "bookings written: $booked; RSS after the run: $(( $(rss_kb "$AURIXA_PID") / 1024 )) MiB"
