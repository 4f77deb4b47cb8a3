/**
 * End to end: the Oppfølging sheet plan, written by the package writer (as `kbr build` writes)
 * and recalculated by LibreOffice, gives the engine's follow-up figures, bad rows left out.
 * Needs LibreOffice Calc (`soffice`).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { build } from "../../src/core/engine";
import { compute } from "../../src/core/model/compute";
import { readModel } from "../../src/core/model/read";
import { followUp } from "../../src/core/followup";
import { planFollowUp } from "../../src/core/plans/followup";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { day, followUpTables, PLAN_CASE } from "../core/followup.helpers";
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
  defaults: () => followUpTables(PLAN_CASE),
  params: () => followUpTables({ ...PLAN_CASE, params: [["Rapportdato", day("2009-12-01")], ["Avviksgrense kr", 100_000], ["Avviksgrense %", 0.5]] }),
};

let dir = "";
const plans: Record<string, SheetPlan> = {};
const recalculated: Record<string, ExcelJS.Workbook> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-e2e-followup-"));
  const files: string[] = [];
  for (const [name, make] of Object.entries(CASES)) {
    const tables = make();
    const read = readModel(tables);
    const f = followUp(tables, read.model!, read.refs!, compute(read.model!))!.followUp!;
    plans[name] = planFollowUp(tables, read.model!, read.refs!, f);
    const book = await PackageWorkbook.create(tables);
    await book.write([...build(tables).plans, plans[name]]);
    const file = path.join(dir, `${name}.xlsx`);
    fs.writeFileSync(file, await book.toBytes());
    files.push(file);
  }
  const outs = recalculate(files, path.join(dir, "recalculated"));
  const names = Object.keys(CASES);
  for (let i = 0; i < names.length; i++) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(outs[i]);
    recalculated[names[i]] = wb;
  }
}, 240_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.keys(CASES))("Oppfølging (%s)", (name) => {
  test("LibreOffice recalculates every formula to the engine's value", () => {
    expect(plans[name].cells.filter((c) => c.formula).length).toBeGreaterThan(100);
    expect(mismatches(plans[name], recalculated[name])).toEqual([]);
  });
});
