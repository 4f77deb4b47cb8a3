/**
 * A1 rectangles for the Office.js adapter: addresses, parsing, covering and chunking. Rows and
 * columns are 0-based in code (as in src/core/workbook/types.ts); Excel's text is 1-based.
 * Single cells, column letters and sheet quoting/unquoting are src/core/a1.ts.
 */
import { colIndex, colLetters, splitSheet } from "../core/a1";
import { MAX_COLS, MAX_ROWS, type Rect } from "../core/workbook/grid";

export { overlaps, rectA1, type Rect } from "../core/workbook/grid";

/** `C:C` or `C:E`: whole columns (for widths and hiding). */
export function colsA1(from: number, to: number): string {
  return `${colLetters(from)}:${colLetters(to)}`;
}

/**
 * Parses `B3`, `B3:D9`, `$B$3:$D$9`, `C:E` (whole columns) or `2:4` (whole rows), with or without
 * a sheet. Returns null for anything else (e.g. `#REF!`).
 */
export function parseRect(address: string): Rect | null {
  const { range } = splitSheet(address.trim());
  const parts = range.replace(/\$/g, "").split(":");
  if (parts.length > 2) return null;
  const ends = parts.map((p) => /^([A-Za-z]{1,3})?(\d{1,7})?$/.exec(p));
  if (ends.some((m) => !m || (!m[1] && !m[2]))) return null;
  const [a, b] = [ends[0]!, ends[ends.length - 1]!];
  const colOf = (m: RegExpExecArray, fallback: number) => (m[1] ? colIndex(m[1]) : fallback);
  const rowOf = (m: RegExpExecArray, fallback: number) => (m[2] ? Number(m[2]) - 1 : fallback);
  return { top: rowOf(a, 0), left: colOf(a, 0), bottom: rowOf(b, MAX_ROWS - 1), right: colOf(b, MAX_COLS - 1) };
}

/**
 * Covers a set of cells with few rectangles: runs of adjacent cells in a row, then equal runs
 * in consecutive rows merged. Good for the banded shapes of generated sheets (header rows,
 * totals rows, number columns), which is what keeps format calls few.
 */
export function cellsToRects(cells: Iterable<{ row: number; col: number }>): Rect[] {
  const byRow = new Map<number, number[]>();
  for (const { row, col } of cells) {
    const cols = byRow.get(row);
    if (cols) cols.push(col);
    else byRow.set(row, [col]);
  }
  const rows = [...byRow.keys()].sort((x, y) => x - y);
  const open = new Map<string, Rect>(); // run key "left:right" -> rectangle still growing downwards
  const done: Rect[] = [];
  for (const row of rows) {
    const cols = [...new Set(byRow.get(row)!)].sort((x, y) => x - y);
    const runs: [number, number][] = [];
    for (const c of cols) {
      const last = runs[runs.length - 1];
      if (last && c === last[1] + 1) last[1] = c;
      else runs.push([c, c]);
    }
    const next = new Map<string, Rect>();
    for (const [l, r] of runs) {
      const key = `${l}:${r}`;
      const prev = open.get(key);
      if (prev && prev.bottom === row - 1) {
        prev.bottom = row;
        next.set(key, prev);
        open.delete(key);
      } else next.set(key, { top: row, left: l, bottom: row, right: r });
    }
    for (const r of open.values()) done.push(r);
    open.clear();
    for (const [k, r] of next) open.set(k, r);
  }
  for (const r of open.values()) done.push(r);
  return done.sort((x, y) => x.top - y.top || x.left - y.left);
}

/**
 * Joins addresses into comma-separated lists of at most `maxChars` characters each, for
 * `worksheet.getRanges` (very long address strings are refused by Excel; the limit is not
 * documented, so we stay far below the 8 192 characters of a formula).
 */
export function chunkAddresses(addresses: readonly string[], maxChars = 2000): string[] {
  const out: string[] = [];
  let cur = "";
  for (const a of addresses) {
    if (cur && cur.length + 2 + a.length > maxChars) {
      out.push(cur);
      cur = "";
    }
    cur = cur ? `${cur}, ${a}` : a; // the documented form: "A1:B2, A5:B5"
  }
  if (cur) out.push(cur);
  return out;
}
