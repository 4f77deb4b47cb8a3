/**
 * Reading the follow-up's optional tables (Regnskap, Timer, Forklaringer) and Parametere rows
 * from the same host-neutral TableData as the budget tables (docs/followup.md). Only the
 * shape is checked here (tables, columns, parameter values); the rows are checked in model.ts,
 * where the budget they refer to is known.
 */
import { cellWhere, FOLLOWUP_TABLE_KEYS, nameKey, TABLES } from "../model/read";
import type { TableRef } from "../model/read";
import { isDateSerial, serialToDate } from "../workbook/dates";
import type { CellValue, TableData, Where } from "../workbook/types";
import type { FindingList, ParamKind } from "./checks";
import type { FollowUpParams } from "./types";
import { sheetCell } from "../a1";

/** One of the follow-up's tables (their names and columns are in core's TABLES). */
export type FollowUpTableKey = (typeof FOLLOWUP_TABLE_KEYS)[number];

export const FOLLOWUP_PARAMS = {
  reportDate: "Rapportdato",
  limitKr: "Avviksgrense kr",
  limitShare: "Avviksgrense %",
  maxRate: "Maks timesats",
  maxHours: "Maks timer per person og år",
} as const;

/** Defaults of the optional Parametere rows (Innovasjon Norge's caps for in-kind hours). */
export const FOLLOWUP_DEFAULTS = { limitKr: 50_000, limitShare: 0.1, maxRate: 700, maxHours: 1_850 } as const;

/** A follow-up table found, with the index of each column it has (by logical name). */
export interface FollowUpTable {
  table: TableData;
  col: Partial<Record<string, number>>;
  /** The reader's flagged cells, by `row:col`. */
  issues: Map<string, { kind: string; text: string }>;
}

export function isBlank(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** A cell as text for matching (numbers as JS prints them, dates as ISO). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v);
}

export function tableWhere(t: TableData): Where {
  return { sheet: t.sheet, table: t.name, row: t.top, col: t.left, cell: sheetCell(t.sheet, t.top, t.left) };
}

/**
 * A date cell as an ISO day: a Date (the adapters turn date-formatted serials into Dates), or a
 * plain number that is an Excel serial (its time of day dropped). Text is not a date here, even
 * "2010-03-15": the sheet's SUMIFS compares serials and would not count it, so the engine must
 * not either (docs/followup.md).
 */
export function readDate(v: CellValue | undefined): string | null {
  if (v instanceof Date) return dayText(v.getTime());
  if (typeof v === "number" && Number.isFinite(v) && isDateSerial(v)) return dayText(serialToDate(Math.floor(v)).getTime());
  return null;
}

/** ISO text of the UTC day of `ms`, cached by day: a ledger has many rows on few days, and toISOString is slow. */
const dayCache = new Map<number, string>();
function dayText(ms: number): string | null {
  if (Number.isNaN(ms)) return null;
  const d = Math.floor(ms / 86400000);
  let s = dayCache.get(d);
  if (s === undefined) {
    s = new Date(d * 86400000).toISOString().slice(0, 10);
    if (dayCache.size > 100_000) dayCache.clear();
    dayCache.set(d, s);
  }
  return s;
}

/**
 * Finds each optional table by name (case and spaces ignored). A table without one of its
 * required columns is reported and not read; a second table of the same name is reported and
 * only the first is read.
 */
export function findFollowUpTables(tables: readonly TableData[], out: FindingList): Partial<Record<FollowUpTableKey, FollowUpTable>> {
  const found: Partial<Record<FollowUpTableKey, FollowUpTable>> = {};
  for (const key of FOLLOWUP_TABLE_KEYS) {
    const spec = TABLES[key];
    const matches = tables.filter((t) => nameKey(t.name) === nameKey(spec.name));
    if (matches.length === 0) continue;
    for (const extra of matches.slice(1)) out.add("KBR-E-FOLLOWUP-TABLE-DUPLICATE", tableWhere(extra), { name: spec.name });
    const t = matches[0];
    const keys = t.headers.map((h) => nameKey(h ?? ""));
    const col: Partial<Record<string, number>> = {};
    let ok = true;
    for (const c of [...spec.columns, ...spec.optionalColumns]) {
      const i = keys.indexOf(nameKey(c));
      if (i >= 0) col[c] = i;
      else if ((spec.columns as readonly string[]).includes(c)) {
        out.add("KBR-E-FOLLOWUP-COLUMN-MISSING", { ...tableWhere(t), column: c }, { name: c, list: t.headers.map((h) => h.trim()).join(", ") || "–" });
        ok = false;
      }
    }
    if (ok) found[key] = { table: t, col, issues: new Map((t.cellIssues ?? []).map((i) => [`${i.row}:${i.col}`, { kind: i.kind, text: i.text }])) };
  }
  return found;
}

/**
 * The follow-up rows of Parametere: a missing or blank row takes its default; a value that is
 * not what the row needs is reported, and then null is returned (no follow-up is computed on a
 * guess).
 */
export function readFollowUpParams(parameters: TableRef, out: FindingList): FollowUpParams | null {
  const t = parameters.table;
  const cName = parameters.columns.Parameter.index;
  const cValue = parameters.columns.Verdi.index;
  const issues = new Map((t.cellIssues ?? []).map((i) => [`${i.row}:${i.col}`, i]));
  let ok = true;
  /** The row's value, undefined when absent or blank. */
  const value = (label: string): { v: CellValue; where: Where } | undefined => {
    const r = t.rows.findIndex((row) => nameKey(cellText(row[cName])) === nameKey(label));
    if (r < 0) return undefined;
    const where = cellWhere(t, r, cValue, "Verdi");
    const issue = issues.get(`${r}:${cValue}`);
    if (issue) {
      out.add("KBR-E-FOLLOWUP-CELL-UNREADABLE", where, { name: issue.kind, value: issue.text });
      ok = false;
      return undefined;
    }
    const v = t.rows[r][cValue] ?? null;
    return isBlank(v) ? undefined : { v, where };
  };
  const bad = (name: string, got: { v: CellValue; where: Where }, list: ParamKind) => {
    out.add("KBR-E-FOLLOWUP-PARAM", got.where, { name, value: got.v, list });
    ok = false;
  };
  const number = (label: string, fallback: number, valid: (x: number) => boolean, list: ParamKind): number => {
    const got = value(label);
    if (!got) return fallback;
    if (typeof got.v === "number" && Number.isFinite(got.v) && valid(got.v)) return got.v;
    bad(label, got, list);
    return fallback;
  };
  let reportDate: string | null = null;
  {
    const got = value(FOLLOWUP_PARAMS.reportDate);
    if (got) {
      reportDate = readDate(got.v);
      if (!reportDate) bad(FOLLOWUP_PARAMS.reportDate, got, "date");
    }
  }
  const params: FollowUpParams = {
    reportDate,
    limitKr: number(FOLLOWUP_PARAMS.limitKr, FOLLOWUP_DEFAULTS.limitKr, (x) => x >= 0, "amount"),
    limitShare: number(FOLLOWUP_PARAMS.limitShare, FOLLOWUP_DEFAULTS.limitShare, (x) => x >= 0 && x <= 1, "share"),
    maxRate: number(FOLLOWUP_PARAMS.maxRate, FOLLOWUP_DEFAULTS.maxRate, (x) => x >= 0, "amount"),
    maxHours: number(FOLLOWUP_PARAMS.maxHours, FOLLOWUP_DEFAULTS.maxHours, (x) => x >= 0, "hours"),
  };
  return ok ? params : null;
}

