-- wrk script: adds the API key (QLP_BENCH_KEY) to every GET.
wrk.headers["X-API-Key"] = os.getenv("QLP_BENCH_KEY")
