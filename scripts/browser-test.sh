#!/usr/bin/env bash
# The web page's tests: unit tests of its modules (node --test), then the end-to-end test in headless Chromium
# against the sample server jar and a loopback OpenAI-compatible model. Screenshots, downloads and logs land in
# samples/qlp-sample-server/target/browser-artifacts/. See docs/web-page.md.
#
#   ./scripts/browser-test.sh            # builds the jar first if target/qlp-sample-server.jar is missing
#
# Needs node >= 20 and npm; installs Debian's chromium with apt-get when /usr/bin/chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
module="$repo/samples/qlp-sample-server"
browser="$module/src/test/browser"
jar="$module/target/qlp-sample-server.jar"
artifacts="$module/target/browser-artifacts"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

log() { printf '[browser-test] %s\n' "$*" >&2; }
fail() { log "FAILED: $*"; exit 1; }

command -v node >/dev/null || fail "node is not installed (node 20 or newer is needed)"
command -v npm >/dev/null || fail "npm is not installed"
command -v java >/dev/null || fail "java is not installed"

if [[ ! -x "$CHROMIUM" ]]; then
  if command -v apt-get >/dev/null; then
    log "installing chromium with apt-get"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq || log "apt-get update failed; trying the install anyway"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium \
      || log "apt-get could not install chromium"
  else
    log "no apt-get here to install chromium"
  fi
  [[ -x "$CHROMIUM" ]] || fail "no Chromium at $CHROMIUM (install Debian's chromium, or set CHROMIUM)"
fi
log "$("$CHROMIUM" --version 2>/dev/null || echo "chromium at $CHROMIUM")"

if [[ ! -f "$jar" ]]; then
  log "building $jar"
  ./mvnw -B -q -o -pl samples/qlp-sample-server -am package -DskipTests \
    || ./mvnw -B -q -pl samples/qlp-sample-server -am package -DskipTests
fi
[[ -f "$jar" ]] || fail "no $jar"

log "installing playwright-core (npm)"
if [[ -f "$browser/package-lock.json" ]]; then
  (cd "$browser" && npm ci --no-audit --no-fund --loglevel=error)
else
  (cd "$browser" && npm install --no-audit --no-fund --loglevel=error)
fi

rm -rf -- "$artifacts"
mkdir -p "$artifacts"

# Everything the run starts and writes lives in this folder; the trap stops what was started and removes it.
work=$(mktemp -d "${TMPDIR:-/tmp}/qlp-browser-XXXXXX")
pids=()
cleanup() {
  local status=$?
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  done
  cp "$work"/*.log "$work"/*.jsonl "$artifacts"/ 2>/dev/null || true
  case "$work" in
    */qlp-browser-??????) rm -rf -- "$work" ;;
  esac
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "unit tests of the page's modules"
(cd "$work" && node --test "$browser/unit/")

free_port() {
  node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_for() { # wait_for SECONDS PID DESCRIPTION COMMAND...
  local seconds=$1 pid=$2 what=$3
  shift 3
  for _ in $(seq 1 $((seconds * 5))); do
    if "$@" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$what exited while starting"
      return 1
    fi
    sleep 0.2
  done
  log "$what did not start within ${seconds}s"
  return 1
}

log "starting the loopback model"
(cd "$work" && exec node "$browser/model-server.mjs" --port-file "$work/model.port" --log "$work/model-requests.jsonl" \
  > "$work/model.log" 2>&1) &
pids+=($!)
wait_for 30 "${pids[0]}" "the model server" test -s "$work/model.port" \
  || { tail -n 20 "$work/model.log" >&2 || true; fail "no model server"; }
model_port=$(cat "$work/model.port")

key="e2e-$(od -An -tx1 -N24 /dev/urandom | tr -d ' \n')"
key_hash=$(printf '%s' "$key" | sha256sum | cut -d' ' -f1)
server_port=$(free_port)
mkdir -p "$work/data"
cat > "$work/application.yml" <<YAML
server:
  address: 127.0.0.1
  port: $server_port
qlp:
  data-dir: $work/data
  memory:
    enabled: false
  tiers:
    t0:
      provider: openai
      base-url: http://127.0.0.1:$model_port/v1
      api-key: loopback
      model: loopback-coder
      max-retries: 0
  generation:
    max-attempts: 2
  server:
    api-keys:
      - {tenant: browser-test, sha256: $key_hash}
    rate-limit:
      requests-per-minute: 10000
YAML

log "starting the server on 127.0.0.1:$server_port"
# java.io.tmpdir stays the system's: the validator's sandboxed workers run as other users and read the jars the
# server unpacks there, which they could not do inside this private (0700) folder.
(cd "$work" && OPT_OUT_TRACKING=true exec java -Xmx512m -jar "$jar" \
  --spring.config.additional-location="file:$work/application.yml" > "$work/server.log" 2>&1) &
pids+=($!)
health() {
  node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
    "http://127.0.0.1:$server_port/health"
}
wait_for 240 "${pids[1]}" "the server" health \
  || { tail -n 40 "$work/server.log" >&2 || true; fail "no server"; }

log "end-to-end test in headless Chromium"
status=0
(cd "$work" && QLP_BASE_URL="http://127.0.0.1:$server_port" QLP_API_KEY="$key" QLP_ARTIFACTS="$artifacts" \
  node --test --test-concurrency=1 "$browser/e2e/") || status=$?
if [[ $status -ne 0 ]]; then
  log "server log (last lines):"
  tail -n 40 "$work/server.log" >&2 || true
  fail "the end-to-end test failed; screenshots and logs are in $artifacts"
fi
log "passed; screenshots and downloads are in $artifacts"
