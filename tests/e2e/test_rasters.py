"""GeoTIFFs of the sample: format (gdalinfo's view), content, and agreement with the vectors.

- every GeoTIFF is georeferenced in EPSG:4544, tiled 256 x 256, DEFLATE-compressed, with
  overviews and nodata;
- the coverage mask's share of covered measured cells agrees with the exact vector figure of
  indicator_results within 0.5 percentage points at 10 m and 0.2 at 5 m;
- the distance raster is 0 on park cells and grows 10 m per cell in open land;
- `extent = district` makes the grid cover the district, with nodata outside it;
- the land-use raster carries a colour table and an attribute table of codes and names, and
  its class areas match the land-use parcels; the built-up year raster's 2015 cells match the
  2015 built-up area inside the scope (computed independently with shapely).
"""
import os
import re

import numpy
from osgeo import gdal, ogr
from shapely import wkb
from shapely.ops import unary_union

from common import REPO, check, finish, run, tempdir

GPKG = os.path.join(REPO, "layers/yongchuan/yongchuan.gpkg")


def sample_plan(cell_size, extent=None):
    """The sample plan with absolute sources, the given cell size and optionally an extent
    layer, in a scratch folder."""
    with open(os.path.join(REPO, "layers/yongchuan/plan.ini"), encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"source( *)= yongchuan\.gpkg", lambda m: "source%s= %s" % (m.group(1), GPKG),
                  text)
    text = text.replace("cell_size = 10 ", "cell_size = %g " % cell_size)
    if extent:
        text = text.replace("cell_size =", "extent = %s\ncell_size =" % extent, 1)
    folder = tempdir()
    path = os.path.join(folder, "plan.ini")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path, folder


def vector_coverage(db):
    ds = ogr.Open(db)
    lyr = ds.ExecuteSQL("SELECT value FROM indicator_results WHERE id = 'park_500m' "
                        "AND zone IS NULL")
    value = lyr.GetNextFeature().GetField(0)
    ds.ReleaseResultSet(lyr)
    return value


def check_format(path):
    info = gdal.Info(path, format="json")
    band = info["bands"][0]
    name = os.path.basename(path)
    check(info["coordinateSystem"]["wkt"].find('ID["EPSG",4544]') >= 0, "%s: CRS not EPSG:4544" % name)
    check(band["block"] == [256, 256], "%s: blocks %s, expected tiles of 256" % (name, band["block"]))
    check(info["metadata"].get("IMAGE_STRUCTURE", {}).get("COMPRESSION") == "DEFLATE",
          "%s: not DEFLATE-compressed" % name)
    check(len(band.get("overviews", [])) >= 1, "%s: no overviews" % name)
    check("noDataValue" in band, "%s: no nodata value" % name)
    return info


def read(path):
    ds = gdal.Open(path)
    return ds, ds.GetRasterBand(1).ReadAsArray()


def check_resolution(cell_size, tolerance):
    plan, folder = sample_plan(cell_size)
    out = os.path.join(folder, "out")
    r = run("run", plan, "-o", out, "-q")
    check(r.returncode == 0, "run at %g m failed: %s" % (cell_size, r.stderr))
    if r.returncode != 0:
        return None
    tifs = sorted(f for f in os.listdir(out) if f.endswith(".tif"))
    check(tifs == ["builtup_year.tif", "landuse.tif", "park_500m_coverage.tif",
                   "park_500m_distance.tif"], "GeoTIFFs %s" % tifs)
    for name in tifs:
        check_format(os.path.join(out, name))
    ds, mask = read(os.path.join(out, "park_500m_coverage.tif"))
    check(ds.GetGeoTransform()[1] == cell_size, "cell size %s" % ds.GetGeoTransform()[1])
    check(ds.GetRasterBand(1).GetColorTable() is not None, "coverage mask has no colour table")
    covered, uncovered = int((mask == 1).sum()), int((mask == 2).sum())
    raster_share = 100.0 * covered / (covered + uncovered)
    exact = vector_coverage(os.path.join(out, "yongchuan.sqlite"))
    print("coverage at %g m: raster %.3f%%, exact %.3f%%, difference %.3f points" %
          (cell_size, raster_share, exact, raster_share - exact))
    check(abs(raster_share - exact) <= tolerance,
          "raster coverage %.3f%% at %g m is more than %g points from the exact %.3f%%" %
          (raster_share, cell_size, tolerance, exact))
    return out


