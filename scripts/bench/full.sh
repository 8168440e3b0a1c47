#!/usr/bin/env bash
# full.sh: the full `plancheck run` of a generated district's plan.ini (every indicator
# kind), and its read floor, for scripts/bench.sh.
#   scripts/bench/full.sh DATA_DIR OUT_DIR
# Read floor: bench_read (bench/bench_read.c: GDAL alone reading every feature, geometry and
# fields, of every layer of district.gpkg). Run: plancheck run DATA_DIR/plan.ini into
# OUT_DIR/result, its progress kept in OUT_DIR/stderr. Leaves OUT_DIR/timing (floor_s, run_s,
# peak_mb; floor_s n/a when bench_read is not built; no run_s when the run failed) and
# OUT_DIR/stages.tsv (kind, name, seconds of every stage plancheck printed: read, compute,
# raster; those it finished when it failed).
# Binaries: $PLANCHECK (default build-bench/plancheck), $BENCH_READ (default
# build-bench/bench/bench_read).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
plancheck_args "$@"
bench_read=${BENCH_READ:-$here/../../build-bench/bench/bench_read}

if [ -x "$bench_read" ]; then
    "$bench_read" "$data/district.gpkg" >"$out/bench_read.txt"
    kv "$out" floor_s "$(awk '$1 == "total" { print $2 }' "$out/bench_read.txt")"
else
    kv "$out" floor_s n/a
fi

rc=0
timed "$out/time" "$plancheck" run "$data/plan.ini" -o "$out/result" --overwrite \
    >"$out/results.txt" 2>"$out/stderr" || rc=$?
if [ $rc -eq 0 ]; then
    kv "$out" run_s "$(wall_of "$out/time")"
    kv "$out" peak_mb "$(peak_of "$out/time")"
fi

# "(0.014 s)" after each layer and zone schema read, "in 0.169 s" after each indicator and
# each raster product (as scripts/bench-sample.sh reads them)
sed -n 's/^plancheck: \(layer\|zones\) <\([^>]*\)>.*(\([0-9.]*\) s)$/read\t\2\t\3/p
        s/^plancheck: indicator <\([^>]*\)>: .* in \([0-9.]*\) s$/compute\t\1\t\2/p
        s/^plancheck: rasters of <\([^>]*\)> in \([0-9.]*\) s$/raster\t\1\t\2/p' \
    "$out/stderr" >"$out/stages.tsv"
# a failed (or killed) run keeps the stages it finished
[ $rc -eq 0 ] || { tail -5 "$out/stderr" >&2; exit 1; }
