-- POST /api/v1/orchestration/pipelines with a knowledge question that differs on every request (a counter in
-- the prompt), so the response cache always misses: safety in, intent, retrieval, generation (offline
-- template answer), safety out, persistence.
local questions = {
  "What are your opening hours for visit %d?",
  "Where can I park when I come in for appointment %d?",
  "Do you accept insurance plan %d?",
  "How do I prepare for blood test number %d?",
}
local n = 0
request = function()
  n = n + 1
  local q = string.format(questions[n % #questions + 1], n)
  return wrk.format("POST", "/api/v1/orchestration/pipelines", {["Content-Type"] = "application/json"},
    '{"prompt":"' .. q .. '","tenant_id":"t-001"}')
end
