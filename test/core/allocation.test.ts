import {
  AllocationError,
  MAX_WEIGHTS,
  roundHalfAway,
  split,
  splitColumn,
  splitDetail,
  type SplitOptions,
} from "../../src/core/allocation";
import type { AllocationErrorCode, AllocationErrorReason } from "../../src/core/allocation/common";
import { oracleSplit, unitsToDouble } from "./oracle";

// The 2009 plan (Kongsbergregionen, "Samordnet næringsapparat"): populations 1.1.2008 and the
// printed Totalt column for 500 000 kr, 50 % equally and 50 % by population.
const PLAN_POPULATIONS = [1619, 6066, 12232, 23997, 2521, 1419, 2534];
const PLAN_TOTALS = [43747, 65811, 96403, 154775, 48222, 42755, 48287];
const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);

describe("the 2009 plan", () => {
  it("reproduces the Totalt column to the krone with the defaults", () => {
    expect(split(PLAN_POPULATIONS)).toEqual(PLAN_TOTALS);
    expect(split(PLAN_POPULATIONS, { total: 500000, equalShare: 0.5, decimals: 0 })).toEqual(PLAN_TOTALS);
  });

  it("gives a detail whose columns add up to 250 000 each, unlike the plan's 249 998 / 249 999", () => {
    const d = splitDetail(PLAN_POPULATIONS);
    expect(d.total).toEqual(PLAN_TOTALS);
    // Derived by hand with exact fractions: q = 250000/7 = 35714 + 2/7, k_E = 250000 - 7*35714 = 2;
    // total - exact is largest for Rollag (+0.348) and Nore og Uvdal (+0.276), so they get 35 715.
    expect(d.equal).toEqual([35714, 35714, 35714, 35714, 35714, 35715, 35715]);
    expect(d.population).toEqual([8033, 30097, 60689, 119061, 12508, 7040, 12572]);
    expect(sum(d.equal)).toBe(250000);
    expect(sum(d.population)).toBe(250000);
    d.total.forEach((t, i) => expect(d.equal[i] + d.population[i]).toBe(t));
  });

  it("splitColumn gives the same as split for an n x 1 range", () => {
    expect(splitColumn(PLAN_POPULATIONS.map((p) => [p]))).toEqual(PLAN_TOTALS.map((t) => [t]));
  });

  it("splits the in-kind work by Ressursandel (e = 0) exactly", () => {
    const shares = [0.1, 0.15, 0.2, 0.25, 0.1, 0.1, 0.1];
    expect(split(shares, { total: 1250000, equalShare: 0 })).toEqual([
      125000, 187500, 250000, 312500, 125000, 125000, 125000,
    ]);
  });
});

