import { split, splitColumn } from "../../src/core/allocation";
import { floorF, frac, oracleSplit, reduce, sub, unitsToDouble } from "./oracle";

/**
 * What a spreadsheet formula would do in floating point: x = T*e/n + T*(1-e)*p/P, floor, sort by
 * x - floor. Each case below is one where this gets a different answer than exact arithmetic.
 */
function naive(ws: number[], T: number, e: number, d: number): number[] {
  const n = ws.length;
  const P = ws.reduce((a, b) => a + b, 0);
  const s = 10 ** d;
  const x = ws.map((p) => ((T * e) / n + (T * (1 - e) * p) / P) * s);
  const f = x.map(Math.floor);
  const r = x.map((v, i) => v - f[i]);
  const k = Math.round(T * s) - f.reduce((a, b) => a + b, 0);
  const order = x.map((_, i) => i).sort((i, j) => r[j] - r[i] || i - j);
  const u = f.slice();
  for (let t = 0; t < k; t++) u[order[t]] += 1;
  return u.map((v) => v / s);
}

interface Case {
  name: string;
  ws: number[];
  T: number;
  e: number;
  d: number;
  expected: number[];
}

const exactRemainders = (c: Case) =>
  oracleSplit(c.ws, c.T, c.e, c.d).exact.map((x) => reduce(sub(x, frac(floorF(x)))));
const fromOracle = (c: Case) => oracleSplit(c.ws, c.T, c.e, c.d).units.map((u) => unitsToDouble(u, c.d));

const CASES: Case[] = [
  {
    name: "0.1 + 0.2 (shows 0.30000000000000004) weighs more than 0.3",
    ws: [0.3, 0.1 + 0.2, 0.05],
    T: 0.3,
    e: 0,
    d: 1,
    expected: [0.1, 0.2, 0],
  },
  { name: "T = 0.6, e = 0.1, decimal weights", ws: [0.2, 0.7], T: 0.6, e: 0.1, d: 1, expected: [0.2, 0.4] },
  { name: "T = 3.3, e = 0.3, Ressursandel-like weights", ws: [0.1, 0.7, 0.15, 0.1], T: 3.3, e: 0.3, d: 2, expected: [0.47, 1.79, 0.58, 0.46] },
  { name: "T = 0.7, e = 0.7, integer weights", ws: [5, 2], T: 0.7, e: 0.7, d: 2, expected: [0.4, 0.3] },
  { name: "T = 9, e = 0.3, one decimal", ws: [6, 1], T: 9, e: 0.3, d: 1, expected: [6.8, 2.2] },
  { name: "T = 0.3, e = 0.9", ws: [4, 2], T: 0.3, e: 0.9, d: 2, expected: [0.16, 0.14] },
];

/** Exact remainder ties at 1/2 that floating point breaks the wrong way. */
const HALF_TIES: Case[] = [
  { name: "0.2 / 0.7 at e = 0.1", ws: [0.2, 0.7], T: 0.6, e: 0.1, d: 1, expected: [0.2, 0.4] },
  { name: "0.3 / 3 at e = 0.1", ws: [0.3, 3], T: 1.1, e: 0.1, d: 2, expected: [0.15, 0.95] },
  { name: "5 / 2 at e = 0.7", ws: [5, 2], T: 0.7, e: 0.7, d: 2, expected: [0.4, 0.3] },
  { name: "3 / 5 at e = 0", ws: [3, 5], T: 0.6, e: 0, d: 2, expected: [0.23, 0.37] },
  { name: "four rows, two tie", ws: [1, 0.2, 0.7, 0.1], T: 1.3, e: 0, d: 2, expected: [0.65, 0.13, 0.46, 0.06] },
];

/** T/P = 7/3 with populations of a million: remainders 1/3 and 2/3 tie exactly across rows. */
const THIRD_TIES: Case[] = [
  {
    name: "rows 0 and 2 tie at 1/3 with four others",
    ws: [1802071, 1802074, 1115212, 1847368, 1798754],
    T: 19519451,
    e: 0,
    d: 0,
    expected: [4204833, 4204839, 2602161, 4310525, 4197093],
  },
  {
    name: "rows 0, 1 and 3 tie at 1/3",
    ws: [1838578, 1838581, 1157817, 1459522, 1863288],
    T: 19034834,
    e: 0,
    d: 0,
    expected: [4290016, 4290022, 2701573, 3405551, 4347672],
  },
];

