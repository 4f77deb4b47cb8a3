/**
 * The package reader (src/xlsx/read) on big and hostile workbooks: time and peak RSS of
 * reading the input tables, each case in a fresh Node process (peak RSS is per process).
 * - ledger: a 3-million-cell sheet of the user's (100 000 rows x 30 columns) beside the input
 *   table's sheet: the ledger is never unpacked. Target (issue 8): under 10 s and 500 MB for
 *   the whole build; the read is its first step.
 * - in-ledger: the input table at the bottom of that 3-million-cell sheet: the sheet is
 *   streamed, only the table's cells kept.
 * - bomb: the input table's sheet unpacks to 2 GB of valid XML (whitespace; declared 1 KB):
 *   refused with exit 2 at the part limit (512 MB). Target: within 60 s and 1 GB.
 * The files are made in a process of their own: a child's peak RSS starts at its parent's.
 * `KBR_BENCH_EXCELJS=1` also times ExcelJS reading the ledger file whole (slow, GBs of memory).
 */
import { spawnSync } from "node:child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as zlib from "zlib";
import { openWorkbookFile } from "../src/xlsx/read/open";
import { readTables } from "../src/xlsx/read/tables";
import { LocalizedError } from "../src/xlsx/messages";
import { makeBook, tableXml, MAIN_NS } from "../test/xlsx/bookKit";
import { deflatedRepeat } from "../test/xlsx/zipKit";

const ROWS = 100_000;
const COLS = 30;

function col(c: number): string {
  return c < 26 ? String.fromCharCode(65 + c) : String.fromCharCode(64 + Math.floor(c / 26)) + String.fromCharCode(65 + (c % 26));
}

/** The ledger sheet's XML, deflated; the header of a Kommuner table near the bottom when `withTable`. */
function ledger(withTable: boolean): Buffer {
  const chunks: Buffer[] = [];
  let text = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`;
  for (let r = 1; r <= ROWS; r++) {
    text += `<row r="${r}">`;
    for (let c = 0; c < COLS; c++) {
      if (withTable && r === ROWS - 10 && c === 0) text += `<c r="A${r}" t="inlineStr"><is><t>Kommune</t></is></c>`;
      else if (withTable && r === ROWS - 10 && c === 1) text += `<c r="B${r}" t="inlineStr"><is><t>Innbyggere</t></is></c>`;
      else text += `<c r="${col(c)}${r}"><v>${r * 1.5 + c}</v></c>`;
    }
    text += `</row>`;
    if (text.length > 1 << 20) {
      chunks.push(Buffer.from(text));
      text = "";
    }
  }
  chunks.push(Buffer.from(text + `</sheetData></worksheet>`));
  return zlib.deflateRawSync(Buffer.concat(chunks), { level: 6 });
}

const KOMMUNER_ROWS = `<row r="1"><c r="A1" t="inlineStr"><is><t>Kommune</t></is></c><c r="B1" t="inlineStr"><is><t>Innbyggere</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Kongsberg</t></is></c><c r="B2"><v>27262</v></c></row>`;

function makeFiles(dir: string): Record<string, string> {
  const sheet = ledger(false);
  const withTable = ledger(true);
  const kommuner = { part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kommuner", ref: "A1:B2", columns: ["Kommune", "Innbyggere"] }) };
  const files = {
    ledger: path.join(dir, "ledger.xlsx"),
    "in-ledger": path.join(dir, "in-ledger.xlsx"),
    bomb: path.join(dir, "bomb.xlsx"),
  };
  fs.writeFileSync(
    files.ledger,
    makeBook({
      sheets: [
        { name: "Hovedbok", part: "xl/worksheets/sheet1.xml", entry: { deflated: sheet, declaredSize: 0 } },
        { name: "Inndata", part: "xl/worksheets/sheet2.xml", rows: KOMMUNER_ROWS, tables: [kommuner] },
      ],
    }),
  );
  fs.writeFileSync(
    files["in-ledger"],
    makeBook({
      sheets: [
        {
          name: "Hovedbok",
          part: "xl/worksheets/sheet1.xml",
          entry: { deflated: withTable, declaredSize: 0 },
          tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kommuner", ref: `A${ROWS - 10}:B${ROWS}`, columns: ["Kommune", "Innbyggere"] }) }],
        },
      ],
    }),
  );
  fs.writeFileSync(
    files.bomb,
    makeBook({ sheets: [{ name: "Inndata", part: "xl/worksheets/sheet1.xml", entry: { deflated: deflatedRepeat(2048, " ", `<worksheet xmlns="${MAIN_NS}"><sheetData>`, `</sheetData></worksheet>`), declaredSize: 1024 }, tables: [kommuner] }] }),
  );
  return files;
}

/** One case, in this (fresh) process: prints a JSON line. */
async function child(kind: string, file: string): Promise<void> {
  const t = process.hrtime.bigint();
  let outcome: string;
  if (kind === "exceljs") {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    outcome = `${wb.worksheets.length} sheets`;
  } else {
    try {
      const { pkg, info } = await openWorkbookFile(file);
      const tables = await readTables(pkg, info, ["Kommuner"]);
      outcome = `${tables[0].rows.length} rows`;
    } catch (e) {
      if (!(e instanceof LocalizedError)) throw e;
      outcome = `refused, exit ${e.exitCode}`;
      if (kind === "bomb") console.error(e.texts["en-US"]);
    }
  }
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  console.log(JSON.stringify({ kind, ms, peakMB: process.resourceUsage().maxRSS / 1024, outcome }));
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-read-bench-"));
  const spawn = (args: string[]) =>
    spawnSync(process.execPath, ["-r", "ts-node/register", __filename, ...args], { env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" }, encoding: "utf8" });
  try {
    const made = spawn(["make", dir]);
    if (made.status !== 0) throw new Error(made.stderr);
    const files = JSON.parse(made.stdout.trim().split("\n").pop() ?? "{}") as Record<string, string>;
    const cases: [string, string][] = [
      ["ledger", files.ledger],
      ["in-ledger", files["in-ledger"]],
      ["bomb", files.bomb],
    ];
    if (process.env.KBR_BENCH_EXCELJS === "1") cases.push(["exceljs", files.ledger]);
    console.log(`read.bench: ${ROWS * COLS} cells in the ledger sheet (${(fs.statSync(files.ledger).size / 1e6).toFixed(1)} MB file)`);
    let failed = false;
    for (const [kind, file] of cases) {
      const run = spawn([kind, file]);
      const line = (run.stdout ?? "").trim().split("\n").pop() ?? "";
      try {
        const r = JSON.parse(line) as { kind: string; ms: number; peakMB: number; outcome: string };
        console.log(`  ${r.kind.padEnd(10)} ${r.ms.toFixed(0).padStart(7)} ms  peak RSS ${r.peakMB.toFixed(0).padStart(5)} MB  ${r.outcome}`);
        const expected = kind === "bomb" ? "refused, exit 2" : kind === "exceljs" ? "2 sheets" : kind === "ledger" ? "1 rows" : "10 rows";
        if (r.outcome !== expected) {
          console.log(`  ${kind}: expected "${expected}"`);
          failed = true;
        }
      } catch {
        console.log(`  ${kind}: no result (exit ${run.status ?? run.signal}) ${run.stderr}`);
        failed = true;
      }
    }
    if (failed) process.exitCode = 1;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const [kind, file] = process.argv.slice(2);
  if (kind === "make") console.log(JSON.stringify(makeFiles(file)));
  else if (kind) void child(kind, file);
  else main();
}
