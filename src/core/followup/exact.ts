/**
 * Exact decimal arithmetic for the follow-up sums (docs/followup.md, "Exact to the øre").
 *
 * Why not doubles: 0.1 + 0.2 is 0.30000000000000004 in binary, and a ledger of 100 000 rows
 * drifts by whole øre. Every cell value is taken as the decimal Excel shows for it (the
 * shortest round-trip decimal, see ../decimal.ts), as a BigInt mantissa and a power-of-ten
 * scale; sums and products are exact, and a figure is rounded once, half away from zero, to
 * øre (as Excel's ROUND(x;2) on the sheet's SUMIFS/SUMPRODUCT total).
 */
import { bigUnitsToNumber, pow10, shownDecimal } from "../decimal";

/** The exact decimal `m × 10^-s`, s >= 0. */
export interface Exact {
  readonly m: bigint;
  readonly s: number;
}

export const ZERO: Exact = { m: 0n, s: 0 };

/** The decimal a finite double shows, exactly (0.1 is one tenth). */
export function exact(x: number): Exact {
  if (Number.isInteger(x) && Math.abs(x) <= Number.MAX_SAFE_INTEGER) return { m: BigInt(x), s: 0 };
  const d = shownDecimal(x);
  return d.scale >= 0 ? { m: d.mantissa, s: d.scale } : { m: d.mantissa * pow10(-d.scale), s: 0 };
}

/** Whole øre as an Exact (scale 2). */
export function fromOre(ore: bigint): Exact {
  return { m: ore, s: 2 };
}

function align(a: Exact, b: Exact): [bigint, bigint, number] {
  if (a.s === b.s) return [a.m, b.m, a.s];
  return a.s > b.s ? [a.m, b.m * pow10(a.s - b.s), a.s] : [a.m * pow10(b.s - a.s), b.m, b.s];
}

export function add(a: Exact, b: Exact): Exact {
  const [x, y, s] = align(a, b);
  return { m: x + y, s };
}

export function sub(a: Exact, b: Exact): Exact {
  const [x, y, s] = align(a, b);
  return { m: x - y, s };
}

export function mul(a: Exact, b: Exact): Exact {
  return { m: a.m * b.m, s: a.s + b.s };
}

/** -1, 0 or 1 as a <, =, > b. */
export function cmp(a: Exact, b: Exact): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function abs(a: Exact): Exact {
  return a.m < 0n ? { m: -a.m, s: a.s } : a;
}

export function isZero(a: Exact): boolean {
  return a.m === 0n;
}

/** a rounded to whole øre, half away from zero (Excel's ROUND(a;2)). */
export function toOre(a: Exact): bigint {
  if (a.s <= 2) return a.m * pow10(2 - a.s);
  const d = pow10(a.s - 2);
  const mag = a.m < 0n ? -a.m : a.m;
  const q = (2n * mag + d) / (2n * d);
  return a.m < 0n ? -q : q;
}

/** Øre as kroner, the double nearest the decimal (12345n -> 123.45). */
export function oreToKr(ore: bigint): number {
  return bigUnitsToNumber(ore, 2);
}

/** The double nearest the exact decimal (for hours and shares, which are not rounded). */
export function toNumber(a: Exact): number {
  return bigUnitsToNumber(a.m, a.s);
}

/**
 * x × 100 when x shows at most two decimals (and fewer than 15 digits), else NaN. Then x is the
 * double nearest o / 100, so o / 100 is the decimal it shows (see smallScaleOf in ../decimal.ts).
 */
function hundredths(x: number): number {
  const o = Math.round(x * 100);
  return Math.abs(o) < 1e15 && o / 100 === x ? o : NaN;
}

/**
 * A running exact sum, in units of 1/10 000 (a krone amount in øre × 100, or hours × rate with
 * two decimals each) in a double while it stays a safe integer: the common case, and cheap for
 * a ledger of 100 000 rows. Anything else (more decimals, a sum past 2^53 units) goes to the
 * BigInt part, so the sum is exact whatever comes.
 */
export class ExactSum {
  private units = 0;
  private big: Exact = ZERO;

  private addUnits(u: number, fallback: () => Exact): void {
    const next = this.units + u;
    // Both are integers below 2^53 in magnitude; the sum is exact while it stays safe.
    if (Number.isSafeInteger(u) && Number.isSafeInteger(next)) this.units = next;
    else this.big = add(this.big, fallback());
  }

  /** Adds a cell's value (the decimal it shows). */
  addNumber(x: number): void {
    const o = hundredths(x);
    if (Number.isNaN(o)) this.big = add(this.big, exact(x));
    else this.addUnits(o * 100, () => exact(x));
  }

  /** Adds a × b exactly (hours × rate). */
  addProduct(a: number, b: number): void {
    const p = hundredths(a) * hundredths(b);
    if (Number.isNaN(p)) this.big = add(this.big, mul(exact(a), exact(b)));
    else this.addUnits(p, () => mul(exact(a), exact(b)));
  }

  add(x: Exact): void {
    this.big = add(this.big, x);
  }

  /** Adds another sum. */
  addSum(o: ExactSum): void {
    this.addUnits(o.units, () => ({ m: BigInt(o.units), s: 4 }));
    this.big = add(this.big, o.big);
  }

  /** The exact sum so far. */
  value(): Exact {
    return add({ m: BigInt(this.units), s: 4 }, this.big);
  }
}
