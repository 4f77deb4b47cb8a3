/** The `Budsjett` sheet: cost items by year with a total column, subtotals per Art, grand total. */
import { a1 } from "../a1";
import type { BudgetModel } from "../types";
import type { Computed } from "../model/compute";
import { sumAmounts } from "../model/compute";
import type { ModelRefs } from "../model/read";
import { ANCHORS } from "../workbook/anchors";
import type { SheetPlan } from "../workbook/types";
import { AMOUNT_FORMAT, HEADER_FILL, SheetBuilder, col, sumByKind, yearCol } from "./formulas";
import { pageFor, printedChars, splitLines } from "./print";
import { yearSpan } from "./text";

const BUDGET_SHEET = "Budsjett";

/**
 * Rows (0-based) of Budsjett and Finansieringsplan: title, subtitle, the note broken into lines
 * no wider than the table (one row at least, so a short note keeps the header on row 4), header, body.
 */
export function lineRows(noteLines: number) {
  const header = 2 + Math.max(1, noteLines);
  return { title: 0, subtitle: 1, note: 2, header, body: header + 1 };
}
export type LineRows = ReturnType<typeof lineRows>;

/**
 * The note as lines within the table's printed width (a line running past the table would make
 * a fit-to-width page shrink), italic, from row `LineRows.note`. Returns the rows it takes.
 */
export function noteLines(note: string | null, columnWidths: readonly number[]): string[] {
  return note ? splitLines(note, Math.floor(printedChars(columnWidths))) : [];
}

export function writeNote(b: SheetBuilder, rows: LineRows, lines: readonly string[]): void {
  lines.forEach((line, i) => b.value(rows.note + i, 0, line, { italic: true }));
}

/** Label, Art, one column per year, then the row total. */
export function lineColumns(Y: number) {
  return { label: 0, kind: 1, year: (j: number) => 2 + j, total: 2 + Y, width: 3 + Y };
}

/**
 * Writes a table's lines as live INDEX formulas (label, Art, amounts, row total); shared by
 * Budsjett and Finansieringsplan. Returns the first row after the body.
 */
export function writeLines(
  b: SheetBuilder,
  model: BudgetModel,
  ref: ModelRefs["costs"],
  labelLogical: string,
  lines: readonly { amounts: Record<string, number> }[],
  rows: LineRows,
): number {
  const L = lineColumns(model.years.length);
  const labelCol = col(ref, labelLogical);
  const artCol = col(ref, "Art");
  const yearCols = model.years.map((y) => yearCol(ref, y));
  const t = ref.table;
  const cLabel = ref.columns[labelLogical].index;
  const cArt = ref.columns.Art.index;
  const rawText = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  const last = L.year(model.years.length - 1);
  lines.forEach((line, i) => {
    const row = rows.body + i;
    b.formula(row, L.label, `INDEX(${labelCol},${i + 1})&""`, rawText(t.rows[i][cLabel]));
    b.formula(row, L.kind, `INDEX(${artCol},${i + 1})&""`, rawText(t.rows[i][cArt]));
    let s = 0;
    model.years.forEach((y, j) => {
      const v = line.amounts[y] ?? 0;
      s += v;
      b.formula(row, L.year(j), `INDEX(${yearCols[j]},${i + 1})`, v, { numberFormat: AMOUNT_FORMAT });
    });
    b.formula(row, L.total, `SUM(${a1(row, L.year(0))}:${a1(row, last)})`, s, { numberFormat: AMOUNT_FORMAT });
  });
  return rows.body + lines.length;
}

/** A totals row: label, one formula per year and the row total over the year cells. */
export function writeTotalRow(
  b: SheetBuilder,
  row: number,
  years: readonly string[],
  label: string,
  formulaFor: (y: string) => string,
  valueFor: (y: string) => number,
  style: { bold?: boolean; borderTop?: boolean; numberFormat?: string } = {},
): void {
  const L = lineColumns(years.length);
  const fmt = style.numberFormat ?? AMOUNT_FORMAT;
  b.value(row, L.label, label, { bold: style.bold, borderTop: style.borderTop });
  if (style.borderTop) b.value(row, L.kind, null, { borderTop: true });
  let s = 0;
  years.forEach((y, j) => {
    const v = valueFor(y);
    s += v;
    b.formula(row, L.year(j), formulaFor(y), v, { ...style, numberFormat: fmt });
  });
  b.formula(row, L.total, `SUM(${a1(row, L.year(0))}:${a1(row, L.year(years.length - 1))})`, s, { ...style, numberFormat: fmt });
}

export function headerRow(b: SheetBuilder, years: readonly string[], labelHead: string, rows: LineRows): void {
  const L = lineColumns(years.length);
  const head = (c: number, text: string, align: "left" | "right") => b.value(rows.header, c, text, { bold: true, fill: HEADER_FILL, align, wrap: true });
  head(L.label, labelHead, "left");
  head(L.kind, "Art", "left");
  years.forEach((y, j) => head(L.year(j), y, "right"));
  head(L.total, "Sum", "right");
}

export function lineWidths(Y: number, labels: readonly string[]): number[] {
  const L = lineColumns(Y);
  const w = new Array<number>(L.width).fill(13);
  w[L.label] = Math.min(50, Math.max(24, ...labels.map((s) => s.length + 2)));
  w[L.kind] = 13;
  return w;
}

export function planBudget(model: BudgetModel, refs: ModelRefs, computed: Computed): SheetPlan {
  const b = new SheetBuilder();
  const K = refs.costs;
  const columnWidths = lineWidths(model.years.length, model.costs.map((c) => c.label));
  const note = noteLines(refs.note, columnWidths);
  const R = lineRows(note.length);
  b.value(R.title, 0, model.projectName || "Budsjett", { bold: true });
  b.value(R.subtitle, 0, `Kostnadsbudsjett ${yearSpan(model.years)} (kr)`, { italic: true });
  writeNote(b, R, note);
  headerRow(b, model.years, "Kostnadspost", R);
  let row = writeLines(b, model, K, "Kostnadspost", model.costs, R);
  const trim = refs.costsArtNeedsTrim;
  writeTotalRow(b, row++, model.years, "Sum eksterne kostnader", (y) => sumByKind(K, y, "Ekstern", trim), (y) => sumAmounts(model.costs, y, "Ekstern"), {
    borderTop: true,
  });
  writeTotalRow(b, row++, model.years, "Sum egeninnsats", (y) => sumByKind(K, y, "Egeninnsats", trim), (y) => sumAmounts(model.costs, y, "Egeninnsats"));
  writeTotalRow(b, row, model.years, "Sum kostnader", (y) => `SUM(${yearCol(K, y)})`, (y) => computed.costs[y], { bold: true, borderTop: true });
  return {
    name: BUDGET_SHEET,
    cells: b.cells,
    columnWidths,
    freezeRows: R.header + 1,
    page: pageFor(columnWidths, [], { from: R.header, to: R.header }),
    names: [{ name: ANCHORS.costsTotal, row, col: lineColumns(model.years.length).total }],
  };
}

