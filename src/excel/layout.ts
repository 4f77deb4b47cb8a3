/**
 * Pure part of the Office.js adapter: turns a SheetPlan into a few rectangular 2-D arrays and
 * grouped format addresses, and Office's read values back into CellValues. No Office calls
 * here, so it is tested directly and the adapter stays a thin sequence of API calls.
 */
import type { CellValue, PlanCell, SheetPlan } from "../core/workbook/types";
import { quoteSheet } from "../core/a1";
import { dateToSerial, isDateFormat, isDateSerial, serialToDate } from "../core/workbook/dates";
import { cellsToRects, colsA1, rectA1, type Rect } from "./a1";

/** What one cell of `range.formulas` is set to; `null` leaves the cell unchanged (Office.js rule). */
export type Input = string | number | boolean | null;

// ---------------------------------------------------------------- dates


// ---------------------------------------------------------------- reading

/** Office.js `valueTypes` entries (Excel.RangeValueType). */
export type ValueType = "Unknown" | "Empty" | "String" | "Integer" | "Double" | "Boolean" | "Error" | "RichValue" | string;

const ERROR_TEXTS = new Set([
  "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
  "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!", "#PYTHON!",
]);

/**
 * One cell read with `values` (+ `valueTypes`, `numberFormat` when loaded) to a CellValue.
 * Office gives blanks as "", errors as their text, dates as serial numbers.
 */
export function fromOffice(value: unknown, type?: ValueType, format?: unknown): CellValue {
  if (type === "Empty" || value === "" || value === null || value === undefined) return null;
  if (typeof value === "string") {
    // valueTypes tells an error from a text that merely reads "#N/A"; without it, go by the text.
    if (type === "Error" || (type === undefined && ERROR_TEXTS.has(value))) return { error: value };
    return value;
  }
  if (typeof value === "number") return isDateFormat(format) && isDateSerial(value) ? serialToDate(value) : value;
  if (typeof value === "boolean") return value;
  return String(value);
}

// ---------------------------------------------------------------- writing values

/**
 * A text Excel would turn into something else when set (a number, date, boolean, formula or
 * error) gets the `'` prefix, which Excel stores as "text" and does not show. Ordinary labels
 * are left bare so the cells carry no quote-prefix format.
 * @internal
 */
