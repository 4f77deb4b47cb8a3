/**
 * Pure helpers of the task pane: table status from findings, the build summary, and the
 * contribution of one municipality explained in words. No DOM here.
 */
import type { BuildResult, Contribution, Finding } from "../core/engine";
import { formatNumber, type Locale } from "../core/i18n";
import { nameKey, TABLES } from "../core/model/read";
import type { TableData } from "../core/workbook/types";
import { MESSAGES, type TableState } from "./messages";

/** The engine's required input tables, in its order (the optional Scenarier table is not "missing"). */
const INPUT_TABLES = Object.values(TABLES)
  .filter((t) => !("optional" in t))
  .map((t) => t.name);

export interface TableStatus {
  name: (typeof INPUT_TABLES)[number];
  state: TableState;
  errors: number;
  warnings: number;
}

const same = (a: string | undefined, b: string): boolean => nameKey(a ?? "") === nameKey(b);

/** Found as the engine finds it (case-insensitive, as Excel table names are). */
export function findTable(tables: readonly TableData[], name: string): TableData | undefined {
  return tables.find((t) => same(t.name, name));
}

export function tableStatuses(tables: readonly TableData[], findings: readonly Finding[]): TableStatus[] {
  return INPUT_TABLES.map((name) => {
    const mine = findings.filter((f) => same(f.where.table, name));
    const errors = mine.filter((f) => f.severity === "error").length;
    const warnings = mine.length - errors;
    const state: TableState = !findTable(tables, name) ? "missing" : mine.length ? "problems" : "found";
    return { name, state, errors, warnings };
  });
}

/** Errors first, then by sheet position, so the list reads top to bottom like the workbook. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const rank = (f: Finding): number => (f.severity === "error" ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.where.sheet ?? a.where.table ?? "").localeCompare(b.where.sheet ?? b.where.table ?? "") ||
      (a.where.row ?? -1) - (b.where.row ?? -1) ||
      (a.where.col ?? -1) - (b.where.col ?? -1),
  );
}

/** Where a finding points, as a short text: the cell, else table/column/row. */
export function describeWhere(f: Finding, locale: Locale): string {
  const w = f.where;
  if (w.cell) return w.cell;
  const parts: string[] = [];
  if (w.table) parts.push(locale === "nb-NO" ? `tabell ${w.table}` : `table ${w.table}`);
  else if (w.sheet) parts.push(locale === "nb-NO" ? `ark ${w.sheet}` : `sheet ${w.sheet}`);
  if (w.column) parts.push(locale === "nb-NO" ? `kolonne ${w.column}` : `column ${w.column}`);
  if (w.row !== undefined) parts.push(locale === "nb-NO" ? `rad ${w.row + 1}` : `row ${w.row + 1}`);
  return parts.join(", ");
}

const sumOver = (records: readonly Record<string, number>[], year: string): number =>
  records.reduce((s, r) => s + (r[year] ?? 0), 0);

export interface BuildSummary {
  sheets: string[];
  municipalities: number;
  years: string[];
  costs: number;
  financing: number;
  contributions: number;
  inKind: number;
}

export function buildSummary(result: BuildResult): BuildSummary {
  const model = result.model;
  const years = model?.years ?? [];
  const c = result.contributions;
  const total = (pick: (x: Contribution) => Record<string, number>): number =>
    years.reduce((s, y) => s + sumOver(c.map(pick), y), 0);
  return {
    sheets: result.plans.map((p) => p.name),
    municipalities: c.length,
    years,
    // The engine's yearly sums (the CLI's budget lines), not a second summation of the model.
    costs: years.reduce((s, y) => s + (result.budget?.costs[y] ?? 0), 0),
    financing: years.reduce((s, y) => s + (result.budget?.financing[y] ?? 0), 0),
    contributions: total((x) => x.contributions),
    inKind: total((x) => x.inKind),
  };
}

