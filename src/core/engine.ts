/**
 * The workbook engine's front door: what the CLI (src/cli), the ExcelJS adapter (src/xlsx) and
 * the task pane (src/taskpane) call. Pure: takes host-neutral data, returns plans and findings.
 *
 * CONTRACT (being implemented; other modules code against these signatures).
 */
import type { Locale } from "./i18n";
import type { SheetData, SheetPlan, SheetStatus, TableData, Where } from "./workbook/types";

export type Severity = "error" | "warning";

/** One result of the check catalogue. `id` is stable (e.g. `KBR-E-POP-NEGATIVE`). */
export interface Finding {
  id: string;
  severity: Severity;
  message: Record<Locale, string>;
  where: Where;
}

/** The input tables as a validated model. Years are the year headers as text ("2009"). */
export interface BudgetModel {
  projectName: string;
  equalShare: number;
  populationDate: string | null;
  years: string[];
  municipalities: { name: string; population: number; resourceShare: number }[];
  costs: { label: string; kind: "Ekstern" | "Egeninnsats"; amounts: Record<string, number> }[];
  financing: { label: string; kind: "Tilskudd" | "Kommunene" | "Egeninnsats" | "Annet"; amounts: Record<string, number> }[];
}

/** Per municipality, what the engine computes (the JSON report's `municipalities`). */
export interface Contribution {
  name: string;
  population: number;
  resourceShare: number;
  contributions: Record<string, number>;
  equalPart: Record<string, number>;
  populationPart: Record<string, number>;
  inKind: Record<string, number>;
}

/** The JSON of `kbr build --json` / `kbr check --json` (SPEC.md, Command line). */
export interface Report {
  years: string[];
  municipalities: Contribution[];
  budget: { costs: Record<string, number>; financing: Record<string, number> };
  findings: { id: string; severity: Severity; message: string; where: string }[];
}

export interface BuildResult {
  /** null when the inputs have errors; then `plans` is empty and `findings` says why. */
  model: BudgetModel | null;
  plans: SheetPlan[];
  contributions: Contribution[];
  findings: Finding[];
}

/** Names of the generated sheets, in the order they are written. */
export declare const GENERATED_SHEETS: readonly ["Budsjett", "Finansieringsplan", "Kommunebidrag"];

/** Reads the model from the input tables, computes, and plans the generated sheets. */
export declare function build(tables: readonly TableData[]): BuildResult;

/**
 * Runs the whole check catalogue: inputs, and the generated sheets read back (typed over,
 * stale, missing). `status` tells which generated names are a user's sheet.
 */
export declare function check(
  tables: readonly TableData[],
  generated: readonly SheetData[],
  status?: Readonly<Record<string, SheetStatus>>,
): BuildResult;

/** The report object of SPEC.md, with messages in `locale`. */
export declare function toReport(result: BuildResult, locale: Locale): Report;

/** The council's 2009 plan as input tables (illustrative cost amounts, labelled as such). */
export declare function examplePlanTables(): TableData[];
