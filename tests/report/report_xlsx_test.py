#!/usr/bin/env python3
"""`agencykpi report --format xlsx --out FILE` read back with openpyxl
(Debian's python3-openpyxl) against `report --format json` on the same data,
for every golden case and the demo agency: the Summary and the six section
sheets, in order; each list sheet one row per item of the JSON list, one
column per key of the JSON row in order (an object one column per member);
every cell equal to the JSON value — money and hours to the cent as numbers,
ratios as numbers (to libxlsxwriter's 16 significant digits), dates as date
cells, lists joined with '|', null as an empty cell; money, percent and date
formats where the column says; headers and sheet names in French, English
with --lang en; frozen, filtered header rows; the same bytes twice; --out
for JSON; a name longer than a cell holds cut to its limit; and the command's refusals (no --out, a folder that does not
exist) leave no file.

usage: report_xlsx_test.py AGENCYKPI GOLDEN_DIR"""
import datetime
import json
import os
import re
import shlex
import shutil
import sys

import openpyxl

from review_pack_check import Checker, path_in, run, temp_dir

FRENCH_SHEETS = ['Synthèse', 'Récurrence', 'Clients', 'Prestations', 'Objectifs', 'Équipe', 'Renouvellements']
ENGLISH_SHEETS = ['Summary', 'Recurrence', 'Clients', 'Missions', 'Objectives', 'Team', 'Renewals']
# Each list sheet's JSON list, in sheet order.
LISTS = [('recurrence', 'clients'), ('revenue', 'clients'), ('margin', 'missions'), ('objectives', 'items'),
         ('workload', 'items'), ('renewal_risk', 'contracts')]
# libxlsxwriter writes a number with 16 significant digits (%.16G).
RATIO_TOLERANCE = 1e-15
MAX_CELL_CHARS = 32767  # Excel's limit on a cell's text
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}$')
DATE_KEYS = {'start', 'end', 'as_of', 'previous_start', 'previous_end', 'end_date'}
# Columns whose format the reader must see, by French and English header:
# (sheet index, header) -> a text the number format holds.
FORMATS_FR = {(2, 'CA'): '€', (2, 'Part'): '%', (3, 'Marge complète'): '€', (3, 'Taux'): '%',
              (3, 'Coût (field)'): '€', (4, 'Atteinte'): '%', (5, 'Part facturable'): '%'}
FORMATS_EN = {(2, 'Revenue'): '€', (2, 'Share'): '%', (3, 'Full margin'): '€', (3, 'Rate'): '%'}


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def columns_of(row):
    """The JSON row's values in column order: an object one per member."""
    columns = []
    for key, value in row.items():
        if isinstance(value, dict):
            columns += [(f'{key}.{member}', v) for member, v in value.items()]
        else:
            columns.append((key, value))
    return columns


def same(c, where, key, cell, expected):
    """The cell holds the JSON value."""
    value = cell.value
    if expected is None or expected == '' or expected == []:
        return c.expect(value is None, f'{where} {key}: {value!r}, expected an empty cell')
    if isinstance(expected, bool):
        return c.expect(value is expected, f'{where} {key}: {value!r} != {expected!r}')
    if isinstance(expected, list):
        return c.expect(value == '|'.join(expected), f'{where} {key}: {value!r} != {expected!r}')
    if isinstance(expected, str) and key.split('.')[-1] in DATE_KEYS and DATE.match(expected):
        ok = isinstance(value, datetime.datetime) and value.date().isoformat() == expected
        c.expect(ok, f'{where} {key}: {value!r}, expected the date {expected}')
        return c.expect('yy' in cell.number_format, f'{where} {key}: date format {cell.number_format!r}')
    if isinstance(expected, str):
        return c.expect(value == expected, f'{where} {key}: {value!r} != {expected!r}')
    if not is_number(value):
        return c.expect(False, f'{where} {key}: {value!r} is not the number {expected!r}')
    if isinstance(expected, float) and round(expected, 2) != expected:
        # An unrounded ratio: equal to the digits libxlsxwriter keeps.
        return c.expect(abs(value - expected) <= RATIO_TOLERANCE * max(1.0, abs(expected)),
                        f'{where} {key}: {value!r} != {expected!r}')
    # Money, hours, counts, quantities: the same number exactly (to the cent).
    return c.expect(value == expected, f'{where} {key}: {value!r} != {expected!r}')


