-- POST /api/v1/orchestration/pipelines with one knowledge question: after the first request every turn is a
-- response-cache hit (safety in, intent, cache lookup, persistence of the turn).
wrk.method = "POST"
wrk.path = "/api/v1/orchestration/pipelines"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"prompt":"What are your opening hours?","tenant_id":"t-001"}'
