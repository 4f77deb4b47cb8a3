/**
 * What the task pane needs from its host: the workbook port shared with the CLI, plus taking
 * the user to a cell. In Excel this is OfficeWorkbook + selectAddress (src/excel); in the
 * browser tests it is the in-memory double of test/e2e/browser/workbook-double.js.
 */
import type { WorkbookPort } from "../core/workbook/types";
import type { ColumnEdit, RowEdit } from "../core/workbook/types";
import type { OfficeThemeColors } from "./theme";

/** Moves Excel's selection to an A1 address with sheet, e.g. `'Kommunebidrag'!E5`. */
interface CellNavigator {
  select(address: string): Promise<void>;
}

export interface TaskpaneHost extends WorkbookPort, CellNavigator {
  /** BCP-47 tag of the host's display language (Office.context.displayLanguage). */
  displayLanguage?: string;
  /**
   * Office's theme colours (Office.context.officeTheme). In Excel boot.ts reads them from
   * Office.js; a test host may carry them (e.g. `{ bodyBackgroundColor: "#262626", ... }`) so the
   * browser tests can show the pane in dark Excel. Absent: the pane follows prefers-color-scheme.
   */
  officeTheme?: OfficeThemeColors;
  /**
   * Edits existing input tables in place (the SSB populations: `Innbyggere <år>` columns of
   * Kommuner, the `Kilde innbyggertall` row of Parametere); refuses, writing nothing, rather than
   * overwrite. In Excel src/excel/inputEdit.ts; `expectRows` guards against a table that changed.
   */
  editInputTables?(columns: readonly ColumnEdit[], rows: readonly RowEdit[], expectRows: Record<string, number>): Promise<void>;
}

/**
 * TEST SEAM: when a page script defines `window.__KBR_TEST_WORKBOOK__` (a TaskpaneHost) before
 * the bundle loads, the pane uses it instead of Office.js. Only the browser tests do this (with
 * Playwright's addInitScript); in Excel nothing defines it and the pane talks to Office.js.
 * Its optional `displayLanguage` and `officeTheme` stand in for Office.context's.
 */
const TEST_HOST_GLOBAL = "__KBR_TEST_WORKBOOK__";

/** The test host if one was injected and looks like a TaskpaneHost, else null. */
export function injectedTestHost(win: Window): TaskpaneHost | null {
  const candidate = (win as unknown as Record<string, unknown>)[TEST_HOST_GLOBAL];
  if (!candidate || typeof candidate !== "object") return null;
  const h = candidate as Partial<TaskpaneHost>;
  const methods = [h.readTables, h.readSheets, h.sheetStatus, h.write, h.update, h.readAll, h.select];
  return methods.every((m) => typeof m === "function") ? (candidate as TaskpaneHost) : null;
}
