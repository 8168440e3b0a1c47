#!/usr/bin/python3
"""Print a summary of plancheck's illustrative Yongchuan GeoPackage.

An independent shapely computation of the figures the sample plan checks:
layer counts and areas, park service-radius coverage of residential land
(overall, population-weighted and per sector), park area per resident,
built-up areas, green share of the built-up area and growth across the
control lines; and for the survey, ponds, shelters and sports layers: the
survey's tiling of the district and its forest share, construction across
the red line and farmland (conflicts, slivers, shared edges), urban land
outside the development boundary, the pond inventory by size, distance and
remediation, shelter and sports area per resident; and for the walking-access
point layers (park gates, schools, clinics, elderly care, markets): counts per
layer, type and sector, residents per facility, every gate on its park's
outline, every point in the central city and out of water and road parcels.
The data it reads is illustrative generated data, not official data.

Usage:  /usr/bin/python3 scripts/check-yongchuan.py [FILE.gpkg]
"""

import math
import os
import sys
import warnings

from osgeo import ogr
from shapely import wkb
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree

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
        if 'Point' in gtype:
            size = '-'
        elif 'Line' in gtype:
            size = '%.2f' % (sum(g.length for g, _ in feats if g is not None) / 1000)
        else:
            size = '%.2f' % (sum(g.area for g, _ in feats if g is not None) / 1e6)
        print('%-16s %7d %-18s %12s %8d  %s' % (name, len(feats), gtype, size, bad, crs))


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


SURVEY_BUILT = ('05', '06', '07', '08', '09', '1001', '1003', '1004', '1005', '1109', '1201')
TOUCH = 0.01          # m2: an overlap below this is a shared edge, not an overlap
SLIVER = 30.0         # m2: overlaps up to this are digitising slivers
MU = 10000.0 / 15     # m2 per 亩


def is_built(code):
    """True for 三调 construction-land codes."""
    return code.startswith(SURVEY_BUILT)


