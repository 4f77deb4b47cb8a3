/**
 * The budget follow-up's data types (docs/followup.md). A module of types only, importing
 * nothing, so core/types.ts can name them without an import cycle. Years are the budget years
 * as text ("2009"), as in BudgetModel; amounts are kroner (exact øre, see exact.ts).
 */

/** The limits and caps the follow-up uses (Parametere rows, or their defaults). */
export interface FollowUpParams {
  /** Rapportdato as ISO `YYYY-MM-DD`, or null when the Parametere table has no such row. */
  reportDate: string | null;
  /** `Avviksgrense kr`: a deviation this large (absolute) is flagged. */
  limitKr: number;
  /** `Avviksgrense %` as a fraction (0.1 = 10 %) of a non-zero budget. */
  limitShare: number;
  /** `Maks timesats`: kr an hour. */
  maxRate: number;
  /** `Maks timer per person og år`. */
  maxHours: number;
}

export interface FollowUpCost {
  post: string;
  kind: "Ekstern" | "Egeninnsats";
  year: string;
  budget: number;
  actual: number;
  /** actual − budget. */
  deviation: number;
  /** deviation / budget; null when the budget is 0. */
  deviationShare: number | null;
  flagged: boolean;
  explained: boolean;
  /** The first Forklaringer text for this post and year. */
  explanation: string | null;
}

export interface FollowUpFinancing {
  source: string;
  kind: "Tilskudd" | "Kommunene" | "Egeninnsats" | "Annet";
  year: string;
  planned: number;
  received: number;
}

export interface FollowUpPayment {
  name: string;
  year: string;
  /** The direct contribution of the year (Kommunebidrag). */
  due: number;
  paid: number;
}

export interface FollowUpInKind {
  name: string;
  year: string;
  /** The municipality's Ressursandel share of the year's in-kind financing (Kommunebidrag). */
  planned: number;
  hours: number;
  value: number;
}

/** The follow-up at `asOf`: what the Oppfølging sheet, the pane and `--json` show. */
export interface FollowUp {
  /** Rapportdato (ISO), or the latest date of the valid rows; null when there is none. */
  asOf: string | null;
  /** Where asOf came from. */
  asOfSource: "parameter" | "latest" | "none";
  /** The latest date of the valid Regnskap and Timer rows (ISO), whatever Rapportdato says; null when there is none. */
  latest: string | null;
  params: FollowUpParams;
  /** Per cost post (Kostnader order, one entry per distinct Kostnadspost) and year. */
  costs: FollowUpCost[];
  /** Per source (Finansiering order, one per distinct Kilde) and year. */
  financing: FollowUpFinancing[];
  /** Per municipality (Kommuner order) and year. */
  municipalities: FollowUpPayment[];
  inKind: FollowUpInKind[];
  /** Hours and value of Timer rows of other participants (not in Kommuner), per year. */
  others: { year: string; hours: number; value: number }[];
  /** Rows left out of every sum because a check found an error in them. */
  leftOut: { ledger: number; hours: number; explanations: number };
  /** Which of the optional tables the workbook has. */
  tables: { ledger: boolean; hours: boolean; explanations: boolean };
}

/** The `followUp` object of `kbr build --json` (years as numbers). */
export interface FollowUpJson {
  asOf: string | null;
  costs: { post: string; year: number; budget: number; actual: number; deviation: number; explained: boolean; flagged: boolean }[];
  financing: { source: string; year: number; planned: number; received: number }[];
  municipalities: { name: string; year: number; due: number; paid: number }[];
  inKind: { name: string; year: number; planned: number; hours: number; value: number }[];
}
