"""`plancheck export`: styles and project written again for an existing result, and the
errors around it (existing files, missing styles, folders that hold no result)."""
import os
import shutil
import sqlite3

from common import REPO, check, file_digest, finish, run, tempdir

PLAN = os.path.join(REPO, "layers/yongchuan/plan.ini")
STYLES = os.path.join(REPO, "styles")


def styles_of(db, table):
    with sqlite3.connect(db) as con:
        return con.execute("SELECT f_table_schema, styleQML FROM layer_styles WHERE "
                           "f_table_name = ? AND useAsDefault = 1", (table,)).fetchall()


out = os.path.join(tempdir(), "out")
r = run("run", PLAN, "-o", out, "-q")
check(r.returncode == 0, "run failed: %s" % r.stderr)
db = os.path.join(out, "yongchuan.sqlite")
qgs = os.path.join(out, "yongchuan.qgs")

# every vector layer has its default style twice: for the spatialite and the ogr provider
rows = styles_of(db, "redline")
check(sorted(repr(s) for s, _ in rows) == ["''", "None"],
      "redline styles with schemas %s, expected NULL and ''" % [s for s, _ in rows])

# export refuses to replace the project without --overwrite, and changes nothing
before = file_digest(qgs)
r = run("export", out)
check(r.returncode == 2 and "--overwrite" in r.stderr, "export without --overwrite: %s %s" %
      (r.returncode, r.stderr))
check(file_digest(qgs) == before, "export without --overwrite changed the project")

# a changed styles folder restyles the database, the sidecars and the project
mine = os.path.join(tempdir(), "styles")
shutil.copytree(STYLES, mine)
with open(os.path.join(mine, "redline.qml"), encoding="utf-8") as f:
    text = f.read()
with open(os.path.join(mine, "redline.qml"), "w", encoding="utf-8") as f:
    f.write(text.replace("56,168,0,128", "200,0,0,128"))
with open(os.path.join(mine, "distance.qml"), encoding="utf-8") as f:
    text = f.read()
with open(os.path.join(mine, "distance.qml"), "w", encoding="utf-8") as f:
    f.write(text.replace("#006837", "#123456"))
r = run("export", out, "--overwrite", "--styles", mine)
check(r.returncode == 0, "export --overwrite failed: %s" % r.stderr)
rows = styles_of(db, "redline")
check(len(rows) == 2 and all("200,0,0,128" in q for _, q in rows),
      "layer_styles of redline not restyled")
with open(qgs, encoding="utf-8") as f:
    project = f.read()
check("200,0,0,128" in project, "project not restyled")
with open(os.path.join(out, "park_500m_distance.qml"), encoding="utf-8") as f:
    check("#123456" in f.read(), "distance sidecar not restyled")

# a missing style file is a clear error that changes nothing
broken = os.path.join(tempdir(), "broken")
shutil.copytree(STYLES, broken)
os.remove(os.path.join(broken, "farmland.qml"))
before = file_digest(qgs)
r = run("export", out, "--overwrite", "--styles", broken)
check(r.returncode == 2 and "farmland.qml" in r.stderr, "missing style: %s %s" %
      (r.returncode, r.stderr))
check(file_digest(qgs) == before, "a failed export changed the project")
r = run("run", PLAN, "-o", os.path.join(tempdir(), "x"), "--styles", "/nonexistent")
check(r.returncode == 2 and "/nonexistent" in r.stderr and "reading layer" not in r.stderr,
      "run with a bad styles folder: %s %s" % (r.returncode, r.stderr))

# folders without a result
empty = tempdir()
r = run("export", empty)
check(r.returncode == 2 and "no result database" in r.stderr, "empty folder: %s" % r.stderr)
with sqlite3.connect(os.path.join(empty, "other.sqlite")) as con:
    con.execute("CREATE TABLE t (x)")
r = run("export", empty)
check(r.returncode == 2 and "not a plancheck result" in r.stderr, "foreign database: %s" % r.stderr)
r = run("export")
check(r.returncode == 2, "export without a folder: %s" % r.returncode)

# run refuses to replace any existing output of the set, naming it
again = os.path.join(tempdir(), "again")
os.makedirs(again)
with open(os.path.join(again, "park_500m_coverage.qml"), "w") as f:
    f.write("mine")
r = run("run", PLAN, "-o", again, "-q")
check(r.returncode == 2 and "park_500m_coverage.qml" in r.stderr,
      "run over an existing sidecar: %s %s" % (r.returncode, r.stderr))
with open(os.path.join(again, "park_500m_coverage.qml")) as f:
    check(f.read() == "mine", "run replaced an existing file without --overwrite")
check(sorted(os.listdir(again)) == ["park_500m_coverage.qml"], "run left files: %s" %
      os.listdir(again))
finish()
