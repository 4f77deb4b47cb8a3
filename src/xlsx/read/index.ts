/** The package reader's API: open a workbook file, map it, read its tables and sheets. */
export { openWorkbookFile,  } from "./open";
export { workbookInfo } from "./workbook";
export { readTables, readSheetCells } from "./tables";
export type { WorkbookInfo,     } from "./types";
