#!/usr/bin/env python3
"""The brand review's PDF read back (pdfinfo, pdftotext) against the review's
JSON: 4 to 8 pages, the headline figures as a French reader sees them, every
store id of the stores list, the period and the page number on every page
after the cover, no word of the agency's costs, and the same bytes twice.

usage: review_pdf_test.py AGENCYKPI GOLDEN_DIR"""
import re
import subprocess
import sys

from review_pack_check import (money, path_in, percent, plain_spaces, points, temp_dir, the_case, write_pack,
                               written_twice)

MIN_PAGES, MAX_PAGES = 4, 8


def pdf_pages(path):
    info = subprocess.run(['pdfinfo', path], stdout=subprocess.PIPE, check=True).stdout.decode()
    return int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))


def pdf_text(path):
    text = subprocess.run(['pdftotext', '-layout', path, '-'], stdout=subprocess.PIPE, check=True).stdout.decode()
    return plain_spaces(text)


def main():
    binary, folder, c, review = the_case(sys.argv)
    with temp_dir() as tmp:
        first = written_twice(c, binary, folder, 'pdf', tmp)
        c.expect(first.startswith(b'%PDF-'), 'not a PDF')
        pages = pdf_pages(path_in(tmp, 'a.pdf'))
        c.expect(MIN_PAGES <= pages <= MAX_PAGES, f'{pages} pages, expected {MIN_PAGES} to {MAX_PAGES}')
        text = pdf_text(path_in(tmp, 'a.pdf'))

        # The figures, and the same figures from the JSON.
        c.expect('6 790,25' in text, 'sell-out 6 790,25 missing')
        c.expect('85,7' in text, 'DN 85,7 missing')
        sales, shelf, impact = review['sales'], review['shelf'], review['impact']
        for label, expected in [
            ('sell-out', money(sales['sales'], 'fr')),
            ('previous sell-out', money(sales['sales_previous'], 'fr')),
            ('every store sell-out', money(sales['all_stores']['sales'], 'fr')),
            ('DN', percent(shelf['current']['dn'], 'fr')),
            ('previous DN', percent(shelf['previous']['dn'], 'fr')),
            ('DN change', points(shelf['dn_change'], 'fr')),
            ('panel DN change', points(shelf['panel']['dn_change'], 'fr')),
            ('DN lift', points(impact['dn_lift'], 'fr')),
            ('sales lift', points(sales['lift'], 'fr')),
            ('sales change', '+' + percent(sales['change_rate'], 'fr')),
        ]:
            c.expect(expected in text, f'{label} {expected!r} missing')
        stores = review['stores']
        c.expect(len(stores) == 8, f'{len(stores)} stores in the JSON, expected 8')
        for store in stores:
            c.expect(re.search(r'\b' + re.escape(store['store_id']) + r'\b', text) is not None,
                     f'store {store["store_id"]} missing')
            c.expect(money(store['sales'], 'fr') in text, f'sales of {store["store_id"]} missing')
        for item in review['objectives']['items']:
            c.expect(item['objective_id'] in text, f'objective {item["objective_id"]} missing')
        for contract in review['contracts']:
            c.expect(contract['contract_id'] in text, f'contract {contract["contract_id"]} missing')

        # Every page after the cover: the period and "Page n sur N".
        sheets = text.split('\f')
        sheets = [s for s in sheets if s.strip()]
        c.expect(len(sheets) == pages, f'{len(sheets)} pages of text, {pages} pages')
        for number, sheet in enumerate(sheets[1:], start=2):
            c.expect('du 01/01/2026 au 30/06/2026' in sheet, f'page {number} lacks the period')
            c.expect(f'Page {number} sur {pages}' in sheet, f'page {number} lacks its number')
        c.expect('Biscuits Lumière' in sheets[0] and '30/06/2026' in sheets[0], 'the cover lacks the brand or as-of')

        # The brand's figures only.
        lowered = text.lower()
        for word in ['marge', 'coût', 'cout', 'margin', 'cost']:
            c.expect(word not in lowered, f'the agency\'s {word!r} appears')

        # English.
        english = write_pack(binary, folder, 'pdf', path_in(tmp, 'en.pdf'), lang='en')
        c.expect(english != first, 'the English pack equals the French one')
        en_text = pdf_text(path_in(tmp, 'en.pdf'))
        for expected in ['€6,790.25', '85.7%', 'Page 2 of', 'Brand review']:
            c.expect(expected in en_text, f'English {expected!r} missing')
    return c.finish(least=40)


if __name__ == '__main__':
    sys.exit(main())
