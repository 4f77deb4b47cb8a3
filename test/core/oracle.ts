/**
 * Independent reference for the allocation rule (docs/allocation.md): plain BigInt fractions on the
 * decimals Excel shows (String(x)), a full sort, no shortcuts and no code shared with src/.
 * Slow on purpose; only for tests.
 */

export interface Frac {
  n: bigint; // numerator (any sign)
  d: bigint; // denominator (> 0)
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Not reduced (gcd on long BigInts dominates the run time); compare with cmp, or reduce() first. */
export function frac(n: bigint, d: bigint = 1n): Frac {
  if (d === 0n) throw new Error("oracle: division by zero");
  return d < 0n ? { n: -n, d: -d } : { n, d };
}

/** Lowest terms, for use as a key. */
export function reduce(a: Frac): Frac {
  const g = gcd(a.n, a.d) || 1n;
  return { n: a.n / g, d: a.d / g };
}

export const add = (a: Frac, b: Frac): Frac => frac(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Frac, b: Frac): Frac => frac(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Frac, b: Frac): Frac => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac): Frac => frac(a.n * b.d, a.d * b.n);
export const cmp = (a: Frac, b: Frac): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

/** The decimal Excel shows for x, from its JS string form ("0.1", "1e-7", "1.5e+21"). */
export function shown(x: number): Frac {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!m) throw new Error(`oracle: cannot parse ${String(x)}`);
  const [, sign, int, fracDigits = "", exp = "0"] = m;
  let n = BigInt(int + fracDigits);
  if (sign) n = -n;
  const e = Number(exp) - fracDigits.length;
  return e >= 0 ? frac(n * 10n ** BigInt(e), 1n) : frac(n, 10n ** BigInt(-e));
}

/** floor of a fraction */
export function floorF(a: Frac): bigint {
  const q = a.n / a.d;
  return a.n < 0n && q * a.d !== a.n ? q - 1n : q;
}

/** Excel ROUND to an integer: half away from zero. */
export function roundHalfAwayF(a: Frac): bigint {
  const neg = a.n < 0n;
  const abs = frac(neg ? -a.n : a.n, a.d);
  const r = floorF(add(abs, frac(1n, 2n)));
  return neg ? -r : r;
}

/** 10^d as a fraction (d may be negative). */
export function tenTo(d: number): Frac {
  return d >= 0 ? frac(10n ** BigInt(d)) : frac(1n, 10n ** BigInt(-d));
}

export interface OracleResult {
  /** exact_i in units of 10^-decimals */
  exact: Frac[];
  /** rounded shares in units */
  units: bigint[];
  /** detail: equal and population parts in units */
  equalUnits: bigint[];
  populationUnits: bigint[];
  /** exact equal part per row (units) and exact population part per row (units) */
  exactEqual: Frac;
  exactPopulation: Frac[];
}

export function oracleSplit(weights: number[], total: number, equalShare: number, decimals: number): OracleResult {
  const n = weights.length;
  const p = weights.map(shown);
  const P = p.reduce(add, frac(0n));
  const T = mul(shown(total), tenTo(decimals)); // in units
  const e = shown(equalShare);
  const one = frac(1n);
  const eqPart = div(mul(T, e), frac(BigInt(n)));
  const exactPopulation = p.map((pi) => (P.n === 0n ? frac(0n) : div(mul(mul(T, sub(one, e)), pi), P)));
  const exact = exactPopulation.map((pop) => add(eqPart, pop));

  const floors = exact.map(floorF);
  const rems = exact.map((x, i) => sub(x, frac(floors[i])));
  const target = roundHalfAwayF(T);
  const k = Number(target - floors.reduce((s, f) => s + f, 0n));
  const order = [...Array(n).keys()].sort((i, j) => cmp(rems[j], rems[i]) || i - j);
  const units = floors.slice();
  for (let t = 0; t < k; t++) units[order[t]] += 1n;

  // Detail: same exact equal part q everywhere; the rows whose total was rounded up most get ceil(q).
  const qFloor = floorF(eqPart);
  const kE = Number(roundHalfAwayF(mul(T, e)) - BigInt(n) * qFloor);
  const delta = units.map((u, i) => sub(frac(u), exact[i]));
  const byDelta = [...Array(n).keys()].sort((i, j) => cmp(delta[j], delta[i]) || i - j);
  const equalUnits = new Array<bigint>(n).fill(qFloor);
  for (let t = 0; t < kE; t++) equalUnits[byDelta[t]] += 1n;
  const populationUnits = units.map((u, i) => u - equalUnits[i]);
  return { exact, units, equalUnits, populationUnits, exactEqual: eqPart, exactPopulation };
}

/** units of 10^-decimals as the double a test expects (the nearest double to the decimal). */
export function unitsToDouble(units: bigint, decimals: number): number {
  return Number(`${units}e${-decimals}`) + 0;
}
