-- Like pipeline_cached.lua, but each request names a new session_id: the turn then looks the (absent) session up
-- in the store, which a turn without session_id skips (generated ids cannot exist yet). A/B for that read.
wrk.method = "POST"
wrk.path = "/api/v1/orchestration/pipelines"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  local body = string.format('{"prompt":"What are your opening hours?","tenant_id":"t-001","session_id":"bench-%d-%d"}', math.random(1, 1000000000), n)
  return wrk.format(nil, nil, nil, body)
end
