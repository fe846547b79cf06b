#!/usr/bin/env python3
"""make_workbook.py PRODUCER AGENCY_FOLDER OUT.xlsx

Writes an agency folder's CSV files as one workbook, a sheet per table, the
way a user's spreadsheet holds them: numbers as number cells, dates as date
cells, the rest as text. PRODUCER is the program that writes the XLSX:

  libreoffice  LibreOffice Calc (soffice --headless --convert-to xlsx) from a
               flat OpenDocument file; sheets named in French (Factures…),
               dates in the DD/MM/YYYY format of a French user
  openpyxl     python3-openpyxl; sheets named after the tables (invoices…),
               real date cells in its default date format

A value that is no valid number or date stays text, so the reader sees the
same mistakes the CSV holds.
"""
import csv
import datetime
import decimal
import os
import re
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

# The columns of SPEC §1.2 by kind; every other column is text.
NUMBER_COLUMNS = {"amount", "hours", "hourly_cost", "target", "value", "fee", "weekly_hours",
                  "complexity", "present", "facings"}
DATE_COLUMNS = {"date", "start_date", "end_date", "signed_on", "valid_from"}
FRENCH_SHEETS = {
    "clients": "Clients", "contracts": "Contrats", "missions": "Missions", "employees": "Employés",
    "cost_rates": "Taux horaires", "stores": "Magasins", "time_entries": "Temps", "expenses": "Frais",
    "invoices": "Factures", "visits": "Visites", "objectives": "Objectifs", "results": "Résultats",
    "store_audits": "Relevés", "store_sales": "Ventes magasins",
}
NUMBER = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]?\d{3})*(?:[.,]\d+)?$|^-?\d+(?:[.,]\d+)?$")


def read_table(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    header = text.split("\n", 1)[0]
    separator = ";" if ";" in header else ","
    rows = list(csv.reader(text.splitlines(), delimiter=separator))
    return separator, [row for row in rows if any(cell.strip() for cell in row)]


def typed(column, value, separator):
    """(kind, value): ('number', Decimal), ('date', date) or ('text', str)."""
    column = column.strip().lower()
    stripped = value.strip(" \t\u00a0\u202f")
    if column in NUMBER_COLUMNS and NUMBER.match(stripped):
        if "," in stripped and separator != ";":
            return "text", value
        plain = re.sub(r"[ \u00a0\u202f]", "", stripped).replace(",", ".")
        return "number", decimal.Decimal(plain)
    if column in DATE_COLUMNS:
        for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
            try:
                return "date", datetime.datetime.strptime(stripped, pattern).date()
            except ValueError:
                pass
    return "text", value


def tables(folder):
    for name in sorted(os.listdir(folder)):
        if name.lower().endswith(".csv"):
            table = name[:-4].lower()
            separator, rows = read_table(os.path.join(folder, name))
            yield table, separator, rows


def write_openpyxl(folder, out):
    import openpyxl
    book = openpyxl.Workbook()
    book.remove(book.active)
    for table, separator, rows in tables(folder):
        sheet = book.create_sheet(table)
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            cells = []
            for i, value in enumerate(row):
                kind, typed_value = typed(header[i] if i < len(header) else "", value, separator)
                if kind == "number":
                    typed_value = int(typed_value) if typed_value == typed_value.to_integral() else float(typed_value)
                cells.append(None if value == "" else typed_value)
            sheet.append(cells)
    book.save(out)


FODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:automatic-styles>
 <number:date-style style:name="N1"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
 <style:style style:name="date" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N1"/>
</office:automatic-styles>
<office:body><office:spreadsheet>
"""
FODS_TAIL = "</office:spreadsheet></office:body></office:document>\n"


def fods_cell(kind, value):
    if kind == "number":
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if kind == "date":
        return (f'<table:table-cell table:style-name="date" office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value.strftime("%d/%m/%Y")}</text:p></table:table-cell>')
    if value == "":
        return "<table:table-cell/>"
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def write_libreoffice(folder, out):
    with tempfile.TemporaryDirectory() as work:
        stem = os.path.splitext(os.path.basename(out))[0]
        fods = os.path.join(work, stem + ".fods")
        with open(fods, "w", encoding="utf-8") as f:
            f.write(FODS_HEAD)
            for table, separator, rows in tables(folder):
                f.write(f'<table:table table:name="{escape(FRENCH_SHEETS.get(table, table))}">\n')
                header = rows[0]
                for number, row in enumerate(rows):
                    cells = []
                    for i, value in enumerate(row):
                        kind, typed_value = ("text", value) if number == 0 else typed(
                            header[i] if i < len(header) else "", value, separator)
                        cells.append(fods_cell(kind, typed_value))
                    f.write("<table:table-row>" + "".join(cells) + "</table:table-row>\n")
                f.write("</table:table>\n")
            f.write(FODS_TAIL)
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                        "xlsx:Calc MS Excel 2007 XML", "--outdir", work, fods],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
        os.replace(os.path.join(work, stem + ".xlsx"), out)


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("libreoffice", "openpyxl"):
        sys.exit(__doc__)
    producer, folder, out = sys.argv[1:]
    (write_libreoffice if producer == "libreoffice" else write_openpyxl)(folder, out)


if __name__ == "__main__":
    main()
