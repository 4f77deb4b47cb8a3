/**
 * The benchmarks' input writer (bench/support/workbook.ts, a streaming XML-to-zip writer): its
 * packages must be sound and hold the tables `kbr build` reads, or the benchmarks would measure
 * a refusal instead of a build. Small sizes here; the benchmarks use the same code at scale.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBuild, type Io } from "../../src/cli/commands";
import type { Report } from "../../src/core/engine";
import { bigRegion, plan2009, PLAN_2009_TOTALS } from "../fixtures/regions";
import { LEDGER_HEADERS, ledgerRows, writeBenchWorkbook } from "../../bench/support/workbook";
import { checkGraph, readParts, sheetsOf } from "./parts";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-bench-input-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function buildJson(input: string): Promise<Report> {
  let stdout = "";
  let stderr = "";
  const io: Io = { out: (t) => (stdout += t), err: (t) => (stderr += t) };
  const code = await runBuild({ input, out: path.join(dir, "out.xlsx"), json: true, locale: "en-US" }, io);
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return JSON.parse(stdout) as Report;
}

test("the ledger workbook is sound, has the ledger sheet, and builds the 2009 plan", async () => {
  const file = path.join(dir, "ledger.xlsx");
  const cells = await writeBenchWorkbook(file, { tables: plan2009(), extraSheets: [{ name: "Hovedbok", rows: () => ledgerRows(500) }] });
  expect(cells).toBeGreaterThan(501 * LEDGER_HEADERS.length);
  const parts = await readParts(file);
  expect(checkGraph(parts)).toEqual([]);
  expect(sheetsOf(parts).map((s) => s.name)).toEqual(["Inndata", "Hovedbok"]);
  const ledger = parts.get("/xl/worksheets/sheet2.xml")!.toString("utf8");
  expect(ledger.match(/<row /g)?.length).toBe(501);
  const report = await buildJson(file);
  expect(report.municipalities.map((m) => m.contributions["2009"])).toEqual(PLAN_2009_TOTALS);
});

test("a big region's workbook builds with every municipality", async () => {
  const file = path.join(dir, "region.xlsx");
  await writeBenchWorkbook(file, { tables: bigRegion({ municipalities: 40, years: 3, costLines: 12 }) });
  expect(checkGraph(await readParts(file))).toEqual([]);
  const report = await buildJson(file);
  expect(report.municipalities).toHaveLength(40);
  expect(report.years).toEqual(["2025", "2026", "2027"]);
});

test("the bomb pads the input sheet to the size asked for, and the zip stays small", async () => {
  const file = path.join(dir, "bomb.xlsx");
  await writeBenchWorkbook(file, { tables: plan2009(), bombBytes: 20_000_000 });
  const parts = await readParts(file);
  expect(parts.get("/xl/worksheets/sheet1.xml")!.length).toBeGreaterThan(20_000_000);
  expect(fs.statSync(file).size).toBeLessThan(200_000);
});
