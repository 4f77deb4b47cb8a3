/**
 * The input tables' vocabulary, shared by the per-table readers: table, column and parameter
 * names, how names and Art values match, where a cell is (for findings), and the read context
 * (the findings so far and the file reader's flagged cells).
 */
import { sheetCell } from "../a1";
import type { BudgetModel, Finding } from "../types";
import { INVISIBLE } from "../checks/catalogue";
import { finding } from "../checks/findings";
import type { CellIssue, CellValue, TableData, Where } from "../workbook/types";

/** Table and header names match ignoring case, composition and surrounding/repeated whitespace (core/names.ts). */
export { nameKey } from "../names";


export const YEAR_HEADER = /^[0-9]{4}$/;

/**
 * A population column for one budget year, `Innbyggere 2026`, matched on nameKey (case and
 * spaces ignored). Year Y splits by `Innbyggere Y` when the table has it, else by `Innbyggere`
 * (docs/workbook.md, "Populations per budget year"); so `Innbyggere` is only required when some
 * budget year lacks its own column.
 */
export const POPULATION_YEAR_HEADER = /^innbyggere ([0-9]{4})$/;

/**
 * The largest amount, and the largest sum of a table's amounts (in absolute value), in kroner:
 * 10^15, a spreadsheet's 15 digits. Up to it every sum the sheets and the rule make is an exact
 * whole number of kroner in a double (below 2^53 ≈ 9.007 × 10^15), so the contributions add up
 * exactly; beyond, a finding names the cell (docs: README, "Input limits").
 */
export const MAX_AMOUNT = 1e15;

export const COST_KINDS = ["Ekstern", "Egeninnsats"] as const;
export const FINANCING_KINDS = ["Tilskudd", "Kommunene", "Egeninnsats", "Annet"] as const;

export const TABLES = {
  municipalities: { name: "Kommuner", columns: ["Kommune", "Innbyggere", "Ressursandel"] },
  costs: { name: "Kostnader", columns: ["Kostnadspost", "Art"] },
  financing: { name: "Finansiering", columns: ["Kilde", "Art"] },
  parameters: { name: "Parametere", columns: ["Parameter", "Verdi"] },
  /** Optional: key scenarios (another equal share each) for the Scenarier sheet. */
  scenarios: { name: "Scenarier", columns: ["Scenario", "Andel likt fordelt"], optional: true },
  /**
   * Optional: the budget follow-up's tables (docs/followup.md). `columns` are required, the
   * `optionalColumns` read when present. The hosts read every table of this list; core/followup
   * finds and checks these three (readModel skips them: `followUp`).
   */
  ledger: { name: "Regnskap", columns: ["Dato", "Post", "Beløp"], optionalColumns: ["Kommune", "Tekst"], optional: true, followUp: true },
  hours: { name: "Timer", columns: ["Dato", "Kommune", "Timer", "Timesats"], optionalColumns: ["Person", "Post", "Tekst"], optional: true, followUp: true },
  explanations: { name: "Forklaringer", columns: ["Post", "År", "Forklaring"], optionalColumns: [], optional: true, followUp: true },
} as const;

/** True for a table the workbook may leave out (no "missing table" finding). */
export function isOptionalTable(key: TableKey): boolean {
  return "optional" in TABLES[key] && TABLES[key].optional === true;
}

export type TableKey = keyof typeof TABLES;

/** The follow-up's tables, keys of TABLES. */
export const FOLLOWUP_TABLE_KEYS = ["ledger", "hours", "explanations"] as const satisfies readonly TableKey[];

export const PARAMS = {
  equalShare: "Andel likt fordelt",
  populationDate: "Befolkningsdato",
  projectName: "Prosjektnavn",
  /** Optional free text printed as the Budsjett sheet's note line (e.g. "amounts are illustrative"). */
  note: "Merknad",
  /** Optional: where the populations come from (written by the SSB fetch; shown under Kommunebidrag). */
  populationSource: "Kilde innbyggertall",
} as const;

