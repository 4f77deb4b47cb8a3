/** Budget consistency checks on a valid model: they report, they do not stop the sheets. */
import type { BudgetModel, Finding } from "../types";
import { sheetCell } from "../a1";
import { roundHalfAway } from "../allocation";
import type { Computed } from "../model/compute";
import { sumAmounts } from "../model/compute";
import type { ModelRefs, TableRef } from "../model/read";
import type { Where } from "../workbook/types";
import { finding } from "./findings";

/** Kroner: amounts closer than half an øre are equal (sums of decimals carry float noise). */
const TOLERANCE = 0.005;

function yearHeaderWhere(t: TableRef, year: string): Where {
  const c = t.years[year].index;
  const tb = t.table;
  return { sheet: tb.sheet, table: tb.name, column: year, row: tb.top, col: tb.left + c, cell: sheetCell(tb.sheet, tb.top, tb.left + c) };
}

export function consistencyFindings(model: BudgetModel, refs: ModelRefs, computed: Computed): Finding[] {
  const out: Finding[] = [];
  for (const y of model.years) {
    const costs = computed.costs[y];
    const fin = computed.financing[y];
    if (Math.abs(costs - fin) > TOLERANCE) out.push(finding("KBR-E-BALANCE", yearHeaderWhere(refs.financing, y), { year: y, a: costs, b: fin }));
    const ikCosts = sumAmounts(model.costs, y, "Egeninnsats");
    const ikFin = sumAmounts(model.financing, y, "Egeninnsats");
    if (Math.abs(ikCosts - ikFin) > TOLERANCE) out.push(finding("KBR-E-INKIND-BALANCE", yearHeaderWhere(refs.financing, y), { year: y, a: ikCosts, b: ikFin }));
    // The rule hands out ROUND(T, 0) in whole kroner (docs: shares add up to the total rounded as
    // Excel's ROUND). A T with øre is fine, and the user is told what the contributions add up to.
    let s = 0;
    for (const c of computed.contributions) s += c.contributions[y];
    const T = computed.directTotal[y];
    const rounded = roundHalfAway(T, 0);
    if (Math.abs(s - rounded) > 1e-9) out.push(finding("KBR-E-CONTRIB-SUM", yearHeaderWhere(refs.financing, y), { year: y, a: s, b: rounded }));
    else if (rounded !== T) out.push(finding("KBR-W-CONTRIB-ROUNDED", yearHeaderWhere(refs.financing, y), { year: y, a: s, b: T }));
    const grants = sumAmounts(model.financing, y, "Tilskudd");
    if (costs > 0 && grants / costs > 0.5) out.push(finding("KBR-W-GRANTS-OVER-HALF", yearHeaderWhere(refs.financing, y), { year: y, a: grants, b: grants / costs }));
  }
  return out;
}
