/**
 * The `Kommunebidrag` sheet: per municipality the equal part, the population part and the
 * direct contribution for each year, the total, Ressursandel and the in-kind share per year,
 * with the largest-remainder rule carried by native formulas in hidden helper columns.
 *
 * Under the totals, the `Kilde innbyggertall` parameter (the populations' source) when it has text.
 *
 * Population basis: with one `Innbyggere` column for every year, it stands once beside the
 * names. When some budget year has its own `Innbyggere <year>` column (refs.populationColumns),
 * each year's group gets its own Innbyggere column first (the column that year splits by, its
 * own or Innbyggere), and that year's formulas refer to it and to its sum.
 */
import { a1, rangeA1 } from "../a1";
import { roundHalfAway } from "../allocation";
import type { BudgetModel } from "../types";
import type { Computed } from "../model/compute";
import type { ColumnRef, ModelRefs } from "../model/read";
import { populationsFor } from "../model/compute";
import { ANCHORS } from "../workbook/anchors";
import type { SheetPlan } from "../workbook/types";
import { AMOUNT_FORMAT, HEADER_FILL, SheetBuilder, col, columnRef, largestRemainder, lit, rankedUnits, round9, sheetInt, sumByKind } from "./formulas";
import { LINE_POINTS, pageFor, wrappedLines } from "./print";
import { dateText, yearSpan } from "./text";

export const CONTRIBUTIONS_SHEET = "Kommunebidrag";

/**
 * Fixed rows of the layout (0-based): title, subtitle, the equal share (with the population
 * date beside it), two note lines, the two-row header (years centred over their columns, then
 * Likt / Etter innbyggertall / Bidrag), body.
 */
export const KB = { title: 0, subtitle: 1, params: 2, note: 3, group: 5, header: 6, body: 7 } as const;

/** True when some year's split uses a column other than Innbyggere: the sheet then shows each year's basis. */
export function hasPerYearPopulations(model: BudgetModel, refs: ModelRefs): boolean {
  const plain = refs.municipalities.columns.Innbyggere as ColumnRef | undefined;
  return model.years.some((y) => refs.populationColumns[y] !== plain);
}

/**
 * Column layout for Y years: exported so tests and the e2e can find cells without guessing.
 * `perYear` (hasPerYearPopulations): a population column `pop(j)` leads each year's group;
 * otherwise `pop(j)` is the one `population` column for every year.
 */
export function contributionColumns(Y: number, perYear = false) {
  const w = perYear ? 4 : 3;
  const y0 = perYear ? 1 : 2;
  const hidden0 = 4 + (w + 1) * Y - (perYear ? 1 : 0);
  return {
    perYear,
    name: 0,
    /** The Innbyggere column (single basis); with per-year bases, the first year's. */
    population: 1,
    pop: (j: number) => (perYear ? y0 + w * j : 1),
    equal: (j: number) => y0 + (perYear ? 1 : 0) + w * j,
    popPart: (j: number) => y0 + (perYear ? 2 : 1) + w * j,
    total: (j: number) => y0 + (perYear ? 3 : 2) + w * j,
    sum: y0 + w * Y,
    share: y0 + w * Y + 1,
    inKind: (j: number) => y0 + w * Y + 2 + j,
    visible: hidden0,
    exact: (j: number) => hidden0 + 8 * j,
    rem: (j: number) => hidden0 + 8 * j + 1,
    rank: (j: number) => hidden0 + 8 * j + 2,
    delta: (j: number) => hidden0 + 8 * j + 3,
    rankE: (j: number) => hidden0 + 8 * j + 4,
    exactIK: (j: number) => hidden0 + 8 * j + 5,
    remIK: (j: number) => hidden0 + 8 * j + 6,
    rankIK: (j: number) => hidden0 + 8 * j + 7,
    width: hidden0 + 8 * Y,
  };
}

