#!/usr/bin/env bash
# Load test of the API server on loopback: 50 concurrent clients for 10 s on
# /collections/projects/items, against the same GeoJSON served as a static file by
# python3 -m http.server (the peer) in the same run. Prints
# `server.items_load: ours=… rps peer=… rps ratio=… p99=…ms`.
set -euo pipefail
BUILD_DIR=${KK_BUILD_DIR:-$(cd "$(dirname "$0")/../../.." && pwd)/build}
BIN=$BUILD_DIR/tests/bench/server
CLIENTS=${KK_BENCH_CLIENTS:-50}
SECONDS_RUN=${KK_BENCH_SECONDS:-10}
for b in kk_bench_server_serve kk_bench_server_load; do
    [ -x "$BIN/$b" ] || cmake --build "$BUILD_DIR" --target "$b" -j2 > /dev/null
done
WORK=$(mktemp -d)
SERVER_PID=""
PEER_PID=""
cleanup() {
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2> /dev/null || true
    [ -n "$PEER_PID" ] && kill "$PEER_PID" 2> /dev/null || true
    wait 2> /dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

"$BIN/kk_bench_server_serve" --dir "$WORK" --dump "$WORK/items.json" > "$WORK/serve.out" &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$WORK/serve.out" ] && break; sleep 0.1; done
read -r PORT TOKEN < "$WORK/serve.out"

PEER_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$WORK" && exec python3 -m http.server "$PEER_PORT" --bind 127.0.0.1 > /dev/null 2>&1) &
PEER_PID=$!
for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PEER_PORT/items.json')" 2> /dev/null && break
    sleep 0.1
done

ours=$("$BIN/kk_bench_server_load" "$PORT" /collections/projects/items "$CLIENTS" "$SECONDS_RUN" "$TOKEN")
peer=$("$BIN/kk_bench_server_load" "$PEER_PORT" /items.json "$CLIENTS" "$SECONDS_RUN")
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ours_rps=$(field "$ours" rps)
peer_rps=$(field "$peer" rps)
ratio=$(python3 -c "print(f'{$ours_rps / max($peer_rps, 1):.2f}')")
echo "server.items_load: ours=$ours_rps rps peer=$peer_rps rps ratio=$ratio p99=$(field "$ours" p99_ms)ms" \
     "(ours errors=$(field "$ours" errors), peer errors=$(field "$peer" errors), peer p99=$(field "$peer" p99_ms)ms)"
if [ "$(field "$ours" errors)" != "0" ]; then
    echo "server.items_load: our server answered with errors" >&2
    exit 1
fi
