/**
 * End to end: a workbook with follow-up tables, built by `kbr build --input` (runBuild, the
 * package writer) and recalculated by LibreOffice: the Oppfølging sheet gives the engine's
 * follow-up figures, bad rows left out. Needs LibreOffice Calc (`soffice`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { build, examplePlanTables } from "../../src/core/engine";
import { runBuild } from "../../src/cli/commands";
import { FOLLOWUP_SHEET } from "../../src/core/plans/followup";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { capture } from "../cli/capture";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { day, planTables, PLAN_CASE } from "../core/followup.helpers";
import { checkGraph, comparePackages, readParts, type Parts } from "../corpus/parts";
import { BASE_SHEETS } from "../fixtures/sheets";
import { ROOT } from "./browser/harness";
import { recalculate } from "./libreoffice";
import { sameNumber } from "./compare";
import { cellValue } from "../xlsx/helpers";
import { colLetters } from "../../src/core/a1";
import { dateToSerial } from "../../src/core/workbook/dates";

/**
 * Formula cells whose recalculated value differs from the plan's (as compare.ts's mismatches,
 * but a date cell read back as a Date compares as its serial, and "" as a blank: an empty text
 * result comes back as no value).
 */
function mismatches(plan: SheetPlan, wb: ExcelJS.Workbook): string[] {
  const ws = wb.getWorksheet(plan.name);
  if (!ws) return [`${plan.name}: sheet missing`];
  const out: string[] = [];
  for (const c of plan.cells) {
    if (!c.formula) continue;
    let got = cellValue(ws.getCell(c.row + 1, c.col + 1));
    if (got instanceof Date) got = dateToSerial(got);
    const want = c.expected ?? null;
    const same = typeof want === "number" ? sameNumber(got, want) : got === want || ((want === "" || want === null) && (got === "" || got === null));
    if (!same) out.push(`${plan.name}!${colLetters(c.col)}${c.row + 1}: ${c.formula} expected ${JSON.stringify(want)}, LibreOffice gives ${JSON.stringify(got)}`);
  }
  return out;
}

const CASES: Record<string, () => TableData[]> = {
  defaults: () => planTables(PLAN_CASE),
  params: () => planTables({ ...PLAN_CASE, params: [["Rapportdato", day("2009-12-01")], ["Avviksgrense kr", 100_000], ["Avviksgrense %", 0.5]] }),
  example2009: () => examplePlanTables({ followUp: true }),
  // Bad rows dated after every valid one (they must not move the default Rapportdato), a cost
  // row naming a municipality (a cost, not that municipality's payment), and
  // Parametere rows blank or with stray spaces in the label (read as the engine reads them).
  lateBadRows: () =>
    planTables({
      ...PLAN_CASE,
      ledger: [...PLAN_CASE.ledger!, [day("2011-11-30"), "Kaffe", 1], [day("2011-12-01"), "Prosjektledelse", 1, "Oslo"], [day("2011-12-02"), "Husleie, utstyr", "mye"], [day("2011-06-01"), "Prosjektledelse", 99, "Tinn"], [day("2011-06-02"), "Prosjekt*", 7], [day("2011-06-03"), "Kommunene (direkte)", 5, "T?nn"]],
      hours: [...PLAN_CASE.hours!, [day("2011-12-05"), "Tinn", "x", 800]],
      params: [["Rapportdato", null], [" avviksgrense  kr ", 100_000], ["Avviksgrense %", "  "]],
    }),
};

/**
 * Workbooks another program wrote: ExcelJS opens the corpus's ExcelJS workbook (the 2009 plan's
 * tables) and adds the example's Regnskap, Timer and Forklaringer as its own Excel tables on a
 * sheet of their own, dates as Excel dates.
 */
const OTHER_WRITERS: Record<string, (file: string) => Promise<void>> = {
  exceljsLedger: async (file) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ROOT, "test/corpus/exceljs.xlsx"));
    const ws = wb.addWorksheet("Bokføring");
    for (const t of examplePlanTables({ followUp: true }).filter((x) => ["Regnskap", "Timer", "Forklaringer"].includes(x.name))) {
      ws.addTable({ name: t.name, ref: `${colLetters(t.left)}${t.top + 1}`, headerRow: true, columns: t.headers.map((name) => ({ name })), rows: t.rows as ExcelJS.CellValue[][] });
    }
    await wb.xlsx.writeFile(file);
  },
};

let dir = "";
const plans: Record<string, SheetPlan> = {};
const recalculated: Record<string, ExcelJS.Workbook> = {};
/** The parts of the other programs' inputs and of kbr's outputs. */
const parts: Record<string, { before: Parts; after: Parts }> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-e2e-followup-"));
  const files: string[] = [];
  const inputs: [string, (file: string) => Promise<TableData[]>][] = [
    // The user's workbook holds only the tables; kbr build --input adds the generated sheets.
    ...Object.entries(CASES).map(([name, make]): [string, (file: string) => Promise<TableData[]>] => [
      name,
      async (file) => {
        const tables = make();
        fs.writeFileSync(file, await (await PackageWorkbook.create(tables)).toBytes());
        return tables;
      },
    ]),
    ...Object.entries(OTHER_WRITERS).map(([name, write]): [string, (file: string) => Promise<TableData[]>] => [
      name,
      async (file) => {
        await write(file);
        return (await PackageWorkbook.open(file)).readTables();
      },
    ]),
  ];
  for (const [name, make] of inputs) {
    const input = path.join(dir, `${name}-input.xlsx`);
    const tables = await make(input);
    plans[name] = build(tables).plans.find((p) => p.name === FOLLOWUP_SHEET)!;
    const file = path.join(dir, `${name}.xlsx`);
    const io = capture();
    const code = await runBuild({ input, out: file, locale: "en-US" }, io);
    if (code !== 0) throw new Error(`kbr build --input ${name}: exit ${code}: ${io.stderr}${io.stdout}`);
    if (name in OTHER_WRITERS) parts[name] = { before: await readParts(input), after: await readParts(file) };
    files.push(file);
  }
  const outs = recalculate(files, path.join(dir, "recalculated"));
  const names = inputs.map(([name]) => name);
  for (let i = 0; i < names.length; i++) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i]);
    recalculated[names[i]] = wb;
  }
}, 240_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each([...Object.keys(CASES), ...Object.keys(OTHER_WRITERS)])("Oppfølging (%s)", (name) => {
  test("LibreOffice recalculates every formula to the engine's value", () => {
    expect(plans[name].cells.filter((c) => c.formula).length).toBeGreaterThan(100);
    expect(mismatches(plans[name], recalculated[name])).toEqual([]);
  });
});

describe.each(Object.keys(OTHER_WRITERS))("a ledger another program wrote (%s)", (name) => {
  test("reads as the example's follow-up, and kbr keeps every part of the user's", () => {
    // The same figures as the example the rows came from (dates read back as dates).
    const example = build(examplePlanTables({ followUp: true })).followUp!;
    const values = new Set(plans[name].cells.map((c) => (c.formula ? c.expected : c.value)));
    for (const c of example.costs) expect(values).toContain(c.actual);
    const { before, after } = parts[name];
    expect(comparePackages(before, after, [...BASE_SHEETS, FOLLOWUP_SHEET]).violations).toEqual([]);
    expect(checkGraph(after)).toEqual([]);
  });
});
