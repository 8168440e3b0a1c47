#!/usr/bin/env bash
# bench.sh: plancheck against other engines on the same figure, and plancheck's full run at
# several sizes. Prints figures; no time is ever asserted. On a synthetic district
# (scripts/gen-district.py, generated once per size and kept in DATA/district-N/):
#  1. the 500 m park coverage of residential land for the district and every zone
#     (coverage.ini: docs/indicators.md), timed by plancheck and by every other engine side
#     by side (scripts/bench/ENGINE.sh: plancheck, spatialite, postgis, geopandas, qgis), with
#     the read floor (GDAL alone reading the four input layers, bench/bench_read.c); every
#     engine must report the same figures as plancheck within 0.01 percentage points, for
#     the scope and every zone;
#  2. the full `plancheck run` of plan.ini (every indicator kind) at each --full-sizes, with
#     its read floor (GDAL reading every layer) and plancheck's slowest stages.
# Exit status: 0 when every engine that ran agrees, 1 when figures differ by more than 0.01
# pp or an engine failed (a correctness failure, never a timing one), 2 on a usage error.
# Each engine's raw output goes into a run folder, build-bench/bench-runs/DATE-TIME/, printed
# at the end. plancheck and bench_read are built in Release in build-bench/ and copied into
# the run folder (bin/), so a rebuild during the run changes nothing.
#
#   scripts/bench.sh [--parcels N] [--full-sizes N,N,...] [--engines E,E,...] [--no-full]
#                    [--data DIR]
#     --parcels N         size of the coverage comparison (default 200000 parcels)
#     --full-sizes LIST   sizes of the full runs (default 50000,200000,800000)
#     --engines LIST      default plancheck,spatialite,postgis,geopandas,qgis; plancheck, the
#                         reference, always runs; an engine not installed is skipped, noted
#     --no-full           only the coverage comparison
#     --data DIR          where generated districts are kept (default build-bench/data)
set -euo pipefail
here=$(pwd)
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=scripts/bench/lib.sh
. scripts/bench/lib.sh

usage() {   # usage [STATUS]: the usage lines of the header above
    sed -n '/^#   scripts\/bench.sh/,/^[^#]/s/^#  //p' "$0" >&2
    exit "${1:-2}"
}
parcels=200000
full_sizes=50000,200000,800000
engines=plancheck,spatialite,postgis,geopandas,qgis
full=1
data=$root/build-bench/data
while [ $# -gt 0 ]; do
    case $1 in
    --parcels) [ $# -ge 2 ] || usage; parcels=$2; shift 2 ;;
    --full-sizes) [ $# -ge 2 ] || usage; full_sizes=$2; shift 2 ;;
    --engines) [ $# -ge 2 ] || usage; engines=$2; shift 2 ;;
    --no-full) full=0; shift ;;
    --data) [ $# -ge 2 ] || usage; data=$2; shift 2 ;;
    -h | --help) usage 0 ;;
    *) echo "bench.sh: unknown argument '$1'" >&2; usage ;;
    esac
done
IFS=, read -r -a engine_list <<<"$engines"
IFS=, read -r -a size_list <<<"$full_sizes"
for n in "$parcels" "${size_list[@]}"; do
    if ! [[ $n =~ ^[0-9]+$ ]] || [ "$n" -lt 1000 ]; then
        echo "bench.sh: '$n' is not a number of parcels (1000 or more)" >&2
        exit 2
    fi
done
for e in "${engine_list[@]}"; do
    case $e in
    plancheck | spatialite | postgis | geopandas | qgis) ;;
    *) echo "bench.sh: unknown engine '$e' (plancheck, spatialite, postgis, geopandas, qgis)" >&2
       exit 2 ;;
    esac
done
# plancheck is the reference: always there, and first
others=()
for e in "${engine_list[@]}"; do [ "$e" = plancheck ] || others+=("$e"); done
engine_list=(plancheck "${others[@]}")
case $data in /*) ;; *) data=$here/$data ;; esac         # --data is relative to the caller
mkdir -p "$data"
data=$(cd "$data" && pwd)

# ------------------------------------------------------------------ tools
log() { echo "bench: $*" >&2; }
scripts/setup.sh bench ||
    log "scripts/setup.sh bench failed: engines that are not installed will be skipped"
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DPC_SANITIZE=OFF -DPC_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target plancheck >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_read >/dev/null 2>&1 ||
    log "bench_read does not build: read floors are n/a"

# the run folder, with copies of the binaries: every figure of a run comes from the same
# build, even if build-bench/ is rebuilt meanwhile
run=$root/build-bench/bench-runs/$(date +%Y%m%d-%H%M%S)
mkdir -p "$run/bin"
cp build-bench/plancheck "$run/bin/"
cp build-bench/bench/bench_read "$run/bin/" 2>/dev/null || true
export PLANCHECK=$run/bin/plancheck
export BENCH_READ=$run/bin/bench_read

# ------------------------------------------------------------------ the machine
pkg() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null | sed 's/[+~].*//; s/-[0-9]*$//' || true; }
echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
     "$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) memory;" \
     "plancheck $("$PLANCHECK" --version | cut -d' ' -f2), GDAL $(gdal-config --version 2>/dev/null || pkg gdal-bin)," \
     "GEOS $(pkg-config --modversion geos 2>/dev/null || pkg libgeos-c1v5)," \
     "PROJ $(pkg-config --modversion proj 2>/dev/null || pkg proj-bin)," \
     "SpatiaLite $(pkg libsqlite3-mod-spatialite), PostGIS $(pkg postgresql-15-postgis-3)," \
     "GeoPandas $(pkg python3-geopandas), shapely $(pkg python3-shapely), QGIS $(pkg qgis);" \
     "load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"

