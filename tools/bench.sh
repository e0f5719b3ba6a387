#!/usr/bin/env bash
# Runs every benchmark suite (tests/bench/*/run.sh) against the built tree and prints one line
# per benchmark: `name: ours=… peer=… ratio=… (target …)`. Each suite measures the peer tool in
# the same run. Exits non-zero when a suite fails to run (not when a target is missed: that is
# reported in the line, so the numbers stay visible).
set -uo pipefail
BUILD_DIR=$(realpath "${1:-build}")
ROOT=$(cd "$(dirname "$0")/.." && pwd)
export KK_BUILD_DIR="$BUILD_DIR" KK_SOURCE_DIR="$ROOT"
export KK_BENCH_DIR=${KK_BENCH_DIR:-$BUILD_DIR/bench-work}
mkdir -p "$KK_BENCH_DIR"
status=0
for suite in "$ROOT"/tests/bench/*/run.sh; do
    [ -f "$suite" ] || continue
    name=$(basename "$(dirname "$suite")")
    echo "== $name"
    if ! bash "$suite"; then
        echo "bench: suite $name failed" >&2
        status=1
    fi
done
exit $status
