#!/usr/bin/env bash
# geopandas.sh: the 500 m park coverage with GeoPandas and shapely, for scripts/bench.sh.
#   scripts/bench/geopandas.sh DATA_DIR OUT_DIR      (contract: scripts/bench/lib.sh)
# One Debian /usr/bin/python3 process runs geopandas-coverage.py, which times its reading
# (load) and its computation (coverage) itself; wall and peak memory are the process's.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
data=$1
out=$2
/usr/bin/python3 -c 'import geopandas' 2>/dev/null ||
    { kv "$out" note "geopandas: python3-geopandas is not installed"; exit 3; }

timed "$out/time" /usr/bin/python3 "$here/geopandas-coverage.py" "$data" "$out" \
    >"$out/stdout" 2>"$out/stderr" || { tail -5 "$out/stderr" >&2; exit 1; }
cat "$out/stdout" >>"$out/timing"
kv "$out" wall_s "$(wall_of "$out/time")"
kv "$out" peak_mb "$(peak_of "$out/time")"
kv "$out" note "geopandas: the python process used $(cpu_of "$out/time") s CPU"
