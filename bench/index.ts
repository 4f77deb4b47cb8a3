/**
 * Runs every bench/*.bench.ts in name order, each in its own Node process (a fresh JIT and heap,
 * so one benchmark does not warm up or fragment memory for the next). A bench file is a plain
 * script: it prints its figures and exits non-zero when a correctness check fails. The runner
 * exits non-zero if any bench did. `npm run bench -- split` runs only the files whose name
 * contains "split". Node gets --expose-gc so a bench may collect garbage between timed runs.
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = __dirname;
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .sort();
const only = process.argv.slice(2);
let failed = 0;
for (const file of files) {
  if (only.length > 0 && !only.some((o) => file.includes(o))) continue;
  console.log(`\n=== ${file} ===`);
  const run = spawnSync(process.execPath, ["--expose-gc", "-r", "ts-node/register", join(dir, file)], {
    stdio: "inherit",
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
  });
  if (run.status !== 0) {
    failed++;
    console.log(`${file}: FAILED (exit ${run.status ?? run.signal})`);
  }
}
if (files.length === 0) console.log("no bench/*.bench.ts found");
process.exitCode = failed > 0 ? 1 : 0;
