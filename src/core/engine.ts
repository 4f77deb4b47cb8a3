/**
 * The workbook engine's front door: what the CLI (src/cli), the package adapter (src/xlsx) and
 * the task pane (src/taskpane) call. Pure: takes host-neutral data, returns plans and findings.
 *
 * Other modules code against these signatures; the work is done in model/, checks/ and plans/.
 */
import { CHECKS as BASE_CHECKS, placeText } from "./checks/catalogue";
import { consistencyFindings } from "./checks/consistency";
import { finding, isBlocking as isBaseBlocking } from "./checks/findings";
import { generatedFindings } from "./checks/generated";
import { examplePlanTables as example, type ExampleOptions } from "./example/plan2009";
import type { Locale } from "./i18n";
import { compute, computeScenarios, type Computed } from "./model/compute";
import { nameKey, readModel, TABLES } from "./model/read";
import { planAll } from "./plans";
import { FOLLOWUP_CHECKS, followUp, followUpJson } from "./followup";
import { FOLLOWUP_SHEET, planFollowUp } from "./plans/followup";
import type { BuildResult, Finding, Report } from "./types";
import type { SheetData, SheetStatus, TableData } from "./workbook/types";

/**
 * The one check catalogue: the budget's checks and the follow-up's (followup/checks.ts).
 * @internal
 */
export const CHECKS = [...BASE_CHECKS, ...FOLLOWUP_CHECKS];
export type { ExampleOptions } from "./example/plan2009";
export type { BuildResult, Contribution, Finding, Report } from "./types";
export { FOLLOWUP_SHEET };

/** Names of the generated sheets, in the order they are written. */
export const GENERATED_SHEETS = ["Budsjett", "Finansieringsplan", "Kommunebidrag", "Scenarier", "Oppfølging"] as const;

/**
 * The generated sheets a build of these tables plans: Scenarier only when the workbook has a
 * Scenarier table, Oppfølging only when it has a Regnskap or Timer table (docs/followup.md), so
 * a user's own sheet of that name matters only then.
 */
export function plannedSheetNames(tables: readonly TableData[]): string[] {
  const has = (name: string) => tables.some((t) => nameKey(t.name) === nameKey(name));
  const hasScenarios = has(TABLES.scenarios.name);
  const hasFollowUp = has(TABLES.ledger.name) || has(TABLES.hours.name);
  return GENERATED_SHEETS.filter((n) => (n !== "Scenarier" || hasScenarios) && (n !== FOLLOWUP_SHEET || hasFollowUp));
}

interface Internal {
  result: BuildResult;
  computed: Computed | null;
}

/** Options of build(): ad-hoc scenarios (`kbr build --scenario`), computed besides the table's, never written. */
export interface BuildOptions {
  extraScenarios?: readonly { name: string; equalShare: number }[];
}

function buildInternal(tables: readonly TableData[], options: BuildOptions = {}): Internal {
  const read = readModel(tables);
  if (!read.model || !read.refs) {
    return { result: { model: null, plans: [], contributions: [], findings: read.findings }, computed: null };
  }
  const computed = compute(read.model);
  const { plans, mismatches, scenarioMismatches } = planAll(read.model, read.refs, computed);
  const findings = [...read.findings, ...consistencyFindings(read.model, read.refs, computed)];
  if (mismatches > 0) findings.push(finding("KBR-W-FORMULA-PRECISION", { sheet: GENERATED_SHEETS[2] }, { count: mismatches }));
  if (scenarioMismatches > 0) findings.push(finding("KBR-W-FORMULA-PRECISION", { sheet: GENERATED_SHEETS[3] }, { count: scenarioMismatches }));
  const scenarios = computeScenarios(read.model, [...read.model.scenarios, ...(options.extraScenarios ?? [])]);
  const follow = followUp(tables, read.model, read.refs, computed);
  if (follow) findings.push(...follow.findings);
  // The sheet only when the follow-up is computed: a bad follow-up parameter stops its figures
  // (an existing Oppfølging sheet then stays as it was, and the finding says why).
  const allPlans = follow?.followUp ? [...plans, planFollowUp(tables, read.model, read.refs, follow.followUp)] : plans;
  return {
    result: {
      model: read.model,
      plans: allPlans,
      contributions: computed.contributions,
      findings,
      budget: { costs: computed.costs, financing: computed.financing },
      ...(scenarios.length > 0 ? { scenarios } : {}),
      ...(follow?.followUp ? { followUp: follow.followUp } : {}),
    },
    computed,
  };
}

/** Reads the model from the input tables, computes, and plans the generated sheets. */
export function build(tables: readonly TableData[], options?: BuildOptions): BuildResult {
  return buildInternal(tables, options).result;
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
    const taken = plannedSheetNames(tables).filter((name) => status?.[name] === "user").map((name) => finding("KBR-E-SHEET-NAME-TAKEN", { sheet: name }, { name }));
    return { ...result, findings: [...result.findings, ...taken] };
  }
  const sheetFindings = generatedFindings(result.plans, generated, status, computed.directTotal, result.model.years);
  return { ...result, findings: [...result.findings, ...sheetFindings] };
}

/** True when a result has a finding of severity error (the CLI's exit code 1). */
export function hasErrors(result: BuildResult): boolean {
  return result.findings.some((f) => f.severity === "error");
}

/**
 * True when a result has an error that stops a build from writing: any error but the
 * follow-up's (a bad Regnskap or Timer row is left out of every sum and named; the budget and
 * the Oppfølging sheet are built whatever the follow-up finds, docs/followup.md).
 */
export function hasBuildErrors(result: BuildResult): boolean {
  return result.findings.some((f) => f.severity === "error" && !FOLLOWUP_IDS.has(f.id));
}

/**
 * True when the finding stopped the model from being built (a follow-up finding never does).
 * @internal
 */
export function isBlocking(f: Finding): boolean {
  return !FOLLOWUP_IDS.has(f.id) && isBaseBlocking(f);
}
const FOLLOWUP_IDS = new Set(FOLLOWUP_CHECKS.map((c) => c.id));

/** The report object of `--json` (docs/cli.md, JSON), with messages in `locale`. */
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
    ...(result.scenarios && result.scenarios.length > 0
      ? {
          scenarios: result.scenarios.map((s) => ({
            name: s.name,
            equalShare: s.equalShare,
            contributions: Object.fromEntries(Object.entries(s.contributions).map(([m, c]) => [m, pick(c)])),
          })),
        }
      : {}),
    ...(result.followUp ? { followUp: followUpJson(result.followUp) } : {}),
    findings: result.findings.map((f) => ({ id: f.id, severity: f.severity, message: f.message[locale], where: placeText(f.where, locale) })),
  };
}

/**
 * The council's 2009 plan as input tables (illustrative cost amounts, labelled as such); with
 * `followUp`, also an illustrative ledger, hours and explanations on a sheet of their own.
 */
export function examplePlanTables(options?: ExampleOptions): TableData[] {
  return example(options);
}
