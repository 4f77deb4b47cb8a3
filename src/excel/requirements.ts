/**
 * The Office.js requirement sets the adapter uses, and a check the task pane runs before it
 * offers Build. The manifest must declare the highest required one (ExcelApi 1.7).
 */
import { both, type Locale } from "../core/i18n";
import { EXCEL_MESSAGES } from "./messages";

/** @internal */
export interface ApiSetUse {
  set: "ExcelApi";
  version: string;
  /** What needs it, for maintainers and the report. */
  usedFor: string;
  /** Optional sets are used when present; the adapter falls back without them. */
  optional?: boolean;
}

/** @internal */
export const EXCEL_API_SETS: readonly ApiSetUse[] = [
  { set: "ExcelApi", version: "1.1", usedFor: "tables, ranges (values, formulas, numberFormat, valueTypes, format, clear), charts (add, name, getItem, delete), worksheets add/delete/rename/position" },
  { set: "ExcelApi", version: "1.2", usedFor: "table.worksheet, range.columnHidden, format.columnWidth" },
  { set: "ExcelApi", version: "1.4", usedFor: "names.add (the generated-sheet marker), worksheet.getUsedRangeOrNullObject (valuesOnly: input tables over whole columns are read by their used rows)" },
  { set: "ExcelApi", version: "1.6", usedFor: "application.suspendApiCalculationUntilNextSync" },
  { set: "ExcelApi", version: "1.7", usedFor: "freezePanes.freezeRows, chart series add/setValues/setXAxisValues, NamedItem.formula (anchors moved in place on a rebuild), format.useStandardWidth/useStandardHeight and freezePanes.unfreeze (a rebuild resets our sheet in place)" },
  { set: "ExcelApi", version: "1.9", usedFor: "worksheet.getRanges (formats in few calls; without it one call per rectangle); worksheet.pageLayout (print setup; without it the sheets print with Excel's defaults); Range.copyFrom (a rebuild copies the new sheet onto the old one in one call; without it the blocks are written twice)", optional: true },
];

export interface RequirementCheck {
  ok: boolean;
  /** Missing required sets, e.g. `ExcelApi 1.7`. */
  missing: string[];
  /** Missing optional sets (the adapter still works, with more calls). */
  missingOptional: string[];
  message: Record<Locale, string>;
}

type IsSetSupported = (name: string, version: string) => boolean;

function officeIsSetSupported(): IsSetSupported {
  // Outside Office (Node tests, a plain browser) nothing is supported.
  if (typeof Office === "undefined" || !Office.context?.requirements) return () => false;
  return (name, version) => Office.context.requirements.isSetSupported(name, version);
}

/** Checks every set of EXCEL_API_SETS in the running Excel. */
export function checkRequirements(isSetSupported: IsSetSupported = officeIsSetSupported()): RequirementCheck {
  const missing: string[] = [];
  const missingOptional: string[] = [];
  for (const s of EXCEL_API_SETS) {
    if (isSetSupported(s.set, s.version)) continue;
    (s.optional ? missingOptional : missing).push(`${s.set} ${s.version}`);
  }
  const ok = missing.length === 0;
  return {
    ok,
    missing,
    missingOptional,
    message: ok ? both(EXCEL_MESSAGES.excelOk, {}) : both(EXCEL_MESSAGES.excelTooOld, { missing }),
  };
}

/** True when worksheet.pageLayout (orientation, fit to width, print titles, footer) may be used. */
export function supportsPageLayout(isSetSupported: IsSetSupported = officeIsSetSupported()): boolean {
  return isSetSupported("ExcelApi", "1.9");
}

/** True when Range.copyFrom may be used. */
export function supportsCopyFrom(isSetSupported: IsSetSupported = officeIsSetSupported()): boolean {
  return isSetSupported("ExcelApi", "1.9");
}

/** True when worksheet.getRanges may be used. */
export function supportsRangeAreas(isSetSupported: IsSetSupported = officeIsSetSupported()): boolean {
  return isSetSupported("ExcelApi", "1.9");
}
