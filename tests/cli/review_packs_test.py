#!/usr/bin/env python3
"""`agencykpi review --format pdf|xlsx` as a user runs it: `--all --out-dir`
writes one pack per brand with audits, visits or sales in the period, named
from client ids made safe (hostile ids included: nothing lands outside the
folder, no two brands share a file, no temporary file is left); the
refusals exit 2; a pack goes to standard output only when it is not a
terminal; a write that fails leaves no file.

usage: review_packs_test.py AGENCYKPI GOLDEN_DIR"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'report'))
from review_pack_check import Checker, run, temp_dir  # noqa: E402

PERIOD = ['--period', '2026-H1', '--as-of', '2026-06-30', '--lang', 'fr']
# bilan-marque in 2026-H1: C05 has no audit, visit or sale, the others have.
ACTIVE = ['C01', 'C02', 'C03', 'C04', 'C06']
# Client ids a file name must survive, as ingest takes them (1 to 64 of
# A-Z a-z 0-9 _ . - /); C05 (inactive) keeps its id. The unit test of
# PackFileName covers the ids ingest refuses (longer, '%', bytes).
LONGEST = '../' * 21 + 'x'  # 64 characters, climbing 21 folders
HOSTILE = {'C01': '../x', 'C02': 'a/b', 'C03': '.', 'C04': LONGEST, 'C06': 'a.b'}
FILES_WITH_CLIENT_IDS = ['clients.csv', 'contracts.csv', 'invoices.csv', 'missions.csv', 'store_audits.csv',
                         'store_sales.csv']


def with_hostile_ids(source, target):
    """A copy of `source` whose client ids are HOSTILE's, in every file."""
    shutil.copytree(source, target)
    for name in FILES_WITH_CLIENT_IDS:
        path = os.path.join(target, name)
        with open(path, 'rb') as f:
            data = f.read()
        for old, new in HOSTILE.items():
            # A whole field: between separators (',' or ';') or line ends.
            data = re.sub(rb'(?<=[,;\n])' + old.encode() + rb'(?=[,;\r\n])', new.encode(), data)
        with open(path, 'wb') as f:
            f.write(data)


def listing(folder):
    return sorted(os.listdir(folder))


def main():
    binary, golden = sys.argv[1], sys.argv[2]
    folder = golden + '/bilan-marque'
    c = Checker()
    with temp_dir() as tmp:
        # One pack per active brand.
        out_dir = os.path.join(tmp, 'packs', 'pdf')  # created, parents too
        run(binary, ['review', '--data', folder, '--all', '--out-dir', out_dir, '--format', 'pdf'] + PERIOD)
        names = listing(out_dir)
        c.expect(names == [f'{client}.pdf' for client in ACTIVE], f'--all wrote {names}')
        for name in names:
            with open(os.path.join(out_dir, name), 'rb') as f:
                c.expect(f.read(5) == b'%PDF-', f'{name} is not a PDF')

        # Hostile ids: safe, distinct names, all inside the folder.
        hostile = os.path.join(tmp, 'hostile')
        with_hostile_ids(folder, hostile)
        before = listing(tmp)
        packs = os.path.join(tmp, 'hostile-packs')
        done = run(binary, ['review', '--data', hostile, '--all', '--out-dir', packs, '--format', 'xlsx'] + PERIOD,
                   check=False)
        c.expect(done.returncode == 0, f'hostile ids: exit {done.returncode}: {done.stderr.decode()}')
        c.expect(listing(tmp) == sorted(before + ['hostile-packs']), f'files outside the folder: {listing(tmp)}')
        names = listing(packs) if os.path.isdir(packs) else []
        c.expect(len(names) == len(ACTIVE), f'{len(names)} packs for {len(ACTIVE)} brands: {names}')
        for expected in ['%2E%2E%2Fx.xlsx', 'a%2Fb.xlsx', '%2E.xlsx', 'a%2Eb.xlsx', '%2E%2E%2F' * 21 + 'x.xlsx']:
            c.expect(expected in names, f'{expected} missing from {names}')
        c.expect(not any(n.startswith('.') for n in names), f'a hidden or temporary file is left: {names}')

        # Refusals, exit 2, nothing written.
        refused = os.path.join(tmp, 'refused')
        for args, why in [
            (['--all', '--out-dir', refused, '--format', 'json'], '--all writes packs only'),
            (['--all', '--format', 'pdf'], '--all needs --out-dir'),
            (['--all', '--client', 'C01', '--out-dir', refused, '--format', 'pdf'], '--all or --client'),
            (['--out-dir', refused, '--format', 'pdf'], 'neither --client nor --all'),
            (['--client', 'C99', '--format', 'pdf', '--out', os.path.join(tmp, 'c99.pdf')], 'unknown client'),
        ]:
            done = run(binary, ['review', '--data', folder] + args + PERIOD, check=False)
            c.expect(done.returncode == 2, f'{why}: exit {done.returncode}')
        c.expect(not os.path.exists(refused) and not os.path.exists(os.path.join(tmp, 'c99.pdf')),
                 'a refused command wrote a file')

        # A pack goes to a pipe; a terminal is refused (`script` gives one).
        done = run(binary, ['review', '--data', folder, '--client', 'C01', '--format', 'pdf'] + PERIOD)
        c.expect(done.stdout.startswith(b'%PDF-'), 'the PDF did not go to the pipe')
        if shutil.which('script'):
            command = f'{binary} review --data {folder} --client C01 --format xlsx {" ".join(PERIOD)}; echo "exit=$?"'
            tty = subprocess.run(['script', '-qec', command, '/dev/null'], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT)
            c.expect(b'exit=2' in tty.stdout and b'--out FILE' in tty.stdout, f'on a terminal: {tty.stdout[-300:]!r}')

        # A write that fails (the folder is a file) leaves nothing behind.
        blocker = os.path.join(tmp, 'blocker')
        with open(blocker, 'w') as f:
            f.write('not a folder')
        done = run(binary, ['review', '--data', folder, '--client', 'C01', '--format', 'pdf', '--out',
                            os.path.join(blocker, 'x.pdf')] + PERIOD, check=False)
        c.expect(done.returncode != 0, 'writing into a file succeeded')
        done = run(binary, ['review', '--data', folder, '--all', '--out-dir', blocker, '--format', 'pdf'] + PERIOD,
                   check=False)
        c.expect(done.returncode != 0 and b'blocker' in done.stderr, f'--all into a file: {done.stderr!r}')
        c.expect(sorted(os.listdir(tmp)) == sorted(before + ['hostile-packs', 'blocker']),
                 f'a failed write left {listing(tmp)}')
    return c.finish(least=20)


if __name__ == '__main__':
    sys.exit(main())
