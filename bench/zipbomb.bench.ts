/**
 * A zip bomb: a 3.4 MB workbook whose sheet with the input tables unpacks to 3.5 GB (the
 * tables, then gigabytes of whitespace inside sheetData). `kbr build --input` and `kbr check`
 * must stop with exit 2 and a message in the user's language within 60 s and 1 GB peak RSS
 * (issue 8). Exit code 1 when either does not.
 *
 * The bomb is written once into a temp dir by the streaming writer (support/workbook.ts); each
 * command runs in its own child process (support/measure.ts), killed at KBR_BENCH_TIMEOUT_S
 * (default 120).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { plan2009 } from "../test/fixtures/regions";
import { describe, ensureCompiledCli, kbrArgs, measureNode, verdict, type Measured } from "./support/measure";
import { writeBenchWorkbook } from "./support/workbook";

const BOMB_BYTES = 3_500_000_000;
const MAX_S = 60;
const MAX_MB = 1024;
const TIMEOUT_MS = Number(process.env.KBR_BENCH_TIMEOUT_S ?? 120) * 1000;

function stopped(m: Measured): boolean {
  return !m.timedOut && m.code === 2 && m.stderr.trim().length > 0 && verdict(m, MAX_S, MAX_MB) === "OK";
}

async function main(): Promise<number> {
  ensureCompiledCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-bomb-"));
  try {
    const input = path.join(dir, "bombe.xlsx");
    const t = Date.now();
    await writeBenchWorkbook(input, { tables: plan2009(), bombBytes: BOMB_BYTES });
    console.log(`zipbomb.bench: ${(fs.statSync(input).size / 1e6).toFixed(1)} MB zipped, the input sheet unpacks to ${(BOMB_BYTES / 1e9).toFixed(1)} GB (made in ${((Date.now() - t) / 1000).toFixed(1)} s)`);
    let failed = 0;
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
    return failed > 0 ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  },
);
