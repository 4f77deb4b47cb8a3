/**
 * Tables over whole columns and the whole sheet (issue 13): Excel makes `A1:C1048576` when a user
 * formats whole columns as a table, with only the plan's rows filled. `kbr build --input` and
 * `kbr check` must read such tables by their used rows: the same result as the tight tables, in
 * about the same time and memory (target: < 10 s and < 300 MB each). Before the fix, whole
 * columns ran past 60 s and 4 GB and ended in a V8 out-of-memory crash.
 *
 * Each of the plan's four tables stands on its own sheet at A1 (whole-column tables cannot share
 * a sheet's columns); the workbooks are written into a temp dir by the streaming writer
 * (support/workbook.ts); each command runs in its own child process (support/measure.ts),
 * killed at KBR_BENCH_TIMEOUT_S (default 120). Exit 1 when a build fails or gives another result.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { colLetters } from "../src/core/a1";
import type { TableData } from "../src/core/workbook/types";
import { plan2009 } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, measureNode, runBench, verdict } from "./support/measure";
import { writeBenchWorkbook } from "./support/workbook";

const MAX_S = 10;
const MAX_MB = 300;
const TIMEOUT_MS = Number(process.env.KBR_BENCH_TIMEOUT_S ?? 120) * 1000;

const CASES: { label: string; ref?: (t: TableData, tight: string) => string }[] = [
  { label: "tight tables (reference)" },
  { label: "100 000-row refs", ref: (t) => `A1:${colLetters(t.headers.length - 1)}100001` },
  { label: "whole columns (A1:C1048576)", ref: (t) => `A1:${colLetters(t.headers.length - 1)}1048576` },
  { label: "whole sheet (A1:XFD1048576)", ref: () => "A1:XFD1048576" },
];

async function main(): Promise<number> {
  ensureCompiledCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-used-"));
  const tables = plan2009().map((t) => ({ ...t, sheet: t.name, top: 0, left: 0, title: undefined }));
  let failed = 0;
  let reference: string | null = null;
  try {
    for (const c of CASES) {
      const input = path.join(dir, "plan.xlsx");
      await writeBenchWorkbook(input, { tables, tableRef: c.ref });
      console.log(`usedrows.bench (${c.label}):`);
      const out = path.join(dir, "ut.xlsx");
      const build = await measureNode(kbrArgs("build", "--input", input, "--out", out, "--json"), TIMEOUT_MS);
      const check = await measureNode(kbrArgs("check", input), TIMEOUT_MS);
      let same = "";
      if (build.code === 0) {
        const got = JSON.stringify((JSON.parse(build.stdout) as { municipalities: unknown }).municipalities);
        reference ??= got;
        same = got === reference ? ", contributions as from the tight tables" : ", OTHER CONTRIBUTIONS than from the tight tables";
        if (got !== reference) failed++;
      } else failed++;
      if (check.code !== 0 && check.code !== 1) failed++;
      console.log(`  kbr build --input: ${describe(build)}  target < ${MAX_S} s, < ${MAX_MB} MB: ${verdict(build, MAX_S, MAX_MB)}${same}`);
      console.log(`  kbr check        : ${describe(check)}  target < ${MAX_S} s, < ${MAX_MB} MB: ${verdict(check, MAX_S, MAX_MB)}`);
      if (build.code !== 0) console.log(`    said: ${build.stderr.trim().split("\n").slice(-2).join(" | ").slice(0, 300)}`);
      fs.rmSync(input, { force: true });
      fs.rmSync(out, { force: true });
    }
    return failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
