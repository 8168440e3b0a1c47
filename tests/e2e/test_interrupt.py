"""Interrupt safety: a real run of the sample, over an earlier good output, stopped by SIGINT
or SIGTERM at several points (reading, computing, drawing rasters, writing the database, a
spilled table being read back). Each time: exit code 128 + the signal, one last line saying
so, the earlier output byte for byte as it was, no staging folder or scratch file left, the
inputs unchanged."""
import os
import signal
import subprocess

from common import BINARY, REPO, check, finish, tempdir, tree_digests

PLAN = os.path.join(REPO, "layers", "yongchuan", "plan.ini")
INPUTS = os.path.join(REPO, "layers", "yongchuan")

# (a progress line to wait for, the signal sent when it appears)
POINTS = [
    ("reading layer <parks>", signal.SIGINT),
    ("park_500m_walk: building the walking graph", signal.SIGTERM),
    ("] rasters", signal.SIGINT),
    ("writing <park_500m_walk_parcels>", signal.SIGTERM),
    ("writing <landuse>", signal.SIGINT),
]


def interrupt_at(out, scratch, line, sig):
    """Runs the sample over out, sends sig when a stderr line contains `line`; returns
    (seen, exit code, stderr lines)."""
    env = dict(os.environ, TMPDIR=scratch)
    p = subprocess.Popen([BINARY, "run", PLAN, "-o", out, "--overwrite"], env=env,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lines, seen = [], False
    for text in p.stderr:
        lines.append(text.rstrip("\n"))
        if line in text:
            p.send_signal(sig)
            seen = True
            break
    rest = p.stderr.read()
    lines += rest.splitlines()
    code = p.wait(timeout=600)
    return seen, code, lines


def test_interrupts():
    d = tempdir()
    out = os.path.join(d, "out")
    scratch = os.path.join(d, "tmp")
    os.mkdir(scratch)
    inputs = tree_digests(INPUTS)
    good = subprocess.run([BINARY, "run", PLAN, "-o", out, "-q"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True, timeout=600)
    check(good.returncode == 0, "good run failed: %s" % good.stderr)
    before = tree_digests(out)
    check(any(n.endswith(".sqlite") for n in before) and any(n.endswith(".tif") for n in before),
          "the earlier output lacks its database or rasters: %s" % sorted(before))
    for line, sig in POINTS:
        name = "%s at '%s'" % (sig.name, line)
        seen, code, lines = interrupt_at(out, scratch, line, sig)
        check(seen, "%s: the run never printed that line" % name)
        check(code == 128 + sig.value, "%s: exit code %d, expected %d; last lines %r"
              % (name, code, 128 + sig.value, lines[-3:]))
        check(lines and lines[-1] == "plancheck: interrupted by %s: nothing written, any "
              "earlier output left as it was" % sig.name, "%s: last line %r" % (name, lines[-1:]))
        after = tree_digests(out)
        check(after == before, "%s: output changed: %s" % (
            name, sorted(set(after.items()) ^ set(before.items()))[:6]))
        check(os.listdir(scratch) == [], "%s: left in TMPDIR: %s" % (name, os.listdir(scratch)))
        check(tree_digests(INPUTS) == inputs, "%s: an input changed" % name)
    # and without a signal the same command still replaces the output
    env = dict(os.environ, TMPDIR=scratch)
    r = subprocess.run([BINARY, "run", PLAN, "-o", out, "--overwrite", "-q"], env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, timeout=600)
    check(r.returncode == 0, "run after the interrupts failed: %s" % r.stderr)
    check(not any(".plancheck-" in n for n in tree_digests(out)), "staging folder left behind")


test_interrupts()
finish()
