"""The end-to-end run on the Yongchuan sample: table on stdout, JSON, and a SpatiaLite file
that the spatialite CLI and GDAL open, with every layer and a filled indicator_results."""
import glob
import json
import os
import re
import sqlite3
import subprocess

from osgeo import gdal

from common import BINARY, REPO, check, finish, run, sqlite_rows, tempdir

PLAN = os.path.join(REPO, "layers", "yongchuan", "plan.ini")
SECTORS = ["科技生态新城片区", "兴龙湖片区", "凤凰湖片区", "城西片区", "老城片区", "神女湖片区",
           "西部欢乐城片区"]
# indicator: rows (scope + zones)
# growth: per region 3 years x (area + 7 metrics), 3 periods x (growth, new, cagr, 3 control
# lines), 2 consecutive periods x (3 types + below_min_patch) = 24 + 18 + 8 = 50
ROWS = {"park_500m": 8, "builtup_2020": 8, "builtup_growth": 8 * 50, "expansion_growth": 5 * 50,
        "growth_control_lines": 50, "new_construction": 2 * 8 + 6 + 3, "eco_city_2025": 1, "green_share": 8,
        "green_share_110": 1,
        # two layers, scope only: 2 years x 8, one period x (3 + 3 lines), 4 types
        "central_expansion": 16 + 6 + 4,
        # issue 5: per-capita, count and density per sector; district and eco-city shares;
        # structure: a row per class and region (13 classes x 8, 16 in the district);
        # conflicts: area, pieces, noise and noise pieces
        "park_per_capita": 8, "shelter_per_capita": 8, "shelter_count": 8, "sports_per_capita": 8,
        "road_density": 8, "forest_share": 1, "blue_green_share": 1, "landuse_structure": 13 * 8,
        "district_structure": 16, "redline_conflicts": 4, "farmland_conflicts": 4,
        "outside_dev_boundary": 4, "ponds_unremediated": 1}
# issue 6: coverage along the street network, per sector or for the eco city alone
WALK = {"park_500m_walk": 8, "civic_park_500m": 8, "plaza_1000m": 8, "lake_2000m": 8,
        "eco_park_5min": 1, "eco_water_10min": 1, "eco_hills_15min": 1, "elderly_5min": 8,
        "primary_10min": 8, "market_10min": 8, "middle_15min": 8, "clinic_15min": 8}
