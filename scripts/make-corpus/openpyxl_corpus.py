#!/usr/bin/env python3
"""
Writes test/corpus/openpyxl.xlsx with openpyxl (pip install openpyxl; CI does not have it, so
the output is committed). openpyxl writes absolute part names in its relationships
(`/xl/worksheets/sheet1.xml`), its own table parts, validation and defined names.

Contents: the four input tables on Inndata (TableStyleMedium9, one with striped columns), a
list validation on Kostnader[Art] and a whole-number validation on Innbyggere, a workbook
defined name and a sheet-scoped one, a comment, conditional formatting (a colour scale), a
frozen pane, and a sheet Notater with a formula that uses a structured reference.

Usage: python3 openpyxl_corpus.py TABLES.json OUT.xlsx
"""
import datetime
import json
import sys

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo


def ref(top, left, rows, cols):
    # top/left are 0-based (TableData), Excel refs 1-based.
    return f"{get_column_letter(left + 1)}{top + 1}:{get_column_letter(left + cols)}{top + 1 + rows}"


def main(tables_json, out):
    tables = json.load(open(tables_json, encoding="utf-8"))
    wb = Workbook()
    ws = wb.active
    ws.title = "Inndata"
    at = {}
    for k, t in enumerate(tables):
        top, left = t["top"], t["left"]
        ws.cell(row=top, column=left + 1, value=t["name"])  # title above the header row
        for j, h in enumerate(t["headers"]):
            ws.cell(row=top + 1, column=left + 1 + j, value=h)
        for i, row in enumerate(t["rows"]):
            for j, v in enumerate(row):
                c = ws.cell(row=top + 2 + i, column=left + 1 + j)
                if isinstance(v, dict):
                    c.value = datetime.datetime.fromisoformat(v["date"])
                    c.number_format = "yyyy-mm-dd"
                else:
                    c.value = v
        r = ref(top, left, len(t["rows"]), len(t["headers"]))
        at[t["name"]] = (top, left, len(t["rows"]))
        table = Table(displayName=t["name"], ref=r)
        table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium9", showRowStripes=True, showColumnStripes=(k == 1))
        ws.add_table(table)

    top, left, n = at["Kostnader"]
    art = DataValidation(type="list", formula1='"Ekstern,Egeninnsats"', allow_blank=False, showErrorMessage=True,
                         errorTitle="Art", error="Ekstern eller Egeninnsats")
    art.add(f"B{top + 2}:B{top + 1 + n}")
    ws.add_data_validation(art)
    top, left, n = at["Kommuner"]
    pop = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", showErrorMessage=True)
    pop.add(f"B{top + 2}:B{top + 1 + n}")
    ws.add_data_validation(pop)
    ws.conditional_formatting.add(f"C{top + 2}:C{top + 1 + n}",
                                  ColorScaleRule(start_type="min", start_color="FFF8696B", end_type="max", end_color="FF63BE7B"))
    ws[f"A{top + 1}"].comment = Comment("Innbyggere per 1.1.2008", "Økonomisjef")
    ws.freeze_panes = f"A{top + 2}"

    wb.defined_names["Innbyggertall"] = DefinedName("Innbyggertall", attr_text=f"Inndata!$B${top + 2}:$B${top + 1 + n}")
    ws.defined_names["Lokal_kommune"] = DefinedName("Lokal_kommune", attr_text=f"Inndata!$A${top + 2}")

    notes = wb.create_sheet("Notater")
    notes["A1"] = "Sum innbyggere"
    notes["B1"] = "=SUM(Kommuner[Innbyggere])"
    notes["A2"] = "Via navn"
    notes["B2"] = "=SUM(Innbyggertall)"
    notes["A3"] = "Skrevet av openpyxl"
    wb.properties.creator = "openpyxl-korpus"
    wb.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
