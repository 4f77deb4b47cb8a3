import fc from "fast-check";
import { AllocationError, roundHalfAway, split, splitDetail } from "../../src/core/allocation";
import { MAX_DECIMAL_UNITS, MAX_EXACT_UNITS } from "../../src/core/allocation/common";
import {
  add,
  cmp,
  floorF,
  frac,
  type Frac,
  mul,
  oracleSplit,
  reduce,
  roundHalfAwayF,
  shown,
  sub,
  tenTo,
  unitsToDouble,
} from "./oracle";

const RUNS = 2000;

// Weights of the kinds a workbook holds, and the extremes a double allows.
const integerWeight = fc.integer({ min: 0, max: 1_000_000 });
const decimalWeight = fc
  .tuple(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 0, max: 6 }))
  .map(([m, k]) => m / 10 ** k); // the double nearest m / 10^k, which shows as m / 10^k
const hugeWeight = fc.double({ min: 1e15, max: 1e300, noNaN: true, noDefaultInfinity: true });
const tinyWeight = fc.double({ min: Number.MIN_VALUE, max: 1e-290, noNaN: true, noDefaultInfinity: true });
const anyWeight = fc.double({ min: 0, max: 1e20, noNaN: true, noDefaultInfinity: true });
const fewValues = fc.integer({ min: 0, max: 4 }); // many equal weights: ties everywhere

const weightsArb = fc.oneof(
  { weight: 4, arbitrary: fc.array(integerWeight, { minLength: 1, maxLength: 25 }) },
  { weight: 3, arbitrary: fc.array(decimalWeight, { minLength: 1, maxLength: 25 }) },
  { weight: 2, arbitrary: fc.array(fewValues, { minLength: 1, maxLength: 25 }) },
  {
    weight: 2,
    arbitrary: fc.array(fc.oneof(integerWeight, decimalWeight, hugeWeight, tinyWeight, anyWeight, fc.constant(0)), {
      minLength: 1,
      maxLength: 12,
    }),
  },
);

const totalArb = fc.oneof(
  fc.constant(500000),
  fc.integer({ min: -10_000_000, max: 10_000_000 }),
  fc.tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 6 })).map(([m, k]) => m / 10 ** k),
  fc.double({ min: -1e15, max: 1e15, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e25, max: 1e25, noNaN: true, noDefaultInfinity: true }),
);

const equalShareArb = fc.oneof(
  fc.constantFrom(0, 1, 0.5, 0.3, 0.1, 0.7),
  fc.integer({ min: 0, max: 1000 }).map((m) => m / 1000),
  fc.double({ min: 0, max: 1, noNaN: true }),
);

const decimalsArb = fc.oneof(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -2, max: 3 }));

const caseArb = fc.record({ weights: weightsArb, total: totalArb, equalShare: equalShareArb, decimals: decimalsArb });
type Case = { weights: number[]; total: number; equalShare: number; decimals: number };

const absF = (a: Frac): Frac => (a.n < 0n ? frac(-a.n, a.d) : a);
const sumIsZero = (ws: number[]): boolean => ws.every((w) => w === 0);
/**
 * round(T) in units of 10^-decimals within 10^15 when decimals > 0 (MAX_DECIMAL_UNITS: shares of
 * at most 15 significant digits), else within 2^53 - 1, and in whole units of the total within 2^53 - 1.
 */
const withinLimit = (c: { total: number; decimals: number }): boolean => {
  const R = roundHalfAwayF(mul(shown(c.total), tenTo(c.decimals)));
  const abs = R < 0n ? -R : R;
  const whole = c.decimals < 0 ? abs * 10n ** BigInt(-c.decimals) : abs;
  return abs <= (c.decimals > 0 ? MAX_DECIMAL_UNITS : MAX_EXACT_UNITS) && whole <= MAX_EXACT_UNITS;
};
const computable = (c: Case): boolean => !(sumIsZero(c.weights) && c.equalShare < 1) && withinLimit(c);
/**
 * Every share then has at most 15 significant digits, so its double shows as exactly that decimal
 * (DBL_DIG); beyond, a double cannot hold every such decimal and split returns the nearest double.
 */