export interface ColumnRef {
  /** Header text as written in the workbook (what a structured reference must name). */
  header: string;
  /** Index into TableData.headers / rows. */
  index: number;
}

export interface TableRef {
  table: TableData;
  /** Logical column name (e.g. "Innbyggere") -> where it is. */
  columns: Record<string, ColumnRef>;
  /** Year ("2009") -> its column. */
  years: Record<string, ColumnRef>;
}

/** What the sheet plans need besides the model: the tables as written, to refer to them. */
export interface ModelRefs {
  municipalities: TableRef;
  costs: TableRef;
  financing: TableRef;
  parameters: TableRef;
  /** The Scenarier table, when the workbook has one (even without rows). */
  scenarios: TableRef | null;
  /** Per model scenario, its 0-based body row in the Scenarier table (bad rows are left out). */
  scenarioRows: number[];
  /** True when some Art cell has spaces SUMIFS would not ignore: formulas then use TRIM. */
  costsArtNeedsTrim: boolean;
  financingArtNeedsTrim: boolean;
  /** The Parameter text of the equal-share row as written, for MATCH. */
  equalShareParam: string;
  /** The `Merknad` parameter, when given. */
  note: string | null;
  /** The `Kilde innbyggertall` parameter when it has text: its Parameter text as written (for MATCH) and the text. */
  populationSource: { param: string; text: string } | null;
  /** Year -> the Kommuner column its split uses (`Innbyggere <year>`, else `Innbyggere`). */
  populationColumns: Record<string, ColumnRef>;
}

export interface ReadResult {
  model: BudgetModel | null;
  refs: ModelRefs | null;
  findings: Finding[];
}

/** Where a table's body cell is (r: 0-based body row, c: 0-based table column). */
export function cellWhere(t: TableData, r: number, c: number, column?: string): Where {
  const row = t.top + 1 + r;
  const col = t.left + c;
  return { sheet: t.sheet, table: t.name, column: column ?? t.headers[c]?.trim(), row, col, cell: sheetCell(t.sheet, row, col), tableRow: r + 1 };
}

/** Where a table's header cell is. */
export function headerWhere(t: TableData, c: number): Where {
  return { sheet: t.sheet, table: t.name, column: t.headers[c]?.trim(), row: t.top, col: t.left + c, cell: sheetCell(t.sheet, t.top, t.left + c) };
}

export function tableWhere(t: TableData): Where {
  return { sheet: t.sheet, table: t.name, row: t.top, col: t.left, cell: sheetCell(t.sheet, t.top, t.left) };
}

export const isBlank = (v: CellValue): boolean => v === null || (typeof v === "string" && v.trim() === "");

export function text(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v);
}

/** True when `s` has an invisible format character (zero-width space, soft hyphen, BOM, …). */
export const hasInvisible = (s: string): boolean => /\p{Cf}/u.test(s);
export const stripInvisible = (s: string): string => s.replace(INVISIBLE, "");

/** What every table reader shares: the findings so far, and reporting of the cells the file reader flagged. */
export interface ReadContext {
  readonly findings: Finding[];
  /** Reports the body cell's issue, if the reader flagged one; true when it did (skip the usual check). */
  readonly reportIssue: (t: TableData, r: number, c: number, column?: string) => boolean;
}

export function readContext(): ReadContext {
  const findings: Finding[] = [];
  const issueMaps = new Map<TableData, Map<string, CellIssue>>();
  const reportIssue = (t: TableData, r: number, c: number, column?: string): boolean => {
    let m = issueMaps.get(t);
    if (!m) issueMaps.set(t, (m = new Map((t.cellIssues ?? []).map((i) => [`${i.row}:${i.col}`, i]))));
    const issue = m.get(`${r}:${c}`);
    if (!issue) return false;
    const id = issue.kind === "not-a-number" ? "KBR-E-CELL-NOT-NUMBER" : "KBR-E-CELL-UNCALCULATED";
    findings.push(finding(id, cellWhere(t, r, c, column), { value: issue.text }));
    return true;
  };
  return { findings, reportIssue };
}
