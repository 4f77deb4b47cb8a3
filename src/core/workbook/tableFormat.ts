/** Number formats of input-table body cells, shared by the ExcelJS and Office.js writers. */
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
