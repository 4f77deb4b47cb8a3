/**
 * The allocation rule (docs/allocation.md): 50 % equally and 50 % by population (any equal share),
 * rounded by the largest-remainder method so the shares add up exactly.
 * Pure TypeScript: no Office, no DOM, no file system.
 *
 * CONTRACT: other modules code against these signatures.
 */

import {
  bigUnitsToNumber,
  type Decimal,
  decimalToRational,
  floorDiv,
  parseDecimalString,
  pow10,
  rationalToDouble,
  roundHalfAwayRational,
  shownDecimal,
  smallScaleOf,
  unitsToNumber,
} from "./decimal";

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

// ---------------------------------------------------------------------------------------------
// Implementation.
//
// Everything is counted in units of 10^-decimals. With T = tNum/tDen, e = eNum/eDen, the weights
// scaled to integers a_i = p_i * 10^S (S = the most decimal places of any weight) and A = sum a_i:
//
//   exact_i = (K0 + K1 * a_i) / D,   D  = tDen * dDen * eDen * n * A,
//                                    K0 = tNum * dNum * eNum * A,
//                                    K1 = tNum * dNum * n * (eDen - eNum),
//
// one common denominator, so remainders compare as BigInt numerators. A fast double pass
// computes exact_i ~ a + b * w_i with a proven error bound E; only rows whose floor or whose rank
// at the cut-off could change within E are decided with BigInt (once per distinct weight: rows
// with the same shown weight have the same exact share).

const DEFAULT_TOTAL = 500000;
const DEFAULT_EQUAL_SHARE = 0.5;
const DEFAULT_DECIMALS = 0;
const TWO_52 = 4503599627370496;
const TWO_53 = 9007199254740992;
/** Unit roundoff of binary64. */
const U = 2 ** -53;
/** Histogram buckets for the O(n) threshold search. */
const BUCKETS = 1 << 12;
const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

interface Params {
  readonly total: number;
  readonly equalShare: number;
  readonly decimals: number;
}

function checkCount(n: number): void {
  if (n === 0) throw new AllocationError("#VALUE!", "weights-empty");
  if (n > MAX_WEIGHTS) throw new AllocationError("#NUM!", "too-many-weights");
}

function checkDecimals(decimals: number): void {
  if (!Number.isInteger(decimals)) throw new AllocationError("#NUM!", "decimals-not-integer");
  if (decimals < -9 || decimals > 9) throw new AllocationError("#NUM!", "decimals-out-of-range");
}

