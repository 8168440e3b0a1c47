# shellcheck shell=bash
# lib.sh: helpers shared by scripts/bench.sh and the engine scripts in scripts/bench/
# (sourced, never run). Each engine script is called as
#   scripts/bench/ENGINE.sh DATA_DIR OUT_DIR
# with DATA_DIR holding district.gpkg and coverage.ini (scripts/gen-district.py) and OUT_DIR
# an empty folder of its own. It leaves there:
#   figures.tsv  one line per region: zone (empty for the scope), value %, numerator m²,
#                denominator m², tab-separated: the 500 m park coverage of residential land
#   timing       "key value" lines: load_s (getting the data into the engine, not part of
#                the coverage), coverage_s (computing the figures), wall_s (everything the
#                engine ran), peak_mb, and any number of "note TEXT" lines
# and its raw output (logs, stderr, plans) beside them. Exit 0 when it worked, 3 when the
# engine is not installed (a "note" says why), anything else when it failed.

# plancheck_args DATA_DIR OUT_DIR: sets data and out from an engine script's arguments, and
# plancheck to the binary ($PLANCHECK, default build-bench/plancheck beside this folder).
plancheck_args() {
    data=$1
    out=$2
    plancheck=${PLANCHECK:-$(dirname "${BASH_SOURCE[0]}")/../../build-bench/plancheck}
}

# timed FILE CMD...: runs CMD, then writes "WALL_S PEAK_MB CPU_S" to FILE: wall time from the
# clock (ms resolution; /usr/bin/time's own %e has only 10 ms), peak resident memory (%M) and
# user + system CPU time (%U + %S) from /usr/bin/time. Returns CMD's exit status.
timed() {
    local file=$1 t0 t1 rc=0
    shift
    t0=$(date +%s.%N)
    /usr/bin/time -f '%M %U %S' -o "$file.rss" "$@" || rc=$?
    t1=$(date +%s.%N)
    # /usr/bin/time writes "Command exited with non-zero status N" first when CMD fails
    awk -v a="$t0" -v b="$t1" 'END { printf "%.3f %.1f %.2f\n", b - a, $1 / 1024, $2 + $3 }' \
        "$file.rss" >"$file"
    rm -f "$file.rss"
    return $rc
}

# wall_of FILE / peak_of FILE / cpu_of FILE: the figures `timed` wrote
wall_of() { awk '{ print $1 }' "$1"; }
peak_of() { awk '{ print $2 }' "$1"; }
cpu_of() { awk '{ print $3 }' "$1"; }

# kv OUT_DIR KEY VALUE...: appends "KEY VALUE..." to OUT_DIR/timing
kv() {
    local dir=$1 key=$2
    shift 2
    echo "$key $*" >>"$dir/timing"
}

# sum A B...: their sum, 3 decimals; max A B...: the largest, 1 decimal
sum() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.3f\n", s }'; }
max() { printf '%s\n' "$@" | awk 'NR == 1 || $1 > m { m = $1 } END { printf "%.1f\n", m }'; }

# since T0: seconds from T0 (date +%s.%N) to now, 3 decimals
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f\n", b - a }'; }
