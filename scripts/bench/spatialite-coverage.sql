-- spatialite-coverage.sql: the 500 m park coverage of residential land in SpatiaLite SQL, for
-- scripts/bench/spatialite.sh (sqlite3 CLI, on a SpatiaLite copy of district.gpkg made by
-- ogr2ogr, which gave every layer an R*Tree index idx_<layer>_geom).
--
-- For the scope (the district) and each zone clipped to it:
--   100 × area(residential ∩ region ∩ S) / area(residential ∩ region)
-- residential = landuse parcels of class 0701 (plancheck's `classes = 0701` keeps 0701 and its
-- subclasses 0701xx), S = union of every park buffered by 500 m with 18 segments per quarter
-- circle. Parcels are summed one by one, as plancheck does (docs/indicators.md).
--
-- Leaves the table `result` (zone NULL for the scope, value %, numerator and denominator m²).
-- Needs mod_spatialite 5 (GEOS 3.11): ST_Buffer(geom, radius, quadrant_segments),
-- ST_UnaryUnion, ST_Subdivide, ST_Covers.

SELECT load_extension('mod_spatialite');
PRAGMA temp_store = MEMORY;

-- 1. The service area: each park buffered once, all buffers unioned in one ST_UnaryUnion,
--    then cut into pieces of at most 256 vertices. A whole service area is one big blob that
--    SpatiaLite would parse again for every parcel it is tested against; the pieces partition
--    it, so the area a parcel has in S is the sum of what it has in each piece.
CREATE TEMP TABLE service AS
SELECT ST_Subdivide(ST_UnaryUnion(ST_Collect(ST_Buffer(geom, 500, 18))), 256) AS geom
FROM parks;

CREATE TEMP TABLE piece (id INTEGER PRIMARY KEY, geom BLOB);
INSERT INTO piece
WITH RECURSIVE n(i) AS (
    SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < (SELECT ST_NumGeometries(geom) FROM service))
SELECT n.i, GeometryN(s.geom, n.i) FROM n, service s;

-- The pieces' spatial index: an SQLite R*Tree, the module behind SpatiaLite's idx_<table>_<geom>
-- indexes, kept by hand here as for the other work tables below.
CREATE VIRTUAL TABLE temp.piece_rt USING rtree(id, xmin, xmax, ymin, ymax);
INSERT INTO piece_rt SELECT id, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM piece;

-- 2. The scope (the district's polygons, dissolved) and the zones clipped to it.
CREATE TEMP TABLE scope AS SELECT ST_UnaryUnion(ST_Collect(geom)) AS geom FROM district;

CREATE TEMP TABLE zone (id INTEGER PRIMARY KEY, name TEXT, geom BLOB);
INSERT INTO zone (name, geom)
SELECT z.name, CASE WHEN ST_Covers(d.geom, z.geom) THEN z.geom ELSE ST_Intersection(z.geom, d.geom) END
FROM zones z, scope d;

-- 3. Residential parcels clipped to the scope: kept whole when the scope covers them, else
--    intersected; a parcel outside the scope, or only touching it, has no area and is dropped.
--    (The land use covers the district's extent, so idx_landuse_geom would select nearly every
--    row: a plain scan with the class filter is cheaper.)
CREATE TEMP TABLE part (id INTEGER PRIMARY KEY, geom BLOB, area REAL);
INSERT INTO part (id, geom)
SELECT l.fid, CASE WHEN ST_Covers(d.geom, l.geom) THEN l.geom ELSE ST_Intersection(l.geom, d.geom) END
FROM landuse l, scope d
WHERE l.code LIKE '0701%';
UPDATE part SET area = ST_Area(geom);
DELETE FROM part WHERE area IS NULL OR area <= 0;

CREATE VIRTUAL TABLE temp.part_rt USING rtree(id, xmin, xmax, ymin, ymax);
INSERT INTO part_rt SELECT id, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM part;

-- 4. The covered part of each parcel, piece by piece: the parcel itself where a piece covers
--    it, else its intersection with the piece. Each piece finds its parcels through the
--    parcels' R*Tree (CROSS JOIN fixes the loop order: pieces outside, so SpatiaLite's
--    prepared-geometry cache keeps the piece while its parcels are tested).
CREATE TEMP TABLE covered (id INTEGER PRIMARY KEY, part_id INTEGER, geom BLOB, area REAL);
INSERT INTO covered (part_id, geom)
SELECT p.id, CASE WHEN ST_Covers(s.geom, p.geom) THEN p.geom ELSE ST_Intersection(p.geom, s.geom) END
FROM piece s CROSS JOIN part_rt r CROSS JOIN part p
WHERE r.xmin <= MbrMaxX(s.geom) AND r.xmax >= MbrMinX(s.geom)
  AND r.ymin <= MbrMaxY(s.geom) AND r.ymax >= MbrMinY(s.geom)
  AND p.id = r.id AND ST_Intersects(s.geom, p.geom);
UPDATE covered SET area = ST_Area(geom);
DELETE FROM covered WHERE area IS NULL OR area <= 0;

CREATE VIRTUAL TABLE temp.covered_rt USING rtree(id, xmin, xmax, ymin, ymax);
INSERT INTO covered_rt SELECT id, MbrMinX(geom), MbrMaxX(geom), MbrMinY(geom), MbrMaxY(geom) FROM covered;

-- 5. Sums: the scope takes every clipped parcel; a zone takes the parcels (and covered parts)
--    its R*Tree search finds, whole where the zone covers them, else their intersection with
--    it. Zones are the outer loop, so SpatiaLite's prepared-geometry cache keeps each zone.
DROP TABLE IF EXISTS result;
CREATE TABLE result (zone TEXT, value REAL, numerator REAL, denominator REAL);

INSERT INTO result (zone, numerator, denominator)
SELECT NULL, (SELECT TOTAL(area) FROM covered), (SELECT TOTAL(area) FROM part);

INSERT INTO result (zone, numerator, denominator)
SELECT z.name,
       (SELECT TOTAL(CASE WHEN ST_Covers(z.geom, c.geom) THEN c.area
                          ELSE ST_Area(ST_Intersection(c.geom, z.geom)) END)
        FROM covered_rt r CROSS JOIN covered c
        WHERE r.xmin <= MbrMaxX(z.geom) AND r.xmax >= MbrMinX(z.geom)
          AND r.ymin <= MbrMaxY(z.geom) AND r.ymax >= MbrMinY(z.geom)
          AND c.id = r.id AND ST_Intersects(z.geom, c.geom)),
       (SELECT TOTAL(CASE WHEN ST_Covers(z.geom, p.geom) THEN p.area
                          ELSE ST_Area(ST_Intersection(p.geom, z.geom)) END)
        FROM part_rt r CROSS JOIN part p
        WHERE r.xmin <= MbrMaxX(z.geom) AND r.xmax >= MbrMinX(z.geom)
          AND r.ymin <= MbrMaxY(z.geom) AND r.ymax >= MbrMinY(z.geom)
          AND p.id = r.id AND ST_Intersects(z.geom, p.geom))
FROM zone z ORDER BY z.id;

UPDATE result SET value = CASE WHEN denominator > 0 THEN 100.0 * numerator / denominator END;
SELECT * FROM result;
