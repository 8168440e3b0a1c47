#!/usr/bin/python3
"""Print a summary of plancheck's illustrative Yongchuan GeoPackage.

An independent shapely computation of the figures the sample plan checks:
layer counts and areas, park service-radius coverage of residential land
(overall, population-weighted and per sector), park area per resident,
built-up areas, green share of the built-up area and growth across the
control lines.  The data it reads is illustrative generated data, not
official data.

Usage:  /usr/bin/python3 scripts/check-yongchuan.py [FILE.gpkg]
"""

import os
import sys

from osgeo import ogr
from shapely import wkb
from shapely.ops import unary_union
from shapely.prepared import prep

RESIDENTIAL_FILTER = "code LIKE '0701%'"
QUAD_SEGS = 18                      # buffer quadrant segments, as plancheck
TARGET = 90.0                       # % coverage target of 21号


def park_radius(area):
    """Service radius (m) by park area: >=5000 m2 500 m, >=2000 m2 300 m."""
    if area >= 5000:
        return 500.0
    if area >= 2000:
        return 300.0
    return 0.0


def read(ds, name, where=None):
    """Features of layer name as (shapely geometry, attribute dict) pairs."""
    lyr = ds.GetLayerByName(name)
    if lyr is None:
        raise SystemExit('no layer <%s>' % name)
    lyr.SetAttributeFilter(where)
    out = []
    for f in lyr:
        g = f.GetGeometryRef()
        geom = wkb.loads(bytes(g.ExportToWkb())) if g is not None else None
        out.append((geom, f.items()))
    lyr.SetAttributeFilter(None)
    return out


def layer_summary(ds):
    """Print feature count, geometry type, area or length, CRS per layer."""
    print('%-16s %7s %-18s %12s %8s  %s' % ('layer', 'count', 'type', 'km2 / km',
                                          'invalid', 'crs'))
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayerByIndex(i)
        name = lyr.GetName()
        feats = read(ds, name)
        srs = lyr.GetSpatialRef()
        crs = '%s:%s' % (srs.GetAuthorityName(None), srs.GetAuthorityCode(None))
        gtype = ogr.GeometryTypeToName(lyr.GetGeomType())
        bad = sum(1 for g, _ in feats if g is None or g.is_empty or not g.is_valid)
        if 'Line' in gtype:
            size = sum(g.length for g, _ in feats if g is not None) / 1000
        else:
            size = sum(g.area for g, _ in feats if g is not None) / 1e6
        print('%-16s %7d %-18s %12.2f %8d  %s' % (name, len(feats), gtype, size, bad, crs))


def covered_area(geom, union, union_p):
    """Area of geom inside the prepared service-area union."""
    if union_p.contains(geom):
        return geom.area
    if not union_p.intersects(geom):
        return 0.0
    return geom.intersection(union).area


def coverage(ds):
    """Print park service-radius coverage of residential land."""
    city = unary_union([g for g, _ in read(ds, 'central_city')])
    city_p = prep(city)
    parks = read(ds, 'parks')
    buffers = [g.buffer(park_radius(g.area), QUAD_SEGS) for g, _ in parks
               if park_radius(g.area) > 0]
    union = unary_union(buffers)
    union_p = prep(union)
    res = read(ds, 'landuse', RESIDENTIAL_FILTER)
    sectors = read(ds, 'sectors')
    tot = cov = 0.0
    pop_tot = pop_cov = 0.0
    per = [[0.0, 0.0, 0.0, 0.0] for _ in sectors]   # area, covered, pop, pop covered
    for g, a in res:
        if not city_p.intersects(g):
            continue
        part = g if city_p.contains(g) else g.intersection(city)
        if part.is_empty:
            continue
        c = covered_area(part, union, union_p)
        tot += part.area
        cov += c
        pop = a.get('pop') or 0
        pop_tot += pop
        share = c / part.area if part.area > 0 else 0.0
        pop_cov += pop * share
        for k, (s, _) in enumerate(sectors):
            if not s.intersects(part):
                continue
            sp = part.intersection(s)
            if sp.area <= 0:
                continue
            per[k][0] += sp.area
            per[k][1] += covered_area(sp, union, union_p)
            per[k][2] += pop * sp.area / part.area
            per[k][3] += pop * sp.area / part.area * share
    print('\npark service-radius coverage of residential land (code LIKE 0701%%), '
          'buffers %d quadrant segments' % QUAD_SEGS)
    print('  qualifying parks %d of %d; service-area union %.2f km2'
          % (len(buffers), len(parks), union.area / 1e6))
    print('  residential land in central city %.2f km2, covered %.2f km2'
          % (tot / 1e6, cov / 1e6))
    print('  COVERAGE overall %.2f %%   population-weighted %.2f %%'
          % (100 * cov / tot, 100 * pop_cov / pop_tot))
    print('  %-18s %8s %8s %9s %9s %8s %7s' % ('sector', 'res km2', 'cover %',
                                             'pop', 'pop/km2', 'popcov %', 'vs 90'))
    for (s, a), (area, c, pop, pc) in zip(sectors, per):
        pct = 100 * c / area if area else 0.0
        print('  %-18s %8.2f %8.2f %9.0f %9.0f %8.2f %7s'
              % (a['name'], area / 1e6, pct, pop, pop / (area / 1e6) if area else 0,
                 100 * pc / pop if pop else 0.0, 'pass' if pct >= TARGET else 'FAIL'))
    return pop_tot


