/**
 * Pure helpers of the Scenarier card: reading a typed equal share ("30", "30 %", "0,3"), the
 * comparison of other keys with the workbook's own (the engine's scenarioContributions and
 * contributions, nothing recomputed here), and the `Scenarier` input table the card writes.
 *
 * Placement of the written table: below the lowest table on the sheet of `Parametere` (one blank
 * row, a title row, then the header, as the example stacks its tables), else a new sheet. The
 * adapter checks that the area is free and refuses otherwise; the pane then falls back to the
 * new sheet (see app.ts). No DOM here.
 */
import type { BuildResult } from "../core/engine";
import { scenarioContributions } from "../core/model/compute";
import { nameKey, PARAMS, TABLES } from "../core/model/read";
import { HEADER_FILL } from "../core/plans/formulas";
import type { TableData } from "../core/workbook/types";
import { findTable, formatPercent } from "./explain";

/** The optional input table of other keys (docs/workbook.md, Input tables). */
export const SCENARIO_TABLE = { name: "Scenarier", columns: ["Scenario", PARAMS.equalShare] } as const;

/** The sheet the table goes on when the area below Parametere is not free (not "Scenarier": that name is the generated sheet's). */
export const SCENARIO_FALLBACK_SHEET = "Scenarier (inndata)";

/** The quick picks of the card. */
export const QUICK_SHARES = [0, 0.3, 0.5, 0.7, 1] as const;

/** At most this many keys side by side: more would not fit a task pane's table. */
export const MAX_SCENARIOS = 6;

export type ShareParse = { ok: true; share: number } | { ok: false; reason: "empty" | "notNumber" | "range" };

/**
 * A typed equal share as a fraction 0–1. "30 %" and "30" are per cent; "0,3" and "0.3" are a
 * fraction (a number at most 1 without "%" is a fraction, above 1 per cent: nobody means 0.3 %
 * equal share, and "1" is the whole amount). Comma or point as decimal sign in both languages;
 * spaces and a Unicode minus are read as written.
 */
export function parseShare(text: string): ShareParse {
  let t = text.replace(/[\s\u00a0\u202f]/g, "").replace(/\u2212/g, "-");
  if (t === "") return { ok: false, reason: "empty" };
  const percent = t.endsWith("%");
  if (percent) t = t.slice(0, -1);
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(t)) return { ok: false, reason: "notNumber" };
  const value = Number(t.replace(",", "."));
  if (!Number.isFinite(value)) return { ok: false, reason: "notNumber" };
  const share = percent || value > 1 ? value / 100 : value;
  if (share < 0 || share > 1) return { ok: false, reason: "range" };
  // 12 places: a typed share never carries more, and 0.1 + 0.2 style noise must not make two "30 %".
  return { ok: true, share: Math.round(share * 1e12) / 1e12 };
}

/**
 * The scenario's name in the workbook (bokmål, as every table and sheet there): "30 % likt".
 * @internal
 */
export function scenarioName(share: number): string {
  return `${formatPercent(share, "nb-NO").replace(/\u00a0/g, " ")} likt`;
}

interface ScenarioColumn {
  share: number;
  /** Per year and in total, what the municipality would pay under this share. */
  perYear: Record<string, number>;
  total: number;
  /** Against today's key (the workbook's Andel likt fordelt): scenario − today. */
  diffPerYear: Record<string, number>;
  diffTotal: number;
}

interface ScenarioRow {
  name: string;
  today: Record<string, number>;
  todayTotal: number;
  scenarios: ScenarioColumn[];
}

export interface ScenarioComparison {
  years: string[];
  /** The workbook's own equal share. */
  todayShare: number;
  rows: ScenarioRow[];
}

/**
 * Each municipality under each share, next to what it pays today. Today is the engine's
 * contributions (Kommunebidrag); each scenario is the engine's scenarioContributions, the same
 * rule on the same yearly Kommunene amount and population basis. Null without a model.
 */
export function compareScenarios(result: BuildResult | null, shares: readonly number[]): ScenarioComparison | null {
  const model = result?.model;
  if (!result || !model) return null;
  const years = model.years;
  const sum = (r: Record<string, number>): number => years.reduce((s, y) => s + (r[y] ?? 0), 0);
  const splits = shares.map((s) => scenarioContributions(model, s));
  const rows = result.contributions.map((c, i): ScenarioRow => {
    const today = c.contributions;
    return {
      name: c.name,
      today,
      todayTotal: sum(today),
      scenarios: shares.map((share, k) => {
        const perYear = splits[k][i];
        const diffPerYear = Object.fromEntries(years.map((y) => [y, (perYear[y] ?? 0) - (today[y] ?? 0)]));
        return { share, perYear, total: sum(perYear), diffPerYear, diffTotal: sum(perYear) - sum(today) };
      }),
    };
  });
  return { years, todayShare: model.equalShare, rows };
}

/** Shares already in a workbook's Scenarier table (to start the card from them), in row order; bad rows left out. */
export function workbookShares(tables: readonly TableData[]): number[] {
  const t = findTable(tables, SCENARIO_TABLE.name);
  if (!t) return [];
  const col = t.headers.findIndex((h) => nameKey(String(h)) === nameKey(PARAMS.equalShare));
  if (col < 0) return [];
  const out: number[] = [];
  for (const r of t.rows) {
    const v = r[col];
    if (typeof v === "number" && v >= 0 && v <= 1 && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * An Excel percent format with as many decimals as the share needs (up to 2): "0%", "0.0%", "0.00%".
 * @internal
 */
export function percentFormat(share: number): string {
  const whole = (x: number): boolean => Math.abs(x - Math.round(x)) < 1e-6;
  const d = whole(share * 100) ? 0 : whole(share * 1000) ? 1 : 2;
  return d === 0 ? "0%" : `0.${"0".repeat(d)}%`;
}

/** 0-based bottom row of a table (header + body; a totals row is not known to the reader, so one more is kept free below). */
const bottomOf = (t: TableData): number => t.top + t.rows.length;

/**
 * The `Scenarier` table to write, one row per share. `onNewSheet` puts it at A2 of
 * SCENARIO_FALLBACK_SHEET; otherwise it goes on the Parametere sheet, in Parametere's column,
 * below the lowest table there (two rows free, then its title row), or the new sheet when the
 * workbook has no Parametere.
 */
export function scenarioTable(shares: readonly number[], tables: readonly TableData[], onNewSheet = false): TableData {
  const params = findTable(tables, TABLES.parameters.name);
  let sheet = SCENARIO_FALLBACK_SHEET;
  let top = 1;
  let left = 0;
  if (params && !onNewSheet) {
    sheet = params.sheet;
    left = params.left;
    const lowest = Math.max(...tables.filter((t) => nameKey(t.sheet) === nameKey(params.sheet)).map(bottomOf));
    // Row lowest+1 may be a totals row; lowest+2 stays blank; lowest+3 is the title, lowest+4 the header.
    top = lowest + 4;
  }
  return {
    name: SCENARIO_TABLE.name,
    sheet,
    top,
    left,
    headers: [...SCENARIO_TABLE.columns],
    rows: shares.map((s) => [scenarioName(s), s]),
    title: "Scenarier (andre fordelingsnøkler å sammenligne med)",
    cellFormats: shares.map((s) => [null, percentFormat(s)]),
    columnWidths: [22, 18],
    headerFill: HEADER_FILL,
  };
}
