#!/usr/bin/env bash
# run-demo.sh: installs what is missing, builds plancheck and runs the Yongchuan sample plan.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh run
cmake -S . -B build/release -DCMAKE_BUILD_TYPE=Release -DPC_TESTS=OFF >/dev/null
cmake --build build/release -j"$(nproc)" >/dev/null
build/release/plancheck run layers/yongchuan/plan.ini -o out/yongchuan --overwrite
cat <<TXT

Results are in out/yongchuan/: yongchuan.sqlite (SpatiaLite: the table indicator_results,
the layer sectors with one column per indicator, park_500m_service_area, park_500m_gaps and
the map layers, each with its QGIS style), GeoTIFFs with .qml styles, and yongchuan.qgs.
Open out/yongchuan/yongchuan.qgs in QGIS for the styled map, or query the database:
  sqlite3 out/yongchuan/yongchuan.sqlite "SELECT id, zone, value, status FROM indicator_results"
The sample layers are illustrative, generated data: not official.
TXT
