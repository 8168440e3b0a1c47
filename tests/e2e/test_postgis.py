"""PostGIS round trip against a real local PostgreSQL 15 + PostGIS 3 server, started by this
test (scripts/pg-server.sh) and stopped at the end: the Yongchuan sample is loaded into the
schema `src`, the sample plan is rewritten to read every layer from there (`PG:` sources), and
`plancheck run -o PG:...` writes its results into a schema. Every result row and layer must
equal those of the same plan run on the GeoPackage into SpatiaLite. Then the refusals (an
existing schema, a schema holding the sources, a schema that is not a plancheck result, a
database without PostGIS, a dead connection with its password hidden) and an injected failure
while writing, which must leave the earlier result untouched and no staging schema behind."""
import json
import math
import os
import re
import shutil
import subprocess
import tempfile

from osgeo import gdal, ogr

from common import REPO, check, finish, run, tempdir, write

SAMPLE = os.path.join(REPO, "layers", "yongchuan")
# GDAL's PostgreSQL driver writes doubles with 15 significant digits (SpatiaLite keeps all
# 17): results agree to this relative tolerance, not bit for bit.
REL_TOL = 1e-13


def start_server():
    """Starts a scratch server in a new folder of /tmp (the postgres user must reach its
    socket, which it cannot inside root's build folders). Returns (folder, libpq string)."""
    folder = tempfile.mkdtemp(prefix="pc-pg-", dir="/tmp")
    os.rmdir(folder)
    # the server stops with this process, even if it crashes or is killed
    out = subprocess.run([os.path.join(REPO, "scripts", "pg-server.sh"), "start", folder,
                          "54329", str(os.getpid())], capture_output=True, text=True,
                         timeout=180)
    if out.returncode != 0:
        raise SystemExit("cannot start PostgreSQL: " + out.stderr)
    return folder, out.stdout.strip()


def psql(conn, sql):
    """Runs sql through psql; returns its rows as lists of text fields."""
    out = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-F", "\t", "-v", "ON_ERROR_STOP=1",
                          conn, "-c", sql], capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError("psql failed: %s: %s" % (sql, out.stderr))
    return [line.split("\t") for line in out.stdout.splitlines() if line]


def load_sample(conn):
    """Copies every layer of the sample GeoPackage into schema src, as a city keeps them."""
    psql(conn, "CREATE SCHEMA src")
    out = subprocess.run(["ogr2ogr", "-f", "PostgreSQL", "PG:" + conn,
                          os.path.join(SAMPLE, "yongchuan.gpkg"), "-lco", "SCHEMA=src",
                          "-lco", "GEOMETRY_NAME=geom"], capture_output=True, text=True,
                         timeout=300)
    check(out.returncode == 0, "ogr2ogr into PostGIS failed: " + out.stderr)


