#!/usr/bin/env bash
# plancheck.sh: the 500 m park coverage by plancheck itself, for scripts/bench.sh.
#   scripts/bench/plancheck.sh DATA_DIR OUT_DIR      (contract: scripts/bench/lib.sh)
# Runs `plancheck run DATA_DIR/coverage.ini` (only [indicator park_500m]) into OUT_DIR/result,
# with its progress on stderr kept: the coverage step is the time plancheck prints for the
# indicator ("indicator <park_500m>: N rows in X s": buffering, union, clipping, zones) less
# the reading of the layers it streams, the load the sum of its layer reading times; the process also writes the database, the gaps
# and service-area layers, two GeoTIFFs and a QGIS project, which only the wall time counts.
# The binary is $PLANCHECK (default build-bench/plancheck, built by scripts/bench.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
plancheck_args "$@"

timed "$out/time" "$plancheck" run "$data/coverage.ini" -o "$out/result" --overwrite --json \
    >"$out/results.json" 2>"$out/stderr"

# progress lines: "plancheck: layer <x>: ... (0.200 s)", "plancheck: zones <z>: ... (0.001 s)"
load=$(sed -n 's/^plancheck: \(layer\|zones\) <[^>]*>:.*(\([0-9.]*\) s)$/\2/p' "$out/stderr" |
       awk '{ s += $1 } END { printf "%.3f\n", s }')
# the residential parcels are streamed: read batch by batch inside the indicator, so their
# reading time ("..., streamed in batches of N (0.195 s)") is load, taken out of the step
streamed=$(sed -n 's/^plancheck: layer <[^>]*>:.*, streamed in batches of [0-9]* (\([0-9.]*\) s)$/\1/p' \
           "$out/stderr" | awk '{ s += $1 } END { printf "%.3f\n", s }')
indicator=$(sed -n 's/^plancheck: indicator <park_500m>: .* in \([0-9.]*\) s$/\1/p' "$out/stderr")
[ -n "$indicator" ] || { echo "plancheck.sh: no coverage time in $out/stderr" >&2; exit 1; }
coverage=$(awk -v a="$indicator" -v b="$streamed" 'BEGIN { printf "%.3f\n", a - b }')

sqlite3 -separator $'\t' "$out/result/district.sqlite" \
    "SELECT COALESCE(zone, ''), value, numerator, denominator FROM indicator_results
     WHERE id = 'park_500m' ORDER BY zone IS NOT NULL, zone" >"$out/figures.tsv"

kv "$out" load_s "$load"
kv "$out" coverage_s "$coverage"
kv "$out" wall_s "$(wall_of "$out/time")"
kv "$out" peak_mb "$(peak_of "$out/time")"
kv "$out" note "plancheck: load = its layer reading times; the process ($(cpu_of "$out/time") s" \
    "CPU) also writes the database, gaps, GeoTIFFs and QGIS project"
# plancheck's own account of the step, e.g. "service area 0.117 s, 52229 parcels on 2 threads"
summary=$(sed -n 's/^plancheck: park_500m: .*qualify[^;]*; *\(.*\)$/\1/p' "$out/stderr")
[ -z "$summary" ] || kv "$out" note "plancheck: park_500m: $summary"
