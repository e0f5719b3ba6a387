#!/usr/bin/env bash
# Store benchmarks against the sqlite3 shell, measured in the same run:
#  1. import of 200,000 cost-item rows from CSV vs `.import` into an equivalent table;
#  2. the budget-per-fund-per-year summary over the xl workspace vs the same GROUP BY.
set -euo pipefail
CLI="$KK_BUILD_DIR/core/cli/koppelkans-cli"
W="$KK_BENCH_DIR/store"
rm -rf "$W" && mkdir -p "$W"
now() { date +%s.%N; }
ratio() { python3 -c "import sys; print(f'{float(sys.argv[1])/float(sys.argv[2]):.2f}')" "$1" "$2"; }
best() {  # best of 3 wall-clock seconds of a command
    local b=""
    for _ in 1 2 3; do
        local t0 t1; t0=$(now); "$@" >/dev/null; t1=$(now)
        local d; d=$(python3 -c "print($t1-$t0)")
        if [ -z "$b" ] || python3 -c "import sys; sys.exit(0 if $d < $b else 1)"; then b=$d; fi
    done
    echo "$b"
}

"$CLI" demo "$W/xl.gpkg" --scale xl >/dev/null

# 200,000 new cost items for the xl projects.
python3 - "$W/cost_items.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("code,project_code,category,year,amount\n")
    for i in range(200000):
        f.write(f"IMP{i},P{(i % 20000) + 1:05d},works,{2026 + i % 3},{(i * 37) % 900000 + 100}.{i % 100:02d}\n")
PY

import_ours() {
    cp "$W/xl.gpkg" "$W/ours.gpkg"
    "$CLI" import "$W/ours.gpkg" cost_items "$W/cost_items.csv"
}
# The peer gets the same file into a table with the same columns, NOT NULL constraints, the
# unique key and the project index, inside a copy of the same workspace.
import_peer() {
    cp "$W/xl.gpkg" "$W/peer.gpkg"
    sqlite3 "$W/peer.gpkg" "CREATE TABLE peer_cost_item (code TEXT NOT NULL UNIQUE, project_code TEXT NOT NULL, category TEXT NOT NULL, year INTEGER NOT NULL, amount TEXT NOT NULL); CREATE INDEX peer_cost_item_project ON peer_cost_item(project_code);"
    sqlite3 "$W/peer.gpkg" ".import --csv --skip 1 $W/cost_items.csv peer_cost_item"
}
# Copying the 200 MB workspace is part of both runs; measure it and take it out.
copy_only() { cp "$W/xl.gpkg" "$W/copy.gpkg"; }
tc=$(best copy_only)
to=$(best import_ours)
tp=$(best import_peer)
ours=$(python3 -c "print(max($to-$tc, 1e-3))")
peer=$(python3 -c "print(max($tp-$tc, 1e-3))")
rows=$(sqlite3 "$W/ours.gpkg" "SELECT count(*) FROM kk_cost_item WHERE code LIKE 'IMP%'")
prow=$(sqlite3 "$W/peer.gpkg" "SELECT count(*) FROM peer_cost_item")
[ "$rows" = 200000 ] && [ "$prow" = 200000 ] || { echo "store.import: row counts differ (ours=$rows peer=$prow)"; exit 1; }
printf 'store.import_200k_cost_items: ours=%.3fs peer=%.3fs ratio=%s (target ratio <= 2, ours/peer; peer = sqlite3 .import)\n' "$ours" "$peer" "$(ratio "$ours" "$peer")"

SQL="SELECT f.code, f.name, c.year, sum(c.amount), (SELECT sum(a2.amount) FROM kk_award a2 WHERE a2.fund_id = f.id) FROM kk_award a JOIN kk_fund f ON f.id = a.fund_id JOIN kk_cost_item c ON c.project_id = a.project_id GROUP BY f.id, c.year ORDER BY f.code, c.year"
summary_ours() { "$CLI" summary "$W/xl.gpkg"; }
summary_peer() { sqlite3 -csv "$W/xl.gpkg" "$SQL"; }
so=$(best summary_ours)
sp=$(best summary_peer)
[ "$(summary_ours | wc -l)" -eq "$(( $(summary_peer | wc -l) + 1 ))" ] || { echo "store.summary: row counts differ"; exit 1; }
printf 'store.budget_per_fund_per_year_xl: ours=%.3fs peer=%.3fs ratio=%s (target ratio <= 1.5, ours/peer; peer = sqlite3 GROUP BY)\n' "$so" "$sp" "$(ratio "$so" "$sp")"
