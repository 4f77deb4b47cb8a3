/**
 * How a generated sheet is told apart from a user's sheet of the same name. Both adapters
 * (the package writer in src/xlsx, Office.js in src/excel) use this one marker: a workbook-level defined
 * name referring to the sheet's A1. Defined names survive save/load in Excel, ExcelJS and
 * LibreOffice, follow a renamed sheet (so a renamed copy is no longer taken for ours), and are
 * invisible in the grid.
 */

/** Prefix of every marker name. */
const MARKER_PREFIX = "KBR_GENERERT_";

/**
 * The defined name that marks `sheetName` as generated. Only ASCII letters, digits and `_` are
 * kept (other characters become `_`) so the name is valid in every Excel version and locale.
 */
export function markerName(sheetName: string): string {
  return MARKER_PREFIX + sheetName.replace(/[^A-Za-z0-9_]/g, "_");
}
