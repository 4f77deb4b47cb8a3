#!/usr/bin/python3
"""
Writes test/corpus/libreoffice.xlsx with LibreOffice Calc itself, driven over UNO: a headless
soffice with its own throw-away profile listens on a pipe, this script builds the workbook
through the API and stores it with the "Calc MS Excel 2007 XML" filter, so every part in the
file is LibreOffice's own output (its table parts have no tableStyleInfo).

Contents: the four input tables on Inndata (named database ranges with headers, which
LibreOffice exports as Excel tables), a list validation on Kostnader[Art], a comment on
Kommuner's header, conditional formatting on Innbyggere, a chart of the populations, and a
second sheet Analyse with formulas referring to the input tables and a pivot table (DataPilot)
of Kostnader by Art, with its cache.

Usage: /usr/bin/python3 libreoffice.py TABLES.json OUT.xlsx   (needs python3-uno)
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.awt import Rectangle
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress, CellRangeAddress


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(pipe, soffice):
    ctx = uno.getComponentContext()
    resolver = ctx.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", ctx)
    for _ in range(120):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:
            if soffice.poll() is not None:
                raise RuntimeError("soffice exited early")
            time.sleep(0.5)
    raise RuntimeError("could not connect to soffice")


def serial(iso):
    # Spreadsheet serial date (1899-12-30 epoch, as both Excel and Calc use in files).
    d = datetime.date.fromisoformat(iso)
    return (d - datetime.date(1899, 12, 30)).days


def main(tables_json, out):
    tables = json.load(open(tables_json, encoding="utf-8"))
    profile = tempfile.mkdtemp(prefix="kbr-lo-profile-")
    pipe = "kbr_corpus_" + str(os.getpid())
    soffice = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--norestore", "--nologo",
        f"-env:UserInstallation=file://{profile}",
        f"--accept=pipe,name={pipe};urp;",
    ])
    try:
        ctx = connect(pipe, soffice)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (prop("Hidden", True),))
        build(doc, tables)
        url = uno.systemPathToFileUrl(os.path.abspath(out))
        doc.storeToURL(url, (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:
            pass  # the bridge drops when soffice exits
    finally:
        try:
            soffice.wait(timeout=30)
        except subprocess.TimeoutExpired:
            soffice.kill()
        shutil.rmtree(profile, ignore_errors=True)


def build(doc, tables):
    sheets = doc.Sheets
    inndata = sheets.getByIndex(0)
    sheets.getByIndex(0).Name = "Inndata"
    sheets.insertNewByName("Analyse", 1)
    analyse = sheets.getByName("Analyse")
    formats = doc.NumberFormats
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    locale.Language, locale.Country = "en", "US"

    def fmt(code):
        key = formats.queryKey(code, locale, False)
        return key if key != -1 else formats.addNew(code, locale)

    ranges = {}
    for t in tables:
        top, left = t["top"], t["left"]
        inndata.getCellByPosition(left, top - 1).setString(t["name"])  # a title above each table
        for j, h in enumerate(t["headers"]):
            inndata.getCellByPosition(left + j, top).setString(h)
        for i, row in enumerate(t["rows"]):
            for j, v in enumerate(row):
                cell = inndata.getCellByPosition(left + j, top + 1 + i)
                if isinstance(v, dict):
                    cell.setValue(serial(v["date"]))
                    cell.NumberFormat = fmt("YYYY-MM-DD")
                elif isinstance(v, bool) or v is None:
                    raise ValueError(f"unexpected cell {v!r}")
                elif isinstance(v, (int, float)):
                    cell.setValue(v)
                else:
                    cell.setString(v)
        addr = CellRangeAddress(0, left, top, left + len(t["headers"]) - 1, top + len(t["rows"]))
        ranges[t["name"]] = addr
        # A named database range with a header row is what Calc exports as an Excel table.
        doc.DatabaseRanges.addNewByName(t["name"], addr)
        doc.DatabaseRanges.getByName(t["name"]).ContainsHeader = True

    kommuner, kostnader = ranges["Kommuner"], ranges["Kostnader"]

    # Percent format on Ressursandel, thousands on amounts: the user's formatting.
    inndata.getCellRangeByPosition(2, kommuner.StartRow + 1, 2, kommuner.EndRow).NumberFormat = fmt("0%")

    # Data validation: Kostnader[Art] is a list.
    art = inndata.getCellRangeByPosition(1, kostnader.StartRow + 1, 1, kostnader.EndRow)
    v = art.Validation
    v.Type = uno.Enum("com.sun.star.sheet.ValidationType", "LIST")
    v.setFormula1('"Ekstern";"Egeninnsats"')
    v.ShowErrorMessage = True
    v.ErrorMessage = "Art er Ekstern eller Egeninnsats"
    art.Validation = v

    # A comment on Kommuner's first header cell.
    inndata.Annotations.insertNew(CellAddress(0, kommuner.StartColumn, kommuner.StartRow), "Innbyggere per 1.1.2008 (SSB)")

    # Conditional formatting: big municipalities stand out.
    pops = inndata.getCellRangeByPosition(1, kommuner.StartRow + 1, 1, kommuner.EndRow)
    cf = pops.ConditionalFormat
    cf.addNew((
        prop("Operator", uno.Enum("com.sun.star.sheet.ConditionOperator", "GREATER")),
        prop("Formula1", "10000"),
        prop("StyleName", "Accent"),
    ))
    pops.ConditionalFormat = cf

    # A chart of the populations, on the input sheet.
    chart_range = CellRangeAddress(0, kommuner.StartColumn, kommuner.StartRow, kommuner.StartColumn + 1, kommuner.EndRow)
    inndata.Charts.addNewByName("Innbyggere", Rectangle(12000, 500, 12000, 7000), (chart_range,), True, True)

    # The user's own analysis sheet: formulas on the input tables.
    rows = [
        ("Sum innbyggere", "=SUM(Inndata.B3:B9)"),
        ("Største kommune", "=INDEX(Inndata.A3:A9;MATCH(MAX(Inndata.B3:B9);Inndata.B3:B9;0))"),
        ("Eksterne kostnader 2009", '=SUMIF(Inndata.B13:B18;"Ekstern";Inndata.C13:C18)'),
        ("Innbyggere (tabell)", "=SUM(Kommuner[Innbyggere])"),
    ]
    for i, (label, formula) in enumerate(rows):
        analyse.getCellByPosition(0, i).setString(label)
        analyse.getCellByPosition(1, i).FormulaLocal = formula

    # A pivot table (DataPilot) of Kostnader: Art down, sum of 2009.
    pilots = analyse.DataPilotTables
    desc = pilots.createDataPilotDescriptor()
    desc.SourceRange = kostnader
    fields = desc.DataFields
    fields.getByName("Art").Orientation = uno.Enum("com.sun.star.sheet.DataPilotFieldOrientation", "ROW")
    year = fields.getByName("2009")
    year.Orientation = uno.Enum("com.sun.star.sheet.DataPilotFieldOrientation", "DATA")
    year.Function = uno.Enum("com.sun.star.sheet.GeneralFunction", "SUM")
    pilots.insertNewByName("Kostnader etter art", CellAddress(1, 0, 5), desc)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
