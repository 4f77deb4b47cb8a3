/**
 * The budget follow-up at the scale of issue 15: a ledger of 100 000 rows and 20 000 hour rows
 * at 357 municipalities × 10 years × 200 cost posts, in process: reading and summing
 * (followUp), the Oppfølging sheet plan, and the size of the `followUp` JSON. Exit code 1 when
 * the sums differ from an independent integer sum (not when it is only slow: timings on a shared
 * CPU are noisy). The whole `kbr build` with such tables is for the CLI bench once the sheet is
 * wired into the build.
 */
import { followUp, followUpJson } from "../src/core/followup";
import { compute } from "../src/core/model/compute";
import { readModel } from "../src/core/model/read";
import { planFollowUp } from "../src/core/plans/followup";
import type { CellValue, TableData } from "../src/core/workbook/types";
import { bigRegion, prng } from "../test/fixtures/regions";
import { runBench } from "./support/measure";

const LEDGER = 100_000;
const HOURS = 20_000;

async function main(): Promise<number> {
  const tables: TableData[] = bigRegion();
  const read = readModel(tables);
  if (!read.model || !read.refs) throw new Error("bigRegion does not model");
  const model = read.model;
  const rnd = prng(15);
  const years = model.years;
  const ext = model.costs.filter((c) => c.kind === "Ekstern").map((c) => c.label);
  const inKind = model.costs.filter((c) => c.kind === "Egeninnsats").map((c) => c.label);
  const day = (y: string) => new Date(Date.UTC(Number(y), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  /** Independent check: the ledger's cost rows in øre, as integers. */
  let costOre = 0;
  const ledger: CellValue[][] = [];
  for (let i = 0; i < LEDGER; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    const ore = Math.floor(rnd() * 5_000_000) - 100_000;
    if (i % 10 === 0) ledger.push([day(y), "Kommunene", ore / 100, model.municipalities[i % model.municipalities.length].name, null]);
    else {
      costOre += ore;
      ledger.push([day(y), ext[i % ext.length], ore / 100, null, `Bilag ${i}`]);
    }
  }
  const hours: CellValue[][] = [];
  for (let i = 0; i < HOURS; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    hours.push([day(y), model.municipalities[i % model.municipalities.length].name, Math.floor(rnd() * 40) / 4, 450 + Math.floor(rnd() * 300), `Person ${i % 900}`, inKind[i % inKind.length], null]);
  }
  tables.push({ name: "Regnskap", sheet: "Regnskap", top: 0, left: 0, headers: ["Dato", "Post", "Beløp", "Kommune", "Tekst"], rows: ledger });
  tables.push({ name: "Timer", sheet: "Timer", top: 0, left: 0, headers: ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"], rows: hours });
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
