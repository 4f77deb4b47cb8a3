/**
 * End to end: the compiled `kbr` (bin/kbr.js -> lib/) and LibreOffice as an independent engine.
 * Every generated formula, recalculated by LibreOffice, must give what the engine planned.
 * Needs `npm run prepare` (or `npm ci`) and LibreOffice Calc (`soffice`) installed.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import type { Report } from "../../src/core/engine";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { colLetters as colLetter } from "../../src/core/a1";
import { structuredRef } from "../../src/core/plans/formulas";
import { cellValue } from "../xlsx/helpers";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { snapshotSheets, userWorkbook } from "../xlsx/helpers";
import { richWorkbook } from "../xlsx/packageKit";
import { recalculate } from "./libreoffice";
import { mismatches } from "./compare";
import * as fixtures from "../fixtures/regions";

const ROOT = path.resolve(__dirname, "../..");
const KBR = path.join(ROOT, "bin", "kbr.js");

function kbr(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [KBR, ...args], { encoding: "utf8", env: { ...process.env, LANG: "en_US.UTF-8" } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every cell, on every sheet, that holds an error value. */
function errorCells(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cellValue(cell);
        if (v !== null && typeof v === "object" && !(v instanceof Date)) out.push(`${ws.name}!${cell.address}: ${v.error} (${cell.formula ?? ""})`);
      }),
    );
  }
  return out;
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Writes `plans` into a new workbook holding `tables`, the way `kbr build` does (the package writer). */
async function writeFile(tables: readonly TableData[], plans: readonly SheetPlan[], file: string): Promise<void> {
  const book = await PackageWorkbook.create(tables);
  await book.write(plans);
  fs.writeFileSync(file, await book.toBytes());
}

/** The example with øre in the Kommunene amount (3.5 % a year), the costs following. */
function oreBudget(): TableData[] {
  const tables = examplePlanTables().map((t) => ({ ...t, rows: t.rows.map((r) => [...r]) }));
  const fin = tables.find((t) => t.name === "Finansiering")!;
  const cost = tables.find((t) => t.name === "Kostnader")!;
  ["2009", "2010", "2011"].forEach((y, j) => {
    const amount = [500_000, 517_500, 535_612.5][j];
    const delta = amount - (fin.rows[1][fin.headers.indexOf(y)] as number);
    fin.rows[1][fin.headers.indexOf(y)] = amount;
    cost.rows[0][cost.headers.indexOf(y)] = (cost.rows[0][cost.headers.indexOf(y)] as number) + delta;
  });
  return tables;
}

/** Builds `tables` in process into a new workbook (input tables + generated sheets). */
async function buildFile(tables: TableData[], file: string): Promise<SheetPlan[]> {
  const result = build(tables);
  expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
  await writeFile(tables, result.plans, file);
  return result.plans;
}

