"""Independent oracle: every indicator of layers/yongchuan/plan.ini recomputed in SpatiaLite
SQL (sqlite3 + mod_spatialite) straight from the sample GeoPackage, and compared with what
plancheck wrote, overall and for every sector.

The SQL restates the definitions of docs/indicators.md without any of plancheck's code:
ST_Buffer with the same 18 quadrant segments, the ST_Union aggregate, ST_Intersection and
ST_Area. Percentages must agree within 0.01 percentage points, areas within 1e-6 relative.
"""
import os
import sqlite3
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from common import BINARY, REPO, check, finish, tempdir  # noqa: E402

GPKG = os.path.join(REPO, "layers", "yongchuan", "yongchuan.gpkg")
PLAN = os.path.join(REPO, "layers", "yongchuan", "plan.ini")
QUADRANT_SEGMENTS = 18     # docs/plan-file.md default, not set in the sample plan
PERCENT_TOLERANCE = 0.01   # percentage points
AREA_TOLERANCE = 1e-6      # relative


def plan_says(key_value):
    """The sample plan must still define what this oracle restates."""
    with open(PLAN, encoding="utf-8") as f:
        text = " ".join(f.read().split())
    check(key_value in text, "plan.ini no longer says %r: update the oracle" % key_value)


def connect():
    con = sqlite3.connect(GPKG)
    con.enable_load_extension(True)
    con.execute("SELECT load_extension('mod_spatialite')")
    # GeoPackage geometry blobs are read by SpatiaLite's functions directly
    con.execute("SELECT EnableGpkgAmphibiousMode()")
    return con


def geometry_column(con, table):
    return con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?",
                       (table,)).fetchone()[0]


def setup(con):
    """Temporary tables: scope, service area, clipped residential parcels, sectors."""
    g = {t: geometry_column(con, t) for t in
         ("central_city", "parks", "landuse", "sectors", "builtup_2020", "builtup_2025")}
    con.executescript("""
        CREATE TEMP TABLE scope AS
          SELECT ST_Union({cc}) AS g FROM central_city;
        CREATE TEMP TABLE service AS
          SELECT ST_Union(ST_Buffer({pk}, CASE WHEN ST_Area({pk}) >= 5000 THEN 500 ELSE 300 END,
                                    {qs})) AS g
          FROM parks WHERE ST_Area({pk}) >= 2000;
        CREATE TEMP TABLE res AS
          SELECT l.fid AS fid, l.pop AS pop, ST_Area(l.{lu}) AS whole,
                 ST_Intersection(l.{lu}, s.g) AS g
          FROM landuse l, scope s
          WHERE l.code LIKE '0701%' AND ST_Intersects(l.{lu}, s.g);
        CREATE TEMP TABLE zone AS
          SELECT z.name AS name, ST_Intersection(z.{sc}, s.g) AS g FROM sectors z, scope s;
        CREATE TEMP TABLE green AS
          SELECT ST_Union({lu}) AS g FROM landuse WHERE code IN ('1401', '1402');
        CREATE TEMP TABLE b2020 AS SELECT ST_Union({b20}) AS g FROM builtup_2020;
        CREATE TEMP TABLE b2025 AS SELECT ST_Union({b25}) AS g FROM builtup_2025;
    """.format(cc=g["central_city"], pk=g["parks"], lu=g["landuse"], sc=g["sectors"],
               b20=g["builtup_2020"], b25=g["builtup_2025"], qs=QUADRANT_SEGMENTS))


def coverage_oracle(con):
    """{zone or None: (covered m2, measured m2, covered residents, residents)}."""
    out = {}
    row = con.execute("""
        SELECT SUM(ST_Area(r.g)), SUM(ST_Area(ST_Intersection(r.g, v.g))),
               SUM(r.pop * ST_Area(r.g) / r.whole),
               SUM(r.pop * ST_Area(ST_Intersection(r.g, v.g)) / r.whole)
        FROM res r, service v""").fetchone()
    out[None] = (row[1], row[0], row[3], row[2])
    for name, area, covered, pop, pop_cov in con.execute("""
        SELECT z.name, SUM(ST_Area(ST_Intersection(r.g, z.g))),
               SUM(ST_Area(ST_Intersection(ST_Intersection(r.g, z.g), v.g))),
               SUM(r.pop * ST_Area(ST_Intersection(r.g, z.g)) / r.whole),
               SUM(r.pop * ST_Area(ST_Intersection(ST_Intersection(r.g, z.g), v.g)) / r.whole)
        FROM zone z JOIN res r ON ST_Intersects(r.g, z.g), service v
        GROUP BY z.name"""):
        out[name] = (covered, area, pop_cov, pop)
    return out


