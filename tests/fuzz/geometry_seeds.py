"""Writes the geometry fuzzer's seed corpus: WKB of the shapes layers bring (a square, a
bow-tie, a ring touching itself, a hole, a multipolygon, lines, points, curves, 3D, empty,
NaN and huge coordinates), one file each, into the folder given."""
import os
import sys

from osgeo import ogr

SHAPES = {
    "square": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
    "bowtie": "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))",
    "self_touching": "POLYGON ((0 0, 10 0, 10 10, 5 0, 0 10, 0 0))",
    "hole": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 8 2, 8 8, 2 8, 2 2))",
    "hole_outside": "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 30 20, 30 30, 20 20))",
    "zero_area": "POLYGON ((0 0, 10 0, 20 0, 0 0))",
    "multi": "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((0 0, 1 0, 1 1, 0 0)))",
    "line": "LINESTRING (0 0, 10 10, 20 0)",
    "multiline": "MULTILINESTRING ((0 0, 1 1), (1 1, 2 0))",
    "point": "POINT (590000 3249000)",
    "curve": "CURVEPOLYGON (CIRCULARSTRING (0 0, 4 0, 4 4, 0 4, 0 0))",
    "z": "POLYGON Z ((0 0 1, 10 0 2, 10 10 3, 0 10 4, 0 0 1))",
    "empty": "POLYGON EMPTY",
    "collection": "GEOMETRYCOLLECTION (POINT (1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
    "huge": "POLYGON ((0 0, 1e300 0, 1e300 1e300, 0 0))",
    "nan": "POLYGON ((0 0, nan 0, 10 10, 0 0))",
}


def main(folder):
    os.makedirs(folder, exist_ok=True)
    for name, wkt in SHAPES.items():
        g = ogr.CreateGeometryFromWkt(wkt)
        if g is None:
            continue
        with open(os.path.join(folder, name + ".wkb"), "wb") as f:
            f.write(g.ExportToIsoWkb())


main(sys.argv[1])