def json_at(report, dotted):
    value = report
    for part in dotted.split('.'):
        value = value[part]
    return value


def check_workbook(c, book, report, lang, label):
    sheets = FRENCH_SHEETS if lang == 'fr' else ENGLISH_SHEETS
    c.expect(book.sheetnames == sheets, f'{label}: sheets {book.sheetnames}')
    if book.sheetnames != sheets:
        return 0
    cells = 0
    for sheet in book.worksheets:
        c.expect(sheet.freeze_panes == 'A2', f'{label} {sheet.title}: frozen at {sheet.freeze_panes}')
        c.expect(sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith('A1:'),
                 f'{label} {sheet.title}: autofilter {sheet.auto_filter.ref}')

    # The Summary: section, figure, value, the figure's JSON key.
    summary = list(book.worksheets[0].iter_rows(min_row=2))
    keys = [row[3].value for row in summary]
    headline = [f'period.{k}' for k, v in report['period'].items() if not isinstance(v, (dict, list)) and k != 'label']
    for section, _ in LISTS:
        headline += [f'{section}.{k}' for k, v in report[section].items() if not isinstance(v, (dict, list))]
    c.expect(keys == headline, f'{label} summary keys {keys} != {headline}')
    for row in summary:
        if row[3].value in headline:
            same(c, f'{label} summary', row[3].value, row[2], json_at(report, row[3].value))
            cells += 1

    formats = FORMATS_FR if lang == 'fr' else FORMATS_EN
    for index, (section, member) in enumerate(LISTS, start=1):
        sheet = book.worksheets[index]
        items = report[section][member]
        rows = list(sheet.iter_rows())
        header = [cell.value for cell in rows[0]] if rows else []
        c.expect(len(rows) == len(items) + 1, f'{label} {sheet.title}: {len(rows) - 1} rows, expected {len(items)}')
        c.expect(sheet.auto_filter.ref.endswith(str(len(items) + 1)), f'{label} {sheet.title}: {sheet.auto_filter.ref}')
        for (sheet_index, title), mark in formats.items():
            if sheet_index == index and items:
                c.expect(title in header, f'{label} {sheet.title}: no column {title!r} in {header}')
        for row, item in zip(rows[1:], items):
            expected = columns_of(item)
            c.expect(len(expected) == len(header), f'{label} {sheet.title}: {len(header)} columns, JSON {len(expected)}')
            padded = list(row) + [None] * (len(expected) - len(row))
            for cell, (key, value) in zip(padded, expected):
                if cell is None:
                    c.expect(value is None or value == '' or value == [], f'{label} {sheet.title} {key}: no cell for {value!r}')
                    continue
                same(c, f'{label} {sheet.title} row {cell.row}', key, cell, value)
                cells += 1
            for (sheet_index, title), mark in formats.items():
                if sheet_index == index and title in header:
                    cell = padded[header.index(title)]
                    if cell is not None and cell.value is not None:
                        c.expect(mark in cell.number_format, f'{label} {sheet.title} {title}: {cell.number_format!r}')
    return cells


def cases(golden):
    """(name, folder, report arguments) of each golden case."""
    folder = os.path.join(golden, 'cases')
    found = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.args'):
            continue
        base = name[:-len('.args')]
        with open(os.path.join(folder, name)) as f:
            args = shlex.split(f.read())
        with open(os.path.join(folder, base + '.data')) as f:
            data = os.path.join(golden, f.read().strip())
        found.append((base, data, args))
    return found


def workbook(binary, data, args, out, lang):
    run(binary, ['report', '--data', data] + args + ['--lang', lang, '--format', 'xlsx', '--out', out])
    return openpyxl.load_workbook(out)


