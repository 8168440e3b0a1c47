#!/usr/bin/env bash
# qgis.sh: the 500 m park coverage as a chain of QGIS Processing algorithms run headless by
# qgis_process, for scripts/bench.sh.
#   scripts/bench/qgis.sh DATA_DIR OUT_DIR      (contract: scripts/bench/lib.sh)
# Each step is one qgis_process call reading and writing GeoPackages in OUT_DIR, timed on its
# own (OUT_DIR/steps.tsv: step, seconds, peak MB); there is no load step (every call reads
# its inputs itself), the coverage time is the whole chain and so includes each call's start
# (timed apart as `startup`: qgis_process --version) and the reading and writing between
# steps. The chain, as an analyst would click it in the Processing toolbox:
#   residential  native:extractbyexpression  landuse where "code" LIKE '0701%'
#   service      native:buffer               parks, 500 m, SEGMENTS=18, round caps, DISSOLVE
#   zone         native:clip                 zones clipped to the district
#   part         native:clip                 residential clipped to the district
#   covered      native:clip                 part clipped to the service area
#   part_zone    native:intersection         part x zone (keeping the zone's name)
#   covered_zone native:intersection         covered x zone
#   *_area       native:fieldcalculator      area($geometry) (planar, layer CRS) on the four
#   sums         qgis:basicstatisticsforfields (scope: SUM of part, covered) and
#                qgis:statisticsbycategories  (zones: sum by name of part_zone, covered_zone)
# native:clip keeps a feature whole when the (prepared) overlay contains it and intersects
# it otherwise; native:buffer with DISSOLVE buffers every feature and unions the buffers in one
# unary union. Debian's /usr/bin/qgis_process wrapper passes --noversioncheck, which
# qgis_process 3.22 refuses; /usr/bin/qgis_process.bin is then called directly.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=scripts/bench/lib.sh
. "$here/lib.sh"
data=$1
out=$(cd "$2" && pwd)
export QT_QPA_PLATFORM=offscreen
if [ -z "${XDG_RUNTIME_DIR:-}" ]; then     # Qt wants one; a private one, removed at the end
    XDG_RUNTIME_DIR=$(mktemp -d /tmp/pc-bench-xdg.XXXXXX)
    export XDG_RUNTIME_DIR
    trap 'rm -rf "$XDG_RUNTIME_DIR"' EXIT
fi

qp=
if command -v qgis_process >/dev/null; then
    if qgis_process --version >/dev/null 2>&1; then
        qp=qgis_process
    elif [ -x /usr/bin/qgis_process.bin ] && /usr/bin/qgis_process.bin --version >/dev/null 2>&1; then
        qp=/usr/bin/qgis_process.bin
    fi
fi
[ -n "$qp" ] || { kv "$out" note "qgis: qgis_process is not installed (or does not start)"; exit 3; }

gpkg=$data/district.gpkg
: >"$out/steps.tsv"
# step NAME ALGORITHM PARAM=VALUE...: one timed qgis_process call, JSON results in NAME.json
step() {
    local name=$1 alg=$2
    shift 2
    timed "$out/time.$name" "$qp" --json run "$alg" -- "$@" \
        >"$out/$name.json" 2>"$out/$name.stderr" ||
        { echo "qgis.sh: step $name ($alg) failed:" >&2; tail -5 "$out/$name.stderr" >&2; exit 1; }
    printf '%s\t%s\t%s\n' "$name" "$(wall_of "$out/time.$name")" "$(peak_of "$out/time.$name")" \
        >>"$out/steps.tsv"
}

timed "$out/time.startup" "$qp" --version >/dev/null 2>&1
step residential native:extractbyexpression INPUT="$gpkg|layername=landuse" \
    EXPRESSION="\"code\" LIKE '0701%'" OUTPUT="$out/residential.gpkg"
step service native:buffer INPUT="$gpkg|layername=parks" DISTANCE=500 SEGMENTS=18 \
    END_CAP_STYLE=0 JOIN_STYLE=0 MITER_LIMIT=2 DISSOLVE=true OUTPUT="$out/service.gpkg"