function readOptions(options: SplitOptions | undefined): Params {
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
const Slot = { Weights: 0, Floors: 1, Frac: 2, Candidates: 0, Histogram: 1, Unit: 0 } as const;

function f64(slot: number, n: number): Float64Array {
  let a = scratch.f64[slot];
  if (a === undefined || a.length < n) a = scratch.f64[slot] = new Float64Array(Math.max(n, 1024));
  return a.subarray(0, n);
}
function i32(slot: number, n: number): Int32Array {
  let a = scratch.i32[slot];
  if (a === undefined || a.length < n) a = scratch.i32[slot] = new Int32Array(Math.max(n, 1024));
  return a.subarray(0, n);
}
/** Zero-filled. */
function u8(slot: number, n: number): Uint8Array {
  let a = scratch.u8[slot];
  if (a === undefined || a.length < n) a = scratch.u8[slot] = new Uint8Array(Math.max(n, 1024));
  const view = a.subarray(0, n);
  view.fill(0);
  return view;
}

function badWeight(w: unknown, index: number): AllocationError {
  if (typeof w !== "number" || !Number.isFinite(w)) {
    return new AllocationError("#VALUE!", "weight-not-finite", index);
  }
  return new AllocationError("#NUM!", "weight-negative", index);
}

/**
 * Exact sum of the shown decimals of the weights, cheap for the common forms: integers and
 * decimals of <= 15 digits are summed exactly in doubles per decimal scale (flushed to BigInt
 * before 2^53); only other values go through String().
 */
class ExactWeightSum {
  private readonly acc = new Float64Array(16);
  private readonly big: bigint[] = new Array<bigint>(16).fill(0n);
  private readonly hard: Decimal[] = [];

  /** w: an integer in [0, 2^53). */
  addInteger(w: number): void {
    if (w >= TWO_52) {
      this.big[0] += BigInt(w);
      return;
    }
    const s = this.acc[0] + w; // both < 2^52: exact
    if (s >= TWO_52) {
      this.big[0] += BigInt(s);
      this.acc[0] = 0;
    } else this.acc[0] = s;
  }

  /** Scale that worked for the previous weight: any scale that fits shows the same decimal. */
  private lastScale = 1;

  addOther(w: number): void {
    if (w < TWO_53 && Number.isInteger(w)) return this.addInteger(w);
    let scale = this.lastScale;
    let m = Math.round(w * POW10[scale]);
    if (!(m < 1e15 && m / POW10[scale] === w)) {
      scale = smallScaleOf(w);
      if (scale > 0) {
        this.lastScale = scale;
        m = Math.round(w * POW10[scale]);
      }
    }
    if (scale > 0) {
      const s = this.acc[scale] + m;
      if (s >= TWO_52) {
        this.big[scale] += BigInt(s);
        this.acc[scale] = 0;
      } else this.acc[scale] = s;
    } else this.hard.push(parseDecimalString(String(w)));
  }

  /** { A, S }: the sum is A / 10^S exactly. */
  result(): { A: bigint; S: number } {
    let S = 0;
    for (let s = 1; s < 16; s++) if (this.acc[s] !== 0 || this.big[s] !== 0n) S = s;
    for (const h of this.hard) if (h.scale > S) S = h.scale;
    let A = 0n;
    for (let s = 0; s < 16; s++) {
      const part = this.big[s] + BigInt(this.acc[s]);
      if (part !== 0n) A += part * pow10(S - s);
    }
    for (const h of this.hard) A += h.mantissa * pow10(S - h.scale);
    return { A, S };
  }
}

/** Validated weights as doubles, their maximum and their exact sum. */
interface Weights {
  readonly w: Float64Array;
  readonly max: number;
  readonly A: bigint;
  readonly S: number;
}

function finishWeights(w: Float64Array, max: number, sum: ExactWeightSum): Weights {
  const { A, S } = sum.result();
  return { w, max, A, S };
}

function readWeights(weights: ArrayLike<number>): Weights {
  const n = weights.length;
  checkCount(n);
  const w = f64(Slot.Weights, n);
  const sum = new ExactWeightSum();
  let max = 0;
  // Integers are summed in a local (flushed at 2^52, so exact): the common case.
  let intSum = 0;
  for (let i = 0; i < n; i++) {
    const v = weights[i];
    // `v - v === 0` is false for NaN, +-Infinity and non-numbers turned into NaN.
    if (typeof v !== "number" || !(v - v === 0) || v < 0) throw badWeight(v, i);
    w[i] = v;
    if (v > max) max = v;
    if (v === Math.floor(v) && v < TWO_52) {
      intSum += v; // both < 2^52: exact
      if (intSum >= TWO_52) {
        sum.addInteger(intSum);
        intSum = 0;
      }
    } else sum.addOther(v);
  }
  sum.addInteger(intSum);
  return finishWeights(w, max, sum);
}

/**
 * readWeights for [[p], [p], ...], without an intermediate flat array. The loop is a copy on
 * purpose: one loop with an accessor callback made splitColumn 8-25 % slower (measured).
 */
function readColumn(values: ReadonlyArray<ReadonlyArray<unknown>>): Weights {
  const n = values.length;
  checkCount(n);
  const w = f64(Slot.Weights, n);
  const sum = new ExactWeightSum();
  let max = 0;
  let intSum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i][0];
    if (typeof v !== "number" || !(v - v === 0) || v < 0) throw badWeight(v, i);
    w[i] = v;
    if (v > max) max = v;
    if (v === Math.floor(v) && v < TWO_52) {
      intSum += v; // both < 2^52: exact
      if (intSum >= TWO_52) {
        sum.addInteger(intSum);
        intSum = 0;
      }
    } else sum.addOther(v);
  }
  sum.addInteger(intSum);
  return finishWeights(w, max, sum);
}

/** The exact rule for one input, as BigInt rationals over the common denominator D. */
interface Plan {
  readonly n: number;
  readonly decimals: number;
  readonly weights: Weights;
  readonly D: bigint;
  readonly K0: bigint;
  readonly K1: bigint;
  /** round(T, decimals) in units: what the shares add up to. */
  readonly R: bigint;
  /** round(T*e, decimals) in units: what the equal parts add up to. */
  readonly RE: bigint;
}

