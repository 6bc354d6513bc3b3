#!/usr/bin/env bash
# Builds (optimised) and runs every benchmark in tests/bench; each prints its
# own figures and ratios against its anchors (raw sockets, libsoup, curl)
# measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."

build=${QNET_BENCH_BUILD_DIR:-_build-release}
build-aux/install-deps.sh

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=release -Ddocs=disabled
fi
meson compile -C "$build"

for bench in "$build"/tests/bench/bench-*; do
  [ -x "$bench" ] || continue
  echo "== $(basename "$bench")"
  "$bench" "$@"
  echo
done
