/**
 * Multiplication on the decimals Excel shows: 0.15 × 1250000 gives 187500 and 0.1 × 3 gives
 * 0.3, not the binary floating-point neighbours. Each operand is read as its shortest
 * round-trip decimal (what String() and Excel show), multiplied exactly as BigInts, and the
 * exact product is converted back to the nearest double once.
 */

interface Decimal {
  /** Signed integer mantissa. */
  m: bigint;
  /** Power of ten: value = m × 10^e. */
  e: number;
}

function parse(x: number): Decimal {
  // String() of a finite double is its shortest round-trip decimal, possibly in exponent form.
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new RangeError(`not a finite number: ${x}`);
  const [, sign, int, frac = "", exp = "0"] = match;
  return { m: BigInt(`${sign}${int}${frac}`), e: Number(exp) - frac.length };
}

/** a × b computed exactly on the shown decimals, then rounded once to the nearest double. */
export function decimalMultiply(a: number, b: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a * b;
  const x = parse(a);
  const y = parse(b);
  const product = Number(`${x.m * y.m}e${x.e + y.e}`);
  // -0 reads badly in a cell and equals 0 anyway.
  return product === 0 ? 0 : product;
}
