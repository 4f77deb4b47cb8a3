/**
 * Whole-column and whole-sheet input tables in the task pane (issue 13). Excel makes a table of
 * `A1:C1048576` when a user formats whole columns as a table, and a table may span the whole
 * sheet (`A1:XFD1048576`); only a few rows hold anything. The pane reads such a table by its
 * used rows: the same model as from the tight table, a few hundred cells loaded, every response
 * under 5 MB, and the syncs the facade's header documents (src/excel/workbook.ts).
 */
import { build, examplePlanTables, hasErrors, type BuildResult } from "../../src/core/engine";
import { type Rect } from "../../src/excel/a1";
import { MAX_COLS, MAX_ROWS } from "../../src/core/workbook/grid";
import type { TableData } from "../../src/core/workbook/types";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { BASE_SHEETS } from "../fixtures/sheets";
import { FakeContext, FakeExcel, type RangeRead } from "./fakeExcel";

afterEach(() => jest.restoreAllMocks());

/** The example's input tables, Kommuner alone on its own sheet at A1 (room for whole columns). */
function inputs(): TableData[] {
  return examplePlanTables().map((t) => (t.name === "Kommuner" ? { ...t, sheet: "Kommuneliste", top: 0, left: 0 } : t));
}

type Shape = "tight" | "whole columns" | "whole sheet";

/**
 * A workbook with the inputs, Kommuner's table over `shape`. A user who formats whole columns
 * formats cells far below the data too (a fill down to row 2 000): not values, so not used.
 * A cell of spaces under the data is a value, but a blank one to the model.
 */
async function workbook(shape: Shape) {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], inputs());
  const t = fake.model.tables.find((x) => x.name === "Kommuner")!;
  if (shape !== "tight") {
    t.rect.bottom = MAX_ROWS - 1;
    if (shape === "whole sheet") t.rect.right = MAX_COLS - 1;
    for (let r = t.rect.top + 1; r < 2000; r++) for (let c = 0; c < 3; c++) t.sheet.touch(r, c).fill = "#FFF2CC";
    t.sheet.touch(20, 1).value = "   ";
  }
  fake.resetStats();
  return { fake, wb, rect: t.rect };
}

/** Cells of `sheet` whose contents were loaded. */
const cellsRead = (reads: readonly RangeRead[], sheet: string) =>
  reads.filter((r) => r.sheet === sheet).reduce((n, { rect: r }: { rect: Rect }) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);

/** The pane's planner: build, and write only when the inputs have no errors. */
const planner = (tables: TableData[]): BuildResult => {
  const result = build(tables);
  return hasErrors(result) ? { ...result, plans: [] } : result;
};

describe.each<Shape>(["whole columns", "whole sheet"])("a Kommuner table over the %s", (shape) => {
  it("reads as the tight table, loading a few hundred cells of it, in 3 syncs", async () => {
    const tight = await workbook("tight");
    const wide = await workbook(shape);
    expect(wide.rect).toMatchObject({ bottom: 1048575, right: shape === "whole sheet" ? 16383 : 2 });
    const want = await tight.wb.readTables();
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const got = await wide.wb.readTables();
    expect(spy).toHaveBeenCalledTimes(3); // table names; dimensions (with the used range); bodies
    expect(got).toEqual(want);
    expect(got.find((t) => t.name === "Kommuner")).toMatchObject({ headers: ["Kommune", "Innbyggere", "Ressursandel"], rows: expect.any(Array) });
    expect(got.find((t) => t.name === "Kommuner")!.rows).toHaveLength(7);
    // Header and body down to the cell of spaces (row 21), three columns.
    expect(cellsRead(wide.fake.reads, "Kommuneliste")).toBe(21 * 3);
    expect(wide.fake.maxResponse).toBeLessThan(5_000_000);
    expect(wide.fake.maxRequest).toBeLessThan(5_000_000);
  });

  it("the pane's Build (update) gives the tight table's plans and workbook, in the documented 5 syncs", async () => {
    const tight = await workbook("tight");
    const wide = await workbook(shape);
    const want = await tight.wb.update(BASE_SHEETS, planner);
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const got = await wide.wb.update(BASE_SHEETS, planner);
    expect(spy).toHaveBeenCalledTimes(5); // state; dimensions; bodies; writes; the rebuild journal's removal
    expect(got).toEqual(want);
    expect(got.plans.map((p) => p.name)).toEqual([...BASE_SHEETS]);
    expect(cellsRead(wide.fake.reads, "Kommuneliste")).toBeLessThanOrEqual(300);
    expect(Math.max(...wide.fake.contexts[wide.fake.contexts.length - 1].responses)).toBeLessThan(5_000_000);
    expect(wide.fake.maxRequest).toBeLessThan(5_000_000);
    // The generated sheets are the same; only Kommuner's table ref (and the user's fill) differ.
    const sheets = (f: FakeExcel) => BASE_SHEETS.map((n) => [...f.model.sheet(n)!.cells.entries()].sort());
    expect(sheets(wide.fake)).toEqual(sheets(tight.fake));
  });

  it("the pane's Check (readAll) reads it the same, in the documented 3 syncs", async () => {
    const tight = await workbook("tight");
    const wide = await workbook(shape);
    await tight.wb.update(BASE_SHEETS, planner);
    await wide.wb.update(BASE_SHEETS, planner);
    wide.fake.resetStats();
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const got = await wide.wb.readAll(BASE_SHEETS);
    expect(spy).toHaveBeenCalledTimes(3); // state; dimensions; bodies
    expect(got).toEqual(await tight.wb.readAll(BASE_SHEETS));
    expect(cellsRead(wide.fake.reads, "Kommuneliste")).toBeLessThanOrEqual(300);
    expect(wide.fake.maxResponse).toBeLessThan(5_000_000);
  });
});

