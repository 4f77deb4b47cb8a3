/**
 * Reads the input tables (found by name, anywhere in the workbook) into a validated
 * BudgetModel, or into findings that name table, column, row and cell. One reader per table
 * (structure.ts, parameters.ts, municipalities.ts, lines.ts, scenarios.ts); this file composes
 * them in the order their findings depend on each other.
 */
import type { BudgetModel } from "../types";
import { isBlocking } from "../checks/findings";
import type { TableData } from "../workbook/types";
import { readLines } from "./lines";
import { checkPopulationOverflow, readMunicipalities } from "./municipalities";
import { readParameters } from "./parameters";
import { readScenarios } from "./scenarios";
import { readStructure } from "./structure";
import { COST_KINDS, FINANCING_KINDS, readContext, type ReadResult } from "./tables";

export {
  cellWhere,
  type ColumnRef,
  FINANCING_KINDS,
  FOLLOWUP_TABLE_KEYS,
  type ModelRefs,
  nameKey,
  PARAMS,
  type ReadResult,
  type TableRef,
  TABLES,
  YEAR_HEADER,
} from "./tables";

/**
 * Reads the model. Cells the file reader flagged (TableData.cellIssues: a number that is not
 * one, a formula never calculated) are reported as such where the model reads them, instead of
 * the cell's usual check, which would only see a blank. Texts the model matches (municipality
 * names, Art, parameter names, headers) are checked for invisible characters, which make a
 * text look like another that Excel does not take it for.
 */
export function readModel(tables: readonly TableData[]): ReadResult {
  const ctx = readContext();
  const { findings } = ctx;
  const structure = readStructure(tables, ctx);
  if (!structure) return { model: null, refs: null, findings };
  const { refs: R, popYearCols, years } = structure;
  const { equalShare, equalShareParam, populationDate, projectName, note, populationSource } = readParameters(R.parameters, ctx);
  const { rows: municipalities, populationColumns, popCols } = readMunicipalities(R.municipalities, years, popYearCols, equalShare, ctx);
  const costs = readLines(R.costs, "Kostnadspost", COST_KINDS, years, ctx);
  const financing = readLines(R.financing, "Kilde", FINANCING_KINDS, years, ctx);
  const kommuneneTotals = years.map((y) => {
    let T = 0;
    for (const l of financing.lines) if (l.kind === "Kommunene") T += l.amounts[y] ?? 0;
    return T;
  });
  checkPopulationOverflow(R.municipalities.table, popCols, kommuneneTotals, ctx);

  if (findings.some(isBlocking)) return { model: null, refs: null, findings };

  const scen = readScenarios(R.scenarios, equalShare, ctx);

  const model: BudgetModel = {
    projectName,
    equalShare,
    populationDate,
    years,
    municipalities: municipalities.map((m, i) => ({
      ...m,
      populationByYear: Object.fromEntries(years.map((y) => [y, popCols.find((pc) => pc.ref === populationColumns[y])!.values[i]])),
    })),
    costs: costs.lines,
    financing: financing.lines,
    scenarios: scen.scenarios,
  };
  return {
    model,
    refs: {
      ...R,
      scenarios: R.scenarios ?? null,
      scenarioRows: scen.rows,
      populationColumns,
      costsArtNeedsTrim: costs.needsTrim,
      financingArtNeedsTrim: financing.needsTrim,
      equalShareParam,
      note,
      populationSource,
    },
    findings,
  };
}
