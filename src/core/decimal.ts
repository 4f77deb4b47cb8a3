/**
 * Exact decimal helpers for the allocation rule: the number Excel shows for a double is the
 * shortest decimal that round-trips it (what `String(x)` prints), and every decision of the
 * rule is taken on that decimal, never on the binary value.
 */

/** A decimal `mantissa * 10^-scale` (scale may be negative for forms like 1.5e+21). */
export interface Decimal {
  readonly mantissa: bigint;
  readonly scale: number;
}

const TWO_53 = 9007199254740992;

/** 10^0 .. 10^22 as doubles: all exact. */
const POW10_DOUBLE: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const pow10Cache: bigint[] = [1n];

/** 10^k as a BigInt (k >= 0), cached because the same few powers are used over and over. */
export function pow10(k: number): bigint {
  if (k < 0 || !Number.isInteger(k)) throw new RangeError(`pow10(${k})`);
  while (pow10Cache.length <= k) pow10Cache.push(pow10Cache[pow10Cache.length - 1] * 10n);
  return pow10Cache[k];
}

/**
 * Smallest scale s in 1..15 such that x = m / 10^s for an integer m with |m| < 10^15, or -1.
 * Why this is the shown decimal: two different decimals of at most 15 significant digits never
 * round to the same double (DBL_DIG = 15), so the shortest round-trip decimal of x is m / 10^s.
 * The check `m / 10^s === x` is exact because m and 10^s are exact doubles and division is
 * correctly rounded.
 */
export function smallScaleOf(x: number): number {
  for (let s = 1; s <= 15; s++) {
    const p = POW10_DOUBLE[s];
    const m = Math.round(x * p);
    if (m >= 1e15 || m <= -1e15) return -1;
    if (m / p === x) return s;
  }
  return -1;
}

/** Parses a decimal in JS `String(x)` form ("-12.5", "1e-7", "1.5e+21"). */
export function parseDecimalString(text: string): Decimal {
  let str = text;
  let exp = 0;
  const ePos = str.search(/[eE]/);
  if (ePos >= 0) {
    exp = Number(str.slice(ePos + 1));
    str = str.slice(0, ePos);
  }
  const dot = str.indexOf(".");
  let digits = str;
  let frac = 0;
  if (dot >= 0) {
    digits = str.slice(0, dot) + str.slice(dot + 1);
    frac = str.length - dot - 1;
  }
  return { mantissa: BigInt(digits), scale: frac - exp };
}

/** The decimal Excel shows for a finite double, exactly. */
export function shownDecimal(x: number): Decimal {
  if (Number.isInteger(x) && Math.abs(x) < TWO_53) return { mantissa: BigInt(x), scale: 0 };
  const s = smallScaleOf(x);
  if (s > 0) return { mantissa: BigInt(Math.round(x * POW10_DOUBLE[s])), scale: s };
  return parseDecimalString(String(x));
}

/** A rational num/den with den > 0, both BigInt. */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

export function decimalToRational(dec: Decimal): Rational {
  return dec.scale >= 0
    ? { num: dec.mantissa, den: pow10(dec.scale) }
    : { num: dec.mantissa * pow10(-dec.scale), den: 1n };
}

/** floor(n / d) for d > 0 (BigInt division truncates toward zero). */
export function floorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n < 0n && q * d !== n ? q - 1n : q;
}

/** num/den rounded to an integer, halves away from zero (den > 0). */
export function roundHalfAwayRational(num: bigint, den: bigint): bigint {
  const mag = num < 0n ? -num : num;
  const q = (2n * mag + den) / (2n * den);
  return num < 0n ? -q : q;
}

function bitLength(x: bigint): number {
  return x === 0n ? 0 : x.toString(2).length;
}

/** x * 2^e for a double x without intermediate overflow or underflow of the power. */
function timesPow2(x: number, e: number): number {
  let r = x;
  let k = e;
  while (k > 1000) {
    r *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    r *= 2 ** -1000;
    k += 1000;
  }
  return r * 2 ** k;
}

/**
 * num/den as the nearest double (den > 0). Correctly rounded in the normal range: the quotient is
 * taken to at least 56 bits with a sticky bit, and BigInt-to-Number rounds to nearest.
 */
export function rationalToDouble(num: bigint, den: bigint): number {
  if (num === 0n) return 0;
  const neg = num < 0n;
  const a = neg ? -num : num;
  const e2 = bitLength(a) - bitLength(den) - 56;
  let q: bigint;
  let rem: bigint;
  if (e2 >= 0) {
    const d2 = den << BigInt(e2);
    q = a / d2;
    rem = a - q * d2;
  } else {
    const a2 = a << BigInt(-e2);
    q = a2 / den;
    rem = a2 - q * den;
  }
  const q2 = (q << 1n) | (rem === 0n ? 0n : 1n);
  const r = timesPow2(Number(q2), e2 - 1);
  return neg ? -r : r;
}

/**
 * An integer count of units of 10^-decimals as the double nearest to the decimal it denotes
 * (so 1 unit at 1 decimal is 0.1, not 0.30000000000000004 - 0.2).
 */
export function unitsToNumber(units: number, decimals: number): number {
  // units and 10^|d| are exact doubles, so one division/multiplication is correctly rounded.
  if (decimals > 0) return units / POW10_DOUBLE[decimals] + 0;
  if (decimals < 0) return units * POW10_DOUBLE[-decimals] + 0;
  return units + 0;
}

/** Same as unitsToNumber for a BigInt count (any size): decimal parsing rounds correctly. */
export function bigUnitsToNumber(units: bigint, decimals: number): number {
  if (units > -9007199254740992n && units < 9007199254740992n) {
    return unitsToNumber(Number(units), decimals);
  }
  return Number(`${units}e${-decimals}`) + 0;
}

/**
 * a × b on the decimals Excel shows, rounded once to the nearest double: 0.15 × 1250000 gives
 * 187500 and 0.1 × 3 gives 0.3, not the binary floating-point neighbours.
 */
export function decimalMultiply(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b;
  const x = shownDecimal(a);
  const y = shownDecimal(b);
  // Decimal-string parsing rounds correctly at any exponent (subnormals included); + 0 turns -0 into 0.
  return Number(`${x.mantissa * y.mantissa}e${-(x.scale + y.scale)}`) + 0;
}
