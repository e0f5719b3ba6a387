#!/usr/bin/env bash
# Fails when any C++ file in the repository differs from what clang-format (.clang-format) makes.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard -- \
    'core/*.cpp' 'core/*.h' 'ui/*.cpp' 'ui/*.h' 'plugins/*.cpp' 'plugins/*.h' \
    'tests/*.cpp' 'tests/*.h' | while read -r f; do [ -f "$f" ] && echo "$f"; done)
if [ ${#files[@]} -eq 0 ]; then
    echo "format: no C++ files"
    exit 0
fi
if [ "${1:-}" = "--fix" ]; then
    clang-format -i "${files[@]}"
    echo "format: ${#files[@]} files formatted"
    exit 0
fi
bad=0
for f in "${files[@]}"; do
    if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
        echo "format: $f is not clang-formatted (run: make format)"
        bad=1
    fi
done
if [ $bad -ne 0 ]; then exit 1; fi
echo "format: ${#files[@]} files ok"
