"""Bad input through the binary: each case gives exit code 2 (1 for a failed write), one line
on stderr naming the culprit, nothing on stdout, no output written and an old output left
exactly as it was."""
import os
import subprocess

from osgeo import ogr

from common import (BINARY, check, file_digest, finish, run, tempdir, write, write_layer)

SQUARE = "POLYGON((590000 3249000,590100 3249000,590100 3249100,590000 3249100,590000 3249000))"


def fixture():
    """A directory with data.gpkg (layers parks, landuse) and a working plan.ini."""
    d = tempdir()
    gpkg = os.path.join(d, "data.gpkg")
    write_layer(gpkg, "GPKG", "parks", 4544, ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(SQUARE, {"name": "p"})])
    write_layer(gpkg, "GPKG", "landuse", 4544, ogr.wkbPolygon,
                [("code", ogr.OFTString), ("pop", ogr.OFTInteger)],
                [(SQUARE, {"code": "070101", "pop": 10})])
    return d


PLAN = """[plan]
name = t
crs = {crs}

[layer parks]
source = {parks_source}
layer = {parks_layer}

[layer residential]
source = data.gpkg
layer = landuse
where = {where}
population = {population}

[indicator cov]
kind = coverage
facility = parks
layer = residential
{radius_key} = 500
"""

GOOD = dict(crs="EPSG:4544", parks_source="data.gpkg", parks_layer="parks",
            where="code LIKE '0701%'", population="pop", radius_key="radius")


def plan(d, **changes):
    """Writes d/plan.ini from the good plan with some values changed."""
    values = dict(GOOD, **changes)
    return write(os.path.join(d, "plan.ini"), PLAN.format(**values))


def expect_refusal(name, result, words, code=2):
    """One line on stderr containing every string of words, exit code, nothing on stdout."""
    lines = result.stderr.splitlines()
    check(result.returncode == code,
          "%s: exit code %d, expected %d" % (name, result.returncode, code))
    check(len(lines) == 1, "%s: %d lines on stderr, expected 1: %r" % (name, len(lines),
                                                                      result.stderr))
    for w in words:
        check(w in result.stderr, "%s: %r not in stderr %r" % (name, w, result.stderr))
    check(result.stdout == "", "%s: stdout not empty: %r" % (name, result.stdout))


# Each case: name, plan changes, words the message must hold.
CASES = [
    ("missing source file", dict(parks_source="nofile.gpkg"),
     ["plan.ini:6:", "[layer parks]", "nofile.gpkg", "No such file"]),
    ("missing layer", dict(parks_layer="nolayer"),
     ["plan.ini:7:", "no layer <nolayer>", "data.gpkg", "it has: parks, landuse"]),
    ("unknown plan key", dict(radius_key="raduis"),
     ["plan.ini:19:", "unknown key 'raduis' in [indicator cov]"]),
    ("geographic plan CRS", dict(crs="EPSG:4490"),
     ["plan.ini:3:", "crs 'EPSG:4490'", "not projected"]),
    ("CRS in feet", dict(crs="EPSG:2227"), ["plan.ini:3:", "not metres"]),
    ("unknown CRS", dict(crs="EPSG:999999"), ["plan.ini:3:", "not a CRS GDAL knows"]),
    ("bad filter", dict(where="code LIKE"),
     ["plan.ini:12:", "bad filter 'where = code LIKE'"]),
    ("missing field", dict(population="residents"),
     ["plan.ini:13:", "no field 'residents'", "fields: code, pop"]),
]


def test_cases():
    for name, changes, words in CASES:
        d = fixture()
        plan(d, **changes)
        out = os.path.join(d, "out")
        r = run("run", "plan.ini", "-o", "out", cwd=d)
        expect_refusal(name, r, words)
        check(not os.path.exists(out), "%s: output directory was created" % name)

        # the same failure with --overwrite leaves an earlier good output as it was
        plan(d)
        good = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
        check(good.returncode == 0, "%s: good run failed: %s" % (name, good.stderr))
        db = os.path.join(out, "t.sqlite")
        before = file_digest(db)
        plan(d, **changes)
        r = run("run", "plan.ini", "-o", "out", "--overwrite", cwd=d)
        expect_refusal(name + " (--overwrite)", r, words)
        check(file_digest(db) == before, "%s: old output changed" % name)
        check(sorted(os.listdir(out)) == ["t.qgs", "t.sqlite"],
              "%s: stray files in output: %s" % (name, os.listdir(out)))


