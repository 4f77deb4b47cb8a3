/**
 * KBR.SPLIT on a full Excel column (1 048 576 weights as [[p], [p], ...], what Excel passes) versus
 * a plain per-row Math.round pass over the same input: median of several timed runs after
 * warm-up. Target: splitColumn within 2x of the plain pass (reported, not asserted). Exits
 * non-zero if a split does not add up exactly to the rounded total.
 */
import { roundHalfAway, splitColumn, type SplitOptions } from "../src/core/allocation";
import { prng } from "../test/fixtures/regions";

const N = 1_048_576;
const WARMUP = 3;
const RUNS = 11;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Times a and b alternately (the CPU is shared, so alternating exposes both to the same load),
 * with a garbage collection before each timed call so neither pays for the other's garbage.
 */
function timePair(a: () => unknown, b: () => unknown): [number[], number[]] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const [f, into] of [
      [a, ta],
      [b, tb],
    ] as const) {
      collect();
      const t0 = process.hrtime.bigint();
      f();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (i >= WARMUP) into.push(ms);
    }
  }
  return [ta, tb];
}

/** The plain pass a naive custom function would do: no exact sum, no ties. P is given. */
function plainPass(rows: number[][], T: number, P: number, decimals: number): number[][] {
  const n = rows.length;
  const out = new Array<number[]>(n);
  const f = T / P;
  if (decimals === 0) for (let i = 0; i < n; i++) out[i] = [Math.round(rows[i][0] * f)];
  else {
    const s = 10 ** decimals;
    const fs = f * s;
    for (let i = 0; i < n; i++) out[i] = [Math.round(rows[i][0] * fs) / s];
  }
  return out;
}

/** Whether the shares add up exactly to round(T, decimals), counted in integer units. */
function sumIsExact(out: number[][], opts: Required<SplitOptions>): boolean {
  const scale = 10 ** opts.decimals;
  let units = 0;
  for (const [v] of out) units += Math.round(v * scale); // each v is units / 10^d rounded to nearest
  return units === Math.round(roundHalfAway(opts.total, opts.decimals) * scale);
}

interface Case {
  name: string;
  rows: number[][];
  opts: Required<SplitOptions>;
}

const r = prng(2009); // deterministic, so every run measures the same data
const cases: Case[] = [
  {
    name: "random populations 0..1e6, T=500000, e=0.5, whole kroner",
    rows: Array.from({ length: N }, () => [Math.floor(r() * 1_000_001)]),
    opts: { total: 500000, equalShare: 0.5, decimals: 0 },
  },
  {
    name: "random populations 0..1e6, T=123456789.01, e=0.3, ore (2 decimals)",
    rows: Array.from({ length: N }, () => [Math.floor(r() * 1_000_001)]),
    opts: { total: 123456789.01, equalShare: 0.3, decimals: 2 },
  },
  {
    name: "Ressursandel-like shares (0.05..0.25), T=1250000, e=0, whole kroner",
    rows: Array.from({ length: N }, () => [[0.1, 0.15, 0.2, 0.25, 0.05][Math.floor(r() * 5)]]),
    opts: { total: 1250000, equalShare: 0, decimals: 0 },
  },
  {
    name: "random decimals 0..1000 with 3 places, T=1e6, e=0.5, 2 decimals",
    rows: Array.from({ length: N }, () => [Math.floor(r() * 1_000_000) / 1000]),
    opts: { total: 1_000_000, equalShare: 0.5, decimals: 2 },
  },
  {
    name: "all populations equal (every remainder ties)",
    rows: Array.from({ length: N }, () => [1234]),
    opts: { total: 500000, equalShare: 0.5, decimals: 0 },
  },
];

let allExact = true;
console.log(`n = ${N}, median of ${RUNS} runs after ${WARMUP} warm-up runs (ms)`);
for (const c of cases) {
  let P = 0;
  for (const [p] of c.rows) P += p;
  let last: number[][] = [];
  const [plainTimes, ourTimes] = timePair(
    () => plainPass(c.rows, c.opts.total, P, c.opts.decimals),
    () => (last = splitColumn(c.rows, c.opts)),
  );
  const plain = median(plainTimes);
  const ours = median(ourTimes);
  const exact = sumIsExact(last, c.opts);
  const plainExact = sumIsExact(plainPass(c.rows, c.opts.total, P, c.opts.decimals), c.opts);
  allExact &&= exact;
  console.log(
    `${c.name}\n  plain Math.round pass ${plain.toFixed(1)} ms (sum exact: ${plainExact})` +
      `  splitColumn ${ours.toFixed(1)} ms  ratio ${(ours / plain).toFixed(2)}x  sum exact: ${exact}`,
  );
}
if (!allExact) {
  console.log("FAIL: a split does not add up to the rounded total");
  process.exitCode = 1;
}
