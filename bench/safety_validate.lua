-- POST /api/v1/safety/validate with personal data to redact (names, phone, date of birth).
wrk.method = "POST"
wrk.path = "/api/v1/safety/validate"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text":"Hi, I am John Smith, born 03/14/1985, call me at 555-123-4567 about my appointment tomorrow."}'