def park_stats(ds, pop_tot):
    """Print park counts by size and class and park area per resident."""
    parks = read(ds, 'parks')
    areas = [g.area for g, _ in parks]
    total = sum(areas)
    print('\nparks: %d, total %.2f km2; %.2f m2 per resident (%d residents)'
          % (len(parks), total / 1e6, total / pop_tot, pop_tot))
    print('  by size: <2000 m2 %d, 2000-5000 %d, 5000 m2-1 ha %d, 1-10 ha %d, >10 ha %d'
          % (sum(a < 2000 for a in areas), sum(2000 <= a < 5000 for a in areas),
             sum(5000 <= a < 1e4 for a in areas), sum(1e4 <= a < 1e5 for a in areas),
             sum(a >= 1e5 for a in areas)))
    classes = {}
    for _, a in parks:
        classes[a['class']] = classes.get(a['class'], 0) + 1
    print('  by class: ' + ', '.join('%s %d' % (k, classes[k]) for k in sorted(classes)))
    print('  unnamed %d; smallest %.0f m2, largest %.2f km2'
          % (sum(1 for _, a in parks if not a['name']), min(areas), max(areas) / 1e6))


def builtup(ds):
    """Print built-up areas, nesting, green share and control-line crossings."""
    years = [2015, 2020, 2025]
    b = {y: unary_union([g for g, _ in read(ds, 'builtup_%d' % y)]) for y in years}
    print('\nbuilt-up area: ' + ', '.join('%d %.2f km2' % (y, b[y].area / 1e6) for y in years))
    print('  not nested: 2015 outside 2020 %.3f km2, 2020 outside 2025 %.3f km2'
          % (b[2015].difference(b[2020]).area / 1e6, b[2020].difference(b[2025]).area / 1e6))
    green = unary_union([g for g, _ in read(ds, 'landuse', "code IN ('1401', '1402')")])
    share = green.intersection(b[2025]).area / b[2025].area
    print('  green land (1401+1402) in builtup_2025: %.2f km2, %.1f %% (target 43 %%)'
          % (green.intersection(b[2025]).area / 1e6, 100 * share))
    parts = {y: list(getattr(b[y], 'geoms', [b[y]])) for y in years}
    outlying = [g for g in parts[2025] if g.disjoint(b[2015])]
    print('  patches: ' + ', '.join('%d %d' % (y, len(parts[y])) for y in years) +
          '; 2025 patches apart from 2015 built-up: %d (%.2f km2)'
          % (len(outlying), sum(g.area for g in outlying) / 1e6))
    grow = b[2025].difference(b[2015])
    red = unary_union([g for g, _ in read(ds, 'redline')])
    farm = unary_union([g for g, _ in read(ds, 'farmland')])
    dev = unary_union([g for g, _ in read(ds, 'dev_boundary')])
    print('  growth 2015-2025 %.2f km2: into red line %.2f ha, into farmland %.2f ha, '
          'outside dev boundary %.2f ha' % (grow.area / 1e6, grow.intersection(red).area / 1e4,
                                            grow.intersection(farm).area / 1e4,
                                            grow.difference(dev).area / 1e4))
    city = unary_union([g for g, _ in read(ds, 'central_city')])
    for s, a in read(ds, 'sectors'):
        g15 = b[2015].intersection(s).area / 1e6
        g25 = b[2025].intersection(s).area / 1e6
        print('  %-18s built 2015 %6.2f  2025 %6.2f  km2 (sector %.2f km2)'
              % (a['name'], g15, g25, s.area / 1e6))
    print('  built-up 2025 outside the central city %.2f km2'
          % (b[2025].difference(city).area / 1e6))
    devs = sorted((g.area for g, _ in read(ds, 'dev_boundary')), reverse=True)
    print('  dev boundary: %d features, largest %.2f km2, others %.2f km2'
          % (len(devs), devs[0] / 1e6, sum(devs[1:]) / 1e6))


def landuse_stats(ds):
    """Print land-use area by code and how well parcels tile the city."""
    city = unary_union([g for g, _ in read(ds, 'central_city')])
    lu = read(ds, 'landuse')
    by = {}
    for g, a in lu:
        key = (a['code'], a['name'])
        by[key] = by.get(key, 0.0) + g.area
    print('\nland use (%d parcels), km2 by code:' % len(lu))
    items = sorted(by.items())
    for k in range(0, len(items), 4):
        print('  ' + '  '.join('%-6s %-8s %6.2f' % (c, n, a / 1e6)
                               for (c, n), a in items[k:k + 4]))
    inside = unary_union([g for g, _ in lu]).intersection(city).area
    print('  parcels cover %.4f %% of the central city; %d parcels mostly outside it'
          % (100 * inside / city.area, sum(1 for g, _ in lu
                                           if g.intersection(city).area < 0.5 * g.area)))
    roads = read(ds, 'roads')
    length = sum(g.intersection(city).length for g, _ in roads)
    print('  road length in central city %.1f km, %.2f km/km2 (target 7.0)'
          % (length / 1000, length / city.area * 1000))


def default_path():
    """layers/yongchuan/yongchuan.gpkg relative to the repository root."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(root, 'layers', 'yongchuan', 'yongchuan.gpkg')


def main(argv):
    """Print the summary."""
    path = argv[1] if len(argv) > 1 else default_path()
    ogr.UseExceptions()
    ds = ogr.Open(path)
    print('%s  (illustrative generated data, not official)' % path)
    layer_summary(ds)
    pop = coverage(ds)
    park_stats(ds, pop)
    builtup(ds)
    landuse_stats(ds)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
