#!/usr/bin/env bash
# Voice-to-first-audio (docs/PERFORMANCE.md "Voice"): `aurixa serve` (all roles, builtin LLM, seeded SQLite,
# auth off) and bench/voice_latency speaking short requests into /ws/voice in real time, first one caller,
# then two at once, back to back in one run so the two rows share the machine's load.
# Usage: bench/voice_latency.sh [BUILD_DIR] [TURNS=12]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; turns=${2:-12}
bin=$(aurixa_bin "$build")
tool="$(cd "$here/.." && pwd)/$build/bench/voice_latency"
tmp=$(mktemp -d)
AURIXA_PID=
trap '[ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT
bench_env
"$bin" seed --data-dir "$tmp/data" >/dev/null
AURIXA_DATA_DIR="$tmp/data" start_aurixa "$bin"
# One warm-up turn (decoder pool, caches), not counted.
"$tool" "$AURIXA_BENCH_PORT" 1 /ws/voice >/dev/null
echo "### one caller"
"$tool" "$AURIXA_BENCH_PORT" "$turns" /ws/voice 1
echo "### two concurrent callers"
"$tool" "$AURIXA_BENCH_PORT" "$turns" /ws/voice 2
