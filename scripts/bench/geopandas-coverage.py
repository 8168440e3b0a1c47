#!/usr/bin/python3
"""The 500 m park coverage of residential land with GeoPandas and shapely, for
scripts/bench/geopandas.sh (run by Debian's python3: python3-geopandas 0.12, shapely 1.8).

    /usr/bin/python3 scripts/bench/geopandas-coverage.py DATA_DIR OUT_DIR

For the scope (the district) and each zone clipped to it:
    100 * area(residential & region & S) / area(residential & region)
residential = landuse parcels of class 0701 (plancheck's `classes = 0701` keeps 0701 and its
subclasses 0701xx), S = union of every park buffered by 500 m with 18 segments per quarter
circle (resolution=18). Parcels are summed one by one, as plancheck does.

Reading (geopandas.read_file through fiona, the residential parcels filtered by an OGR `where`
while reading) is timed apart from the computation. Without
rtree or pygeos (python3-geopandas only recommends python3-rtree) GeoPandas has no spatial
index, so sjoin, overlay and clip are unavailable; the spatial work goes through shapely
directly: one buffer per park, one unary_union, prepared geometries for the contains
shortcuts and a shapely STRtree to find each zone's parcels. Writes OUT_DIR/figures.tsv and
prints "load_s X" and "coverage_s X" on stdout.
"""
import os
import sys
import time
import warnings

import fiona
import geopandas as gpd
import shapely
from shapely.ops import unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree


def covered_part(prepared, geom, part):
    """(part of `part` inside `geom`, its area): whole when covered, None when disjoint."""
    if prepared.covers(part):
        return part, part.area
    if not prepared.intersects(part):
        return None, 0.0
    inter = part.intersection(geom)
    return (inter, inter.area) if inter.area > 0 else (None, 0.0)


def main():
    data, out = sys.argv[1], sys.argv[2]
    gpkg = os.path.join(data, 'district.gpkg')

    t0 = time.perf_counter()
    district = gpd.read_file(gpkg, layer='district')
    zones = gpd.read_file(gpkg, layer='zones')
    residential = gpd.read_file(gpkg, layer='landuse', where="code LIKE '0701%'")  # fiona 1.9
    parks = gpd.read_file(gpkg, layer='parks')
    t1 = time.perf_counter()

    # 1. the service area: each park buffered once, one unary union, prepared once
    service = unary_union(parks.geometry.buffer(500, resolution=18).values)
    service_p = prep(service)

    # 2. the scope (the district dissolved) and the zones clipped to it
    scope = unary_union(district.geometry.values)
    scope_p = prep(scope)
    regions = [(name, z if scope_p.covers(z) else z.intersection(scope))
               for name, z in zip(zones['name'], zones.geometry)]

    # 3. residential parcels clipped to the scope, 4. their covered parts
    parts, areas, covers, covered_areas = [], [], [], []
    for g in residential.geometry.values:
        part, area = covered_part(scope_p, scope, g)
        if part is None:
            continue
        cov, cov_area = covered_part(service_p, service, part)
        parts.append(part)
        areas.append(area)
        covers.append(cov)
        covered_areas.append(cov_area)

    # 5. sums: the scope takes every parcel; a zone the parcels its STRtree search finds,
    #    whole where the zone covers them, else their intersection with it
    rows = [('', sum(covered_areas), sum(areas))]
    with warnings.catch_warnings():            # shapely 1.8 warns that 2.0 drops `items`
        warnings.simplefilter('ignore')
        tree = STRtree(parts, range(len(parts)))
    for name, zone in regions:
        zone_p = prep(zone)
        num = den = 0.0
        for i in sorted(tree.query_items(zone)):            # a fixed summing order
            part, cov = parts[i], covers[i]
            if zone_p.covers(part):
                den += areas[i]
                num += covered_areas[i]
            elif zone_p.intersects(part):
                den += part.intersection(zone).area
                if cov is not None:
                    num += cov.intersection(zone).area
        rows.append((name, num, den))
    t2 = time.perf_counter()

    with open(os.path.join(out, 'figures.tsv'), 'w', encoding='utf-8') as f:
        for name, num, den in rows:
            value = repr(100.0 * num / den) if den > 0 else ''
            f.write(f'{name}\t{value}\t{num!r}\t{den!r}\n')
    print(f'load_s {t1 - t0:.3f}')
    print(f'coverage_s {t2 - t1:.3f}')
    polygons = len(getattr(service, 'geoms', [service]))
    print(f'note geopandas {gpd.__version__}, shapely {shapely.__version__}, fiona '
          f'{fiona.__version__}: {len(residential)} residential parcels, {len(parks)} parks, '
          f'a service area of {polygons} polygons; load = geopandas.read_file of district, '
          f"zones, landuse (where code LIKE '0701%'), parks")


if __name__ == '__main__':
    main()
