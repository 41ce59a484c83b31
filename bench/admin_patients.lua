-- GET /api/v1/admin/patients (admin read through the gateway, store query on the worker pool).
wrk.method = "GET"
wrk.path = "/api/v1/admin/patients"
