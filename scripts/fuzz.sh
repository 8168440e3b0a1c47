#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets (clang, with ASan and UBSan) and fuzzes each.
#   scripts/fuzz.sh [SECONDS]     SECONDS per target (default 300; the test suite runs 30)
# Targets: fuzz_plan (the plan parser) and fuzz_geometry (geometry ingestion, as every layer
# is read). Every input kept in tests/fuzz/regressions/<target>/ runs first and must pass;
# the seeds are tests/fuzz/seeds/plan/ with the sample plan, and the shapes written by
# tests/fuzz/geometry_seeds.py. The run is seeded (-seed=1), so the same inputs come in the
# same order. A crash stops the script with the input saved in build/fuzz/artifacts/<target>/:
# fix the cause, then copy the input into tests/fuzz/regressions/<target>/.
set -euo pipefail
seconds=${1:-300}
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${PC_FUZZ_BUILD:-$repo/build/fuzz}
python=/usr/bin/python3
command -v clang >/dev/null ||
    { echo "fuzz.sh: clang is not installed (scripts/setup.sh installs it)" >&2; exit 2; }

echo "fuzz.sh: building the fuzz targets in $build"
CC=clang cmake -S "$repo" -B "$build" -DPC_FUZZ=ON -DPC_TESTS=OFF \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$build.cmake.log" 2>&1 ||
    { cat "$build.cmake.log" >&2; exit 1; }
cmake --build "$build" --target fuzz_plan fuzz_geometry -j"$(nproc)" >"$build.build.log" 2>&1 ||
    { tail -30 "$build.build.log" >&2; exit 1; }

work=$build/work
rm -rf "$work"
mkdir -p "$work/plan" "$work/geometry" "$work/tmp"
cp "$repo"/tests/fuzz/seeds/plan/*.ini "$repo/layers/yongchuan/plan.ini" "$work/plan/"
"$python" "$repo/tests/fuzz/geometry_seeds.py" "$work/geometry"
export TMPDIR=$work/tmp

status=0
for target in plan geometry; do
    artifacts=$build/artifacts/$target
    mkdir -p "$artifacts"
    regressions=("$repo/tests/fuzz/regressions/$target"/*)
    if [ -e "${regressions[0]}" ]; then
        "$build/fuzz_$target" "${regressions[@]}" >"$work/$target-regressions.log" 2>&1 || {
            echo "fuzz.sh: a regression input of fuzz_$target fails again:" >&2
            tail -30 "$work/$target-regressions.log" >&2
            exit 1
        }
        echo "fuzz.sh: fuzz_$target: ${#regressions[@]} regression inputs pass"
    fi
    if "$build/fuzz_$target" -seed=1 -max_total_time="$seconds" -timeout=20 \
        -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$artifacts/" "$work/$target" >"$work/$target.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
        corpus=$(ls "$work/$target" | wc -l)
        echo "fuzz.sh: fuzz_$target: clean for ${seconds} s, $runs inputs run, corpus $corpus"
    else
        echo "fuzz.sh: fuzz_$target FOUND A FAULT; the input is in $artifacts/:" >&2
        grep -E "ERROR|SUMMARY|Test unit written" "$work/$target.log" >&2 || true
        tail -40 "$work/$target.log" >&2
        status=1
    fi
done
rm -rf "$work/tmp"
exit $status
