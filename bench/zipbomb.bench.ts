/**
 * Zip bombs: small workbooks whose sheet with the input tables unpacks to gigabytes (the
 * tables, then whitespace inside sheetData): one whose zip headers tell the true size (3.5 GB,
 * past 2 GiB, where a signed 32-bit read goes wrong), one whose headers claim 20 kB for 1.5 GB
 * (a reader must count what it inflates, not trust the headers). `kbr build --input` and
 * `kbr check` must stop with exit 2 and a message in the user's language within 60 s and 1 GB
 * peak RSS (issue 8). Exit code 1 when any does not.
 *
 * The bomb is written once into a temp dir by the streaming writer (support/workbook.ts); each
 * command runs in its own child process (support/measure.ts), killed at KBR_BENCH_TIMEOUT_S
 * (default 120).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan2009 } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, measureNode, runBench, type Measured, verdict } from "./support/measure";
import { writeBenchWorkbook } from "./support/workbook";

const MAX_S = 60;
const MAX_MB = 1024;
const TIMEOUT_MS = Number(process.env.KBR_BENCH_TIMEOUT_S ?? 120) * 1000;

function stopped(m: Measured): boolean {
  return !m.timedOut && m.code === 2 && m.stderr.trim().length > 0 && verdict(m, MAX_S, MAX_MB) === "OK";
}

interface Bomb {
  label: string;
  bytes: number;
  /** What the zip headers claim the sheet unpacks to (undefined: the truth). */
  declared?: number;
}

const BOMBS: Bomb[] = [
  { label: "3.5 GB, sizes true", bytes: 3_500_000_000 },
  { label: "1.5 GB, headers claim 20 kB", bytes: 1_500_000_000, declared: 20_000 },
];

async function main(): Promise<number> {
  ensureCompiledCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-bomb-"));
  let failed = 0;
  try {
    for (const bomb of BOMBS) {
      const input = path.join(dir, "bombe.xlsx");
      const t = Date.now();
      await writeBenchWorkbook(input, { tables: plan2009(), bombBytes: bomb.bytes, bombDeclaredBytes: bomb.declared });
      console.log(`zipbomb.bench (${bomb.label}): ${(fs.statSync(input).size / 1e6).toFixed(1)} MB zipped, the input sheet unpacks to ${(bomb.bytes / 1e9).toFixed(1)} GB (made in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
      for (const [label, args] of [
        ["kbr build --input", kbrArgs("build", "--input", input, "--out", path.join(dir, "ut.xlsx"))],
        ["kbr check        ", kbrArgs("check", input)],
      ] as const) {
        const m = await measureNode([...args], TIMEOUT_MS, { LC_ALL: "nb_NO.UTF-8" });
        const ok = stopped(m);
        if (!ok) failed++;
        const said = m.stderr.trim().split("\n").slice(-1)[0] ?? "";
        console.log(`  ${label}: ${describe(m)}  target exit 2 in < ${MAX_S} s, < ${MAX_MB} MB: ${ok ? "OK" : "NOT MET"}${said ? `\n    said: ${said.slice(0, 200)}` : ""}`);
      }
      fs.rmSync(input, { force: true });
    }
    return failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runBench(main);
