/**
 * `update` and `readAll` of the WorkbookPort built from the separate calls, for adapters where a
 * call costs no round trip (a package file in Node, the task pane's browser double). The Office.js
 * adapter has its own, in one batch.
 */
import type { SheetStatus, UpdatePlanner, WorkbookPort, WorkbookSnapshot, WriteRequest } from "./types";

/** True when an update's planner asked for something to be written. */
export function wantsWrite(request: WriteRequest | null): request is WriteRequest {
  return request !== null && (request.plans.length > 0 || (request.inputTables?.length ?? 0) > 0);
}

/** readTables + sheetStatus, the planner, then write (when it asked for one). */
export async function updateInSteps<R extends WriteRequest | null>(
  port: Pick<WorkbookPort, "readTables" | "sheetStatus" | "write">,
  names: readonly string[],
  planner: UpdatePlanner<R>,
): Promise<R> {
  const tables = await port.readTables();
  const status = await port.sheetStatus(names);
  const result = await planner(tables, status);
  if (wantsWrite(result)) await port.write(result.plans, result.inputTables);
  return result;
}

/** The names of `status` that stand in the workbook (generated or a user's). */
function presentNames(status: Readonly<Record<string, SheetStatus>>): string[] {
  return Object.keys(status).filter((n) => status[n] !== "absent");
}

/** readTables + sheetStatus + readSheets of the names that exist. */
export async function readAllInSteps(
  port: Pick<WorkbookPort, "readTables" | "sheetStatus" | "readSheets">,
  names: readonly string[],
): Promise<WorkbookSnapshot> {
  const tables = await port.readTables();
  const status = await port.sheetStatus(names);
  const present = presentNames(status);
  const sheets = present.length > 0 ? await port.readSheets(present) : [];
  return { tables, status, sheets };
}
