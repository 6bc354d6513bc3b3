#!/usr/bin/env bash
# The main job: builds libqnet (installing missing dependencies) and runs
# qnet-inspector on its built-in loopback demo. Without a display the
# inspector prints the live event stream as text instead.
# Extra arguments are passed to qnet-inspector.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${QNET_BUILD_DIR:-_build}
build-aux/install-deps.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=debugoptimized
fi
meson compile -C "$build"

exec "$build/inspector/qnet-inspector" --demo "$@"