describe("split", () => {
  it("returns decimals as the shortest doubles (0.1, not 0.30000000000000004 - 0.2)", () => {
    expect(split([1, 1, 1], { total: 1, equalShare: 0, decimals: 1 })).toEqual([0.4, 0.3, 0.3]);
    expect(split([1, 2], { total: 0.3, equalShare: 0, decimals: 2 })).toEqual([0.1, 0.2]);
    const cents = split([3, 3, 3], { total: 100, equalShare: 0.3, decimals: 2 });
    expect(cents).toEqual([33.34, 33.33, 33.33]);
  });

  it("rounds to tens and thousands with negative decimals", () => {
    expect(split([1, 1, 1], { total: 10000, equalShare: 0, decimals: -3 })).toEqual([4000, 3000, 3000]);
    expect(split([1, 2], { total: 1234, equalShare: 0, decimals: -1 })).toEqual([410, 820]);
  });

  it("adds up to the total rounded half away from zero", () => {
    expect(split([1, 1], { total: 0.5, equalShare: 0 })).toEqual([1, 0]);
    // -0.25 each: floors -1, -1, remainders 0.75 tie, target -1: the earlier row gets the unit.
    expect(split([1, 1], { total: -0.5, equalShare: 0 })).toEqual([0, -1]);
    expect(sum(split([1, 1, 1], { total: 2.5 }))).toBe(3);
  });

  it("handles negative totals: floor then the largest remainders, sum exact", () => {
    const s = split([1, 1, 1], { total: -100, equalShare: 0 });
    expect(s).toEqual([-33, -33, -34]);
    expect(sum(s)).toBe(-100);
    expect(split([1, 2, 3], { total: -7 })).toEqual([-2, -2, -3]);
  });

  it("gives ties to the earlier row", () => {
    expect(split([5, 5, 5, 5], { total: 6, equalShare: 0 })).toEqual([2, 2, 1, 1]);
    expect(split([1, 1, 1], { total: 2, equalShare: 0.5 })).toEqual([1, 1, 0]);
  });

  it("splits equally when e = 1, even when every weight is 0", () => {
    expect(split([0, 0, 0], { total: 10, equalShare: 1 })).toEqual([4, 3, 3]);
    expect(split([7, 0, 1], { total: 10, equalShare: 1 })).toEqual([4, 3, 3]);
  });

  it("gives zero weights only their equal part", () => {
    expect(split([0, 10], { total: 100, equalShare: 0.5 })).toEqual([25, 75]);
    expect(split([0, 10], { total: 100, equalShare: 0 })).toEqual([0, 100]);
  });

  it("handles totals and weights far outside the double fast path exactly", () => {
    expect(split([1, 1, 1], { total: 3e15 + 2, equalShare: 0 })).toEqual([1e15 + 1, 1e15 + 1, 1e15]);
    expect(split([1, 1, 1], { total: 9007199254740991, equalShare: 0 }).reduce((a, b) => a + b, 0)).toBe(9007199254740991);
    expect(split([1e300, 1e-300], { total: 100, equalShare: 0 })).toEqual([100, 0]);
  });

  it("refuses a total past 2^53 - 1 kroner (or, with decimals, 10^15 units) with #NUM!, as its shares could not add up", () => {
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return `${(e as AllocationError).code} ${(e as AllocationError).reason}`;
      }
      return "no error";
    };
    expect(reason(() => split([1, 1, 1], { total: 2 ** 53, equalShare: 0 }))).toBe("#NUM! total-too-large");
    expect(reason(() => split([1, 1, 1], { total: -(2 ** 53), equalShare: 0 }))).toBe("#NUM! total-too-large");
    expect(reason(() => split([1, 1, 1], { total: 1e21, equalShare: 0, decimals: 9 }))).toBe("#NUM! total-too-large");
    expect(reason(() => split([1, 1, 1], { total: 1e7, equalShare: 0, decimals: 9 }))).toBe("#NUM! total-too-large");
    // In thousands: 2^53 thousands is too many kroner, even though it is few units.
    expect(reason(() => split([1, 1], { total: 1e19, equalShare: 0, decimals: -3 }))).toBe("#NUM! total-too-large");
    expect(reason(() => split([1, 1], { total: 1e14, equalShare: 0, decimals: 1 }))).toBe("no error");
    // With decimals, 16 significant digits are too many: 606920350465278.7 shows as ...278.8 in a double.
    expect(reason(() => split([443062, 72243], { total: 782143375996709.9, equalShare: 0.233, decimals: 1 }))).toBe("#NUM! total-too-large");
    expect(reason(() => split([1, 1], { total: 1e14 + 0.2, equalShare: 0, decimals: 1 }))).toBe("#NUM! total-too-large");
    expect(split([5e-324, 5e-324, 1e-323], { total: 4, equalShare: 0 })).toEqual([1, 1, 2]);
  });

  it("sums weights near and above 2^52 exactly", () => {
    for (const ws of [
      [2 ** 52 + 1, 2 ** 52 + 3, 3, 2 ** 53 - 1, 1],
      [2 ** 53 - 1, 2 ** 53 - 1, 2 ** 53 - 1, 0.5],
      Array.from({ length: 300 }, (_, i) => 2 ** 51 + 2 * i + 1),
    ]) {
      const want = oracleSplit(ws, 1_000_003, 0, 0).units.map((u) => unitsToDouble(u, 0));
      expect(split(ws, { total: 1_000_003, equalShare: 0 })).toEqual(want);
      expect(splitColumn(ws.map((w) => [w]), { total: 1_000_003, equalShare: 0 }).map((r) => r[0])).toEqual(want);
    }
  });

  it("accepts any ArrayLike, e.g. a Float64Array, and does not depend on the row count for one row", () => {
    expect(split(new Float64Array([1, 3]), { total: 8, equalShare: 0 })).toEqual([2, 6]);
    expect(split([42], { total: 123.456, decimals: 2 })).toEqual([123.46]);
    expect(split([0], { total: -123.455, decimals: 2, equalShare: 1 })).toEqual([-123.46]);
  });

  it("treats null options as defaults (custom functions pass null for omitted arguments)", () => {
    const opts = { total: null, equalShare: null, decimals: null } as unknown as SplitOptions;
    expect(split(PLAN_POPULATIONS, opts)).toEqual(PLAN_TOTALS);
  });
});

