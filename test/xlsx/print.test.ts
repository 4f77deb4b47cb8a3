/** The ExcelJS adapter's print setup, header formats and input-table presentation, after a save and reload. */
import ExcelJS from "exceljs";
import { printLayoutTests } from "./printLayout";
import { build, examplePlanTables } from "../../src/core/engine";
import { XlsxWorkbook } from "../../src/xlsx/workbook";

async function roundTrip(): Promise<{ wb: ExcelJS.Workbook; port: XlsxWorkbook }> {
  const port = new XlsxWorkbook();
  const tables = examplePlanTables();
  await port.write(build(tables).plans, tables);
  const buf = await port.workbook.xlsx.writeBuffer();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as ArrayBuffer);
  return { wb, port: new XlsxWorkbook(wb) };
}

describe("XlsxWorkbook: print setup and layout survive a save", () => {
  let wb: ExcelJS.Workbook;
  let port: XlsxWorkbook;
  beforeAll(async () => ({ wb, port } = await roundTrip()));

  printLayoutTests(() => wb);

  it("writes the example's titles, formats and header fill; reads the tables back with the date as a Date", async () => {
    const s = wb.getWorksheet("Inndata")!;
    expect(s.getCell("A1").value).toBe("Kommuner (innbyggere 1.1.2008 og ressursandel)");
    expect(s.getCell("A1").font?.bold).toBe(true);
    expect(s.getCell("A2").fill).toMatchObject({ fgColor: { argb: "FFDDEBF7" } });
    expect(s.getCell("A2").font).toMatchObject({ bold: true, color: { argb: "FF000000" } });
    expect([s.getCell("B3").numFmt, s.getCell("C3").numFmt]).toEqual(["#,##0", "0%"]);
    expect([s.getCell("A2").alignment?.horizontal, s.getCell("B2").alignment?.horizontal]).toEqual([undefined, "right"]);
    const tables = await port.readTables();
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

  it("keeps a user's text where a title would go", async () => {
    const p = new XlsxWorkbook();
    p.workbook.addWorksheet("Inndata").getCell("A1").value = "Mine notater";
    await p.write([], examplePlanTables());
    const s = p.workbook.getWorksheet("Inndata")!;
    expect(s.getCell("A1").value).toBe("Mine notater");
    expect(s.getCell("A11").value).toBe("Kostnader per år (kr; beløpene per post er illustrative)");
  });
});

describe("XlsxWorkbook: input-table widths without columnWidths", () => {
  it("fits the longest text, numbers with room for separators, 10 to 40 characters (as the Office.js adapter)", async () => {
    const port = new XlsxWorkbook();
    // The same table and widths as test/excel/print.test.ts.
    await port.write([], [{ name: "Bredder", sheet: "Ark", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Merknad", "Kort"], rows: [["Nore og Uvdal", 1234567, "x".repeat(60), "a"]] }]);
    const ws = port.workbook.getWorksheet("Ark")!;
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([15, 12, 40, 10]);
  });
});