/** Remainders a few 1e-12 apart at x ~ 3e9, where the float error is ~1e-7. */
const NEAR_TIES: Case[] = [
  {
    name: "remainders 3.8e-12 apart",
    ws: [1220978021, 1220978024, 1669495850, 1823670983, 1951712728],
    T: 18402616414.01,
    e: 0,
    d: 0,
    expected: [2848948715, 2848948723, 3895490317, 4255232294, 4553996365],
  },
  {
    name: "remainders 3.8e-12 apart, other rows far",
    ws: [1647415757, 1647415760, 1900537610, 1390477776, 1231700064],
    T: 18240942923.01,
    e: 0,
    d: 0,
    expected: [3843970099, 3843970107, 4434587757, 3244448144, 2873966816],
  },
];

describe("cases where floating point decides wrongly", () => {
  it.each([...CASES, ...HALF_TIES, ...THIRD_TIES, ...NEAR_TIES].map((c) => [c.name, c] as const))(
    "%s: naive float differs, ours equals the exact oracle",
    (_name, c) => {
      const want = fromOracle(c);
      expect(want).toEqual(c.expected); // the hand-recorded figures are the exact ones
      expect(naive(c.ws, c.T, c.e, c.d)).not.toEqual(want); // so this case proves something
      expect(split(c.ws, { total: c.T, equalShare: c.e, decimals: c.d })).toEqual(want);
    },
  );

  it("the half-tie cases really have two remainders of exactly 1/2", () => {
    for (const c of HALF_TIES) {
      expect(exactRemainders(c).filter((r) => r.n === 1n && r.d === 2n).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("the third-tie cases really tie exactly, and the near ties are within 1e-11 but not equal", () => {
    for (const c of THIRD_TIES) {
      const keys = exactRemainders(c).map((r) => `${r.n}/${r.d}`);
      expect(new Set(keys).size).toBeLessThan(keys.length);
    }
    for (const c of NEAR_TIES) {
      const [r0, r1] = exactRemainders(c);
      const diff = sub(r1, r0);
      expect(diff.n).toBeGreaterThan(0n);
      expect(diff.n * 10n ** 11n < diff.d).toBe(true);
    }
  });
});

describe("large inputs through the fast path", () => {
  it("many equal weights: one extra unit goes to the first rows", () => {
    const n = 100_000;
    const ws = new Array<number>(n).fill(37);
    const s = split(ws, { total: n + 3, equalShare: 0.5 });
    expect(s.slice(0, 4)).toEqual([2, 2, 2, 1]);
    expect(s.slice(4).every((v) => v === 1)).toBe(true);
  });

  it("equal weights giving exact integer shares (every floor ambiguous in floating point)", () => {
    const n = 50_000;
    const ws = new Array<number>(n).fill(0.1);
    const s = split(ws, { total: n * 3, equalShare: 0.3 });
    expect(s.every((v) => v === 3)).toBe(true);
  });

  it("two alternating weights with the same exact remainder: ties across groups go by row", () => {
    // 1 and 3 alternating, P = 40 000, T = 20 000: x = 0.5 and 1.5, both remainders exactly 1/2
    // in two weight groups; the 10 000 extra units go to the first 10 000 rows whatever their weight.
    const n = 20_000;
    const ws = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 1 : 3));
    const s = split(ws, { total: 20_000, equalShare: 0 });
    const want = ws.map((w, i) => (w === 1 ? 0 : 1) + (i < n / 2 ? 1 : 0));
    expect(s).toEqual(want);
    const small = ws.slice(0, 40);
    expect(split(small, { total: 40, equalShare: 0 })).toEqual(
      oracleSplit(small, 40, 0, 0).units.map((u) => unitsToDouble(u, 0)),
    );
  });

  it("agrees with the oracle on 20 000 random populations with repeats, several settings", () => {
    let seed = 2009;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const ws = Array.from({ length: 20_000 }, () => (rnd() < 0.3 ? 1000 : Math.floor(rnd() * 1_000_000)));
    for (const [T, e, d] of [
      [500000, 0.5, 0],
      [-1234567.89, 0.3, 2],
      [10_000_000, 0, -3],
    ]) {
      const want = oracleSplit(ws, T, e, d).units.map((u) => unitsToDouble(u, d));
      expect(splitColumn(ws.map((w) => [w]), { total: T, equalShare: e, decimals: d }).map((r) => r[0])).toEqual(want);
    }
  });
});
