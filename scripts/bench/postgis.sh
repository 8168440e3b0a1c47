#!/usr/bin/env bash
# postgis.sh: the 500 m park coverage in PostGIS SQL, for scripts/bench.sh.
#   scripts/bench/postgis.sh DATA_DIR OUT_DIR      (contract: scripts/bench/lib.sh)
# Starts a throwaway server (scripts/pg-server.sh, stopped again on any exit). Load (timed
# apart): ogr2ogr copies the four layers into PostGIS, then postgis-load.sql builds the GiST
# indexes and runs ANALYZE. Coverage: one psql session runs postgis-coverage.sql and then
# reads its own backend's peak resident memory (VmHWM in /proc/<pg_backend_pid()>/status; the
# server is local; it counts the shared buffers the backend touched). auto_explain logs the
# plan of every statement (row counts only, no per-node timing) into OUT_DIR/server.log, from
# which the parallel workers launched are counted. Port: $PC_BENCH_PG_PORT (default 54331).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
data=$1
out=$2
if [ ! -x /usr/lib/postgresql/15/bin/pg_ctl ] || ! command -v psql >/dev/null ||
    [ ! -f /usr/share/postgresql/15/extension/postgis.control ]; then
    kv "$out" note "postgis: PostgreSQL 15 with PostGIS 3 is not installed"
    exit 3
fi

# the cluster lives in /tmp: its socket path must stay under 107 bytes
pgdir=$(mktemp -d /tmp/pc-bench-pg.XXXXXX)
stop() {
    cp "$pgdir/server.log" "$out/server.log" 2>/dev/null || true
    "$here/../pg-server.sh" stop "$pgdir" || true
}
trap stop EXIT
conn=$("$here/../pg-server.sh" start "$pgdir" "${PC_BENCH_PG_PORT:-54331}" $$)
psql=(psql -X -q -v ON_ERROR_STOP=1 "$conn")

timed "$out/time.ogr2ogr" ogr2ogr -f PostgreSQL PG:"$conn" "$data/district.gpkg" \
    district zones landuse parks -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=NONE \
    2>"$out/ogr2ogr.stderr"
timed "$out/time.index" "${psql[@]}" -f "$here/postgis-load.sql" >"$out/load.log" 2>&1

# auto_explain: every statement's plan with row counts and workers, no per-node timing
export PGOPTIONS="-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0"
PGOPTIONS+=" -c auto_explain.log_analyze=on -c auto_explain.log_timing=off"
timed "$out/time.coverage" "${psql[@]}" -c '\timing on' -f "$here/postgis-coverage.sql" \
    -c "SELECT 'backend VmHWM ' || (regexp_match(pg_read_file('/proc/' || pg_backend_pid() || '/status'),
                                                 'VmHWM:\s*(\d+) kB'))[1] || ' kB'" \
    >"$out/psql.log" 2>&1 || { tail -5 "$out/psql.log" >&2; exit 1; }
unset PGOPTIONS
"${psql[@]}" -At -F $'\t' -c "SELECT coalesce(zone, ''), value, numerator, denominator
                              FROM result ORDER BY zone NULLS FIRST" >"$out/figures.tsv"

hwm_kb=$(sed -n 's/.*backend VmHWM \([0-9]*\) kB.*/\1/p' "$out/psql.log")
workers=$(awk '/Workers Launched:/ { s += $NF } END { print s + 0 }' "$pgdir/server.log")
load_s=$(sum "$(wall_of "$out/time.ogr2ogr")" "$(wall_of "$out/time.index")")
kv "$out" load_s "$load_s"
kv "$out" coverage_s "$(wall_of "$out/time.coverage")"
kv "$out" wall_s "$(sum "$load_s" "$(wall_of "$out/time.coverage")")"
kv "$out" peak_mb "$(awk -v k="$hwm_kb" 'BEGIN { printf "%.1f\n", k / 1024 }')"
kv "$out" note "postgis $("${psql[@]}" -At -c 'SELECT postgis_lib_version()')" \
    "(PostgreSQL $("${psql[@]}" -At -c 'SHOW server_version' | cut -d' ' -f1)):" \
    "load = ogr2ogr ($(wall_of "$out/time.ogr2ogr") s, $(peak_of "$out/time.ogr2ogr") MB)" \
    "+ GiST indexes and ANALYZE ($(wall_of "$out/time.index") s), server start not counted;" \
    "peak = the psql session's backend VmHWM; parallel workers launched: $workers" \
    "(max_parallel_workers_per_gather $("${psql[@]}" -At -c 'SHOW max_parallel_workers_per_gather'))"
