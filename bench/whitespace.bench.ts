/**
 * A sheet part that is mostly whitespace (issue 13): the input tables' sheet holds N bytes of
 * spaces right after `<sheetData>`, before its rows (the tables start at row 2, so the row
 * skipper is in front of the parser). Before the fix the skipper held everything after
 * `<sheetData>` and scanned it again with every chunk: time grew with the square of the size
 * (32 MB: 17 s; 128 MB: over 120 s). Linear now: the time grows with the size.
 *
 * Sizes: 32 MB, 128 MB and 400 MB (under the 512 MB a part may unpack to: the build must
 * succeed) and 1.5 GB (over it: `kbr` must refuse with exit 2, having inflated at most 512 MB).
 * Each workbook is written into a temp dir by streaming deflate (support/workbook.ts), so the
 * bench never holds the part in memory; each command runs in its own child process
 * (support/measure.ts), killed at KBR_BENCH_TIMEOUT_S (default 300). KBR_BENCH_SIZES="32 MB,128 MB"
 * runs only those sizes.
 * KBR_BENCH_BIN measures another checkout's kbr (figures before a change).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan2009 } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, measureNode, runBench, verdict } from "./support/measure";
import { writeBenchWorkbook } from "./support/workbook";

const TIMEOUT_MS = Number(process.env.KBR_BENCH_TIMEOUT_S ?? 300) * 1000;
const MAX_MB = 1024;

const SIZES: { label: string; bytes: number; exit: number; maxS: number }[] = [
  { label: "32 MB", bytes: 32 * 2 ** 20, exit: 0, maxS: 10 },
  { label: "128 MB", bytes: 128 * 2 ** 20, exit: 0, maxS: 20 },
  { label: "400 MB", bytes: 400 * 2 ** 20, exit: 0, maxS: 60 },
  { label: "1.5 GB", bytes: 1.5 * 2 ** 30, exit: 2, maxS: 60 },
];

async function main(): Promise<number> {
  ensureCompiledCli();
  const only = (process.env.KBR_BENCH_SIZES ?? "").split(",").filter((s) => s.trim() !== "");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-ws-"));
  let failed = 0;
  try {
    for (const size of SIZES) {
      if (only.length > 0 && !only.some((o) => size.label === o.trim())) continue;
      const input = path.join(dir, "plan.xlsx");
      const t = Date.now();
      await writeBenchWorkbook(input, { tables: plan2009(), bombBytes: size.bytes, bombFirst: true });
      console.log(
        `whitespace.bench (${size.label} of spaces before the rows): ${(fs.statSync(input).size / 1e6).toFixed(1)} MB zipped (made in ${((Date.now() - t) / 1000).toFixed(1)} s); expected exit ${size.exit}`,
      );
      for (const [label, args] of [
        ["kbr build --input", kbrArgs("build", "--input", input, "--out", path.join(dir, "ut.xlsx"))],
        ["kbr check        ", kbrArgs("check", input)],
      ] as const) {
        const m = await measureNode([...args], TIMEOUT_MS, { LC_ALL: "nb_NO.UTF-8" });
        // check exits 0 or 1 (warnings/findings about missing generated sheets) when it could read.
        const ok = !m.timedOut && (m.code === size.exit || (size.exit === 0 && label.startsWith("kbr check") && m.code === 1));
        if (!ok) failed++;
        const said = m.code === 2 ? `\n    said: ${m.stderr.trim().split("\n").slice(-1)[0]?.slice(0, 200)}` : "";
        console.log(`  ${label}: ${describe(m)}  target < ${size.maxS} s, < ${MAX_MB} MB: ${verdict(m, size.maxS, MAX_MB)}${ok ? "" : " (UNEXPECTED OUTCOME)"}${said}`);
      }
      fs.rmSync(input, { force: true });
      fs.rmSync(path.join(dir, "ut.xlsx"), { force: true });
    }
    return failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
