/** The Office.js adapter's print setup and header formats, on the engine's 2009 plans. */
import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { KB, contributionColumns } from "../../src/core/plans/contributions";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { FakeContext, FakeExcel } from "./fakeExcel";

/** The example inserted and built in an Excel with pageLayout (ExcelApi 1.9) or without (1.7). */
async function built(usePageLayout: boolean) {
  const fake = new FakeExcel(undefined, usePageLayout ? "1.9" : "1.7");
  const wb = new OfficeWorkbook(fake.run);
  const spy = jest.spyOn(FakeContext.prototype, "sync");
  await wb.write([], examplePlanTables());
  const insertSyncs = spy.mock.calls.length;
  const result = build(await wb.readTables());
  spy.mockClear();
  await wb.write(result.plans);
  const buildSyncs = spy.mock.calls.length;
  spy.mockRestore();
  return { fake, wb, model: fake.model, result, insertSyncs, buildSyncs };
}

describe("OfficeWorkbook: print setup (ExcelApi 1.9)", () => {
  it("sets orientation, fit to one page wide, print titles and footer on every generated sheet, with no extra sync", async () => {
    const { model, insertSyncs, buildSyncs } = await built(true);
    expect(insertSyncs).toBeLessThanOrEqual(3);
    expect(buildSyncs).toBe(3); // state, writes, the rebuild journal's removal (src/excel/swap.ts)
    const kb = model.sheet("Kommunebidrag")!;
    expect(kb.page).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1 },
      centerHorizontally: true,
      margins: { unit: "Inches", options: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } },
      titleRows: `$${KB.group + 1}:$${KB.header + 1}`,
      footer: { left: "&A", right: "Side &P av &N" },
    });
    expect(model.sheet("Budsjett")!.page).toMatchObject({ orientation: "Portrait", zoom: { horizontalFitToPages: 1 }, titleRows: "$5:$5" });
    expect(model.sheet("Finansieringsplan")!.page).toMatchObject({ orientation: "Portrait", titleRows: "$4:$4" });
    // The input sheet, created by the insert, prints portrait one page wide too.
    expect(model.sheet("Inndata")!.page).toMatchObject({ orientation: "Portrait", zoom: { horizontalFitToPages: 1 } });
  });

  it("leaves the page setup alone without ExcelApi 1.9, and writes the same cells", async () => {
    const a = await built(true);
    const b = await built(false);
    for (const n of BASE_SHEETS) {
      expect(b.model.sheet(n)!.page).toBeUndefined();
      expect([...b.model.sheet(n)!.cells]).toEqual([...a.model.sheet(n)!.cells]);
    }
    expect(b.buildSyncs).toBe(3);
  });

  it("centres each year across its columns, wraps the heads and gives their row its height", async () => {
    const { model } = await built(false);
    const kb = model.sheet("Kommunebidrag")!;
    const C = contributionColumns(3);
    expect(kb.cell(KB.group, C.equal(0))).toMatchObject({ value: "2009", align: "CenterAcrossSelection", bold: true });
    expect(kb.cell(KB.group, C.total(0))).toMatchObject({ value: null, align: "CenterAcrossSelection" });
    expect(kb.cell(KB.header, C.popPart(0))).toMatchObject({ value: "Etter innbyggertall", wrap: true, align: "Right" });
    expect(kb.heights.get(KB.header)).toBe(30);
    expect(kb.frozenRows).toBe(KB.body);
  });
});

describe("OfficeWorkbook: input tables as the example presents them", () => {
  it("writes titles, number formats per column and per cell, header fill and widths; dates read back as Dates", async () => {
    const { model, wb } = await built(false);
    const s = model.sheet("Inndata")!;
    expect(s.cell(0, 0)).toMatchObject({ value: "Kommuner (innbyggere 1.1.2008 og ressursandel)", bold: true, fontSize: 12 });
    expect(s.cell(1, 0)).toMatchObject({ value: "Kommune", bold: true, fill: "#DDEBF7", fontColor: "#000000" });
    expect(s.cell(2, 1)).toMatchObject({ value: 1619, numberFormat: "#,##0" });
    expect([s.cell(1, 0)?.align, s.cell(1, 1)?.align]).toEqual([undefined, "Right"]); // numeric heads over their numbers
    expect(s.cell(2, 2)).toMatchObject({ value: 0.1, numberFormat: "0%" });
    expect(s.cell(1, 1)?.numberFormat).toBeUndefined(); // the header keeps General
    const par = model.tables.find((t) => t.name === "Parametere")!;
    const r = par.rect.top + 1;
    expect(s.cell(r, 1)?.numberFormat).toBe("0%"); // Andel likt fordelt
    expect(s.cell(r + 1, 1)?.numberFormat).toBe("dd.mm.yyyy"); // Befolkningsdato
    expect(s.cell(r + 2, 1)?.numberFormat).toBeUndefined(); // Prosjektnavn: text
    expect(s.cell(r + 3, 1)).toMatchObject({ wrap: true, verticalAlign: "Top" });
    expect(s.cell(r + 3, 0)?.verticalAlign).toBe("Top");
    expect(model.tables.map((t) => t.style)).toEqual(["TableStyleMedium2", "TableStyleMedium2", "TableStyleMedium2", "TableStyleMedium2"]);
    expect(s.widths.get(1)).toBeCloseTo((30 * 7 + 5) * 0.75);
    const read = (await wb.readTables()).find((t) => t.name === "Parametere")!;
    expect(read.rows[1][1]).toEqual(new Date(Date.UTC(2008, 0, 1)));
    expect(read.rows[0][1]).toBe(0.5);
  });

  it("skips a title whose cell is taken on an existing sheet, and still writes the table", async () => {
    const fake = new FakeExcel(undefined, "1.9");
    fake.model.addSheet("Inndata").touch(0, 0).value = "Mine notater";
    const wb = new OfficeWorkbook(fake.run);
    await wb.write([], examplePlanTables());
    const s = fake.model.sheet("Inndata")!;
    expect(s.cell(0, 0)?.value).toBe("Mine notater");
    expect(s.cell(10, 0)?.value).toBe("Kostnader per år (kr; beløpene per post er illustrative)");
    expect(s.page).toBeUndefined(); // a user's sheet keeps its own print setup
    expect(fake.model.tables).toHaveLength(4);
  });
});

describe("OfficeWorkbook: input-table widths without columnWidths", () => {
  it("fits the longest text, numbers with room for separators, 10 to 40 characters (as the ExcelJS adapter)", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run, { usePageLayout: false });
    // Kommune: "Nore og Uvdal" 13 + 2 = 15; Innbyggere: head 10 + 2 = 12 beats 1234567 (7 + 3);
    // Merknad: 60 characters, capped at 40; Kort: 10 at least.
    await wb.write([], [{ name: "Bredder", sheet: "Ark", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Merknad", "Kort"], rows: [["Nore og Uvdal", 1234567, "x".repeat(60), "a"]] }]);
    const widths = fake.model.sheet("Ark")!.widths;
    expect([0, 1, 2, 3].map((c) => widths.get(c))).toEqual([15, 12, 40, 10].map((chars) => (chars * 7 + 5) * 0.75));
  });
});
