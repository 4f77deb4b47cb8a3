/**
 * `kbr build --input` end to end (read, engine, package writer, file) on big workbooks: time and
 * peak RSS, each case in a fresh Node process (peak RSS is per process), beside bare ExcelJS
 * writing the same cells.
 * - ledger: the 2009 plan's input tables beside a 3-million-cell sheet of the user's (100 000
 *   rows x 30 columns). The ledger is copied as stored, never unpacked. Target (issue 8): under
 *   10 s and 500 MB.
 * - region: 10 000 municipalities x 10 years x 200 cost lines (Kommunebidrag alone is 1.2
 *   million cells). Target: under 1 GB peak RSS.
 * - bare: ExcelJS writing the region's cells (tables' values, plans' values and formulas, no
 *   styles) to a file: the floor a writer of those cells through ExcelJS cannot beat.
 * `KBR_BENCH_EXCELJS=1` also runs ExcelJS reading and writing the ledger workbook (what `kbr`
 * did before the package writer; slow, GBs of memory).
 */
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runBuild, type Io } from "../src/cli/commands";
import { build, examplePlanTables } from "../src/core/engine";
import { openPackage } from "../src/xlsx/package/opc";
import { PackageWorkbook } from "../src/xlsx/packageWorkbook";
import { toFileFormula } from "../src/xlsx/fileFormula";
import { saveWorkbook, XlsxWorkbook } from "../src/xlsx/workbook";
import { bigRegion } from "../test/fixtures/regions";

const LEDGER_ROWS = 100_000;
const LEDGER_COLS = 30;
const REGION = { municipalities: 10_000, years: 10, costLines: 200 };
const TARGETS: Record<string, { ms?: number; mb: number }> = { ledger: { ms: 10_000, mb: 500 }, region: { mb: 1000 } };

function colName(c: number): string {
  return c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));
}

