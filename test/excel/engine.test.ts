import { build, examplePlanTables, GENERATED_SHEETS } from "../../src/core/engine";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { FakeContext, FakeExcel } from "./fakeExcel";

it("writes the engine's plans for the 2009 example: tables first, then the build, at most 3 syncs each", async () => {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run, { useRangeAreas: true });
  const spy = jest.spyOn(FakeContext.prototype, "sync");
  const tables = examplePlanTables();
  await wb.write([], tables);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  const read = await wb.readTables();
  const result = build(read);
  expect(result.plans.length).toBe(GENERATED_SHEETS.length);
  spy.mockClear();
  await wb.write(result.plans);
  expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
  console.log(`engine example build: ${spy.mock.calls.length} syncs, ${fake.contexts[fake.contexts.length - 1].requests.join(" + ")} bytes`);
  expect(await wb.sheetStatus(GENERATED_SHEETS)).toEqual(Object.fromEntries(GENERATED_SHEETS.map((n) => [n, "generated"])));
  spy.mockRestore();
});
