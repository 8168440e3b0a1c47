"""The bad-input corpus (tests/corpus/): every broken plan in plans/ and every broken input of
data_cases.py, run through the binary twice, into a fresh folder and over an earlier good
output with --overwrite. Each must give its expected exit code, no crash, and:
- refused (exit 2): one line on stderr holding the expected words (file, line, layer, field
  or feature), nothing on stdout, no output folder made, the earlier output byte for byte;
- accepted (exit 0): the expected warning, and results without NaN or infinity.
The inputs are never changed."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

from common import BINARY, REPO, check, finish, run, tempdir, tree_digests

sys.path.insert(0, os.path.join(REPO, "tests", "corpus"))
import data_cases  # noqa: E402
import fixture  # noqa: E402

PLANS = os.path.join(REPO, "tests", "corpus", "plans")


def no_number(text):
    raise ValueError("%s in the JSON results" % text)


def expect(name, d, code, words):
    """Runs the case in folder d (inputs ready) into a fresh output, then over a good one."""
    inputs = {k: v for k, v in tree_digests(d).items() if not k.startswith("out")}
    r = run("run", "plan.ini", "-o", "out", "-q", "--json", cwd=d)
    check(r.returncode >= 0, "%s: crashed with signal %d" % (name, -r.returncode))
    check(r.returncode == code, "%s: exit code %d, expected %d: %r" % (
        name, r.returncode, code, r.stderr[-400:]))
    lines = r.stderr.splitlines()
    if code == 2:
        check(len(lines) == 1, "%s: %d lines on stderr: %r" % (name, len(lines), r.stderr))
        check(r.stdout == "", "%s: stdout not empty" % name)
        check(not os.path.exists(os.path.join(d, "out")), "%s: output folder made" % name)
    if code == 0:
        try:
            doc = json.loads(r.stdout, parse_constant=no_number)
        except ValueError as e:
            check(False, "%s: %s" % (name, e))
            doc = {"results": []}
        # every accepted case keeps the fixture's two zones, names intact (GBK read right)
        # unless it is the case that warns about undecodable text
        zones = {row["zone"] for row in doc["results"] if row.get("zone")}
        if not any("not UTF-8" in w for w in words):
            check(zones == {"老城片区", "城西片区"}, "%s: zones %r" % (name, zones))
    for w in words:
        check(any(w in line for line in lines), "%s: %r not in stderr %r" % (name, w, r.stderr))
    after = {k: v for k, v in tree_digests(d).items() if not k.startswith("out")}
    check(after == inputs, "%s: an input changed" % name)
    if code != 2:
        return
    # the same refusal over an earlier good output leaves it as it was
    good_dir = tempdir()
    fixture.make(good_dir)
    good = run("run", "plan.ini", "-o", os.path.join(d, "out"), "-q", cwd=good_dir)
    check(good.returncode == 0, "%s: the good run failed: %s" % (name, good.stderr))
    before = tree_digests(os.path.join(d, "out"))
    r = run("run", "plan.ini", "-o", "out", "-q", "--overwrite", cwd=d)
    check(r.returncode == code, "%s (--overwrite): exit code %d" % (name, r.returncode))
    check(tree_digests(os.path.join(d, "out")) == before, "%s (--overwrite): output changed" % name)


def test_good_fixture():
    d = tempdir()
    fixture.make(d)
    expect("the good fixture", d, 0, [])


def test_plans():
    names = sorted(n for n in os.listdir(PLANS) if n.endswith(".ini") and n != "good.ini")
    check(len(names) >= 25, "only %d corpus plans" % len(names))
    for name in names:
        d = tempdir()
        fixture.make(d)
        raw, code, words = fixture.plan_text(name)
        with open(os.path.join(d, "plan.ini"), "wb") as f:
            f.write(raw)
        expect("plans/" + name, d, code, words)


def test_data():
    for name, make, code, words in data_cases.CASES:
        d = tempdir()
        fixture.make(d)
        make(d)
        expect(name, d, code, words)
        shutil.rmtree(d, ignore_errors=True)


def test_output_is_the_plan():
    """-o naming the plan file itself: refused, the plan untouched."""
    d = tempdir()
    fixture.make(d)
    before = tree_digests(d)
    r = run("run", "plan.ini", "-o", "plan.ini", "--overwrite", cwd=d)
    check(r.returncode == 2 and len(r.stderr.splitlines()) == 1 and "plan.ini" in r.stderr,
          "-o plan.ini: exit %d, stderr %r" % (r.returncode, r.stderr))
    check(tree_digests(d) == before, "-o plan.ini: a file changed")


def test_read_only_output():
    """An output folder plancheck may not write into: one line naming it (exit 2), nothing
    made. Root may write anywhere, so as root the run drops to user nobody, with copies of
    the binary, styles and land-use code table it can read (the source tree may not be)."""
    d = tempfile.mkdtemp(prefix="plancheck-ro-", dir="/tmp")
    os.chmod(d, 0o755)
    fixture.make(d)
    binary = shutil.copy2(BINARY, os.path.join(d, "plancheck"))
    shutil.copytree(os.path.join(REPO, "styles"), os.path.join(d, "styles"))
    shutil.copytree(os.path.join(REPO, "data"), os.path.join(d, "data"))
    subprocess.run(["chmod", "-R", "a+rX", d], check=True)
    os.mkdir(os.path.join(d, "out"), 0o555)
    os.chmod(os.path.join(d, "out"), 0o555)

    def drop():
        if os.getuid() == 0:
            os.setgid(65534)
            os.setuid(65534)

    env = dict(os.environ, PLANCHECK_DATA=os.path.join(d, "data"))
    r = subprocess.run([binary, "run", "plan.ini", "-o", "out", "-q", "--styles", "styles"],
                       cwd=d, env=env, capture_output=True, text=True, timeout=600,
                       preexec_fn=drop)
    check(r.returncode == 2 and r.stderr.splitlines() ==
          ["plancheck: cannot write into output directory <out>: Permission denied"],
          "read-only output: exit %d, stderr %r" % (r.returncode, r.stderr))
    check(os.listdir(os.path.join(d, "out")) == [], "read-only output: something was made")
    shutil.rmtree(d, ignore_errors=True)


def test_disk_full():
    """The disk fills while the database is written (support/enospc.c makes writes into the
    staging folder fail with ENOSPC after some bytes): exit 1, a last line naming what could
    not be written and why, the earlier output byte for byte, no staging folder left.
    SpatiaLite prints its own complaints before plancheck's line; they are not ours to
    silence."""
    shim = os.environ.get("PC_ENOSPC_LIB")
    if not shim:
        print("disk-full case skipped: sanitizer build (the shim cannot be preloaded)")
        return
    d = tempdir()
    fixture.make(d)
    good = run("run", "plan.ini", "-o", "out", "-q", cwd=d)
    check(good.returncode == 0, "disk full: the good run failed: %s" % good.stderr)
    before = tree_digests(os.path.join(d, "out"))
    for after in (20000, 1000000):
        env = dict(os.environ, LD_PRELOAD=shim, PC_ENOSPC_AFTER=str(after),
                   PC_ENOSPC_PATH=os.path.join(d, "out", ".plancheck-"))
        r = subprocess.run([BINARY, "run", "plan.ini", "-o", "out", "-q", "--overwrite"],
                           cwd=d, env=env, capture_output=True, text=True, timeout=600)
        lines = r.stderr.splitlines()
        name = "disk full after %d bytes" % after
        check(r.returncode == 1, "%s: exit %d: %r" % (name, r.returncode, r.stderr))
        check(lines and lines[-1].startswith("plancheck: ") and
              "database or disk is full" in lines[-1], "%s: last line %r" % (name, lines[-1:]))
        check(tree_digests(os.path.join(d, "out")) == before, "%s: the earlier output changed" % name)
        check(sorted(os.listdir(os.path.join(d, "out"))) == ["t.qgs", "t.sqlite"],
              "%s: left in the output folder: %s" % (name, os.listdir(os.path.join(d, "out"))))


def test_defined_results():
    """An empty measured layer and a fully uncovered one give defined results: no value and
    no status for the first (shown as '-', null in JSON and SQLite), 0 % and fail for the
    second; never NaN."""
    for case, value, status in (("empty", None, "none"), ("uncovered", 0.0, "fail")):
        d = tempdir()
        fixture.make(d)
        if case == "empty":
            data_cases.empty_layer(d)
        else:  # the park moved 20 km east: no parcel within 500 m
            fixture.write_layer(os.path.join(d, "data.gpkg"), "parks", fixture.ogr.wkbPolygon,
                                [("name", fixture.ogr.OFTString)],
                                [(fixture.square_wkt(20000, 0, 100), {"name": "far"})],
                                overwrite=True)
        r = run("run", "plan.ini", "-o", "out", "-q", "--json", cwd=d)
        check(r.returncode == 0, "%s: exit %d: %s" % (case, r.returncode, r.stderr))
        doc = json.loads(r.stdout, parse_constant=no_number)
        rows = [x for x in doc["results"] if x["zone"] is None]
        check(len(rows) == 1 and rows[0]["value"] == value and rows[0]["status"] == status,
              "%s: scope row %r" % (case, rows))
        text = run("run", "plan.ini", "-o", "out2", "-q", cwd=d).stdout
        check("nan" not in text.lower() and "inf" not in text.lower(),
              "%s: the table shows NaN or infinity: %r" % (case, text))


test_good_fixture()
test_defined_results()
test_plans()
test_data()
test_output_is_the_plan()
test_read_only_output()
test_disk_full()
finish()
