/**
 * The input tables' structure: finds each table by name and its columns by header (the fixed
 * ones, the year columns of Kostnader/Finansiering and Kommuner's `Innbyggere <year>`), and checks
 * that the budget years agree. Nothing here reads a body cell.
 */
import type { Finding } from "../types";
import { finding, isBlocking } from "../checks/findings";
import type { TableData } from "../workbook/types";
import {
  type ColumnRef,
  hasInvisible,
  headerWhere,
  isOptionalTable,
  nameKey,
  POPULATION_YEAR_HEADER,
  type ReadContext,
  stripInvisible,
  TABLES,
  type TableKey,
  type TableRef,
  tableWhere,
  YEAR_HEADER,
} from "./tables";

/** The tables found, by key (Scenarier only when the workbook has it). */
type FoundRefs = Record<Exclude<TableKey, "scenarios">, TableRef> & { scenarios?: TableRef };

export interface Structure {
  refs: FoundRefs;
  /** `Innbyggere <year>` columns of Kommuner by budget year (duplicates and unused years left out). */
  popYearCols: Record<string, ColumnRef>;
  /** The budget years, sorted (Kostnader's; Finansiering must have the same). */
  years: string[];
}

/** The structure, or null when a blocking finding (missing table or column, …) leaves no model to read. */
export function readStructure(tables: readonly TableData[], ctx: ReadContext): Structure | null {
  const { findings } = ctx;
  // Find the four tables by name.
  const found: Partial<Record<TableKey, TableData>> = {};
  for (const key of Object.keys(TABLES) as TableKey[]) {
    const spec = TABLES[key];
    if ("followUp" in spec) continue;
    const matches = tables.filter((t) => nameKey(t.name) === nameKey(spec.name));
    if (matches.length === 0) {
      if (isOptionalTable(key)) continue;
      const cols = key === "costs" || key === "financing" ? [...spec.columns, "2009, 2010, …"] : [...spec.columns];
      findings.push(finding("KBR-E-TABLE-MISSING", { table: spec.name }, { name: spec.name, list: cols.join(", ") }));
      continue;
    }
    if (matches.length > 1) findings.push(finding("KBR-E-TABLE-DUPLICATE", tableWhere(matches[1]), { name: spec.name }));
    found[key] = matches[0];
  }

  // Columns.
  const refs: Partial<Record<TableKey, TableRef>> = {};
  /** `Innbyggere <year>` columns of Kommuner by year (duplicates reported). */
  const popYearCols: Record<string, ColumnRef> = {};
  /** The Innbyggere finding, held back until the budget years say whether the column is needed. */
  let innbyggereMissing: Finding | null = null;
  for (const key of Object.keys(found) as TableKey[]) {
    const t = found[key] as TableData;
    const spec = TABLES[key];
    const columns: Record<string, ColumnRef> = {};
    const years: Record<string, ColumnRef> = {};
    const keys = t.headers.map((h) => nameKey(h ?? ""));
    for (const col of spec.columns) {
      const i = keys.indexOf(nameKey(col));
      const lookalike = i < 0 ? t.headers.findIndex((h) => hasInvisible(h ?? "") && nameKey(stripInvisible(h)) === nameKey(col)) : -1;
      if (lookalike >= 0) {
        findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, lookalike), { value: t.headers[lookalike], name: col }));
      } else if (i < 0) {
        const missing = finding("KBR-E-COLUMN-MISSING", { ...tableWhere(t), column: col }, { name: col, list: t.headers.map((h) => h.trim()).join(", ") || "–" });
        if (key === "municipalities" && col === "Innbyggere") innbyggereMissing = missing;
        else findings.push(missing);
      } else columns[col] = { header: t.headers[i], index: i };
    }
    if (key === "municipalities") {
      t.headers.forEach((h, i) => {
        const m = POPULATION_YEAR_HEADER.exec(nameKey(h ?? ""));
        if (!m) {
          const seen = POPULATION_YEAR_HEADER.exec(nameKey(stripInvisible(h ?? "")));
          if (seen) findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, i), { value: h, name: `Innbyggere ${seen[1]}` }));
          return;
        }
        if (popYearCols[m[1]]) findings.push(finding("KBR-E-POP-COLUMN-DUPLICATE", headerWhere(t, i), { name: h.trim(), year: m[1] }));
        else popYearCols[m[1]] = { header: h, index: i };
      });
    }
    if (key === "costs" || key === "financing") {
      t.headers.forEach((h, i) => {
        const y = (h ?? "").trim();
        if (!YEAR_HEADER.test(y)) {
          const seen = stripInvisible(h ?? "").trim();
          if (YEAR_HEADER.test(seen)) findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, i), { value: h, name: seen }));
          return;
        }
        if (years[y]) findings.push(finding("KBR-E-YEAR-DUPLICATE", headerWhere(t, i), { year: y }));
        else years[y] = { header: h, index: i };
      });
      if (Object.keys(years).length === 0) findings.push(finding("KBR-E-YEARS-NONE", tableWhere(t), { name: t.name }));
    }
    refs[key] = { table: t, columns, years };
  }
  // Population columns against the budget years (those of Kostnader and Finansiering).
  if (refs.municipalities && refs.costs && refs.financing) {
    const t = refs.municipalities.table;
    const budgetYears = [...new Set([...Object.keys(refs.costs.years), ...Object.keys(refs.financing.years)])].sort();
    const list = budgetYears.join(", ");
    for (const [y, c] of Object.entries(popYearCols)) {
      if (budgetYears.includes(y)) continue;
      findings.push(finding("KBR-W-POP-YEAR-UNUSED", headerWhere(t, c.index), { name: c.header.trim(), year: y, list: list || "–" }));
      delete popYearCols[y];
    }
    if (innbyggereMissing) {
      const without = budgetYears.filter((y) => !popYearCols[y]);
      // No year column at all: the plain "column missing" says best what to add.
      if (Object.keys(popYearCols).length === 0) findings.push(innbyggereMissing);
      else if (without.length) findings.push(finding("KBR-E-POP-YEAR-MISSING", { ...tableWhere(t), column: "Innbyggere" }, { list: without.join(", ") }));
    }
  } else if (innbyggereMissing) findings.push(innbyggereMissing);
  if (findings.some(isBlocking)) return null;
  const R = refs as FoundRefs;

  // Same years in both tables.
  const costYears = Object.keys(R.costs.years).sort();
  const finYears = Object.keys(R.financing.years).sort();
  const onlyCosts = costYears.filter((y) => !R.financing.years[y]);
  const onlyFin = finYears.filter((y) => !R.costs.years[y]);
  if (onlyCosts.length || onlyFin.length) {
    const parts = { nb: [] as string[], en: [] as string[] };
    if (onlyCosts.length) {
      parts.nb.push(`Bare i Kostnader: ${onlyCosts.join(", ")}.`);
      parts.en.push(`Only in Kostnader: ${onlyCosts.join(", ")}.`);
    }
    if (onlyFin.length) {
      parts.nb.push(`Bare i Finansiering: ${onlyFin.join(", ")}.`);
      parts.en.push(`Only in Finansiering: ${onlyFin.join(", ")}.`);
    }
    const f = finding("KBR-E-YEARS-MISMATCH", tableWhere(R.financing.table), { list: parts.nb.join(" ") });
    // The year lists are the same in both languages; only the lead-in words differ.
    f.message["en-US"] = finding("KBR-E-YEARS-MISMATCH", tableWhere(R.financing.table), { list: parts.en.join(" ") }).message["en-US"];
    findings.push(f);
  }
  const years = costYears;
  return { refs: R, popYearCols, years };
}
