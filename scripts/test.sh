#!/usr/bin/env bash
# The test command of the README: brings up the services the tests need, then runs the whole build with its tests
# (the container image's test included), then the web page's end-to-end test in headless Chromium against the jar
# the build just made.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf '[test] %s\n' "$*" >&2; }

# The validator runs Python capsules as an unprivileged user of its own, which needs an interpreter with pytest that
# every user can run; one under root's home (pyenv) is not. Debian's python3-pytest gives /usr/bin/python3 pytest.
if ! /usr/bin/python3 -c 'import pytest' 2>/dev/null; then
  if command -v apt-get >/dev/null; then
    log "installing python3-pytest with apt-get"
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq || log "apt-get update failed; trying the install anyway"
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends python3-pytest \
      || log "apt-get could not install python3-pytest"
  else
    log "no apt-get here to install python3-pytest"
  fi
  /usr/bin/python3 -c 'import pytest' 2>/dev/null || log "/usr/bin/python3 still has no pytest: Python capsules" \
    "run as the host's user and the tests that need the sandbox user fail (install python3-pytest)"
fi

./scripts/services.sh
# DJL (behind the MiniLM embedding model) must not try to reach any outside address.
export OPT_OUT_TRACKING=true
./mvnw -B -ntp verify -Pimage "$@"
# The JMH benchmarks live outside the normal test sources; compile them so they cannot rot unnoticed.
./mvnw -B -ntp -q -Pjmh -pl qlp-core -am test-compile
./scripts/browser-test.sh
