#!/usr/bin/env bash
# bench-sample.sh: times plancheck on the Yongchuan sample and prints the figures: wall time
# of whole runs, and the time of each stage as plancheck reports it on stderr. Figures only;
# nothing is asserted (tests never time things).
#   scripts/bench-sample.sh [RUNS]      default 5 runs
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

scripts/setup.sh run
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPC_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "plancheck $(build/release/plancheck --version | cut -d' ' -f2) on layers/yongchuan/plan.ini," \
     "$runs runs, $(nproc) cores, $(date -u +%Y-%m-%d)"
for i in $(seq "$runs"); do
    start=$(date +%s.%N)
    build/release/plancheck run layers/yongchuan/plan.ini -o "$out" --overwrite \
        >/dev/null 2>"$out/stderr.$i"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { print b - a }' >>"$out/wall"
done
sort -n "$out/wall" | awk '{ t[NR] = $1 } END { printf "whole run: min %.3f s, median %.3f s\n", t[1], t[int((NR + 1) / 2)] }'
# stage times: "(0.014 s)" after each layer, "in 0.169 s" after each indicator and each
# raster product; best of the runs
cat "$out"/stderr.* | sed -n 's/^plancheck: \(layer\|zones\) <\([^>]*\)>.*(\([0-9.]*\) s)$/read \2 \3/p; s/^plancheck: indicator <\([^>]*\)>: .* in \([0-9.]*\) s$/compute \1 \2/p; s/^plancheck: rasters of <\([^>]*\)> in \([0-9.]*\) s$/raster \1 \2/p' |
    sort -k1,1 -k2,2 -k3,3n | awk '!seen[$1 " " $2]++ { printf "%-8s %-16s %.3f s\n", $1, $2, $3 }'
