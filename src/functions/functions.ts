/**
 * The custom functions of the KBR namespace. custom-functions-metadata-plugin reads this file:
 * it generates functions.json from the JSDoc and appends the CustomFunctions.associate calls
 * itself. Only top-level `function` declarations with inline parameter types are understood.
 * Nothing here may touch the DOM or Office at load time (the bundle also loads alone).
 */
import { toExcelError, FunctionInputError } from "./errors";
import { currentLocale } from "./locale";
import { computeResourceShare } from "./resource-share";
import { computeSplit } from "./split";

/**
 * Splits an amount between municipalities: a part equally, the rest by population, rounded so the shares add up exactly to the total.
 * @customfunction SPLIT
 * @helpurl https://localhost:3000/help/split.html
 * @param populations One column or one row of populations (weights), each 0 or more.
 * @param [total] The amount to split. Default 500000.
 * @param [equal_share] The part of the total split equally, from 0 to 1. Default 0.5.
 * @param [decimals] Places to round to: 0 whole kroner (default), -3 thousands, 2 øre.
 * @param [detail] TRUE returns three columns: equal part, population part, total. Default FALSE.
 * @returns The shares, in the shape of populations.
 */
export function kbrSplit(populations: unknown[][], total?: unknown, equal_share?: unknown, decimals?: unknown, detail?: unknown): number[][] {
  try {
    return computeSplit(populations, total, equal_share, decimals, detail, currentLocale());
  } catch (e) {
    if (e instanceof FunctionInputError) throw toExcelError(e);
    throw e;
  }
}

/**
 * A municipality's Ressursandel (share of the joint staff resource), or an amount times it.
 * @customfunction RESOURCE_SHARE
 * @helpurl https://localhost:3000/help/resource-share.html
 * @param municipality A municipality name, or a range of names.
 * @param [amount] An amount to multiply by the share. Default: return the share itself.
 * @param [weights] A two-column range (name, share) that replaces the 2009 plan's table.
 * @returns The share or the amount's part, in the shape of municipality.
 */
export function kbrResourceShare(municipality: unknown[][], amount?: unknown, weights?: unknown[][]): unknown[][] {
  let cells;
  try {
    cells = computeResourceShare(municipality, amount, weights, currentLocale());
  } catch (e) {
    if (e instanceof FunctionInputError) throw toExcelError(e);
    throw e;
  }
  // One name: its error is the function's error. Several: each cell carries its own.
  if (cells.length === 1 && cells[0].length === 1 && cells[0][0] instanceof FunctionInputError) throw toExcelError(cells[0][0]);
  return cells.map((r) => r.map((c) => (c instanceof FunctionInputError ? toExcelError(c) : c)));
}