let dir: string;
const plans: Record<string, SheetPlan[]> = {};
const recalculated: Record<string, ExcelJS.Workbook> = {};
/** The .xlsx files LibreOffice wrote back, by case name. */
const recalculatedFiles: Record<string, string> = {};
let userBefore: Record<string, string[]>;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "cli.js"))) throw new Error("lib/ is missing: run `npm run prepare` first");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-e2e-"));
  const files: Record<string, string> = {};

  // 1. The 2009 plan, built by the command line as a user would.
  files.plan2009 = path.join(dir, "plan2009.xlsx");
  const r = kbr(["build", "--out", files.plan2009, "--json"]);
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout) as Report;
  for (const year of ["2009", "2010", "2011"]) {
    expect(report.municipalities.map((m) => m.contributions[year])).toEqual(fixtures.PLAN_2009_TOTALS);
  }
  plans.plan2009 = build(examplePlanTables()).plans;

  // 2. A second region: 12+ municipalities, 4 years, 30/70, other amounts each year.
  files.region = path.join(dir, "region.xlsx");
  plans.region = await buildFile(fixtures.region12(), files.region);

  // 3. Where rounding each cell on its own misses a krone.
  files.rounding = path.join(dir, "rounding.xlsx");
  plans.rounding = await buildFile(fixtures.plainRoundingMisses(), files.rounding);

  // 4. Headers with spaces at either end (formulas in double brackets: Kommuner[[ Innbyggere ]]).
  files.spacedHeaders = path.join(dir, "spaced-headers.xlsx");
  plans.spacedHeaders = await buildFile(fixtures.spacedHeaders(), files.spacedHeaders);

  // 5. A table whose headers carry every character Excel's structured references treat specially,
  // each summed through structuredRef: LibreOffice must read the escapes and double brackets too.
  files.specialHeaders = path.join(dir, "special-headers.xlsx");
  const special = ["Beløp [kr]", "#Nr", "Bob's", "a.b", " Begge ", "Slutt ", "x,y:z", "\tTab", "Linje\nskift", "@Første", 'Si "hei"', "a+b-c*d/e", "{$^&=<>}"];
  const specialTable: TableData = { name: "Spesial", sheet: "Inndata", top: 0, left: 0, headers: special, rows: [special.map((_, i) => i + 1), special.map((_, i) => 100 * (i + 1))] };
  plans.specialHeaders = [{ name: "Sjekk", columnWidths: [], freezeRows: 0, cells: special.map((h, i) => ({ row: i, col: 0, formula: `=SUM(${structuredRef("Spesial", h)})`, expected: 101 * (i + 1) })) }];
  await writeFile([specialTable], plans.specialHeaders, files.specialHeaders);

  // 6. Populations per budget year, four years: three years with their own column (headers in
  // other case and spacing, a tie, a 0) and one by Innbyggere; and every year its own, no Innbyggere.
  files.perYear = path.join(dir, "per-year.xlsx");
  plans.perYear = await buildFile(fixtures.perYearRegion(), files.perYear);
  files.perYearOnly = path.join(dir, "per-year-only.xlsx");
  plans.perYearOnly = await buildFile(fixtures.VALID_FIXTURES.perYearOnly(), files.perYearOnly);

  // 6b. Øre in the municipalities' amount (500 000 / 517 500 / 535 612,50): builds, and the
  // contributions add up to the amount rounded as ROUND, in LibreOffice as in the engine.
  files.ore = path.join(dir, "ore.xlsx");
  plans.ore = await buildFile(oreBudget(), files.ore);

  // 7. A user's workbook with own sheets, built through the command line with --input.
  const wb = await read(files.plan2009);
  for (const name of BASE_SHEETS) wb.removeWorksheet(wb.getWorksheet(name)!.id);
  wb.definedNames.model = [];
  const mine = await userWorkbook();
  for (const src of mine.worksheets) {
    const ws = wb.addWorksheet(src.name);
    src.eachRow((row, n) => row.eachCell((c, col) => {
      const to = ws.getRow(n).getCell(col);
      to.value = c.value;
      to.numFmt = c.numFmt;
    }));
  }
  wb.getWorksheet("Mine tall")!.mergeCells("A1:B1");
  const userInput = path.join(dir, "bruker.xlsx");
  await wb.xlsx.writeFile(userInput);
  userBefore = await snapshotSheets(await read(userInput), [...BASE_SHEETS]);
  files.user = path.join(dir, "bruker-bygd.xlsx");
  const u = kbr(["build", "--input", userInput, "--out", files.user]);
  expect(u.stderr).toBe("");
  expect(u.code).toBe(0);
  plans.user = plans.plan2009;

  // 5. A user's .xlsm built by the old adapter, with a chart sheet, threaded comment, macro
  // project and a sheet whose formulas and a defined name refer to Kommunebidrag: rebuilt by
  // the package writer through the command line.
  const richInput = path.join(dir, "rik.xlsm");
  fs.writeFileSync(richInput, await richWorkbook({ builtBefore: true, macros: true }));
  const richOut = path.join(dir, "rik-bygd.xlsm");
  const rb = kbr(["build", "--input", richInput, "--out", richOut]);
  expect(rb.stderr).toBe("");
  expect(rb.code).toBe(0);
  // LibreOffice names its output after the input: an .xlsx name gives an .xlsx back.
  files.rich = path.join(dir, "rik-bygd.xlsx");
  fs.copyFileSync(richOut, files.rich);
  plans.rich = plans.plan2009;

  // A control: a formula whose cached result is wrong must come back right, or nothing was recalculated.
  files.control = path.join(dir, "control.xlsx");
  const control = new ExcelJS.Workbook();
  control.addWorksheet("K").getCell("A1").value = { formula: "1+1", result: 5 } as ExcelJS.CellFormulaValue;
  await control.xlsx.writeFile(files.control);

  const names = Object.keys(files);
  const outs = recalculate(names.map((n) => files[n]), path.join(dir, "recalculated"));
  for (let i = 0; i < names.length; i++) {
    recalculatedFiles[names[i]] = outs[i];
    recalculated[names[i]] = await read(outs[i]);
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("LibreOffice really recalculates (control: cached 5, formula 1+1)", () => {
  expect(cellValue(recalculated.control.getWorksheet("K")!.getCell("A1"))).toBe(2);
});

describe.each(["plan2009", "region", "rounding", "spacedHeaders", "specialHeaders", "user", "rich", "perYear", "perYearOnly"])("%s", (name) => {
  test("every generated formula recalculates to the engine's value", () => {
    expect(plans[name].reduce((a, p) => a + p.cells.filter((c) => c.formula).length, 0)).toBeGreaterThan(0);
    expect(mismatches(plans[name], recalculated[name])).toEqual([]);
  });
  test("no cell anywhere is an error", () => {
    expect(errorCells(recalculated[name])).toEqual([]);
  });
});

test("øre in the Kommunene amount: LibreOffice gives the engine's values, contributions adding up to ROUND(535 612,5) = 535 613", () => {
  expect(mismatches(plans.ore, recalculated.ore)).toEqual([]);
  expect(errorCells(recalculated.ore)).toEqual([]);
  const ws = recalculated.ore.getWorksheet("Kommunebidrag")!;
  const totals = plans.ore.find((p) => p.name === "Kommunebidrag")!.cells.filter((c) => c.formula && c.expected === 535_613);
  expect(totals.length).toBeGreaterThan(0);
  expect(totals.map((c) => cellValue(ws.getCell(c.row + 1, c.col + 1)))).toEqual(totals.map(() => 535_613));
});

/** The chart parts drawn on `sheet`, followed from workbook.xml through the relationships. */
async function chartsOnSheet(file: string, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const textOf = async (part: string) => (await zip.file(part)?.async("string")) ?? "";
  const relsOf = async (part: string) => {
    const i = part.lastIndexOf("/");
    const xml = await textOf(`${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`);
    return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({
      id: /\sId="([^"]*)"/.exec(m[0])?.[1],
      target: /\sTarget="([^"]*)"/.exec(m[0])?.[1] ?? "",
    }));
  };
  const resolve = (from: string, target: string) => (target.startsWith("/") ? target.slice(1) : path.posix.normalize(path.posix.join(path.posix.dirname(from), target)));
  const wb = await textOf("xl/workbook.xml");
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${sheet}"`));
  const rid = tag && /r:id="([^"]*)"/.exec(tag)?.[1];
  const sheetRel = (await relsOf("xl/workbook.xml")).find((r) => r.id === rid);
  if (!sheetRel) return [];
  const sheetPart = resolve("xl/workbook.xml", sheetRel.target);
  const drawingId = /<drawing r:id="([^"]*)"/.exec(await textOf(sheetPart))?.[1];
  const drawingRel = (await relsOf(sheetPart)).find((r) => r.id === drawingId);
  if (!drawingRel) return [];
  const drawingPart = resolve(sheetPart, drawingRel.target);
  const chartIds = [...(await textOf(drawingPart)).matchAll(/<c:chart [^>]*r:id="([^"]*)"/g)].map((m) => m[1]);
  const drawingRels = await relsOf(drawingPart);
  return Promise.all(chartIds.map((id) => textOf(resolve(drawingPart, drawingRels.find((r) => r.id === id)?.target ?? ""))));
}

