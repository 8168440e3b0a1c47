"""SQL safety: names that come from users and their data (plan layer and zone-layer names,
source layer names, field names, zone names) in Chinese, with quotes, spaces, semicolons
and SQL keywords, reach the SpatiaLite database, its map tables and the QGIS project intact,
and no statement is ever broken open by one: every table is there under its exact name, the
zone names come back byte for byte, and the input is unchanged."""
import math
import os
import sqlite3
import xml.etree.ElementTree as ET

from osgeo import ogr

from common import BINARY, check, file_digest, finish, run, tempdir, write, write_layer

X0, Y0 = 590000, 3249000

# names a careless statement would break on
LANDUSE_LAYER = 'parcels"; DROP TABLE parks; --'
CODE_FIELD = "代码 'code'"
POP_FIELD = 'pop"; SELECT 1'
PARKS_LAYER = "公园 (parks) 'SELECT'"
ZONES_LAYER = "片区; DELETE FROM x"
ZONE_FIELD = 'name "of" zone'
ZONE_NAMES = ["老城'; DROP TABLE indicator_results; --", 'SELECT "*" FROM sqlite_master',
              "凤凰湖 片区 %s \\ ;"]
# [layer NAME] and [zones NAME] name tables of the results: anything but quotes, which
# SpatiaLite refuses in a layer's name (refused by the plan; test_quoted_plan_names)
PLAN_LANDUSE = "用地 landuse; DROP TABLE x --"
PLAN_ZONES = "SELECT 片区 FROM zones;"


def square(x, y, size):
    x0, y0 = X0 + x, Y0 + y
    return "POLYGON((%d %d,%d %d,%d %d,%d %d,%d %d))" % (
        x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0)