function makePlan(weights: Weights, params: Params): Plan {
  const n = weights.w.length;
  const t = decimalToRational(shownDecimal(params.total));
  const e = decimalToRational(shownDecimal(params.equalShare));
  const d = params.decimals;
  const dNum = d >= 0 ? pow10(d) : 1n;
  const dDen = d < 0 ? pow10(-d) : 1n;
  let A = weights.A;
  if (A === 0n) {
    if (e.num < e.den) throw new AllocationError("#DIV/0!", "weights-sum-zero");
    // e = 1: the population term is 0 * p/P; any non-zero A gives the all-equal split.
    A = 1n;
  }
  const bn = BigInt(n);
  const D = t.den * dDen * e.den * bn * A;
  const K0 = t.num * dNum * e.num * A;
  const K1 = t.num * dNum * bn * (e.den - e.num);
  const R = roundHalfAwayRational(t.num * dNum, t.den * dDen);
  const RE = roundHalfAwayRational(t.num * dNum * e.num, t.den * dDen * e.den);
  return { n, decimals: d, weights: { ...weights, A }, D, K0, K1, R, RE };
}

interface ExactShare {
  readonly floor: bigint;
  /** exact_i - floor as a numerator over D, in [0, D). */
  readonly rem: bigint;
  /** rem / D as a double (error < 2^-52). */
  readonly frac: number;
}

/** Exact floor and remainder per distinct weight value (same shown weight, same share). */
function exactShares(plan: Plan): (w: number) => ExactShare {
  const cache = new Map<number, ExactShare>();
  const { D, K0, K1 } = plan;
  const S = plan.weights.S;
  return (w: number): ExactShare => {
    let hit = cache.get(w);
    if (hit === undefined) {
      const dec = shownDecimal(w);
      const N = K0 + K1 * dec.mantissa * pow10(S - dec.scale);
      const floor = floorDiv(N, D);
      const rem = N - floor * D;
      hit = { floor, rem, frac: Number((rem << 64n) / D) * 2 ** -64 };
      cache.set(w, hit);
    }
    return hit;
  };
}

/** Rounded shares of one input: floor_i + unit_i units each. */
interface Rounded {
  readonly plan: Plan;
  /** Floors as doubles (fast path: all below 2^53) or as BigInt (exact path). */
  readonly floors: Float64Array | null;
  readonly bigFloors: bigint[] | null;
  /** Approximate remainders in [0, 1), each within `E` of the exact one. */
  readonly frac: Float64Array;
  readonly E: number;
  /** 1 for the rows that get the extra unit. */
  readonly unit: Uint8Array;
  readonly exact: (w: number) => ExactShare;
}

