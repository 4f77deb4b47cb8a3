/**
 * The rounding itself: the exact rule as BigInt rationals over one common denominator, a fast
 * double pass with a proven error bound, and the exact integer path for huge or tiny magnitudes.
 */
import { bigUnitsToNumber, decimalToRational, floorDiv, pow10, rationalToDouble, roundHalfAwayRational, shownDecimal, unitsToNumber } from "../decimal";
import { AllocationError, BUCKETS, MAX_DECIMAL_UNITS, MAX_EXACT_UNITS, f64, i32, internalError, type Params, Slot, U, u8 } from "./common";
import { type ExactRank, selectTop } from "./select";
import type { Weights } from "./weights";

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
  const absR = R < 0n ? -R : R;
  if (absR > (d > 0 ? MAX_DECIMAL_UNITS : MAX_EXACT_UNITS) || absR * dDen > MAX_EXACT_UNITS) throw new AllocationError("#NUM!", "total-too-large");
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
export interface Rounded {
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

export function round(weights: Weights, params: Params): Rounded {
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

export function sharesOf(r: Rounded): number[] {
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