const representable = (c: Case): boolean =>
  cmp(absF(mul(shown(c.total), tenTo(c.decimals))), frac(10n ** 15n - 2n * BigInt(c.weights.length))) < 0;
const opts = (c: Case) => ({ total: c.total, equalShare: c.equalShare, decimals: c.decimals });

/** A returned double back in units of 10^-decimals, as a fraction (the decimal Excel shows). */
const inUnits = (x: number, decimals: number): Frac => mul(shown(x), tenTo(decimals));
const sumF = (xs: Frac[]): Frac => xs.reduce(add, frac(0n));
const ONE = frac(1n);

describe("split: properties against the exact rational oracle", () => {
  it("agrees exactly with the oracle", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(computable(c));
        const got = split(c.weights, opts(c));
        const want = oracleSplit(c.weights, c.total, c.equalShare, c.decimals).units.map((u) =>
          unitsToDouble(u, c.decimals),
        );
        expect(got).toEqual(want);
      }),
      { numRuns: RUNS },
    );
  });

  it("adds up exactly to roundHalfAway(T, decimals) and keeps each share within one unit of exact_i", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(computable(c) && representable(c));
        const got = split(c.weights, opts(c));
        const units = got.map((x) => inUnits(x, c.decimals));
        const total = sumF(units);
        expect(cmp(total, frac(roundHalfAwayF(mul(shown(c.total), tenTo(c.decimals)))))).toBe(0);
        expect(cmp(total, inUnits(roundHalfAway(c.total, c.decimals), c.decimals))).toBe(0);
        const { exact } = oracleSplit(c.weights, c.total, c.equalShare, c.decimals);
        units.forEach((u, i) => expect(cmp(absF(sub(u, exact[i])), ONE)).toBe(-1));
      }),
      { numRuns: RUNS },
    );
  });

  it("permuting rows permutes the result when no two rows tie on the remainder", () => {
    const permCase = fc
      .record({
        weights: fc.uniqueArray(fc.oneof(integerWeight, decimalWeight), { minLength: 2, maxLength: 25 }),
        total: totalArb,
        equalShare: equalShareArb,
        decimals: decimalsArb,
      })
      .chain((c) =>
        fc.record({
          c: fc.constant(c),
          keys: fc.array(fc.double({ noNaN: true }), { minLength: c.weights.length, maxLength: c.weights.length }),
        }),
      );
    fc.assert(
      fc.property(permCase, ({ c, keys }) => {
        fc.pre(computable(c));
        // Rows with equal remainders are ordered by position, so a permutation may move the unit.
        const { exact } = oracleSplit(c.weights, c.total, c.equalShare, c.decimals);
        const rems = exact.map((x) => reduce(sub(x, frac(floorF(x)))));
        const distinct = new Set(rems.map((r) => `${r.n}/${r.d}`));
        fc.pre(distinct.size === rems.length);
        const perm = c.weights.map((_, i) => i).sort((i, j) => keys[i] - keys[j] || i - j);
        const base = split(c.weights, opts(c));
        const permuted = split(
          perm.map((i) => c.weights[i]),
          opts(c),
        );
        expect(permuted).toEqual(perm.map((i) => base[i]));
      }),
      { numRuns: RUNS },
    );
  });

  it("agrees with the oracle on longer columns (histogram and cut-off selection at work)", () => {
    const longCase = fc.record({
      weights: fc.oneof(
        fc.array(integerWeight, { minLength: 100, maxLength: 600 }),
        fc.array(fc.oneof(decimalWeight, fewValues), { minLength: 100, maxLength: 600 }),
      ),
      total: totalArb,
      equalShare: equalShareArb,
      decimals: decimalsArb,
    });
    fc.assert(
      fc.property(longCase, (c) => {
        fc.pre(computable(c));
        const want = oracleSplit(c.weights, c.total, c.equalShare, c.decimals).units.map((u) =>
          unitsToDouble(u, c.decimals),
        );
        expect(split(c.weights, opts(c))).toEqual(want);
      }),
      { numRuns: 150 },
    );
  });

  it("near 2^53: shares that add up exactly to the rounded total, or #NUM! total-too-large past the limit", () => {
    const near = fc.oneof(
      fc.bigInt({ min: 2n ** 52n, max: 2n ** 54n }).map((b) => Number(b)),
      fc.bigInt({ min: -(2n ** 54n), max: -(2n ** 52n) }).map((b) => Number(b)),
      fc.double({ min: 2 ** 40, max: 2 ** 60, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(integerWeight, { minLength: 1, maxLength: 40 }), near, equalShareArb, fc.integer({ min: -3, max: 3 }), (weights, total, equalShare, decimals) => {
        fc.pre(!(sumIsZero(weights) && equalShare < 1));
        const c = { weights, total, equalShare, decimals };
        if (!withinLimit(c)) {
          let err: unknown;
          try {
            split(weights, opts(c));
          } catch (e) {
            err = e;
          }
          expect(err).toBeInstanceOf(AllocationError);
          expect((err as AllocationError).code).toBe("#NUM!");
          expect((err as AllocationError).reason).toBe("total-too-large");
          return;
        }
        const got = split(weights, opts(c));
        // Whole units of at most 2^53 - 1 each: their sum in units is exact and is round(T).
        const units = got.map((x) => roundHalfAwayF(inUnits(x, decimals)));
        expect(units.reduce((a, b) => a + b, 0n)).toBe(roundHalfAwayF(mul(shown(total), tenTo(decimals))));
        if (decimals <= 0) expect(got.reduce((a, b) => a + b, 0)).toBe(roundHalfAway(total, decimals));
      }),
      { numRuns: RUNS },
    );
  });

  it("throws #DIV/0! exactly when all weights are 0 and e < 1", () => {
    fc.assert(
      fc.property(fc.array(fc.constant(0), { minLength: 1, maxLength: 10 }), equalShareArb, (ws, e) => {
        if (e < 1) expect(() => split(ws, { equalShare: e })).toThrow(AllocationError);
        else expect(split(ws, { equalShare: e, total: ws.length * 3 })).toEqual(ws.map(() => 3));
      }),
      { numRuns: 200 },
    );
  });
});