def test_streamed_layers_without_lines():
    """A streamed layer is checked as it is read: a density or a walking network on a polygon
    layer is refused after the pass that finds no lines, with the usual one line."""
    for kind, extra, words in (
            ("density", "within = parks\n",
             ["plan.ini:23:", "[indicator d]", "<residential> has no lines to measure"]),
            ("coverage", "facility = parks\ndistance = network\nnetwork = residential\n"
                         "radius = 500\n",
             ["plan.ini:26:", "[indicator d]", "network layer <residential> has no lines to "
                                               "walk along (1 features read)"])):
        d = fixture()
        text = PLAN.format(**GOOD) + "\n[indicator d]\nkind = %s\nlayer = residential\n%s" % (
            kind, extra)
        write(os.path.join(d, "plan.ini"), text)
        r = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
        expect_refusal("%s on polygons" % kind, r, words)
        check(not os.path.exists(os.path.join(d, "out")), "%s: output created" % kind)


def test_coordinates_not_numbers():
    """A parcel with a NaN or infinite coordinate (from a broken conversion) is refused with one
    line naming the layer and the feature (exit 2), not carried into the figures."""
    for bad in (float("nan"), float("inf")):
        d = fixture()
        gpkg = os.path.join(d, "data.gpkg")
        ds = ogr.Open(gpkg, 1)
        lyr = ds.GetLayerByName("landuse")
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField("code", "070101")
        f.SetField("pop", 5)
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ((590000, 3249000), (bad, 3249000), (590100, 3249100), (590000, 3249000)):
            ring.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        f.SetGeometry(poly)
        lyr.CreateFeature(f)
        fid = f.GetFID()
        ds = None
        plan(d)
        r = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
        expect_refusal("coordinate %r" % bad, r,
                       ["layer <residential>: feature %d" % fid, "not a number (NaN or infinite)"])
        check(not os.path.exists(os.path.join(d, "out")), "coordinate %r: output created" % bad)


def test_scratch_file_cannot_be_made():
    """The gaps of a coverage wait in a scratch file in TMPDIR: when it cannot be made the run
    fails (exit 1) with one line naming the table and the file, writes nothing and leaves an
    earlier output as it was."""
    d = fixture()
    plan(d)
    out = os.path.join(d, "out")
    good = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
    check(good.returncode == 0, "good run failed: %s" % good.stderr)
    db = os.path.join(out, "t.sqlite")
    before = file_digest(db)
    missing = os.path.join(d, "no-such-dir")
    r = run("run", "plan.ini", "-o", "out", "--overwrite", "-q", cwd=d, env={"TMPDIR": missing})
    expect_refusal("missing TMPDIR", r, ["cannot create the scratch file", missing,
                                         "table <cov_gaps>", "No such file or directory"], code=1)
    check(file_digest(db) == before, "missing TMPDIR: old output changed")
    check(sorted(os.listdir(out)) == ["t.qgs", "t.sqlite"],
          "missing TMPDIR: stray files in output: %s" % os.listdir(out))


def test_existing_output():
    d = fixture()
    plan(d)
    first = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
    check(first.returncode == 0, "first run failed: " + first.stderr)
    db = os.path.join(d, "out", "t.sqlite")
    before = file_digest(db)
    r = run("run", "plan.ini", "-o", "out", cwd=d)
    expect_refusal("existing output", r, ["out/t.sqlite", "exists", "--overwrite"])
    check(file_digest(db) == before, "existing output: changed without --overwrite")
    r = run("run", "plan.ini", "-o", "out", "--overwrite", "-q", cwd=d)
    check(r.returncode == 0, "--overwrite run failed: " + r.stderr)
    check(file_digest(db)[1] != before[1], "--overwrite did not replace the output")


def test_output_is_an_input():
    d = fixture()
    write(os.path.join(d, "plan.ini"), PLAN.format(**GOOD).replace("name = t", "name = data")
          .replace("data.gpkg", "data.sqlite"))
    os.rename(os.path.join(d, "data.gpkg"), os.path.join(d, "data.sqlite"))
    before = file_digest(os.path.join(d, "data.sqlite"))
    r = run("run", "plan.ini", "-o", ".", "--overwrite", cwd=d)
    expect_refusal("output is an input", r, ["is the source of [layer", "never overwrites an input"])
    check(file_digest(os.path.join(d, "data.sqlite")) == before, "input was changed")