def survey_stats(ds):
    """Print survey validity, tiling of the district and area by class."""
    district = unary_union([g for g, _ in read(ds, 'district')])
    sv = read(ds, 'survey')
    bad = sum(1 for g, _ in sv if g is None or g.is_empty or not g.is_valid)
    total = sum(g.area for g, _ in sv)
    union = unary_union([g for g, _ in sv])
    gaps = district.difference(union).area
    outside = union.difference(district).area
    overlap = total - union.area
    print('\nsurvey (三调, standard time 2019-12-31): %d parcels, %d invalid, %d distinct tbbh'
          % (len(sv), bad, len({a['tbbh'] for _, a in sv})))
    print('  parcel area sum %.4f km2 vs district %.4f km2: difference %.4f %% '
          '(tolerance 0.01 %%)' % (total / 1e6, district.area / 1e6,
                                  100 * (total - district.area) / district.area))
    print('  gaps %.3f m2, outside the district %.3f m2, overlaps (sum - union) %.3f m2 -> %s'
          % (gaps, outside, overlap,
             'TILES the district' if abs(total - district.area) < 1e-4 * district.area
             and gaps < 1e-4 * district.area and abs(overlap) < 1e-4 * district.area
             else 'DOES NOT TILE'))
    pairs, worst, errors = pairwise_overlaps([g for g, _ in sv])
    print('  pairwise: %d parcel pairs overlap by more than %g m2 (largest %.4f m2), '
          '%d GEOS predicate errors' % (pairs, TOUCH, worst, errors))
    areas = sorted(g.area for g, _ in sv)
    print('  parcel sizes: smallest %.3f m2, median %.0f m2, largest %.2f km2; under 30 m2: %d'
          % (areas[0], areas[len(areas) // 2], areas[-1] / 1e6, sum(a < 30 for a in areas)))
    by = {}
    for g, a in sv:
        k = (a['dlbm'], a['dlmc'])
        n, s = by.get(k, (0, 0.0))
        by[k] = (n + 1, s + g.area)
    print('  area by 地类 (count, km2, % of district):')
    items = sorted(by.items())
    for k in range(0, len(items), 3):
        print('  ' + '  '.join('%-5s %-10s %5d %7.2f %5.2f%%' % (c, n, cnt, s / 1e6,
                                                              100 * s / district.area)
                               for (c, n), (cnt, s) in items[k:k + 3]))

    def share(prefixes):
        """Share (%) of the district in classes starting with prefixes."""
        return 100 * sum(s for (c, _), (_, s) in by.items()
                         if c.startswith(prefixes)) / district.area
    print('  FOREST (林地 03xx) %.2f %% of the district (target 森林覆盖率 > 51 %% by 2025); '
          'cultivated (01xx) %.2f %%, garden (02xx) %.2f %%, construction %.2f %%, '
          'water (11xx) %.2f %%' % (share('03'), share('01'), share('02'),
                                   share(SURVEY_BUILT), share('11')))
    return sv


def pairwise_overlaps(geoms):
    """(pairs overlapping by more than TOUCH m2, largest overlap, GEOS errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        tree = STRtree(geoms)
    ids = {id(g): i for i, g in enumerate(geoms)}
    pairs, worst, errors = 0, 0.0, 0
    for i, g in enumerate(geoms):
        for h in tree.query(g):
            j = ids[id(h)]
            if j <= i:
                continue
            try:
                if not g.intersects(h):
                    continue
                a = g.intersection(h).area
            except Exception:             # pylint: disable=broad-except
                errors += 1
                continue
            if a > TOUCH:
                pairs += 1
                worst = max(worst, a)
    return pairs, worst, errors


def by_bbox(geoms):
    """A crude bounding-box index: list of (bounds, index)."""
    return [(g.bounds, i) for i, g in enumerate(geoms)]


def overlapping(index, g):
    """Indices whose bounds overlap g's bounds."""
    x0, y0, x1, y1 = g.bounds
    return [i for (a0, b0, a1, b1), i in index
            if a0 <= x1 and x0 <= a1 and b0 <= y1 and y0 <= b1]


def survey_conflicts(ds, sv):
    """Print construction parcels across the red line and permanent farmland."""
    domain = unary_union([g for g, _ in read(ds, 'landuse')])
    dom_p = prep(domain)
    dev = unary_union([g for g, _ in read(ds, 'dev_boundary')])
    dev_p = prep(dev)
    layers = {'redline': read(ds, 'redline'), 'farmland': read(ds, 'farmland')}
    print('\nsurvey construction parcels across the control lines '
          '(overlap > %g m2 conflict, %g-%g m2 sliver, touching with 0 m2 edge)'
          % (SLIVER, TOUCH, SLIVER))
    found = {}
    for lname, feats in layers.items():
        geoms = [g for g, _ in feats]
        index = by_bbox(geoms)
        union_p = prep(unary_union(geoms).buffer(0.5))
        for g, a in sv:
            if not is_built(a['dlbm']) or not union_p.intersects(g):
                continue
            where = 'landuse' if dom_p.contains(g.representative_point()) else 'countryside'
            for i in overlapping(index, g):
                r = geoms[i]
                if not r.intersects(g):
                    continue
                inter = g.intersection(r)
                area = inter.area
                if area < TOUCH:
                    kind = 'edge' if inter.length > 0.5 else None
                elif area <= SLIVER:
                    kind = 'sliver'
                else:
                    kind = 'conflict'
                if kind:
                    name = feats[i][1].get('name') or feats[i][1].get('id')
                    found.setdefault((lname, where, kind), []).append(
                        (a['tbbh'], a['dlbm'], g.area, area, inter.length, name))
    for lname in layers:
        for where in ('countryside', 'landuse'):
            for kind in ('conflict', 'sliver', 'edge'):
                rows = found.get((lname, where, kind), [])
                label = {'landuse': 'in the land-use domain (from landuse parcels)',
                         'countryside': 'in the countryside'}[where]
                print('  %-8s %-8s %-46s %3d parcels, overlap %10.2f m2'
                      % (lname, kind, label, len(rows), sum(r[3] for r in rows)))
                if where == 'countryside':
                    for t, c, pa, ov, ln, name in rows:
                        print('      tbbh %s %-5s parcel %7.0f m2  overlap %8s m2  '
                              'shared edge %6.1f m  %s'
                              % (t, c, pa, '%.2f' % ov if ov else '0 (exact)', ln, name))
    for lname in layers:
        rows = found.get((lname, 'countryside', 'conflict'), []) + \
            found.get((lname, 'landuse', 'conflict'), [])
        print('  %-8s TOTAL construction overlap beyond slivers: %.2f ha in %d parcels'
              % (lname, sum(r[3] for r in rows) / 1e4, len(rows)))
    # urban-type construction outside the development boundaries
    urban = ('0701', '05H1', '0601')
    out = {}
    for g, a in sv:
        c = a['dlbm']
        if not (c in urban or c == '0702'):
            continue
        if dev_p.contains(g):
            continue
        rest = g.difference(dev).area if dev_p.intersects(g) else g.area
        if rest < 0.5 * g.area:
            continue
        where = 'landuse' if dom_p.contains(g.representative_point()) else 'countryside'
        key = ('0702' if c == '0702' else 'urban', where)
        n, s = out.get(key, (0, 0.0))
        out[key] = (n + 1, s + rest)
    print('  outside the development boundary: urban-type (0701/05H1/0601) %d parcels '
          '%.2f ha in the countryside, %d parcels %.2f ha in the land-use ring; '
          '0702 villages %d parcels %.2f km2'
          % (out.get(('urban', 'countryside'), (0, 0))[0],
             out.get(('urban', 'countryside'), (0, 0.0))[1] / 1e4,
             out.get(('urban', 'landuse'), (0, 0))[0],
             out.get(('urban', 'landuse'), (0, 0.0))[1] / 1e4,
             out.get(('0702', 'countryside'), (0, 0))[0],
             out.get(('0702', 'countryside'), (0, 0.0))[1] / 1e6))
    for g, a in sv:
        if a['dlbm'] in urban and not dom_p.contains(g.representative_point()) \
                and (not dev_p.intersects(g) or g.difference(dev).area > 0.5 * g.area):
            print('      tbbh %s %-5s %7.0f m2 outside the development boundary'
                  % (a['tbbh'], a['dlbm'], g.area))


def pond_stats(ds, sv):
    """Print the pond inventory by size, distance to water and remediation."""
    ponds = read(ds, 'ponds')
    rivers = unary_union([g for g, _ in read(ds, 'rivers')])
    res = unary_union([g for g, _ in read(ds, 'lakes', "type = '水库'")])
    near_geom = unary_union([rivers, res])
    bad = sum(1 for g, _ in ponds if not g.is_valid)
    mus = [g.area / MU for g, _ in ponds]
    print('\nponds (水产养殖池塘): %d, %d invalid, %.1f-%.1f 亩 (total %.0f 亩 = %.2f km2)'
          % (len(ponds), bad, min(mus), max(mus), sum(mus), sum(mus) * MU / 1e6))
    table = {}
    for (g, a), mu in zip(ponds, mus):
        key = (mu >= 30, g.distance(near_geom) <= 500)
        n, done = table.get(key, (0, 0))
        table[key] = (n + 1, done + (1 if a['remediated'] else 0))
    for big in (True, False):
        for near in (True, False):
            n, done = table.get((big, near), (0, 0))
            print('  %-8s %-33s %3d ponds, remediated %3d, not remediated %3d'
                  % ('>= 30 亩' if big else '< 30 亩',
                     'within 500 m of rivers/reservoirs' if near else 'farther away',
                     n, done, n - done))
    n, done = table.get((True, True), (0, 0))
    print('  plan check (every pond >= 30 亩 within 500 m remediated): %s, %d left'
          % ('pass' if n == done else 'FAIL', n - done))
    p1104 = [g for g, a in sv if a['dlbm'] == '1104']
    matched = 0
    index = by_bbox(p1104)
    for g, _ in ponds:
        if any(p1104[i].equals(g) for i in overlapping(index, g)):
            matched += 1
    red = prep(unary_union([g for g, _ in read(ds, 'redline')]))
    farm = prep(unary_union([g for g, _ in read(ds, 'farmland')]))
    print('  ponds equal to a survey 1104 parcel: %d of %d (survey has %d 1104 parcels); '
          'in red line %d, on farmland %d'
          % (matched, len(ponds), len(p1104), sum(1 for g, _ in ponds if red.intersects(g)),
             sum(1 for g, _ in ponds if farm.intersects(g))))


def city_facilities(ds, pop):
    """Print emergency shelters and sports grounds per resident (and per sector)."""
    city = unary_union([g for g, _ in read(ds, 'central_city')])
    sectors = read(ds, 'sectors')
    sec_pop = [0.0] * len(sectors)
    for g, a in read(ds, 'landuse', RESIDENTIAL_FILTER):
        for k, (s, _) in enumerate(sectors):
            if s.intersects(g):
                sec_pop[k] += (a.get('pop') or 0) * s.intersection(g).area / g.area
    water = unary_union([g for g, _ in read(ds, 'rivers')] + [g for g, _ in read(ds, 'lakes')])
    for layer, field in (('shelters', 'level'), ('sports', 'type')):
        feats = read(ds, layer)
        bad = sum(1 for g, _ in feats if not g.is_valid)
        total = sum(g.area for g, _ in feats)
        union = unary_union([g for g, _ in feats]).area
        outside = sum(g.difference(city).area for g, _ in feats)
        wet = sum(g.intersection(water).area for g, _ in feats)
        print('\n%s: %d features, %d invalid, total %.2f km2 (union %.2f km2) = %.2f m2 '
              'per resident; outside the central city %.1f m2, in rivers/lakes %.1f m2'
              % (layer, len(feats), bad, total / 1e6, union / 1e6, total / pop, outside, wet))
        by = {}
        for g, a in feats:
            n, s = by.get(a[field], (0, 0.0))
            by[a[field]] = (n + 1, s + g.area)
        for k in sorted(by):
            n, s = by[k]
            print('  %-8s %3d  %.3f km2  (%.2f m2 per resident)' % (k, n, s / 1e6, s / pop))
        print('  per sector (area inside the sector / its residents): ' + ', '.join(
            '%s %.2f' % (a['name'][:-2], sum(g.intersection(s).area for g, _ in feats) / p)
            for (s, a), p in zip(sectors, sec_pop) if p > 0))


ACCESS_LAYERS = [('park_entrances', None), ('schools', 'type'), ('clinics', 'type'),
                 ('elderly_care', None), ('markets', None)]
GATE_PARK_AREA = 5000.0       # m2: parks this large have gates, smaller ones none
GATE_TOLERANCE = 0.5          # m: a gate lies on its park's outline within this
GATE_ROAD = 40.0              # m: gates this near a road centreline (not expressway)
ONE_SIDE_ARC = 100.0          # degrees: gates all in this arc seen from the park centre


def arc_degrees(points, centre):
    """Degrees of the smallest arc, seen from centre, holding all points."""
    ang = sorted(math.degrees(math.atan2(p.y - centre.y, p.x - centre.x)) % 360
                 for p in points)
    gaps = [b - a for a, b in zip(ang, ang[1:])] + [ang[0] + 360 - ang[-1]]
    return 360 - max(gaps)


def access_points(ds):
    """Print the walking-access point layers: counts per layer, type and
    sector with residents per facility, the gates against their parks, and
    where every point lies (central city, water, road parcels)."""
    sectors = read(ds, 'sectors')
    names = [a['name'] for _, a in sectors]
    sec_p = [prep(s) for s, _ in sectors]
    residents = [0] * len(sectors)
    for g, a in read(ds, 'landuse', RESIDENTIAL_FILTER):
        rp = g.representative_point()
        for k, sp in enumerate(sec_p):
            if sp.contains(rp):
                residents[k] += a.get('pop') or 0
                break
    total = sum(residents)

    def sector(pt):
        """Index of the sector holding pt (len(sectors) if none)."""
        return next((k for k, sp in enumerate(sec_p) if sp.intersects(pt)), len(sectors))
    print('\nwalking-access points: count per sector (residents per facility in the sector)')
    layers = {}
    for layer, field in ACCESS_LAYERS:
        feats = read(ds, layer)
        layers[layer] = feats
        kinds = sorted({a[field] for _, a in feats}) if field else [None]
        groups = [(layer, [g for g, _ in feats])]
        if len(kinds) > 1:
            groups += [('  ' + k, [g for g, a in feats if a[field] == k]) for k in kinds]
        for label, pts in groups:
            per = [0] * (len(sectors) + 1)        # the last: in no sector
            for p in pts:
                per[sector(p)] += 1
            if layer == 'park_entrances':
                cells = ['%s %d' % (n[:-2], c) for n, c in zip(names, per)]
                tail = ''
            else:
                cells = ['%s %d (%s)' % (n[:-2], c, '%.1fk' % (r / c / 1000) if c else '-')
                         for n, c, r in zip(names, per, residents)]
                tail = '; %.1fk residents per facility' % (total / len(pts) / 1000)
            if per[-1]:
                cells.append('in no sector %d' % per[-1])
            print('  %s %d: %s%s' % (label, len(pts), ', '.join(cells), tail))
    # gates against their parks
    parks = {a['name']: g for g, a in read(ds, 'parks') if a['name']}
    gates = layers['park_entrances']
    by = {}
    for g, a in gates:
        by.setdefault(a['park'], []).append(g)
    unknown = [n for n in by if n not in parks]
    dist = [parks[a['park']].boundary.distance(g) for g, a in gates if a['park'] in parks]
    off = sum(d > GATE_TOLERANCE for d in dist)
    big = [n for n, g in parks.items() if g.area >= GATE_PARK_AREA]
    small_gated = [n for n in by if n in parks and parks[n].area < GATE_PARK_AREA]
    counts = {}
    for n in big:
        counts[len(by.get(n, []))] = counts.get(len(by.get(n, [])), 0) + 1
    roads = unary_union([g for g, a in read(ds, 'roads') if a['class'] != 'expressway'])
    near = sum(g.distance(roads) <= GATE_ROAD for g, _ in gates)
    one_side = sum(1 for n, pts in by.items() if n in parks and len(pts) > 1
                   and arc_degrees(pts, parks[n].centroid) <= ONE_SIDE_ARC)
    print('  gates: %d at %d of the %d parks of %g m2 or more (gates per park: %s); parks '
          'under %g m2 with gates %d; gates naming no park %d'
          % (len(gates), sum(1 for n in big if n in by), len(big), GATE_PARK_AREA,
             ', '.join('%d: %d' % (k, counts[k]) for k in sorted(counts)), GATE_PARK_AREA,
             len(small_gated), len(unknown)))
    print('  gate to its park\'s outline: largest %.3f m; more than %g m: %d -> %s'
          % (max(dist), GATE_TOLERANCE, off, 'pass' if off == 0 and not unknown else 'FAIL'))
    print('  gates within %g m of a road (not expressway) %d of %d; parks with all gates '
          'in a %g-degree arc (one side) %d' % (GATE_ROAD, near, len(gates), ONE_SIDE_ARC,
                                                  one_side))
    # where the points lie
    city = prep(unary_union([g for g, _ in read(ds, 'central_city')]))
    water = prep(unary_union([g for g, _ in read(ds, 'rivers')] +
                             [g for g, _ in read(ds, 'lakes')]))
    road_land = prep(unary_union([g for g, _ in read(ds, 'landuse', "code LIKE '12%'")]))
    pts = [g for feats in layers.values() for g, _ in feats]
    outside = sum(not city.contains(p) for p in pts)
    wet = sum(water.intersects(p) for p in pts)
    on_road = sum(road_land.intersects(p) for p in pts)
    print('  all %d points: outside the central city %d, in rivers/lakes %d, in road parcels '
          '(12xx) %d -> %s' % (len(pts), outside, wet, on_road,
                               'pass' if outside == wet == on_road == 0 else 'FAIL'))


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
    sv = survey_stats(ds)
    survey_conflicts(ds, sv)
    pond_stats(ds, sv)
    city_facilities(ds, pop)
    access_points(ds)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
