/**
 * End to end for key scenarios: workbooks with a Scenarier table, built through the adapter and
 * through the compiled `kbr`, recalculated by LibreOffice. Every formula of the Scenarier and
 * Kommunebidrag sheets must give the engine's value, and the bar chart must survive.
 * Needs `npx tsc -p tsconfig.cli.json` (lib/) and LibreOffice Calc (`soffice`).
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { colLetters } from "../../src/core/a1";
import { build, examplePlanTables, type Report } from "../../src/core/engine";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { perYearRegion, region12 } from "../fixtures/regions";
import { recalculate } from "./libreoffice";
import { mismatches } from "./compare";

const ROOT = path.resolve(__dirname, "../..");
const KBR = path.join(ROOT, "bin", "kbr.js");

const scenarioTable = (rows: [string, number][]): TableData => ({
  name: "Scenarier",
  sheet: "Scenarier-inndata",
  top: 1,
  left: 0,
  headers: ["Scenario", "Andel likt fordelt"],
  rows,
  numberFormats: [null, "0%"],
});

const CASES: Record<string, () => TableData[]> = {
  // The 2009 plan with 0/50/100 % (50 % is its own key: a warning, and no difference).
  plan2009: () => [...examplePlanTables(), scenarioTable([["Etter innbyggertall", 0], ["Halvt", 0.5], ["Likt", 1]])],
  // Four years with other amounts each year, 30/70 own key, four scenarios.
  region: () => [...region12(), scenarioTable([["A", 0], ["B", 0.3], ["C", 0.7], ["D", 1]])],
  // The same four years with populations per year (three years by their own column, one by
  // Innbyggere; a tie and a zero), four scenarios: the same basis per year as Kommunebidrag.
  perYear: () => [...perYearRegion(), scenarioTable([["A", 0], ["B", 0.3], ["C", 0.7], ["D", 1]])],
};

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The chart parts of the workbook whose text mentions `sheet` in a series reference. */
async function chartsNaming(file: string, sheet: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const parts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
  const texts = await Promise.all(parts.map((p) => zip.file(p)!.async("string")));
  return texts.filter((t) => t.includes(`${sheet}'!`) || t.includes(`${sheet}!`));
}

let dir: string;
const plans: Record<string, SheetPlan[]> = {};
const files: Record<string, string> = {};
const recalculated: Record<string, ExcelJS.Workbook> = {};
const recalculatedFiles: Record<string, string> = {};
let cliReport: Report;

beforeAll(async () => {
  if (!fs.existsSync(path.join(ROOT, "lib", "cli", "cli.js"))) throw new Error("lib/ is missing: run `npx tsc -p tsconfig.cli.json` first");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-e2e-scen-"));
  for (const [name, tables] of Object.entries(CASES)) {
    const t = tables();
    const result = build(t);
    expect(result.findings.filter((f) => f.severity === "error")).toEqual([]);
    plans[name] = result.plans;
    // Written the way `kbr build` writes (the package writer), so LibreOffice checks that path.
    const book = await PackageWorkbook.create(t);
    await book.write(result.plans);
    files[name] = path.join(dir, `${name}-input.xlsx`);
    fs.writeFileSync(files[name], await book.toBytes());
  }
  // The 2009 case once more through the command line: --input with the Scenarier table, --json.
  files.cli = path.join(dir, "plan2009-cli.xlsx");
  const r = spawnSync(process.execPath, [KBR, "build", "--input", files.plan2009, "--out", files.cli, "--json", "--scenario", "30%"], {
    encoding: "utf8",
    env: { ...process.env, LANG: "en_US.UTF-8" },
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  cliReport = JSON.parse(r.stdout) as Report;
  plans.cli = plans.plan2009;
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

describe.each(["plan2009", "region", "perYear", "cli"])("scenarios %s", (name) => {
  test("LibreOffice recalculates the Scenarier and Kommunebidrag sheets to the engine's values", () => {
    const mine = plans[name].filter((p) => p.name === "Scenarier" || p.name === "Kommunebidrag");
    expect(mine.map((p) => p.name)).toEqual(["Kommunebidrag", "Scenarier"]);
    expect(mine[1].cells.filter((c) => c.formula).length).toBeGreaterThan(100);
    expect(mismatches(mine, recalculated[name])).toEqual([]);
  });

  test("the Scenarier chart is a clustered bar chart, one series per scenario, in our file and after LibreOffice", async () => {
    const p = plans[name].find((x) => x.name === "Scenarier")!;
    for (const file of [name === "cli" ? files.cli : files[name], recalculatedFiles[name]]) {
      const charts = await chartsNaming(file, "Scenarier");
      expect(charts).toHaveLength(1);
      expect(charts[0]).toMatch(/<c:barDir val="bar"\/>/);
      for (const s of p.chart!.series) {
        const col = colLetters(s.col);
        expect(charts[0]).toMatch(new RegExp(`Scenarier'?!\\$${col}\\$${s.fromRow + 1}:\\$${col}\\$${s.toRow + 1}`));
      }
    }
  });
});

test("kbr build --json lists the table's scenarios and the ad-hoc one, without adding it to the workbook", async () => {
  expect(cliReport.scenarios!.map((s) => [s.name, s.equalShare])).toEqual([
    ["Etter innbyggertall", 0],
    ["Halvt", 0.5],
    ["Likt", 1],
    ["30 %", 0.3],
  ]);
  const t = (await (await PackageWorkbook.open(files.cli)).readTables()).find((x) => x.name === "Scenarier")!;
  expect(t.rows.length).toBe(3);
});
