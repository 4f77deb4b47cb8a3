/**
 * The package writer's new workbook (`kbr build` without --input): input tables as Excel tables,
 * then the generated sheets, read back by our reader and by ExcelJS (an independent one); and the
 * example against the workbook the earlier (ExcelJS) writer built, committed as a fixture.
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { build, examplePlanTables } from "../../src/core/engine";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { markerName } from "../../src/core/workbook/marker";
import { fromFileFormula, toFileFormula } from "../../src/xlsx/fileFormula";
import { openWorkbookBytes } from "../../src/xlsx/read/open";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { cellValue } from "./helpers";

/** The example as the ExcelJS writer of commit 6d7ac49 built it (`kbr build`). */
const EARLIER = path.join(__dirname, "..", "fixtures", "example-6d7ac49.xlsx");

const kommuner: TableData = {
  name: "Kommuner",
  sheet: "Inndata",
  top: 1,
  left: 1,
  headers: ["Kommune", "Innbyggere", "Ressursandel"],
  rows: [
    ["Hjartdal", 1619, 0.1],
    ["Tinn", 6066, 0.15],
    ["Notodden", null, { error: "#N/A" }],
  ],
};
const parametere: TableData = {
  name: "Parametere",
  sheet: "Inndata",
  top: 7,
  left: 1,
  headers: ["Parameter", "Verdi"],
  rows: [
    ["Befolkningsdato", new Date(Date.UTC(2008, 0, 1))],
    ["Aktiv", true],
  ],
};

const plan: SheetPlan = {
  name: "Kommunebidrag",
  columnWidths: [18, 12, 0, 9],
  freezeRows: 1,
  hiddenColumns: [2],
  cells: [
    { row: 0, col: 0, value: "Kommune", bold: true, fill: "#DDEBF7" },
    { row: 0, col: 1, value: "Bidrag", bold: true, align: "right" },
    { row: 1, col: 0, value: "Hjartdal" },
    { row: 1, col: 1, formula: "=ROUND(SUM(Kommuner[Innbyggere])/2,0)", expected: 3843, numberFormat: "#,##0" },
    { row: 2, col: 0, value: "Sum", italic: true, borderTop: true },
    { row: 2, col: 1, formula: "=B2*2", expected: 7686, numberFormat: "#,##0", borderTop: true },
    { row: 2, col: 3, formula: '=IFS(B3>0,"ja",TRUE,"nei")', expected: "ja" },
  ],
};

async function built(tables: readonly TableData[], plans: readonly SheetPlan[]): Promise<Uint8Array> {
  const book = await PackageWorkbook.create(tables);
  await book.write(plans);
  return book.toBytes();
}

async function exceljs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe("a new workbook from the package writer", () => {
  test("input tables and a plan read back the same, by our reader and by ExcelJS", async () => {
    const bytes = await built([kommuner, parametere], [plan]);
    const { pkg, info } = await openWorkbookBytes(bytes, "ny.xlsx");
    const back = new PackageWorkbook(pkg, info);

    const tables = await back.readTables();
    expect(tables.map((t) => t.name).sort()).toEqual(["Kommuner", "Parametere"]);
    const k = tables.find((t) => t.name === "Kommuner")!;
    expect([k.sheet, k.top, k.left, k.headers, k.rows]).toEqual([kommuner.sheet, kommuner.top, kommuner.left, kommuner.headers, kommuner.rows]);
    expect(tables.find((t) => t.name === "Parametere")!.rows).toEqual(parametere.rows);

    const [sheet] = await back.readSheets(["Kommunebidrag", "Finnes ikke"]);
    expect(sheet.rows[1][1]).toEqual({ value: 3843, formula: "=ROUND(SUM(Kommuner[Innbyggere])/2,0)" });
    expect(sheet.rows[2][3]).toEqual({ value: "ja", formula: '=IFS(B3>0,"ja",TRUE,"nei")' });
    expect(await back.sheetStatus(["Kommunebidrag", "Inndata", "Budsjett"])).toEqual({ Kommunebidrag: "generated", Inndata: "user", Budsjett: "absent" });

    const wb = await exceljs(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Inndata", "Kommunebidrag"]);
    const input = wb.getWorksheet("Inndata")!;
    const t = input.getTable("Kommuner") as unknown as { table: { tableRef: string; headerRow: boolean; columns: { name: string }[]; style: { theme: string } } };
    expect(t.table.tableRef).toBe("B2:D5");
    expect(t.table.columns.map((c) => c.name)).toEqual(kommuner.headers);
    expect(t.table.style.theme).toBe("TableStyleMedium2");
    expect(cellValue(input.getCell("D5"))).toEqual({ error: "#N/A" });
    expect(cellValue(input.getCell("C9"))).toEqual(new Date(Date.UTC(2008, 0, 1)));
    expect(input.getCell("C9").numFmt).toBe("dd.mm.yyyy");
    expect(cellValue(input.getCell("C10"))).toBe(true);

    const ws = wb.getWorksheet("Kommunebidrag")!;
    expect(ws.getCell("B2").numFmt).toBe("#,##0");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.getCell("A3").font?.italic).toBe(true);
    expect(ws.getCell("A1").fill).toMatchObject({ type: "pattern", fgColor: { argb: "FFDDEBF7" } });
    expect(ws.getCell("B3").border?.top?.style).toBe("thin");
    expect(ws.getCell("B1").alignment?.horizontal).toBe("right");
    expect(ws.getColumn(1).width).toBe(18);
    expect(ws.getColumn(3).hidden).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    // The formula is stored with the prefix Excel needs for post-2007 functions.
    expect(ws.getCell("D3").formula).toBe('_xlfn.IFS(B3>0,"ja",TRUE,"nei")');
    expect(wb.definedNames.model).toContainEqual({ name: markerName("Kommunebidrag"), ranges: ["Kommunebidrag!$A$1"] });
  });

  test("the package is complete: every part has a content type, every relationship a target", async () => {
    const zip = await JSZip.loadAsync(await built(examplePlanTables(), build(examplePlanTables()).plans));
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const files = Object.keys(zip.files).filter((f) => !zip.files[f].dir);
    for (const f of files) {
      if (f === "[Content_Types].xml" || f.endsWith(".rels")) continue;
      expect({ f, typed: types.includes(`PartName="/${f}"`) }).toEqual({ f, typed: true });
    }
    for (const rels of files.filter((f) => f.endsWith(".rels"))) {
      const folder = path.posix.dirname(path.posix.dirname(rels));
      for (const m of (await zip.file(rels)!.async("string")).matchAll(/Target="([^"]+)"/g)) {
        const target = path.posix.normalize(path.posix.join(folder === "." ? "" : folder, m[1]));
        expect({ rels, target, there: files.includes(target) }).toEqual({ rels, target, there: true });
      }
    }
  });
});

