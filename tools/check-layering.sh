#!/usr/bin/env bash
# Enforces ARCHITECTURE.md's layering: nothing under core/ includes wx, ui/ or plugins/
# headers, and no core CMake target links wx. Exit 1 names every offending line.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
if grep -rnE '#\s*include\s*[<"](wx/|ui/|plugins/)' core/ ; then
    echo "layering: core/ must not include wx, ui/ or plugins/ headers (lines above)"
    status=1
fi
if grep -rniE 'wxWidgets|wx::|\bwx_' core/ --include=CMakeLists.txt ; then
    echo "layering: a core/ CMake target mentions wxWidgets (lines above)"
    status=1
fi
# GDAL stays in core/geo (ARCHITECTURE.md decision 9).
if grep -rnE '#\s*include\s*[<"](gdal|ogr|cpl_)' core/ ui/ plugins/ 2>/dev/null | grep -v '^core/geo/'; then
    echo "layering: only core/geo may include GDAL headers (lines above)"
    status=1
fi
# A built tree can be checked too: no core library may link libwx.
if [ -d build ] && command -v ldd >/dev/null; then
    for lib in $(find build/core -name '*.so' 2>/dev/null); do
        if ldd "$lib" | grep -q libwx_; then
            echo "layering: $lib links wxWidgets"
            status=1
        fi
    done
fi
[ $status -eq 0 ] && echo "layering: ok"
exit $status
