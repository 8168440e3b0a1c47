#!/usr/bin/env bash
# bench-network.sh: times the walking network (src/geo/network.h) on synthetic street grids
# of 10k, 100k and 1M edges with bench/bench_network: making the geometries, building the
# graph, linking, the shortest-path pass, lookups. Figures only; nothing is asserted (tests
# never time things). A Release build in build-bench/, so build/ is left alone.
#   scripts/bench-network.sh [EDGES...]     default 10000 100000 1000000 (seed 1)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000 100000 1000000)

scripts/setup.sh run
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DPC_SANITIZE=OFF -DPC_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target bench_network >/dev/null

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
     "$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo) memory," \
     "GEOS $(pkg-config --modversion geos), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
     "$(date -u +%Y-%m-%d)"
for n in "${sizes[@]}"; do
    echo
    build-bench/bench/bench_network "$n" 1
done
