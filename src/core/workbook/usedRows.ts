/**
 * A table's used rows. Excel makes a table of `A1:C1048576` when a user formats whole columns
 * as a table: the ref then holds a million blank rows below a few filled ones. Both hosts read a
 * table by its used rows: the body ends at the last row that holds something (a value that is
 * not blank, or a cell the reader flagged), so trailing blank rows are neither read into the
 * model nor reported one by one. Blank rows between filled ones stay: they are the user's.
 *
 * "Blank" is what the model calls blank (null, or text of only whitespace).
 */
import type { CellIssue, CellValue, TableData } from "./types";

/** True for a value the model reads as blank. */
function isBlankValue(v: CellValue): boolean {
  return v === null || (typeof v === "string" && v.trim() === "");
}

/**
 * The number of body rows up to and including the last used one (0 when none is used).
 * `issues` are the reader's flagged cells: a row with one is used (its value is null).
 */
function usedRowCount(rows: readonly (readonly CellValue[])[], issues: readonly CellIssue[] = []): number {
  let last = -1;
  for (const i of issues) if (i.row > last) last = i.row;
  for (let r = rows.length - 1; r > last; r--) {
    if (!rows[r].every(isBlankValue)) return r + 1;
  }
  return last + 1;
}

/** The table without its trailing blank rows (the same object when it has none). */
export function withoutTrailingBlankRows(t: TableData): TableData {
  const n = usedRowCount(t.rows, t.cellIssues);
  if (n === t.rows.length) return t;
  const out: TableData = { ...t, rows: t.rows.slice(0, n) };
  if (t.cellFormats) out.cellFormats = t.cellFormats.slice(0, n);
  return out;
}
