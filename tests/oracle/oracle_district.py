"""District-scale oracle, and the benchmark's parts kept honest: a synthetic district of
20,000 parcels from scripts/gen-district.py (generated twice: byte for byte the same), its
500 m park coverage for the district and every zone from plancheck and from the benchmark's
SpatiaLite SQL and PostGIS SQL (scripts/bench/*.sh, the very scripts scripts/bench.sh runs;
PostGIS on a throwaway local server), which must agree; and the full plan.ini, which must
run and report every indicator kind.
"""
import hashlib
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "e2e"))
from common import BINARY, REPO, check, finish, run, tempdir  # noqa: E402

PARCELS = "20000"
# The engines agree to about 1e-12 percentage points; bench.sh allows 0.01. This oracle holds
# them to 1e-6: a real difference of method shows at once.
PERCENT_TOLERANCE = 1e-6
KINDS = {"coverage", "area", "share", "growth", "overlap", "outside", "structure",
         "per_capita", "density", "count"}


def generate(folder):
    out = subprocess.run(["/usr/bin/python3", os.path.join(REPO, "scripts", "gen-district.py"),
                          "--parcels", PARCELS, folder], capture_output=True, text=True,
                         timeout=300)
    check(out.returncode == 0, "gen-district.py failed: " + out.stderr[-1000:])
    with open(os.path.join(folder, "district.gpkg"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def engine(name, data, folder):
    """Runs scripts/bench/NAME.sh; returns {zone: percent} from its figures.tsv."""
    out = os.path.join(folder, name)
    os.makedirs(out)
    env = dict(os.environ, PLANCHECK=BINARY)
    r = subprocess.run(["bash", os.path.join(REPO, "scripts", "bench", name + ".sh"), data, out],
                       capture_output=True, text=True, timeout=600, env=env)
    check(r.returncode == 0, "%s.sh exit %d: %s" % (name, r.returncode, r.stderr[-1000:]))
    figures = {}
    if r.returncode == 0:
        with open(os.path.join(out, "figures.tsv"), encoding="utf-8") as f:
            for line in f:
                zone, value = line.rstrip("\n").split("\t")[:2]
                figures[zone] = float(value) if value else None
    return figures


def test_coverage(data, folder):
    ref = engine("plancheck", data, folder)
    check(len(ref) >= 5, "plancheck gave %d regions" % len(ref))
    scope = ref.get("")
    check(scope is not None and 40 < scope < 95,
          "district coverage %s%% is not a discriminating case (40-95)" % scope)
    for name in ("spatialite", "postgis"):
        other = engine(name, data, folder)
        check(set(other) == set(ref), "%s: zones %s, plancheck %s" % (name, sorted(other),
                                                                      sorted(ref)))
        for zone, value in ref.items():
            theirs = other.get(zone)
            same = (value is None and theirs is None) or (
                value is not None and theirs is not None
                and abs(value - theirs) <= PERCENT_TOLERANCE)
            check(same, "%s: zone %r %s%%, plancheck %s%%" % (name, zone, theirs, value))
    print("coverage: plancheck, SpatiaLite and PostGIS agree on %d regions (district %.4f%%)"
          % (len(ref), scope or 0))


def test_full_plan(data, folder):
    r = run("run", os.path.join(data, "plan.ini"), "-o", os.path.join(folder, "full"), "--json",
            "-q")
    check(r.returncode == 0, "full plan exit %d: %s" % (r.returncode, r.stderr[-1000:]))
    if r.returncode == 0:
        kinds = {x["kind"] for x in json.loads(r.stdout)["results"]}
        check(kinds == KINDS, "full plan reports kinds %s, expected %s" % (sorted(kinds),
                                                                          sorted(KINDS)))


def main():
    folder = tempdir()
    data = os.path.join(folder, "district")
    first = generate(data)
    again = generate(os.path.join(folder, "again"))
    check(first == again, "gen-district.py is not deterministic: two runs differ")
    test_coverage(data, folder)
    test_full_plan(data, folder)
    finish()


main()
