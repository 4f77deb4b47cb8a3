/**
 * Start-up of the kbr command: `node bin/kbr.js --help` against a bare `node -e 0`, like
 * hyperfine: the two alternately (the CPU is shared, so alternating exposes both to the same
 * load), a few warm-up runs, then the median wall time of RUNS each. Target: kbr --help under
 * twice the bare start (the workbook machinery is loaded only by the commands). Exits non-zero
 * when the target is missed, when lib/ is missing, or when --help fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const KBR = join(ROOT, "bin", "kbr.js");
const WARMUP = 3;
const RUNS = Number(process.env.KBR_BENCH_RUNS) || 31;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Wall time of one child process, in ms; fails the bench when the child fails. */
function run(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) {
    console.log(`node ${args.join(" ")} failed (exit ${r.status ?? r.signal}): ${String(r.stderr)}`);
    process.exit(1);
  }
  return ms;
}

if (!existsSync(join(ROOT, "lib", "cli", "cli.js"))) {
  console.log("lib/ is missing: run `npm run prepare` first.");
  process.exit(1);
}

const bare: number[] = [];
const help: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const b = run(["-e", "0"]);
  const h = run([KBR, "--help"]);
  if (i >= WARMUP) {
    bare.push(b);
    help.push(h);
  }
}
const mb = median(bare);
const mh = median(help);
const ratio = mh / mb;
const f = (x: number) => x.toFixed(1).padStart(7);
console.log(`runs: ${RUNS} each, alternating, after ${WARMUP} warm-up runs (median wall time)`);
console.log(`node -e 0              ${f(mb)} ms  (min ${f(Math.min(...bare))}, max ${f(Math.max(...bare))})`);
console.log(`node bin/kbr.js --help ${f(mh)} ms  (min ${f(Math.min(...help))}, max ${f(Math.max(...help))})`);
console.log(`ratio: ${ratio.toFixed(2)}x (target < 2x) ${ratio < 2 ? "OK" : "MISSED"}`);
if (ratio >= 2) process.exitCode = 1;
