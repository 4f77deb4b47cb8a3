import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { markerName } from "../../src/core/workbook/marker";
import { fromFileFormula, loadWorkbook, saveWorkbook, toFileFormula, XlsxWorkbook } from "../../src/xlsx/workbook";
import { LocalizedError } from "../../src/xlsx/messages";
import { snapshotSheets, userWorkbook } from "./helpers";

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

async function roundTrip(book: XlsxWorkbook): Promise<XlsxWorkbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await book.workbook.xlsx.writeBuffer()) as ArrayBuffer);
  return new XlsxWorkbook(wb);
}

describe("XlsxWorkbook", () => {
  test("writes input tables and a plan that read back the same after a save", async () => {
    const book = new XlsxWorkbook();
    await book.write([plan], [kommuner, parametere]);
    const back = await roundTrip(book);

    const tables = await back.readTables();
    expect(tables.map((t) => t.name).sort()).toEqual(["Kommuner", "Parametere"]);
    expect(tables.find((t) => t.name === "Kommuner")).toEqual(kommuner);
    expect(tables.find((t) => t.name === "Parametere")).toEqual(parametere);

    const [sheet] = await back.readSheets(["Kommunebidrag", "Finnes ikke"]);
    expect(sheet.name).toBe("Kommunebidrag");
    expect(sheet.rows[1][1]).toEqual({ value: 3843, formula: "=ROUND(SUM(Kommuner[Innbyggere])/2,0)" });
    expect(sheet.rows[2][3]).toEqual({ value: "ja", formula: '=IFS(B3>0,"ja",TRUE,"nei")' });
    expect(sheet.rows[2][2]).toEqual({ value: null });

    const ws = back.workbook.getWorksheet("Kommunebidrag")!;
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

    expect(await back.sheetStatus(["Kommunebidrag", "Inndata", "Budsjett"])).toEqual({
      Kommunebidrag: "generated",
      Inndata: "user",
      Budsjett: "absent",
    });
    expect(back.workbook.definedNames.model).toContainEqual({ name: markerName("Kommunebidrag"), ranges: ["Kommunebidrag!$A$1"] });
  });

  test("reads a table saved by Excel (no headerRowCount attribute) with its header", async () => {
    const book = new XlsxWorkbook();
    await book.write([], [kommuner]);
    const zip = await JSZip.loadAsync((await book.workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const name = Object.keys(zip.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!;
    const xml = await zip.file(name)!.async("string");
    expect(xml).toContain('headerRowCount="1"');
    zip.file(name, xml.replace(' headerRowCount="1"', ""));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
    const [t] = await new XlsxWorkbook(wb).readTables();
    expect(t.headers).toEqual(kommuner.headers);
    expect(t.rows).toEqual(kommuner.rows);
    // Written back, the table keeps its header row.
    const again = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(await again.file(name)!.async("string")).toContain('headerRowCount="1"');
  });

  test("a table with a damaged range is named in both languages, exit code 2", async () => {
    const book = new XlsxWorkbook();
    await book.write([], [kommuner]);
    const zip = await JSZip.loadAsync((await book.workbook.xlsx.writeBuffer()) as ArrayBuffer);
    const name = Object.keys(zip.files).find((f) => /^xl\/tables\/table\d+\.xml$/.test(f))!;
    const xml = await zip.file(name)!.async("string");
    zip.file(name, xml.replace(/ ref="[^"]*"/, ' ref="??"'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await zip.generateAsync({ type: "arraybuffer" }));
    const err = await new XlsxWorkbook(wb).readTables().then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(LocalizedError);
    const e = err as LocalizedError;
    expect(e.exitCode).toBe(2);
    expect(e.texts["nb-NO"]).toContain("Tabellen «Kommuner» har et ugyldig område");
    expect(e.texts["en-US"]).toContain('The table "Kommuner" has an invalid range');
  });

  test("refuses a user's sheet under a generated name and writes nothing", async () => {
    const wb = await userWorkbook();
    const book = new XlsxWorkbook(wb);
    wb.addWorksheet("kommunebidrag").getCell("A1").value = "mitt eget ark";
    const before = await snapshotSheets(wb);
    const err = await book.write([plan], [kommuner]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalizedError);
    expect((err as LocalizedError).texts["nb-NO"]).toContain("«kommunebidrag»");
    expect((err as LocalizedError).texts["en-US"]).toContain('"kommunebidrag"');
    expect(await snapshotSheets(wb)).toEqual(before);
    expect((await book.readTables()).map((t) => t.name)).not.toContain("Kommuner");
  });

  test("refuses an input table whose name exists and writes nothing", async () => {
    const book = new XlsxWorkbook();
    await book.write([], [kommuner]);
    const err = await book.write([plan], [{ ...kommuner, name: "KOMMUNER", sheet: "Annet" }]).catch((e: unknown) => e);
    expect((err as LocalizedError).texts["en-US"]).toContain("KOMMUNER");
    expect(book.workbook.getWorksheet("Kommunebidrag")).toBeUndefined();
    expect(book.workbook.getWorksheet("Annet")).toBeUndefined();
  });

  test("refuses an input table named like a defined name (Excel's one namespace) and writes nothing", async () => {
    const wb = await userWorkbook();
    const book = new XlsxWorkbook(wb);
    wb.definedNames.add("'Mine tall'!$A$1", "kommuner");
    const before = await snapshotSheets(wb);
    const err = await book.write([plan], [kommuner]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalizedError);
    expect((err as LocalizedError).texts["nb-NO"]).toContain("definert navn «Kommuner»");
    expect((err as LocalizedError).texts["en-US"]).toContain('defined name "Kommuner"');
    expect(await snapshotSheets(wb)).toEqual(before);
    expect(book.workbook.getWorksheet("Kommunebidrag")).toBeUndefined();
    expect(book.workbook.getWorksheet("Inndata")).toBeUndefined();
  });

  test("a rebuild replaces only the marked sheet, at its place, and leaves user sheets cell for cell", async () => {
    const wb = await userWorkbook();
    const book = new XlsxWorkbook(wb);
    await book.write([plan], []);
    wb.addWorksheet("Etter").getCell("A1").value = "etter";
    const first = await roundTrip(book);
    const before = await snapshotSheets(first.workbook, ["Kommunebidrag"]);
    const order = first.workbook.worksheets.map((w) => w.name);

    const changed: SheetPlan = { ...plan, cells: plan.cells.map((c) => (c.row === 1 && c.col === 1 ? { ...c, expected: 1 } : c)) };
    await first.write([changed], []);
    const second = await roundTrip(first);

    expect(second.workbook.worksheets.map((w) => w.name)).toEqual(order);
    expect(await snapshotSheets(second.workbook, ["Kommunebidrag"])).toEqual(before);
    const [sheet] = await second.readSheets(["Kommunebidrag"]);
    expect(sheet.rows[1][1].value).toBe(1);
    expect(second.workbook.definedNames.model.filter((d) => d.name === markerName("Kommunebidrag"))).toEqual([
      { name: markerName("Kommunebidrag"), ranges: ["Kommunebidrag!$A$1"] },
    ]);
    // The user's merge, number format and shared formula came through.
    const ws = second.workbook.getWorksheet("Mine tall")!;
    expect(ws.getCell("A1").isMerged).toBe(true);
    expect(ws.getCell("B2").numFmt).toBe("0.0%");
    expect(ws.getCell("C4").formula).toBe("B4*2");
  });

  test("a renamed generated sheet is no longer ours; a sheet with only the name is a user's", async () => {
    const book = new XlsxWorkbook();
    await book.write([plan], []);
    book.workbook.getWorksheet("Kommunebidrag")!.name = "Kopi";
    book.workbook.addWorksheet("Budsjett");
    expect(await book.sheetStatus(["Kommunebidrag", "Budsjett"])).toEqual({ Kommunebidrag: "absent", Budsjett: "user" });
  });
});

describe("formulas in the file", () => {
  test("post-2007 functions get the _xlfn prefix, except inside strings, and lose it on read", () => {
    expect(toFileFormula('=XLOOKUP(A1,B:B,C:C)&"SEQUENCE(1)"&sequence(2)')).toBe('_xlfn.XLOOKUP(A1,B:B,C:C)&"SEQUENCE(1)"&_xlfn.SEQUENCE(2)');
    expect(toFileFormula("=SUM(A1:A3)+MYSORT(1)")).toBe("SUM(A1:A3)+MYSORT(1)");
    expect(fromFileFormula("_xlfn.XLOOKUP(A1,B:B,C:C)")).toBe("=XLOOKUP(A1,B:B,C:C)");
  });
});

describe("files", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-xlsx-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("a file that is not a workbook gives a readable error with exit code 2", async () => {
    const f = path.join(dir, "tekst.xlsx");
    fs.writeFileSync(f, "dette er ikke en arbeidsbok");
    const err = (await loadWorkbook(f).catch((e: unknown) => e)) as LocalizedError;
    expect(err).toBeInstanceOf(LocalizedError);
    expect(err.exitCode).toBe(2);
    expect(err.texts["nb-NO"]).toContain(f);
    const missing = (await loadWorkbook(path.join(dir, "nei.xlsx")).catch((e: unknown) => e)) as LocalizedError;
    expect(missing.exitCode).toBe(2);
    expect(missing.texts["en-US"]).toContain("nei.xlsx");
  });

  test("save goes through a temporary file; a failed save leaves nothing behind", async () => {
    const book = new XlsxWorkbook();
    await book.write([plan], [kommuner]);
    const f = path.join(dir, "ut.xlsx");
    await saveWorkbook(book, f);
    expect(fs.readdirSync(dir)).toEqual(["ut.xlsx"]);
    expect((await (await loadWorkbook(f)).readTables()).length).toBe(1);

    const bad = path.join(dir, "mappe-finnes-ikke", "ut.xlsx");
    await expect(saveWorkbook(book, bad)).rejects.toBeInstanceOf(LocalizedError);
    expect(fs.existsSync(bad)).toBe(false);
    expect(fs.readdirSync(dir)).toEqual(["ut.xlsx"]);
  });
});