def area_oracle(con, table):
    """{zone or None: area m2 of the dissolved layer in the region}."""
    out = {None: con.execute("SELECT ST_Area(ST_Intersection(b.g, s.g)) FROM %s b, scope s"
                             % table).fetchone()[0]}
    for name, area in con.execute("SELECT z.name, ST_Area(ST_Intersection(b.g, z.g)) "
                                  "FROM zone z, %s b" % table):
        out[name] = area
    for name, area in out.items():
        check(area is not None, "SpatiaLite gave no %s area for %s" % (table, name))
    return out


def share_oracle(con):
    """{zone or None: (green m2 in the 2025 built-up area, built-up m2) in the region}."""
    out = {}
    regions = [(None, "SELECT g FROM scope")] + [
        (name, None) for (name,) in con.execute("SELECT name FROM zone")]
    for name, _ in regions:
        where = "(SELECT g FROM scope)" if name is None else \
            "(SELECT g FROM zone WHERE name = '%s')" % name.replace("'", "''")
        # green ∩ built-up first: SpatiaLite's overlay of green with (built-up ∩ scope) hits
        # a GEOS TopologyException on this data and returns NULL
        base, green = con.execute("""
            SELECT ST_Area(ST_Intersection(b.g, {r})),
                   ST_Area(ST_Intersection(ST_Intersection(gr.g, b.g), {r}))
            FROM b2025 b, green gr""".format(r=where)).fetchone()
        check(base is not None and green is not None,
              "SpatiaLite failed on green share of %s: %s" % (name, con.execute(
                  "SELECT GEOS_GetLastErrorMsg()").fetchone()[0]))
        out[name] = (green or 0.0, base or 0.0)
    return out


def plancheck_results():
    """{(id, zone): row} from plancheck's indicator_results on the sample."""
    out = os.path.join(tempdir(), "out")
    r = subprocess.run([BINARY, "run", PLAN, "-o", out, "-q"], capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stderr, file=sys.stderr)
        sys.exit(1)
    con = sqlite3.connect(os.path.join(out, "yongchuan.sqlite"))
    rows = {}
    for row in con.execute("SELECT id, zone, value, numerator, denominator, pop_value "
                           "FROM indicator_results"):
        rows[(row[0], row[1])] = row[2:]
    return rows


def compare_percent(what, ours, oracle):
    check(ours is not None and abs(ours - oracle) <= PERCENT_TOLERANCE,
          "%s: plancheck %s %%, SpatiaLite %.6f %%" % (what, ours, oracle))


def compare_area(what, ours, oracle):
    check(ours is not None and abs(ours - oracle) <= AREA_TOLERANCE * max(oracle, 1.0),
          "%s: plancheck %s m2, SpatiaLite %.3f m2" % (what, ours, oracle))


def main():
    for said in ("where = code LIKE '0701%'", "radius = 5000:500, 2000:300",
                 "where = code IN ('1401', '1402')", "scope = central_city",
                 "within = builtup_2025"):
        plan_says(said)
    ours = plancheck_results()
    con = connect()
    setup(con)

    cov = coverage_oracle(con)
    check(len(cov) == 8, "coverage oracle has %d regions, expected scope + 7 sectors" % len(cov))
    for zone, (covered, area, pop_cov, pop) in sorted(cov.items(), key=lambda x: x[0] or ""):
        label = "park_500m " + (zone or "central_city")
        value, num, den, pop_value = ours[("park_500m", zone)]
        compare_percent(label, value, 100.0 * covered / area)
        compare_percent(label + " (population-weighted)", pop_value, 100.0 * pop_cov / pop)
        compare_area(label + " measured area", den, area)
        print("%-28s plancheck %8.4f %%  SpatiaLite %8.4f %%" %
              (label, value, 100.0 * covered / area))

    for ind, table in (("builtup_2020", "b2020"), ("builtup_2025", "b2025")):
        for zone, area in area_oracle(con, table).items():
            compare_area("%s %s" % (ind, zone or "central_city"), ours[(ind, zone)][1], area)

    for zone, (green, base) in share_oracle(con).items():
        label = "green_share " + (zone or "central_city")
        compare_percent(label, ours[("green_share", zone)][0], 100.0 * green / base)
        compare_area(label + " base", ours[("green_share", zone)][2], base)
    finish()


main()
