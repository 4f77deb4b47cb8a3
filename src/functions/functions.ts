/**
 * The custom functions of the KBR namespace. custom-functions-metadata-plugin reads this file:
 * it generates functions.json from the JSDoc and appends the CustomFunctions.associate calls
 * itself. Only top-level `function` declarations with inline parameter types are understood.
 * Nothing here may touch the DOM or Office at load time (the bundle also loads alone).
 *
 * The metadata says allowErrorForDataTypeAny (scripts/localized-metadata-plugin.js), so Excel
 * passes error cells in instead of answering with the error: the range arguments report them by
 * row, and an error in a one-value argument goes back out unchanged (see passOnError).
 */
import { toExcelError, FunctionInputError } from "./errors";
import { currentLocale } from "./locale";
import { computeResourceShare } from "./resource-share";
import { computeSplit } from "./split";

type Runtime = { associate(id: string, fn: (...args: never[]) => unknown): void; Error: new (...args: never[]) => unknown };

/** The runtime's CustomFunctions, looked up when used: undefined outside Office. */
function runtime(): Runtime | undefined {
  return (globalThis as { CustomFunctions?: Runtime }).CustomFunctions;
}

/**
 * The `CustomFunctions.associate("SPLIT", kbrSplit);` lines that the metadata plugin appends to
 * this file at build time resolve to this module-scoped name, not to the global: it hands the
 * function to the runtime when there is one, and does nothing outside Office (a plain browser,
 * office.js blocked), so loading functions.js there throws nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- used by the associate calls the build appends
const CustomFunctions = {
  associate(id: string, fn: (...args: never[]) => unknown): void {
    runtime()?.associate(id, fn);
  },
};

/**
 * An error value in a one-value argument (total, equal_share, decimals, detail, amount) is
 * thrown back as it came, as Excel's own functions pass errors on: =KBR.SPLIT(B2:B8; 1/0) is
 * #DIV/0!, as it was before the metadata let errors in. Anything else is left to the checks.
 */
function passOnError(...values: unknown[]): void {
  const ErrorType = runtime()?.Error;
  if (typeof ErrorType !== "function") return;
  for (const v of values) if (v instanceof ErrorType) throw v;
}

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
  passOnError(total, equal_share, decimals, detail);
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
  passOnError(amount);
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
