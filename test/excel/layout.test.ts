import { OfficeMockObject } from "office-addin-mock";
// The shared stub of office-addin-manifest is empty; the mock compares its host with OfficeApp.Outlook.
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", Outlook: "outlook" } }));
import { colIndex, colLetters as colLetter } from "../../src/core/a1";
import { splitSheet } from "../../src/core/a1";
import { cellsToRects, chunkAddresses, parseRect, rectA1 } from "../../src/excel/a1";
import { dateToSerial, serialToDate } from "../../src/core/workbook/dates";
import { charsToPoints, fromOffice, layoutSheet, needsQuote, sheetRefPattern } from "../../src/excel/layout";
import { isDateFormat } from "../../src/core/workbook/dates";
import { checkRequirements, EXCEL_API_SETS } from "../../src/excel/requirements";
import { packBatches } from "../../src/excel/writeSteps";

describe("A1 helpers", () => {
  it("converts columns both ways", () => {
    for (const [i, s] of [[0, "A"], [25, "Z"], [26, "AA"], [701, "ZZ"], [702, "AAA"], [16383, "XFD"]] as const) {
      expect(colLetter(i)).toBe(s);
      expect(colIndex(s)).toBe(i);
    }
  });
  it("parses addresses with sheets, absolute marks and whole columns", () => {
    expect(parseRect("'Ark ''1'''!$B$3:$D$9")).toEqual({ top: 2, left: 1, bottom: 8, right: 3 });
    expect(parseRect("C:E")).toMatchObject({ top: 0, left: 2, right: 4, bottom: 1048575 });
    expect(parseRect("#REF!")).toBeNull();
    expect(splitSheet("='Ark ''1'''!$A$1")).toEqual({ sheet: "Ark '1'", range: "$A$1" });
  });
  it("covers banded cell sets with few rectangles", () => {
    const cells = [0, 1, 2, 3].flatMap((col) => [{ row: 0, col }, { row: 10, col }]).concat([1, 2, 3, 4].map((row) => ({ row, col: 2 })));
    expect(cellsToRects(cells).map(rectA1)).toEqual(["A1:D1", "C2:C5", "A11:D11"]);
  });
  it("chunks address lists under the limit without splitting an address", () => {
    const addrs = Array.from({ length: 500 }, (_, i) => `A${i + 1}:C${i + 1}`);
    const chunks = chunkAddresses(addrs, 300);
    expect(chunks.every((c) => c.length <= 300)).toBe(true);
    expect(chunks.join(", ").split(", ")).toEqual(addrs);
  });
});

describe("values", () => {
  it("converts date serials in the 1900 system", () => {
    expect(serialToDate(39448).toISOString()).toBe("2008-01-01T00:00:00.000Z");
    expect(serialToDate(1).toISOString()).toBe("1900-01-01T00:00:00.000Z");
    expect(serialToDate(61).toISOString()).toBe("1900-03-01T00:00:00.000Z");
    // A number no date can be (Excel shows ####) stays a number, not an Invalid Date.
    expect(fromOffice(1e12, "Double", "dd.mm.yyyy")).toBe(1e12);
    for (const s of [1, 59, 61, 39448, 45000.5]) expect(dateToSerial(serialToDate(s))).toBeCloseTo(s, 9);
  });
  it("recognises date formats, not number formats", () => {
    for (const f of ["yyyy-mm-dd", "dd.mm.yyyy", "[$-414]d. mmmm yyyy", "h:mm", "[h]:mm:ss"]) expect(isDateFormat(f)).toBe(true);
    for (const f of ["General", "#,##0", "0%", '#,##0 "kr"', "[Red]0.00", "0.00E+00", "@"]) expect(isDateFormat(f)).toBe(false);
  });
  it("reads Office values: blanks, errors (by valueTypes), dates", () => {
    expect(fromOffice("", "Empty")).toBeNull();
    expect(fromOffice("#N/A", "Error")).toEqual({ error: "#N/A" });
    expect(fromOffice("#N/A", "String")).toBe("#N/A");
    expect(fromOffice("#DIV/0!")).toEqual({ error: "#DIV/0!" });
    expect(fromOffice(39448, "Double", "yyyy-mm-dd")).toEqual(new Date(Date.UTC(2008, 0, 1)));
    expect(fromOffice(39448, "Double", "#,##0")).toBe(39448);
  });
  it("quotes texts Excel would convert, and only those", () => {
    for (const s of ["2009", "-5", "=A1", "TRUE", "Jan 2009", "#N/A", " x"]) expect(needsQuote(s)).toBe(true);
    for (const s of ["Kommune", "Sum", "Nore og Uvdal", "Egeninnsats fra kommunene"]) expect(needsQuote(s)).toBe(false);
  });
  it("converts character widths to points at 7 px per character plus 5 px padding", () => {
    expect(charsToPoints(8.43)).toBeCloseTo(48, 1);
    expect(charsToPoints(10)).toBe(56.25);
    expect(charsToPoints(0)).toBe(0);
  });
});

