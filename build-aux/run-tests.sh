#!/usr/bin/env bash
# Runs every libqnet test suite (C, Python, GJS, inspector, peers, fuzz
# replays) from a fresh checkout: installs missing dependencies, configures,
# builds, tests, and prints 'N passed, N failed'.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${QNET_BUILD_DIR:-_build}
build-aux/install-deps.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized
fi
meson compile -C "$build"

status=0
meson test -C "$build" --print-errorlogs --num-processes 2 --timeout-multiplier 2 || status=$?
python3 build-aux/summarize-tests.py "$build/meson-logs/testlog.json" || status=1
exit $status
