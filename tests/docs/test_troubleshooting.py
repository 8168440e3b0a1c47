"""docs/troubleshooting.md lists every message plancheck can stop with: each error message
in the C source (the format strings of pc_error, pc_plan_error, the readers' and writers'
failure helpers) must appear in it, by its longest fixed stretch of text. A new message
without its line in the document fails this test."""
import os
import re
import sys

REPO = os.environ["PC_REPO"]
CALLS = re.compile(r'(pc_error\s*\(\s*PC_ERR_(?:USAGE|RUN)\s*,|pc_plan_error\s*\(|'
                   r'source_error\s*\(|\bfail\s*\(\s*st\s*,|spool_fail\s*\(|pc_ogr_fail\s*\(|'
                   r'row_error\s*\(|db_error\s*\(|usage_error\s*\(|pc_ogr_exec\s*\(|'
                   r'exec_sql\s*\(|snprintf\s*\(\s*message\s*,)')
LITERALS = re.compile(r'(?:"(?:[^"\\]|\\.)*"\s*)+')
SPEC = re.compile(r'%[-+ #0]*\d*(?:\.\d+)?(?:ll|l|z|h)?[sdfgcuxp]|%%')


def messages():
    """(file, format) of every failure message in src/."""
    for root, _, files in os.walk(os.path.join(REPO, "src")):
        for name in sorted(files):
            if not name.endswith(".c"):
                continue
            path = os.path.join(root, name)
            text = open(path, encoding="utf-8").read()
            for m in CALLS.finditer(text):
                i = j = m.end()
                depth = 1
                while j < len(text) and depth:
                    depth += {"(": 1, ")": -1}.get(text[j], 0)
                    j += 1
                runs = [''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', r.group(0)))
                        for r in LITERALS.finditer(text[i:j - 1])]
                if not runs:
                    continue
                # a statement runner's message is its last argument, not the SQL before it
                sql = m.group(0).startswith(("exec_sql", "pc_ogr_exec"))
                yield os.path.relpath(path, REPO), runs[-1] if sql else max(runs, key=len)


def main():
    doc = open(os.path.join(REPO, "docs", "troubleshooting.md"), encoding="utf-8").read()
    doc = doc.replace("\\|", "|")
    missing, checked = [], 0
    for path, fmt in messages():
        fmt = fmt.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        pieces = [p.strip() for p in SPEC.split(fmt)]
        longest = max(pieces, key=len)
        if len(longest) < 8:
            continue  # a bare word ("read", "write"): part of a message documented whole
        checked += 1
        if longest not in doc:
            missing.append("%s: %r" % (path, longest))
    print("%d messages checked against docs/troubleshooting.md" % checked)
    for m in missing:
        print("not in docs/troubleshooting.md:", m)
    return 1 if missing or checked < 150 else 0


sys.exit(main())
