/** Number formats of input-table body cells, shared by the package writer (`kbr`) and the Office.js writer. */
import type { TableData } from "./types";

/**
 * Dates in input tables: day.month.year, the Norwegian order. An invariant code, so it shows
 * 01.01.2008 in every Excel language (a locale date code would follow the reader's locale).
 */
export const DATE_FORMAT = "dd.mm.yyyy";

/** A body cell's format: its own (cellFormats), else its column's, else DATE_FORMAT for a date, else none. */
export function bodyFormat(t: TableData, r: number, c: number): string | null {
  const own = t.cellFormats?.[r]?.[c] ?? t.numberFormats?.[c] ?? null;
  if (own !== null) return own;
  return t.rows[r]?.[c] instanceof Date ? DATE_FORMAT : null;
}

/**
 * Width in characters of an input-table column that has no `columnWidths` entry: its longest
 * text (numbers with room for thousands separators), between 10 and 40. Both writers use it,
 * so a table looks the same whether the CLI or the task pane wrote it.
 */
export function inputColumnChars(t: TableData, c: number): number {
  let chars = Math.max(10, t.headers[c].length + 2);
  // A loop, not Math.max(...rows): a long table would overflow the argument list.
  for (const row of t.rows) {
    const v = row[c];
    const len = v === null || v === undefined ? 0 : typeof v === "number" ? String(Math.round(v)).length + 3 : typeof v === "string" ? v.length + 2 : 10;
    if (len > chars) chars = len;
  }
  return Math.min(40, chars);
}