export function needsQuote(s: string): boolean {
  const t = s.trim();
  if (t === "") return s !== "";
  return (
    /^[-+=@#.,(\d$€£%'"]/.test(t) ||
    /^(true|false|sann|usann)$/i.test(t) ||
    // Month-name dates such as "Jan 2009" or "mars-09".
    /^\p{L}{3,9}\.?[\s\-/]\d/u.test(t) ||
    s !== t // leading/trailing spaces: keep them exactly
  );
}

export function textInput(s: string): string {
  return needsQuote(s) ? `'${s}` : s;
}

/** A plan cell as set through `range.formulas`. */
function planInput(c: PlanCell): Input {
  if (c.formula !== undefined && c.formula !== "") return c.formula.startsWith("=") ? c.formula : `=${c.formula}`;
  const v = c.value;
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? textInput(v) : v;
}

/** An input-table value as set through `range.values`: dates become serials, errors their text. */
export function tableInput(v: CellValue): Input {
  if (v === null) return null;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") return v.error; // Excel parses "#N/A" typed into a cell as the error
  return typeof v === "string" ? textInput(v) : v;
}

// ---------------------------------------------------------------- column widths

/**
 * Excel character units (widths of the digit 0 in the default font, Calibri 11) to points,
 * which is what Office.js takes: pixels = chars * 7 + 5 (7 px per digit, 5 px of cell padding),
 * points = pixels * 0.75 (96 dpi). Width 8.43 gives 64 px = 48 pt, Excel's default column.
 */
export function charsToPoints(chars: number): number {
  if (chars <= 0) return 0;
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

// ---------------------------------------------------------------- plan layout

/** One rectangular part of a sheet's used area, written with one `formulas` and one `numberFormat` assignment. */
export interface Block {
  rect: Rect;
  formulas: Input[][];
  /** null when no cell of the block has a format. */
  numberFormats: (string | null)[][] | null;
  /** Estimated request payload: JSON length of the arrays. */
  bytes: number;
}

type StyleKind = "bold" | "italic" | "align" | "fill" | "borderTop" | "wrap";

/** Cells that take the same format setting, as A1 addresses of covering rectangles. */
export interface StyleGroup {
  kind: StyleKind;
  value: string | boolean;
  addresses: string[];
}

export interface SheetLayout {
  /** Row blocks of the used rectangle, in order (one block unless the sheet exceeds the chunk size). */
  blocks: Block[];
  /** Formulas naming a generated sheet, written after the sheets get their final names (see adapter). */
  deferred: Block[];
  styles: StyleGroup[];
  widths: { address: string; points: number }[];
  /** Rows with a planned height, e.g. `7:7`. */
  heights: { address: string; points: number }[];
  hidden: string[];
}

/** Matches a reference to one of `sheets` (`Budsjett!`, `'Budsjett'!`) inside a formula. */
export function sheetRefPattern(sheets: readonly string[]): RegExp | null {
  if (sheets.length === 0) return null;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alts = sheets.flatMap((s) => [esc(quoteSheet(s)), esc(s)]);
  return new RegExp(`(?:^|[^A-Za-z0-9_.'\\]])(?:${alts.join("|")})!`, "i");
}

function boundingRect(cells: readonly PlanCell[]): Rect | null {
  if (cells.length === 0) return null;
  const r: Rect = { top: Infinity, left: Infinity, bottom: -1, right: -1 };
  for (const c of cells) {
    r.top = Math.min(r.top, c.row);
    r.left = Math.min(r.left, c.col);
    r.bottom = Math.max(r.bottom, c.row);
    r.right = Math.max(r.right, c.col);
  }
  return r;
}

function jsonBytes(x: unknown): number {
  return JSON.stringify(x).length;
}

/** Splits a rectangle's rows into blocks whose payload stays under `maxBytes` (one row at least). */
function makeBlocks(
  rect: Rect,
  cellAt: Map<number, Map<number, PlanCell>>,
  input: (c: PlanCell) => Input,
  withFormats: boolean,
  maxBytes: number,
): Block[] {
  const width = rect.right - rect.left + 1;
  const rowsF: Input[][] = [];
  const rowsN: (string | null)[][] = [];
  const rowBytes: number[] = [];
  let anyFormat = false;
  for (let r = rect.top; r <= rect.bottom; r++) {
    const f: Input[] = new Array(width).fill(null);
    const n: (string | null)[] = new Array(width).fill(null);
    const cols = cellAt.get(r);
    if (cols) {
      for (const [col, c] of cols) {
        f[col - rect.left] = input(c);
        if (withFormats && c.numberFormat) {
          n[col - rect.left] = c.numberFormat;
          anyFormat = true;
        }
      }
    }
    rowsF.push(f);
    rowsN.push(n);
    rowBytes.push(jsonBytes(f) + 1);
  }
  const nBytes = anyFormat ? rowsN.map((n) => jsonBytes(n) + 1) : rowBytes.map(() => 0);
  const blocks: Block[] = [];
  let start = 0;
  let bytes = 0;
  const flush = (end: number) => {
    if (end <= start) return;
    blocks.push({
      rect: { top: rect.top + start, bottom: rect.top + end - 1, left: rect.left, right: rect.right },
      formulas: rowsF.slice(start, end),
      numberFormats: anyFormat ? rowsN.slice(start, end) : null,
      bytes,
    });
    start = end;
    bytes = 0;
  };
  for (let i = 0; i < rowsF.length; i++) {
    const b = rowBytes[i] + nBytes[i];
    if (bytes > 0 && bytes + b > maxBytes) flush(i);
    bytes += b;
  }
  flush(rowsF.length);
  return blocks;
}

/**
 * Lays out one plan. `crossRefs` matches formulas that name a generated sheet: those are left
 * out of the blocks and collected in `deferred`, because the new sheet is first written under a
 * temporary name and such a reference would bind to the old sheet being replaced.
 */
export function layoutSheet(plan: SheetPlan, crossRefs: RegExp | null, maxBlockBytes: number): SheetLayout {
  const cellAt = new Map<number, Map<number, PlanCell>>();
  const deferredAt = new Map<number, Map<number, PlanCell>>();
  const main: PlanCell[] = [];
  const late: PlanCell[] = [];
  for (const c of plan.cells) {
    const isLate = c.formula !== undefined && crossRefs !== null && crossRefs.test(c.formula);
    const target = isLate ? deferredAt : cellAt;
    (isLate ? late : main).push(c);
    let row = target.get(c.row);
    if (!row) target.set(c.row, (row = new Map()));
    row.set(c.col, c); // a later duplicate wins, as it would when written cell by cell
  }
  // Number formats of deferred cells go with the main blocks so all formats land before the swap.
  const fmtCells = [...main, ...late];
  const rect = boundingRect(fmtCells);
  for (const c of late) {
    let row = cellAt.get(c.row);
    if (!row) cellAt.set(c.row, (row = new Map()));
    if (!row.has(c.col)) row.set(c.col, { ...c, formula: undefined, value: null });
  }
  const blocks = rect ? makeBlocks(rect, cellAt, planInput, true, maxBlockBytes) : [];
  const lateRect = boundingRect(late);
  const deferred = lateRect ? makeBlocks(lateRect, deferredAt, planInput, false, maxBlockBytes) : [];

  const groups = new Map<string, { kind: StyleKind; value: string | boolean; cells: PlanCell[] }>();
  const add = (kind: StyleKind, value: string | boolean, c: PlanCell) => {
    const key = `${kind}\u0000${String(value)}`;
    const g = groups.get(key);
    if (g) g.cells.push(c);
    else groups.set(key, { kind, value, cells: [c] });
  };
  for (const c of plan.cells) {
    if (c.bold) add("bold", true, c);
    if (c.italic) add("italic", true, c);
    if (c.align) add("align", c.align, c);
    if (c.fill) add("fill", c.fill.toUpperCase(), c);
    if (c.borderTop) add("borderTop", true, c);
    if (c.wrap) add("wrap", true, c);
  }
  const styles = [...groups.values()].map((g) => ({ kind: g.kind, value: g.value, addresses: styleRects(g.kind, g.cells).map(rectA1) }));

  const widths: { address: string; points: number }[] = [];
  const w = plan.columnWidths;
  for (let i = 0; i < w.length; ) {
    let j = i;
    while (j + 1 < w.length && w[j + 1] === w[i]) j++;
    if (w[i] > 0) widths.push({ address: colsA1(i, j), points: charsToPoints(w[i]) });
    i = j + 1;
  }
  const hidden = cellsToRects((plan.hiddenColumns ?? []).map((col) => ({ row: 0, col }))).map((r) => colsA1(r.left, r.right));
  const heights = (plan.rowHeights ?? []).map((h) => ({ address: `${h.row + 1}:${h.row + 1}`, points: h.points }));
  return { blocks, deferred, styles, widths, heights, hidden };
}

/**
 * Rectangles for a style group. A top border is the EdgeTop of a range, so its rectangles must
 * be one row high (a two-row rectangle would get the border on its first row only).
 */
function styleRects(kind: StyleKind, cells: readonly PlanCell[]): Rect[] {
  if (kind !== "borderTop") return cellsToRects(cells);
  const byRow = new Map<number, PlanCell[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  return [...byRow.values()].flatMap((row) => cellsToRects(row));
}
