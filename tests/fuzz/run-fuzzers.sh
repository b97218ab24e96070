#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets with AddressSanitizer and
# UndefinedBehaviorSanitizer in a build directory of their own and runs each
# for a bounded time. Fails on any finding (crash, leak, UB, timeout).
#
#   tests/fuzz/run-fuzzers.sh [SECONDS]     (default 20 per target)
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD="$ROOT/_build-fuzz"
SECONDS_PER_TARGET=${1:-20}

if [ ! -f "$BUILD/build.ninja" ]; then
  CC=clang meson setup "$BUILD" "$ROOT" \
    -Dfuzzing=true -Dui_tests=false \
    -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args='-fno-sanitize-recover=undefined -fno-omit-frame-pointer' \
    --buildtype=debugoptimized
fi
ninja -C "$BUILD" tests/fuzz/fuzz-codice-fiscale tests/fuzz/fuzz-mrz tests/fuzz/fuzz-places

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_SLICE=always-malloc
export G_DEBUG=gc-friendly

status=0
for target in fuzz-codice-fiscale fuzz-mrz fuzz-places; do
  corpus="$BUILD/corpus/$target"
  mkdir -p "$corpus"
  echo "== $target (${SECONDS_PER_TARGET}s)"
  if ! "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_PER_TARGET" \
        -timeout=10 -rss_limit_mb=2048 -max_len=512 \
        -artifact_prefix="$BUILD/$target-" "$corpus" 2>"$BUILD/$target.log"; then
    echo "!! $target found a problem; see $BUILD/$target.log" >&2
    tail -40 "$BUILD/$target.log" >&2
    status=1
  else
    tail -1 "$BUILD/$target.log"
  fi
done

exit $status
