-- POST /api/v1/rag/retrieve (BM25 over the tenant's knowledge base; hybrid when an embedder is configured).
wrk.method = "POST"
wrk.path = "/api/v1/rag/retrieve"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"prompt":"Is there parking at the clinic and what are the opening hours?","tenant_id":"t-001","top_k":5}'
