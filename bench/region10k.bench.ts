/**
 * `kbr build --input` of 10 000 municipalities x 10 years x 200 cost lines, against bare
 * ExcelJS (in-memory workbook, as bench/build.bench.ts) writing the same cells. Target for kbr:
 * under 1 GB peak RSS (issue 8; 3.06 GB before the package writer).
 *
 * The input (the four tables, test/fixtures/regions.ts bigRegion) is written once into a temp
 * dir by the streaming writer (support/workbook.ts); each side runs in its own child process
 * (support/measure.ts). Exit code 1 when kbr fails. KBR_BENCH_TIMEOUT_S (default 300) caps each
 * child.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bigRegion, type BigRegionSize } from "../test/fixtures/regions";
import { baselines, describe, ensureCompiledCli, kbrArgs, kbrOutcome, measureNode, runBench, tsArgs, verdict } from "./support/measure";
import { writeBenchWorkbook } from "./support/workbook";

const SIZE: BigRegionSize = { municipalities: 10_000, years: 10, costLines: 200 };
const MAX_MB = 1024;
const TIMEOUT_MS = Number(process.env.KBR_BENCH_TIMEOUT_S ?? 300) * 1000;

async function main(): Promise<number> {
  ensureCompiledCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-region-"));
  try {
    const input = path.join(dir, "region.xlsx");
    const cells = await writeBenchWorkbook(input, { tables: bigRegion(SIZE) });
    console.log(`region10k.bench: ${SIZE.municipalities} municipalities x ${SIZE.years} years x ${SIZE.costLines} cost lines (input ${cells} cells)`);
    const kbr = await measureNode(kbrArgs("build", "--input", input, "--out", path.join(dir, "kbr.xlsx")), TIMEOUT_MS);
    console.log(`  kbr build --input:             ${describe(kbr)}  target < ${MAX_MB} MB: ${verdict(kbr, Infinity, MAX_MB)}`);
    const bare = await measureNode(
      tsArgs(path.join(__dirname, "support", "bare-exceljs.ts"), "region", path.join(dir, "bare.xlsx"), String(SIZE.municipalities), String(SIZE.years), String(SIZE.costLines)),
      TIMEOUT_MS,
      { TS_NODE_TRANSPILE_ONLY: "1" },
    );
    console.log(`  ExcelJS in memory, same cells: ${describe(bare)} ${bare.stdout.trim()}`);
    console.log(await baselines());
    return kbrOutcome(kbr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
