/**
 * KBR.SPLIT without the Office runtime: argument validation with positioned, localized
 * messages, then the core's largest-remainder split, shaped like the input.
 */
import { AllocationError, MAX_WEIGHTS, split, splitColumn, splitDetail } from "../core/allocation";
import type { Locale } from "../core/i18n";
import { formatNumber } from "../core/i18n";
import { FunctionInputError } from "./errors";
import { messages, positionText, shown, type Position } from "./messages";

const SPLIT_DEFAULTS = { total: 500000, equalShare: 0.5, decimals: 0, detail: false } as const;

/** An optional argument that was left out or points at an empty cell. */
export function isOmitted(v: unknown): v is null | undefined | "" {
  return v === null || v === undefined || v === "";
}

/** A validated populations range: its orientation and cell accessor (1-D, as Excel passed it). */
interface PopulationsRange {
  axis: Position["axis"];
  count: number;
  /** The range as Excel passed it: n×1 for a column (or one cell), 1×n for a row. */
  grid: unknown[][];
}

/**
 * Excel's rows as arrays: a single value (a host that passes one cell as a scalar) is a 1×1
 * range, and a row that is a single value a one-cell row. Omitted gives no rows.
 */
function asGrid(populations: unknown): unknown[][] {
  if (populations === null || populations === undefined) return [];
  if (!Array.isArray(populations)) return [[populations]];
  // Excel's own n×1 array as is when it is one (no copy of a million rows).
  if (populations.every((r: unknown) => Array.isArray(r))) return populations as unknown[][];
  return populations.map((r: unknown) => (Array.isArray(r) ? r : [r]));
}

/** Checks that populations is one column or one row of numbers >= 0; the first bad cell throws. */
function readPopulations(populations: unknown, locale: Locale): PopulationsRange {
  const grid = asGrid(populations);
  const rows = grid.length;
  const first: unknown[] = rows > 0 ? grid[0] : [];
  const columns = first.length;
  // Ragged rows would make the orientation (and so every position in a message) a guess.
  for (let i = 1; i < rows; i++) {
    if (grid[i].length !== columns) {
      throw new FunctionInputError("#VALUE!", messages.populationsRagged[locale]({ row: i + 1, count: grid[i].length, first: columns }));
    }
  }
  if (rows === 0 || columns === 0) {
    throw new FunctionInputError("#VALUE!", messages.populationsEmpty[locale]);
  }
  if (rows * columns > MAX_WEIGHTS) {
    throw new FunctionInputError(
      "#NUM!",
      messages.populationsTooMany[locale]({ count: formatNumber(rows * columns, locale), max: formatNumber(MAX_WEIGHTS, locale) }),
    );
  }
  if (rows > 1 && columns > 1) {
    throw new FunctionInputError("#VALUE!", messages.populationsBlock[locale]({ rows, columns }));
  }
  // A row input counts positions by column; a column (or a single cell) by row.
  const axis: Position["axis"] = rows === 1 && columns > 1 ? "column" : "row";
  const count = axis === "row" ? rows : columns;
  for (let i = 0; i < count; i++) {
    const v: unknown = axis === "row" ? grid[i][0] : first[i];
    if (typeof v === "number" && v >= 0 && Number.isFinite(v)) continue;
    const at = positionText({ axis, index: i + 1 }, locale);
    if (isOmitted(v)) throw new FunctionInputError("#VALUE!", messages.populationsBlank[locale]({ at }));
    if (typeof v === "string") throw new FunctionInputError("#VALUE!", messages.populationsText[locale]({ at, value: shown(v, locale) }));
    if (typeof v === "boolean") throw new FunctionInputError("#VALUE!", messages.populationsBoolean[locale]({ at, value: shown(v, locale) }));
    if (typeof v !== "number") throw new FunctionInputError("#VALUE!", messages.populationsError[locale]({ at }));
    if (!Number.isFinite(v)) throw new FunctionInputError("#NUM!", messages.populationsNotFinite[locale]({ at, value: String(v) }));
    throw new FunctionInputError("#NUM!", messages.populationsNegative[locale]({ at, value: shown(v, locale) }));
  }
  return { axis, count, grid };
}

