#!/usr/bin/env bash
# Prints `rules.indicator_lua_vs_cpp: ours=… peer=… ratio=… (target ≤ 3)`.
set -euo pipefail
exe="$KK_BUILD_DIR/tests/bench/rules/bench_rules"
if [ ! -x "$exe" ]; then
    echo "bench rules: $exe is not built (cmake --build $KK_BUILD_DIR --target bench_rules)" >&2
    exit 1
fi
"$exe" "${KK_BENCH_DIR:-/tmp}/rules-bench.gpkg"
