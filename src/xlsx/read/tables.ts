/**
 * The engine's reads over a package: the wanted tables and the generated sheets, as the
 * WorkbookPort hands them over (TableData, SheetData). Only the sheets holding a wanted table
 * (or named for readSheetCells) are unpacked; each once, whatever number of tables it holds;
 * then one pass over the shared strings for the indices those cells use.
 *
 * Values the engine must not guess at are not guessed: a number cell whose text is not a
 * number, and a formula never calculated, are null in the rows and listed in cellIssues.
 */
import type { CellIssue, CellValue, SheetCell, SheetData, TableData } from "../../core/workbook/types";
import { sameName } from "../../core/a1";
import { withoutTrailingBlankRows } from "../../core/workbook/usedRows";
import { fromFileFormula } from "../fileFormula";
import type { Package } from "../package/types";
import { readCells } from "./cells";
import type { RawCell } from "./cells";
import { sharedStrings } from "./sharedStrings";
import { decodeOoxmlEscapes } from "./workbook";
import { dateStyles, serialToDate } from "./styles";
import type { Rect, TableInfo, WorkbookInfo } from "./types";

/** Columns of a sheet (XFD): a cell's key in a table is row * MAX_COLS + column. */
const MAX_COLS = 16_384;

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

/** What a raw cell means, once the shared strings and the date styles are known. */
interface Context {
  strings: Map<number, string>;
  dates: boolean[];
  date1904: boolean;
}

type Valued = { value: CellValue } | { issue: "not-a-number" | "uncalculated"; text: string };

function valueOf(c: RawCell, ctx: Context): Valued {
  if (c.formula !== undefined && c.v === undefined && c.type !== "inlineStr") {
    return { issue: "uncalculated", text: fromFileFormula(c.formula) };
  }
  switch (c.type) {
    case "s": {
      const s = ctx.strings.get(Number(c.v));
      return { value: s ?? null };
    }
    // Text is ST_Xstring: `_xHHHH_` stands for a character XML cannot hold (as in shared strings).
    case "str":
      return { value: decodeOoxmlEscapes(c.v ?? "") };
    case "inlineStr": {
      const text = c.inline ?? c.v ?? null;
      return { value: text === null ? null : decodeOoxmlEscapes(text) };
    }
    case "b":
      return { value: c.v === undefined ? null : c.v.trim() === "1" || c.v.trim().toLowerCase() === "true" };
    case "e":
      return { value: c.v === undefined ? null : { error: c.v } };
    case "d": {
      if (c.v === undefined || c.v === "") return { value: null };
      // ISO 8601 without a zone is a local time of no place: read it as UTC, as dates are here.
      const iso = /[zZ]|[+-]\d\d:?\d\d$/.test(c.v) || !c.v.includes("T") ? c.v : c.v + "Z";
      const d = new Date(iso.includes("T") ? iso : iso + "T00:00:00Z");
      return Number.isNaN(d.getTime()) ? { issue: "not-a-number", text: c.v } : { value: d };
    }
    default: {
      if (c.v === undefined || c.v === "") return { value: null };
      if (!NUMBER.test(c.v)) return { issue: "not-a-number", text: c.v };
      const n = Number(c.v);
      return { value: ctx.dates[c.style] ? serialToDate(n, ctx.date1904) : n };
    }
  }
}

/** Shared-string indices the cells use. */
function wantedStrings(cells: Iterable<RawCell>, into: Set<number>): void {
  for (const c of cells) if (c.type === "s" && c.v !== undefined && /^\s*\d+\s*$/.test(c.v)) into.add(Number(c.v));
}

async function context(pkg: Package, info: WorkbookInfo, cells: RawCell[][]): Promise<Context> {
  const wanted = new Set<number>();
  for (const list of cells) wantedStrings(list, wanted);
  const [strings, dates] = await Promise.all([sharedStrings(pkg, info.sharedStringsPart, wanted), dateStyles(pkg, info.stylesPart)]);
  return { strings, dates, date1904: info.date1904 };
}