describe("roundHalfAway", () => {
  it("rounds the shown decimal half away from zero, as Excel's ROUND", () => {
    expect(roundHalfAway(2.675, 2)).toBe(2.68); // binary 2.67499999... would give 2.67
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
    expect(roundHalfAway(-2.5, 0)).toBe(-3);
    expect(roundHalfAway(2.5, 0)).toBe(3);
    expect(roundHalfAway(-0.4, 0)).toBe(0);
    expect(Object.is(roundHalfAway(-0.4, 0), 0)).toBe(true);
    expect(roundHalfAway(1234, -2)).toBe(1200);
    expect(roundHalfAway(1250, -2)).toBe(1300);
    expect(roundHalfAway(0.1 + 0.2, 9)).toBe(0.3);
    expect(roundHalfAway(123456789012.5, -9)).toBe(123000000000);
    expect(roundHalfAway(1.5e21, 0)).toBe(1.5e21);
    expect(roundHalfAway(1e-7, 7)).toBe(1e-7);
    expect(roundHalfAway(5e-8, 7)).toBe(1e-7);
  });

  it("rejects non-finite values and bad decimals", () => {
    expectError(() => roundHalfAway(NaN, 0), "#VALUE!", "total-not-finite");
    expectError(() => roundHalfAway(1, 0.5), "#NUM!", "decimals-not-integer");
    expectError(() => roundHalfAway(1, 10), "#NUM!", "decimals-out-of-range");
  });
});

function expectError(
  f: () => unknown,
  code: AllocationErrorCode,
  reason: AllocationErrorReason,
  index?: number,
): void {
  let caught: unknown;
  try {
    f();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AllocationError);
  const e = caught as AllocationError;
  expect({ code: e.code, reason: e.reason, index: e.index }).toEqual({ code, reason, index });
}

describe("errors", () => {
  it("weight-not-finite: #VALUE! with the index", () => {
    expectError(() => split([1, NaN, 2]), "#VALUE!", "weight-not-finite", 1);
    expectError(() => split([1, 2, Infinity]), "#VALUE!", "weight-not-finite", 2);
    expectError(() => split([-Infinity]), "#VALUE!", "weight-not-finite", 0);
    expectError(() => splitColumn([[1], ["x"], [2]]), "#VALUE!", "weight-not-finite", 1);
    expectError(() => splitDetail([1, 2, 3, NaN]), "#VALUE!", "weight-not-finite", 3);
  });

  it("weight-negative: #NUM! with the index of the first one", () => {
    expectError(() => split([1, -1, -2]), "#NUM!", "weight-negative", 1);
    expectError(() => splitColumn([[0], [-0.5]]), "#NUM!", "weight-negative", 1);
  });

  it("weights-empty: #VALUE!", () => {
    expectError(() => split([]), "#VALUE!", "weights-empty");
    expectError(() => splitColumn([]), "#VALUE!", "weights-empty");
    expectError(() => splitDetail([]), "#VALUE!", "weights-empty");
  });

  it("too-many-weights: #NUM! above a full column", () => {
    const tooMany = { length: MAX_WEIGHTS + 1 } as ArrayLike<number>;
    expectError(() => split(tooMany), "#NUM!", "too-many-weights");
  });

  it("total-not-finite: #VALUE!", () => {
    expectError(() => split([1], { total: NaN }), "#VALUE!", "total-not-finite");
    expectError(() => split([1], { total: Infinity }), "#VALUE!", "total-not-finite");
  });

  it("equal-share-out-of-range: #NUM!", () => {
    expectError(() => split([1], { equalShare: -0.01 }), "#NUM!", "equal-share-out-of-range");
    expectError(() => split([1], { equalShare: 1.5 }), "#NUM!", "equal-share-out-of-range");
    expectError(() => split([1], { equalShare: NaN }), "#NUM!", "equal-share-out-of-range");
  });

  it("decimals-not-integer and decimals-out-of-range: #NUM!", () => {
    expectError(() => split([1], { decimals: 0.5 }), "#NUM!", "decimals-not-integer");
    expectError(() => split([1], { decimals: NaN }), "#NUM!", "decimals-not-integer");
    expectError(() => split([1], { decimals: 10 }), "#NUM!", "decimals-out-of-range");
    expectError(() => split([1], { decimals: -10 }), "#NUM!", "decimals-out-of-range");
  });

  it("weights-sum-zero: #DIV/0! when e < 1, fine when e = 1", () => {
    expectError(() => split([0, 0, 0]), "#DIV/0!", "weights-sum-zero");
    expectError(() => split([0, 0], { equalShare: 0.999 }), "#DIV/0!", "weights-sum-zero");
    expectError(() => splitDetail([0]), "#DIV/0!", "weights-sum-zero");
    expect(split([0, 0], { equalShare: 1, total: 3 })).toEqual([2, 1]);
  });

  it("the error message names code, reason and position", () => {
    expect(new AllocationError("#NUM!", "weight-negative", 4).message).toBe("#NUM! weight-negative at 4");
  });
});
