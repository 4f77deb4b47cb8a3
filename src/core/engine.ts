/**
 * The workbook engine's front door: what the CLI (src/cli), the ExcelJS adapter (src/xlsx) and
 * the task pane (src/taskpane) call. Pure: takes host-neutral data, returns plans and findings.
 *
 * Other modules code against these signatures; the work is done in model/, checks/ and plans/.
 */
import { placeText } from "./checks/catalogue";
import { consistencyFindings } from "./checks/consistency";
import { finding, isBlocking } from "./checks/findings";
import { generatedFindings } from "./checks/generated";
import { examplePlanTables as example } from "./example/plan2009";
import type { Locale } from "./i18n";
import { compute, type Computed } from "./model/compute";
import { readModel } from "./model/read";
import { planAll } from "./plans";
import type { BuildResult, Report } from "./types";
import type { SheetData, SheetStatus, TableData } from "./workbook/types";

export { CHECKS, type CheckDef } from "./checks/catalogue";
export { examplePlanTitles } from "./example/plan2009";

export type { Severity } from "./checks/catalogue";
export type { BudgetModel, BuildResult, Contribution, Finding, Report } from "./types";

/** Names of the generated sheets, in the order they are written. */
export const GENERATED_SHEETS = ["Budsjett", "Finansieringsplan", "Kommunebidrag"] as const;

interface Internal {
  result: BuildResult;
  computed: Computed | null;
}

function buildInternal(tables: readonly TableData[]): Internal {
  const read = readModel(tables);
  if (!read.model || !read.refs) {
    return { result: { model: null, plans: [], contributions: [], findings: read.findings }, computed: null };
  }
  const computed = compute(read.model);
  const { plans, mismatches } = planAll(read.model, read.refs, computed);
  const findings = [...read.findings, ...consistencyFindings(read.model, read.refs, computed)];
  if (mismatches > 0) findings.push(finding("KBR-W-FORMULA-PRECISION", { sheet: GENERATED_SHEETS[2] }, { count: mismatches }));
  return {
    result: {
      model: read.model,
      plans,
      contributions: computed.contributions,
      findings,
      budget: { costs: computed.costs, financing: computed.financing },
    },
    computed,
  };
}

/** Reads the model from the input tables, computes, and plans the generated sheets. */
export function build(tables: readonly TableData[]): BuildResult {
  return buildInternal(tables).result;
}

/**
 * Runs the whole check catalogue: inputs, and the generated sheets read back (typed over,
 * stale, missing). `status` tells which generated names are a user's sheet.
 */
export function check(
  tables: readonly TableData[],
  generated: readonly SheetData[],
  status?: Readonly<Record<string, SheetStatus>>,
): BuildResult {
  const { result, computed } = buildInternal(tables);
  if (!result.model || !computed) {
    // Nothing to compare the sheets with, but a generated name taken by the user's sheet is
    // worth saying now: the next build would refuse it.
    const taken = GENERATED_SHEETS.filter((name) => status?.[name] === "user").map((name) => finding("KBR-E-SHEET-NAME-TAKEN", { sheet: name }, { name }));
    return { ...result, findings: [...result.findings, ...taken] };
  }
  const sheetFindings = generatedFindings(result.plans, generated, status, computed.directTotal, result.model.years);
  return { ...result, findings: [...result.findings, ...sheetFindings] };
}

/** True when a result has a finding of severity error (the CLI's exit code 1). */
export function hasErrors(result: BuildResult): boolean {
  return result.findings.some((f) => f.severity === "error");
}

/** True when the finding stopped the model from being built. */
export { isBlocking };

/** The report object of SPEC.md, with messages in `locale`. */
export function toReport(result: BuildResult, locale: Locale): Report {
  const years = result.model ? [...result.model.years] : [];
  const pick = (r: Record<string, number>) => Object.fromEntries(years.map((y) => [y, r[y]]));
  return {
    years,
    municipalities: result.contributions.map((c) => ({
      name: c.name,
      population: c.population,
      resourceShare: c.resourceShare,
      populationByYear: pick(c.populationByYear),
      contributions: pick(c.contributions),
      equalPart: pick(c.equalPart),
      populationPart: pick(c.populationPart),
      inKind: pick(c.inKind),
    })),
    budget: {
      costs: result.budget ? pick(result.budget.costs) : {},
      financing: result.budget ? pick(result.budget.financing) : {},
    },
    findings: result.findings.map((f) => ({ id: f.id, severity: f.severity, message: f.message[locale], where: placeText(f.where, locale) })),
  };
}

/** The council's 2009 plan as input tables (illustrative cost amounts, labelled as such). */
export function examplePlanTables(): TableData[] {
  return example();
}
