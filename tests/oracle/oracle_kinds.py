"""Independent oracle for the kinds of issue 5 on layers/yongchuan/plan.ini: per_capita,
density, share over the district and the eco city, structure (用地用海 and 三调 through the
code table), overlap and outside with their sliver tolerance, and count with its area and
distance filters, each recomputed in SpatiaLite SQL (sqlite3 + mod_spatialite) straight from
the sample GeoPackage and compared with what plancheck wrote, overall and per sector.

The SQL restates docs/indicators.md without plancheck's code. The one thing both read is
data/landuse_codes.csv, the mapping table itself (the oracle parses it with the csv module).
Areas, per-capita and density figures must agree within 0.1%, shares within 0.01
percentage points, counts exactly.
"""
import csv
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
sys.path.insert(0, os.path.dirname(__file__))
from common import REPO, check, finish  # noqa: E402
from oracle_spatialite import (PLAN, compare_percent, connect, geometry_column,  # noqa: E402
                               plan_says, plancheck_results)

RELATIVE = 1e-3      # areas, per-capita and density: within 0.1%
SLIVER = 50.0        # m2, the sample plan's sliver for every conflict indicator
MU = 10000.0 / 15.0  # m2


def compare_relative(what, ours, oracle):
    check(ours is not None and oracle is not None and
          abs(ours - oracle) <= RELATIVE * max(abs(oracle), 1e-9),
          "%s: plancheck %s, SpatiaLite %s" % (what, ours, oracle))


def sandiao_codes(prefixes):
    """三调 codes of data/landuse_codes.csv whose 用地用海 class lies within a prefix."""
    with open(os.path.join(REPO, "data", "landuse_codes.csv"), encoding="utf-8") as f:
        rows = [r for r in csv.reader(l for l in f if l.strip() and not l.startswith("#"))]
    header, rows = rows[0], rows[1:]
    check(header == ["vocabulary", "code", "name", "ydyh"], "code table header %s" % header)
    return {code: ydyh for vocab, code, _, ydyh in rows
            if vocab == "sandiao" and any(ydyh.startswith(p) for p in prefixes)}


def sql_list(values):
    return "(" + ", ".join("'%s'" % v.replace("'", "''") for v in sorted(values)) + ")"


def setup(con):
    g = {t: geometry_column(con, t) for t in
         ("central_city", "landuse", "sectors", "builtup_2025", "district", "redline",
          "farmland", "dev_boundary", "roads", "rivers", "lakes", "survey", "ponds", "shelters",
          "sports")}
    construction = sandiao_codes(["07", "08", "09", "10", "11", "12", "13", "15"])
    urban = sandiao_codes(["0701", "08", "09", "10", "11"])
    forest = sandiao_codes(["03"])
    con.executescript("""
        CREATE TEMP TABLE scope AS SELECT ST_Union({cc}) AS g FROM central_city;
        CREATE TEMP TABLE zone AS
          SELECT z.name AS name, ST_Intersection(z.{sc}, s.g) AS g FROM sectors z, scope s;
        CREATE TEMP TABLE district_u AS SELECT ST_Union({di}) AS g FROM district;
        CREATE TEMP TABLE eco AS SELECT {sc} AS g FROM sectors WHERE name = '科技生态新城片区';
        CREATE TEMP TABLE res AS
          SELECT pop, ST_Area({lu}) AS whole, {lu} AS g FROM landuse WHERE code LIKE '0701%';
        CREATE TEMP TABLE u_park AS SELECT ST_Union({lu}) AS g FROM landuse WHERE code LIKE '1401%';
        CREATE TEMP TABLE u_shelter AS SELECT ST_Union({sh}) AS g FROM shelters;
        CREATE TEMP TABLE u_sports AS SELECT ST_Union({sp}) AS g FROM sports;
        CREATE TEMP TABLE b2025 AS SELECT ST_Union({b25}) AS g FROM builtup_2025;
        CREATE TEMP TABLE u_blue_green AS SELECT ST_Union({lu}) AS g FROM landuse
          WHERE substr(code, 1, 2) IN ('03', '04', '05', '14', '17');
        CREATE TEMP TABLE u_forest AS SELECT ST_Union({sv}) AS g FROM survey
          WHERE dlbm IN {forest};
        CREATE TEMP TABLE construction AS SELECT fid, {sv} AS g FROM survey
          WHERE dlbm IN {construction};
        CREATE TEMP TABLE urban AS SELECT fid, {sv} AS g FROM survey WHERE dlbm IN {urban};
        CREATE TEMP TABLE red AS SELECT fid, {rl} AS g FROM redline;
        CREATE TEMP TABLE farm AS SELECT fid, {fl} AS g FROM farmland;
        CREATE TEMP TABLE dev AS SELECT ST_Union({dv}) AS g FROM dev_boundary;
        CREATE TEMP TABLE water AS
          SELECT {rv} AS g FROM rivers UNION ALL SELECT {lk} FROM lakes WHERE type = '水库';
    """.format(cc=g["central_city"], sc=g["sectors"], di=g["district"], lu=g["landuse"],
               sh=g["shelters"], sp=g["sports"], b25=g["builtup_2025"], sv=g["survey"],
               rl=g["redline"], fl=g["farmland"], dv=g["dev_boundary"], rv=g["rivers"],
               lk=g["lakes"], forest=sql_list(forest), construction=sql_list(construction),
               urban=sql_list(urban)))
    return g


