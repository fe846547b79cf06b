#!/usr/bin/env python3
"""The brand review's XLSX read back with openpyxl (Debian's python3-openpyxl)
against the review's JSON: numbers as numbers (6790.25, ratios with a
percent format, money with a euro format), one sheet per list with its rows
in order, frozen header rows and autofilters, French sheet names and labels
(English with --lang en), and the same bytes twice.

usage: review_xlsx_test.py AGENCYKPI GOLDEN_DIR"""
import sys

import openpyxl

from review_pack_check import path_in, temp_dir, the_case, write_pack, written_twice

FRENCH_SHEETS = ['Synthèse', 'Magasins', 'Enseignes', 'Mois', 'Actions', 'Objectifs', 'Contrats']
ENGLISH_SHEETS = ['Summary', 'Stores', 'Chains', 'Months', 'Actions', 'Objectives', 'Contracts']
RATIO_TOLERANCE = 1e-12  # a ratio written with 15 significant digits


def summary_values(sheet):
    """The Summary sheet's figures by label: (value, number format)."""
    values = {}
    for label, value in sheet.iter_rows(min_row=4, max_col=2):
        if label.value is not None:
            values[label.value] = (value.value, value.number_format)
    return values


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def main():
    binary, folder, c, review = the_case(sys.argv)
    with temp_dir() as tmp:
        first = written_twice(c, binary, folder, 'xlsx', tmp)
        book = openpyxl.load_workbook(path_in(tmp, 'a.xlsx'))
        c.expect(book.sheetnames == FRENCH_SHEETS, f'sheets {book.sheetnames}')

        summary = summary_values(book['Synthèse'])
        sales = summary.get('Ventes des magasins suivis', (None, ''))
        c.expect(sales[0] == 6790.25 and is_number(sales[0]), f'sell-out {sales[0]!r}, expected the number 6790.25')
        c.expect('€' in sales[1], f'sell-out format {sales[1]!r}')
        for label, expected in [('DN', review['shelf']['current']['dn']),
                                ('Évolution de la DN', review['shelf']['dn_change']),
                                ('Écart de DN travaillés − témoins', review['impact']['dn_lift']),
                                ('Évolution des ventes', review['sales']['change_rate'])]:
            value, number_format = summary.get(label, (None, ''))
            c.expect(is_number(value) and abs(value - expected) < RATIO_TOLERANCE, f'{label}: {value!r} != {expected}')
            c.expect('%' in number_format, f'{label}: format {number_format!r} is not a percent')
        c.expect(summary.get('Visites', (None,))[0] == review['actions']['visits'], 'visits')
        c.expect(summary.get('Magasins suivis', (None,))[0] == review['sales']['tracked_stores'], 'tracked stores')

        lists = {
            'Magasins': [s['store_id'] for s in review['stores']],
            'Enseignes': [None] * len(review['by_chain']),
            'Mois': [m['month'] for m in review['dn_by_month']],
            'Actions': [None] * len(review['actions']['by_action']),
            'Objectifs': [o['objective_id'] for o in review['objectives']['items']],
            'Contrats': [k['contract_id'] for k in review['contracts']],
        }
        c.expect(len(lists['Magasins']) == 8 and len(lists['Mois']) == 6, 'the case has 8 stores and 6 months')
        for name, keys in lists.items():
            sheet = book[name]
            rows = list(sheet.iter_rows(min_row=2, values_only=True))
            c.expect(len(rows) == len(keys), f'{name}: {len(rows)} rows, expected {len(keys)}')
            c.expect(sheet.freeze_panes == 'A2', f'{name}: frozen at {sheet.freeze_panes}')
            c.expect(sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith('A1:')
                     and sheet.auto_filter.ref.endswith(str(len(keys) + 1)), f'{name}: autofilter {sheet.auto_filter.ref}')
            if keys and keys[0] is not None:
                c.expect([row[0] for row in rows] == keys, f'{name}: first column {[row[0] for row in rows]}')

        stores = book['Magasins']
        header = [cell.value for cell in stores[1]]
        sales_column = header.index('Ventes')
        for row, store in zip(stores.iter_rows(min_row=2), review['stores']):
            cell = row[sales_column]
            c.expect(is_number(cell.value) and cell.value == store['sales'], f'{store["store_id"]}: sales {cell.value!r}')
            c.expect('€' in cell.number_format, f'{store["store_id"]}: sales format {cell.number_format!r}')
        chain = book['Enseignes']['D2']
        c.expect(is_number(chain.value) and '%' in chain.number_format, f'chain DN {chain.value!r} {chain.number_format}')

        english = openpyxl.load_workbook(path_in(tmp, 'en.xlsx')) if write_pack(
            binary, folder, 'xlsx', path_in(tmp, 'en.xlsx'), lang='en') else None
        c.expect(english is not None and english.sheetnames == ENGLISH_SHEETS, 'English sheet names')
        english_sales = summary_values(english['Summary']).get('Sales, tracked stores', (None,))[0]
        c.expect(english_sales == 6790.25, f'English sell-out {english_sales!r}')
    return c.finish(least=40)


if __name__ == '__main__':
    sys.exit(main())
