#!/usr/bin/env bash
# geo.overlap_shares: overlap shares of 20,000 generated perimeters against 300 generated
# municipalities. Ours: bench_geo_overlap (STR tree + convex clipping / prepared GEOS, exact
# fractions). Peer: ogr2ogr -dialect SQLite on the same data in one GeoPackage, joining through
# the GeoPackage R-tree and computing ST_Area(ST_Intersection(...)) per candidate pair plus the
# perimeter and municipality areas. Both run in this script, on the full 20,000 perimeters.
set -euo pipefail
BUILD_DIR=${KK_BUILD_DIR:-build}
WORK=${KK_BENCH_DIR:-/tmp}/geo
COUNT=${KK_GEO_BENCH_PERIMETERS:-20000}
mkdir -p "$WORK"
rm -f "$WORK"/*.gpkg "$WORK"/peer.csv
bin="$BUILD_DIR/tests/bench/geo/bench_geo_overlap"
if [ ! -x "$bin" ]; then
    echo "geo bench: $bin not built (cmake --build $BUILD_DIR --target bench_geo_overlap)" >&2
    exit 1
fi
ours_line=$("$bin" "$WORK" "$COUNT")
ours=$(sed -E 's/.*ours_seconds=([0-9.]+).*/\1/' <<<"$ours_line")
ours_pairs=$(sed -E 's/.*pairs=([0-9]+).*/\1/' <<<"$ours_line")
ours_sum=$(sed -E 's/.*area_sum_m2=([0-9.]+).*/\1/' <<<"$ours_line")

# One GeoPackage with both layers, as the peer's SQL needs them in one data source.
ogr2ogr -q -update -append "$WORK/municipalities.gpkg" "$WORK/perimeters.gpkg" perimeters

sql="SELECT p.key AS pkey, m.key AS mkey, ST_Area(p.geom) AS parea, ST_Area(m.geom) AS marea,
       ST_Area(ST_Intersection(p.geom, m.geom)) AS iarea
FROM perimeters p
JOIN rtree_municipalities_geom r
  ON r.minx <= ST_MaxX(p.geom) AND r.maxx >= ST_MinX(p.geom)
 AND r.miny <= ST_MaxY(p.geom) AND r.maxy >= ST_MinY(p.geom)
JOIN municipalities m ON m.fid = r.id
WHERE ST_Intersects(p.geom, m.geom)"
start=$(date +%s.%N)
ogr2ogr -q -f CSV "$WORK/peer.csv" "$WORK/municipalities.gpkg" -dialect SQLite -sql "$sql"
end=$(date +%s.%N)
peer=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.6f", e - s }')
read -r peer_pairs peer_sum < <(awk -F, 'NR > 1 && $5 > 5e-7 { n++; s += $5 } END { printf "%d %.3f\n", n, s }' "$WORK/peer.csv")
ratio=$(awk -v o="$ours" -v p="$peer" 'BEGIN { printf "%.1f", p / o }')
echo "geo.overlap_shares: ours=${ours}s peer=${peer}s ratio=${ratio} (target ratio ≥ 5 peer/ours; ${COUNT} perimeters × 300 municipalities; peer = ogr2ogr -dialect SQLite ST_Intersection via GPKG R-tree)"
echo "geo.overlap_shares.check: ours pairs=${ours_pairs} area_sum=${ours_sum} m² peer pairs=${peer_pairs} area_sum=${peer_sum} m²"
