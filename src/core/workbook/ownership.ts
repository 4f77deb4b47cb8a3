/**
 * What in a workbook is ours, decided here once for both hosts (the package writer for `kbr`,
 * src/xlsx/write; the Office.js adapter, src/excel):
 * - the input tables the engine reads (core's TABLES): their bodies are read, nothing else's;
 * - a sheet is ours when the marker (./marker) is a workbook-level name referring to it;
 * - the workbook-level names a rebuild owns: the markers and anchors (./anchors) of the sheets it
 *   writes, and an anchor that points at one of them but is no longer planned (a year gone);
 *   sheet-level names it owns: the print titles and area of a sheet it writes;
 * - our chart on a generated sheet is the one named by ./anchors' chartName (isOurChart); every
 *   other chart, picture or shape on it is the user's and stays;
 * - a table on a generated sheet goes with the sheet's cells, unless a formula or name refers to
 *   it (refersToTable): then the rebuild is refused rather than leave that reference dangling.
 * Names compare without case, as Excel does.
 */
import { sameName, splitSheet } from "../a1";
import { nameKey, TABLES } from "../model/read";
import { isAnchorName } from "./anchors";
import { markerName } from "./marker";
import type { SheetPlan, SheetStatus } from "./types";

/** The input tables the engine reads, in core's order. */
export const INPUT_TABLE_NAMES: readonly string[] = Object.values(TABLES).map((t) => t.name);

/** True for the name of an input table (matched as the engine matches it). */
export function isInputTable(name: string): boolean {
  return INPUT_TABLE_NAMES.some((n) => nameKey(n) === nameKey(name));
}

/** A workbook-level defined name as a host sees it: what it refers to, `Sheet!$A$1` or `=Sheet!$A$1`. */
export interface WorkbookName {
  name: string;
  refersTo: string;
}

/** The sheet a name refers to (null for a constant, a formula of several sheets or #REF!). */
function sheetOf(n: WorkbookName): string | null {
  return splitSheet(n.refersTo.trim()).sheet;
}

/** True when `n` is the marker of `sheet` and still refers to a sheet of that name (a renamed copy is not ours). */
export function isMarkerOf(n: WorkbookName, sheet: string): boolean {
  const ref = sheetOf(n);
  return sameName(n.name, markerName(sheet)) && ref !== null && sameName(ref, sheet);
}

/**
 * Whether each of `wanted` is absent, ours (marked) or a user's sheet, given the workbook's sheet
 * names and its workbook-level defined names.
 */
export function sheetStatus(sheets: readonly string[], names: readonly WorkbookName[], wanted: readonly string[]): Record<string, SheetStatus> {
  const out: Record<string, SheetStatus> = {};
  for (const w of wanted) {
    const sheet = sheets.find((s) => sameName(s, w));
    out[w] = sheet === undefined ? "absent" : names.some((n) => isMarkerOf(n, sheet)) ? "generated" : "user";
  }
  return out;
}

/**
 * What a rebuild writing `plans` makes of the workbook-level name `n`: the marker or a planned
 * anchor of one of its sheets (replaced), an anchor of ours on one of its sheets that the plans
 * no longer have (removed), or null: not ours, never touched.
 */
export function ownedName(n: WorkbookName, plans: readonly Pick<SheetPlan, "name" | "names">[]): "marker" | "anchor" | "staleAnchor" | null {
  if (plans.some((p) => sameName(n.name, markerName(p.name)))) return "marker";
  if (plans.some((p) => (p.names ?? []).some((a) => sameName(a.name, n.name)))) return "anchor";
  if (!isAnchorName(n.name)) return null;
  const ref = sheetOf(n);
  return ref !== null && plans.some((p) => sameName(p.name, ref)) ? "staleAnchor" : null;
}

/** Sheet-level names a rebuild owns on a sheet it writes: its print titles and print area. */
export function ownsLocalName(name: string): boolean {
  return sameName(name, "_xlnm.Print_Titles") || sameName(name, "_xlnm.Print_Area");
}

const NAME_CHAR = "[\\p{L}\\p{N}_.\\\\]";

/**
 * True when the formula (or a defined name's refers-to text) uses the table `table`: a
 * structured reference (`Tabell1[Beløp]`, `Tabell1[#All]`) or the bare table name. Texts in
 * quotes (strings, quoted sheet names) are skipped; case is ignored, as in Excel.
 */
export function refersToTable(formula: string, table: string): boolean {
  const bare = formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'/g, "''");
  const escaped = table.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<!${NAME_CHAR})${escaped}(?!${NAME_CHAR}|\\s*[(!])`, "iu").test(bare);
}

/** A table standing on a generated sheet that a rebuild replaces. */
export interface TableOnOurSheet {
  table: string;
  sheet: string;
}

/**
 * The first of `tables` (on generated sheets a rebuild replaces, so they would go with the cells)
 * that something still uses: a formula of the plans, or one of `formulas` (the workbook's names'
 * texts and the cell formulas of every sheet the rebuild keeps). Null: all may go.
 */
export function tableInUse(tables: readonly TableOnOurSheet[], plans: readonly Pick<SheetPlan, "cells">[], formulas: Iterable<string>): TableOnOurSheet | null {
  if (tables.length === 0) return null;
  const uses = (f: string) => tables.find((t) => refersToTable(f, t.table));
  for (const p of plans) {
    for (const c of p.cells) {
      const hit = c.formula ? uses(c.formula) : undefined;
      if (hit) return hit;
    }
  }
  for (const f of formulas) {
    const hit = uses(f);
    if (hit) return hit;
  }
  return null;
}
