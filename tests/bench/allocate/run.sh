#!/usr/bin/env bash
# Allocation benchmarks, peers measured in the same run:
#  1. allocate.waterfall_200k: our waterfall (validation, every limit, trace, invariant check)
#     over 200,000 generated cost items and 3 funds, vs the same waterfall written in SQL with
#     window functions in the sqlite3 shell (rate, cap per fund and the external-money limit
#     only; data already imported). Both totals are printed so they can be compared.
#  2. allocate.maximise_external_1000x20: maximise_external vs our waterfall on one generated
#     1,000-cost × 20-fund project (caps per project/partner/year, nested cumulation groups).
#  3. allocate.waterfall_lua_vs_cpp: scripts/allocation/waterfall.lua vs the C++ waterfall,
#     both end to end (prepare, strategy, trace, invariant check), on the same 1,000 random
#     problems plus one 20,000-item project; the Lua side also converts the problem to a Lua
#     table and the cells back. Both external totals must agree (the identity test checks
#     every cell).
#  4. allocate.workspace_xl: every project of the xl demo workspace (20,000 projects, 200,000
#     cost items) read from the GeoPackage and allocated with waterfall: cost items per second.
#     The workspace is made once with `koppelkans-cli demo --scale xl` and kept in
#     $KK_BENCH_DIR/allocate-xl.gpkg (KK_BENCH_XL=0 skips this line).
set -euo pipefail
BUILD_DIR=${KK_BUILD_DIR:-build}
WORK=${KK_BENCH_DIR:-/tmp}/allocate
bin="$BUILD_DIR/tests/bench/allocate/bench_allocate"
if [ ! -x "$bin" ]; then
    echo "allocate bench: $bin not built (cmake --build $BUILD_DIR --target bench_allocate)" >&2
    exit 1
fi
rm -rf "$WORK" && mkdir -p "$WORK"

"$bin" --benchmark_format=json --benchmark_min_time=1 >"$WORK/ours.json"
read -r wf_s wf_ips wf_ext p_wf_s p_max_s < <(python3 - "$WORK/ours.json" <<'PY'
import json, sys
runs = {b["name"].split("/min_time")[0]: b for b in json.load(open(sys.argv[1]))["benchmarks"]}
def secs(b):
    scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
    return b["real_time"] * scale
w = runs["BM_Waterfall200k"]
print(f'{secs(w):.6f} {w["items_per_second"]:.0f} {w["label"].split("=")[1]} '
      f'{secs(runs["BM_Project1000x20/waterfall"]):.6f} '
      f'{secs(runs["BM_Project1000x20/maximise_external"]):.6f}')
PY
)

