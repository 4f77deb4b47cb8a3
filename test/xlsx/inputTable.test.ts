/**
 * Editing an existing input table in place (src/xlsx/write/inputTable.ts): a column's cells (added
 * at the right edge when new), a row (set, or added under the table), and the refusals that keep
 * a user's content: a formula cell, a cell in the way, a totals row. A refusal changes no part.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runBuild } from "../../src/cli/commands";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { workbookInfo } from "../../src/xlsx/read";
import { editInputTables } from "../../src/xlsx/write/inputTable";
import { LocalizedError } from "../../src/xlsx/messages";
import { capture } from "../cli/capture";

let dir: string;
let plan: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-input-table-"));
  plan = path.join(dir, "plan.xlsx");
  expect(await runBuild({ out: plan, locale: "en-US" }, capture())).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function open(file: string) {
  const book = await PackageWorkbook.open(file);
  return { book, info: await workbookInfo(book.pkg) };
}

async function tables(bytes: Uint8Array) {
  const file = path.join(dir, `t-${Math.random().toString(36).slice(2)}.xlsx`);
  fs.writeFileSync(file, bytes);
  const book = await PackageWorkbook.open(file);
  return Object.fromEntries((await book.readTables()).map((t) => [t.name, t]));
}

async function refusal(p: Promise<unknown>): Promise<LocalizedError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof LocalizedError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

test("a new column at the right edge, an existing one overwritten, a row set and a row added", async () => {
  const { book, info } = await open(plan);
  const values = [1, 2, 3, 4, 5, 6, 7];
  await editInputTables(book.pkg, info, [{ table: "Kommuner", header: "Innbyggere 2009", values, styleFrom: "Innbyggere" }], [
    { table: "Parametere", row: 0, values: { Verdi: 0.4 } },
    { table: "Parametere", row: null, values: { Parameter: "Kilde innbyggertall", Verdi: "Kilde: SSB" } },
  ]);
  const bytes = await book.toBytes();
  const t = await tables(bytes);
  expect(t.Kommuner.headers).toEqual(["Kommune", "Innbyggere", "Ressursandel", "Innbyggere 2009"]);
  expect(t.Kommuner.rows.map((r) => r[3])).toEqual(values);
  expect(t.Parametere.rows[0][1]).toBe(0.4);
  expect(t.Parametere.rows[t.Parametere.rows.length - 1]).toEqual(["Kilde innbyggertall", "Kilde: SSB"]);

  // Again on the result: the column exists now, so it is overwritten (a null leaves a cell alone).
  const file = path.join(dir, "again.xlsx");
  fs.writeFileSync(file, bytes);
  const again = await open(file);
  await editInputTables(again.book.pkg, again.info, [{ table: "Kommuner", header: "innbyggere  2009", values: [9, null, 9, 9, 9, 9, 9] }], []);
  const t2 = await tables(await again.book.toBytes());
  expect(t2.Kommuner.headers).toHaveLength(4);
  expect(t2.Kommuner.rows.map((r) => r[3])).toEqual([9, 2, 9, 9, 9, 9, 9]);
  // The table part says the same as the cells.
  const info2 = await workbookInfo(again.book.pkg);
  const k = info2.tables.find((x) => x.name === "Kommuner")!;
  expect(k.columns).toEqual(["Kommune", "Innbyggere", "Ressursandel", "Innbyggere 2009"]);
  expect(k.right - k.left).toBe(3);
});

test("refusals: a formula cell, a cell in the way of a new row, a totals row; no part changed", async () => {
  // A user's formula in a population cell.
  const { book, info } = await open(plan);
  await editInputTables(book.pkg, info, [{ table: "Kommuner", header: "Innbyggere 2009", values: [1, 2, 3, 4, 5, 6, 7] }], []);
  const withColumn = path.join(dir, "with-column.xlsx");
  fs.writeFileSync(withColumn, await book.toBytes());
  const k = info.tables.find((x) => x.name === "Kommuner")!;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(withColumn);
  const ws = wb.getWorksheet(k.sheet)!;
  ws.getCell(k.top + 3, k.left + 4).value = { formula: "1+1", result: 2 };
  // Something right under Parametere: a new row would cover it.
  const p = info.tables.find((x) => x.name === "Parametere")!;
  wb.getWorksheet(p.sheet)!.getCell(p.bottom + 2, p.left + 2).value = "Notat";
  const edited = path.join(dir, "edited.xlsx");
  await wb.xlsx.writeFile(edited);

  const e1 = await open(edited);
  const before = await e1.book.toBytes();
  const f = await refusal(editInputTables(e1.book.pkg, e1.info, [{ table: "Kommuner", header: "Innbyggere 2009", values: [1, 2, 3, 4, 5, 6, 7] }], []));
  expect(f.texts["en-US"]).toMatch(/^The cell '.*'!D\d+ of the table "Kommuner" holds a formula, which is not overwritten/);
  expect(f.texts["nb-NO"]).toContain("har en formel, som ikke blir skrevet over");
  const r = await refusal(editInputTables(e1.book.pkg, e1.info, [], [{ table: "Parametere", row: null, values: { Parameter: "Kilde innbyggertall", Verdi: "x" } }]));
  expect(r.texts["en-US"]).toMatch(/Cannot extend the table "Parametere" with "Kilde innbyggertall": '.*'![A-Z]+\d+:[A-Z]+\d+ is not empty/);
  expect(Buffer.from(await e1.book.toBytes()).equals(Buffer.from(before))).toBe(true);

  const missing = await refusal(editInputTables(e1.book.pkg, e1.info, [{ table: "Befolkning", header: "x", values: [] }], []));
  expect(missing.texts["nb-NO"]).toBe("Fant ikke tabellen «Befolkning» i arbeidsboken; ingenting er skrevet.");

  // A table with a totals row gets no row added.
  const totals = { ...e1.info, tables: e1.info.tables.map((t) => (t.name === "Parametere" ? { ...t, totalsRowCount: 1 } : t)) };
  const tr = await refusal(editInputTables(e1.book.pkg, totals, [], [{ table: "Parametere", row: null, values: { Parameter: "Kilde innbyggertall", Verdi: "x" } }]));
  expect(tr.texts["en-US"]).toContain('has a totals row; add the row "Kilde innbyggertall" yourself');
});
