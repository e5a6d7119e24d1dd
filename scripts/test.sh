#!/usr/bin/env bash
# The test command of the README: brings up the services the tests need, then runs the whole build with its tests
# (the container image's test included), then the web page's end-to-end test in headless Chromium against the jar
# the build just made.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/services.sh
# DJL (behind the MiniLM embedding model) must not try to reach any outside address.
export OPT_OUT_TRACKING=true
./mvnw -B -ntp verify -Pimage "$@"
./scripts/browser-test.sh
