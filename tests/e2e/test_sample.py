"""The end-to-end run on the Yongchuan sample: table on stdout, JSON, and a SpatiaLite file
that the spatialite CLI and GDAL open, with every layer and a filled indicator_results."""
import json
import os
import subprocess

from osgeo import gdal

from common import REPO, check, finish, run, sqlite_rows, tempdir

PLAN = os.path.join(REPO, "layers", "yongchuan", "plan.ini")
SECTORS = ["科技生态新城片区", "兴龙湖片区", "凤凰湖片区", "城西片区", "老城片区", "神女湖片区",
           "西部欢乐城片区"]
# indicator: rows (scope + zones)
ROWS = {"park_500m": 8, "builtup_2020": 8, "builtup_2025": 8, "green_share": 8,
        "green_share_110": 1}


def spatialite(db, sql):
    r = subprocess.run(["spatialite", "-silent", db, sql], capture_output=True, text=True)
    check(r.returncode == 0, "spatialite %r failed: %s" % (sql, r.stderr))
    return r.stdout.strip()


def test_run():
    out = os.path.join(tempdir(), "yongchuan")
    r = run("run", PLAN, "-o", out)
    check(r.returncode == 0, "sample run failed: " + r.stderr)
    for name in SECTORS + ["park_500m", "central_city", "永川府发〔2022〕21号",
                           "城市公园绿地服务半径500米覆盖居住区比例达到90%"]:
        check(name in r.stdout, "%r not in the table on stdout" % name)
    for words in ["reading layer <residential>", "layer <residential>:", "results written to <"]:
        check(words in r.stderr, "%r not in progress on stderr" % words)
    db = os.path.join(out, "yongchuan.sqlite")
    check(os.path.exists(db), "no database")
    files = sorted(os.listdir(out))
    check(files == sorted(["yongchuan.sqlite", "yongchuan.qgs", "builtup_year.tif",
                           "builtup_year.tif.aux.xml", "builtup_year.qml", "landuse.tif",
                           "landuse.tif.aux.xml", "landuse.qml", "park_500m_distance.tif",
                           "park_500m_distance.qml", "park_500m_coverage.tif",
                           "park_500m_coverage.tif.aux.xml", "park_500m_coverage.qml"]),
          "output files: %s" % files)

    # SpatiaLite 4+ metadata, every layer indexed
    check(spatialite(db, "SELECT CheckSpatialMetaData()") == "3", "not SpatiaLite 4+ metadata")
    layers = spatialite(db, "SELECT f_table_name || ':' || spatial_index_enabled || ':' || srid "
                            "FROM geometry_columns ORDER BY 1").split()
    expected = sorted(["central_city:1:4544", "park_500m_gaps:1:4544",
                       "park_500m_service_area:1:4544", "sectors:1:4544",
                       # the plan's layers with a map role, copied for the map
                       "district:1:4544", "landuse:1:4544", "parks:1:4544", "redline:1:4544",
                       "farmland:1:4544", "dev_boundary:1:4544"])
    check(layers == expected, "geometry layers %s, expected %s" % (layers, expected))
    check(spatialite(db, "SELECT count(*) FROM sectors WHERE ST_IsValid(geometry)") == "7",
          "sectors not 7 valid geometries")

    # indicator_results: one row per indicator and zone, statuses judged
    counts = dict(sqlite_rows(db, "SELECT id, count(*) FROM indicator_results GROUP BY id"))
    check(counts == ROWS, "rows per indicator %s, expected %s" % (counts, ROWS))
    rows = sqlite_rows(db, "SELECT zone, value, status, pop_value FROM indicator_results "
                           "WHERE id = 'park_500m'")
    overall = [x for x in rows if x[0] is None][0]
    check(60 <= overall[1] <= 95, "overall coverage %.2f %% not in 60-95" % overall[1])
    check(overall[3] is not None, "no population-weighted value")
    statuses = {x[2] for x in rows if x[0] is not None}
    check(statuses == {"pass", "fail"}, "sector statuses %s: want some pass, some fail" % statuses)
    check(sorted(x[0] for x in rows if x[0]) == sorted(SECTORS), "sector names %s" % rows)
    for zone, value, status, _ in rows:
        check((value >= 90) == (status == "pass"), "status %s for %.2f %%" % (status, value))

    # the zone layer carries each indicator as a column
    sectors = sqlite_rows(db, "SELECT name, park_500m, park_500m_status, builtup_2025 "
                              "FROM sectors")
    by_zone = {x[0]: x for x in rows}
    for name, value, status, built in sectors:
        check(abs(value - by_zone[name][1]) < 1e-9 and status == by_zone[name][2],
              "sectors.%s disagrees with indicator_results" % name)
        check(built is not None and built > 0, "sectors.builtup_2025 empty for " + name)

    # GDAL opens the layers too (what QGIS's OGR provider does)
    ds = gdal.OpenEx(db, gdal.OF_VECTOR)
    names = sorted(ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount()))
    for n in expected:
        check(n.split(":")[0] in names, "GDAL does not see layer %s" % n)
    gaps = ds.GetLayerByName("park_500m_gaps")
    check(gaps.GetFeatureCount() > 0, "no gaps")
    return out, rows


def test_json(out, rows):
    r = run("run", PLAN, "-o", out, "--overwrite", "--json", "-q")
    check(r.returncode == 0, "--json run failed: " + r.stderr)
    check(r.stderr == "", "-q still printed: %r" % r.stderr)
    doc = json.loads(r.stdout)
    check(doc["plan"]["name"] == "yongchuan" and doc["plan"]["crs"] == "EPSG:4544", "plan block")
    check(doc["database"].endswith("yongchuan.sqlite"), "database path")
    check(len(doc["results"]) == sum(ROWS.values()), "JSON has %d results" % len(doc["results"]))
    park = {x["zone"]: x for x in doc["results"] if x["id"] == "park_500m"}
    for zone, value, status, pop_value in rows:
        check(abs(park[zone]["value"] - value) < 1e-9, "JSON value for %s" % zone)
        check(park[zone]["status"] == status, "JSON status for %s" % zone)
        check(abs(park[zone]["population"]["value"] - pop_value) < 1e-9, "JSON pop for %s" % zone)
    first = park[None]
    check(first["target"] == {"op": ">=", "value": 90.0, "unit": "%"}, "target %r" % first["target"])
    check(first["source"] == "永川府发〔2022〕21号" and first["year"] == 2025, "citation")


out, rows = test_run()
test_json(out, rows)
finish()