def main():
    binary, golden = sys.argv[1], sys.argv[2]
    c = Checker()
    cells = 0
    with temp_dir() as tmp:
        demo = path_in(tmp, 'demo')
        run(binary, ['demo-data', demo, '--seed', '7'])
        every = cases(golden) + [('demo', demo, ['--period', '2026-H1', '--as-of', '2026-06-30'])]
        c.expect(len(every) >= 11, f'{len(every)} cases')
        for name, data, args in every:
            report = json.loads(run(binary, ['report', '--data', data] + args + ['--format', 'json']).stdout)
            for lang in ['fr', 'en'] if name in ('h1-closed', 'demo') else ['fr']:
                out = path_in(tmp, f'{name}-{lang}.xlsx')
                cells += check_workbook(c, workbook(binary, data, args, out, lang), report, lang, f'{name} {lang}')

        # The same bytes twice; nothing but the workbook left in its folder.
        folder = path_in(tmp, 'twice')
        os.mkdir(folder)
        data, args = every[0][1], every[0][2]
        first = path_in(folder, 'a.xlsx')
        second = path_in(folder, 'b.xlsx')
        for out in (first, second):
            run(binary, ['report', '--data', data] + args + ['--format', 'xlsx', '--out', out])
        with open(first, 'rb') as a, open(second, 'rb') as b:
            c.expect(a.read() == b.read(), 'two runs give different bytes')
        c.expect(sorted(os.listdir(folder)) == ['a.xlsx', 'b.xlsx'], f'left behind: {os.listdir(folder)}')

        # One section: the Summary's period and that section, and its sheet.
        out = path_in(tmp, 'margin.xlsx')
        run(binary, ['report', '--data', data] + args + ['--section', 'margin', '--format', 'xlsx', '--out', out,
                                                         '--lang', 'en'])
        c.expect(openpyxl.load_workbook(out).sheetnames == ['Summary', 'Missions'], '--section margin sheets')

        # A name longer than a cell holds (Excel: 32 767 characters) is cut there, not dropped.
        long_name = 'é' + 'x' * 40000
        folder = path_in(tmp, 'long-name')
        shutil.copytree(os.path.join(golden, 'agence-exemple'), folder)
        clients = os.path.join(folder, 'clients.csv')
        with open(clients, encoding='utf-8') as f:
            text = f.read()
        with open(clients, 'w', encoding='utf-8') as f:
            f.write(text.replace('Biscuits Lumière', long_name))
        out = path_in(tmp, 'long-name.xlsx')
        run(binary, ['report', '--data', folder, '--period', '2026-H1', '--as-of', '2026-06-30', '--section', 'revenue',
                     '--format', 'xlsx', '--out', out])
        names = [row[1] for row in openpyxl.load_workbook(out)['Clients'].iter_rows(min_row=2, values_only=True)]
        c.expect(long_name[:MAX_CELL_CHARS] in names, f'the long name: {[len(n or "") for n in names]} characters')

        # --out writes the other formats too, the same text as on standard output.
        out = path_in(tmp, 'report.json')
        run(binary, ['report', '--data', data] + args + ['--format', 'json', '--out', out])
        with open(out, 'rb') as f:
            c.expect(f.read() == run(binary, ['report', '--data', data] + args + ['--format', 'json']).stdout,
                     '--format json --out differs from standard output')

        # Refusals: no --out; a folder that does not exist. No file either way.
        done = run(binary, ['report', '--data', data] + args + ['--format', 'xlsx'], check=False)
        c.expect(done.returncode == 2 and b'--out' in done.stderr, f'no --out: exit {done.returncode} {done.stderr!r}')
        missing = path_in(tmp, 'missing/report.xlsx')
        done = run(binary, ['report', '--data', data] + args + ['--format', 'xlsx', '--out', missing], check=False)
        c.expect(done.returncode != 0 and not os.path.exists(os.path.dirname(missing)),
                 f'a missing folder: exit {done.returncode}')
    c.expect(cells > 5000, f'only {cells} cells compared')
    return c.finish(least=5000)


if __name__ == '__main__':
    sys.exit(main())
