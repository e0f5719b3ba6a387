#!/usr/bin/env bash
# Starts the workbench on the demo workspace, creating the workspace on first run.
set -euo pipefail
BUILD_DIR=${1:-build}
cd "$(dirname "$0")/.."
DEMO=${KK_DEMO_WORKSPACE:-$HOME/.local/share/koppelkans/demo.gpkg}
mkdir -p "$(dirname "$DEMO")"
if [ ! -f "$DEMO" ]; then
    echo "run: creating the demo workspace at $DEMO"
    "$BUILD_DIR/core/cli/koppelkans-cli" demo "$DEMO" --scale small
fi
if [ -x "$BUILD_DIR/ui/koppelkans" ]; then
    exec "$BUILD_DIR/ui/koppelkans" "$DEMO"
fi
echo "run: the GUI is not built yet; showing the demo workspace through the CLI instead"
"$BUILD_DIR/core/cli/koppelkans-cli" info "$DEMO"
