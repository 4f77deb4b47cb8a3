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
import type { TableData } from "../src/core/workbook/types";
import { PackageWorkbook } from "../src/xlsx/packageWorkbook";
import { followUpRows, followUpTableData } from "../test/fixtures/followupRows";
import { bigRegion } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, kbrOutcome, measureNode, runBench, verdict } from "./support/measure";

const LEDGER = 100_000;
const HOURS = 20_000;

async function main(): Promise<number> {
  const tables: TableData[] = bigRegion();
  const read = readModel(tables);
  if (!read.model) throw new Error("bigRegion does not model");
  const model = read.model;
  const years = model.years;
  const ext = model.costs.filter((c) => c.kind === "Ekstern").map((c) => c.label);
  const rows = followUpRows(tables, LEDGER, HOURS);
  const costOre = rows.costOre;
  tables.push(...followUpTableData(rows));

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