function kthSmallest(a: Float64Array, k: number): number {
  // Wirth's selection (Hoare partition): O(n) expected, and equal keys split evenly, so a
  // column of identical remainders does not degrade it.
  let l = 0;
  let r = a.length - 1;
  while (l < r) {
    const m = (l + r) >> 1;
    const x0 = a[l];
    const x1 = a[m];
    const x2 = a[r];
    const x = x0 < x1 ? (x1 < x2 ? x1 : x0 < x2 ? x2 : x0) : x0 < x2 ? x0 : x1 < x2 ? x2 : x1;
    let i = l;
    let j = r;
    do {
      while (a[i] < x) i++;
      while (x < a[j]) j--;
      if (i <= j) {
        const tmp = a[i];
        a[i] = a[j];
        a[j] = tmp;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
  return a[k];
}

/**
 * How selectTop decides among rows whose approximate keys are too close: rows of the same class
 * and the same weight have the same exact key, so the BigInt key is computed once per group.
 */
interface ExactRank {
  /** The weight of row i (rows with equal weight and class share their exact key). */
  readonly weight: Float64Array;
  /** 0 or 1 per row, or null when all rows are of one class. */
  readonly cls: Uint8Array | null;
  /** The exact key of row i, a numerator over a denominator common to all rows. */
  readonly key: (i: number) => bigint;
}

/**
 * Among `rows` (ascending indices), marks the `need` best by exact key (descending), ties to the
 * earlier row, in O(rows + groups log groups).
 */
function pickExact(rows: Int32Array, need: number, rank: ExactRank, out: Uint8Array): void {
  if (need <= 0) return;
  if (need >= rows.length) {
    for (let t = 0; t < rows.length; t++) out[rows[t]] = 1;
    return;
  }
  const groupOf = [new Map<number, number>(), new Map<number, number>()];
  const groupKeys: bigint[] = [];
  const ids = new Int32Array(rows.length);
  let lastW = NaN;
  let lastC = -1;
  let lastId = -1;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    const w = rank.weight[i];
    const c = rank.cls === null ? 0 : rank.cls[i];
    if (w !== lastW || c !== lastC) {
      let id = groupOf[c].get(w);
      if (id === undefined) {
        id = groupKeys.length;
        groupKeys.push(rank.key(i));
        groupOf[c].set(w, id);
      }
      lastW = w;
      lastC = c;
      lastId = id;
    }
    ids[t] = lastId;
  }
  // Groups in descending key order; different groups with equal keys share a rank.
  const order = groupKeys.map((_, id) => id);
  order.sort((x, y) => (groupKeys[x] > groupKeys[y] ? -1 : groupKeys[x] < groupKeys[y] ? 1 : 0));
  const rankOf = new Int32Array(groupKeys.length);
  let r = 0;
  for (let t = 0; t < order.length; t++) {
    if (t > 0 && groupKeys[order[t]] !== groupKeys[order[t - 1]]) r++;
    rankOf[order[t]] = r;
  }
  const perRank = new Int32Array(r + 1);
  for (let t = 0; t < rows.length; t++) perRank[rankOf[ids[t]]]++;
  let cut = 0;
  let before = 0;
  while (before + perRank[cut] < need) before += perRank[cut++];
  let take = need - before;
  for (let t = 0; t < rows.length; t++) {
    const rk = rankOf[ids[t]];
    if (rk < cut || (rk === cut && take-- > 0)) out[rows[t]] = 1;
  }
}

/**
 * Marks in `out` the k rows with the largest exact keys, ties to the earlier row, in O(n):
 * histogram of the approximate keys (each within E of exact, all in [lo, lo + span]) to find the
 * bucket of the cut-off, selection inside it, and exact BigInt keys only for rows within 2E of
 * the cut-off value. `counts` may hold the histogram already.
 */
function selectTop(
  keys: Float64Array,
  k: number,
  E: number,
  lo: number,
  span: number,
  exact: ExactRank,
  out: Uint8Array,
  counts?: Int32Array,
): void {
  const n = keys.length;
  if (k <= 0) return;
  if (k >= n) {
    out.fill(1);
    return;
  }
  const perBucket = BUCKETS / span;
  let hist = counts;
  if (hist === undefined) {
    hist = i32(Slot.Histogram, BUCKETS);
    hist.fill(0);
    for (let i = 0; i < n; i++) {
      const b = Math.floor((keys[i] - lo) * perBucket);
      hist[b < 0 ? 0 : b >= BUCKETS ? BUCKETS - 1 : b]++;
    }
  }
  let j = BUCKETS - 1;
  let above = 0;
  for (; j > 0; j--) {
    if (above + hist[j] >= k) break;
    above += hist[j];
  }
  // The margin also covers rounding in the bucket arithmetic.
  const margin = 2 * E + 1e-12;
  const hiCut = j === BUCKETS - 1 ? Infinity : lo + (j + 1) / perBucket + margin;
  const loCut = j === 0 ? -Infinity : lo + j / perBucket - margin;
  const cand = i32(Slot.Candidates, n);
  let nc = 0;
  let need = k;
  let minV = Infinity;
  let maxV = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    if (v >= hiCut) {
      out[i] = 1;
      need--;
    } else if (v >= loCut) {
      cand[nc++] = i;
      if (v < minV) minV = v;
      if (v > maxV) maxV = v;
    }
  }
  // Mass ties (e.g. equal populations): every candidate is near the cut-off, decide them at once.
  if (maxV - minV <= margin) return pickExact(cand.subarray(0, nc), need, exact, out);
  const vals = new Float64Array(nc);
  for (let t = 0; t < nc; t++) vals[t] = keys[cand[t]];
  // The need-th largest approximate key among the candidates is the global k-th largest.
  const v = kthSmallest(vals, nc - need);
  let nn = 0;
  for (let t = 0; t < nc; t++) {
    const i = cand[t];
    const key = keys[i];
    if (key > v + margin) {
      out[i] = 1;
      need--;
    } else if (key >= v - margin) cand[nn++] = i; // in place: nn <= t
  }
  const near = cand.subarray(0, nn);
  pickExact(near, need, exact, out);
}

function internalError(what: string): Error {
  return new Error(`allocation: internal invariant broken (${what})`);
}

/**
 * The double pass over all rows: floors, remainders and their histogram; rows whose floor is
 * not certain under the error bound E go to `ambiguous`. Returns the sum of the certain floors.
 * A separate function without closures, so V8 keeps everything in registers.
 */
function fastPass(
  w: Float64Array,
  a: number,
  b: number,
  E: number,
  floors: Float64Array,
  frac: Float64Array,
  hist: Int32Array,
  ambiguous: number[],
): number {
  const n = w.length;
  const oneMinusE = 1 - E;
  let F = 0;
  for (let i = 0; i < n; i++) {
    const x = a + b * w[i];
    const f = Math.floor(x);
    const r = x - f; // exact in binary64 unless -1 < x < 0 (covered by E)
    if (r < E || r > oneMinusE) {
      ambiguous.push(i);
      continue;
    }
    floors[i] = f;
    frac[i] = r;
    F += f;
    hist[(r * BUCKETS) | 0]++;
  }
  return F;
}

function round(weights: Weights, params: Params): Rounded {
  const plan = makePlan(weights, params);
  const { n, D, K0, K1 } = plan;
  const w = weights.w;
  const exact = exactShares(plan);
  const unit = u8(Slot.Unit, n);
  const frac = f64(Slot.Frac, n);
  const byRemainder: ExactRank = { weight: w, cls: null, key: (i) => exact(w[i]).rem };

  // exact_i = a + b * p_i in units; a and b correctly rounded from the exact rationals.
  const a = rationalToDouble(K0, D);
  const b = rationalToDouble(K1 * pow10(plan.weights.S), D);
  const absA = Math.abs(a);
  const absB = Math.abs(b);
  const tiny = 2 ** -900;
  const bound = absA + absB * weights.max;
  const fast =
    Number.isFinite(bound) &&
    bound < 2 ** 40 &&
    Math.abs(rationalToDouble(plan.R, 1n)) < 2 ** 50 &&
    (a === 0 || absA > tiny) &&
    (b === 0 || absB > tiny);

  if (fast) {
    // |computed - exact| <= 2u|a| + 4u|b|w + |b|2^-1075 (rounding of a, b, w, the product and
    // the sum; w is the double nearest the shown decimal), doubled for safety; plus u for x - f,
    // which is exact except for -1 < x < 0, and 2u for the remainders of resolved rows.
    const E = 10 * U * bound + absB * 2 ** -1073 + 4 * U;
    const floors = f64(Slot.Floors, n);
    const hist = i32(Slot.Histogram, BUCKETS);
    hist.fill(0);
    const ambiguous: number[] = [];
    let F = fastPass(w, a, b, E, floors, frac, hist, ambiguous);
    let lastW = NaN;
    let ex: ExactShare | undefined;
    for (const i of ambiguous) {
      // Equal weights often come in runs: skip the Map lookup for a repeat.
      if (w[i] !== lastW || ex === undefined) {
        lastW = w[i];
        ex = exact(lastW);
      }
      const f = Number(ex.floor);
      floors[i] = f;
      frac[i] = ex.frac;
      F += f;
      hist[Math.min(BUCKETS - 1, (ex.frac * BUCKETS) | 0)]++;
    }
    const k = Number(plan.R) - F;
    if (!(k >= 0 && k <= n)) throw internalError(`k=${k}`);
    selectTop(frac, k, E, 0, 1, byRemainder, unit, hist);
    return { plan, floors, bigFloors: null, frac, E, unit, exact };
  }

  // Exact path (huge or tiny magnitudes): BigInt for every distinct weight.
  const bigFloors = new Array<bigint>(n);
  let F = 0n;
  for (let i = 0; i < n; i++) {
    const ex = exact(w[i]);
    bigFloors[i] = ex.floor;
    frac[i] = ex.frac;
    F += ex.floor;
  }
  const k = Number(plan.R - F);
  if (!(k >= 0 && k <= n)) throw internalError(`k=${k}`);
  const E = 2 ** -50;
  selectTop(frac, k, E, 0, 1, byRemainder, unit);
  return { plan, floors: null, bigFloors, frac, E, unit, exact };
}

function sharesOf(r: Rounded): number[] {
  const n = r.plan.n;
  const d = r.plan.decimals;
  const out = new Array<number>(n);
  if (r.floors) {
    const f = r.floors;
    const u = r.unit;
    if (d === 0) for (let i = 0; i < n; i++) out[i] = f[i] + u[i] + 0;
    else for (let i = 0; i < n; i++) out[i] = unitsToNumber(f[i] + u[i], d);
  } else {
    const f = r.bigFloors as bigint[];
    for (let i = 0; i < n; i++) out[i] = bigUnitsToNumber(f[i] + BigInt(r.unit[i]), d);
  }
  return out;
}

/** Largest-remainder split. Throws AllocationError on bad input. */
export function split(weights: ArrayLike<number>, options?: SplitOptions): number[] {
  checkCount(weights.length);
  const params = readOptions(options);
  return sharesOf(round(readWeights(weights), params));
}

/**
 * split() for an n x 1 range as Excel passes it ([[p], [p], ...]), returning [[v], [v], ...]:
 * the custom function's hot path, without an intermediate flat array. A cell that is not a
 * finite number is a "weight-not-finite" error at its row.
 */
export function splitColumn(values: ReadonlyArray<ReadonlyArray<unknown>>, options?: SplitOptions): number[][] {
  checkCount(values.length);
  const params = readOptions(options);
  const r = round(readColumn(values), params);
  const n = r.plan.n;
  const d = r.plan.decimals;
  const out = new Array<number[]>(n);
  if (r.floors) {
    const f = r.floors;
    const u = r.unit;
    if (d === 0) for (let i = 0; i < n; i++) out[i] = [f[i] + u[i] + 0];
    else for (let i = 0; i < n; i++) out[i] = [unitsToNumber(f[i] + u[i], d)];
  } else {
    const shares = sharesOf(r);
    for (let i = 0; i < n; i++) out[i] = [shares[i]];
  }
  return out;
}

/** Largest-remainder split with the equal and population parts (columns add up exactly). */
export function splitDetail(weights: ArrayLike<number>, options?: SplitOptions): SplitDetail {
  checkCount(weights.length);
  const params = readOptions(options);
  const r = round(readWeights(weights), params);
  const { n, D, K0, RE, decimals: d } = r.plan;
  const w = r.plan.weights.w;
  // Every row has the same exact equal part q = K0/D; which rows get ceil(q) is free, so give it
  // to the rows whose total was rounded up the most (delta_i = total_i - exact_i, descending):
  // that keeps each population part within one unit of its exact value.
  const qFloor = floorDiv(K0, D);
  const kE = Number(RE - BigInt(n) * qFloor);
  if (!(kE >= 0 && kE <= n)) throw internalError(`kE=${kE}`);
  const delta = new Float64Array(n);
  for (let i = 0; i < n; i++) delta[i] = r.unit[i] - r.frac[i];
  const ceilRow = new Uint8Array(n);
  const byDelta: ExactRank = {
    weight: w,
    cls: r.unit,
    key: (i) => (r.unit[i] ? D - r.exact(w[i]).rem : -r.exact(w[i]).rem),
  };
  selectTop(delta, kE, r.E + 4 * U, -1, 2, byDelta, ceilRow);

  const equal = new Array<number>(n);
  const population = new Array<number>(n);
  const total = sharesOf(r);
  if (r.floors) {
    const q = Number(qFloor);
    for (let i = 0; i < n; i++) {
      const eq = q + ceilRow[i];
      equal[i] = unitsToNumber(eq, d);
      population[i] = unitsToNumber(r.floors[i] + r.unit[i] - eq, d);
    }
  } else {
    const f = r.bigFloors as bigint[];
    for (let i = 0; i < n; i++) {
      const eq = qFloor + BigInt(ceilRow[i]);
      equal[i] = bigUnitsToNumber(eq, d);
      population[i] = bigUnitsToNumber(f[i] + BigInt(r.unit[i]) - eq, d);
    }
  }
  return { equal, population, total };
}

/** ROUND(x, decimals) as Excel does it, on the decimal Excel shows (half away from zero). */
export function roundHalfAway(x: number, decimals: number): number {
  if (typeof x !== "number" || !Number.isFinite(x)) throw new AllocationError("#VALUE!", "total-not-finite");
  checkDecimals(decimals);
  const t = decimalToRational(shownDecimal(x));
  const units =
    decimals >= 0
      ? roundHalfAwayRational(t.num * pow10(decimals), t.den)
      : roundHalfAwayRational(t.num, t.den * pow10(-decimals));
  return bigUnitsToNumber(units, decimals);
}