describe("splitDetail: properties", () => {
  it("totals equal split(); columns add up; parts sum per row; parts within one unit; equals the oracle", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(computable(c));
        const d = splitDetail(c.weights, opts(c));
        expect(d.total).toEqual(split(c.weights, opts(c)));
        const o = oracleSplit(c.weights, c.total, c.equalShare, c.decimals);
        expect(d.equal).toEqual(o.equalUnits.map((u) => unitsToDouble(u, c.decimals)));
        expect(d.population).toEqual(o.populationUnits.map((u) => unitsToDouble(u, c.decimals)));
        if (!representable(c)) return;
        const eq = d.equal.map((x) => inUnits(x, c.decimals));
        const pop = d.population.map((x) => inUnits(x, c.decimals));
        const tot = d.total.map((x) => inUnits(x, c.decimals));
        const T = mul(shown(c.total), tenTo(c.decimals));
        const RE = frac(roundHalfAwayF(mul(T, shown(c.equalShare))));
        expect(cmp(sumF(eq), RE)).toBe(0);
        expect(cmp(sumF(pop), sub(frac(roundHalfAwayF(T)), RE))).toBe(0);
        tot.forEach((t, i) => {
          expect(cmp(add(eq[i], pop[i]), t)).toBe(0);
          expect(cmp(absF(sub(eq[i], o.exactEqual)), ONE)).toBe(-1);
          expect(cmp(absF(sub(pop[i], o.exactPopulation[i])), ONE)).toBe(-1);
        });
      }),
      { numRuns: RUNS },
    );
  });
});
