/**
 * The engine's shared data types: what model/, checks/ and plans/ exchange and what engine.ts
 * returns. A module of types only, below all of them, so none of them imports engine.ts (which
 * imports them all) and src/ has no import cycle. engine.ts re-exports these for its callers.
 */
import type { Severity } from "./checks/catalogue";
import type { Locale } from "./i18n";
import type { SheetPlan, Where } from "./workbook/types";
import type { FollowUp, FollowUpJson } from "./followup/types";

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
  municipalities: {
    name: string;
    /**
     * The `Innbyggere` column (the basis of every year that has no column of its own); when the
     * table has none (every year has its own `Innbyggere <year>`), the first year's population.
     */
    population: number;
    resourceShare: number;
    /** The population each budget year's split uses: `Innbyggere <year>` when the table has it, else `population`. */
    populationByYear: Record<string, number>;
  }[];
  costs: { label: string; kind: "Ekstern" | "Egeninnsats"; amounts: Record<string, number> }[];
  financing: { label: string; kind: "Tilskudd" | "Kommunene" | "Egeninnsats" | "Annet"; amounts: Record<string, number> }[];
  /** The valid rows of the optional `Scenarier` table, in table order (empty without one). */
  scenarios: { name: string; equalShare: number }[];
}

/** A key scenario computed: per municipality (by name) the direct contribution per year. */
export interface ScenarioResult {
  name: string;
  equalShare: number;
  contributions: Record<string, Record<string, number>>;
}

/** Per municipality, what the engine computes (the JSON report's `municipalities`). */
export interface Contribution {
  name: string;
  population: number;
  resourceShare: number;
  /** The population basis each year used (docs/cli.md, JSON: `populationByYear`). */
  populationByYear: Record<string, number>;
  contributions: Record<string, number>;
  equalPart: Record<string, number>;
  populationPart: Record<string, number>;
  inKind: Record<string, number>;
}

/** The JSON of `kbr build --json` / `kbr check --json` (docs/cli.md, JSON). */
export interface Report {
  years: string[];
  /** Contributions and populationByYear per municipality (docs/cli.md, JSON). */
  municipalities: Contribution[];
  budget: { costs: Record<string, number>; financing: Record<string, number> };
  /** The key scenarios (docs/cli.md, JSON: `scenarios`), only when there are any. */
  scenarios?: ScenarioResult[];
  /** The budget follow-up (docs/followup.md), only when the workbook has Regnskap or Timer. */
  followUp?: FollowUpJson;
  findings: { id: string; severity: Severity; message: string; where: string }[];
}

export interface BuildResult {
  /**
   * null when the inputs cannot be modelled (a finding whose catalogue entry is `blocking`);
   * then `plans` is empty and `findings` says why. Consistency errors (costs ≠ financing, …)
   * leave the model and plans in place: the sheets show the difference.
   */
  model: BudgetModel | null;
  plans: SheetPlan[];
  contributions: Contribution[];
  findings: Finding[];
  /** Budget sums per year (costs, financing); empty when model is null. */
  budget?: { costs: Record<string, number>; financing: Record<string, number> };
  /** The Scenarier table's scenarios computed; only when there are any. */
  scenarios?: ScenarioResult[];
  /** The budget follow-up, when the workbook has Regnskap or Timer and its parameters are valid. */
  followUp?: FollowUp;
}
