-- postgis-coverage.sql: the 500 m park coverage of residential land in PostGIS SQL, for
-- scripts/bench/postgis.sh (psql, after postgis-load.sql).
--
-- For the scope (the district) and each zone clipped to it:
--   100 × area(residential ∩ region ∩ S) / area(residential ∩ region)
-- residential = landuse parcels of class 0701 (plancheck's `classes = 0701` keeps 0701 and its
-- subclasses 0701xx), S = union of every park buffered by 500 m with 18 segments per quarter
-- circle. Parcels are summed one by one, as plancheck does (docs/indicators.md).
--
-- Leaves the table `result` (zone NULL for the scope, value %, numerator and denominator m²).
-- Work tables are UNLOGGED (no WAL; a temporary table would keep the planner from parallel
-- plans) and ANALYZEd once filled, so the joins below get index nested loops.

DROP TABLE IF EXISTS piece, scope, zone, part, covered, result;

-- 1. The service area: each park buffered once, the buffers unioned in one ST_Union (a
--    cascaded unary union), then cut by ST_Subdivide into pieces of at most 256 vertices
--    with a GiST index: a parcel then meets a few small pieces instead of the whole service
--    area, and the pieces partition S, so its covered area is the sum over the pieces.
CREATE UNLOGGED TABLE piece AS
SELECT ST_Subdivide(ST_Union(ST_Buffer(geom, 500, 'quad_segs=18')), 256) AS geom
FROM parks;
CREATE INDEX ON piece USING gist (geom);
ANALYZE piece;

-- 2. The scope (the district's polygons, dissolved) and the zones clipped to it.
CREATE UNLOGGED TABLE scope AS SELECT ST_Union(geom) AS geom FROM district;
ANALYZE scope;

CREATE UNLOGGED TABLE zone AS
SELECT z.name,
       CASE WHEN ST_Covers(d.geom, z.geom) THEN z.geom ELSE ST_Intersection(z.geom, d.geom) END AS geom
FROM zones z, scope d;
ANALYZE zone;

-- 3. Residential parcels clipped to the scope: kept whole when the scope covers them, else
--    intersected; a parcel only touching the scope has no area and is dropped. ST_Covers
--    with the same scope on every row runs on PostGIS's cached prepared geometry.
CREATE UNLOGGED TABLE part AS
SELECT id, geom, ST_Area(geom) AS area
FROM (SELECT l.fid AS id,
             CASE WHEN ST_Covers(d.geom, l.geom) THEN l.geom
                  ELSE ST_Intersection(l.geom, d.geom) END AS geom
      FROM landuse l JOIN scope d ON ST_Intersects(d.geom, l.geom)
      WHERE l.code LIKE '0701%'
      OFFSET 0) AS clipped                  -- OFFSET 0: compute the CASE once per row
WHERE ST_Area(geom) > 0;
CREATE INDEX ON part USING gist (geom);
ANALYZE part;

-- 4. The covered part of each parcel, piece by piece: the parcel itself where a piece covers
--    it, else its intersection with the piece (candidates through the pieces' GiST index).
CREATE UNLOGGED TABLE covered AS
SELECT id, geom, ST_Area(geom) AS area
FROM (SELECT p.id,
             CASE WHEN ST_Covers(s.geom, p.geom) THEN p.geom
                  ELSE ST_Intersection(p.geom, s.geom) END AS geom
      FROM part p JOIN piece s ON ST_Intersects(s.geom, p.geom)
      OFFSET 0) AS pieces
WHERE ST_Area(geom) > 0;
CREATE INDEX ON covered USING gist (geom);
ANALYZE covered;

-- 5. Sums: the scope takes every clipped parcel; a zone takes the parcels (and covered parts)
--    its index search finds, whole where the zone covers them, else their intersection.
CREATE UNLOGGED TABLE result AS
WITH totals AS (
    SELECT NULL::text AS zone, 0 AS ord,
           (SELECT sum(area) FROM covered) AS numerator,
           (SELECT sum(area) FROM part) AS denominator
    UNION ALL
    SELECT z.name, 1,
           (SELECT coalesce(sum(CASE WHEN ST_Covers(z.geom, c.geom) THEN c.area
                                     ELSE ST_Area(ST_Intersection(c.geom, z.geom)) END), 0)
            FROM covered c WHERE ST_Intersects(z.geom, c.geom)),
           (SELECT coalesce(sum(CASE WHEN ST_Covers(z.geom, p.geom) THEN p.area
                                     ELSE ST_Area(ST_Intersection(p.geom, z.geom)) END), 0)
            FROM part p WHERE ST_Intersects(z.geom, p.geom))
    FROM zone z)
SELECT zone, CASE WHEN denominator > 0 THEN 100 * numerator / denominator END AS value,
       numerator, denominator
FROM totals ORDER BY ord, zone;

SELECT * FROM result;
