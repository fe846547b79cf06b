#!/usr/bin/env python3
"""`agencykpi price` as a user runs it: its help, the refusals (exit 2 with a
message naming the mission, the option or the period), the table in French
and English, JSON to --out.

usage: price_cli_test.py AGENCYKPI GOLDEN_DIR"""
import json
import os
import subprocess
import sys
import tempfile

EXIT_REFUSED = 2


def main():
    binary, golden = sys.argv[1], sys.argv[2]
    data = ['--data', os.path.join(golden, 'agence-forfaits'), '--period', '2026-H1', '--as-of', '2026-06-30']
    failures = []

    def price(*args):
        return subprocess.run([binary, 'price', *args], capture_output=True, text=True)

    def expect(cond, what):
        if not cond:
            failures.append(what)

    helped = price('--help')
    expect(helped.returncode == 0, 'price --help exits 0')
    for option in ('--mission', '--target-margin', '--scope-change', '--period', '--db', '--data', '--lang', '--out'):
        expect(option in helped.stdout, f'price --help names {option}')

    refusals = [
        (['--mission', 'M99', '--target-margin', '0.2', *data], 'M99'),
        (['--mission', 'M01', '--target-margin', '1', *data], '--target-margin'),
        (['--mission', 'M01', '--target-margin', '-0.1', *data], '--target-margin'),
        (['--mission', 'M01', '--target-margin', '0,25', *data], '--target-margin'),
        (['--mission', 'M01', '--target-margin', '0.2', '--scope-change', '-1', *data], '--scope-change'),
        (['--mission', 'M01', '--target-margin', '0.2', '--data', os.path.join(golden, 'agence-forfaits'),
          '--period', '2026-H3'], '2026-H3'),
        (['--mission', 'M01', '--target-margin', '0.2'], '--db'),
        (['--target-margin', '0.2', *data], '--mission'),
    ]
    for args, named in refusals:
        done = price(*args)
        expect(done.returncode == EXIT_REFUSED, f'{args}: exit {done.returncode}, not 2 ({done.stderr.strip()})')
        expect(named in done.stderr, f'{args}: the message names {named}: {done.stderr.strip()}')
        expect(done.stdout == '', f'{args}: nothing on stdout')

    french = price('--mission', 'M01', '--target-margin', '0.25', *data, '--format', 'table', '--lang', 'fr')
    expect(french.returncode == 0, f'table fr exits 0: {french.stderr}')
    expect('Prix de reconduction' in french.stdout, 'the French table has its title')
    expect('1\u202f784,76\u00a0€' in french.stdout, f'the French table writes 1 784,76 €:\n{french.stdout}')
    english = price('--mission', 'M01', '--target-margin', '0.25', *data, '--lang', 'en')
    expect(english.returncode == 0, f'table en exits 0: {english.stderr}')
    expect('Minimum price' in english.stdout and '€1,784.76' in english.stdout,
           f'the English table writes €1,784.76:\n{english.stdout}')

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'price.json')
        done = price('--mission', 'M01', '--target-margin', '0.25', *data, '--format', 'json', '--out', out)
        expect(done.returncode == 0 and done.stdout == '', f'--out writes the file only: {done.stderr}')
        with open(out, encoding='utf-8') as f:
            quote = json.load(f)
        expect(quote.get('minimum_price') == 1784.76, f'the JSON holds the price: {quote}')

    for failure in failures:
        print('FAIL', failure)
    print('ok' if not failures else f'{len(failures)} failures')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
