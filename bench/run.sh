#!/usr/bin/env bash
# `make bench`: every benchmark; results are printed as markdown tables for docs/PERFORMANCE.md.
# BENCH_SECONDS (default 10) per load run; SOAK_MINUTES (default 2; 30 for the full run) for the soak;
# AURIXA_BIN overrides the binary under test. Everything runs on loopback and stops by itself.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
secs=${BENCH_SECONDS:-10}
echo "## HTTP core: GET /health vs nginx"
bash "$here/http_health.sh" "$build" "$secs" 32
echo "## Gateway proxy vs nginx proxy_pass"
bash "$here/gateway_proxy.sh" "$build" "$secs" 32
echo "## API under load (all roles in one process)"
bash "$here/api.sh" "$build" "$secs" 32
echo "## Pipeline latency vs connections"
bash "$here/pipeline_curve.sh" "$build" "$(( secs < 5 ? secs : 5 ))"
echo "## All-in-one vs split"
bash "$here/split.sh" "$build" "$secs" 32
echo "## Shared state through Redis (REDIS_URL)"
bash "$here/split_redis.sh" "$build" "$secs" 32
echo "## Execution engine over HTTP"
bash "$here/execution_http.sh" "$build" "$secs" 16
echo "## Soak (${SOAK_MINUTES:-2} min)"
bash "$here/soak.sh" "$build" 16
for b in "$build"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "## $(basename "$b")"
  "$b" --benchmark_min_time=0.5
done