/** The tables named in `names` (case-insensitive), in the workbook's order. */
export async function readTables(pkg: Package, info: WorkbookInfo, names: readonly string[]): Promise<TableData[]> {
  const tables = info.tables.filter((t) => names.some((n) => sameName(n, t.name) || sameName(n, t.partName)));
  // One pass per sheet part, with the rectangles of all its wanted tables.
  const bySheet = new Map<string, TableInfo[]>();
  for (const t of tables) bySheet.set(t.sheetPart, [...(bySheet.get(t.sheetPart) ?? []), t]);
  const cellsBySheet = new Map<string, RawCell[]>();
  for (const [part, ts] of bySheet) {
    const rects: Rect[] = ts.map((t) => ({ top: t.top, left: t.left, bottom: t.bottom, right: t.right }));
    cellsBySheet.set(part, await readCells(pkg, part, rects));
  }
  const ctx = await context(pkg, info, [...cellsBySheet.values()]);

  return tables.map((t) => {
    const first = t.top + t.headerRowCount;
    const last = t.bottom - t.totalsRowCount;
    // Bounded by what is used (see ../../core/workbook/usedRows): a table over whole columns
    // (A1:C1048576) or the whole sheet is read by the rows and columns that hold something.
    const at = new Map<number, RawCell>();
    let usedBottom = first - 1;
    let usedRight = -1;
    for (const c of cellsBySheet.get(t.sheetPart)!) {
      if (c.row < t.top || c.row > t.bottom || c.col < t.left || c.col > t.right) continue;
      at.set((c.row - t.top) * MAX_COLS + (c.col - t.left), c);
      if (c.row >= first && c.row <= last) {
        if (c.row > usedBottom) usedBottom = c.row;
        if (c.col - t.left > usedRight) usedRight = c.col - t.left;
      }
    }
    const cellAt = (row: number, col: number) => at.get((row - t.top) * MAX_COLS + (col - t.left));

    const headers: string[] = [];
    for (let i = 0; i < t.right - t.left + 1; i++) {
      // The column name formulas use; the header cell as shown when the part has none.
      let h = t.columns[i] ?? "";
      if (!h && t.headerRowCount > 0) {
        const c = cellAt(t.top, t.left + i);
        const v = c ? valueOf(c, ctx) : null;
        if (v && "value" in v && v.value !== null && typeof v.value !== "object") h = String(v.value);
      }
      headers.push(h);
    }
    // Columns end at the last one with a header or a used cell.
    let width = headers.length;
    while (width > 0 && width - 1 > usedRight && headers[width - 1].trim() === "") width--;
    headers.length = width;

    const rows: CellValue[][] = [];
    const issues: CellIssue[] = [];
    for (let r = first; r <= Math.min(last, usedBottom); r++) {
      const row: CellValue[] = [];
      for (let i = 0; i < width; i++) {
        const c = cellAt(r, t.left + i);
        const v: Valued = c ? valueOf(c, ctx) : { value: null };
        if ("issue" in v) {
          issues.push({ row: r - first, col: i, kind: v.issue, text: v.text });
          row.push(null);
        } else row.push(v.value);
      }
      rows.push(row);
    }
    const data: TableData = { name: t.name, sheet: t.sheet, top: t.top, left: t.left, headers, rows };
    if (issues.length) data.cellIssues = issues;
    // Rows up to the last used cell may still end blank (text of spaces, an empty string).
    return withoutTrailingBlankRows(data);
  });
}

/**
 * The used cells of the named sheets that exist (case-insensitive), rows from A1 (a row is as
 * long as its last used cell). Formulas with a leading `=` in the invariant form, values as the
 * file caches them (a never-calculated formula has the value null).
 */
export async function readSheetCells(pkg: Package, info: WorkbookInfo, sheetNames: readonly string[]): Promise<SheetData[]> {
  const sheets = sheetNames
    .map((n) => info.sheets.find((s) => sameName(s.name, n) && s.kind === "worksheet" && s.part))
    .filter((s): s is NonNullable<typeof s> => s !== undefined);
  const all: Rect = { top: 0, left: 0, bottom: Infinity, right: Infinity };
  const cells: RawCell[][] = [];
  for (const s of sheets) cells.push(await readCells(pkg, s.part!, [all]));
  const ctx = await context(pkg, info, cells);
  return sheets.map((s, k) => {
    const rows: SheetCell[][] = [];
    for (const c of cells[k]) {
      const v = valueOf(c, ctx);
      const sc: SheetCell = { value: "value" in v ? v.value : null };
      if (c.formula !== undefined) sc.formula = fromFileFormula(c.formula);
      else if ("issue" in v) sc.value = v.text;
      if (sc.value === null && sc.formula === undefined) continue;
      while (rows.length <= c.row) rows.push([]);
      const row = rows[c.row];
      while (row.length < c.col) row.push({ value: null });
      row[c.col] = sc;
    }
    return { name: s.name, rows };
  });
}