def test_source_without_crs():
    d = fixture()
    shp = os.path.join(d, "parks.shp")
    write_layer(shp, "ESRI Shapefile", "parks", None, ogr.wkbPolygon, [("name", ogr.OFTString)],
                [(SQUARE, {"name": "p"})])
    plan(d, parks_source="parks.shp", parks_layer="parks")
    r = run("run", "plan.ini", "-o", "out", cwd=d)
    expect_refusal("no CRS", r, ["plan.ini:6:", "has no CRS", "set 'srs'"])
    check(not os.path.exists(os.path.join(d, "out")), "no CRS: output written")


def test_source_with_several_layers_needs_layer():
    d = fixture()
    plan(d)
    text = open(os.path.join(d, "plan.ini")).read().replace("layer = parks\n", "")
    write(os.path.join(d, "plan.ini"), text)
    r = run("run", "plan.ini", "-o", "out", cwd=d)
    expect_refusal("several layers", r, ["plan.ini:6:", "[layer parks]", "has 2 layers",
                                         "set 'layer' to one of: parks, landuse"])
    check(not os.path.exists(os.path.join(d, "out")), "several layers: output written")


def test_usage_errors():
    d = fixture()
    plan(d)
    for name, args, words in [
        ("no -o", ["run", "plan.ini"], ["missing -o DIR"]),
        ("no plan", ["run", "-o", "out"], ["missing the plan file"]),
        ("two plans", ["run", "a.ini", "b.ini", "-o", "out"], ["give one plan file"]),
        ("unknown option", ["run", "plan.ini", "-o", "out", "--fast"], ["unknown option '--fast'"]),
        ("-o without value", ["run", "plan.ini", "-o"], ["option needs a value"]),
        ("unknown command", ["frobnicate"], ["unknown command 'frobnicate'"]),
        ("missing plan file", ["run", "nope.ini", "-o", "out"], ["cannot open plan file <nope.ini>"]),
        ("help for nothing", ["help", "frobnicate"], ["unknown command 'frobnicate'"]),
    ]:
        r = run(*args, cwd=d)
        check(r.returncode == 2, "%s: exit %d" % (name, r.returncode))
        for w in words:
            check(w in r.stderr, "%s: %r not in %r" % (name, w, r.stderr))
        check(r.stdout == "", "%s: stdout %r" % (name, r.stdout))
    for bad in ("two", "0", "-1"):
        r = subprocess.run([BINARY, "run", "plan.ini", "-o", "out"], cwd=d, capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, PLANCHECK_THREADS=bad))
        check(r.returncode == 2 and "PLANCHECK_THREADS='%s' is not a number of threads" % bad
              in r.stderr, "PLANCHECK_THREADS=%s: %d %r" % (bad, r.returncode, r.stderr))
    for bad in ("many", "0", "-5", "1e3"):
        r = subprocess.run([BINARY, "run", "plan.ini", "-o", "out"], cwd=d, capture_output=True,
                           text=True, timeout=60, env=dict(os.environ, PLANCHECK_BATCH=bad))
        check(r.returncode == 2 and "PLANCHECK_BATCH='%s' is not a number of features" % bad
              in r.stderr, "PLANCHECK_BATCH=%s: %d %r" % (bad, r.returncode, r.stderr))
    check(not os.path.exists(os.path.join(d, "out")), "usage errors wrote output")


def test_stdout_write_error():
    with open("/dev/full", "w") as full:
        import subprocess
        from common import BINARY
        r = subprocess.run([BINARY, "--version"], stdout=full, stderr=subprocess.PIPE, text=True)
    check(r.returncode == 1, "--version > /dev/full: exit %d, expected 1" % r.returncode)
    check("cannot write the results to standard output" in r.stderr, "write error: " + r.stderr)


def test_help():
    for args in (["--help"], ["run", "--help"], ["help", "run"], ["help"], ["help", "--help"]):
        r = run(*args)
        check(r.returncode == 0 and "usage: plancheck" in r.stdout, "%s: %r" % (args, r))
    r = run("--version")
    check(r.returncode == 0 and r.stdout.startswith("plancheck "), "--version: %r" % r.stdout)
    r = run()
    check(r.returncode == 2 and "usage:" in r.stderr, "no arguments: %r" % r)


test_cases()
test_streamed_layers_without_lines()
test_scratch_file_cannot_be_made()
test_coordinates_not_numbers()
test_existing_output()
test_output_is_an_input()
test_source_without_crs()
test_source_with_several_layers_needs_layer()
test_usage_errors()
test_stdout_write_error()
test_help()
finish()
