/**
 * Plan validation, pure, run by both hosts (the package writer for `kbr`, the Office.js adapter)
 * before anything is written: a write's sheet plans and new input tables are checked whole, so a
 * bad plan is refused with a message naming the sheet, table, cell or name, and nothing written.
 * Excel's own limits are the rule (sheet and table names, the grid), so a plan that passes here
 * is one both hosts can write.
 */
import { quoteSheet, sameName } from "../a1";
import { foldName } from "../names";
import { workbookError } from "./errors";
import { MAX_COLS, MAX_ROWS, overlaps, rectA1, tableRect } from "./grid";
import { markerName } from "./marker";
import type { SheetPlan, TableData } from "./types";

function validSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && !sameName(name, "History");
}

function validTableName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  // Names that read as cell references (A1, R1C1, R, C) are refused by Excel.
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

/** Checks plans and tables before anything is sent; throws a WorkbookError (its code: the failed rule) naming the bad part. */
export function validateWrite(plans: readonly SheetPlan[], tables: readonly TableData[]): void {
  const seen = new Set<string>();
  for (const p of plans) {
    if (!validSheetName(p.name)) throw workbookError("badSheetName", { sheet: p.name });
    for (const key of [foldName(p.name), foldName(markerName(p.name))]) {
      if (seen.has(key)) throw workbookError("duplicateSheet", { sheet: p.name });
      seen.add(key);
    }
    for (const c of [...p.cells, ...(p.names ?? [])]) {
      if (!(Number.isInteger(c.row) && Number.isInteger(c.col) && c.row >= 0 && c.col >= 0 && c.row < MAX_ROWS && c.col < MAX_COLS)) {
        throw workbookError("cellOutOfGrid", { sheet: p.name, row: c.row, col: c.col });
      }
    }
    for (const n of p.names ?? []) {
      // Anchors are ASCII names that cannot be read as a cell (validTableName's rule) nor as a marker.
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(n.name) || !validTableName(n.name) || n.name.toUpperCase().startsWith(markerName("").toUpperCase())) {
        throw workbookError("badAnchor", { name: n.name, sheet: p.name });
      }
      if (seen.has(`name:${foldName(n.name)}`)) throw workbookError("badAnchor", { name: n.name, sheet: p.name });
      seen.add(`name:${foldName(n.name)}`);
    }
  }
  const tableNames = new Set<string>();
  for (const t of tables) {
    if (!validTableName(t.name)) throw workbookError("badTableName", { table: t.name });
    if (tableNames.has(foldName(t.name))) throw workbookError("tableExists", { table: t.name });
    tableNames.add(foldName(t.name));
    if (!validSheetName(t.sheet)) throw workbookError("badSheetName", { sheet: t.sheet });
    if (plans.some((p) => sameName(p.name, t.sheet))) throw workbookError("tableOnGeneratedSheet", { table: t.name, sheet: t.sheet });
    const heads = new Set<string>();
    t.headers.forEach((h, i) => {
      const k = foldName(String(h).trim());
      if (k === "" || heads.has(k)) throw workbookError("badHeader", { table: t.name, column: i + 1 });
      heads.add(k);
    });
    if (t.headers.length === 0) throw workbookError("badHeader", { table: t.name, column: 1 });
    t.rows.forEach((r, i) => {
      if (r.length > t.headers.length) throw workbookError("badRowLength", { table: t.name, row: i + 1, got: r.length, want: t.headers.length });
    });
    const r = tableRect(t);
    if (!(Number.isInteger(t.top) && Number.isInteger(t.left) && r.top >= 0 && r.left >= 0 && r.bottom < MAX_ROWS && r.right < MAX_COLS)) {
      throw workbookError("cellOutOfGrid", { sheet: t.sheet, row: t.top, col: t.left });
    }
  }
  // Two new tables may share a sheet but not cells.
  tables.forEach((a, i) =>
    tables.slice(i + 1).forEach((b) => {
      if (sameName(a.sheet, b.sheet) && overlaps(tableRect(a), tableRect(b))) {
        throw workbookError("tableAreaInUse", { table: b.name, address: `${quoteSheet(b.sheet)}!${rectA1(tableRect(b))}` });
      }
    }),
  );
}