/** The validated weights as a flat array. */
function weightsOf(range: PopulationsRange): number[] {
  const { axis, count, grid } = range;
  const out = new Array<number>(count);
  for (let i = 0; i < count; i++) out[i] = (axis === "row" ? grid[i][0] : grid[0][i]) as number;
  return out;
}

function readTotal(v: unknown, locale: Locale): number {
  if (isOmitted(v)) return SPLIT_DEFAULTS.total;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new FunctionInputError("#VALUE!", messages.totalNotNumber[locale]({ value: shown(v, locale) }));
  return v;
}

function readEqualShare(v: unknown, locale: Locale): number {
  if (isOmitted(v)) return SPLIT_DEFAULTS.equalShare;
  if (typeof v !== "number" || Number.isNaN(v)) throw new FunctionInputError("#VALUE!", messages.equalShareNotNumber[locale]({ value: shown(v, locale) }));
  if (!(v >= 0 && v <= 1)) throw new FunctionInputError("#NUM!", messages.equalShareRange[locale]({ value: shown(v, locale) }));
  return v;
}

function readDecimals(v: unknown, locale: Locale): number {
  if (isOmitted(v)) return SPLIT_DEFAULTS.decimals;
  if (typeof v !== "number" || Number.isNaN(v)) throw new FunctionInputError("#VALUE!", messages.decimalsNotNumber[locale]({ value: shown(v, locale) }));
  if (!Number.isInteger(v)) throw new FunctionInputError("#NUM!", messages.decimalsNotInteger[locale]({ value: shown(v, locale) }));
  if (v < -9 || v > 9) throw new FunctionInputError("#NUM!", messages.decimalsRange[locale]({ value: shown(v, locale) }));
  return v;
}

function readDetail(v: unknown, locale: Locale): boolean {
  if (isOmitted(v)) return SPLIT_DEFAULTS.detail;
  if (typeof v !== "boolean") throw new FunctionInputError("#VALUE!", messages.detailNotBoolean[locale]({ value: shown(v, locale) }));
  return v;
}

/** The core's errors after our own validation: P = 0, or a total past what the rule can split exactly. */
function fromAllocationError(e: AllocationError, locale: Locale): FunctionInputError {
  if (e.reason === "weights-sum-zero") return new FunctionInputError("#DIV/0!", messages.populationsSumZero[locale]);
  if (e.reason === "total-too-large") return new FunctionInputError("#NUM!", messages.totalTooLarge[locale]);
  return new FunctionInputError(e.code, messages.allocationFailed[locale]({ reason: e.reason }));
}

/**
 * The cells KBR.SPLIT returns. Column in: n×1 (detail: n×3 equal, population, total).
 * Row in: 1×n (detail: 3×n, rows equal, population, total). Throws FunctionInputError.
 */
export function computeSplit(
  populations: unknown,
  total: unknown,
  equalShare: unknown,
  decimals: unknown,
  detail: unknown,
  locale: Locale,
): number[][] {
  const range = readPopulations(populations, locale);
  const axis = range.axis;
  const options = {
    total: readTotal(total, locale),
    equalShare: readEqualShare(equalShare, locale),
    decimals: readDecimals(decimals, locale),
  };
  const withDetail = readDetail(detail, locale);
  try {
    if (!withDetail) {
      // The core's column path takes Excel's n×1 array as is: no flat copy in or out.
      if (axis === "row") return splitColumn(range.grid, options);
      return [split(weightsOf(range), options)];
    }
    const d = splitDetail(weightsOf(range), options);
    return axis === "row" ? d.total.map((t, i) => [d.equal[i], d.population[i], t]) : [d.equal, d.population, d.total];
  } catch (e) {
    if (e instanceof AllocationError) throw fromAllocationError(e, locale);
    throw e;
  }
}
