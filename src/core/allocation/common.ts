/**
 * The allocation's vocabulary shared by its parts: the errors a caller maps to Excel errors, the
 * options and their validation, numeric constants, and the scratch arrays reused across calls
 * (a full column's worth, so a recalculation does not allocate ~30 MB again).
 */

/** Why an allocation cannot be made; the caller maps `code` to an Excel error and `reason` to a localized message. */
export type AllocationErrorCode = "#VALUE!" | "#NUM!" | "#DIV/0!";

export type AllocationErrorReason =
  | "weight-not-finite" // index = the offending weight
  | "weight-negative" // index = the offending weight
  | "weights-empty"
  | "too-many-weights" // more than MAX_WEIGHTS
  | "total-not-finite"
  | "equal-share-out-of-range" // not in [0, 1] or not finite
  | "decimals-not-integer"
  | "decimals-out-of-range" // not in [-9, 9]
  | "weights-sum-zero" // P = 0 with equal share < 1  (#DIV/0!)
  | "total-too-large"; // round(T) in units of 10^-decimals past MAX_DECIMAL_UNITS (decimals > 0) or MAX_EXACT_UNITS, or in kroner past MAX_EXACT_UNITS (#NUM!)

export class AllocationError extends Error {
  constructor(
    readonly code: AllocationErrorCode,
    readonly reason: AllocationErrorReason,
    /** 0-based index of the weight concerned, when there is one. */
    readonly index?: number,
  ) {
    super(`${code} ${reason}${index === undefined ? "" : ` at ${index}`}`);
    this.name = "AllocationError";
  }
}

/**
 * The largest rounded total, in units of 10^-decimals and in kroner, the rule splits: 2^53 - 1.
 * Beyond it a share is no longer a whole number of units that a double holds exactly, and the
 * shares would not add up to the total; the split refuses (#NUM!) instead.
 */
export const MAX_EXACT_UNITS = 2n ** 53n - 1n;

/**
 * With decimals, the largest rounded total in units: 10^15. A share is then 10^15 units or a
 * decimal of at most 15 significant digits, which a double shows as exactly that decimal; a
 * whole number of units up to 2^53 - 1 is held exactly, but 606920350465278.7 is not (its double
 * shows as ...278.8), so shares past 15 digits would not add up as shown.
 */
export const MAX_DECIMAL_UNITS = 10n ** 15n;

/** At most a full Excel column. */
export const MAX_WEIGHTS = 1_048_576;

export interface SplitOptions {
  /** T: the amount to split (default 500000). May be negative or zero. */
  total?: number;
  /** e in [0, 1]: the part split equally (default 0.5). */
  equalShare?: number;
  /** Places to round to, integer in [-9, 9] (default 0: whole kroner; -3: thousands). */
  decimals?: number;
}

export interface SplitDetail {
  /** Equal part of each row; adds up to round(T*e). */
  equal: number[];
  /** Population part of each row; adds up to round(T) - round(T*e). */
  population: number[];
  /** equal[i] + population[i]; identical to split() on the same input. */
  total: number[];
}

const DEFAULT_TOTAL = 500000;
const DEFAULT_EQUAL_SHARE = 0.5;
const DEFAULT_DECIMALS = 0;
export const TWO_52 = 4503599627370496;
export const TWO_53 = 9007199254740992;
/** Unit roundoff of binary64. */
export const U = 2 ** -53;
/** Histogram buckets for the O(n) threshold search. */
export const BUCKETS = 1 << 12;
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

export interface Params {
  readonly total: number;
  readonly equalShare: number;
  readonly decimals: number;
}

export function checkCount(n: number): void {
  if (n === 0) throw new AllocationError("#VALUE!", "weights-empty");
  if (n > MAX_WEIGHTS) throw new AllocationError("#NUM!", "too-many-weights");
}

export function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals)) throw new AllocationError("#NUM!", "decimals-not-integer");
  if (decimals < -9 || decimals > 9) throw new AllocationError("#NUM!", "decimals-out-of-range");
}

export function readOptions(options: SplitOptions | undefined): Params {
  // Optional custom-function arguments arrive as null: treat null like "not given".
  const total = options?.total ?? DEFAULT_TOTAL;
  const equalShare = options?.equalShare ?? DEFAULT_EQUAL_SHARE;
  const decimals = options?.decimals ?? DEFAULT_DECIMALS;
  if (typeof total !== "number" || !Number.isFinite(total)) {
    throw new AllocationError("#VALUE!", "total-not-finite");
  }
  if (typeof equalShare !== "number" || !(equalShare >= 0 && equalShare <= 1)) {
    throw new AllocationError("#NUM!", "equal-share-out-of-range");
  }
  if (typeof decimals !== "number") throw new AllocationError("#NUM!", "decimals-not-integer");
  checkDecimals(decimals);
  return { total, equalShare, decimals };
}


/**
 * Scratch typed arrays reused across calls, by slot: a full column needs ~30 MB of them, which
 * need not be allocated (and zeroed, and collected) again on every recalculation. They stay
 * allocated at the largest size seen. Calls are synchronous and each slot has one user at a time.
 */
const scratch = {
  f64: [] as Float64Array[],
  i32: [] as Int32Array[],
  u8: [] as Uint8Array[],
};
/** Slot numbers, per element type. */
export const Slot = { Weights: 0, Floors: 1, Frac: 2, Candidates: 0, Histogram: 1, Unit: 0 } as const;

export function f64(slot: number, n: number): Float64Array {
  let a = scratch.f64[slot];
  if (a === undefined || a.length < n) a = scratch.f64[slot] = new Float64Array(Math.max(n, 1024));
  return a.subarray(0, n);
}
export function i32(slot: number, n: number): Int32Array {
  let a = scratch.i32[slot];
  if (a === undefined || a.length < n) a = scratch.i32[slot] = new Int32Array(Math.max(n, 1024));
  return a.subarray(0, n);
}
/** Zero-filled. */
export function u8(slot: number, n: number): Uint8Array {
  let a = scratch.u8[slot];
  if (a === undefined || a.length < n) a = scratch.u8[slot] = new Uint8Array(Math.max(n, 1024));
  const view = a.subarray(0, n);
  view.fill(0);
  return view;
}

export function badWeight(w: unknown, index: number): AllocationError {
  if (typeof w !== "number" || !Number.isFinite(w)) {
    return new AllocationError("#VALUE!", "weight-not-finite", index);
  }
  return new AllocationError("#NUM!", "weight-negative", index);
}

export function internalError(what: string): Error {
  return new Error(`allocation: internal invariant broken (${what})`);
}
