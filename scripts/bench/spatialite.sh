#!/usr/bin/env bash
# spatialite.sh: the 500 m park coverage in SpatiaLite SQL, for scripts/bench.sh.
#   scripts/bench/spatialite.sh DATA_DIR OUT_DIR      (contract: scripts/bench/lib.sh)
# Load (timed apart): ogr2ogr copies the four layers the figure needs from district.gpkg into
# a SpatiaLite database (with an R*Tree index per layer). Coverage: the sqlite3 CLI runs
# spatialite-coverage.sql (mod_spatialite) on it; its statement times go to OUT_DIR/sqlite.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
data=$1
out=$2
for tool in sqlite3 ogr2ogr; do
    command -v $tool >/dev/null || { kv "$out" note "spatialite: $tool is not installed"; exit 3; }
done

db=$out/district.sqlite
timed "$out/time.load" ogr2ogr -f SQLite -dsco SPATIALITE=YES -lco GEOMETRY_NAME=geom \
    "$db" "$data/district.gpkg" district zones landuse parks 2>"$out/ogr2ogr.stderr"
timed "$out/time.coverage" sqlite3 -bail -echo -cmd '.timer on' "$db" \
    <"$here/spatialite-coverage.sql" >"$out/sqlite.log" 2>&1 ||
    { tail -5 "$out/sqlite.log" >&2; exit 1; }
sqlite3 -separator $'\t' "$db" \
    "SELECT COALESCE(zone, ''), value, numerator, denominator FROM result ORDER BY rowid" \
    >"$out/figures.tsv"

kv "$out" load_s "$(wall_of "$out/time.load")"
kv "$out" coverage_s "$(wall_of "$out/time.coverage")"
kv "$out" wall_s "$(sum "$(wall_of "$out/time.load")" "$(wall_of "$out/time.coverage")")"
kv "$out" peak_mb "$(max "$(peak_of "$out/time.load")" "$(peak_of "$out/time.coverage")")"
kv "$out" note "spatialite $(sqlite3 :memory: "SELECT load_extension('mod_spatialite');" \
    "SELECT spatialite_version()" | tail -1): load = ogr2ogr into SpatiaLite" \
    "($(peak_of "$out/time.load") MB), coverage = sqlite3 running spatialite-coverage.sql" \
    "($(peak_of "$out/time.coverage") MB, $(cpu_of "$out/time.coverage") s CPU)"
