# Shared helpers for load benchmarks (sourced). Everything runs on loopback and stops by itself.

# start_aurixa BIN [args...] -> sets AURIXA_PID and AURIXA_BENCH_PORT
start_aurixa() {
  local bin=$1; shift
  local out; out=$(mktemp)
  "$bin" serve --port 0 "$@" >"$out" 2>/dev/null &
  AURIXA_PID=$!
  for _ in $(seq 1 300); do
    if grep -q '"event":"listening"' "$out"; then break; fi
    sleep 0.05
  done
  AURIXA_BENCH_PORT=$(sed -n 's/.*"port":\([0-9]*\).*/\1/p' "$out" | head -1)
  [ -n "$AURIXA_BENCH_PORT" ] || { echo "aurixa did not start" >&2; kill "$AURIXA_PID"; return 1; }
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

# measure PID URL CONNS SECONDS [wrk args...] -> prints "rps p50_ms p99_ms cpu_us_per_request"
# CPU time per request (from /proc/PID/stat) is the noise-resistant number: it does not depend on
# what else the 2-core machine is doing during the run.
measure() {
  local pid=$1 url=$2 conns=$3 secs=$4; shift 4
  local hz; hz=$(getconf CLK_TCK)
  local t0; t0=$(cpu_ticks "$pid")
  local out; out=$(wrk -t1 -c"$conns" -d"${secs}s" --latency "$@" "$url" 2>/dev/null)
  local t1; t1=$(cpu_ticks "$pid")
  echo "$out" | awk -v ticks=$((t1 - t0)) -v hz="$hz" -v secs="$secs" '
    function ms(v) { if (v ~ /us$/) return v/1000; if (v ~ /ms$/) return v+0; if (v ~ /s$/) return v*1000; return v }
    /Requests\/sec/ {rps=$2}
    /^ +50%/ {p50=ms($2)} /^ +99%/ {p99=ms($2)}
    END {printf "%.0f %.3f %.3f %.2f\n", rps, p50, p99, (rps > 0 ? ticks * 1e6 / hz / (rps * secs) : 0)}'
}

# start_nginx DIR "http-block body" -> starts nginx (1 worker, no access log) with its files in DIR and
# sets NGINX_PID to the worker's pid. stop_nginx DIR stops it.
start_nginx() {
  local dir=$1 body=$2
  cat >"$dir/nginx.conf" <<EOT
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
$body
}
EOT
  nginx -c "$dir/nginx.conf" -p "$dir"
  sleep 0.3
  NGINX_PID=$(pgrep -f "nginx: worker process" -n)
}
stop_nginx() { nginx -c "$1/nginx.conf" -p "$1" -s stop 2>/dev/null || true; }
