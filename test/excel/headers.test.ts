/**
 * Headers Excel treats specially, through the Office.js adapter and the Excel double, which
 * refuses a structured reference that does not name a column exactly (test/excel/fakeFormulas.ts).
 */
import { build } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import type { SheetPlan } from "../../src/core/workbook/types";
import { WriteError } from "../../src/excel/messages";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { spacedHeaders } from "../fixtures/regions";
import { FakeExcel } from "./fakeExcel";

async function inserted() {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], spacedHeaders());
  return { fake, wb };
}

describe("input headers with spaces at either end", () => {
  it("are kept as typed, found by the engine, and the generated formulas are accepted", async () => {
    const { fake, wb } = await inserted();
    const tables = await wb.readTables();
    expect(tables.find((t) => t.name === "Kommuner")!.headers).toEqual(["Kommune ", " Innbyggere ", "Ressursandel  "]);
    const result = build(tables);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    await wb.write(result.plans);
    expect(await wb.sheetStatus(BASE_SHEETS)).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "generated"])));
    const formulas = fake.model.sheets.flatMap((s) => [...s.cells.values()].map((c) => c.formula ?? "")).join("\n");
    expect(formulas).toContain("Kommuner[[ Innbyggere ]]");
    expect(formulas).toContain("Kostnader[[2011\t]]");
  });

  it.each([
    ["the trimmed header", "=SUM(Kommuner[Innbyggere])"],
    ["the header in single brackets (Excel drops one space at each end)", "=SUM(Kommuner[ Innbyggere ])"],
    ["a header with one space too few", "=SUM(Kommuner[[ Innbyggere]])"],
  ])("a formula naming %s is refused, and the old sheets stay", async (_label, formula) => {
    const { fake, wb } = await inserted();
    const result = build(await wb.readTables());
    await wb.write(result.plans);
    const before = fake.model.snapshot();
    const bad: SheetPlan[] = result.plans.map((p) => (p.name === "Budsjett" ? { ...p, cells: [...p.cells, { row: p.cells.reduce((m, c) => Math.max(m, c.row), 0) + 2, col: 0, formula }] } : p));
    const err = await wb.write(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect((err as WriteError).texts["en-US"]).toMatch(/no column "Innbyggere"|no column " Innbyggere"/);
    expect((err as WriteError).written).toEqual([]);
    expect(fake.model.snapshot()).toEqual(before);
  });
});
