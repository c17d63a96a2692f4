#!/usr/bin/env python3
"""Reads an exported CSV and XLSX with real readers (Python's csv module, openpyxl) and
prints both as JSON, so the API tests compare them cell by cell:
{"csv": [[cell, ...], ...], "xlsx": [[cell, ...], ...], "xlsx_types": [[type, ...], ...]}.
XLSX cells: numbers as numbers, text as text, empty as null; types are openpyxl's
data_type ("s" text, "n" number, "f" formula)."""
import csv
import json
import sys

import openpyxl


def main():
    csv_path, xlsx_path = sys.argv[1], sys.argv[2]
    with open(csv_path, newline="", encoding="utf-8-sig") as f:
        csv_rows = [row for row in csv.reader(f)]
    wb = openpyxl.load_workbook(xlsx_path)
    ws = wb.worksheets[0]
    rows, types = [], []
    for row in ws.iter_rows():
        rows.append([c.value for c in row])
        types.append([c.data_type for c in row])
    json.dump({"csv": csv_rows, "xlsx": rows, "xlsx_types": types, "sheets": wb.sheetnames},
              sys.stdout, ensure_ascii=False)


main()
