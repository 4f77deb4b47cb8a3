/**
 * The ExcelApi requirement-set level the Excel double plays (1.7 or 1.9), so the whole
 * test/excel suite runs against both an older Excel and a current one.
 *
 * Design: the level comes from the jest project (`globals.KBR_EXCEL_API`, see jest.config.js) or
 * the environment (`KBR_EXCEL_API=1.7 npx jest test/excel`), default 1.9. A FakeExcel answers
 * `Office.context.requirements.isSetSupported` for its level (it installs that global, so the
 * adapter's defaults, which ask Office, follow the level), and a member above the level fails at
 * the next `context.sync()` with Excel's `ApiNotFound`, as office.js does on an older Excel (the
 * JavaScript object has the member; the host refuses the request). The levels below are copied
 * from the `[Api set: ExcelApi x.y]` remarks of @types/office-js.
 */

export type ApiLevel = "1.7" | "1.9";

/**
 * Members of the Excel API the double checks (`FakeContext.api`) or the adapter might use, with
 * the set that brought them in. Those at or below 1.7 never fail at either level; they are here
 * so that the double checks them too if a lower level is ever played.
 */
export const MEMBER_LEVELS: Readonly<Record<string, string>> = {
  "worksheet.getRanges": "1.9",
  "worksheet.pageLayout": "1.9",
  "range.copyFrom": "1.9",
  "range.getCellProperties": "1.9",
  "range.setCellProperties": "1.9",
  "range.getSpecialCells": "1.9",
  "worksheet.showGridlines": "1.8",
  "namedItem.formula": "1.7",
  "worksheet.copy": "1.7",
  "worksheet.getRangeByIndexes": "1.7",
  "chart.series.add": "1.7",
  "series.setValues": "1.7",
  "series.setXAxisValues": "1.7",
  "worksheet.freezePanes": "1.7",
  "freezePanes.unfreeze": "1.7",
  "format.useStandardWidth": "1.7",
  "format.useStandardHeight": "1.7",
  "range.valuesAsJson": "1.16",
  // Editing an input table in place (src/excel/inputEdit.ts); its parameters' levels: PARAMETER_LEVELS.
  "tableColumns.add": "1.1",
  "tableRows.add": "1.1",
  // ExcelApi 1.1: below both levels, listed so every member the double checks has its set here.
  "chart.name": "1.1",
  "chart.delete": "1.1",
  "worksheet.getUsedRangeOrNullObject": "1.4",
};

/**
 * Parameters of a member that came later than the member itself (from the same remarks, e.g.
 * TableColumnCollection.add: "1.4 allows index to be optional"), as `member(parameter)`.
 */
const PARAMETER_LEVELS: Readonly<Record<string, string>> = {
  "tableColumns.add(append)": "1.4",
  "tableColumns.add(name)": "1.4",
  "tableRows.add(several)": "1.4",
  "tableRows.add(alwaysInsert)": "1.15",
};

/** Compares two "major.minor" versions numerically (1.10 is above 1.9). */
function compareVersions(a: string, b: string): number {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am - bm || (an ?? 0) - (bn ?? 0);
}

function readLevel(): ApiLevel {
  const fromJest = (globalThis as { KBR_EXCEL_API?: unknown }).KBR_EXCEL_API;
  const v = String(fromJest ?? process.env.KBR_EXCEL_API ?? "1.9");
  if (v !== "1.7" && v !== "1.9") throw new Error(`KBR_EXCEL_API must be 1.7 or 1.9, not ${v}`);
  return v;
}

/** The level of this test run. */
export const API_LEVEL: ApiLevel = readLevel();

/** `Office.context.requirements.isSetSupported` of an Excel at `level`. */
export function isSetSupportedAt(level: ApiLevel): (name: string, version?: string) => boolean {
  return (name, version = "1.1") => name === "ExcelApi" && compareVersions(version, level) <= 0;
}

/** The message Excel gives (error code ApiNotFound) for a member it does not have. */
export function apiNotFound(member: string, level: ApiLevel): Error | null {
  const needs = MEMBER_LEVELS[member] ?? PARAMETER_LEVELS[member];
  if (!needs || compareVersions(needs, level) <= 0) return null;
  const e = new Error(`ApiNotFound: The method or property ${member} is part of the ExcelApi ${needs} requirement set, which is not available in your version of Excel (ExcelApi ${level}).`);
  (e as Error & { code: string }).code = "ApiNotFound";
  return e;
}

type OfficeGlobal = { context?: { requirements?: { isSetSupported: (n: string, v?: string) => boolean } } & Record<string, unknown> } & Record<string, unknown>;

/**
 * Makes `Office.context.requirements` answer for `level`, keeping whatever else a test put on
 * the Office global (displayLanguage, …).
 */
export function installRequirements(level: ApiLevel): void {
  const g = globalThis as unknown as { Office?: OfficeGlobal };
  const office: OfficeGlobal = g.Office ?? {};
  office.context = { ...(office.context ?? {}), requirements: { isSetSupported: isSetSupportedAt(level) } };
  g.Office = office;
}
