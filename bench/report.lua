-- Appended to every load script by load_lib.sh: prints the percentiles wrk's --latency table lacks (p95)
-- and the count of non-2xx/3xx answers, so a benchmark never silently measures errors.
function done(summary, latency, requests)
  io.write(string.format("AURIXA_PCT %.3f %.3f %.3f %.3f %d %d\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status, summary.requests))
end