describe("input tables by their used rows", () => {
  it("trailing blank rows and columns without header or value are left out; blank rows between stay", async () => {
    const { fake, wb } = await workbook("tight");
    const t = fake.model.tables.find((x) => x.name === "Kommuner")!;
    // Two more columns (blank headers, blank cells), a blank row between and rows of blanks after.
    t.rect = { ...t.rect, bottom: t.rect.bottom + 5, right: t.rect.right + 2 };
    const sheet = t.sheet;
    for (let c = 0; c < 3; c++) sheet.touch(9, c).value = sheet.cell(7, c)!.value;
    for (let c = 0; c < 3; c++) sheet.touch(7, c).value = null; // row 8 blank: the user's
    sheet.touch(11, 1).value = " ";
    const [k] = (await wb.readTables()).filter((x) => x.name === "Kommuner");
    expect(k.headers).toEqual(["Kommune", "Innbyggere", "Ressursandel"]);
    expect(k.rows).toHaveLength(9);
    expect(k.rows[6]).toEqual([null, null, null]);
    expect(k.rows[8][0]).toBe("Nore og Uvdal");
  });

  it("a column with a value but no header is kept (the model reports it)", async () => {
    const { fake, wb } = await workbook("whole columns");
    const t = fake.model.tables.find((x) => x.name === "Kommuner")!;
    t.rect.right = 4;
    t.sheet.touch(3, 4).value = 12;
    const [k] = (await wb.readTables()).filter((x) => x.name === "Kommuner");
    expect(k.headers).toEqual(["Kommune", "Innbyggere", "Ressursandel", "", ""]);
    expect(k.rows[2]).toEqual([expect.any(String), expect.any(Number), expect.any(Number), null, 12]);
  });

  it("an empty whole-column table is its header", async () => {
    const { fake, wb } = await workbook("whole columns");
    const t = fake.model.tables.find((x) => x.name === "Kommuner")!;
    for (const [k, c] of t.sheet.cells) if (Number(k.split(",")[0]) > 0) c.value = null;
    const [k] = (await wb.readTables()).filter((x) => x.name === "Kommuner");
    expect(k).toMatchObject({ headers: ["Kommune", "Innbyggere", "Ressursandel"], rows: [] });
    expect(cellsRead(fake.reads, "Kommuneliste")).toBe(3);
  });
});

describe("the double's used range (Excel's semantics)", () => {
  it("counts formatted cells unless valuesOnly; a sheet without values is a null object", async () => {
    const fake = new FakeExcel();
    const s = fake.model.addSheet("Ark");
    s.touch(1, 1).value = 5;
    s.touch(9, 3).fill = "#FF0000";
    const empty = fake.model.addSheet("Tomt");
    empty.touch(4, 4).bold = true;
    const got = await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem("Ark");
      const all = ws.getUsedRangeOrNullObject().load("address");
      const values = ws.getUsedRangeOrNullObject(true).load("address");
      const none = ctx.workbook.worksheets.getItem("Tomt").getUsedRangeOrNullObject(true).load("address");
      await ctx.sync();
      return [all.address, values.address, none.isNullObject];
    });
    expect(got).toEqual(["Ark!B2:D10", "Ark!B2:B2", true]);
  });
});
