-- postgis-load.sql: after ogr2ogr has copied the layers into PostGIS (without indexes, which
-- are faster to build once the rows are in), the GiST indexes and planner statistics the
-- coverage query needs. Run by scripts/bench/postgis.sh and counted in its load time.
CREATE INDEX ON district USING gist (geom);
CREATE INDEX ON zones USING gist (geom);
CREATE INDEX ON landuse USING gist (geom);
CREATE INDEX ON parks USING gist (geom);
ANALYZE district;
ANALYZE zones;
ANALYZE landuse;
ANALYZE parks;