# Peer: the same waterfall in SQL (sqlite3 shell), timed after the import.
"$bin" write-csv "$WORK"
db="$WORK/peer.db"
(cd "$WORK" && sqlite3 "$db" <<'SQL'
CREATE TABLE items(seq INTEGER PRIMARY KEY, id TEXT, amount INTEGER);
CREATE TABLE funds(priority INTEGER, id TEXT, rate_pct INTEGER, cap INTEGER);
.import --csv --skip 1 items.csv items
.import --csv --skip 1 funds.csv funds
SQL
)
# One stage per fund in priority order: want = min(rate × amount rounded down, what is left of
# the item); cell = min(want, room left under the fund's cap and the external-money limit
# minus the wants of earlier items) — the closed form of "each item takes what is left".
{
    echo "CREATE TEMP TABLE rem AS SELECT seq, amount AS remaining FROM items;"
    echo "CREATE TEMP TABLE state AS SELECT s - (s * 10 + 99) / 100 AS ext_left FROM (SELECT SUM(amount) AS s FROM items);"
    echo "CREATE TEMP TABLE cells(fund TEXT, total INTEGER);"
    while IFS=, read -r _ id rate cap; do
        cat <<SQL
CREATE TEMP TABLE c_$id AS
  WITH w AS (SELECT i.seq, MIN(i.amount * $rate / 100, r.remaining) AS want
             FROM items i JOIN rem r ON r.seq = i.seq),
       run AS (SELECT seq, want, COALESCE(SUM(want) OVER (ORDER BY seq ROWS BETWEEN UNBOUNDED
               PRECEDING AND 1 PRECEDING), 0) AS before FROM w)
  SELECT seq, MIN(want, MAX(0, MIN($cap, (SELECT ext_left FROM state)) - before)) AS cell FROM run;
CREATE TEMP TABLE rem2 AS SELECT r.seq, r.remaining - c.cell AS remaining
  FROM rem r JOIN c_$id c ON c.seq = r.seq;
DROP TABLE rem; ALTER TABLE rem2 RENAME TO rem;
INSERT INTO cells SELECT '$id', SUM(cell) FROM c_$id;
UPDATE state SET ext_left = ext_left - (SELECT SUM(cell) FROM c_$id);
SQL
    done < <(tail -n +2 "$WORK/funds.csv")
    echo "SELECT printf('%.2f', SUM(total) / 100.0) FROM cells;"
} >"$WORK/waterfall.sql"
start=$(date +%s.%N)
peer_ext=$(sqlite3 "$db" <"$WORK/waterfall.sql")
end=$(date +%s.%N)
peer_s=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')

awk -v o="$wf_s" -v p="$peer_s" -v ips="$wf_ips" -v oe="$wf_ext" -v pe="$peer_ext" 'BEGIN {
    printf "allocate.waterfall_200k: ours=%.3fs peer=%.3fs ratio=%.2f (target ratio ≥ 1 peer/ours; ours %.0f cost items/s incl. trace and invariant check; peer = sqlite3 window-function waterfall, 3 funds, rate + cap + external limit only)\n", o, p, p / o, ips
    printf "allocate.waterfall_200k.check: ours external=%s peer external=%s\n", oe, pe
}'
awk -v o="$p_max_s" -v p="$p_wf_s" 'BEGIN {
    printf "allocate.maximise_external_1000x20: ours=%.2fms peer=%.2fms ratio=%.2f (target ratio ≤ 10 ours/peer; ours = maximise_external (max-flow), peer = our waterfall on the same 1,000 × 20 project)\n", o * 1000, p * 1000, o / p
}'

lua_bin="$BUILD_DIR/tests/bench/allocate/bench_allocate_lua"
if [ -x "$lua_bin" ]; then
    line=$("$lua_bin" lua-vs-cpp)
    echo "$line" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        printf "allocate.waterfall_lua_vs_cpp: ours=%.3fs peer=%.3fs ratio=%.2f (target ratio ≤ 3 ours/peer; ours = waterfall.lua through the sandbox, peer = C++ waterfall, same %d problems; external totals %s / %s)\n", v["lua_s"], v["cpp_s"], v["lua_s"] / v["cpp_s"], v["problems"], v["lua_external"], v["cpp_external"] }'
    if [ "${KK_BENCH_XL:-1}" != 0 ]; then
        xl=${KK_BENCH_DIR:-/tmp}/allocate-xl.gpkg
        if [ ! -f "$xl" ]; then
            "$BUILD_DIR/core/cli/koppelkans-cli" demo "$xl" --scale xl >/dev/null
        fi
        "$lua_bin" workspace "$xl" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
            printf "allocate.workspace_xl: %d projects, %d cost items read in %.2fs and allocated (waterfall, trace, checks) in %.2fs: %.0f cost items/s end to end (%d infeasible)\n", v["projects"], v["items"], v["read_s"], v["allocate_s"], v["items"] / (v["read_s"] + v["allocate_s"]), v["failed"] }'
    fi
else
    echo "allocate bench: $lua_bin not built (cmake --build $BUILD_DIR --target bench_allocate_lua)" >&2
fi
