/**
 * The budget follow-up at the scale of issue 15: a ledger of 100 000 rows and 20 000 hour rows
 * at 357 municipalities × 10 years × 200 cost posts, in process: reading and summing
 * (followUp), the Oppfølging sheet plan, and the size of the `followUp` JSON. Exit code 1 when
 * the sums differ from an independent integer sum (not when it is only slow: timings on a shared
 * CPU are noisy). The whole `kbr build` with such tables is bench/followupbuild.bench.ts.
 */
import { followUp, followUpJson } from "../src/core/followup";
import { compute } from "../src/core/model/compute";
import { readModel } from "../src/core/model/read";
import { planFollowUp } from "../src/core/plans/followup";
import type { TableData } from "../src/core/workbook/types";
import { followUpRows, followUpTableData } from "../test/fixtures/followupRows";
import { bigRegion } from "../test/fixtures/regions";
import { runBench } from "./support/measure";

const LEDGER = 100_000;
const HOURS = 20_000;

async function main(): Promise<number> {
  const tables: TableData[] = bigRegion();
  const read = readModel(tables);
  if (!read.model || !read.refs) throw new Error("bigRegion does not model");
  const model = read.model;
  const years = model.years;
  // Every tenth ledger row a payment, the rest on external posts; hours over the in-kind posts.
  const rows = followUpRows(tables, LEDGER, HOURS);
  const costOre = rows.costOre;
  tables.push(...followUpTableData(rows));
  const computed = compute(model);

  const times: number[] = [];
  let result = followUp(tables, model, read.refs, computed);
  for (let k = 0; k < 5; k++) {
    global.gc?.();
    const t = performance.now();
    result = followUp(tables, model, read.refs, computed);
    times.push(performance.now() - t);
  }
  const f = result!.followUp!;
  let t = performance.now();
  const plan = planFollowUp(tables, model, read.refs, f);
  const planMs = performance.now() - t;
  t = performance.now();
  const json = JSON.stringify(followUpJson(f));
  const jsonMs = performance.now() - t;
  times.sort((a, b) => a - b);
  console.log(`followup.bench: ${LEDGER} ledger rows, ${HOURS} hour rows, ${model.municipalities.length} municipalities × ${years.length} years × ${model.costs.length} cost posts`);
  console.log(`  followUp (read, check, sum):  median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[4].toFixed(0)}); ${result!.findings.length} findings`);
  console.log(`  Oppfølging plan:              ${planMs.toFixed(0)} ms, ${plan.cells.length} cells (${plan.cells.filter((c) => c.formula).length} formulas)`);
  console.log(`  followUp JSON:                ${(json.length / 1e6).toFixed(2)} MB in ${jsonMs.toFixed(0)} ms`);

  let got = 0;
  for (const c of f.costs) if (c.kind === "Ekstern") got += Math.round(c.actual * 100);
  if (got !== costOre) {
    console.log(`  FAIL: external actuals add up to ${got} øre, the ledger's cost rows to ${costOre} øre`);
    return 1;
  }
  console.log(`  external actuals = the ledger's cost rows: ${costOre} øre`);
  return 0;
}

runBench(main);
