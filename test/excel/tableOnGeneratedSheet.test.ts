/**
 * A table the user put on a generated sheet (issue 12, item 7): a rebuild clears the sheet, so
 * the table would go with its cells. When the user's formulas or names use it, the Build is
 * refused naming the table and the sheet, in both languages, and nothing is written; otherwise
 * the table goes with the cells, as the README says. Runs at both ExcelApi levels.
 */
import { build, examplePlanTables, hasErrors, type BuildResult } from "../../src/core/engine";
import { both } from "../../src/core/i18n";
import { WRITE_REFUSALS } from "../../src/core/workbook/messages";
import type { TableData } from "../../src/core/workbook/types";
import { WriteError } from "../../src/excel/messages";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { BASE_SHEETS } from "../fixtures/sheets";
import { FakeExcel } from "./fakeExcel";

const planner = (tables: TableData[]): BuildResult => {
  const result = build(tables);
  return hasErrors(result) ? { ...result, plans: [] } : result;
};

/** The example workbook built once, then a table of the user's on Kommunebidrag, below our cells. */
async function builtWithUserTable() {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], examplePlanTables());
  await wb.update(BASE_SHEETS, planner);
  const kb = fake.model.sheet("Kommunebidrag")!;
  const top = Math.max(...[...kb.cells.keys()].map((k) => Number(k.split(",")[0]))) + 5;
  fake.model.seedTable("Kommunebidrag", "MineNotater", top, 0, ["Notat", "Beløp"], [["reise", 1200]]);
  return { fake, wb };
}

async function refusal(wb: OfficeWorkbook): Promise<WriteError> {
  const err = await wb.update(BASE_SHEETS, planner).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WriteError);
  return err as WriteError;
}

describe("a user's table on a generated sheet", () => {
  it("is refused, naming the table and the sheet, when a formula on the user's sheet uses it; nothing written", async () => {
    const { fake, wb } = await builtWithUserTable();
    fake.model.addSheet("Mitt ark").touch(0, 0).formula = "=SUM(MineNotater[Beløp])";
    const before = JSON.stringify(fake.model.snapshot());
    const err = await refusal(wb);
    expect(err.code).toBe("tableInUse");
    expect(err.texts).toEqual(both(WRITE_REFUSALS.tableInUse, { table: "MineNotater", sheet: "Kommunebidrag" }));
    expect(err.texts["nb-NO"]).toContain("«MineNotater»");
    expect(err.texts["en-US"]).toContain('"Kommunebidrag"');
    expect(err.written).toEqual([]);
    expect(JSON.stringify(fake.model.snapshot())).toBe(before);
  });

  it("is refused when a defined name uses it", async () => {
    const { fake, wb } = await builtWithUserTable();
    const kb = fake.model.sheet("Kommunebidrag")!;
    fake.model.names.push({ name: "MineBeløp", sheet: kb, address: "$B$40", formula: "=MineNotater[Beløp]" });
    const before = JSON.stringify(fake.model.snapshot());
    expect((await refusal(wb)).code).toBe("tableInUse");
    expect(JSON.stringify(fake.model.snapshot())).toBe(before);
  });

  it("goes with the sheet's cells when nothing uses it (a text that only mentions it does not count)", async () => {
    const { fake, wb } = await builtWithUserTable();
    fake.model.addSheet("Mitt ark").touch(0, 0).formula = '="MineNotater"&"!"';
    await wb.update(BASE_SHEETS, planner);
    expect(fake.model.tables.map((t) => t.name)).not.toContain("MineNotater");
    expect(fake.model.sheet("Kommunebidrag")).toBeDefined();
  });

  it("costs no extra round trip when no generated sheet holds a table", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    await wb.write([], examplePlanTables());
    await wb.update(BASE_SHEETS, planner);
    fake.resetStats();
    await wb.update(BASE_SHEETS, planner);
    // state; dimensions; bodies; writes; the rebuild journal's removal (src/excel/workbook.ts's header).
    expect(fake.syncs).toBe(5);
  });
});
