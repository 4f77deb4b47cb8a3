/**
 * Checks of the generated sheets read back from the workbook against a fresh plan: typed over
 * (a planned formula cell holds a plain value or another formula), stale (a value differs from `expected`),
 * missing sheets, and generated names taken by a user's sheet.
 */
import type { Finding } from "../types";
import { sheetCell } from "../a1";
import { roundHalfAway } from "../allocation";
import type { CellValue, SheetData, SheetPlan, SheetStatus } from "../workbook/types";
import { finding } from "./findings";
import { CONTRIBUTIONS_SHEET, KB, contributionColumns } from "../plans/contributions";
import { ANCHORS } from "../workbook/anchors";
import { sameFormula } from "../workbook/formulaText";
import { dateToSerial } from "../workbook/dates";

/**
 * Beyond this many cells of one kind on a sheet, one summary finding says how many more.
 * @internal
 */
export const MAX_CELL_FINDINGS = 20;

function sameValue(expected: PlanCellExpected, actual: CellValue): boolean {
  if (typeof expected === "number") {
    // A date-formatted formula cell (Oppfølging's Rapportdato) reads back as a date: its serial counts.
    if (actual instanceof Date) actual = dateToSerial(actual);
    if (typeof actual !== "number") return false;
    return Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (expected === null || expected === undefined) return actual === null || actual === "";
  if (typeof expected === "string") return typeof actual === "string" ? actual === expected : expected === "" && actual === null;
  return actual === expected;
}
type PlanCellExpected = string | number | boolean | null | undefined;

export function generatedFindings(
  plans: readonly SheetPlan[],
  generated: readonly SheetData[],
  status: Readonly<Record<string, SheetStatus>> | undefined,
  directTotals?: Readonly<Record<string, number>>,
  years?: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const plan of plans) {
    const data = generated.find((s) => s.name === plan.name);
    const st: SheetStatus = status?.[plan.name] ?? (data ? "generated" : "absent");
    if (st === "user") {
      out.push(finding("KBR-E-SHEET-NAME-TAKEN", { sheet: plan.name }, { name: plan.name }));
      continue;
    }
    if (st === "absent" || !data) {
      out.push(finding("KBR-W-SHEET-MISSING", { sheet: plan.name }, { name: plan.name }));
      continue;
    }
    let typedOver = 0;
    let stale = 0;
    for (const c of plan.cells) {
      if (c.formula === undefined) continue;
      const got = data.rows[c.row]?.[c.col];
      const where = { sheet: plan.name, row: c.row, col: c.col, cell: sheetCell(plan.name, c.row, c.col) };
      const value = got?.value ?? null;
      if (!got || !got.formula) {
        if (++typedOver <= MAX_CELL_FINDINGS) out.push(finding("KBR-E-SHEET-TYPED-OVER", where, { value }));
      } else if (!sameFormula(got.formula, c.formula)) {
        // Another formula typed over ours (`=96403+0` shows the right number today, not tomorrow).
        if (++typedOver <= MAX_CELL_FINDINGS) out.push(finding("KBR-E-SHEET-TYPED-OVER", where, { formula: got.formula, expected: c.formula }));
      } else if (!sameValue(c.expected, value)) {
        if (++stale <= MAX_CELL_FINDINGS) out.push(finding("KBR-E-SHEET-STALE", where, { value, expected: c.expected ?? null }));
      }
    }
    if (typedOver > MAX_CELL_FINDINGS) out.push(finding("KBR-E-SHEET-TYPED-OVER", { sheet: plan.name }, { count: typedOver - MAX_CELL_FINDINGS }));
    if (stale > MAX_CELL_FINDINGS) out.push(finding("KBR-E-SHEET-STALE", { sheet: plan.name }, { count: stale - MAX_CELL_FINDINGS }));

    // The contributions as they stand in the sheet must add up to the municipalities' financing.
    if (plan.name === CONTRIBUTIONS_SHEET && directTotals && years) {
      const C = contributionColumns(years.length);
      const n = countBodyRows(plan);
      years.forEach((y, j) => {
        // The plan names each year's total cell; its column holds the year's contributions.
        const col = plan.names?.find((x) => x.name === ANCHORS.contributionYear(y))?.col ?? C.total(j);
        let s = 0;
        let numeric = true;
        for (let r = KB.body; r < KB.body + n; r++) {
          const v = data.rows[r]?.[col]?.value ?? null;
          if (typeof v === "number") s += v;
          else numeric = false;
        }
        // The contributions are whole kroner: they add up to the Kommunene amount rounded as ROUND(T; 0).
        const T = roundHalfAway(directTotals[y], 0);
        if (numeric && Math.abs(s - T) > 1e-9) {
          const row = KB.body + n;
          out.push(finding("KBR-E-CONTRIB-SUM", { sheet: plan.name, row, col, cell: sheetCell(plan.name, row, col) }, { year: y, a: s, b: T }));
        }
      });
    }
  }
  return out;
}

/** Municipality rows of a Kommunebidrag plan: the formula cells in the name column below the header. */
function countBodyRows(plan: SheetPlan): number {
  // The run of name formulas from the first body row: the source line under the totals is a formula in column 0 too.
  const rows = new Set(plan.cells.filter((c) => c.col === 0 && c.formula !== undefined).map((c) => c.row));
  let n = 0;
  while (rows.has(KB.body + n)) n++;
  return n;
}
