/** All generated sheet plans, in the order they are written. */
import type { BudgetModel } from "../types";
import type { Computed } from "../model/compute";
import type { ModelRefs } from "../model/read";
import type { SheetPlan } from "../workbook/types";
import { planBudget } from "./budget";
import { planContributions } from "./contributions";
import { planFinancing } from "./financing";
import { planScenarios } from "./scenarios";

export interface Plans {
  plans: SheetPlan[];
  /**
   * Cells where the native formulas, mirrored in doubles, would differ from the engine (float
   * noise below 1e-9 deciding a remainder). 0 on every fixture; tests hold it there.
   */
  mismatches: number;
  /** The same for the Scenarier sheet (0 when it is not planned). */
  scenarioMismatches: number;
}

export function planAll(model: BudgetModel, refs: ModelRefs, computed: Computed): Plans {
  const contributions = planContributions(model, refs, computed);
  const scenarios = planScenarios(model, refs, computed);
  return {
    plans: [planBudget(model, refs, computed), planFinancing(model, refs, computed), contributions.plan, ...(scenarios ? [scenarios.plan] : [])],
    mismatches: contributions.mismatches,
    scenarioMismatches: scenarios?.mismatches ?? 0,
  };
}
