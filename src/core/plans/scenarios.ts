/**
 * The `Scenarier` sheet: the key under other equal shares, from the optional Scenarier table.
 *
 * Design: one block per key, stacked down the sheet. The first block is the workbook's own key
 * (its equal share is the Parametere cell), then one block per scenario (its share is the
 * Scenarier table's cell, `INDEX(Scenarier[Andel likt fordelt],k)`). Each block lists per
 * municipality the direct contribution per budget year, the total over the years and, for a
 * scenario, the difference in kr against the own key's total on the same sheet (so the sheet
 * needs no other generated sheet). Every year is split by the same native largest-remainder
 * formulas as Kommunebidrag (largestRemainder of formulas.ts): the same Kommunene amount T (the
 * same SUMIFS on Finansiering), the same population column per year (refs.populationColumns).
 * The blocks share one set of hidden helper columns (population, exact share, remainder, rank
 * per year); T, k and the population sum P stand in each block's totals row. A clustered bar
 * chart compares the scenarios' totals per municipality.
 *
 * A Scenarier table without (valid) rows still gets the sheet, with a note that there are no
 * scenarios: a sheet written earlier is then replaced by that note instead of keeping numbers
 * for scenarios that are gone (and it is not deleted: users may link to it). Without the table
 * no sheet is planned and an existing one is left as it is.
 */
import { a1, rangeA1 } from "../a1";
import { populationsFor, scenarioContributions, type Computed } from "../model/compute";
import type { ModelRefs } from "../model/read";
import type { BudgetModel } from "../types";
import type { SheetPlan } from "../workbook/types";
import { AMOUNT_FORMAT, HEADER_FILL, SheetBuilder, col, columnRef, largestRemainder, lit, sumByKind } from "./formulas";
import { LINE_POINTS, pageFor } from "./print";
import { yearSpan } from "./text";

/** @internal */
export const SCENARIOS_SHEET = "Scenarier";

/**
 * Fixed rows (0-based): title, subtitle, two note lines; the first block starts at `blocks`.
 * @internal
 */
export const SC = { title: 0, subtitle: 1, note: 2, blocks: 5 } as const;

/**
 * Column layout for Y years and the rows of block b (0 = own key) for n municipalities.
 * @internal
 */
export function scenarioLayout(Y: number, n: number) {
  const hidden0 = Y + 3;
  const height = n + 5;
  return {
    name: 0,
    year: (j: number) => 1 + j,
    total: Y + 1,
    diff: Y + 2,
    visible: hidden0,
    pop: (j: number) => hidden0 + 4 * j,
    exact: (j: number) => hidden0 + 4 * j + 1,
    rem: (j: number) => hidden0 + 4 * j + 2,
    rank: (j: number) => hidden0 + 4 * j + 3,
    width: hidden0 + 4 * Y,
    /** Rows of block b: its name, its equal share, the header, the first body row, the totals row. */
    block: (b: number) => {
      const top = SC.blocks + b * height;
      return { name: top, share: top + 1, header: top + 2, first: top + 3, totals: top + 3 + n };
    },
  };
}

