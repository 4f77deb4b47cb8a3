/**
 * The package writer's print setup, formats and input-table presentation, read back by ExcelJS
 * (an independent reader).
 */
import ExcelJS from "exceljs";
import { printLayoutTests } from "./printLayout";
import { build, examplePlanTables } from "../../src/core/engine";
import type { SheetPlan } from "../../src/core/workbook/types";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { sheetXmlBytes } from "../../src/xlsx/write/sheetXml";

async function built(): Promise<{ wb: ExcelJS.Workbook; book: PackageWorkbook }> {
  const tables = examplePlanTables();
  const book = await PackageWorkbook.create(tables);
  await book.write(build(tables).plans);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await book.toBytes()) as unknown as ArrayBuffer);
  return { wb, book };
}

describe("PackageWorkbook: print setup and layout", () => {
  let wb: ExcelJS.Workbook;
  let book: PackageWorkbook;
  beforeAll(async () => ({ wb, book } = await built()));

  printLayoutTests(() => wb);

  it("reads back its own tables and generated sheets: a check of the build finds no error", async () => {
    const { check } = await import("../../src/core/engine");
    const snap = await book.readAll(["Budsjett", "Finansieringsplan", "Kommunebidrag"]);
    expect(snap.status).toEqual({ Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" });
    expect(check(snap.tables, snap.sheets, snap.status).findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  it("writes the example's titles, formats and header fill; reads the tables back with the date as a Date", async () => {
    const s = wb.getWorksheet("Inndata")!;
    expect(s.getCell("A1").value).toBe("Kommuner (innbyggere 1.1.2008 og ressursandel)");
    expect(s.getCell("A1").font?.bold).toBe(true);
    expect(s.getCell("A2").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect(s.getCell("A2").font).toMatchObject({ bold: true, color: { argb: "FF000000" } });
    expect([s.getCell("B3").numFmt, s.getCell("C3").numFmt]).toEqual(["#,##0", "0%"]);
    expect([s.getCell("A2").alignment?.horizontal, s.getCell("B2").alignment?.horizontal]).toEqual([undefined, "right"]);
    const tables = await book.readTables();
    const par = tables.find((t) => t.name === "Parametere")!;
    const row = (k: number) => s.getRow(par.top + 2 + k);
    expect(row(0).getCell(2).numFmt).toBe("0%");
    expect(row(1).getCell(2).numFmt).toBe("dd.mm.yyyy");
    expect(row(3).getCell(2).alignment).toMatchObject({ wrapText: true, vertical: "top" });
    expect(row(3).height).toBeGreaterThan(15);
    expect(par.rows[1][1]).toEqual(new Date(Date.UTC(2008, 0, 1)));
    expect(par.rows[0][1]).toBe(0.5);
    expect(tables.find((t) => t.name === "Kommuner")!.rows[0]).toEqual(["Hjartdal", 1619, 0.1]);
    // Titles are not part of the tables: the build from the read tables is the same.
    expect(build(tables).findings).toEqual([]);
  });
});

describe("PackageWorkbook: input-table widths without columnWidths", () => {
  it("fits the longest text, numbers with room for separators, 10 to 40 characters (as the Office.js adapter)", async () => {
    // The same table and widths as test/excel/print.test.ts.
    const book = await PackageWorkbook.create([{ name: "Bredder", sheet: "Ark", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Merknad", "Kort"], rows: [["Nore og Uvdal", 1234567, "x".repeat(60), "a"]] }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await book.toBytes()) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Ark")!;
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([15, 12, 40, 10]);
  });
});

describe("sheetXml", () => {
  const plan: SheetPlan = {
    name: "X",
    columnWidths: [10],
    freezeRows: 0,
    rowHeights: [{ row: 5, points: 30 }],
    cells: [
      { row: 2, col: 1, value: " to  mellomrom " },
      { row: 0, col: 0, value: "a<b & \u0001" },
      { row: 2, col: 0, formula: '=IFS(A1="x",1,TRUE,2)', expected: 2 },
      { row: 2, col: 0, formula: "=1+1", expected: 2 },
      { row: 3, col: 2, value: true },
      { row: 3, col: 3, formula: "=A1", expected: "tekst" },
    ],
  };
  const xml = Buffer.from(sheetXmlBytes(plan, () => 0)).toString("utf8");

  it("writes rows in order, the last cell at an address, inline strings escaped, a height-only row", () => {
    expect(xml.indexOf('<row r="1">')).toBeLessThan(xml.indexOf('<row r="3">'));
    expect(xml).toContain('<c r="A1" t="inlineStr"><is><t>a&lt;b &amp; _x0001_</t></is></c>');
    expect(xml).toContain('<c r="B3" t="inlineStr"><is><t xml:space="preserve"> to  mellomrom </t></is></c>');
    expect(xml).toContain('<c r="A3"><f>1+1</f><v>2</v></c>');
    expect(xml).not.toContain("IFS");
    expect(xml).toContain('<c r="C4" t="b"><v>1</v></c>');
    expect(xml).toContain('<c r="D4" t="str"><f>A1</f><v>tekst</v></c>');
    expect(xml).toContain('<row r="6" ht="30" customHeight="1"></row>');
    expect(xml).toContain('<dimension ref="A1:D4"/>');
  });
});