step zone native:clip INPUT="$gpkg|layername=zones" OVERLAY="$gpkg|layername=district" \
    OUTPUT="$out/zone.gpkg"
step part native:clip INPUT="$out/residential.gpkg" OVERLAY="$gpkg|layername=district" \
    OUTPUT="$out/part.gpkg"
step covered native:clip INPUT="$out/part.gpkg" OVERLAY="$out/service.gpkg" \
    OUTPUT="$out/covered.gpkg"
step part_zone native:intersection INPUT="$out/part.gpkg" OVERLAY="$out/zone.gpkg" \
    OVERLAY_FIELDS=name OUTPUT="$out/part_zone.gpkg"
step covered_zone native:intersection INPUT="$out/covered.gpkg" OVERLAY="$out/zone.gpkg" \
    OVERLAY_FIELDS=name OUTPUT="$out/covered_zone.gpkg"
for l in part covered part_zone covered_zone; do
    # shellcheck disable=SC2016  # $geometry is QGIS's, not the shell's
    step "${l}_area" native:fieldcalculator INPUT="$out/$l.gpkg" FIELD_NAME=area_m2 \
        FIELD_TYPE=0 FIELD_LENGTH=0 FIELD_PRECISION=0 FORMULA='area($geometry)' \
        OUTPUT="$out/${l}_area.gpkg"
done
for l in part covered; do
    step "${l}_sum" qgis:basicstatisticsforfields INPUT_LAYER="$out/${l}_area.gpkg" \
        FIELD_NAME=area_m2 OUTPUT_HTML_FILE="$out/${l}_sum.html"
done
for l in part_zone covered_zone; do
    step "${l}_sum" qgis:statisticsbycategories INPUT="$out/${l}_area.gpkg" \
        VALUES_FIELD_NAME=area_m2 CATEGORIES_FIELD_NAME=name OUTPUT="$out/${l}_sum.csv"
done

# figures: the scope from the two SUMs, each zone from the two tables of sums by name
# (zone names from the zones layer itself, so a zone without residential land still has a row)
/usr/bin/python3 - "$out" "$gpkg" <<'EOF'
import csv, json, os, sqlite3, sys
out, gpkg = sys.argv[1], sys.argv[2]
def total(name):
    return json.load(open(os.path.join(out, name + '.json')))['results']['SUM'] or 0.0
def by_zone(name):
    with open(os.path.join(out, name + '.csv'), encoding='utf-8') as f:
        return {r['name']: float(r['sum']) for r in csv.DictReader(f)}
rows = [('', total('covered_sum'), total('part_sum'))]
num, den = by_zone('covered_zone_sum'), by_zone('part_zone_sum')
names = [r[0] for r in sqlite3.connect(f'file:{gpkg}?mode=ro', uri=True).execute('SELECT name FROM zones')]
rows += [(z, num.get(z, 0.0), den.get(z, 0.0)) for z in sorted(names)]
with open(os.path.join(out, 'figures.tsv'), 'w', encoding='utf-8') as f:
    for z, n, d in rows:
        f.write(f"{z}\t{repr(100 * n / d) if d > 0 else ''}\t{n!r}\t{d!r}\n")
EOF

coverage=$(awk -F'\t' '{ s += $2 } END { printf "%.3f\n", s }' "$out/steps.tsv")
kv "$out" load_s n/a
kv "$out" coverage_s "$coverage"
kv "$out" wall_s "$coverage"
kv "$out" peak_mb "$(awk -F'\t' '$3 > m { m = $3 } END { printf "%.1f\n", m }' "$out/steps.tsv")"
kv "$out" note "qgis $("$qp" --version 2>/dev/null | sed -n 's/^QGIS \([0-9.]*\).*/\1/p' | head -1):" \
    "$(wc -l <"$out/steps.tsv") qgis_process calls, each starting in about" \
    "$(wall_of "$out/time.startup") s (qgis_process --version); no load step (each call" \
    "reads its inputs); steps:" \
    "$(awk -F'\t' '{ printf "%s%s %s", (NR > 1 ? ", " : ""), $1, $2 }' "$out/steps.tsv")"