ROWS.update(WALK)


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
                       "farmland:1:4544", "dev_boundary:1:4544",
                       # growth: new patches and control-line crossings of each indicator
                       "builtup_growth_new_patches:1:4544", "builtup_growth_crossings:1:4544",
                       "expansion_growth_new_patches:1:4544",
                       "expansion_growth_crossings:1:4544", "growth_control_lines_new_patches:1:4544",
                       "growth_control_lines_crossings:1:4544",
                       "new_construction_new_patches:1:4544", "new_construction_crossings:1:4544",
                       "expansion_areas:1:4544", "eco_city:1:4544",
                       "central_expansion_new_patches:1:4544",
                       "central_expansion_crossings:1:4544",
                       # issue 5: conflict pieces and their noise, counted features
                       "redline_conflicts_conflicts:1:4544", "redline_conflicts_noise:1:4544",
                       "farmland_conflicts_conflicts:1:4544", "farmland_conflicts_noise:1:4544",
                       "outside_dev_boundary_outside:1:4544",
                       "outside_dev_boundary_noise:1:4544", "shelter_count_features:1:4544",
                       "ponds_unremediated_features:1:4544"] +
                      # issue 6: each walking indicator's parcels, gaps and service area
                      ["%s_%s:1:4544" % (i, t) for i in WALK
                       for t in ("parcels", "gaps", "service_area")])
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

    # walking coverage: the parcels layer sums to the rows, its gaps are its uncovered
    # parcels, distances lie within the radius, and along the streets covers less than in a
    # straight line
    for ident in WALK:
        parcels = sqlite_rows(db, "SELECT sum(area_m2), sum(covered * area_m2), "
                                  "sum(covered = 0), max(network_m), min(connector_m) "
                                  "FROM %s_parcels" % ident)[0]
        row = sqlite_rows(db, "SELECT numerator, denominator FROM indicator_results "
                              "WHERE id = '%s' AND zone IS NULL" % ident)[0]
        check(abs(parcels[0] - row[1]) <= 1e-6 * row[1] and
              abs(parcels[1] - row[0]) <= 1e-6 * max(row[0], 1),
              "%s: parcels %s, row %s" % (ident, parcels, row))
        gaps = sqlite_rows(db, "SELECT count(*) FROM %s_gaps" % ident)[0][0]
        check(gaps == parcels[2], "%s: %d gaps, %d uncovered parcels" % (ident, gaps, parcels[2]))
        check(parcels[4] >= 0, "%s: negative connector" % ident)
    walk = sqlite_rows(db, "SELECT value FROM indicator_results WHERE id = 'park_500m_walk' "
                           "AND zone IS NULL")[0][0]
    check(walk < overall[1], "walking coverage %.2f %% not below straight-line %.2f %%" %
          (walk, overall[1]))
    check(sqlite_rows(db, "SELECT max(network_m) FROM civic_park_500m_parcels")[0][0] <= 500,
          "a civic_park_500m distance beyond its radius")

    # the zone layer carries each indicator as a column
    sectors = sqlite_rows(db, "SELECT name, park_500m, park_500m_status, "
                              "builtup_growth_area_2025 FROM sectors")
    by_zone = {x[0]: x for x in rows}
    for name, value, status, built in sectors:
        check(abs(value - by_zone[name][1]) < 1e-9 and status == by_zone[name][2],
              "sectors.%s disagrees with indicator_results" % name)
        check(built is not None and built > 0, "sectors.builtup_growth_area_2025 empty for " + name)

    # growth: every new patch typed by its LEI, type sums equal the rows, pieces in the scope
    patches = sqlite_rows(db, "SELECT period, type, count(*), sum(area_m2), min(lei), max(lei) "
                              "FROM builtup_growth_new_patches GROUP BY 1, 2")
    check({(p, t) for p, t, *_ in patches} >= {("2015-2020", "infilling"), ("2015-2020", "edge"),
                                               ("2020-2025", "edge"), ("2020-2025", "outlying")},
          "expansion types %s" % patches)
    bounds = {"infilling": (50, 100), "edge": (0, 50), "outlying": (0, 0)}
    for period, kind, n, area, lo, hi in patches:
        low, high = bounds[kind]
        check(lo >= low and hi <= high and (kind != "infilling" or lo > 50)
              and (kind != "edge" or lo > 0), "%s LEI %s..%s outside its type" % (kind, lo, hi))
        row = sqlite_rows(db, "SELECT numerator FROM indicator_results WHERE id = "
                              "'builtup_growth' AND zone IS NULL AND measure = '%s' AND "
                              "period = '%s'" % (kind, period))
        check(abs(row[0][0] - area) <= 1e-6 * area, "%s %s: layer %s m2, row %s" %
              (kind, period, area, row))
    crossings = sqlite_rows(db, "SELECT line, count(*) FROM growth_control_lines_crossings "
                                "GROUP BY 1")
    check({x[0] for x in crossings} == {"in_redline", "on_farmland", "outside_dev_boundary"},
          "crossing lines %s" % crossings)

    # conflicts: every piece carries both sides' attributes; the layer sums equal the rows,
    # and noise pieces are all below the sliver tolerance while conflict pieces are not
    for ident, cols in (("redline_conflicts", "survey_construction_dlbm, redline_name"),
                        ("farmland_conflicts", "survey_construction_dlbm, farmland_id")):
        pieces = sqlite_rows(db, "SELECT %s, area_m2, piece_area_m2 FROM %s_conflicts"
                             % (cols, ident))
        noise = sqlite_rows(db, "SELECT piece_area_m2 FROM %s_noise" % ident)
        check(pieces and all(a and b for a, b, *_ in pieces), "%s pieces lack attributes: %s"
              % (ident, pieces[:3]))
        check(all(p >= 50 for *_, p in pieces) and all(p < 50 for p, in noise),
              "%s: pieces and noise on the wrong side of 50 m2" % ident)
        row = sqlite_rows(db, "SELECT numerator FROM indicator_results WHERE id = '%s' AND "
                              "measure IS NULL" % ident)[0][0]
        total = sum(a for _, _, a, _ in pieces)
        check(abs(row - total) <= 1e-6 * total, "%s: layer %s m2, row %s" % (ident, total, row))
    structure = sqlite_rows(db, "SELECT zone, sum(share_pct), count(*) FROM "
                                "landuse_structure_structure GROUP BY zone")
    check(len(structure) == 8 and all(abs(s - 100) < 1e-9 for _, s, _ in structure),
          "structure shares do not add up to 100 %%: %s" % structure)

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
    return doc


def same_results(doc, other, what):
    """Checks that result rows `other` equal those of `doc` to the last bit."""
    key = ("id", "zone", "measure", "period")
    values = {tuple(x[k] for k in key): x["value"] for x in doc["results"]}
    differ = [x for x in other if values.get(tuple(x[k] for k in key)) != x["value"]]
    check(len(other) == len(values) and not differ,
          "%s differs from the default in %d rows, first %s" % (what, len(differ), differ[:1]))


