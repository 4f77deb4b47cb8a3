/**
 * Reading the weights (populations): validated into a reused Float64Array, with their exact sum
 * as a decimal (A / 10^S), which the exact rule needs and a double sum would not give.
 */
import { type Decimal, parseDecimalString, pow10, smallScaleOf } from "../decimal";
import { badWeight, checkCount, f64, POW10, Slot, TWO_52, TWO_53 } from "./common";


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
export interface Weights {
  readonly w: Float64Array;
  readonly max: number;
  readonly A: bigint;
  readonly S: number;
}

function finishWeights(w: Float64Array, max: number, sum: ExactWeightSum): Weights {
  const { A, S } = sum.result();
  return { w, max, A, S };
}

export function readWeights(weights: ArrayLike<number>): Weights {
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
export function readColumn(values: ReadonlyArray<ReadonlyArray<unknown>>): Weights {
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

