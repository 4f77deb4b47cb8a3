/**
 * Editing an input table in place through Office.js (src/excel/inputEdit.ts), against the Excel
 * double at the run's API level (both 1.9 and 1.7): the SSB populations' columns and source row,
 * and every refusal, which writes nothing.
 */
import { editInputTables } from "../../src/excel/inputEdit";
import { WriteError } from "../../src/excel/messages";
import { FakeExcel, type FakeModel } from "./fakeExcel";

const NAMES = ["Hjartdal", "Tinn", "Notodden"];

/** Kommuner at A1 (Kommune, Innbyggere, Ressursandel, Innbyggere 2009) and Parametere at A1 of its own sheet. */
function setup(edit?: (m: FakeModel) => void) {
  const fake = new FakeExcel();
  const m = fake.model;
  m.seedTable("Inndata", "Kommuner", 0, 0, ["Kommune", "Innbyggere", "Ressursandel", "Innbyggere 2009"], NAMES.map((n, i) => [n, 1000 + i, 0.3, 900 + i]), NAMES.map(() => [undefined, "#,##0", "0%", "#,##0"]));
  m.seedTable("Parametere", "Parametere", 0, 0, ["Parameter", "Verdi"], [["Andel likt fordelt", 0.5], ["Befolkningsdato", "1.1.2008"]]);
  edit?.(m);
  return { fake, m, sheet: (n: string) => m.sheet(n)! };
}

const value = (m: FakeModel, sheet: string, row: number, col: number) => m.sheet(sheet)!.cell(row, col)?.value ?? null;
const rectOf = (m: FakeModel, name: string) => m.tables.find((t) => t.name === name)!.rect;

const COLUMNS = [
  { table: "Kommuner", header: "Innbyggere 2009", values: [1619, 6066, null], styleFrom: "Innbyggere" },
  { table: "Kommuner", header: "Innbyggere 2010", values: [1610, 6010, 12000], styleFrom: "Innbyggere" },
];
const SOURCE = [{ table: "Parametere", row: null, values: { Parameter: "Kilde innbyggertall", Verdi: "Kilde: Statistisk sentralbyrå (SSB)" } }];

async function refused(p: Promise<void>): Promise<WriteError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(WriteError);
  return e as WriteError;
}

describe("editInputTables (Office.js)", () => {
  it("sets an existing column, appends a new one (with Innbyggere's number format) and adds the source row, in three syncs", async () => {
    const { fake, m } = setup();
    fake.resetStats();
    await editInputTables(fake.run, COLUMNS, SOURCE, { Kommuner: 3, Parametere: 2 });
    expect(fake.syncs).toBe(3);
    // Existing column: set where a value was given, left where null.
    expect([1, 2, 3].map((r) => value(m, "Inndata", r, 3))).toEqual([1619, 6066, 902]);
    // New column at the right edge, part of the table, formatted like Innbyggere.
    expect(rectOf(m, "Kommuner")).toEqual({ top: 0, left: 0, bottom: 3, right: 4 });
    expect([0, 1, 2, 3].map((r) => value(m, "Inndata", r, 4))).toEqual(["Innbyggere 2010", 1610, 6010, 12000]);
    expect(m.sheet("Inndata")!.cell(1, 4)?.numberFormat).toBe("#,##0");
    // The source row under Parametere, inside the table.
    expect(rectOf(m, "Parametere")).toEqual({ top: 0, left: 0, bottom: 3, right: 1 });
    expect([value(m, "Parametere", 3, 0), value(m, "Parametere", 3, 1)]).toEqual(["Kilde innbyggertall", "Kilde: Statistisk sentralbyrå (SSB)"]);
  });

  it("sets an existing source row in place (no row added) and writes text that looks like a formula as text", async () => {
    const { fake, m } = setup((mm) => mm.seedTable("Parametere2", "Ekstra", 0, 0, ["A"], [[1]]));
    await editInputTables(fake.run, [], [{ table: "Parametere", row: 1, values: { Verdi: "=1+1" } }]);
    expect(rectOf(m, "Parametere").bottom).toBe(2);
    expect(value(m, "Parametere", 2, 1)).toBe("=1+1");
    expect(m.sheet("Parametere")!.cell(2, 1)?.formula).toBeUndefined();
  });

  it("refuses, writing nothing: a formula in the column, a cell in the way, another table in the band, a totals row, a missing or changed table", async () => {
    const cases: [string, (m: FakeModel) => void, Parameters<typeof editInputTables>[1], Parameters<typeof editInputTables>[2], RegExp, Record<string, number>?][] = [
      ["formula", (m) => Object.assign(m.sheet("Inndata")!.touch(2, 3), { formula: "=1+1", value: 2 }), COLUMNS, SOURCE, /Cellen D3 i tabellen «Kommuner» har en formel/],
      ["cell right of Kommuner", (m) => (m.sheet("Inndata")!.touch(2, 4).value = "notat"), COLUMNS, SOURCE, /Inndata!E1:E4 er ikke tomt/],
      ["cell under Parametere", (m) => (m.sheet("Parametere")!.touch(3, 1).value = "x"), COLUMNS, SOURCE, /«Kilde innbyggertall»: Parametere!A4:B4/],
      ["a table further right", (m) => m.seedTable("Inndata", "Annen", 2, 7, ["X"], [[1], [2], [3]]), COLUMNS, SOURCE, /Inndata!E1:E4/],
      ["totals row", (m) => (m.tables.find((t) => t.name === "Parametere")!.showTotals = true), COLUMNS, SOURCE, /summeringsrad/],
      ["missing table", (m) => (m.tables = m.tables.filter((t) => t.name !== "Parametere")), COLUMNS, SOURCE, /Fant ikke tabellen/],
      ["changed table", () => undefined, COLUMNS, SOURCE, /endret siden den ble lest/, { Kommuner: 4 }],
    ];
    for (const [what, edit, cols, rows, message, expectRows] of cases) {
      const { fake, m } = setup(edit);
      const before = JSON.stringify(m.snapshot());
      const e = await refused(editInputTables(fake.run, cols, rows, expectRows));
      expect([what, e.texts["nb-NO"]]).toEqual([what, expect.stringMatching(message)]);
      expect(e.texts["en-US"]).toMatch(/nothing was written/);
      expect(JSON.stringify(m.snapshot())).toBe(before);
    }
  });

  it("the double inserts cells as Excel does: a new column moves what is right of the table in its rows, and refuses to move part of a table", async () => {
    const { fake, m } = setup((mm) => (mm.sheet("Inndata")!.touch(1, 9).value = "far"));
    await editInputTables(fake.run, [COLUMNS[1]], []);
    expect(value(m, "Inndata", 1, 10)).toBe("far");
    expect(value(m, "Inndata", 1, 9)).toBeNull();
    // A direct call that would cut through another table fails at the sync, as Excel does.
    const other = setup((mm) => mm.seedTable("Inndata", "Annen", 2, 6, ["X"], [[1], [2], [3]]));
    await expect(
      other.fake.run(async (ctx) => {
        ctx.workbook.tables.getItem("Kommuner").columns.add(null as unknown as number, [["Ny"], [1], [2], [3]]);
        await ctx.sync();
      }),
    ).rejects.toThrow(/shift cells in a table/);
  });

  it("rows.add with alwaysInsert is above both levels the adapter supports (ApiNotFound)", async () => {
    const { fake } = setup();
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.tables.getItem("Parametere").rows.add(null as unknown as number, [["a", "b"]], true);
        await ctx.sync();
      }),
    ).rejects.toThrow(/ApiNotFound|ExcelApi 1\.15/);
  });
});
