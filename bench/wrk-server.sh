#!/usr/bin/env bash
# Load test of the sample server on loopback with wrk: GET /v1/capsule/{id} and exact-cache-hit
# POST /v1/generate/capsule?wait=true, on the embedded store and on PostgreSQL, with the store's read cache off and
# on, one after the other in the same run. See docs/benchmarks.md.
#
# Usage: bench/wrk-server.sh [duration, default 20s] [connections, default 32] [stores, default "embedded postgres"]
#        [variants, default "false true"]
# Variants: "false" and "true" run the jar with qlp.store.cache.enabled set so; "before" runs the jar named by
# QLP_SERVER_JAR_BEFORE (an older build, for a before/after comparison) without the cache key, which it lacks.
# QLP_BENCH_WARMUP: length of the warm-up run before each measured run (default 15s).
# QLP_BENCH_SERVER_ARGS: more server arguments for every run (e.g. --qlp.store.maximum-pool-size=2).
# Needs: the server jar (./mvnw -B -q -o -pl samples/qlp-sample-server -am package -DskipTests), wrk, python3,
#        PostgreSQL on 127.0.0.1:5432 (trust, user postgres, database test) for the postgres runs.
# Runs everything in a fresh mktemp folder and stops what it started on exit.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
JAR=${QLP_SERVER_JAR:-$REPO/samples/qlp-sample-server/target/qlp-sample-server.jar}
DURATION=${1:-20s}
CONNECTIONS=${2:-32}
STORES=${3:-embedded postgres}
CACHES=${4:-false true}
THREADS=2
# Each measured run follows a warm-up run of the same requests: the JIT compiler is still busy for a while after
# the first requests (with 5 s, C2 still took a sixth of the CPU during the measured POST run).
WARMUP=${QLP_BENCH_WARMUP:-15s}
MODEL_PORT=${QLP_BENCH_MODEL_PORT:-18081}
PORT=${QLP_BENCH_PORT:-18080}
KEY=bench-key-$RANDOM$RANDOM
export QLP_BENCH_KEY=$KEY
KEY_SHA=$(printf '%s' "$KEY" | sha256sum | cut -d' ' -f1)

WORK=$(mktemp -d /tmp/qlp-wrk-XXXX)
cd "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

python3 "$REPO/bench/fake-openai.py" "$MODEL_PORT" & PIDS+=($!)

start_server() { # store variant
  local store=$1 cache=$2 args=() jar=$JAR
  if [ "$cache" = before ]; then
    jar=${QLP_SERVER_JAR_BEFORE:?set QLP_SERVER_JAR_BEFORE to the older server jar}
  else
    args+=(--qlp.store.cache.enabled="$cache")
  fi
  SCHEMA=
  if [ "$store" = postgres ]; then
    SCHEMA=qlp_bench_$RANDOM$RANDOM
    args+=(--qlp.store.type=jdbc --qlp.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/test
           --qlp.store.username=postgres --qlp.store.schema="$SCHEMA")
  fi
  QLP_OPENAI_BASE_URL=http://127.0.0.1:$MODEL_PORT/v1 QLP_OPENAI_API_KEY=bench QLP_MODEL=bench \
    java -Xms512m -Xmx1g -jar "$jar" --server.port="$PORT" --qlp.data-dir="$WORK/data-$store-$cache" \
      "--qlp.server.api-keys[0].tenant=bench" "--qlp.server.api-keys[0].sha256=$KEY_SHA" \
      --qlp.server.rate-limit.requests-per-minute=1000000 --qlp.memory.enabled=false \
      "${args[@]}" ${QLP_BENCH_SERVER_ARGS:-} > "$WORK/server-$store-$cache.log" 2>&1 &
  SERVER=$!
  PIDS+=($SERVER)
  for _ in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$PORT/health" > /dev/null; then return 0; fi
    sleep 0.5
  done
  echo "server did not start; see $WORK/server-$store-$cache.log" >&2
  exit 1
}

stop_server() {
  kill "$SERVER"
  wait "$SERVER" 2>/dev/null || true
  if [ -n "$SCHEMA" ]; then
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $SCHEMA CASCADE" > /dev/null
  fi
}

# The server's CPU time (user + system, all its threads) per request of one measured wrk run: unlike req/s, it
# hardly depends on what else the machine runs, so it compares builds measured at different loads.
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER/stat"; }
# PostgreSQL's CPU time: every postgres process (the pool's backends live through a run).
database_cpu_ticks() {
  local total=0 pid
  for pid in $(pgrep -x postgres || true); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
# The whole machine's busy time (user, nice, system, irq, softirq, steal), wrk and the model stand-in included.
machine_cpu_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; }
per_request() { # label ticks requests
  awk -v label="$1" -v t="$2" -v hz="$(getconf CLK_TCK)" -v n="$3" \
    'BEGIN { if (n > 0) printf "%s CPU per request: %.3f ms (%d requests)\n", label, 1000 * t / hz / n, n }'
}
measure() { # wrk arguments after the common ones
  local server_before server_after db_before db_after machine_before machine_after out requests
  server_before=$(server_cpu_ticks) db_before=$(database_cpu_ticks) machine_before=$(machine_cpu_ticks)
  out=$(wrk -t$THREADS -c$CONNECTIONS -d"$DURATION" --latency "$@")
  server_after=$(server_cpu_ticks) db_after=$(database_cpu_ticks) machine_after=$(machine_cpu_ticks)
  printf '%s\n' "$out"
  requests=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
  per_request Server $((server_after - server_before)) "$requests"
  if [ -n "$SCHEMA" ]; then per_request Database $((db_after - db_before)) "$requests"; fi
  per_request Machine $((machine_after - machine_before)) "$requests"
}

echo "# $(date -u +%FT%TZ) $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency"
for store in $STORES; do
  for cache in $CACHES; do
    start_server "$store" "$cache"
    created=$(curl -fs -X POST "http://127.0.0.1:$PORT/v1/generate/capsule?wait=true" -H "X-API-Key: $KEY" \
      -H 'Content-Type: application/json' \
      -d '{"description":"A Java class that parses ISO-8601 durations, with tests","language":"java"}')
    id=$(printf '%s' "$created" | python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["id"])')
    status=$(printf '%s' "$created" | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
    echo "## store=$store variant=$cache capsule=$id status=$status"
    # Warm up the JIT, then measure.
    wrk -t$THREADS -c$CONNECTIONS -d"$WARMUP" -s "$REPO/bench/get.lua" "http://127.0.0.1:$PORT/v1/capsule/$id" > /dev/null
    echo "### GET /v1/capsule/{id} (load $(cut -d' ' -f1 /proc/loadavg))"
    measure -s "$REPO/bench/get.lua" "http://127.0.0.1:$PORT/v1/capsule/$id"
    wrk -t$THREADS -c$CONNECTIONS -d"$WARMUP" -s "$REPO/bench/post.lua" \
      "http://127.0.0.1:$PORT/v1/generate/capsule?wait=true" > /dev/null
    echo "### POST /v1/generate/capsule?wait=true, exact-cache hits (load $(cut -d' ' -f1 /proc/loadavg))"
    measure -s "$REPO/bench/post.lua" "http://127.0.0.1:$PORT/v1/generate/capsule?wait=true"
    stop_server
  done
done
echo "# done $(date -u +%FT%TZ), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
