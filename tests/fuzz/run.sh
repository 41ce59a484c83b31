#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets with clang in FUZZ_BUILD_DIR (default build-fuzz) and runs each for
# FUZZ_SECONDS (default 30). Corpora persist in FUZZ_BUILD_DIR/corpus/<target>; a crash leaves its input in
# FUZZ_BUILD_DIR/artifacts/ and fails the run. Usage: tests/fuzz/run.sh [target ...] (default: all).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${FUZZ_BUILD_DIR:-build-fuzz}
case $build in /*) ;; *) build=$root/$build ;; esac
secs=${FUZZ_SECONDS:-30}
jobs=${JOBS:-2}
command -v clang++ >/dev/null || { echo "fuzz: clang++ not found (scripts/install-deps.sh installs clang)" >&2; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DAURIXA_FUZZ=ON
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(nlu_fuzz intent_fuzz router_fuzz pipeline_request_fuzz safety_fuzz)
cmake --build "$build" -j "$jobs" --target "${targets[@]}"

seeds() {  # a few valid inputs so the fuzzer starts from real shapes
  local dir=$1 t=$2
  [ -n "$(ls -A "$dir" 2>/dev/null)" ] && return 0
  case $t in
    nlu_fuzz|intent_fuzz|safety_fuzz)
      printf '\x02\x03\x0e\x09next Tuesday morning with dr adams' >"$dir/s1"
      printf '\x01\x01\x1c\x11can I reschedule to the 14th at 3?' >"$dir/s2"
      printf '\x00\x0b\x1e\x16ma\xc3\xb1ana a las 10, s\xc3\xad' >"$dir/s3" ;;
    router_fuzz)
      printf 'GET /api/v1/patients/42/appointments?limit=5&q=a%%20b' >"$dir/s1"
      printf 'POST /api/v1/orchestration/pipelines' >"$dir/s2" ;;
    pipeline_request_fuzz)
      printf '{"prompt":"What are your hours?","tenant_id":"t-001","patient_id":1,"channel":"voice"}' >"$dir/s1"
      printf '{"prompt":"hi","session_id":null,"tenant_id":2,"user_id":"u"}' >"$dir/s2" ;;
  esac
}

failed=()
mkdir -p "$build/artifacts"
for t in "${targets[@]}"; do
  bin=$(find "$build" -type f -name "$t" -perm -u+x | head -1)
  [ -n "$bin" ] || { echo "fuzz: $t was not built" >&2; failed+=("$t"); continue; }
  corpus=$build/corpus/$t
  mkdir -p "$corpus"
  seeds "$corpus" "$t"
  dict=()
  [ -f "$root/tests/fuzz/$t.dict" ] && dict=(-dict="$root/tests/fuzz/$t.dict")
  echo "== $t (${secs}s)"
  # Inputs that once crashed (tests/fuzz/regressions/<target>) are replayed first as a second, read-only corpus.
  extra=()
  [ -d "$root/tests/fuzz/regressions/$t" ] && extra=("$root/tests/fuzz/regressions/$t")
  if "$bin" "${dict[@]}" -max_total_time="$secs" -max_len=4096 -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
       -artifact_prefix="$build/artifacts/$t-" "$corpus" "${extra[@]}" >"$build/$t.log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^#[0-9]+.*DONE" "$build/$t.log" | tail -2
  else
    echo "fuzz: $t FAILED (log: $build/$t.log)"; tail -30 "$build/$t.log"; failed+=("$t")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then echo "fuzz: failures in ${failed[*]}"; exit 1; fi
echo "fuzz: ${#targets[@]} targets ran ${secs}s each without a crash"
