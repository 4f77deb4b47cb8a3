/**
 * Compares what LibreOffice recalculated with the plans' expected values (the engine's), for the
 * end-to-end tests.
 */
import type ExcelJS from "exceljs";
import { colLetters as colLetter } from "../../src/core/a1";
import type { SheetPlan } from "../../src/core/workbook/types";
import { cellValue } from "../xlsx/helpers";

/**
 * Same number as LibreOffice can tell us: whole numbers (every krone amount) exactly; other
 * numbers (helper columns such as the exact shares) to the relative 1e-14 that survives
 * LibreOffice's .xlsx export, which writes 15 significant digits (43746.95222218442 is saved as
 * 43746.9522221844: a relative error up to 5e-15, plus the last-bit noise of the arithmetic).
 */
export function sameNumber(got: unknown, want: number): boolean {
  if (typeof got !== "number") return false;
  if (Number.isInteger(want)) return got === want;
  return Math.abs(got - want) <= 1e-14 * Math.abs(want);
}

/** Formula cells whose recalculated value differs from the plan's `expected`. */
export function mismatches(plans: readonly SheetPlan[], wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const p of plans) {
    const ws = wb.getWorksheet(p.name);
    if (!ws) {
      out.push(`${p.name}: sheet missing`);
      continue;
    }
    for (const c of p.cells) {
      if (!c.formula) continue;
      const cell = ws.getCell(c.row + 1, c.col + 1);
      const got = cellValue(cell);
      const want = c.expected ?? null;
      const same = typeof want === "number" ? sameNumber(got, want) : got === want || (want === null && got === "");
      if (!same) out.push(`${p.name}!${colLetter(c.col)}${c.row + 1}: ${c.formula} expected ${JSON.stringify(want)}, LibreOffice gives ${JSON.stringify(got)}`);
    }
  }
  return out;
}
