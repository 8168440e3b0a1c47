"""The bad data of the corpus: each case turns the good fixture (fixture.py) into one kind of
broken input and states what plancheck must answer. Cases that plancheck accepts on purpose
(a repairable polygon, a geographic CRS) expect exit code 0 and the warning that says what
was done; the rest expect exit code 2 and one line naming the file, layer, field or feature.

Each case: (name, make(d), expected exit code, words the last stderr line must hold). make
gets the case folder holding data.gpkg and plan.ini and may change either."""
import math
import os

from osgeo import ogr, osr

from fixture import X0, Y0, square_wkt, write_layer


def add_parcel(d, geometry, code="0701", pop=10, layer="landuse"):
    """Appends one feature with `geometry` (WKT, or an ogr.Geometry) to a layer of data.gpkg;
    returns its FID."""
    ds = ogr.Open(os.path.join(d, "data.gpkg"), 1)
    lyr = ds.GetLayerByName(layer)
    f = ogr.Feature(lyr.GetLayerDefn())
    if layer == "landuse":
        f.SetField("code", code)
        f.SetField("pop", pop)
    elif layer == "zones":
        f.SetField("name", code)
    g = geometry if isinstance(geometry, ogr.Geometry) else ogr.CreateGeometryFromWkt(geometry)
    f.SetGeometryDirectly(g)
    lyr.CreateFeature(f)
    fid = f.GetFID()
    ds = None
    return fid


def ring_polygon(points, close=True):
    """An ogr polygon of one ring through points, closed or left open."""
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in points:
        ring.AddPoint_2D(x, y)
    if close:
        ring.AddPoint_2D(*points[0])
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def truncate(d):
    path = os.path.join(d, "data.gpkg")
    size = os.path.getsize(path)
    with open(path, "r+b") as f:
        f.truncate(size // 3)


def corrupt(d):
    path = os.path.join(d, "data.gpkg")
    with open(path, "r+b") as f:
        f.seek(0)
        f.write(b"\x00garbage" * 512)


def not_a_geopackage(d):
    with open(os.path.join(d, "data.gpkg"), "w") as f:
        f.write("name,x,y\npark,1,2\n")


def points_for_parcels(d):
    write_layer(os.path.join(d, "data.gpkg"), "landuse", ogr.wkbPoint,
                [("code", ogr.OFTString), ("pop", ogr.OFTInteger)],
                [("POINT (%d %d)" % (X0 + 50, Y0 + 50), {"code": "0701", "pop": 5})],
                overwrite=True)


def bowtie(d):
    add_parcel(d, ring_polygon([(X0, Y0), (X0 + 100, Y0 + 100), (X0 + 100, Y0), (X0, Y0 + 100)]))


def self_touching(d):
    add_parcel(d, ring_polygon([(X0, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 100), (X0 + 50, Y0),
                                (X0, Y0 + 100)]))


def unclosed(d):
    # the ring's last point stops short of its first, as CAD conversions leave them
    add_parcel(d, ring_polygon([(X0, Y0), (X0 + 100, Y0), (X0 + 100, Y0 + 100),
                                (X0, Y0 + 100), (X0, Y0 + 1)], close=False))


def zero_area(d):
    add_parcel(d, ring_polygon([(X0, Y0), (X0 + 100, Y0), (X0 + 200, Y0)]))


def empty_layer(d):
    write_layer(os.path.join(d, "data.gpkg"), "landuse", ogr.wkbPolygon,
                [("code", ogr.OFTString), ("pop", ogr.OFTInteger)], [], overwrite=True)


def null_geometry(d):
    ds = ogr.Open(os.path.join(d, "data.gpkg"), 1)
    lyr = ds.GetLayerByName("landuse")
    f = ogr.Feature(lyr.GetLayerDefn())
    f.SetField("code", "0701")
    lyr.CreateFeature(f)
    ds = None


def no_crs(d):
    write_layer(os.path.join(d, "data.gpkg"), "parks", ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(square_wkt(0, 0, 100), {"name": "p"})], epsg=None, overwrite=True)


def geographic(d):
    # the parks again in CGCS2000 longitude and latitude (EPSG:4490): reprojected, accepted
    s4544, s4490 = osr.SpatialReference(), osr.SpatialReference()
    s4544.ImportFromEPSG(4544)
    s4490.ImportFromEPSG(4490)
    for s in (s4544, s4490):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    g = ogr.CreateGeometryFromWkt(square_wkt(0, 0, 100))
    g.AssignSpatialReference(s4544)
    g.TransformTo(s4490)
    write_layer(os.path.join(d, "data.gpkg"), "parks", ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(g.ExportToWkt(), {"name": "p"})], epsg=4490, overwrite=True)


