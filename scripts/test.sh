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
# The JMH benchmarks live outside the normal test sources; compile them so they cannot rot unnoticed.
./mvnw -B -ntp -q -Pjmh -pl qlp-core -am test-compile
./scripts/browser-test.sh
