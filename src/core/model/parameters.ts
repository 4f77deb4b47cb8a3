/**
 * The Parametere table: the equal share (required, 0–1), the population date and project name
 * (warnings when missing) and the optional note. A parameter is found by its name ignoring case
 * and spaces; a name that matches only with invisible characters is reported.
 */
import { finding } from "../checks/findings";
import type { CellValue } from "../workbook/types";
import { isDateSerial, serialToDate } from "../workbook/dates";
import { cellWhere, hasInvisible, isBlank, nameKey, PARAMS, type ReadContext, stripInvisible, type TableRef, tableWhere, text } from "./tables";

export interface Parameters {
  /** NaN when missing or invalid (reported). */
  equalShare: number;
  /** The Parameter text of the equal-share row as written, for MATCH. */
  equalShareParam: string;
  populationDate: string | null;
  projectName: string;
  note: string | null;
  /** The `Kilde innbyggertall` row when it has text: its Parameter text as written (for MATCH) and the text. */
  populationSource: { param: string; text: string } | null;
}

export function readParameters(ref: TableRef, ctx: ReadContext): Parameters {
  const { findings, reportIssue } = ctx;
  const pt = ref.table;
  const pName = ref.columns.Parameter.index;
  const pValue = ref.columns.Verdi.index;
  pt.rows.forEach((_, r) => reportIssue(pt, r, pName, "Parameter"));
  reportRepeatedKeys(ref, ctx);
  /** The row of a parameter; -2 when only a row with invisible characters matches (reported here). */
  const paramRow = (label: string): number => {
    const r = pt.rows.findIndex((row) => nameKey(text(row[pName] ?? null)) === nameKey(label));
    if (r >= 0) return r;
    const lookalike = pt.rows.findIndex((row) => {
      const s = text(row[pName] ?? null);
      return hasInvisible(s) && nameKey(stripInvisible(s)) === nameKey(label);
    });
    if (lookalike < 0) return -1;
    findings.push(finding("KBR-E-TEXT-INVISIBLE", cellWhere(pt, lookalike, pName, "Parameter"), { value: text(pt.rows[lookalike][pName] ?? null), name: label }));
    return -2;
  };
  let equalShare = NaN;
  let equalShareParam: string = PARAMS.equalShare;
  {
    const r = paramRow(PARAMS.equalShare);
    if (r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"))) {
      // reported
    } else if (r < 0) {
      findings.push(finding("KBR-E-PARAM-EQUAL-SHARE", { ...tableWhere(pt), column: "Parameter" }, {}));
    } else {
      const v = pt.rows[r][pValue] ?? null;
      equalShareParam = text(pt.rows[r][pName] ?? null);
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
        findings.push(finding("KBR-E-PARAM-EQUAL-SHARE", cellWhere(pt, r, pValue), { value: v }));
      } else equalShare = v;
    }
  }
  let populationDate: string | null = null;
  {
    const r = paramRow(PARAMS.populationDate);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"))) {
      // reported
    } else if (v instanceof Date) populationDate = v.toISOString().slice(0, 10);
    else if (typeof v === "number" && isDateSerial(v)) populationDate = serialToDate(v).toISOString().slice(0, 10);
    // No date can be this number: keep it as typed, as a text would be (a Date would throw).
    else if (typeof v === "number" && Number.isFinite(v)) populationDate = String(v);
    else if (typeof v === "string" && v.trim()) populationDate = v.trim();
    else findings.push(finding("KBR-W-PARAM-MISSING", r < 0 ? { ...tableWhere(pt), column: "Parameter" } : cellWhere(pt, r, pValue), { name: PARAMS.populationDate }));
  }
  let projectName: string;
  {
    const r = paramRow(PARAMS.projectName);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    projectName = isBlank(v) ? "" : text(v).trim();
    const reported = r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"));
    if (!projectName && !reported) findings.push(finding("KBR-W-PARAM-MISSING", r < 0 ? { ...tableWhere(pt), column: "Parameter" } : cellWhere(pt, r, pValue), { name: PARAMS.projectName }));
  }
  let note: string | null = null;
  {
    const r = paramRow(PARAMS.note);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r >= 0) reportIssue(pt, r, pValue, "Verdi");
    if (!isBlank(v)) note = text(v).trim();
  }
  let populationSource: { param: string; text: string } | null = null;
  {
    const r = paramRow(PARAMS.populationSource);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r >= 0 && !reportIssue(pt, r, pValue, "Verdi") && !isBlank(v)) populationSource = { param: text(pt.rows[r][pName] ?? null), text: text(v).trim() };
  }
  return { equalShare, equalShareParam, populationDate, projectName, note, populationSource };
}

/** Two cells hold the same value as the model reads it (texts compared trimmed). */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
  if (typeof a === "object" && typeof b === "object") return a?.error === b?.error;
  return a === b;
}

/**
 * A key given twice (e.g. two `Andel likt fordelt` rows): the first row would be used without a
 * word. Different values: an error naming both rows; the same value: a warning.
 */
function reportRepeatedKeys(ref: TableRef, ctx: ReadContext): void {
  const pt = ref.table;
  const pName = ref.columns.Parameter.index;
  const pValue = ref.columns.Verdi.index;
  const firstOf = new Map<string, number>();
  pt.rows.forEach((row, r) => {
    const label = text(row[pName] ?? null);
    const k = nameKey(label);
    if (!k) return;
    const first = firstOf.get(k);
    if (first === undefined) return void firstOf.set(k, r);
    const before = pt.rows[first][pValue] ?? null;
    const value = row[pValue] ?? null;
    const id = sameValue(before, value) ? "KBR-W-PARAM-DUPLICATE" : "KBR-E-PARAM-DUPLICATE";
    ctx.findings.push(finding(id, cellWhere(pt, r, pName, "Parameter"), { name: label.trim(), firstRow: first + 1, value, expected: before }));
  });
}
