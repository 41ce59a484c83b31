#!/usr/bin/env bash
# Pipeline latency percentiles vs connections (uncached and cached), all roles in one process, and the
# issue #9 targets checked at 32 connections. Writes bench/results/pipeline_curve.dat and, when gnuplot is
# installed, bench/results/pipeline_curve.png.
# Usage: bench/pipeline_curve.sh [BUILD_DIR] [SECONDS] ["1 2 4 8 16 32 64 128"]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
. "$here/load_lib.sh"
build=${1:-build}; secs=${2:-5}; steps=${3:-1 2 4 8 16 32 64 128}
bin=$(aurixa_bin "$build")
out=${BENCH_RESULTS:-$here/results}
mkdir -p "$out"
tmp=$(mktemp -d)
AURIXA_PID=
trap '[ -n "$AURIXA_PID" ] && kill $AURIXA_PID 2>/dev/null; rm -rf "$tmp"' EXIT
bench_env
"$bin" seed --data-dir "$tmp/data" >/dev/null  # seeding (argon2 hashes) is slow: not inside the start-up wait
AURIXA_DATA_DIR="$tmp/data" start_aurixa "$bin"
base="http://127.0.0.1:$AURIXA_BENCH_PORT"

dat=$out/pipeline_curve.dat
echo "# conns uncached(rps p50 p95 p99) cached(rps p50 p95 p99)" >"$dat"
header_p "pipeline vs connections (wrk -t1 -d${secs}s)"
warm "$base" "$here/pipeline_uncached.lua"
warm "$base" "$here/pipeline_cached.lua"
for c in $steps; do
  read -r u_rps u50 u95 u99 u_max u_bad u_cpu < <(measure_p "$AURIXA_PID" "$base" "$c" "$secs" "$here/pipeline_uncached.lua")
  read -r c_rps c50 c95 c99 c_max c_bad c_cpu < <(measure_p "$AURIXA_PID" "$base" "$c" "$secs" "$here/pipeline_cached.lua")
  echo "$c $u_rps $u50 $u95 $u99 $c_rps $c50 $c95 $c99" >>"$dat"
  row_p "uncached, $c connections" "$u_rps $u50 $u95 $u99 $u_max $u_bad $u_cpu"
  row_p "cached, $c connections" "$c_rps $c50 $c95 $c99 $c_max $c_bad $c_cpu"
  if [ "$c" = 32 ]; then
    targets="issue #9 targets at 32 connections: uncached p95 $u95 ms (target <= 5): $(awk -v v="$u95" 'BEGIN{print (v <= 5 ? "met" : "NOT met")}');"
    targets+=" uncached $u_rps req/s (target >= 3000): $(awk -v v="$u_rps" 'BEGIN{print (v >= 3000 ? "met" : "NOT met")}');"
    targets+=" cached $c_rps req/s (target >= 20000): $(awk -v v="$c_rps" 'BEGIN{print (v >= 20000 ? "met" : "NOT met")}')"
  fi
done
echo
[ -n "${targets:-}" ] && echo "$targets"
if command -v gnuplot >/dev/null; then
  gnuplot <<EOT
set terminal pngcairo size 900,520 noenhanced font ",10"
set output "$out/pipeline_curve.png"
set title "POST /api/v1/orchestration/pipelines, all roles in one process ($(nproc) cores, shared machine)"
set xlabel "connections"; set ylabel "latency ms"; set logscale x 2; set logscale y; set key top left; set grid
plot "$dat" using 1:3 with linespoints title "uncached p50", "" using 1:4 with linespoints title "uncached p95", \
     "" using 1:5 with linespoints title "uncached p99", "" using 1:7 with linespoints title "cached p50", \
     "" using 1:8 with linespoints title "cached p95", "" using 1:9 with linespoints title "cached p99"
EOT
  echo "plot: $out/pipeline_curve.png"
else
  echo "gnuplot not installed: no plot (data in $dat)"
fi
