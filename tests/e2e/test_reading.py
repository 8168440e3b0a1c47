"""Reading layers: reprojection with the traditional axis order from EPSG:4490/4326 sources,
`srs` for sources without a CRS, `encoding` for GBK shapefiles without .cpg, repair of invalid
polygons, and the counts of what was repaired or skipped, all through the binary."""
import json
import math
import os

from osgeo import ogr, osr
from shapely import wkt as shapely_wkt
from shapely.ops import transform as shapely_transform

from common import REPO, check, finish, run, srs, tempdir, write, write_layer

# A 0.01 x 0.01 degree box in Yongchuan (lon/lat), and the same box's corners in EPSG:4544.
LON0, LAT0 = 105.90, 29.35
BOX_LONLAT = "POLYGON((%f %f,%f %f,%f %f,%f %f,%f %f))" % (
    LON0, LAT0, LON0 + 0.01, LAT0, LON0 + 0.01, LAT0 + 0.01, LON0, LAT0 + 0.01, LON0, LAT0)


def expected_area_m2(wkt_lonlat):
    """Area in EPSG:4544 of a lon/lat polygon: vertices transformed by osr (traditional
    order), area by shapely: the same vertex-wise reprojection plancheck does."""
    ct = osr.CoordinateTransformation(srs(4490), srs(4544))

    def project(x, y, z=None):
        pts = ct.TransformPoints(list(zip(x, y)))
        return [p[0] for p in pts], [p[1] for p in pts]

    return shapely_transform(project, shapely_wkt.loads(wkt_lonlat)).area


def area_plan(d, source, extra=""):
    """A plan measuring the area of one layer (no scope), in m2."""
    return write(os.path.join(d, "plan.ini"),
                 "[plan]\nname = t\ncrs = EPSG:4544\n[layer x]\nsource = %s\n%s\n"
                 "[indicator a]\nkind = area\nlayer = x\ntarget = >= 0 m2\n" % (source, extra))


def run_json(d, *extra):
    """Runs plan.ini in d with --json; returns (process, parsed document or None)."""
    r = run("run", "plan.ini", "-o", "out", "--overwrite", "--json", *extra, cwd=d)
    doc = json.loads(r.stdout) if r.returncode == 0 else None
    return r, doc


def scope_value(doc, indicator):
    return next(x["value"] for x in doc["results"] if x["id"] == indicator and x["zone"] is None)


def test_axis_order():
    """Geographic sources are latitude-first in EPSG terms; read with the traditional order,
    the box lands in Yongchuan with its true area. Swapped axes would put longitude 105.9 in
    the latitude slot: no transformation, or a wildly different area."""
    expected = expected_area_m2(BOX_LONLAT)
    check(1.0e6 < expected < 1.1e6, "oracle box area %.1f m2 is not about 1 km2" % expected)
    for name, driver, epsg, fname in [("GeoPackage EPSG:4490", "GPKG", 4490, "box.gpkg"),
                                      ("Shapefile EPSG:4326", "ESRI Shapefile", 4326, "box.shp"),
                                      ("GeoJSON (CRS84)", "GeoJSON", 4326, "box.geojson")]:
        d = tempdir()
        write_layer(os.path.join(d, fname), driver, "box", epsg, ogr.wkbPolygon, [],
                    [(BOX_LONLAT, {})])
        area_plan(d, fname)
        r, doc = run_json(d)
        check(r.returncode == 0, "%s: run failed: %s" % (name, r.stderr))
        if doc:
            got = scope_value(doc, "a")
            check(abs(got - expected) <= 1e-6 * expected,
                  "%s: area %.3f m2, expected %.3f" % (name, got, expected))


def test_real_outline():
    """The district outline in ../shared/reference (read there, never copied into the
    project): its README gives about 1,577.7 km2 in EPSG:4544."""
    outline = os.path.join(REPO, "..", "shared", "reference", "yongchuan-outline",
                           "yongchuan_wgs84_approx.geojson")
    if not os.path.exists(outline):
        print("skipped: no ../shared/reference outline")
        return
    d = tempdir()
    write(os.path.join(d, "plan.ini"),
          "[plan]\nname = t\ncrs = EPSG:4544\n[layer district]\nsource = %s\n"
          "[indicator a]\nkind = area\nlayer = district\ntarget = >= 1 km2\n"
          % os.path.abspath(outline))
    r, doc = run_json(d)
    check(r.returncode == 0, "outline: run failed: " + r.stderr)
    if doc:
        got = scope_value(doc, "a")
        check(abs(got - 1577.7) < 0.5, "outline area %.2f km2, README says about 1577.7" % got)


