/** What the package reader (src/xlsx/read) finds in a workbook before reading any sheet. */

export type SheetKind = "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "other";

/** A sheet of workbook.xml, in the workbook's order. */
export interface SheetInfo {
  name: string;
  sheetId: number;
  /** The `r:id` of the sheet in the workbook rels. */
  rId: string;
  /** Absolute part name; undefined when the relationship is missing (a damaged workbook). */
  part?: string;
  kind: SheetKind;
  state: "visible" | "hidden" | "veryHidden";
}

/** A defined name of workbook.xml. */
export interface DefinedName {
  name: string;
  /** The formula text as stored (no leading `=`). */
  value: string;
  /** Index into the sheets (sheet-scoped names). */
  localSheetId?: number;
  hidden?: boolean;
}

/** A table part, with its place (0-based, inclusive, header and totals rows included). */
export interface TableInfo {
  /** The name formulas use (`displayName`, else `name`). */
  name: string;
  /** The `name` attribute (usually the same). */
  partName: string;
  id?: number;
  sheet: string;
  sheetPart: string;
  /** Absolute name of the table part. */
  part: string;
  /** The `r:id` of the table in its sheet's rels. */
  rId: string;
  ref: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  headerRowCount: number;
  totalsRowCount: number;
  /** tableColumn names, `_xHHHH_` escapes decoded. */
  columns: string[];
  /** False when the part has no tableStyleInfo (LibreOffice). */
  hasStyleInfo: boolean;
}

export interface WorkbookInfo {
  /** Absolute name of the workbook part (`/xl/workbook.xml` usually). */
  workbookPart: string;
  sheets: SheetInfo[];
  definedNames: DefinedName[];
  /** Dates count from 1904-01-01 (old Mac workbooks). */
  date1904: boolean;
  tables: TableInfo[];
  sharedStringsPart?: string;
  stylesPart?: string;
}

/** A 0-based inclusive rectangle of a sheet (bottom/right may be Infinity: to the end). */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}