export function planContributions(model: BudgetModel, refs: ModelRefs, computed: Computed): { plan: SheetPlan; mismatches: number } {
  const b = new SheetBuilder();
  const Y = model.years.length;
  const n = model.municipalities.length;
  const perYear = hasPerYearPopulations(model, refs);
  const C = contributionColumns(Y, perYear);
  const first = KB.body;
  const last = KB.body + n - 1;
  const totalsRow = last + 1;
  const M = refs.municipalities;
  const F = refs.financing;
  const P = refs.parameters;
  const e = model.equalShare;
  const bold = { bold: true };
  const amount = { numberFormat: AMOUNT_FORMAT };
  const hidden = undefined;
  const totalStyle = { bold: true, borderTop: true, numberFormat: AMOUNT_FORMAT };
  const shareFormat = model.municipalities.every((m) => Number.isInteger(Math.round(m.resourceShare * 1e9) / 1e7)) ? "0%" : "0.0%";
  let mismatches = 0;

  // Title, subtitle and the equal share as a live cell every formula below refers to.
  b.value(KB.title, 0, model.projectName || "Kommunebidrag", { bold: true });
  b.value(KB.subtitle, 0, `Kommunenes direkte bidrag og egeninnsats ${yearSpan(model.years)} (kr)`, { italic: true });
  b.value(KB.params, 0, "Andel likt fordelt", bold);
  b.formula(KB.params, 1, `INDEX(${col(P, "Verdi")},MATCH(${lit(refs.equalShareParam)},${col(P, "Parameter")},0))`, e, { numberFormat: "0%", bold: true });
  // Short lines: a note running past the table would shrink the printed page.
  {
    const plain = refs.municipalities.columns.Innbyggere as ColumnRef | undefined;
    const someUsePlain = model.years.some((y) => refs.populationColumns[y] === plain);
    const date = model.populationDate ? dateText(model.populationDate) : null;
    let basis: string | null = date ? `Innbyggertall per ${date}.` : null;
    if (perYear) basis = someUsePlain && date ? `Innbyggertall for hvert år (over året); per ${date} der året ikke har egen kolonne.` : "Innbyggertall for hvert år (over året).";
    if (basis) b.value(KB.params, 3, basis, { italic: true });
  }
  b.value(KB.note, 0, "Hele kroner, fordelt etter største-rest-metoden slik at hver kolonne summerer nøyaktig.", { italic: true });
  b.value(KB.note + 1, 0, "Egeninnsats: årets egeninnsats i finansieringen fordelt etter ressursandel.", { italic: true });
  const eRef = a1(KB.params, 1, true);

  // Two header rows: a group row (each year centred across its three columns, "Egeninnsats"
  // across the in-kind years; centre-across, not merged cells, so nothing breaks selecting or
  // sorting) and the column heads below it, wrapped.
  const headStyle = { bold: true, fill: HEADER_FILL };
  const group = (from: number, to: number, text: string) => {
    for (let c = from; c <= to; c++) b.value(KB.group, c, c === from ? text : null, { ...headStyle, align: "centerAcross" });
  };
  const blankGroup = (c: number) => b.value(KB.group, c, null, headStyle);
  const head = (c: number, text: string, align: "left" | "right" = "right") => b.value(KB.header, c, text, { ...headStyle, align, wrap: true });
  const headTexts: [number, string][] = [];
  const visibleHead = (c: number, text: string, align: "left" | "right" = "right") => {
    head(c, text, align);
    headTexts.push([c, text]);
  };
  blankGroup(C.name);
  visibleHead(C.name, "Kommune", "left");
  if (!perYear) {
    blankGroup(C.population);
    visibleHead(C.population, "Innbyggere");
  }
  model.years.forEach((y, j) => {
    if (perYear) visibleHead(C.pop(j), "Innbyggere");
    group(perYear ? C.pop(j) : C.equal(j), C.total(j), y);
    visibleHead(C.equal(j), "Likt");
    visibleHead(C.popPart(j), "Etter innbyggertall");
    visibleHead(C.total(j), "Bidrag");
    visibleHead(C.inKind(j), y);
    head(C.exact(j), `Hjelp eksakt ${y}`);
    head(C.rem(j), `Hjelp rest ${y}`);
    head(C.rank(j), `Hjelp rang ${y}`);
    head(C.delta(j), `Hjelp avvik ${y}`);
    head(C.rankE(j), `Hjelp rang likt ${y}`);
    head(C.exactIK(j), `Hjelp eksakt egeninnsats ${y}`);
    head(C.remIK(j), `Hjelp rest egeninnsats ${y}`);
    head(C.rankIK(j), `Hjelp rang egeninnsats ${y}`);
  });
  blankGroup(C.sum);
  blankGroup(C.share);
  visibleHead(C.sum, "Bidrag i alt");
  visibleHead(C.share, "Ressursandel");
  if (Y > 0) group(C.inKind(0), C.inKind(Y - 1), "Egeninnsats");

  // Municipality columns straight from the table.
  const nameCol = col(M, "Kommune");
  const shareCol = col(M, "Ressursandel");
  const rawNames = M.table.rows.map((r) => r[M.columns.Kommune.index]);
  for (let i = 0; i < n; i++) {
    const row = first + i;
    const m = model.municipalities[i];
    b.formula(row, C.name, `INDEX(${nameCol},${i + 1})&""`, String(rawNames[i] ?? ""));
    // One population column, or each year's basis in its group.
    if (!perYear) b.formula(row, C.population, `INDEX(${columnRef(M, refs.populationColumns[model.years[0]]?.header ?? M.columns.Innbyggere.header)},${i + 1})`, m.population, amount);
    else model.years.forEach((y, j) => b.formula(row, C.pop(j), `INDEX(${columnRef(M, refs.populationColumns[y].header)},${i + 1})`, m.populationByYear[y], amount));
    b.formula(row, C.share, `INDEX(${shareCol},${i + 1})`, m.resourceShare, { numberFormat: shareFormat });
  }
  let shareSum = 0;
  for (const m of model.municipalities) shareSum += m.resourceShare;
  /** Each year's population basis and its sum, in table order (summed in row order, as SUM does). */
  const pops = model.years.map((y) => populationsFor(model, y));
  const popSums = pops.map((p) => p.reduce((s, v) => s + v, 0));
  b.value(totalsRow, C.name, "Sum", { bold: true, borderTop: true });
  model.years.forEach((_, j) => {
    if (perYear || j === 0) b.formula(totalsRow, C.pop(j), `SUM(${rangeA1(first, last, C.pop(j), false)})`, popSums[j], totalStyle);
  });
  if (Y === 0 && !perYear) b.formula(totalsRow, C.population, `SUM(${rangeA1(first, last, C.population, false)})`, 0, totalStyle);
  // ROUND: shares such as 0.1 + 0.15 + … do not add up to exactly 1 in binary, and spreadsheets
  // sum in different orders; 9 places show 100 % and give every program the same R below.
  b.formula(totalsRow, C.share, `ROUND(SUM(${rangeA1(first, last, C.share, false)}),9)`, round9(shareSum), {
    bold: true,
    borderTop: true,
    numberFormat: shareFormat,
  });
  const rRef = a1(totalsRow, C.share, true);
  const nText = `ROWS(${nameCol})`;
  const R = round9(shareSum);

  model.years.forEach((y, j) => {
    const T = computed.directTotal[y];
    const TI = computed.inKindTotal[y];
    const engineTotal = computed.contributions.map((c) => c.contributions[y]);

    // Direct contribution: T*e/n + T*(1-e)*p/P, largest remainder, p and P the year's basis.
    const pRef = a1(totalsRow, C.pop(j), true);
    const popSum = popSums[j];
    const exacts = pops[j].map((p) => T * e / n + (popSum === 0 ? 0 : T * (1 - e) * p / popSum));
    mismatches += largestRemainder(b, {
      first,
      last,
      scalarRow: totalsRow,
      exactCol: C.exact(j),
      remCol: C.rem(j),
      rankCol: C.rank(j),
      resultCol: C.total(j),
      totalFormula: `ROUND(${sumByKind(F, y, "Kommunene", refs.financingArtNeedsTrim)},9)`,
      total: T,
      exactFormula: (row, tRef) => `${tRef}*${eRef}/${nText}+IF(${pRef}=0,0,${tRef}*(1-${eRef})*${a1(row, C.pop(j))}/${pRef})`,
      exacts,
      expected: engineTotal,
      style: amount,
      hiddenStyle: hidden,
    });

    // Equal part: INT(q) + 1 for the k_E rows whose total was rounded up the most.
    const tRef = a1(totalsRow, C.exact(j), true);
    const qRef = a1(totalsRow, C.delta(j), true);
    const kERef = a1(totalsRow, C.rankE(j), true);
    const q = T * e / n;
    // ROUND(…,9) first: T*e in doubles can fall just below an exact half (1253625*0.82 gives
    // 1027972.4999999999), which ROUND(…,0) alone would round the wrong way.
    const kE = roundHalfAway(round9(T * e), 0) - n * sheetInt(q);
    b.formula(totalsRow, C.delta(j), `${tRef}*${eRef}/${nText}`, q, hidden);
    b.formula(totalsRow, C.rankE(j), `ROUND(ROUND(${tRef}*${eRef},9),0)-${nText}*INT(${qRef})`, kE, hidden);
    const engineEqual = computed.contributions.map((c) => c.equalPart[y]);
    mismatches += rankedUnits(b, {
      first,
      last,
      keyCol: C.delta(j),
      rankCol: C.rankE(j),
      resultCol: C.equal(j),
      kRef: kERef,
      k: kE,
      keyFormula: (row) => `ROUND(${a1(row, C.total(j))}-${a1(row, C.exact(j))},9)`,
      keys: exacts.map((x, i) => round9(engineTotal[i] - x)),
      baseFormula: () => `INT(${qRef})`,
      bases: exacts.map(() => sheetInt(q)),
      expected: engineEqual,
      style: amount,
      hiddenStyle: hidden,
    });
    for (let i = 0; i < n; i++) {
      const row = first + i;
      b.formula(row, C.popPart(j), `${a1(row, C.total(j))}-${a1(row, C.equal(j))}`, computed.contributions[i].populationPart[y], amount);
    }

    // In-kind: the year's Egeninnsats financing split by Ressursandel (e = 0).
    mismatches += largestRemainder(b, {
      first,
      last,
      scalarRow: totalsRow,
      exactCol: C.exactIK(j),
      remCol: C.remIK(j),
      rankCol: C.rankIK(j),
      resultCol: C.inKind(j),
      totalFormula: `ROUND(${sumByKind(F, y, "Egeninnsats", refs.financingArtNeedsTrim)},9)`,
      total: TI,
      exactFormula: (row, tiRef) => `${tiRef}*${a1(row, C.share)}/${rRef}`,
      exacts: model.municipalities.map((m) => TI * m.resourceShare / R),
      expected: computed.contributions.map((c) => c.inKind[y]),
      style: amount,
      hiddenStyle: hidden,
    });

    // Totals of the visible columns: they add up exactly, by construction of the rule.
    for (const [c, pick] of [
      [C.equal(j), (k: number) => computed.contributions[k].equalPart[y]],
      [C.popPart(j), (k: number) => computed.contributions[k].populationPart[y]],
      [C.total(j), (k: number) => computed.contributions[k].contributions[y]],
      [C.inKind(j), (k: number) => computed.contributions[k].inKind[y]],
    ] as const) {
      let s = 0;
      for (let k = 0; k < n; k++) s += pick(k);
      b.formula(totalsRow, c, `SUM(${rangeA1(first, last, c, false)})`, s, totalStyle);
    }
  });

  // Where the populations come from (the Parametere row `Kilde innbyggertall`, written by the SSB
  // fetch, docs/ssb.md), under the totals: a live lookup, so editing the row shows here at once.
  // `&""` keeps a blanked row from showing 0.
  if (refs.populationSource) {
    const s = refs.populationSource;
    b.formula(totalsRow + 1, 0, `INDEX(${col(P, "Verdi")},MATCH(${lit(s.param)},${col(P, "Parameter")},0))&""`, s.text, { italic: true });
  }

  // Contribution over all years, per row and in total.
  const totalCells = (row: number) => model.years.map((_, j) => a1(row, C.total(j))).join(",");
  for (let i = 0; i < n; i++) {
    const row = first + i;
    let s = 0;
    for (const y of model.years) s += computed.contributions[i].contributions[y];
    b.formula(row, C.sum, `SUM(${totalCells(row)})`, s, amount);
  }
  {
    let s = 0;
    for (const c of computed.contributions) for (const y of model.years) s += c.contributions[y];
    b.formula(totalsRow, C.sum, `SUM(${rangeA1(first, last, C.sum, false)})`, s, totalStyle);
  }

  // Widths: each amount column as wide as its total shows ("1,250,000" and two spaces), at
  // least 9; heads wrap within them.
  const shown = (v: number) => Math.round(Math.abs(v)).toLocaleString("en-US").length + (v < 0 ? 1 : 0);
  const totalsWidth = new Map<number, number>();
  for (const c of b.cells) {
    if (c.row === totalsRow && c.col < C.visible && typeof c.expected === "number") totalsWidth.set(c.col, Math.max(9, shown(c.expected) + 2));
  }
  const maxName = model.municipalities.reduce((w, m) => Math.max(w, m.name.length), 8);
  const columnWidths: number[] = new Array(C.width).fill(13);
  for (let c = 0; c < C.visible; c++) columnWidths[c] = totalsWidth.get(c) ?? 9;
  columnWidths[C.name] = Math.min(40, maxName + 3);
  model.years.forEach((_, j) => (columnWidths[C.pop(j)] = Math.max(11, columnWidths[C.pop(j)])));
  if (!perYear) columnWidths[C.population] = Math.max(11, columnWidths[C.population]);
  columnWidths[C.share] = 13;
  // "innbyggertall" is the longest word of a head: its column must hold it on one line.
  model.years.forEach((_, j) => (columnWidths[C.popPart(j)] = Math.max(columnWidths[C.popPart(j)], 13)));
  // One in-kind year alone must still hold its group head "Egeninnsats".
  if (Y === 1) columnWidths[C.inKind(0)] = Math.max(columnWidths[C.inKind(0)], 12);
  const hiddenColumns: number[] = [];
  for (let c = C.visible; c < C.width; c++) hiddenColumns.push(c);
  const headLines = headTexts.reduce((m, [c, text]) => Math.max(m, wrappedLines(text, columnWidths[c])), 1);

  const plan: SheetPlan = {
    name: CONTRIBUTIONS_SHEET,
    cells: b.cells,
    columnWidths,
    freezeRows: KB.header + 1,
    hiddenColumns,
    rowHeights: [{ row: KB.header, points: headLines * LINE_POINTS }],
    page: pageFor(columnWidths, hiddenColumns, { from: KB.group, to: KB.header }),
    chart: {
      title: `Kommunenes direkte bidrag per år (kr)`,
      categories: { fromRow: first, toRow: last, col: C.name },
      series: model.years.map((y, j) => ({ name: `Bidrag ${y}`, fromRow: first, toRow: last, col: C.total(j) })),
      anchor: { row: totalsRow + 3, col: 0, rows: 20, cols: Math.min(C.visible, Math.max(8, Math.ceil(n / 2))) },
    },
    names: [
      ...model.years.map((y, j) => ({ name: ANCHORS.contributionYear(y), row: totalsRow, col: C.total(j) })),
      { name: ANCHORS.contributionTotal, row: totalsRow, col: C.sum },
    ],
  };
  return { plan, mismatches };
}