export function planScenarios(model: BudgetModel, refs: ModelRefs, computed: Computed): { plan: SheetPlan; mismatches: number } | null {
  if (!refs.scenarios) return null;
  const b = new SheetBuilder();
  const Y = model.years.length;
  const n = model.municipalities.length;
  const L = scenarioLayout(Y, n);
  const M = refs.municipalities;
  const P = refs.parameters;
  const S = refs.scenarios;
  const amount = { numberFormat: AMOUNT_FORMAT };
  const totalStyle = { bold: true, borderTop: true, numberFormat: AMOUNT_FORMAT };
  const headStyle = { bold: true, fill: HEADER_FILL, wrap: true };
  let mismatches = 0;

  b.value(SC.title, 0, model.projectName || SCENARIOS_SHEET, { bold: true });
  b.value(SC.subtitle, 0, `Fordelingsnøkkelen i scenarier: kommunenes direkte bidrag ${yearSpan(model.years)} (kr)`, { italic: true });
  const maxName = model.municipalities.reduce((w, m) => Math.max(w, m.name.length), 12);
  const columnWidths: number[] = new Array(L.width).fill(13);
  // At least as wide as the label "Andel likt fordelt" beside the share.
  columnWidths[L.name] = Math.min(40, Math.max(19, maxName + 3));
  const hiddenColumns: number[] = [];
  for (let c = L.visible; c < L.width; c++) hiddenColumns.push(c);

  if (model.scenarios.length === 0) {
    b.value(SC.note, 0, "Tabellen Scenarier har ingen gyldige scenarier. Legg til rader med Scenario og Andel likt fordelt (0–1), og bygg arkene på nytt.", {
      italic: true,
    });
    const plan: SheetPlan = {
      name: SCENARIOS_SHEET,
      cells: b.cells,
      columnWidths,
      freezeRows: 0,
      hiddenColumns,
      page: pageFor(columnWidths, hiddenColumns, { from: SC.title, to: SC.subtitle }),
    };
    return { plan, mismatches: 0 };
  }

  b.value(SC.note, 0, "Samme Kommunene-beløp og innbyggertall hvert år som Kommunebidrag; bare andelen likt fordelt skiller.", { italic: true });
  b.value(SC.note + 1, 0, "Hele kroner, største-rest-metoden. Differanse: bidraget i alt minus bidraget med dagens nøkkel.", { italic: true });

  const nameCol = col(M, "Kommune");
  const nText = `ROWS(${nameCol})`;
  const rawNames = M.table.rows.map((r) => r[M.columns.Kommune.index]);
  const own = computed.contributions.map((c) => model.years.map((y) => c.contributions[y]));
  const ownTotals = own.map((r) => r.reduce((a, v) => a + v, 0));
  const keys = [
    { label: "Dagens nøkkel", e: model.equalShare, values: own, shareFormula: `INDEX(${col(P, "Verdi")},MATCH(${lit(refs.equalShareParam)},${col(P, "Parameter")},0))`, nameFormula: null as string | null },
    ...model.scenarios.map((s, k) => {
      const per = scenarioContributions(model, s.equalShare);
      const row = refs.scenarioRows[k] + 1;
      return {
        label: s.name,
        e: s.equalShare,
        values: per.map((r) => model.years.map((y) => r[y])),
        shareFormula: `INDEX(${col(S, "Andel likt fordelt")},${row})`,
        nameFormula: `INDEX(${col(S, "Scenario")},${row})&""` as string | null,
      };
    }),
  ];
  // Whole per cents show as such; a share such as 12.5 % keeps its decimal.
  const shareFormat = keys.every((k) => Number.isInteger(Math.round(k.e * 1e9) / 1e7)) ? "0%" : "0.0%";
  const ownFirst = L.block(0).first;
  const scenarioTotalRows: { name: string; first: number }[] = [];

  keys.forEach((key, kb) => {
    const B = L.block(kb);
    const scenario = kb > 0;
    if (key.nameFormula) b.formula(B.name, 0, key.nameFormula, key.label, { bold: true });
    else b.value(B.name, 0, key.label, { bold: true });
    b.value(B.share, 0, "Andel likt fordelt");
    b.formula(B.share, 1, key.shareFormula, key.e, { numberFormat: shareFormat, bold: true });
    const eRef = a1(B.share, 1, true);
    b.value(B.header, L.name, "Kommune", { ...headStyle, align: "left" });
    model.years.forEach((y, j) => {
      b.value(B.header, L.year(j), y, { ...headStyle, align: "right" });
      b.value(B.header, L.pop(j), `Hjelp innbyggere ${y}`, headStyle);
      b.value(B.header, L.exact(j), `Hjelp eksakt ${y}`, headStyle);
      b.value(B.header, L.rem(j), `Hjelp rest ${y}`, headStyle);
      b.value(B.header, L.rank(j), `Hjelp rang ${y}`, headStyle);
    });
    b.value(B.header, L.total, "I alt", { ...headStyle, align: "right" });
    b.value(B.header, L.diff, scenario ? "Differanse (kr)" : null, { ...headStyle, align: "right" });
    for (let i = 0; i < n; i++) b.formula(B.first + i, L.name, `INDEX(${nameCol},${i + 1})&""`, String(rawNames[i] ?? ""));
    b.value(B.totals, L.name, "Sum", { bold: true, borderTop: true });

    model.years.forEach((y, j) => {
      const pops = populationsFor(model, y);
      let popSum = 0;
      for (const p of pops) popSum += p;
      const popCol = columnRef(M, refs.populationColumns[y].header);
      for (let i = 0; i < n; i++) b.formula(B.first + i, L.pop(j), `INDEX(${popCol},${i + 1})`, pops[i]);
      b.formula(B.totals, L.pop(j), `SUM(${rangeA1(B.first, B.totals - 1, L.pop(j), false)})`, popSum);
      const pRef = a1(B.totals, L.pop(j), true);
      const T = computed.directTotal[y];
      const e = key.e;
      mismatches += largestRemainder(b, {
        first: B.first,
        last: B.totals - 1,
        scalarRow: B.totals,
        exactCol: L.exact(j),
        remCol: L.rem(j),
        rankCol: L.rank(j),
        resultCol: L.year(j),
        totalFormula: `ROUND(${sumByKind(refs.financing, y, "Kommunene", refs.financingArtNeedsTrim)},9)`,
        total: T,
        exactFormula: (row, tRef) => `${tRef}*${eRef}/${nText}+IF(${pRef}=0,0,${tRef}*(1-${eRef})*${a1(row, L.pop(j))}/${pRef})`,
        exacts: pops.map((p) => T * e / n + (popSum === 0 ? 0 : T * (1 - e) * p / popSum)),
        expected: key.values.map((r) => r[j]),
        style: amount,
      });
      let s = 0;
      for (const r of key.values) s += r[j];
      b.formula(B.totals, L.year(j), `SUM(${rangeA1(B.first, B.totals - 1, L.year(j), false)})`, s, totalStyle);
    });

    const totals = key.values.map((r) => r.reduce((a, v) => a + v, 0));
    for (let i = 0; i < n; i++) {
      const row = B.first + i;
      b.formula(row, L.total, Y === 0 ? "0" : `SUM(${a1(row, L.year(0))}:${a1(row, L.year(Y - 1))})`, totals[i], amount);
      if (scenario) b.formula(row, L.diff, `${a1(row, L.total)}-${a1(ownFirst + i, L.total, true)}`, totals[i] - ownTotals[i], amount);
    }
    const grand = totals.reduce((a, v) => a + v, 0);
    b.formula(B.totals, L.total, `SUM(${rangeA1(B.first, B.totals - 1, L.total, false)})`, grand, totalStyle);
    if (scenario) {
      const ownGrand = ownTotals.reduce((a, v) => a + v, 0);
      b.formula(B.totals, L.diff, `SUM(${rangeA1(B.first, B.totals - 1, L.diff, false)})`, grand - ownGrand, totalStyle);
      scenarioTotalRows.push({ name: key.label, first: B.first });
    }
  });

  // Widths: each amount column as wide as its largest amount shows ("1,250,000" and room for a
  // sign), at least 11 (the head "Differanse (kr)" wraps onto two lines).
  const shown = (v: number) => Math.round(Math.abs(v)).toLocaleString("en-US").length + (v < 0 ? 1 : 0);
  for (let c = 1; c < L.visible; c++) columnWidths[c] = 11;
  for (const c of b.cells) {
    if (c.col > L.name && c.col < L.visible && typeof c.expected === "number" && c.numberFormat === AMOUNT_FORMAT) {
      columnWidths[c.col] = Math.max(columnWidths[c.col], shown(c.expected) + 3);
    }
  }

  const lastRow = L.block(keys.length - 1).totals;
  const plan: SheetPlan = {
    name: SCENARIOS_SHEET,
    cells: b.cells,
    columnWidths,
    freezeRows: 0,
    hiddenColumns,
    rowHeights: keys.map((_, kb) => ({ row: L.block(kb).header, points: 2 * LINE_POINTS })),
    page: pageFor(columnWidths, hiddenColumns, { from: SC.title, to: SC.subtitle }),
    chart: {
      kind: "bar",
      title: `Bidrag i alt ${yearSpan(model.years)} per kommune og scenario (kr)`,
      categories: { fromRow: ownFirst, toRow: ownFirst + n - 1, col: L.name },
      series: scenarioTotalRows.map((s) => ({ name: s.name, fromRow: s.first, toRow: s.first + n - 1, col: L.total })),
      // Below the blocks, over the visible columns; a bar per municipality and scenario needs height.
      anchor: { row: lastRow + 3, col: 0, rows: Math.max(20, Math.ceil((n * (scenarioTotalRows.length + 1)) / 1.5)), cols: L.visible },
    },
  };
  return { plan, mismatches };
}