test.each(["plan2009", "region"])("%s: LibreOffice keeps the Kommunebidrag chart on its .xlsx export", async (name) => {
  const charts = await chartsOnSheet(recalculatedFiles[name], "Kommunebidrag");
  expect(charts).toHaveLength(1);
  expect(charts[0]).toContain("<c:barChart>");
  const p = plans[name].find((x) => x.name === "Kommunebidrag")!;
  // One series per planned one, each still on the sheet's contribution column.
  for (const s of p.chart!.series) {
    const col = colLetter(s.col);
    expect(charts[0]).toMatch(new RegExp(`Kommunebidrag'?!\\$${col}\\$${s.fromRow + 1}:\\$${col}\\$${s.toRow + 1}`));
  }
});

test("the user's own sheets survive the build, values and formulas", async () => {
  const built = await read(path.join(dir, "bruker-bygd.xlsx"));
  expect(await snapshotSheets(built, [...BASE_SHEETS])).toEqual(userBefore);
  // And LibreOffice computes the user's formulas the same way from them.
  const ws = recalculated.user.getWorksheet("Mine tall")!;
  expect(cellValue(ws.getCell("D6"))).toBe(24012);
  expect(cellValue(ws.getCell("E6"))).toBe("tekst ok");
});

test("rich: the user's formulas and name that refer to Kommunebidrag give the rebuilt sheet's values", () => {
  const kb = plans.rich.find((p) => p.name === "Kommunebidrag")!;
  const expected = (a1: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a1)!;
    const col = m[1].split("").reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return kb.cells.find((c) => c.row === Number(m[2]) - 1 && c.col === col)!.expected;
  };
  const ws = recalculated.rich.getWorksheet("Oppsummering")!;
  expect(cellValue(ws.getCell("B1"))).toBe(expected("L8"));
  expect(cellValue(ws.getCell("B3"))).toBe((expected("E8") as number) * 2);
  const total = kb.names!.find((n) => n.name === "KBR_BIDRAG_TOTALT")!;
  expect(cellValue(ws.getCell("B4"))).toBe(kb.cells.find((c) => c.row === total.row && c.col === total.col)!.expected);
});