def fixture():
    d = tempdir()
    gpkg = os.path.join(d, "data.gpkg")
    parcels = []
    for i in range(9):  # a 3 x 3 block of 100 m parcels, residential (0701) or park (1401)
        code = "1401" if i == 4 else "0701"
        parcels.append((square(100 * (i % 3), 100 * (i // 3), 100),
                        {CODE_FIELD: code, POP_FIELD: 100 * (i + 1)}))
    write_layer(gpkg, "GPKG", LANDUSE_LAYER, 4544, ogr.wkbPolygon,
                [(CODE_FIELD, ogr.OFTString), (POP_FIELD, ogr.OFTInteger)], parcels)
    write_layer(gpkg, "GPKG", PARKS_LAYER, 4544, ogr.wkbPolygon, [("名称", ogr.OFTString)],
                [(square(100, 100, 100), {"名称": "中心'公园"}),
                 (square(250, 0, 100), {"名称": 'east"; DROP TABLE parks; --'})])
    write_layer(gpkg, "GPKG", ZONES_LAYER, 4544, ogr.wkbPolygon, [(ZONE_FIELD, ogr.OFTString)],
                [(square(0, 0, 100), {ZONE_FIELD: ZONE_NAMES[0]}),
                 (square(100, 0, 200), {ZONE_FIELD: ZONE_NAMES[1]}),
                 (square(0, 100, 300), {ZONE_FIELD: ZONE_NAMES[2]})])
    write(os.path.join(d, "plan.ini"), """[plan]
name = hostile
crs = EPSG:4544

[layer {plan_landuse}]
source = data.gpkg
layer = {landuse_layer}
role = landuse
class = {code_field}

[layer residential]
source = data.gpkg
layer = {landuse_layer}
class = {code_field}
classes = 0701
population = {pop_field}

[layer parks]
source = data.gpkg
layer = {parks_layer}
role = facility
label = 名称

[zones {plan_zones}]
source = data.gpkg
layer = {zones_layer}
name = {zone_field}

[indicator cover]
kind = coverage
facility = parks
layer = residential
radius = 100
zones = {plan_zones}

[indicator structure]
kind = structure
layer = {plan_landuse}
zones = {plan_zones}

[indicator clash]
kind = overlap
layer = residential
with = parks
""".format(plan_landuse=PLAN_LANDUSE, landuse_layer=LANDUSE_LAYER, code_field=CODE_FIELD,
           pop_field=POP_FIELD, parks_layer=PARKS_LAYER, plan_zones=PLAN_ZONES,
           zones_layer=ZONES_LAYER, zone_field=ZONE_FIELD))
    return d, gpkg


def test_hostile_names():
    d, gpkg = fixture()
    before = file_digest(gpkg)
    r = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
    check(r.returncode == 0, "run failed: %s" % r.stderr)
    check(file_digest(gpkg) == before, "the input GeoPackage changed")
    db = os.path.join(d, "out", "hostile.sqlite")
    con = sqlite3.connect(db)
    tables = {n for (n,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    for name in ("indicator_results", "map_layers", "map_classes", "layer_styles",
                 PLAN_LANDUSE, "parks", PLAN_ZONES, "cover_gaps", "cover_service_area"):
        check(name in tables, "table <%s> missing: %s" % (name, sorted(tables)))
    # SpatiaLite keeps layer names in lower case
    layers = {n for (n,) in con.execute("SELECT f_table_name FROM geometry_columns")}
    check(PLAN_LANDUSE.lower() in layers and PLAN_ZONES.lower() in layers,
          "hostile names not registered as layers: %s" % sorted(layers))
    # the copy of the land-use layer: every parcel, its class under its own field name
    rows = con.execute('SELECT count(*) FROM "%s"' % PLAN_LANDUSE.replace('"', '""')).fetchone()
    check(rows == (9,), "land-use copy has %r rows" % (rows,))
    # zone names byte for byte in the results and the zone table
    got = {z for (z,) in con.execute(
        "SELECT DISTINCT zone FROM indicator_results WHERE zone IS NOT NULL")}
    check(got == set(ZONE_NAMES), "zone names in the results: %r" % got)
    zone_rows = {z for (z,) in con.execute('SELECT name FROM "%s"' % PLAN_ZONES.replace('"', '""'))}
    check(zone_rows == set(ZONE_NAMES), "zone table names: %r" % zone_rows)
    # the figures: zone 0 is the parcel diagonal to the park; what lies within 100 m of the
    # park's corner is a quarter of the buffer's circle, 18 segments to a quarter (the
    # default): 0.5 r^2 18 sin(pi/36) of the parcel's 100 x 100 m
    cover = dict(con.execute("SELECT zone, value FROM indicator_results WHERE id = 'cover' "
                             "AND zone IS NOT NULL"))
    expected = 100.0 * 0.5 * 100 ** 2 * 18 * math.sin(math.pi / 36) / 100 ** 2
    check(abs(cover.get(ZONE_NAMES[0], -1) - expected) < 1e-9,
          "coverage in zone 0: %r, expected %.12f" % (cover, expected))
    # the conflict pieces carry both sides' attributes under their own (hostile) field names
    clash = [t for t in tables if t.startswith("clash_") and t != "clash_noise"]
    check(len(clash) == 1, "conflict table: %s" % sorted(tables))
    if clash:
        cols = [c[1] for c in con.execute('PRAGMA table_info("%s")' % clash[0])]
        check(any(CODE_FIELD in c for c in cols) and any(POP_FIELD in c for c in cols),
              "conflict columns: %r" % cols)
        # one piece: the east park over half of parcel 2 (200..300 x 0..100), 5000 m2
        code = [c for c in cols if CODE_FIELD in c][0]
        name = [c for c in cols if "名称" in c][0]
        rows = con.execute('SELECT "%s", "%s", area_m2 FROM "%s"' % (
            code.replace('"', '""'), name.replace('"', '""'), clash[0])).fetchall()
        check(len(rows) == 1 and rows[0][:2] == ("0701", 'east"; DROP TABLE parks; --') and
              abs(rows[0][2] - 5000) < 1e-6, "conflict rows: %r" % rows)
    classes = {c for (c,) in con.execute("SELECT class FROM map_classes")} if \
        "class" in [c[1] for c in con.execute("PRAGMA table_info(map_classes)")] else None
    con.close()
    # the QGIS project is well-formed XML that names the hostile layers
    tree = ET.parse(os.path.join(d, "out", "hostile.qgs"))
    names = {e.text for e in tree.iter("layername")}
    check(PLAN_LANDUSE in names or any(PLAN_LANDUSE in (n or "") for n in names) or
          any(PLAN_LANDUSE in (e.get("name") or "") for e in tree.iter("layer-tree-layer")),
          "the project does not name the land-use layer: %s" % sorted(n or "" for n in names))
    check(classes is None or "0701" in {str(c)[:4] for c in classes if c},
          "map classes: %r" % classes)


def test_quoted_plan_names():
    """A plan name with a quote cannot name a SpatiaLite layer: refused before anything is
    read, one line naming the section (exit 2)."""
    for name in ('用地 "landuse"', "o'clock"):
        d, _ = fixture()
        path = os.path.join(d, "plan.ini")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        write(path, text.replace(PLAN_LANDUSE, name))
        r = run("run", "plan.ini", "-o", "out", cwd=d)
        lines = r.stderr.splitlines()
        check(r.returncode == 2 and len(lines) == 1 and "plan.ini:5:" in r.stderr and
              "bad name '%s'" % name in r.stderr and "quotes" in r.stderr,
              "quoted name %r: exit %d, stderr %r" % (name, r.returncode, r.stderr))
        check(not os.path.exists(os.path.join(d, "out")), "%r: output created" % name)


if __name__ == "__main__":
    test_hostile_names()
    test_quoted_plan_names()
    finish()
