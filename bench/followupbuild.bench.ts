/**
 * `kbr build --input` at the follow-up scale of issue 15, as users run it (a child process,
 * bin/kbr.js on the compiled lib/): a workbook of 357 municipalities × 10 years with a ledger
 * of 100 000 rows and 20 000 hour rows, written by the package writer. Wall time and peak RSS
 * against the targets (under 10 s and 1 GB). Exit code 1 when kbr fails or its followUp sums
 * differ from an independent integer sum of the ledger's cost rows (slow is reported, not failed:
 * the CPU is shared).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readModel } from "../src/core/model/read";
import type { CellValue, TableData } from "../src/core/workbook/types";
import { PackageWorkbook } from "../src/xlsx/packageWorkbook";
import { bigRegion, prng } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, kbrOutcome, measureNode, runBench, verdict } from "./support/measure";

const LEDGER = 100_000;
const HOURS = 20_000;

async function main(): Promise<number> {
  const tables: TableData[] = bigRegion();
  const read = readModel(tables);
  if (!read.model) throw new Error("bigRegion does not model");
  const model = read.model;
  const rnd = prng(15);
  const years = model.years;
  const ext = model.costs.filter((c) => c.kind === "Ekstern").map((c) => c.label);
  const inKind = model.costs.filter((c) => c.kind === "Egeninnsats").map((c) => c.label);
  const source = model.financing.find((f) => f.kind === "Kommunene")!.label;
  const day = (y: string) => new Date(Date.UTC(Number(y), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  let costOre = 0;
  const ledger: CellValue[][] = [];
  for (let i = 0; i < LEDGER; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    const ore = Math.floor(rnd() * 5_000_000) - 100_000;
    if (i % 10 === 0) ledger.push([day(y), source, ore / 100, model.municipalities[i % model.municipalities.length].name, null]);
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

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-fubench-"));
  try {
    const input = path.join(dir, "followup.xlsx");
    const book = await PackageWorkbook.create(tables, input);
    fs.writeFileSync(input, await book.toBytes());
    ensureCompiledCli();
    const out = path.join(dir, "out.xlsx");
    const kbr = await measureNode(kbrArgs("build", "--input", input, "--out", out, "--json"), 120_000);
    console.log(`followupbuild.bench: ${LEDGER} ledger rows, ${HOURS} hour rows, ${model.municipalities.length} municipalities × ${years.length} years; input ${(fs.statSync(input).size / 1e6).toFixed(1)} MB`);
    console.log(`  kbr build --input: ${describe(kbr)}; target < 10 s, < 1024 MB: ${verdict(kbr, 10, 1024)}`);
    const failed = kbrOutcome(kbr);
    if (failed || kbr.code !== 0) return failed;
    console.log(`  output ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`);
    const report = JSON.parse(kbr.stdout) as { followUp?: { costs: { post: string; actual: number }[] } };
    const extSet = new Set(ext);
    let got = 0;
    for (const c of report.followUp?.costs ?? []) if (extSet.has(c.post)) got += Math.round(c.actual * 100);
    if (got !== costOre) {
      console.log(`  FAIL: followUp's external actuals add up to ${got} øre, the ledger's cost rows to ${costOre} øre`);
      return 1;
    }
    console.log(`  followUp's external actuals = the ledger's cost rows: ${costOre} øre`);
    return 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
