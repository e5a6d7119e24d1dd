-- wrk script: POST /v1/generate/capsule?wait=true with the same request every time, so that after the first
-- generation every call is an exact-cache hit answered 201. The key comes from the QLP_BENCH_KEY variable.
-- wrk prints "Non-2xx or 3xx responses" when any answer was not a success.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-API-Key"] = os.getenv("QLP_BENCH_KEY")
wrk.body = '{"description":"A Java class that parses ISO-8601 durations, with tests","language":"java"}'
