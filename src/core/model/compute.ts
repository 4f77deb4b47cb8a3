/** What the engine computes from a valid model: contributions, in-kind shares and budget sums. */
import { roundHalfAway, split, splitDetail } from "../allocation";
import type { BudgetModel, Contribution, ScenarioResult } from "../types";

/** Sum of the lines' amounts in `year`, optionally only lines of one kind (row order, as SUM adds). */
export function sumAmounts<K extends string>(lines: readonly { kind: K; amounts: Record<string, number> }[], year: string, kind?: K): number {
  let s = 0;
  for (const l of lines) if (kind === undefined || l.kind === kind) s += l.amounts[year] ?? 0;
  return s;
}

/** Each municipality's population basis in `year`, in table order. */
export function populationsFor(model: BudgetModel, year: string): number[] {
  return model.municipalities.map((m) => m.populationByYear[year] ?? m.population);
}

/**
 * The Kommunene amount T of `year`, rounded to 9 places as the sheet's ROUND(SUMIFS(..),9) does.
 * @internal
 */
export function directTotalOf(model: BudgetModel, year: string): number {
  return roundHalfAway(sumAmounts(model.financing, year, "Kommunene"), 9);
}

/**
 * A scenario: each municipality's direct contribution per year under another equal share, with
 * the same yearly Kommunene amount and population basis (the same rule as Kommunebidrag).
 */
export function scenarioContributions(model: BudgetModel, equalShare: number): Record<string, number>[] {
  const out: Record<string, number>[] = model.municipalities.map(() => ({}));
  for (const y of model.years) {
    const s = split(populationsFor(model, y), { total: directTotalOf(model, y), equalShare, decimals: 0 });
    s.forEach((v, i) => (out[i][y] = v));
  }
  return out;
}

/** The model's scenarios (the Scenarier table), each by scenarioContributions, keyed by municipality name. */
export function computeScenarios(model: BudgetModel, scenarios: readonly { name: string; equalShare: number }[] = model.scenarios): ScenarioResult[] {
  return scenarios.map((s) => {
    const per = scenarioContributions(model, s.equalShare);
    return { name: s.name, equalShare: s.equalShare, contributions: Object.fromEntries(model.municipalities.map((m, i) => [m.name, per[i]])) };
  });
}

export interface Computed {
  contributions: Contribution[];
  /** Per year: the Kommunene total T and the in-kind (Egeninnsats) financing. */
  directTotal: Record<string, number>;
  inKindTotal: Record<string, number>;
  costs: Record<string, number>;
  financing: Record<string, number>;
}

export function compute(model: BudgetModel): Computed {
  const shares = model.municipalities.map((m) => m.resourceShare);
  const contributions: Contribution[] = model.municipalities.map((m) => ({
    name: m.name,
    population: m.population,
    resourceShare: m.resourceShare,
    populationByYear: { ...m.populationByYear },
    contributions: {},
    equalPart: {},
    populationPart: {},
    inKind: {},
  }));
  const directTotal: Record<string, number> = {};
  const inKindTotal: Record<string, number> = {};
  const costs: Record<string, number> = {};
  const financing: Record<string, number> = {};
  for (const y of model.years) {
    // Rounded to 9 places as the sheet's ROUND(SUMIFS(..),9) does: summation noise must not
    // decide a remainder, and the native formulas must split the very same T.
    const T = directTotalOf(model, y);
    const TI = roundHalfAway(sumAmounts(model.financing, y, "Egeninnsats"), 9);
    directTotal[y] = T;
    inKindTotal[y] = TI;
    costs[y] = sumAmounts(model.costs, y);
    financing[y] = sumAmounts(model.financing, y);
    const d = splitDetail(populationsFor(model, y), { total: T, equalShare: model.equalShare, decimals: 0 });
    const ik = split(shares, { total: TI, equalShare: 0, decimals: 0 });
    contributions.forEach((c, i) => {
      c.contributions[y] = d.total[i];
      c.equalPart[y] = d.equal[i];
      c.populationPart[y] = d.population[i];
      c.inKind[y] = ik[i];
    });
  }
  return { contributions, directTotal, inKindTotal, costs, financing };
}
