-- A mixed API workload for the soak: pipeline turns (new and repeated questions), safety, retrieval and
-- admin reads in rotation, all through the gateway.
local n = 0
local json = {["Content-Type"] = "application/json"}
request = function()
  n = n + 1
  local k = n % 5
  if k == 0 then
    return wrk.format("POST", "/api/v1/orchestration/pipelines", json,
      string.format('{"prompt":"Where can I park for visit %d?","tenant_id":"t-001"}', n))
  elseif k == 1 then
    return wrk.format("POST", "/api/v1/orchestration/pipelines", json,
      '{"prompt":"What are your opening hours?","tenant_id":"t-001"}')
  elseif k == 2 then
    return wrk.format("POST", "/api/v1/safety/validate", json,
      '{"text":"I am John Smith, call me at 555-123-4567."}')
  elseif k == 3 then
    return wrk.format("POST", "/api/v1/rag/retrieve", json, '{"prompt":"parking","tenant_id":"t-001"}')
  end
  return wrk.format("GET", "/api/v1/admin/patients")
end