test("a typed-over contribution is reported by kbr check with its cell, exit 1", async () => {
  const file = path.join(dir, "plan2009.xlsx");
  expect(kbr(["check", file, "--json"]).code).toBe(0);
  const wb = await read(file);
  const ws = wb.getWorksheet("Kommunebidrag")!;
  let address = "";
  ws.eachRow((row) => row.eachCell((c) => {
    if (!address && c.type === ExcelJS.ValueType.Formula && c.result === 43747) address = c.address;
  }));
  expect(address).not.toBe("");
  ws.getCell(address).value = 43747;
  const typed = path.join(dir, "typed-over.xlsx");
  await wb.xlsx.writeFile(typed);
  const r = kbr(["check", typed, "--json"]);
  expect(r.code).toBe(1);
  const report = JSON.parse(r.stdout) as Report;
  expect(report.findings.filter((f) => f.severity === "error").map((f) => f.where).join(" ")).toContain(address);
});

test("a failed build (bad input) leaves no output file and says where", async () => {
  const wb = await read(path.join(dir, "plan2009.xlsx"));
  const kommuner = (await (await PackageWorkbook.open(path.join(dir, "plan2009.xlsx"))).readTables()).find((t) => t.name === "Kommuner")!;
  const col = kommuner.headers.findIndex((h) => h.trim().toLowerCase() === "innbyggere");
  wb.getWorksheet(kommuner.sheet)!.getCell(kommuner.top + 2, kommuner.left + col + 1).value = null;
  const bad = path.join(dir, "bad.xlsx");
  await wb.xlsx.writeFile(bad);
  const out = path.join(dir, "bad-out.xlsx");
  const r = kbr(["build", "--input", bad, "--out", out]);
  expect(r.code).toBe(1);
  expect(fs.existsSync(out)).toBe(false);
  expect(fs.readdirSync(dir).filter((f) => f.startsWith(".bad-out"))).toEqual([]);
  expect(r.stdout + r.stderr).toMatch(/Kommuner|Innbyggere/);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});

test("kbr check on a file that is not a workbook exits 2 with a clear message", () => {
  const file = path.join(dir, "not-a-workbook.xlsx");
  fs.writeFileSync(file, "just text");
  const r = kbr(["check", file]);
  expect(r.code).toBe(2);
  expect(r.stderr).toContain(`${file} is not an Excel workbook (.xlsx)`);
  expect(r.stderr).not.toMatch(/\n\s+at /);
});
