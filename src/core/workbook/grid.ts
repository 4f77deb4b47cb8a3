/**
 * Excel's grid and rectangles on it, for the plan validation both hosts run (./validate) and the
 * Office.js adapter's addresses (src/excel/a1.ts re-exports these). Rows and columns are 0-based.
 */
import { a1 } from "../a1";
import type { TableData } from "./types";

/** Excel's grid: 1 048 576 rows, 16 384 columns (XFD). */
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `B3` for one cell, `B3:D9` otherwise. */
export function rectA1(r: Rect): string {
  const a = a1(r.top, r.left);
  return r.top === r.bottom && r.left === r.right ? a : `${a}:${a1(r.bottom, r.right)}`;
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** The cells of a table to write: its header row and body. */
export function tableRect(t: TableData): Rect {
  return { top: t.top, left: t.left, bottom: t.top + t.rows.length, right: t.left + t.headers.length - 1 };
}
