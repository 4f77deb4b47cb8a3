/**
 * The check catalogue: ONE list of every finding the engine can report, with a stable id,
 * severity and a message in each locale. engine.build/check, the CLI and the task pane all
 * report through it, so an id means the same thing everywhere.
 */
// The entries live in catalogue/: inputs.ts (input tables) and results.ts (consistency,
// scenarios, generated sheets); catalogue/show.ts renders values in messages.
import { quoteSheet } from "../a1";
import type { Locale } from "../i18n";
import type { Where } from "../workbook/types";
import { INPUT_CHECKS } from "./catalogue/inputs";
import { RESULT_CHECKS } from "./catalogue/results";
import type { CheckDef } from "./catalogue/types";

export type { CheckDef, CheckParams, Severity } from "./catalogue/types";
export { INVISIBLE } from "./catalogue/show";

/** The catalogue. Order is the order the task pane lists checks in. */
export const CHECKS: readonly CheckDef[] = [...INPUT_CHECKS, ...RESULT_CHECKS];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function checkDef(id: string): CheckDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown check id ${id}`);
  return def;
}

/** Where a finding points, as users read it: `Kommuner[Innbyggere] rad 3 ('Inndata'!B5)`. */
export function placeText(where: Where, locale: Locale): string {
  const nb = locale === "nb-NO";
  if (where.table) {
    let s = where.table;
    if (where.column !== undefined) s += `[${where.column}]`;
    if (where.tableRow !== undefined) s += nb ? ` rad ${where.tableRow}` : ` row ${where.tableRow}`;
    if (where.cell) s += ` (${where.cell})`;
    return s;
  }
  if (where.cell) return where.cell;
  if (where.sheet) return quoteSheet(where.sheet);
  return "";
}
