/**
 * Formula-text helpers shared by the three sheet plans: structured references, literals, the
 * largest-remainder rule as native formulas, and a small cell builder.
 *
 * Only functions that both Excel and LibreOffice Calc know are used (see ALLOWED_FUNCTIONS):
 * the generated workbook must recalculate correctly without the add-in, in either program.
 */
import { a1, rangeA1 } from "../a1";
import { roundHalfAway } from "../allocation";
import type { TableRef } from "../model/read";
import type { PlanCell } from "../workbook/types";

/**
 * Every function a generated formula may call (tests parse formulas and hold them to this).
 * @internal
 */
export const ALLOWED_FUNCTIONS = ["SUM", "SUMIFS", "SUMPRODUCT", "INDEX", "MATCH", "INT", "ROUND", "IF", "ROWS", "TRIM", "MAX", "IFERROR", "AGGREGATE", "ISNUMBER", "LEN", "SUBSTITUTE"] as const;

export const AMOUNT_FORMAT = "#,##0";
export const HEADER_FILL = "#DDEBF7";

/**
 * Escapes a header for use inside `Table[...]`: Excel wants `'` before `[ ] # '`.
 * @internal
 */
export function escapeColumn(header: string): string {
  return header.replace(/(['#[\]])/g, "'$1");
}

/**
 * Characters for which Excel wants the column name in double brackets (`T[[a.b]]`), from its
 * structured-reference rules: tab, line feed, carriage return, , : . [ ] # ' " { } $ ^ & * + = - > < /
 * (plus @, which would read as "this row" at the start of a single bracket).
 */
const NEEDS_DOUBLE_BRACKETS = /[\t\n\r,:.[\]#'"{}$^&*+=\-<>/@]/;

/**
 * A structured reference to one column, `Kommuner[Innbyggere]`, naming the table and the header
 * exactly as written in the workbook. Excel ignores one space after `[` and before `]` in the
 * single-bracket form (`T[ Innbyggere ]` means `Innbyggere`), so a header with spaces (or any
 * whitespace) at either end, or with a character of NEEDS_DOUBLE_BRACKETS, goes in double
 * brackets, where the name is taken literally: `Kommuner[[ Innbyggere ]]`. LibreOffice reads both
 * forms (test/e2e/recalc.test.ts recalculates such headers).
 */
export function structuredRef(table: string, header: string): string {
  const name = escapeColumn(header);
  return NEEDS_DOUBLE_BRACKETS.test(header) || /^\s|\s$/.test(header) ? `${table}[[${name}]]` : `${table}[${name}]`;
}

/** `Kommuner[Innbyggere]` for a column of a table the model read. */
export function columnRef(t: TableRef, header: string): string {
  return structuredRef(t.table.name, header);
}

export function col(t: TableRef, logical: string): string {
  return columnRef(t, t.columns[logical].header);
}

export function yearCol(t: TableRef, year: string): string {
  return columnRef(t, t.years[year].header);
}

/** A string literal in a formula. */
export function lit(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * Sum of a year column over the rows of one Art. SUMIFS is the readable form; when some Art
 * cell carries spaces SUMIFS would not ignore (the engine does), TRIM in SUMPRODUCT instead.
 */
export function sumByKind(t: TableRef, year: string, kind: string, needsTrim: boolean): string {
  return needsTrim
    ? `SUMPRODUCT((TRIM(${col(t, "Art")})=${lit(kind)})*${yearCol(t, year)})`
    : `SUMIFS(${yearCol(t, year)},${col(t, "Art")},${lit(kind)})`;
}

/**
 * INT(x) as LibreOffice computes it (floor of x rounded to 15 significant digits, its
 * approxFloor), so that the hidden helper cells' `expected` match a real recalculation. Which
 * row gets a unit does not depend on this: a share snapped up by INT has remainder 0 and k one
 * less, which hands out the same units.
 */
export function sheetInt(x: number): number {
  const f = Math.floor(x);
  // Fast path: clearly below the next integer, no 15-digit rounding can reach it.
  if (f + 1 - x > Math.abs(x) * 1e-13) return f;
  if (x === 0 || !Number.isFinite(x)) return f;
  return Math.floor(Number(x.toPrecision(15)));
}

/** ROUND(x, 9) as the spreadsheet does it: what the hidden helper cells hold. */
export function round9(x: number): number {
  // Fast path (planning calls this for every helper cell): away from a half at the 10th
  // decimal, the scaled double rounds the same way as the exact decimal does, and an integer
  // divided by 1e9 is the double nearest the rounded decimal, as roundHalfAway returns it.
  const y = Math.abs(x) * 1e9;
  if (y < 1e14) {
    const r = Math.round(y);
    if (Math.abs(Math.abs(y - r) - 0.5) > 1e-6 + y * 4e-15) return x < 0 ? -r / 1e9 : r / 1e9;
  }
  return roundHalfAway(x, 9);
}

/**
 * x to 15 significant digits (a spreadsheet's displayed and LibreOffice's stored precision).
 * @internal
 */
export function to15(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  // Most helper values (remainders rounded to 9 places) are short already: nothing to round.
  const shortest = String(x);
  if (shortest.length <= 16 && !shortest.includes("e") && shortest.replace(/^-?0*\.?0*/, "").replace(".", "").length <= 15) return x;
  // Like LibreOffice: round the 17-digit decimal half up at the 15th digit. toPrecision(15)
  // rounds the binary value instead; the two differ only when digits 16-17 read "50".
  const e17 = x.toExponential(16); // "d.dddddddddddddddde±x": digit 16 at index 16 (17 with a sign)
  const at = x < 0 ? 17 : 16;
  if (e17.charCodeAt(at) !== 53 /* 5 */ || e17.charCodeAt(at + 1) !== 48 /* 0 */) return Number(x.toPrecision(15));
  const m = /^(-?)(\d)\.(\d+)e([+-]\d+)$/.exec(e17);
  if (!m) return Number(x.toPrecision(15));
  const head = BigInt(m[2] + m[3].slice(0, 14)) + 1n;
  return Number(`${m[1]}${head}e${Number(m[4]) - 14}`);
}

type Style = Omit<PlanCell, "row" | "col" | "value" | "formula" | "expected">;

/** Collects the cells of one sheet plan. */
export class SheetBuilder {
  readonly cells: PlanCell[] = [];

  value(row: number, col: number, value: string | number | boolean | null, style?: Style): void {
    this.cells.push(style ? { row, col, value, ...style } : { row, col, value });
  }

  /**
   * A formula cell; `expected` is what the engine says it must show. Fractions are given to 15
   * significant digits: what a spreadsheet shows and what LibreOffice stores in the file, so
   * a recalculated value read back compares equal.
   */
  formula(row: number, col: number, formula: string, expected: string | number | boolean | null, style?: Style): void {
    const e = typeof expected === "number" && !Number.isInteger(expected) ? to15(expected) : expected;
    this.cells.push(style ? { row, col, formula: `=${formula}`, expected: e, ...style } : { row, col, formula: `=${formula}`, expected: e });
  }
}

/**
 * Rank of each key among all keys, largest first, ties to the earlier row (a stable sort).
 * @internal
 */
export function ranksDescending(keys: readonly number[]): number[] {
  const idx = keys.map((_, i) => i);
  idx.sort((a, b) => keys[b] - keys[a] || a - b);
  const rank = new Array<number>(keys.length);
  idx.forEach((i, r) => (rank[i] = r));
  return rank;
}

export interface RankedUnitsSpec {
  /** First and last sheet row of the body. */
  first: number;
  last: number;
  /** Hidden column holding the ranking key, hidden column holding the rank, visible result column. */
  keyCol: number;
  rankCol: number;
  resultCol: number;
  /** Absolute A1 of the cell holding k, the number of units to hand out. */
  kRef: string;
  /** Mirror of k (what the spreadsheet computes). */
  k: number;
  /** Formula text of the key for a row (e.g. `ROUND(W5-INT(W5),9)`) and its mirrored value. */
  keyFormula: (row: number) => string;
  keys: readonly number[];
  /** Formula text of the rounded-down part for a row (e.g. `INT(W5)`) and its mirrored value. */
  baseFormula: (row: number) => string;
  bases: readonly number[];
  /** The engine's results: the visible cells' `expected`. */
  expected: readonly number[];
  style?: Style;
  hiddenStyle?: Style;
}

/**
 * The heart of the largest-remainder rule in native formulas, used by every allocation on the
 * Kommunebidrag sheet (contribution, equal part, in-kind): result = base + 1 for the k rows
 * with the largest key, ties to the earlier row. The rank is
 * SUMPRODUCT(--(keys>key_i)) + SUMPRODUCT(--(keys_above_i=key_i)), i.e. the row's place in a
 * stable descending sort, so no sorting function (absent in older Excel) is needed.
 * Returns how many rows the formulas (as mirrored here in doubles) would get different from
 * the engine: 0 unless two keys differ by less than 1e-9 (ROUND(…,9) makes them a tie), which
 * needs odd inputs such as an equal share of 0.99999999996; build() then warns
 * (KBR-W-FORMULA-PRECISION) instead of writing sheets that silently disagree with the rule.
 */
export function rankedUnits(b: SheetBuilder, s: RankedUnitsSpec): number {
  const keyRange = rangeA1(s.first, s.last, s.keyCol);
  const firstKey = a1(s.first, s.keyCol, true);
  const ranks = ranksDescending(s.keys);
  let mismatches = 0;
  for (let row = s.first, i = 0; row <= s.last; row++, i++) {
    const keyCell = a1(row, s.keyCol);
    const rankCell = a1(row, s.rankCol);
    b.formula(row, s.keyCol, s.keyFormula(row), s.keys[i], s.hiddenStyle);
    const above = row === s.first ? "" : `+SUMPRODUCT(--(${firstKey}:${a1(row - 1, s.keyCol, true)}=${keyCell}))`;
    b.formula(row, s.rankCol, `SUMPRODUCT(--(${keyRange}>${keyCell}))${above}`, ranks[i], s.hiddenStyle);
    b.formula(row, s.resultCol, `${s.baseFormula(row)}+IF(${rankCell}<${s.kRef},1,0)`, s.expected[i], s.style);
    const mirrored = s.bases[i] + (ranks[i] < s.k ? 1 : 0);
    if (mirrored !== s.expected[i]) mismatches++;
  }
  return mismatches;
}

export interface LargestRemainderSpec {
  first: number;
  last: number;
  /** Row where the scalars T (under exactCol) and k (under remCol) stand. */
  scalarRow: number;
  exactCol: number;
  remCol: number;
  rankCol: number;
  resultCol: number;
  /** Formula of the amount T to split, and its mirrored value. */
  totalFormula: string;
  total: number;
  /** Formula of row's exact share, given the absolute A1 of T; and the mirrored values. */
  exactFormula: (row: number, tRef: string) => string;
  exacts: readonly number[];
  expected: readonly number[];
  style?: Style;
  hiddenStyle?: Style;
}

/**
 * A whole largest-remainder allocation in native formulas: T, exact shares, k =
 * ROUND(T,0) - SUM(INT(exact)), remainders ROUND(exact-INT(exact),9) (the ROUND makes float
 * noise irrelevant for exact ties), then rankedUnits. Returns the mismatch count.
 */
export function largestRemainder(b: SheetBuilder, s: LargestRemainderSpec): number {
  const tRef = a1(s.scalarRow, s.exactCol, true);
  const kRef = a1(s.scalarRow, s.remCol, true);
  const exactRange = rangeA1(s.first, s.last, s.exactCol);
  const floors = s.exacts.map(sheetInt);
  let sumFloors = 0;
  for (const f of floors) sumFloors += f;
  const k = roundHalfAway(s.total, 0) - sumFloors;
  b.formula(s.scalarRow, s.exactCol, s.totalFormula, s.total, s.hiddenStyle);
  b.formula(s.scalarRow, s.remCol, `ROUND(${tRef},0)-SUMPRODUCT(INT(${exactRange}))`, k, s.hiddenStyle);
  for (let row = s.first, i = 0; row <= s.last; row++, i++) b.formula(row, s.exactCol, s.exactFormula(row, tRef), s.exacts[i], s.hiddenStyle);
  const keys = s.exacts.map((x, i) => round9(x - floors[i]));
  return rankedUnits(b, {
    first: s.first,
    last: s.last,
    keyCol: s.remCol,
    rankCol: s.rankCol,
    resultCol: s.resultCol,
    kRef,
    k,
    keyFormula: (row) => {
      const e = a1(row, s.exactCol);
      return `ROUND(${e}-INT(${e}),9)`;
    },
    keys,
    baseFormula: (row) => `INT(${a1(row, s.exactCol)})`,
    bases: floors,
    expected: s.expected,
    style: s.style,
    hiddenStyle: s.hiddenStyle,
  });
}