# ------------------------------------------------------------------ data
# district N: DATA/district-N, generated unless it is there from the same generator and
# arguments (.bench-stamp); its generation time is kept in generate_s. Writes RUN/data-N.
district() {
    local n=$1 dir=$data/district-$1 stamp t0
    [ ! -f "$run/data-$n" ] || return 0                 # already made or checked in this run
    stamp="--parcels $n --seed 1 $(sha1sum scripts/gen-district.py | cut -d' ' -f1)"
    if [ -f "$dir/district.gpkg" ] && [ "$(cat "$dir/.bench-stamp" 2>/dev/null)" = "$stamp" ]; then
        echo "generate_s $(cat "$dir/generate_s") (cached)" >"$run/data-$n"
    else
        log "generating district-$n"
        t0=$(date +%s.%N)
        /usr/bin/python3 scripts/gen-district.py --parcels "$n" --seed 1 --overwrite --check \
            "$dir" 2>"$run/generate-$n.log" || { tail -5 "$run/generate-$n.log" >&2; exit 1; }
        since "$t0" >"$dir/generate_s"
        echo "$stamp" >"$dir/.bench-stamp"
        echo "generate_s $(cat "$dir/generate_s")" >"$run/data-$n"
    fi
}

# ------------------------------------------------------------------ 1. coverage, every engine
district "$parcels"
cov=$run/coverage-$parcels
mkdir -p "$cov"
gpkg=$data/district-$parcels/district.gpkg
if [ -x "$BENCH_READ" ]; then
    "$BENCH_READ" "$gpkg" parks landuse zones district >"$cov/bench_read.txt"
    { echo "floor_s $(awk '$1 == "total" { print $2 }' "$cov/bench_read.txt")"
      echo "what GDAL alone (bench_read) reads $(awk '$1 == "read" { printf "%s%s %s", (n++ ? ", " : ""), $3, $2 }' \
          "$cov/bench_read.txt") features in $(awk '$1 == "total" { print $2 }' "$cov/bench_read.txt") s"
    } >"$cov/floor"
fi
for e in "${engine_list[@]}"; do
    mkdir -p "$cov/$e"
    log "coverage at $parcels parcels: $e"
    rc=0
    "scripts/bench/$e.sh" "$data/district-$parcels" "$cov/$e" >"$cov/$e/engine.log" 2>&1 || rc=$?
    case $rc in
    0) echo ok >"$cov/$e/status" ;;
    3) echo skipped >"$cov/$e/status"; log "$e skipped: $(sed -n 's/^note //p' "$cov/$e/timing")" ;;
    *) echo failed >"$cov/$e/status"; log "$e failed ($rc): $(tail -3 "$cov/$e/engine.log")" ;;
    esac
done

status=0
echo
echo "500 m park coverage of residential land (0701) at $parcels parcels: the district and" \
     "$(ogrinfo -ro -so "$gpkg" zones | sed -n 's/^Feature Count: //p') zones"
/usr/bin/python3 scripts/bench/report.py coverage "$cov" "${engine_list[@]}" || status=1

# ------------------------------------------------------------------ 2. full runs
if [ "$full" = 1 ]; then
    for n in "${size_list[@]}"; do
        district "$n"
        mkdir -p "$run/full-$n"
        log "full run at $n parcels"
        scripts/bench/full.sh "$data/district-$n" "$run/full-$n" >"$run/full-$n/engine.log" 2>&1 ||
            { log "full run at $n parcels failed: $(tail -3 "$run/full-$n/engine.log")"; status=1; }
    done
    echo
    echo "full plancheck run of plan.ini (every indicator kind); read floor: GDAL alone reading every layer"
    /usr/bin/python3 scripts/bench/report.py full "$run" "${size_list[@]}" || status=1
fi

echo
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); raw output: $run"
exit $status
