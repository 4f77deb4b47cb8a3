/** PackageWorkbook.update / readAll: the separate calls in order, with the same result and refusals. */
import { build, check, examplePlanTables, hasErrors } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import type { TableData } from "../../src/core/workbook/types";
import { LocalizedError } from "../../src/xlsx/messages";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { exceljsOf, snapshotSheets } from "./helpers";

/** The example's input tables, and `more` tables of the user's. */
async function withExample(more: TableData[] = []): Promise<PackageWorkbook> {
  return PackageWorkbook.create([...examplePlanTables(), ...more]);
}

const snapshot = async (book: PackageWorkbook) => snapshotSheets(await exceljsOf(await book.toBytes()));

const planner = (tables: TableData[]) => {
  const r = build(tables);
  return hasErrors(r) ? { ...r, plans: [] } : r;
};

it("update builds what readTables + build + write build, and returns the planner's result", async () => {
  const one = await withExample();
  const apart = await withExample();
  const result = await one.update(BASE_SHEETS, (tables, status) => {
    expect(status).toEqual({ Budsjett: "absent", Finansieringsplan: "absent", Kommunebidrag: "absent" });
    return planner(tables);
  });
  const expected = build(await apart.readTables());
  await apart.write(expected.plans);
  expect(result).toEqual(expected);
  expect(await snapshot(one)).toEqual(await snapshot(apart));
  expect(await one.sheetStatus(BASE_SHEETS)).toEqual({ Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" });
});

it("update writes nothing for a null result and refuses a user's sheet like write", async () => {
  const book = await withExample();
  const before = await snapshot(book);
  expect(await book.update(BASE_SHEETS, () => null)).toBeNull();
  expect(await snapshot(book)).toEqual(before);
  const mine = await withExample([{ name: "Mine", sheet: "Budsjett", top: 0, left: 0, headers: ["Notat"], rows: [["mine"]] }]);
  const mineBefore = await snapshot(mine);
  await expect(mine.update(BASE_SHEETS, planner)).rejects.toBeInstanceOf(LocalizedError);
  expect(await snapshot(mine)).toEqual(mineBefore);
});

it("readAll gives tables, status and the present sheets as the separate calls do", async () => {
  const book = await withExample();
  await book.update(BASE_SHEETS, planner);
  const all = await book.readAll([...BASE_SHEETS, "Nowhere"]);
  expect(all.status.Nowhere).toBe("absent");
  expect(all.sheets.map((s) => s.name)).toEqual([...BASE_SHEETS]);
  expect(all.tables).toEqual(await book.readTables());
  expect(check(all.tables, all.sheets, all.status).findings.filter((f) => f.severity === "error")).toEqual([]);
});
