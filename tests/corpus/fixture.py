"""The good input every corpus case starts from: data.gpkg (parks, land-use parcels with
their residents, two zones) in CGCS2000 / 3-degree GK CM 105E (EPSG:4544), and a plan
measuring the parks' 500 m coverage of the residential parcels by zone. The plan is
plans/good.ini without its expectation lines; the run on it must succeed."""
import os

import common
from osgeo import ogr

X0, Y0 = 590000, 3249000
HERE = os.path.dirname(os.path.abspath(__file__))


def square_wkt(x, y, size):
    x0, y0 = X0 + x, Y0 + y
    return "POLYGON((%g %g,%g %g,%g %g,%g %g,%g %g))" % (
        x0, y0, x0 + size, y0, x0 + size, y0 + size, x0, y0 + size, x0, y0)


def write_layer(gpkg, name, geometry_type, fields, features, epsg=4544, overwrite=False):
    """Writes layer `name` of gpkg (replacing it with overwrite): epsg is an EPSG code, a WKT
    string or None (no CRS); features are [(wkt, {field: value})]."""
    common.write_layer(gpkg, "GPKG", name, epsg, geometry_type, fields, features,
                       options=["OVERWRITE=YES"] if overwrite else None)


def plan_text(name):
    """A corpus plan file without its two expectation lines, and (code, words) from them."""
    with open(os.path.join(HERE, "plans", name), "rb") as f:
        raw = f.read()
    first, second, _ = raw.split(b"\n", 2)
    code, *words = [w.strip() for w in second.decode().split(":", 1)[1].split("|")]
    return raw, int(code), words


def make(d):
    """Writes the good data.gpkg and plan.ini into folder d."""
    gpkg = os.path.join(d, "data.gpkg")
    write_layer(gpkg, "parks", ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(square_wkt(0, 0, 100), {"name": "中心公园"})])
    write_layer(gpkg, "landuse", ogr.wkbPolygon, [("code", ogr.OFTString), ("pop", ogr.OFTInteger)],
                [(square_wkt(200, 0, 100), {"code": "0701", "pop": 120}),
                 (square_wkt(900, 0, 100), {"code": "0701", "pop": 80}),
                 (square_wkt(400, 0, 100), {"code": "1401", "pop": 0})])
    write_layer(gpkg, "zones", ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(square_wkt(-100, -100, 500), {"name": "老城片区"}),
                 (square_wkt(400, -100, 800), {"name": "城西片区"})])
    raw, _, _ = plan_text("good.ini")
    with open(os.path.join(d, "plan.ini"), "wb") as f:
        f.write(raw)