/** A number as the locale writes it, with no-break spaces so "50 388" never wraps inside. */
export function uiNumber(value: number, locale: Locale, maxDecimals = 2): string {
  return formatNumber(value, locale, maxDecimals).replace(/ /g, "\u00a0");
}

/** True when some municipality's population basis differs between the budget years. */
export function basisDiffersByYear(result: BuildResult): boolean {
  const years = result.model?.years ?? [];
  return result.contributions.some((c) => years.some((y) => c.populationByYear[y] !== c.populationByYear[years[0]]));
}

export function formatPercent(fraction: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(fraction).replace(/\u202f/g, "\u00a0");
}

/** Years with the same figures are told once ("2009–2011"), years that differ each get a line. */
function yearLabel(years: string[]): string {
  if (years.length === 1) return years[0];
  const nums = years.map(Number);
  const consecutive = nums.every((y, i) => i === 0 || y === nums[i - 1] + 1);
  return consecutive ? `${years[0]}–${years[years.length - 1]}` : years.join(", ");
}

export interface ExplanationGroup {
  /** "2009–2011" when the years share the same figures. */
  years: string;
  lines: string[];
}

function groupLines(years: readonly string[], lines: (year: string) => string[] | null): ExplanationGroup[] {
  const groups: { years: string[]; lines: string[] }[] = [];
  for (const y of years) {
    const ls = lines(y);
    if (ls === null) continue;
    const last = groups[groups.length - 1];
    if (last && last.lines.join("\n") === ls.join("\n")) last.years.push(y);
    else groups.push({ years: [y], lines: ls });
  }
  return groups.map((g) => ({ years: yearLabel(g.years), lines: g.lines }));
}

/**
 * The contribution of `name` in words with its numbers, one line per group of equal years.
 * The exact shares are recomputed here only to show them; the rounded ones are the engine's.
 */
export function explainMunicipality(
  result: BuildResult,
  name: string,
  locale: Locale,
): { contribution: ExplanationGroup[]; inKind: ExplanationGroup[] } {
  const model = result.model;
  const all = result.contributions;
  const me = all.find((c) => c.name === name);
  if (!model || !me) return { contribution: [], inKind: [] };
  const m = MESSAGES[locale];
  const n = (x: number, d = 2): string => uiNumber(x, locale, d);
  const e = model.equalShare;
  const n0 = all.length;
  // Each year's own basis (populationByYear): years whose populations differ get lines of their own.
  const contribution = groupLines(model.years, (y) => {
    const p = me.populationByYear[y] ?? me.population;
    const P = all.reduce((s, c) => s + (c.populationByYear[y] ?? c.population), 0);
    const T = sumOver(all.map((c) => c.contributions), y);
    if (T === 0) return null;
    const equalPool = sumOver(all.map((c) => c.equalPart), y);
    const populationPool = sumOver(all.map((c) => c.populationPart), y);
    return m.explainContribution({
      equalPct: formatPercent(e, locale),
      populationPct: formatPercent(1 - e, locale),
      equalPool: n(equalPool),
      n: n(n0, 0),
      equalExact: n(equalPool / n0),
      equalRounded: n(me.equalPart[y] ?? 0),
      populationPool: n(populationPool),
      population: n(p, 0),
      totalPopulation: n(P, 0),
      populationExact: n(P === 0 ? 0 : (populationPool * p) / P),
      populationRounded: n(me.populationPart[y] ?? 0),
      total: n(T),
    });
  });

  // In-kind is split by Ressursandel (e = 0); the shares should add up to 1, but divide by their sum as the rule does.
  const shareSum = all.reduce((s, c) => s + c.resourceShare, 0);
  const inKind = groupLines(model.years, (y) => {
    const pool = sumOver(all.map((c) => c.inKind), y);
    if (pool === 0) return null;
    return m.explainInKind({
      pool: n(pool),
      share: formatPercent(me.resourceShare, locale),
      exact: n(shareSum === 0 ? 0 : (pool * me.resourceShare) / shareSum),
      rounded: n(me.inKind[y] ?? 0),
    });
  });
  return { contribution, inKind };
}
