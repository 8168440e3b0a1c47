#!/usr/bin/python3
"""Prints the tables of scripts/bench.sh from the files its engine scripts left in a run
folder, and checks that every engine reports the same coverage figures as plancheck.

    report.py coverage DIR ENGINE...   DIR/<engine>/{status,timing,figures.tsv}, DIR/floor
    report.py full DIR SIZE...         DIR/full-<size>/{timing,stages.tsv}, DIR/data-<size>

coverage prints the engines side by side (times, peak memory, the ratio of each coverage
step to plancheck's, the scope figure, the largest difference from plancheck over the scope
and every zone) and then every zone's figure per engine. Exit status 1 when an engine's
figures differ from plancheck's by more than TOLERANCE percentage points anywhere (or cover
other zones), or when an engine or plancheck failed: a correctness failure; no time is
ever judged. full prints one row per size: generation, read floor, run, peak memory and
plancheck's five slowest stages. The file formats are described in scripts/bench/lib.sh.
"""
import os
import sys
import unicodedata

TOLERANCE = 0.01  # percentage points


def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in 'WF' else 1 for c in s)


def table(header, rows, right):
    """Columns padded to their widest cell (CJK characters count double); `right` holds the
    indices of right-aligned columns."""
    cells = [header] + rows
    widths = [max(width(r[i]) for r in cells) for i in range(len(header))]
    for r in cells:
        print('  '.join((' ' * (w - width(c)) + c) if i in right else (c + ' ' * (w - width(c)))
                        for i, (c, w) in enumerate(zip(r, widths))).rstrip())


def read_kv(path):
    kv, notes = {}, []
    if os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            key, _, value = line.rstrip('\n').partition(' ')
            if key == 'note':
                notes.append(value)
            else:
                kv[key] = value
    return kv, notes


def num(s):
    try:
        return float(s)
    except (TypeError, ValueError):
        return None


def fmt(x, spec='.3f'):
    return 'n/a' if x is None else format(x, spec)


def read_figures(path):
    """{zone ('' for the scope): value % or None}"""
    out = {}
    for line in open(path, encoding='utf-8'):
        zone, value, _num, _den = line.rstrip('\n').split('\t')
        out[zone] = num(value)
    return out


def compare(ref, got):
    """(largest |difference| in pp, all within TOLERANCE and the same regions)"""
    worst, ok = 0.0, set(ref) == set(got)
    for zone in set(ref) | set(got):
        a, b = ref.get(zone), got.get(zone)
        if a is None or b is None:
            ok &= a is None and b is None
            continue
        worst = max(worst, abs(a - b))
    return worst, ok and worst <= TOLERANCE


def coverage(run, engines):
    status = {e: open(os.path.join(run, e, 'status')).read().strip() for e in engines}
    figures = {e: read_figures(os.path.join(run, e, 'figures.tsv'))
               for e in engines if status[e] == 'ok'}
    timing = {e: read_kv(os.path.join(run, e, 'timing')) for e in engines}
    ref = figures.get('plancheck')
    ref_cov = num(timing.get('plancheck', ({}, []))[0].get('coverage_s'))
    failed = [e for e in engines if status[e] == 'failed']
    if 'plancheck' not in engines or ref is None:
        print('plancheck did not run: nothing to compare against')
        failed.append('plancheck')

    rows, mismatched = [], []
    for e in engines:
        kv, notes = timing[e]
        if status[e] != 'ok':
            rows.append([e] + [''] * 7 + [status[e]])
            continue
        cov = num(kv.get('coverage_s'))
        ratio = cov / ref_cov if cov is not None and ref_cov else None
        scope = figures[e].get('')
        if e == 'plancheck':
            delta, match = '', 'ref'
        elif ref is None:
            delta, match = '', 'n/a'
        else:
            worst, ok = compare(ref, figures[e])
            delta, match = f'{worst:.2g}', 'yes' if ok else 'NO'
            if not ok:
                mismatched.append(e)
        rows.append([e, fmt(num(kv.get('load_s'))), fmt(cov), fmt(num(kv.get('wall_s'))),
                     fmt(num(kv.get('peak_mb')), '.0f'),
                     fmt(ratio, '.2f') if ratio is not None else 'n/a',
                     fmt(scope, '.4f'), delta, match])
    floor, _ = read_kv(os.path.join(run, 'floor'))
    rows.append(['read floor', fmt(num(floor.get('floor_s'))), '', '', '', '', '', '', ''])
    table(['engine', 'load s', 'coverage s', 'process wall s', 'peak MB', '× plancheck',
           'scope %', 'max |Δ| pp', 'match'], rows, right={1, 2, 3, 4, 5, 6, 7})
    print(f'read floor: {floor.get("what", "bench_read is not built")}')
    for e in engines:
        for note in timing[e][1]:
            print(f'note {note}')
        if status[e] == 'failed':
            print(f'note {e} failed: see {os.path.join(run, e, "engine.log")}')

    ok_engines = [e for e in engines if e in figures]
    if ok_engines:
        print()
        zones = sorted({z for e in ok_engines for z in figures[e]}, key=lambda z: (z != '', z))
        zrows = [[z or 'scope'] + [fmt(figures[e].get(z), '.4f') for e in ok_engines]
                 for z in zones]
        table(['zone'] + [f'{e} %' for e in ok_engines], zrows,
              right=set(range(1, len(ok_engines) + 1)))

    print()
    if mismatched:
        print(f'FAIL: {", ".join(mismatched)} differ from plancheck by more than {TOLERANCE} '
              'percentage points (or report other zones)')
    if failed:
        print(f'FAIL: {", ".join(failed)} failed (see the run folder)')
    if not mismatched and not failed:
        if len(ok_engines) < 2:
            print('only plancheck ran: nothing to compare')
        else:
            print(f'all {len(ok_engines)} engines that ran agree within {TOLERANCE} percentage '
                  'points, for the scope and every zone')
    return 1 if mismatched or failed else 0


def full(run, sizes):
    rows = []
    for n in sizes:
        d = os.path.join(run, f'full-{n}')
        kv, _ = read_kv(os.path.join(d, 'timing'))
        gen, _ = read_kv(os.path.join(run, f'data-{n}'))
        floor, run_s = num(kv.get('floor_s')), num(kv.get('run_s'))
        stages = []
        if os.path.exists(os.path.join(d, 'stages.tsv')):
            for line in open(os.path.join(d, 'stages.tsv'), encoding='utf-8'):
                kind, name, secs = line.rstrip('\n').split('\t')
                stages.append((float(secs), kind, name))
        stages.sort(reverse=True)
        top = ', '.join(f'{k} {n_} {s:.2f}' for s, k, n_ in stages[:5])
        if run_s is None:
            top = 'FAILED' + (f' after {len(stages)} stages: {top}' if stages else '')
        elif stages:
            top += f' (not in any stage: {run_s - sum(s for s, _, _ in stages):.2f})'
        rows.append([f'{int(n):,}', gen.get('generate_s', 'n/a'), fmt(floor), fmt(run_s),
                     fmt(run_s / floor, '.1f') if floor and run_s is not None else 'n/a',
                     fmt(num(kv.get('peak_mb')), '.0f'), top])
    table(['parcels', 'generate s', 'read floor s', 'full run s', 'run/floor', 'peak MB',
           'per-stage top 5 (s)'], rows, right={0, 1, 2, 3, 4, 5})
    return 0 if all(not r[-1].startswith('FAILED') for r in rows) else 1


def main():
    mode, run, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.exit(coverage(run, rest) if mode == 'coverage' else full(run, rest))


if __name__ == '__main__':
    main()
