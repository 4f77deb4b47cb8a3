/**
 * The allocation rule (docs/allocation.md): 50 % equally and 50 % by population (any equal share),
 * rounded by the largest-remainder method so the shares add up exactly.
 * Pure TypeScript: no Office, no DOM, no file system.
 *
 * CONTRACT: other modules code against these signatures.
 */

// The parts live in allocation/: common (errors, options, scratch), weights (reading and exact
// sum), round (the exact rule, fast pass with error bound, exact integer path) and select (which
// rows get the extra unit). This file is the API.
import { bigUnitsToNumber, decimalToRational, floorDiv, pow10, roundHalfAwayRational, shownDecimal, unitsToNumber } from "./decimal";
import { AllocationError, checkCount, checkDecimals, internalError, readOptions, type SplitDetail, type SplitOptions, U } from "./allocation/common";
import { round, sharesOf } from "./allocation/round";
import { type ExactRank, selectTop } from "./allocation/select";
import { readColumn, readWeights } from "./allocation/weights";

export { AllocationError, MAX_WEIGHTS } from "./allocation/common";
export type { SplitDetail, SplitOptions } from "./allocation/common";

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