def postgis_plan(d, conn):
    """The sample plan with every [layer] and [zones] source read from schema src."""
    lines, section = [], ""
    with open(os.path.join(SAMPLE, "plan.ini"), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\[(\w+)", line)
            if m:
                section = m.group(1)
            if section in ("layer", "zones"):
                line = re.sub(r"^source\s*= yongchuan.gpkg", "source = PG:" + conn, line)
                line = re.sub(r"^layer\s*= (\w+)", r"layer = src.\1", line)
            lines.append(line)
    text = "".join(lines)
    check(text.count("PG:") >= 40, "the plan should read its layers from PostGIS")
    return write(os.path.join(d, "plan.ini"), text)


def field_values(feature):
    return [feature.GetField(i) for i in range(feature.GetFieldCount())]


def same_value(a, b):
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-9)
    return a == b


def rows_of(layer):
    rows = [field_values(f) for f in layer]
    return sorted(rows, key=lambda r: [str(x) for x in r])


# Rows that differ by design: the PostGIS output has no GeoTIFFs, so the map lists no
# rasters, and each run has its own time and plan file.
def expected_row(table, row):
    if table in ("map_layers", "map_classes"):
        return not str(row[0]).endswith(".tif")
    if table == "run_info":
        return row[0] not in ("created_utc", "plan_file")
    return True


def compare_outputs(conn, schema, sqlite_path):
    """Every table and layer of the SpatiaLite result is in the schema with the same rows
    (fields within REL_TOL) and, for layers, the same total geometry area and SRID."""
    lite = gdal.OpenEx(sqlite_path, gdal.OF_VECTOR, open_options=["LIST_ALL_TABLES=YES"])
    pg = ogr.Open("PG:" + conn)
    pg_tables = {r[0] for r in psql(conn, "SELECT table_name FROM information_schema.tables "
                                          "WHERE table_schema = '%s'" % schema)}
    spatial = ogr.Open(sqlite_path)  # held: its layers die with it
    layers = {spatial.GetLayer(i).GetName() for i in range(spatial.GetLayerCount())}
    check(len(pg_tables) > 40, "the schema should hold the sample's many tables")
    check(layers <= pg_tables, "layers missing in PostGIS: %s" % sorted(layers - pg_tables))
    for name in sorted(pg_tables):
        a = lite.GetLayerByName(name)
        b = pg.GetLayerByName("%s.%s" % (schema, name))
        if a is None:
            check(False, "%s is in PostGIS, not in SpatiaLite" % name)
            continue
        fa = [a.GetLayerDefn().GetFieldDefn(i).GetName()
              for i in range(a.GetLayerDefn().GetFieldCount())]
        fb = [b.GetLayerDefn().GetFieldDefn(i).GetName()
              for i in range(b.GetLayerDefn().GetFieldCount())]
        check(fa == fb, "%s: columns %s in PostGIS, %s in SpatiaLite" % (name, fb, fa))
        ra = [r for r in rows_of(a) if expected_row(name, r)]
        rb = [r for r in rows_of(b) if expected_row(name, r)]
        check(len(ra) == len(rb), "%s: %d rows in PostGIS, %d in SpatiaLite"
              % (name, len(rb), len(ra)))
        bad = [(x, y) for x, y in zip(ra, rb)
               if len(x) != len(y) or not all(same_value(p, q) for p, q in zip(x, y))]
        check(not bad, "%s: %d rows differ, first %s" % (name, len(bad), bad[:1]))
        if a.GetGeomType() != ogr.wkbNone:
            area_a = sum(f.GetGeometryRef().GetArea() for f in a if f.GetGeometryRef())
            area_b = float(psql(conn, 'SELECT coalesce(sum(ST_Area(geometry)), 0) FROM "%s"."%s"'
                                % (schema, name))[0][0])
            check(math.isclose(area_a, area_b, rel_tol=1e-9, abs_tol=1e-6),
                  "%s: total area %.6f in PostGIS, %.6f in SpatiaLite" % (name, area_b, area_a))
            srid = psql(conn, "SELECT srid FROM geometry_columns WHERE f_table_schema = '%s' "
                              "AND f_table_name = '%s'" % (schema, name))
            check(srid == [["4544"]], "%s: SRID %s, not 4544" % (name, srid))
    return len(pg_tables)


def created(conn, schema):
    return psql(conn, "SELECT value FROM \"%s\".run_info WHERE key = 'created_utc'" % schema)


def staging_left(conn):
    return psql(conn, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '%\\_\\_plancheck\\_%'")


def one_line(r):
    lines = [x for x in r.stderr.splitlines() if x.strip()]
    return lines[-1] if lines else ""


def test_round_trip(conn, d):
    """Reads from PostGIS, writes to PostGIS; the same figures as GeoPackage -> SpatiaLite."""
    plan = postgis_plan(d, conn)
    r = run("run", plan, "-o", "PG:" + conn, "--json", "-q")
    check(r.returncode == 0, "run -o PG: exit %d: %s" % (r.returncode, r.stderr[-2000:]))
    if r.returncode != 0:
        return None
    doc = json.loads(r.stdout)
    check(doc["database"].endswith("schema=yongchuan"),
          "JSON database names the schema: %s" % doc["database"])
    ref = run("run", os.path.join(SAMPLE, "plan.ini"), "-o", os.path.join(d, "lite"), "-q",
              "--json")
    check(ref.returncode == 0, "the SpatiaLite run failed: " + ref.stderr[-2000:])
    ref_doc = json.loads(ref.stdout)
    check(len(doc["results"]) == len(ref_doc["results"]) > 500,
          "%d result rows from PostGIS, %d from the GeoPackage"
          % (len(doc["results"]), len(ref_doc["results"])))
    n = compare_outputs(conn, "yongchuan", os.path.join(d, "lite", "yongchuan.sqlite"))
    print("round trip: %d tables and layers equal" % n)
    return plan


def test_refusals(conn, d, plan):
    """Nothing is written, and the earlier result is untouched, when the output is refused."""
    before = created(conn, "yongchuan")
    r = run("run", plan, "-o", "PG:" + conn, "-q")
    check(r.returncode == 2 and "output schema <yongchuan> exists: use --overwrite"
          in one_line(r), "existing schema without --overwrite: %d %s" % (r.returncode, r.stderr))
    r = run("run", plan, "-o", "PG:" + conn, "--schema", "src", "--overwrite", "-q")
    check(r.returncode == 2 and "holds the source of [layer" in one_line(r),
          "schema of the sources: %d %s" % (r.returncode, r.stderr))
    r = run("run", plan, "-o", "PG:" + conn, "--schema", "public", "--overwrite", "-q")
    check(r.returncode == 2 and "is not a plancheck result" in one_line(r),
          "public schema: %d %s" % (r.returncode, r.stderr))
    psql(conn, "CREATE DATABASE bare")
    bare = conn.replace("dbname=plancheck", "dbname=bare")
    r = run("run", plan, "-o", "PG:" + bare, "-q")
    check(r.returncode == 2 and "has no PostGIS" in one_line(r),
          "database without PostGIS: %d %s" % (r.returncode, r.stderr))
    r = run("run", plan, "-o", "PG:host=/nonexistent-socket-dir password=s3cret dbname=x", "-q")
    check(r.returncode == 2 and "cannot open output database <PG:host=/nonexistent-socket-dir "
          "password=*** dbname=x>" in one_line(r) and "s3cret" not in r.stderr,
          "dead connection: %d %s" % (r.returncode, r.stderr))
    r = run("run", plan, "-o", os.path.join(d, "dir"), "--schema", "x", "-q")
    check(r.returncode == 2 and "--schema is for a PostGIS output" in one_line(r),
          "--schema with a folder: %d %s" % (r.returncode, r.stderr))
    check(created(conn, "yongchuan") == before, "a refused run changed the result schema")
    check(not os.path.exists(os.path.join(d, "dir")), "a refused run made its folder")


def test_failure_while_writing(conn, plan):
    """A failure in the middle of writing (an event trigger refuses one table) leaves the
    earlier result as it was and no staging schema."""
    before = created(conn, "yongchuan")
    psql(conn, """
        CREATE FUNCTION refuse_gaps() RETURNS event_trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM pg_event_trigger_ddl_commands()
                     WHERE object_identity LIKE '%park_500m_gaps%') THEN
            RAISE EXCEPTION 'injected failure';
          END IF;
        END $$;
        CREATE EVENT TRIGGER refuse_gaps ON ddl_command_end EXECUTE FUNCTION refuse_gaps();""")
    r = run("run", plan, "-o", "PG:" + conn, "--overwrite", "-q")
    psql(conn, "DROP EVENT TRIGGER refuse_gaps")
    check(r.returncode == 1 and "injected failure" in r.stderr,
          "injected failure: exit %d, %s" % (r.returncode, r.stderr[-1000:]))
    check(created(conn, "yongchuan") == before, "a failed run changed the earlier result")
    check(staging_left(conn) == [], "staging schema left behind: %s" % staging_left(conn))
    r = run("run", plan, "-o", "PG:" + conn, "--overwrite", "-q")
    check(r.returncode == 0, "--overwrite run: %d %s" % (r.returncode, r.stderr[-1000:]))
    check(created(conn, "yongchuan") != [] and staging_left(conn) == [],
          "after --overwrite: result and no staging schema")


def test_hostile_names(conn):
    """The hostile names of e2e.hostile_names (Chinese, spaces, semicolons, SQL) written to
    PostGIS into a schema named like an injection: every table under its exact name, the
    zone names intact, and the source schema still there."""
    import test_hostile_names as hostile
    d, _ = hostile.fixture()
    schema = "片区; DROP SCHEMA src CASCADE; --"
    r = run("run", "plan.ini", "-o", "PG:" + conn, "--schema", schema, "-q", cwd=d)
    check(r.returncode == 0, "hostile names to PostGIS: exit %d: %s" % (r.returncode, r.stderr))
    tables = {t for (t,) in psql(conn, "SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = '%s'" % schema)}
    for name in (hostile.PLAN_LANDUSE, hostile.PLAN_ZONES, "indicator_results", "parks",
                 "cover_gaps", "clash_conflicts"):
        check(name in tables, "PostGIS table <%s> missing from %r" % (name, sorted(tables)))
    zones = {z for (z,) in psql(conn, 'SELECT DISTINCT zone FROM "%s".indicator_results '
                                      'WHERE zone IS NOT NULL' % schema.replace('"', '""'))}
    check(zones == set(hostile.ZONE_NAMES), "zone names in PostGIS: %r" % zones)
    check(psql(conn, "SELECT 1 FROM pg_namespace WHERE nspname = 'src'") == [["1"]],
          "the source schema is gone")
    check(staging_left(conn) == [], "a staging schema was left behind")


def main():
    d = tempdir()
    folder, conn = start_server()
    try:
        load_sample(conn)
        plan = test_round_trip(conn, d)
        if plan is not None:
            test_refusals(conn, d, plan)
            test_failure_while_writing(conn, plan)
        test_hostile_names(conn)
    finally:
        subprocess.run([os.path.join(REPO, "scripts", "pg-server.sh"), "stop", folder],
                       timeout=120)
        shutil.rmtree(d, ignore_errors=True)
    finish()


main()
