#!/usr/bin/env bash
# ui benchmark: the workbench on the xl demo workspace (20,000 projects). Needs an X display;
# without DISPLAY it runs itself under xvfb-run. Prints `ui.<interaction>: ours=…ms
# peer=100ms ratio=…` lines (the peer is the 100 ms "instantaneous" limit).
set -euo pipefail
CLI="$KK_BUILD_DIR/core/cli/koppelkans-cli"
BENCH="$KK_BUILD_DIR/tests/bench/ui/bench_ui"
W="$KK_BENCH_DIR/ui"
if [ ! -x "$BENCH" ]; then
    echo "bench ui: $BENCH not built (GUI off?); skipped"
    exit 0
fi
mkdir -p "$W"
# Made anew each run: a workspace left by an older build would be upgraded (and backed up)
# inside the measured open.
rm -f "$W"/xl.gpkg*
"$CLI" demo "$W/xl.gpkg" --scale xl >/dev/null
if [ -z "${DISPLAY:-}" ]; then
    exec xvfb-run -a -s "-screen 0 1600x1000x24" "$BENCH" "$W/xl.gpkg"
fi
exec "$BENCH" "$W/xl.gpkg"