def check_distance(out):
    ds, dist = read(os.path.join(out, "park_500m_distance.tif"))
    _, mask = read(os.path.join(out, "park_500m_coverage.tif"))
    nodata = ds.GetRasterBand(1).GetNoDataValue()
    inside = mask != 0
    check(bool(((dist == nodata) == ~inside).all()), "distance nodata is not exactly outside")
    d = dist[inside]
    check(d.min() == 0 and d.max() <= 2000, "distance range %s..%s" % (d.min(), d.max()))
    # covered cells are within a radius (500 m at most) of a park, give or take a cell
    check(bool((dist[mask == 1] <= 500 + 10 * 1.5).all()), "a covered cell is far from parks")
    # along a row, neighbouring distances differ by at most one cell (1-Lipschitz)
    rows = numpy.where(inside[:, 1:] & inside[:, :-1], numpy.abs(numpy.diff(dist, axis=1)), 0)
    check(float(rows.max()) <= 10.0 + 1e-3, "distance jumps %.2f m between cells" % rows.max())


def layer_union(name, where=None):
    ds = ogr.Open(GPKG)
    lyr = ds.GetLayerByName(name)
    if where:
        lyr.SetAttributeFilter(where)
    return unary_union([wkb.loads(bytes(f.GetGeometryRef().ExportToWkb())) for f in lyr])


def check_landuse_and_years(out):
    ds, classes = read(os.path.join(out, "landuse.tif"))
    band = ds.GetRasterBand(1)
    rat = band.GetDefaultRAT()
    check(rat is not None and rat.GetRowCount() >= 20, "land-use raster has no attribute table")
    check(band.GetColorTable() is not None, "land-use raster has no colour table")
    if rat is None:
        return
    names = [rat.GetNameOfCol(i) for i in range(rat.GetColumnCount())]
    check(names == ["value", "code", "label"], "attribute table columns %s" % names)
    code_of = {rat.GetValueAsInt(i, 0): rat.GetValueAsString(i, 1) for i in range(rat.GetRowCount())}
    index_0701 = [v for v, c in code_of.items() if c == "070102"]
    check(len(index_0701) == 1, "070102 not in the attribute table")
    scope = layer_union("central_city")
    if index_0701:
        cells = int((classes == index_0701[0]).sum()) * 100.0
        exact = layer_union("landuse", "code = '070102'").intersection(scope).area
        check(abs(cells - exact) <= 0.01 * exact, "070102 raster %.0f m2, parcels %.0f m2" % (cells, exact))
    _, years = read(os.path.join(out, "builtup_year.tif"))
    values = sorted(set(numpy.unique(years).tolist()))
    check(values == [0, 2015, 2020, 2025], "built-up years %s" % values)
    cells = int((years == 2015).sum()) * 100.0
    exact = layer_union("builtup_2015").intersection(scope).area
    check(abs(cells - exact) <= 0.01 * exact, "2015 cells %.0f m2, built-up 2015 %.0f m2" % (cells, exact))
    later = int((years == 2020).sum()) * 100.0
    exact2020 = layer_union("builtup_2020").difference(layer_union("builtup_2015")).intersection(scope).area
    check(abs(later - exact2020) <= 0.02 * exact2020 + 1e4,
          "first built 2020: %.0f m2 of cells, %.0f m2 exact" % (later, exact2020))


def check_extent():
    """extent = district: the grid covers the district's envelope, nodata outside the district,
    and measured land only inside the indicator's scope (the central city)."""
    plan, folder = sample_plan(50, extent="district")
    out = os.path.join(folder, "out")
    r = run("run", plan, "-o", out, "-q")
    check(r.returncode == 0, "run with extent failed: %s" % r.stderr)
    if r.returncode != 0:
        return
    ds, mask = read(os.path.join(out, "park_500m_coverage.tif"))
    x0, cell, _, y1, _, _ = ds.GetGeoTransform()
    source = ogr.Open(GPKG)  # kept open while its layer is used
    minx, maxx, miny, maxy = source.GetLayerByName("district").GetExtent()
    check(x0 <= minx < x0 + cell and y1 - cell < maxy <= y1 and
          x0 + ds.RasterXSize * cell >= maxx and y1 - ds.RasterYSize * cell <= miny,
          "grid %s %d x %d does not fit the district %s" %
          (ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize, (minx, maxx, miny, maxy)))
    district = layer_union("district").area
    inside = int((mask != 0).sum()) * cell * cell
    check(abs(inside - district) <= 0.01 * district, "cells inside %.0f m2, district %.0f m2" %
          (inside, district))
    measured = int(((mask == 1) | (mask == 2)).sum()) * cell * cell
    scope = layer_union("central_city").area
    check(0 < measured < scope, "measured land %.0f m2 outside the scope of %.0f m2" %
          (measured, scope))


out10 = check_resolution(10, 0.5)
if out10:
    check_distance(out10)
    check_landuse_and_years(out10)
check_resolution(5, 0.2)
check_extent()
finish()