def test_threads(out, doc):
    """One thread gives the same figures as the default (every core), to the last bit: the
    threads' results are gathered in the layer's order and unions are made in fixed strips."""
    env = dict(os.environ, PLANCHECK_THREADS="1")
    r = subprocess.run([BINARY, "run", PLAN, "-o", out + "-1", "--overwrite", "--json", "-q"],
                       capture_output=True, text=True, timeout=600, env=env)
    check(r.returncode == 0, "PLANCHECK_THREADS=1 run failed: " + r.stderr)
    if r.returncode != 0:
        return
    same_results(doc, json.loads(r.stdout)["results"], "1 thread")


def tables_of(db):
    """plancheck's tables in a result database: name -> (rows, sum of area_m2, source_fid
    in row order, (sum of areas, sum of vertices) of the geometries), None where a table
    lacks the column."""
    con = sqlite3.connect(db)
    con.enable_load_extension(True)
    con.load_extension("mod_spatialite")
    # plancheck's tables: results, map, styles, every layer, the structure tables (run_info
    # holds the time of the run)
    names = ["indicator_results", "map_layers", "map_classes", "layer_styles"]
    names += [n for (n,) in con.execute("SELECT f_table_name FROM geometry_columns")]
    names += [n for (n,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_structure' "
        "ESCAPE '\\'")]
    out = {}
    for n in names:
        cols = [c[1] for c in con.execute('PRAGMA table_info("%s")' % n)]
        rows = con.execute('SELECT count(*) FROM "%s"' % n).fetchone()[0]
        area = (con.execute('SELECT sum(area_m2) FROM "%s"' % n).fetchone()[0]
                if "area_m2" in cols else None)
        fids = ([f for (f,) in con.execute('SELECT source_fid FROM "%s" ORDER BY ogc_fid' % n)]
                if "source_fid" in cols else None)
        shape = (con.execute('SELECT sum(ST_Area(geometry)), sum(ST_NPoints(geometry)) FROM "%s"'
                             % n).fetchone() if "geometry" in cols else None)
        out[n] = (rows, area, fids, shape)
    con.close()
    return out


def test_batches(out, doc):
    """Streamed layers read in batches of 7 features give the same figures, to the last bit,
    the same database and the same rasters as one batch: the land-use layer (structure, map
    copy, raster), the survey layer and the residential layer (both coverages, straight and
    walking, their gaps and parcels spilled to disk batch by batch, and the residents of
    per_capita), the street layers (their walking graphs built from batches, road density
    summed batch by batch) are streamed; every sum runs in source order."""
    env = dict(os.environ, PLANCHECK_BATCH="7")
    r = subprocess.run([BINARY, "run", PLAN, "-o", out + "-b7", "--overwrite", "--json"],
                       capture_output=True, text=True, timeout=600, env=env)
    check(r.returncode == 0, "PLANCHECK_BATCH=7 run failed: " + r.stderr)
    if r.returncode != 0:
        return
    for name in ("landuse", "survey", "residential", "roads", "walkways"):
        check(re.search(r"layer <%s>: \d+ features .*, streamed in batches of 7 " % name,
                        r.stderr) is not None, "no streamed report for <%s>: %s" % (name, r.stderr))
    check("layer <parks>" in r.stderr and
          not re.search(r"layer <parks>.*streamed", r.stderr), "parks (facilities) held whole")
    same_results(doc, json.loads(r.stdout)["results"], "batches of 7")
    a = tables_of(os.path.join(out, "yongchuan.sqlite"))
    b = tables_of(os.path.join(out + "-b7", "yongchuan.sqlite"))
    check(a.keys() == b.keys(), "tables differ: %s" % (a.keys() ^ b.keys()))
    check(a.get("landuse", (0,))[0] > 6000, "landuse copy has %r rows" % (a.get("landuse"),))
    for n in a.keys() & b.keys():
        check(a[n] == b[n], "table <%s> differs with batches of 7" % n)
    check(any(n.endswith("_gaps") for n in a) and any(n.endswith("_parcels") for n in a),
          "no gaps or walking parcels table to compare: %s" % sorted(a))
    rasters = sorted(os.path.basename(p) for p in glob.glob(os.path.join(out, "*.tif")))
    check("landuse.tif" in rasters and any(n.endswith("_coverage.tif") for n in rasters),
          "rasters to compare: %s" % rasters)
    for name in rasters:
        ta = open(os.path.join(out, name), "rb").read()
        tb = open(os.path.join(out + "-b7", name), "rb").read()
        check(ta == tb, "%s differs with batches of 7" % name)


out, rows = test_run()
doc = test_json(out, rows)
test_threads(out, doc)
test_batches(out, doc)
finish()
