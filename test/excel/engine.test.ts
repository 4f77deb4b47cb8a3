import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { engineTables } from "./engineTables";
import { FakeContext, FakeExcel } from "./fakeExcel";

it("writes the engine's plans for the 2009 example: tables first, then the build, at most 3 syncs each", async () => {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  const spy = jest.spyOn(FakeContext.prototype, "sync");
  const tables = examplePlanTables();
  await wb.write([], tables);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  const read = await wb.readTables();
  const result = build(read);
  expect(result.plans.length).toBe(BASE_SHEETS.length);
  spy.mockClear();
  await wb.write(result.plans);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  console.log(`engine example build: ${spy.mock.calls.length} syncs, ${fake.contexts[fake.contexts.length - 1].requests.join(" + ")} bytes`);
  expect(await wb.sheetStatus(BASE_SHEETS)).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "generated"])));
  spy.mockRestore();
});

it("writes the engine's plans for 357 municipalities × 10 years × 200 cost lines in at most 3 syncs", async () => {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], engineTables(357, 10, 200));
  const result = build(await wb.readTables());
  expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  const spy = jest.spyOn(FakeContext.prototype, "sync");
  await wb.write(result.plans);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  const req = fake.contexts[fake.contexts.length - 1].requests;
  expect(Math.max(...req)).toBeLessThanOrEqual(5_000_000);
  console.log(`engine large build: ${spy.mock.calls.length} syncs, ${req.join(" + ")} bytes, ${result.plans.map((p) => `${p.name} ${p.cells.length} cells`).join(", ")}`);
  spy.mockRestore();
});

it("writes the 2009 example with its illustrative ledger and then the Oppfølging sheet (marked, with its print header)", async () => {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], examplePlanTables({ followUp: true }));
  const read = await wb.readTables();
  expect(read.map((t) => t.name).sort()).toEqual(["Finansiering", "Forklaringer", "Kommuner", "Kostnader", "Parametere", "Regnskap", "Timer"]);
  const result = build(read);
  expect(result.plans.map((p) => p.name)).toEqual([...BASE_SHEETS, "Oppfølging"]);
  expect(result.followUp?.asOf).toBe("2011-12-31");
  await wb.write(result.plans);
  expect(await wb.sheetStatus(["Oppfølging"])).toEqual({ "Oppfølging": "generated" });
  const [sheet] = await wb.readSheets(["Oppfølging"]);
  expect(sheet.rows.flat().some((c) => c?.formula?.startsWith("='Kommunebidrag'!"))).toBe(true);
});
