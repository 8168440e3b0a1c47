#!/usr/bin/env bash
# make-preview.sh: renders the sample's QGIS project with QGIS itself (headless) into
# docs/images/yongchuan-preview.png, the picture in docs/user-guide.md. It runs the real-client
# test (tests/client/test_qgis.py), which checks the project as it renders it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh test
cmake -S . -B build/test -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j"$(nproc)" --target plancheck
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
PC_BINARY=build/test/plancheck PC_REPO="$PWD" PC_TEST_TMP="$scratch" \
    PC_PREVIEW="$PWD/docs/images/yongchuan-preview.png" QT_QPA_PLATFORM=offscreen \
    /usr/bin/python3 tests/client/test_qgis.py
echo "make-preview.sh: wrote docs/images/yongchuan-preview.png" >&2
