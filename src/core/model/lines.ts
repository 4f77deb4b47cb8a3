/**
 * The Kostnader and Finansiering rows: a label, an Art from a fixed list (matched as Excel's TRIM
 * and case-insensitive `=` would, so native SUMIFS select the same rows), and one amount per
 * budget year (blank counts as 0, with a warning). Amounts and their sums are bounded by
 * MAX_AMOUNT, so that every sum stays an exact whole number of kroner.
 */
import { finding } from "../checks/findings";
import { cellWhere, MAX_AMOUNT, hasInvisible, isBlank, nameKey, type ReadContext, stripInvisible, type TableRef, text } from "./tables";
import { sheetKey } from "../names";

export interface Lines<K extends string> {
  lines: { label: string; kind: K; amounts: Record<string, number> }[];
  /** True when some Art cell has spaces SUMIFS would not ignore: formulas then use TRIM. */
  needsTrim: boolean;
}

export function readLines<K extends string>(ref: TableRef, labelCol: string, kinds: readonly K[], years: readonly string[], ctx: ReadContext): Lines<K> {
  const { findings, reportIssue } = ctx;
  const t = ref.table;
  const cLabel = ref.columns[labelCol].index;
  const cArt = ref.columns.Art.index;
  const lines: { label: string; kind: K; amounts: Record<string, number> }[] = [];
  let needsTrim = false;
  // Every sum the sheets make of this table (per year, per row over the years, per Art, the
  // grand total) is at most the sum of the absolute amounts: bounding it bounds them all.
  let absSum = 0;
  let sumPassed = false;
  t.rows.forEach((row, r) => {
    const amounts: Record<string, number> = {};
    let any = false;
    for (const y of years) {
      const c = ref.years[y]?.index;
      if (c === undefined) continue;
      const v = row[c] ?? null;
      if (reportIssue(t, r, c)) {
        amounts[y] = NaN;
      } else if (isBlank(v)) {
        findings.push(finding("KBR-W-AMOUNT-BLANK", cellWhere(t, r, c), { value: v }));
        amounts[y] = 0;
      } else if (typeof v !== "number" || Number.isNaN(v)) {
        findings.push(finding("KBR-E-AMOUNT-NOT-NUMBER", cellWhere(t, r, c), { value: v }));
        amounts[y] = NaN;
      } else if (!(Math.abs(v) <= MAX_AMOUNT)) {
        findings.push(finding("KBR-E-AMOUNT-TOO-LARGE", cellWhere(t, r, c), { value: v, a: MAX_AMOUNT }));
        amounts[y] = NaN;
      } else {
        amounts[y] = v;
        any = true;
        absSum += Math.abs(v);
        if (!sumPassed && absSum > MAX_AMOUNT) {
          sumPassed = true;
          findings.push(finding("KBR-E-AMOUNT-SUM-TOO-LARGE", cellWhere(t, r, c), { value: v, a: MAX_AMOUNT, name: t.name }));
        }
      }
    }
    const artV = row[cArt] ?? null;
    const artText = typeof artV === "string" ? artV : "";
    // As the sheets' TRIM(Art)= selects rows (sheetKey): only the space character is folded.
    const kind = kinds.find((k) => sheetKey(k) === sheetKey(artText));
    const lookalike = kind || !hasInvisible(artText) ? undefined : kinds.find((k) => sheetKey(k) === sheetKey(stripInvisible(artText)));
    if (reportIssue(t, r, cArt, "Art")) {
      // reported
    } else if (lookalike) findings.push(finding("KBR-E-TEXT-INVISIBLE", cellWhere(t, r, cArt, "Art"), { value: artText, name: lookalike }));
    else if (!kind) findings.push(finding("KBR-E-ART-UNKNOWN", cellWhere(t, r, cArt, "Art"), { value: artV, list: kinds.join(" / ") }));
    else if (artText !== artText.trim() || / {2}/.test(artText)) needsTrim = true;
    const labelV = row[cLabel] ?? null;
    const label = isBlank(labelV) ? "" : text(labelV).trim();
    if (reportIssue(t, r, cLabel, labelCol)) {
      // reported
    } else if (!label && any) findings.push(finding("KBR-W-LABEL-BLANK", cellWhere(t, r, cLabel, labelCol)));
    lines.push({ label, kind: (kind ?? kinds[0]) as K, amounts });
  });
  // A label with invisible characters matters when it looks like another row's label.
  const clean = new Map<string, number>();
  lines.forEach((l, r) => {
    if (l.label && !hasInvisible(l.label) && !clean.has(nameKey(l.label))) clean.set(nameKey(l.label), r);
  });
  lines.forEach((l, r) => {
    const first = hasInvisible(l.label) ? clean.get(nameKey(stripInvisible(l.label))) : undefined;
    if (first !== undefined) findings.push(finding("KBR-W-LABEL-INVISIBLE", cellWhere(t, r, cLabel, labelCol), { value: l.label, firstRow: first + 1 }));
  });
  return { lines, needsTrim };
}
