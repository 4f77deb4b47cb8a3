/**
 * The Scenarier table the task pane writes (src/taskpane/scenarios.ts) through the Office.js
 * adapter: below Parametere on its sheet when those cells are free, refused (nothing written)
 * when they are not, and then on a sheet of its own.
 */
import { examplePlanTables } from "../../src/core/engine";
import { WriteError } from "../../src/excel/messages";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { scenarioTable, SCENARIO_FALLBACK_SHEET } from "../../src/taskpane/scenarios";
import { FakeExcel, type FakeModel } from "./fakeExcel";

/**
 * The Scenarier table as it stands in the fake Excel: sheet, place and cell values. Read from the
 * fake, not through readTables: the adapter reads only core's TABLES, which get Scenarier with
 * the engine's scenario support (branch scen).
 */
function written(model: FakeModel) {
  const t = model.tables.find((x) => x.name === "Scenarier");
  if (!t) return undefined;
  const rows: unknown[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: unknown[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(t.sheet.cell(r, c)?.value ?? null);
    rows.push(row);
  }
  return { sheet: t.sheet.name, top: t.rect.top, left: t.rect.left, headers: rows[0], rows: rows.slice(1) };
}

async function exampleWorkbook() {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], examplePlanTables());
  return { fake, wb, model: fake.model };
}

test("the Scenarier table goes below Parametere on its sheet and reads back as written", async () => {
  const { wb, model } = await exampleWorkbook();
  const tables = await wb.readTables();
  const t = scenarioTable([0, 0.3, 1], tables);
  await wb.write([], [t]);
  const back = written(model)!;
  const params = tables.find((x) => x.name === "Parametere")!;
  expect(back).toMatchObject({ sheet: params.sheet, top: t.top, left: params.left, headers: ["Scenario", "Andel likt fordelt"] });
  expect(back.rows).toEqual([
    ["0 % likt", 0],
    ["30 % likt", 0.3],
    ["100 % likt", 1],
  ]);
});

test("cells in use below Parametere: refused with nothing written; then on a sheet of its own", async () => {
  const { wb, model } = await exampleWorkbook();
  const tables = await wb.readTables();
  const t = scenarioTable([0.3], tables);
  model.sheet(t.sheet)!.touch(t.top + 1, t.left + 1).value = "notat";
  const before = model.snapshot();
  const err = await wb.write([], [t]).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(WriteError);
  expect((err as WriteError).texts["nb-NO"]).toContain("Scenarier");
  expect((err as WriteError).texts["en-US"]).toContain("not empty");
  expect((err as WriteError).writtenTables).toEqual([]);
  expect(model.snapshot()).toEqual(before);
  await wb.write([], [scenarioTable([0.3], tables, true)]);
  const back = written(model)!;
  expect(back).toMatchObject({ sheet: SCENARIO_FALLBACK_SHEET, top: 1, left: 0, rows: [["30 % likt", 0.3]] });
});