def test_srs_for_source_without_crs():
    d = tempdir()
    square = "POLYGON((590000 3249000,590200 3249000,590200 3249100,590000 3249100,590000 3249000))"
    write_layer(os.path.join(d, "nocrs.shp"), "ESRI Shapefile", "nocrs", None, ogr.wkbPolygon,
                [], [(square, {})])
    check(not os.path.exists(os.path.join(d, "nocrs.prj")), "fixture has a .prj")
    area_plan(d, "nocrs.shp")
    r, _ = run_json(d)
    check(r.returncode == 2 and "has no CRS" in r.stderr, "no srs: %d %s" % (r.returncode, r.stderr))
    area_plan(d, "nocrs.shp", "srs = EPSG:4544")
    r, doc = run_json(d)
    check(r.returncode == 0, "srs = EPSG:4544: " + r.stderr)
    if doc:
        check(abs(scope_value(doc, "a") - 20000) < 1e-6, "srs: area %r" % scope_value(doc, "a"))
    # srs given in another CRS: reprojected from it
    write_layer(os.path.join(d, "ll.shp"), "ESRI Shapefile", "ll", None, ogr.wkbPolygon, [],
                [(BOX_LONLAT, {})])
    area_plan(d, "ll.shp", "srs = EPSG:4490")
    r, doc = run_json(d)
    check(r.returncode == 0, "srs = EPSG:4490: " + r.stderr)
    if doc:
        expected = expected_area_m2(BOX_LONLAT)
        check(abs(scope_value(doc, "a") - expected) <= 1e-6 * expected, "srs 4490 area")


def write_gbk_zones(d):
    """zones.shp with GBK-encoded names and neither .cpg nor a code page in the DBF."""
    path = os.path.join(d, "zones.shp")
    square = "POLYGON((590000 3249000,590100 3249000,590100 3249100,590000 3249100,590000 3249000))"
    write_layer(path, "ESRI Shapefile", "zones", 4544, ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(square, {"name": "老城片区"})], options=["ENCODING=GBK"])
    cpg = os.path.join(d, "zones.cpg")
    if os.path.exists(cpg):
        os.remove(cpg)
    with open(os.path.join(d, "zones.dbf"), "r+b") as f:
        data = f.read()
        check("老城片区".encode("gbk") in data, "fixture DBF does not hold GBK bytes")
        f.seek(29)
        f.write(b"\x00")  # language driver id: none
    return path


def test_gbk_encoding():
    d = tempdir()
    write_gbk_zones(d)
    for encoding, expect_ok in [("encoding = GBK", True), ("", False)]:
        write(os.path.join(d, "plan.ini"),
              "[plan]\nname = t\ncrs = EPSG:4544\n[layer x]\nsource = zones.shp\n"
              "[zones z]\nsource = zones.shp\nname = name\n%s\n"
              "[indicator a]\nkind = area\nlayer = x\nzones = z\n" % encoding)
        r, doc = run_json(d)
        check(r.returncode == 0, "encoding %r: run failed: %s" % (encoding, r.stderr))
        if doc:
            zones = [x["zone"] for x in doc["results"] if x["zone"] is not None]
            if expect_ok:
                check(zones == ["老城片区"], "with GBK: zone names %r" % zones)
            else:
                check(zones != ["老城片区"], "without encoding the names should be garbled")
                check("1 texts not UTF-8 (set 'encoding', e.g. encoding = GBK)" in r.stderr,
                      "no hint about the encoding: " + r.stderr)


def test_repairs_and_skips_are_counted():
    """A bow-tie is repaired into its two triangles; a NULL and an EMPTY geometry are skipped;
    all three are reported on stderr, even with -q."""
    d = tempdir()
    bowtie = ("POLYGON((590000 3249000,590100 3249100,590100 3249000,590000 3249100,"
              "590000 3249000))")
    write_layer(os.path.join(d, "bad.gpkg"), "GPKG", "bad", 4544, ogr.wkbPolygon,
                [("pop", ogr.OFTInteger)],
                [(bowtie, {"pop": 5}), (None, {"pop": 1}), ("POLYGON EMPTY", {"pop": 2}),
                 ("POLYGON((590200 3249000,590300 3249000,590300 3249100,590200 3249000))",
                  {})])
    area_plan(d, "bad.gpkg", "population = pop")
    r, doc = run_json(d, "-q")
    check(r.returncode == 0, "repairs: run failed: " + r.stderr)
    for words in ["1 invalid repaired", "1 without geometry skipped", "1 empty skipped",
                  "1 with NULL pop counted as 0", "layer <x>: 2 features"]:
        check(words in r.stderr, "repairs: %r not in stderr %r" % (words, r.stderr))
    if doc:
        # two triangles of 2500 m2 each, and a right triangle of 5000 m2
        check(abs(scope_value(doc, "a") - 10000) < 1e-6, "repaired area %r" % scope_value(doc, "a"))


test_axis_order()
test_real_outline()
test_srs_for_source_without_crs()
test_gbk_encoding()
test_repairs_and_skips_are_counted()
finish()
