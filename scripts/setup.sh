#!/usr/bin/env bash
# setup.sh: installs the Debian 12 packages plancheck needs, only those missing.
#   scripts/setup.sh run    what building and running need
#   scripts/setup.sh test   that, plus what the test suite needs
#   scripts/setup.sh bench  that, plus the other engines scripts/bench.sh compares with
# Run as root on Debian 12 (apt-get). Prints what it installs; silent when nothing is missing.
set -euo pipefail

mode=${1:-run}
build_packages=(build-essential cmake pkg-config libgdal-dev gdal-bin libgeos-dev libproj-dev
                proj-data libinih-dev libjansson-dev libsqlite3-dev)
# cmocka: unit tests; sqlite3 + mod_spatialite + spatialite-bin: the SpatiaLite oracle and
# checks of the output database; python3-gdal/-shapely: end-to-end fixtures and the sample
# generator; valgrind and clang-format: memory and style checks; python3-qgis and
# qgis-providers: QGIS itself opens and renders the output (headless), with fonts-noto-cjk
# for the Chinese labels; python3-networkx: the street-network oracle's Dijkstra;
# postgresql-15-postgis-3: a real local PostGIS server for the PG: round trip
# (scripts/pg-server.sh); time: GNU time, which the benchmark's engine scripts use and
# oracle.district runs; clang: libFuzzer, for the fuzz targets (scripts/fuzz.sh).
test_packages=(libcmocka-dev sqlite3 libsqlite3-mod-spatialite spatialite-bin python3-gdal
               python3-shapely python3-numpy valgrind clang-format python3-qgis qgis-providers
               fonts-noto-cjk python3-networkx postgresql-15 postgresql-15-postgis-3 time clang)
# The benchmark's other engines: GeoPandas and qgis_process (package qgis).
bench_packages=(python3-geopandas qgis)

case "$mode" in
run) wanted=("${build_packages[@]}") ;;
test) wanted=("${build_packages[@]}" "${test_packages[@]}") ;;
bench) wanted=("${build_packages[@]}" "${test_packages[@]}" "${bench_packages[@]}") ;;
*) echo "usage: scripts/setup.sh [run|test|bench]" >&2; exit 2 ;;
esac

missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
    exit 1
fi
echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
