#!/usr/bin/env bash
# `make bench`: every benchmark; results are printed as markdown tables for docs/PERFORMANCE.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-build}
echo "## HTTP core: GET /health vs nginx"
bash "$here/http_health.sh" "$build" 10 32
echo "## Gateway proxy vs nginx proxy_pass"
bash "$here/gateway_proxy.sh" "$build" 10 32
for b in "$build"/bench/*_bench; do
  [ -x "$b" ] || continue
  echo "## $(basename "$b")"
  "$b" --benchmark_min_time=0.5
done
