/**
 * A user's workbook as the task pane meets it, on the Excel double: the input tables, an
 * unrelated big table of the user's, and a sheet of the user's that links to the generated
 * sheets (formulas, a defined name, a chart series). Shared by test/excel/userWorkbook.test.ts
 * and bench/excel.bench.ts, which report the round trips and payloads of pane start, Build and
 * Check measured here.
 */
import { build, GENERATED_SHEETS, hasBuildErrors, type BuildResult } from "../../src/core/engine";
import type { TableData } from "../../src/core/workbook/types";
import { OfficeWorkbook } from "../../src/excel/workbook";
import type { ApiLevel } from "./fakeApi";
import { FakeExcel } from "./fakeExcel";

/** Syncs and the largest request and response (bytes) of one operation, from the double. */
export interface Cost {
  syncs: number;
  maxRequest: number;
  maxResponse: number;
}

export async function measure<T>(fake: FakeExcel, op: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
  fake.resetStats();
  const result = await op();
  return { result, cost: { syncs: fake.syncs, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse } };
}

/**
 * The pane's Build planner (panels/workbook.ts): build, and write unless the budget inputs have
 * errors (a bad ledger or hour row is left out and named, it does not stop the build).
 */
export const planner = (tables: TableData[]): BuildResult => {
  const result = build(tables);
  return !result.model || hasBuildErrors(result) ? { ...result, plans: [] } : result;
};

/**
 * A workbook holding `tables` (written by the adapter, as the pane's insert would), in an Excel
 * at `level` (default: the run's level). The adapter is made as the pane makes it: what it uses
 * of ExcelApi 1.9 (copyFrom, getRanges, pageLayout) follows the level, never forced on.
 */
export async function workbookWith(tables: TableData[], options: { level?: ApiLevel } = {}) {
  const fake = new FakeExcel(undefined, options.level);
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], tables);
  return { fake, wb, model: fake.model };
}

/** Adds the user's unrelated table (`rows` × 10, numbers and texts) on a sheet of its own. */
export function addUserTable(fake: FakeExcel, rows: number) {
  const headers = Array.from({ length: 10 }, (_, j) => `Felt ${j + 1}`);
  const body = Array.from({ length: rows }, (_, i) => headers.map((_, j) => (j % 3 === 0 ? `Ordre ${i}-${j}` : i * 10 + j)));
  return fake.model.seedTable("Salgsdata", "Salg", 0, 0, headers, body);
}

/** The three operations of the pane, measured. */
export async function paneOperations(fake: FakeExcel, wb: OfficeWorkbook) {
  const start = await measure(fake, () => wb.readTables());
  // The sheet names the pane passes (Scenarier and Oppfølging included).
  const buildRun = await measure(fake, () => wb.update(GENERATED_SHEETS, planner));
  const checkRun = await measure(fake, () => wb.readAll(GENERATED_SHEETS));
  return { start, build: buildRun, check: checkRun };
}

export function formatCost(label: string, c: Cost): string {
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  return `${label.padEnd(28)} ${String(c.syncs).padStart(3)} syncs, largest request ${String(c.maxRequest).padStart(9)} B (${mb(c.maxRequest)}), largest response ${String(c.maxResponse).padStart(9)} B (${mb(c.maxResponse)})`;
}