def regions(con):
    """(zone or None, SQL of its geometry) for the central city and every sector."""
    return [(None, "(SELECT g FROM scope)")] + [
        (name, "(SELECT g FROM zone WHERE name = '%s')" % name.replace("'", "''"))
        for (name,) in con.execute("SELECT name FROM zone")]


def per_capita_oracle(con, ours):
    for ident, table in (("park_per_capita", "u_park"), ("shelter_per_capita", "u_shelter"),
                         ("sports_per_capita", "u_sports")):
        for zone, region in regions(con):
            area, residents = con.execute("""
                SELECT (SELECT ST_Area(ST_Intersection(u.g, {r})) FROM {t} u),
                       (SELECT SUM(pop * ST_Area(ST_Intersection(g, {r})) / whole) FROM res
                        WHERE ST_Intersects(g, {r}))""".format(r=region, t=table)).fetchone()
            value, num, den, _ = ours[(ident, zone)]
            compare_relative("%s %s area" % (ident, zone), num, area or 0.0)
            compare_relative("%s %s residents" % (ident, zone), den, residents)
            compare_relative("%s %s" % (ident, zone), value, (area or 0.0) / residents)
            if zone is None:
                print("%-28s plancheck %8.3f m2/person  SpatiaLite %8.3f" %
                      (ident, value, (area or 0.0) / residents))


def density_oracle(con, ours, g):
    for zone, region in regions(con):
        base_area, length = con.execute("""
            SELECT ST_Area(x.g), (SELECT SUM(ST_Length(ST_Intersection(r.{rd}, x.g)))
                                  FROM roads r WHERE ST_Intersects(r.{rd}, x.g))
            FROM (SELECT ST_Intersection(b.g, {r}) AS g FROM b2025 b) x""".format(
            r=region, rd=g["roads"])).fetchone()
        value, num, den, _ = ours[("road_density", zone)]
        compare_relative("road_density %s length" % zone, num, length)
        compare_relative("road_density %s base" % zone, den, base_area)
        compare_relative("road_density %s" % zone, value, (length / 1e3) / (base_area / 1e6))
        if zone is None:
            print("%-28s plancheck %8.3f km/km2     SpatiaLite %8.3f" %
                  ("road_density", value, (length / 1e3) / (base_area / 1e6)))


def share_oracle(con, ours):
    for ident, layer, base in (("forest_share", "u_forest", "district_u"),
                               ("blue_green_share", "u_blue_green", "eco")):
        covered, whole = con.execute("SELECT ST_Area(ST_Intersection(l.g, b.g)), ST_Area(b.g) "
                                     "FROM %s l, %s b" % (layer, base)).fetchone()
        compare_percent(ident, ours[(ident, None)][0], 100.0 * covered / whole)
        print("%-28s plancheck %8.4f %%         SpatiaLite %8.4f %%" %
              (ident, ours[(ident, None)][0], 100.0 * covered / whole))


def structure_oracle(con, ours, g):
    """Level-1 shares of the central city's land use per sector, and of the district's
    survey mapped from 三调 codes."""
    for zone, region in regions(con):
        rows = con.execute("""
            SELECT substr(code, 1, 2), SUM(ST_Area(ST_Intersection({lu}, {r})))
            FROM landuse WHERE ST_Intersects({lu}, {r}) GROUP BY 1""".format(
            lu=g["landuse"], r=region)).fetchall()
        total = sum(a for _, a in rows)
        for cls, area in rows:
            compare_percent("landuse_structure %s %s" % (zone, cls),
                            ours[("landuse_structure", zone, cls, None)][0], 100.0 * area / total)
    mapping = sandiao_codes([""])
    con.execute("CREATE TEMP TABLE map (code TEXT PRIMARY KEY, cls TEXT)")
    con.executemany("INSERT INTO map VALUES (?, ?)", [(c, y[:2]) for c, y in mapping.items()])
    rows = con.execute("""
        SELECT COALESCE(m.cls, 'unmapped'), SUM(ST_Area(ST_Intersection(s.{sv}, d.g)))
        FROM survey s LEFT JOIN map m ON m.code = trim(s.dlbm), district_u d
        GROUP BY 1""".format(sv=g["survey"])).fetchall()
    total = sum(a for _, a in rows)
    for cls, area in rows:
        compare_percent("district_structure %s" % cls,
                        ours[("district_structure", None, cls, None)][0], 100.0 * area / total)
    print("%-28s %d classes agree (三调 mapped to 用地用海 level 1)" % ("district_structure",
                                                                  len(rows)))


