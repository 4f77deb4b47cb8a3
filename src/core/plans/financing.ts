/** The `Finansieringsplan` sheet: financing by year and total, totals per Art, and costs − financing. */
import { a1 } from "../a1";
import type { BudgetModel } from "../types";
import type { Computed } from "../model/compute";
import { sumAmounts } from "../model/compute";
import { FINANCING_KINDS, type ModelRefs } from "../model/read";
import { ANCHORS } from "../workbook/anchors";
import type { SheetPlan } from "../workbook/types";
import { SheetBuilder, sumByKind, yearCol } from "./formulas";
import { headerRow, lineColumns, lineRows, lineWidths, noteLines, writeLines, writeNote, writeTotalRow } from "./budget";
import { pageFor } from "./print";
import { yearSpan } from "./text";

const FINANCING_SHEET = "Finansieringsplan";

const KIND_LABEL: Record<(typeof FINANCING_KINDS)[number], string> = {
  Tilskudd: "Sum eksterne tilskudd",
  Kommunene: "Sum direkte fra kommunene",
  Egeninnsats: "Sum egeninnsats",
  Annet: "Sum annen finansiering",
};

export function planFinancing(model: BudgetModel, refs: ModelRefs, computed: Computed): SheetPlan {
  const b = new SheetBuilder();
  const F = refs.financing;
  const L = lineColumns(model.years.length);
  const columnWidths = lineWidths(model.years.length, ["Differanse (kostnader − finansiering)", ...model.financing.map((f) => f.label)]);
  const note = noteLines("Kommunenes direkte bidrag og egeninnsats fordeles på kommunene i arket Kommunebidrag.", columnWidths);
  const R = lineRows(note.length);
  b.value(R.title, 0, model.projectName || "Finansieringsplan", { bold: true });
  b.value(R.subtitle, 0, `Finansieringsplan ${yearSpan(model.years)} (kr)`, { italic: true });
  writeNote(b, R, note);
  headerRow(b, model.years, "Kilde", R);
  let row = writeLines(b, model, F, "Kilde", model.financing, R);
  const trim = refs.financingArtNeedsTrim;
  FINANCING_KINDS.forEach((kind, i) =>
    writeTotalRow(b, row++, model.years, KIND_LABEL[kind], (y) => sumByKind(F, y, kind, trim), (y) => sumAmounts(model.financing, y, kind), {
      borderTop: i === 0,
    }),
  );
  const finRow = row;
  writeTotalRow(b, row++, model.years, "Sum finansiering", (y) => `SUM(${yearCol(F, y)})`, (y) => computed.financing[y], { bold: true, borderTop: true });
  row++;
  const costRow = row;
  writeTotalRow(b, row++, model.years, "Sum kostnader (Budsjett)", (y) => `SUM(${yearCol(refs.costs, y)})`, (y) => computed.costs[y]);
  const j = (y: string) => model.years.indexOf(y);
  writeTotalRow(
    b,
    row++,
    model.years,
    "Differanse (kostnader − finansiering)",
    (y) => `${a1(costRow, L.year(j(y)))}-${a1(finRow, L.year(j(y)))}`,
    (y) => computed.costs[y] - computed.financing[y],
    { bold: true, borderTop: true },
  );
  // Grants as a share of costs: the plan expects at most half (check KBR-W-GRANTS-OVER-HALF).
  const grantRow = R.body + model.financing.length; // first Art total row = Tilskudd
  b.value(row, L.label, "Eksterne tilskudd i % av kostnadene", { italic: true });
  const share = (g: number, c: number) => (c === 0 ? 0 : g / c);
  let gSum = 0;
  model.years.forEach((y, k) => {
    const g = sumAmounts(model.financing, y, "Tilskudd");
    gSum += g;
    const c = a1(costRow, L.year(k));
    b.formula(row, L.year(k), `IF(${c}=0,0,${a1(grantRow, L.year(k))}/${c})`, share(g, computed.costs[y]), { numberFormat: "0.0%", italic: true });
  });
  let cSum = 0;
  for (const y of model.years) cSum += computed.costs[y];
  const ct = a1(costRow, L.total);
  b.formula(row, L.total, `IF(${ct}=0,0,${a1(grantRow, L.total)}/${ct})`, share(gSum, cSum), { numberFormat: "0.0%", italic: true });
  return {
    name: FINANCING_SHEET,
    cells: b.cells,
    columnWidths,
    freezeRows: R.header + 1,
    page: pageFor(columnWidths, [], { from: R.header, to: R.header }),
    names: [{ name: ANCHORS.financingTotal, row: finRow, col: L.total }],
  };
}