/** The 2009 plan's tables and a 3-million-cell sheet "Hovedbok" of the user's. */
async function makeLedger(file: string): Promise<void> {
  const book = await PackageWorkbook.create(examplePlanTables());
  const pkg = await openPackage(await book.toBytes());
  const chunks: Buffer[] = [Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)];
  let text = "";
  for (let r = 1; r <= LEDGER_ROWS; r++) {
    text += `<row r="${r}">`;
    for (let c = 0; c < LEDGER_COLS; c++) text += `<c r="${colName(c)}${r}"><v>${r * 1.5 + c}</v></c>`;
    text += `</row>`;
    if (text.length > 1 << 20) {
      chunks.push(Buffer.from(text));
      text = "";
    }
  }
  chunks.push(Buffer.from(text + `</sheetData></worksheet>`));
  pkg.setPart("/xl/worksheets/hovedbok.xml", Buffer.concat(chunks), "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
  const rels = await pkg.rels("/xl/workbook.xml");
  pkg.setRels("/xl/workbook.xml", [...rels, { id: "rIdLedger", type: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet", target: "worksheets/hovedbok.xml" }]);
  const wb = await pkg.readText("/xl/workbook.xml");
  pkg.setPart("/xl/workbook.xml", wb.replace("</sheets>", `<sheet name="Hovedbok" sheetId="99" r:id="rIdLedger"/></sheets>`));
  fs.writeFileSync(file, await pkg.save());
}

/** The region's input tables, as a user's workbook (written by the ExcelJS adapter). */
async function makeRegion(file: string): Promise<void> {
  const book = new XlsxWorkbook();
  await book.write([], bigRegion(REGION));
  await saveWorkbook(book, file);
}

const quiet: Io = { out: () => undefined, err: (t) => process.stderr.write(t + "\n") };

/** ExcelJS writing the region's cells bare (no styles, tables or marker). */
async function bare(file: string): Promise<string> {
  const tables = bigRegion(REGION);
  const plans = build(tables).plans;
  const wb = new ExcelJS.Workbook();
  let cells = 0;
  const input = wb.addWorksheet("Inndata");
  for (const t of tables) {
    input.getRow(t.top + 1).values = [...new Array(t.left).fill(null), ...t.headers];
    t.rows.forEach((r, i) => {
      const row = input.getRow(t.top + 2 + i);
      r.forEach((v, j) => (row.getCell(t.left + 1 + j).value = v as ExcelJS.CellValue));
    });
    cells += t.headers.length * (t.rows.length + 1);
  }
  for (const p of plans) {
    const ws = wb.addWorksheet(p.name);
    for (const c of p.cells) {
      ws.getCell(c.row + 1, c.col + 1).value = c.formula ? ({ formula: toFileFormula(c.formula), result: c.expected ?? undefined } as ExcelJS.CellFormulaValue) : (c.value ?? null);
      cells++;
    }
  }
  await wb.xlsx.writeFile(file);
  return `${cells} cells`;
}

/** One case in this (fresh) process: prints a JSON line. */
async function child(kind: string, input: string, out: string): Promise<void> {
  const t = process.hrtime.bigint();
  let outcome: string;
  if (kind === "bare") outcome = await bare(out);
  else if (kind === "exceljs") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    await wb.xlsx.writeFile(out);
    outcome = `${wb.worksheets.length} sheets`;
  } else {
    const code = await runBuild({ input, out, force: true, locale: "en-US" }, quiet);
    outcome = `exit ${code}, ${(fs.statSync(out).size / 1e6).toFixed(1)} MB`;
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ kind, ms, peakMB: process.resourceUsage().maxRSS / 1024, outcome }));
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-write-bench-"));
  const spawn = (args: string[]) =>
    spawnSync(process.execPath, ["-r", "ts-node/register", __filename, ...args], { env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" }, encoding: "utf8", maxBuffer: 1 << 26 });
  try {
    const files = { ledger: path.join(dir, "ledger.xlsx"), region: path.join(dir, "region.xlsx") };
    const made = spawn(["make", files.ledger, files.region]);
    if (made.status !== 0) throw new Error(made.stderr);
    console.log(
      `write.bench: ledger ${LEDGER_ROWS * LEDGER_COLS} cells (${(fs.statSync(files.ledger).size / 1e6).toFixed(1)} MB file); ` +
        `region ${REGION.municipalities} x ${REGION.years} years x ${REGION.costLines} lines (${(fs.statSync(files.region).size / 1e6).toFixed(1)} MB file)`,
    );
    const cases: [string, string][] = [
      ["ledger", files.ledger],
      ["region", files.region],
      ["bare", files.region],
    ];
    if (process.env.KBR_BENCH_EXCELJS === "1") cases.push(["exceljs", files.ledger]);
    let failed = false;
    for (const [kind, input] of cases) {
      const run = spawn([kind, input, path.join(dir, `${kind}-out.xlsx`)]);
      const line = (run.stdout ?? "").trim().split("\n").pop() ?? "";
      try {
        const r = JSON.parse(line) as { kind: string; ms: number; peakMB: number; outcome: string };
        const target = TARGETS[kind];
        const over = target && (r.peakMB > target.mb || (target.ms !== undefined && r.ms > target.ms));
        console.log(
          `  ${r.kind.padEnd(8)} ${r.ms.toFixed(0).padStart(7)} ms  peak RSS ${r.peakMB.toFixed(0).padStart(5)} MB  ${r.outcome}` +
            (target ? `  (target ${target.ms ? `${target.ms} ms, ` : ""}${target.mb} MB${over ? ": MISSED" : ""})` : ""),
        );
        if ((kind === "ledger" || kind === "region") && !r.outcome.startsWith("exit 0")) failed = true;
        // Time on a shared machine is noisy: only memory fails the bench.
        if (target && r.peakMB > target.mb) failed = true;
      } catch {
        console.log(`  ${kind}: failed (exit ${run.status ?? run.signal}) ${run.stderr.slice(0, 500)}`);
        failed = true;
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, a, b] = process.argv.slice(2);
if (mode === "make") {
  Promise.all([makeLedger(a), makeRegion(b)]).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else if (mode) {
  child(mode, a, b).catch((e) => {
    console.error(e);
    process.exit(1);
  });
} else main();