def engineering_crs(d):
    # a local engineering CRS (CAD drawings): no transformation to the plan CRS exists
    wkt = ('LOCAL_CS["site grid",LOCAL_DATUM["site",0],UNIT["metre",1],'
           'AXIS["X",EAST],AXIS["Y",NORTH]]')
    write_layer(os.path.join(d, "data.gpkg"), "parks", ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(square_wkt(0, 0, 100), {"name": "p"})], epsg=wkt, overwrite=True)


def huge(d):
    return add_parcel(d, ring_polygon([(X0, Y0), (1e300, Y0), (X0 + 100, Y0 + 100)]))


def nan(d):
    return add_parcel(d, ring_polygon([(X0, Y0), (math.nan, Y0), (X0 + 100, Y0 + 100)]))


def duplicate_zones(d):
    add_parcel(d, square_wkt(100, 0, 100), code="老城片区", layer="zones")


def gbk_zones(d, cpg, encoding_key=False):
    """The zones as a shapefile with GBK-encoded names, with or without its .cpg; the plan
    reads them from it (and with encoding_key says `encoding = GBK`)."""
    shp = os.path.join(d, "zones.shp")
    ds = ogr.GetDriverByName("ESRI Shapefile").CreateDataSource(shp)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4544)
    lyr = ds.CreateLayer("zones", srs, ogr.wkbPolygon, options=["ENCODING=GBK"])
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for wkt, name in ((square_wkt(-100, -100, 500), "老城片区"), (square_wkt(400, -100, 800),
                                                               "城西片区")):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("name", name)
        f.SetGeometry(ogr.CreateGeometryFromWkt(wkt))
        lyr.CreateFeature(f)
    ds = None
    if not cpg:
        os.remove(os.path.join(d, "zones.cpg"))
        with open(os.path.join(d, "zones.dbf"), "r+b") as f:  # no code page in the header
            f.seek(29)
            f.write(b"\x00")
    plan = os.path.join(d, "plan.ini")
    with open(plan, encoding="utf-8") as f:
        text = f.read()
    text = text.replace("source = data.gpkg\nlayer = zones\n", "source = zones.shp\n" +
                        ("encoding = GBK\n" if encoding_key else ""))
    with open(plan, "w", encoding="utf-8") as f:
        f.write(text)


def gbk_with_cpg(d):
    gbk_zones(d, cpg=True)


def gbk_without_cpg(d):
    gbk_zones(d, cpg=False)


def gbk_without_cpg_but_encoding(d):
    gbk_zones(d, cpg=False, encoding_key=True)


CASES = [
    ("truncated GeoPackage", truncate, 2, ["[layer parks]", "data.gpkg"]),
    ("corrupt GeoPackage", corrupt, 2, ["[layer parks]", "data.gpkg"]),
    ("a CSV named .gpkg", not_a_geopackage, 2, ["[layer parks]", "data.gpkg"]),
    ("points for parcels", points_for_parcels, 2,
     ["[indicator cov]", "layer <residential> has no polygons to measure", "1 point or line"]),
    ("bow-tie parcel", bowtie, 0, ["layer <residential>", "1 invalid repaired"]),
    ("self-touching ring", self_touching, 0, ["layer <residential>", "1 invalid repaired"]),
    ("ring left open", unclosed, 0, ["layer <residential>", "1 invalid repaired"]),
    ("zero-area parcel", zero_area, 0, ["layer <residential>", "1 empty skipped"]),
    ("empty layer", empty_layer, 0, ["layer <residential>", "0 features", "nothing to measure"]),
    ("null geometry", null_geometry, 0, ["layer <residential>", "1 without geometry skipped"]),
    ("layer without a CRS", no_crs, 2, ["[layer parks]", "has no CRS"]),
    ("geographic CRS", geographic, 0, []),
    ("engineering CRS", engineering_crs, 2, ["[layer parks]"]),
    ("huge coordinate", huge, 2, ["layer <residential>: feature", "beyond 1e+09 m"]),
    ("NaN coordinate", nan, 2, ["layer <residential>: feature", "not a number"]),
    ("two zones of one name", duplicate_zones, 2,
     ["[zones zones]", "two zones are named '老城片区'"]),
    ("GBK shapefile with .cpg", gbk_with_cpg, 0, []),
    ("GBK shapefile without .cpg", gbk_without_cpg, 0,
     ["zones <zones>", "2 texts not UTF-8 (set 'encoding', e.g. encoding = GBK)"]),
    ("GBK shapefile without .cpg, encoding = GBK", gbk_without_cpg_but_encoding, 0, []),
]
