"""Shared helpers of the end-to-end tests: run the plancheck binary, make fixture layers.

Run by ctest with Debian's /usr/bin/python3 (python3-gdal). The environment gives
PC_BINARY (the plancheck executable), PC_REPO (the source tree) and PC_TEST_TMP (scratch).
"""
import hashlib
import os
import subprocess
import sys
import tempfile

from osgeo import gdal, ogr, osr

gdal.UseExceptions()

BINARY = os.environ["PC_BINARY"]
REPO = os.environ["PC_REPO"]
TMP = os.environ.get("PC_TEST_TMP", "/tmp")

failures = []


def check(condition, message):
    """Records a failed expectation (the test goes on, and fails at the end)."""
    if not condition:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)


def finish():
    """Exits 1 if any check failed, 0 otherwise."""
    if failures:
        print("%d check(s) failed" % len(failures), file=sys.stderr)
        sys.exit(1)
    print("all checks passed")
    sys.exit(0)


def tempdir():
    """A new scratch directory under PC_TEST_TMP."""
    os.makedirs(TMP, exist_ok=True)
    return tempfile.mkdtemp(prefix="e2e-", dir=TMP)


def run(*args, cwd=None, env=None):
    """Runs plancheck with args (env: variables added to the environment); returns the
    CompletedProcess (text stdout and stderr)."""
    return subprocess.run([BINARY, *args], cwd=cwd, capture_output=True, text=True,
                          timeout=600, env=dict(os.environ, **env) if env else None)


def file_digest(path):
    """SHA-256 and mtime of a file, to prove it was left untouched."""
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest(), os.stat(path).st_mtime_ns


def srs(epsg):
    """A spatial reference (an EPSG code, or WKT) with the traditional GIS axis order
    (x = lon / easting)."""
    s = osr.SpatialReference()
    if isinstance(epsg, str):
        s.ImportFromWkt(epsg)
    else:
        s.ImportFromEPSG(epsg)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


def write_layer(path, driver, layer, epsg, geometry_type, fields, features, options=None):
    """Writes one layer: fields is [(name, ogr type)], features [(wkt or None, {field: value})].
    epsg None writes no CRS."""
    drv = ogr.GetDriverByName(driver)
    ds = drv.Open(path, 1) if os.path.exists(path) and driver == "GPKG" else None
    if ds is None:
        ds = drv.CreateDataSource(path)
    lyr = ds.CreateLayer(layer, srs(epsg) if epsg else None, geometry_type,
                         options=options or [])
    for name, kind in fields:
        lyr.CreateField(ogr.FieldDefn(name, kind))
    for wkt, values in features:
        f = ogr.Feature(lyr.GetLayerDefn())
        for k, v in values.items():
            f.SetField(k, v)
        if wkt is not None:
            f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None


def tree_digests(folder):
    """Every file below folder (hidden ones too) -> SHA-256 of its bytes, and every folder
    -> "dir", to prove a tree was left exactly as it was."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                out[os.path.relpath(path, folder)] = hashlib.sha256(f.read()).hexdigest()
        for name in dirs:
            out[os.path.relpath(os.path.join(root, name), folder) + "/"] = "dir"
    return out


def write(path, text):
    """Writes a text file (UTF-8)."""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def sqlite_rows(db, sql):
    """Rows of a query on a SQLite/SpatiaLite file, read through GDAL (no extension needed)."""
    ds = gdal.OpenEx(db, gdal.OF_VECTOR)
    lyr = ds.ExecuteSQL(sql)
    rows = [[f.GetField(i) for i in range(f.GetFieldCount())] for f in lyr]
    ds.ReleaseResultSet(lyr)
    return rows
