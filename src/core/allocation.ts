/**
 * The allocation rule of SPEC.md: 50 % equally and 50 % by population (any equal share),
 * rounded by the largest-remainder method so the shares add up exactly.
 * Pure TypeScript: no Office, no DOM, no file system.
 *
 * CONTRACT (other modules code against these signatures; the implementation is being written).
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
  | "weights-sum-zero"; // P = 0 with equal share < 1  (#DIV/0!)

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

/** Largest-remainder split. Throws AllocationError on bad input. */
export declare function split(weights: ArrayLike<number>, options?: SplitOptions): number[];

/** Largest-remainder split with the equal and population parts (columns add up exactly). */
export declare function splitDetail(weights: ArrayLike<number>, options?: SplitOptions): SplitDetail;

/** ROUND(x, decimals) as Excel does it, on the decimal Excel shows (half away from zero). */
export declare function roundHalfAway(x: number, decimals: number): number;