def pieces(con, sql):
    """Areas of the polygons of every geometry the query returns (one column)."""
    out = []
    for (x,) in con.execute(sql):
        if x is None:
            continue
        n = con.execute("SELECT ST_NumGeometries(CollectionExtract(?, 3))", (x,)).fetchone()[0]
        for i in range(1, (n or 0) + 1):
            out.append(con.execute("SELECT ST_Area(ST_GeometryN(CollectionExtract(?, 3), ?))",
                                   (x, i)).fetchone()[0])
    return out


def conflict_oracle(con, ours):
    """Pieces of survey construction in the red line and on farmland (each pair of features),
    and of urban construction outside the development boundary, split at SLIVER m2."""
    cases = (("redline_conflicts",
              "SELECT ST_Intersection(c.g, r.g) FROM construction c JOIN red r "
              "ON ST_Intersects(c.g, r.g)"),
             ("farmland_conflicts",
              "SELECT ST_Intersection(c.g, r.g) FROM construction c JOIN farm r "
              "ON ST_Intersects(c.g, r.g)"),
             ("outside_dev_boundary",
              "SELECT ST_Difference(u.g, d.g) FROM urban u, dev d"))
    for ident, sql in cases:
        areas = pieces(con, sql)
        real = [a for a in areas if a >= SLIVER]
        noise = [a for a in areas if a < SLIVER]
        compare_relative(ident + " area", ours[(ident, None)][1], sum(real))
        check(ours[(ident, None, "pieces", None)][0] == len(real),
              "%s: plancheck %s pieces, SpatiaLite %d" % (ident, ours[(ident, None, "pieces",
                                                                         None)][0], len(real)))
        check(ours[(ident, None, "noise_pieces", None)][0] == len(noise),
              "%s: plancheck %s noise pieces, SpatiaLite %d" % (
                  ident, ours[(ident, None, "noise_pieces", None)][0], len(noise)))
        compare_relative(ident + " noise", ours[(ident, None, "noise", None)][0] + 1e-9,
                         sum(noise) + 1e-9)
        print("%-28s plancheck %8.2f ha (%d pieces, %d noise)  SpatiaLite %8.2f ha (%d, %d)" % (
            ident, ours[(ident, None)][1] / 1e4, ours[(ident, None, "pieces", None)][0],
            ours[(ident, None, "noise_pieces", None)][0], sum(real) / 1e4, len(real),
            len(noise)))


def count_oracle(con, ours, g):
    n = con.execute("""
        SELECT COUNT(*) FROM ponds p, district_u d
        WHERE p.remediated = 0 AND ST_Area(p.{po}) >= 30 * {mu}
          AND ST_Within(ST_PointOnSurface(p.{po}), d.g)
          AND (SELECT MIN(ST_Distance(p.{po}, w.g)) FROM water w) <= 500""".format(
        po=g["ponds"], mu=MU)).fetchone()[0]
    check(ours[("ponds_unremediated", None)][0] == n,
          "ponds_unremediated: plancheck %s, SpatiaLite %d" % (ours[("ponds_unremediated",
                                                                     None)][0], n))
    print("%-28s plancheck %8d            SpatiaLite %8d" %
          ("ponds_unremediated", ours[("ponds_unremediated", None)][0], n))
    for zone, region in regions(con):
        n = con.execute("SELECT COUNT(*) FROM shelters WHERE ST_Intersects(ST_PointOnSurface("
                        "{sh}), {r})".format(sh=g["shelters"], r=region)).fetchone()[0]
        check(ours[("shelter_count", zone)][0] == n,
              "shelter_count %s: plancheck %s, SpatiaLite %d" % (zone, ours[("shelter_count",
                                                                             zone)][0], n))


def main():
    for said in ("classes = 0701", "classes = 1401", "classes = 03, 04, 05, 14, 17",
                 "vocabulary = sandiao", "classes = 07, 08, 09, 10, 11, 12, 13, 15",
                 "classes = 0701, 08, 09, 10, 11", "sliver = 50", "min_area = 30 mu",
                 "near = rivers, reservoirs", "distance = 500", "where = remediated = 0",
                 "where = type = '水库'", "within = builtup_2025", "level = 1"):
        plan_says(said)
    ours = plancheck_results()
    con = connect()
    g = setup(con)
    per_capita_oracle(con, ours)
    density_oracle(con, ours, g)
    share_oracle(con, ours)
    structure_oracle(con, ours, g)
    conflict_oracle(con, ours)
    count_oracle(con, ours, g)
    finish()


if __name__ == "__main__":
    main()