/** Every cell of every sheet as ExcelJS reads it: value, formula, number format and look. */
async function cellsOf(wb: ExcelJS.Workbook): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const ws of wb.worksheets) {
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const f = c.font ?? {};
        // A solid fill's background colour does not show: compare the pattern and its colour.
        const fill = c.fill?.type === "pattern" ? [c.fill.pattern, c.fill.pattern === "solid" ? c.fill.fgColor?.argb : ""].join(" ") : "";
        const look = [c.numFmt ?? "", f.bold ? "b" : "", f.italic ? "i" : "", f.size ?? "", fill, c.border?.top?.style ?? "", c.alignment?.horizontal ?? "", c.alignment?.vertical ?? "", c.alignment?.wrapText ? "wrap" : ""];
        const formula = c.type === ExcelJS.ValueType.Formula ? c.formula : "";
        cells.push(`${c.address}|${JSON.stringify(cellValue(c))}|${formula}|${look.join(",")}`);
      }),
    );
    out[ws.name] = cells;
  }
  return out;
}

describe("the example, against the workbook the earlier writer built", () => {
  let before: ExcelJS.Workbook;
  let now: ExcelJS.Workbook;
  beforeAll(async () => {
    before = await exceljs(fs.readFileSync(EARLIER));
    now = await exceljs(await built(examplePlanTables(), build(examplePlanTables()).plans));
  });

  test("the same sheets in the same order, cell for cell (values, formulas, formats, look)", async () => {
    expect(now.worksheets.map((w) => w.name)).toEqual(before.worksheets.map((w) => w.name));
    expect(await cellsOf(now)).toEqual(await cellsOf(before));
  });

  test("the same columns, row heights, frozen rows, print setup, tables and names", () => {
    for (const a of before.worksheets) {
      const b = now.getWorksheet(a.name)!;
      const cols = (ws: ExcelJS.Worksheet) => Array.from({ length: 30 }, (_, i) => `${ws.getColumn(i + 1).width ?? ""}${ws.getColumn(i + 1).hidden ? "h" : ""}`);
      expect({ sheet: a.name, cols: cols(b) }).toEqual({ sheet: a.name, cols: cols(a) });
      const heights = (ws: ExcelJS.Worksheet) => Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1).height ?? null);
      expect({ sheet: a.name, heights: heights(b) }).toEqual({ sheet: a.name, heights: heights(a) });
      const page = (ws: ExcelJS.Worksheet) => {
        const p = ws.pageSetup;
        return [p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.paperSize, JSON.stringify(p.margins), p.printTitlesRow ?? "", ws.headerFooter?.oddFooter ?? ""];
      };
      expect({ sheet: a.name, page: page(b) }).toEqual({ sheet: a.name, page: page(a) });
      const frozen = (ws: ExcelJS.Worksheet) => (ws.views ?? []).filter((v) => v.state === "frozen").map((v) => (v as { ySplit?: number }).ySplit);
      expect({ sheet: a.name, frozen: frozen(b) }).toEqual({ sheet: a.name, frozen: frozen(a) });
      const tables = (ws: ExcelJS.Worksheet) =>
        ws.getTables().map((x) => {
          const t = (x as unknown as { table: { name: string; tableRef: string; style: { theme: string; showRowStripes: boolean } } }).table;
          return [t.name, t.tableRef, t.style.theme, t.style.showRowStripes];
        });
      expect({ sheet: a.name, tables: tables(b) }).toEqual({ sheet: a.name, tables: tables(a) });
    }
    const names = (wb: ExcelJS.Workbook) => wb.definedNames.model.map((d) => `${d.name}=${d.ranges.join(",")}`).sort();
    expect(names(now)).toEqual(names(before));
  });
});

describe("formulas in the file", () => {
  test("post-2007 functions get the _xlfn prefix, except inside strings, and lose it on read", () => {
    expect(toFileFormula('=XLOOKUP(A1,B:B,C:C)&"SEQUENCE(1)"&sequence(2)')).toBe('_xlfn.XLOOKUP(A1,B:B,C:C)&"SEQUENCE(1)"&_xlfn.SEQUENCE(2)');
    expect(toFileFormula("=SUM(A1:A3)+MYSORT(1)")).toBe("SUM(A1:A3)+MYSORT(1)");
    expect(fromFileFormula("_xlfn.XLOOKUP(A1,B:B,C:C)")).toBe("=XLOOKUP(A1,B:B,C:C)");
  });
});