describe("layout", () => {
  it("makes one block per sheet below the limit and splits rows above it", () => {
    const cells = Array.from({ length: 100 }, (_, row) => ({ row, col: 0, formula: `=SUM(Kostnader[2009])+${row}`, numberFormat: "#,##0" }));
    const plan = { name: "Budsjett", cells, columnWidths: [], freezeRows: 0 };
    expect(layoutSheet(plan, null, 1e9).blocks).toHaveLength(1);
    const split = layoutSheet(plan, null, 1000).blocks;
    expect(split.length).toBeGreaterThan(2);
    expect(split.every((b) => b.bytes <= 1000)).toBe(true);
    expect(split.flatMap((b) => b.formulas.map((r) => r[0]))).toEqual(cells.map((c) => c.formula));
  });
  it("defers formulas that name a generated sheet", () => {
    const re = sheetRefPattern(["Budsjett", "Kommunebidrag"]);
    expect(re!.test("=Budsjett!C8-1")).toBe(true);
    expect(re!.test("='Kommunebidrag'!A1")).toBe(true);
    expect(re!.test("=MinBudsjett!A1")).toBe(false);
    expect(re!.test("=SUM(Kostnader[2009])")).toBe(false);
    const lay = layoutSheet({ name: "F", cells: [{ row: 0, col: 0, value: "x" }, { row: 1, col: 1, formula: "=Budsjett!A1", numberFormat: "0" }], columnWidths: [], freezeRows: 0 }, re, 1e9);
    expect(lay.blocks[0].formulas).toEqual([["x", null], [null, null]]);
    expect(lay.blocks[0].numberFormats).toEqual([[null, null], [null, "0"]]);
    expect(lay.deferred.map((b) => [rectA1(b.rect), b.formulas])).toEqual([["B2", [["=Budsjett!A1"]]]]);
  });
  it("packs steps into batches under the limit, in order", () => {
    const order: number[] = [];
    const steps = [5, 5, 5, 20, 1].map((bytes, i) => ({ bytes, apply: () => order.push(i) }));
    const batches = packBatches(steps, 10);
    expect(batches.map((b) => b.map((s) => s.bytes))).toEqual([[5, 5], [5], [20], [1]]);
    batches.flat().forEach((s) => s.apply());
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("checkRequirements (office-addin-mock for Office.context.requirements)", () => {
  const g = globalThis as unknown as { Office?: unknown };
  afterEach(() => delete g.Office);
  const officeWith = (max: number) =>
    new OfficeMockObject({ context: { requirements: { isSetSupported: (name: string, v: string) => name === "ExcelApi" && Number(v.split(".")[1]) <= max } } });

  it("accepts an Excel with ExcelApi 1.9 or later", () => {
    g.Office = officeWith(17);
    expect(checkRequirements()).toMatchObject({ ok: true, missing: [], missingOptional: [] });
  });
  it("accepts ExcelApi 1.7 with getRanges missing as optional", () => {
    g.Office = officeWith(7);
    expect(checkRequirements()).toMatchObject({ ok: true, missing: [], missingOptional: ["ExcelApi 1.9"] });
    // The highest required set is what the manifest's <Requirements> declares.
    expect(EXCEL_API_SETS.filter((s) => !s.optional).map((s) => s.version).sort().pop()).toBe("1.7");
  });
  it("refuses Excel 2016 (ExcelApi 1.2) with a message in both languages", () => {
    g.Office = officeWith(2);
    const r = checkRequirements();
    expect(r.ok).toBe(false);
    expect(r.missing).toEqual(["ExcelApi 1.4", "ExcelApi 1.6", "ExcelApi 1.7"]);
    expect(r.message["nb-NO"]).toContain("for gammel");
    expect(r.message["en-US"]).toContain("ExcelApi 1.7");
  });
  it("outside Office nothing is supported", () => {
    expect(checkRequirements().ok).toBe(false);
  });
});
