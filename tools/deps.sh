#!/usr/bin/env bash
# Installs the Debian 12 packages Koppelkans needs to build, test, run and package.
# Idempotent: does nothing when every package is present.
set -euo pipefail

PACKAGES=(
    build-essential cmake ninja-build ccache pkg-config git
    clang-format clang-tidy
    libwxgtk3.2-dev
    liblua5.4-dev lua5.4
    libsqlite3-dev sqlite3
    libboost-dev libboost-graph-dev
    nlohmann-json3-dev
    libgdal-dev gdal-bin
    libgtest-dev libgmock-dev libbenchmark-dev
    libxlsxwriter-dev libcairo2-dev
    xvfb xauth x11-apps imagemagick
    xlsx2csv poppler-utils
    lintian dpkg-dev fakeroot file
)

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "deps: all ${#PACKAGES[@]} packages are installed"
    exit 0
fi

echo "deps: missing packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "deps: not running as root and sudo is not available." >&2
        echo "deps: install them as root with: apt-get update && apt-get install -y ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
