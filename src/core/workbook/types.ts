/**
 * Host-neutral shapes shared by the workbook engine (src/core), the package adapter (src/xlsx)
 * and the Office.js adapter (src/excel). Rows and columns are 0-based everywhere in code; texts
 * shown to users convert to Excel's A1 notation.
 */

/** An error value read from a cell, such as `#N/A` or `#DIV/0!`. */
interface CellError {
  error: string;
}

/** A cell value as read from a workbook. Blank cells are `null`. Dates are JS Dates (UTC). */
export type CellValue = string | number | boolean | Date | CellError | null;

/**
 * A body cell the engine must not guess at:
 * - `not-a-number`: stored as a number, but its stored text is not one (`12x232`);
 * - `uncalculated`: a formula with no cached value (never calculated by a spreadsheet program).
 */
export interface CellIssue {
  row: number;
  col: number;
  kind: "not-a-number" | "uncalculated";
  /** The stored text (not-a-number) or the formula with leading `=` (uncalculated). */
  text: string;
}

/** An Excel table (ListObject) as read from a workbook. */
export interface TableData {
  /** Table name, e.g. `Kommuner`. */
  name: string;
  /** Name of the worksheet the table stands on. */
  sheet: string;
  /** 0-based row and column of the table's header row's first cell on its sheet. */
  top: number;
  left: number;
  /** Header texts as in the workbook (not trimmed). */
  headers: string[];
  /** Body rows (no header, no totals row), each as long as `headers`. */
  rows: CellValue[][];
  /**
   * Cells the reader could not take at face value (file readers only): the value in `rows` is
   * null there, and the model reports the issue instead of guessing. Row and col are 0-based
   * within the body.
   */
  cellIssues?: CellIssue[];
  // Presentation, used when writing (readTables leaves these out):
  /** Title written in the cell above the header row (skipped when that cell is taken or top is 0). */
  title?: string;
  /** Invariant number format of each column's body cells, e.g. `#,##0`; null = General. */
  numberFormats?: (string | null)[];
  /** Per body cell, overriding `numberFormats` where not null (a column that mixes a share, a date and text). */
  cellFormats?: (string | null)[][];
  /** Column widths in Excel character units (when the writer creates the sheet). */
  columnWidths?: number[];
  /** Columns whose body cells wrap their text. */
  wrapColumns?: boolean[];
  /** Table style name, e.g. `TableStyleMedium2` (the default). */
  style?: string;
  /** Header cells bold on this fill (`#RRGGBB`) as cell formats too, for readers that ignore table styles (LibreOffice). */
  headerFill?: string;
  /** Print setup of the sheet, applied when the writer creates it. */
  page?: PageSetup;
}

/**
 * How a sheet prints. Header/footer texts use Excel's codes: `&A` sheet name, `&P` page number,
 * `&N` number of pages, `&L`/`&C`/`&R` sections are given as separate fields here.
 */
export interface PageSetup {
  orientation: "portrait" | "landscape";
  /** Fit to this many pages wide (usually 1) and tall (0 = as many as needed). */
  fitToWidth: number;
  fitToHeight: number;
  /** Rows printed at the top of every page (0-based, inclusive): the header rows. */
  titleRows?: { from: number; to: number };
  /** Margins in inches. */
  margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
  centerHorizontally?: boolean;
  /** Header sections (Excel codes allowed; a literal `&` written `&&`). */
  header?: { left?: string; center?: string; right?: string };
  /** Footer sections (Excel codes allowed). */
  footer?: { left?: string; center?: string; right?: string };
}

/** Horizontal alignment of a planned cell. */
type Align = "left" | "center" | "right" | "centerAcross";

/** One cell of a generated sheet. Formulas are in Excel's invariant (en-US) syntax with a leading `=`. */
export interface PlanCell {
  row: number;
  col: number;
  /** Literal value; ignored when `formula` is set. */
  value?: string | number | boolean | null;
  /** Native Excel formula, e.g. `=SUM(Kostnader[2009])`. */
  formula?: string;
  /** The value the engine computes for a formula cell; the e2e tests compare the recalculated value with it. */
  expected?: string | number | boolean | null;
  /** Invariant number format, e.g. `#,##0` or `0%`. */
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  /**
   * `centerAcross` centres the text of the first cell over the following cells that carry it too
   * (Excel's "Center Across Selection": a group header without merged cells).
   */
  align?: Align;
  /** Wrap the text within the column width (long headers). */
  wrap?: boolean;
  /** Fill colour as `#RRGGBB`. */
  fill?: string;
  /** Thin border on top (totals rows). */
  borderTop?: boolean;
}

/** A chart on a generated sheet (clustered columns: one series per data column). */
export interface ChartPlan {
  /** `column` (the default): vertical clustered columns; `bar`: horizontal clustered bars. */
  kind?: "column" | "bar";
  title: string;
  /** A1 ranges on the same sheet. */
  categories: { fromRow: number; toRow: number; col: number };
  series: { name: string; fromRow: number; toRow: number; col: number }[];
  /** Where the chart stands: top-left cell and size in cells. */
  anchor: { row: number; col: number; rows: number; cols: number };
}

/** A generated sheet as data: the adapters write it without knowing what it means. */
export interface SheetPlan {
  /** Worksheet name (bokmål): `Budsjett`, `Finansieringsplan` or `Kommunebidrag`. */
  name: string;
  cells: PlanCell[];
  /** Column widths in Excel character units, by 0-based column. */
  columnWidths: number[];
  /** Rows frozen at the top (the header). */
  freezeRows: number;
  /** Columns hidden (helper columns of the largest-remainder formulas). */
  hiddenColumns?: number[];
  /** Row heights in points, by 0-based row (rows of wrapped headers); other rows keep the default. */
  rowHeights?: { row: number; points: number }[];
  /** Print setup (orientation, fit to page width, repeated header rows, footer). */
  page?: PageSetup;
  chart?: ChartPlan;
  /**
   * Workbook-level defined names pointing at single cells of this sheet (stable anchors for the
   * user's own formulas, see core/workbook/anchors.ts). A rebuild moves them in place.
   */
  names?: AnchorPlan[];
}

/** A defined name for one cell of a generated sheet (0-based row and column). */
interface AnchorPlan {
  name: string;
  row: number;
  col: number;
}

/** A cell read back from a sheet (generated sheets, for the stale/typed-over check). */
export interface SheetCell {
  value: CellValue;
  /** Formula text with leading `=`, when the cell holds one. */
  formula?: string;
}

/** A worksheet's used range read back, row by row from A1 (sparse rows may be shorter). */
export interface SheetData {
  name: string;
  rows: SheetCell[][];
}

/** What stands in a workbook under a generated sheet's name. */
export type SheetStatus = "absent" | "generated" | "user";

/** Where a finding points. Rows here are 0-based sheet rows; `cell` is A1 text such as `Kommuner!B3`. */
export interface Where {
  sheet?: string;
  table?: string;
  column?: string;
  /** 0-based row of the sheet. */
  row?: number;
  /** 0-based column of the sheet. */
  col?: number;
  /** A1 address with sheet, e.g. `'Kommunebidrag'!D5`. */
  cell?: string;
  /** 1-based body row of `table`, as users count rows in a table (row 1 = first row under the header). */
  tableRow?: number;
}

/**
 * One workbook, whatever holds it (a package file in Node, Office.js in Excel). The engine speaks only
 * to this, so the CLI and the task pane build and check the same way.
 */
export interface WorkbookPort {
  /** Every Excel table in the workbook, on any sheet. */
  readTables(): Promise<TableData[]>;
  /** Used ranges of the named sheets that exist (missing names are left out). */
  readSheets(names: readonly string[]): Promise<SheetData[]>;
  /** For each name: absent, a sheet this add-in generated (carries the marker), or a user's sheet. */
  sheetStatus(names: readonly string[]): Promise<Record<string, SheetStatus>>;
  /**
   * Writes the input tables (only those given; never over an existing table) and replaces or
   * creates the generated sheets, each marked as generated. Refuses (writes nothing) when a
   * sheet of the same name is a user's sheet.
   */
  write(plans: readonly SheetPlan[], inputTables?: readonly TableData[]): Promise<void>;
  /**
   * A whole build in one go: reads every table and the status of `names`, hands both to
   * `planner`, and writes what it returns exactly as `write` would (same refusals). A null
   * result, or one with no plans and no input tables, writes nothing. Resolves to the planner's
   * result, so the caller gets its BuildResult. In Excel this is one batch of at most 3 round
   * trips whatever the size (the separate calls take 5).
   */
  update<R extends WriteRequest | null>(names: readonly string[], planner: UpdatePlanner<R>): Promise<R>;
  /** What a check reads, in one go: every table, the status of `names`, and those of them that exist. */
  readAll(names: readonly string[]): Promise<WorkbookSnapshot>;
}

/** What an update writes: generated sheets and, optionally, new input tables. */
export interface WriteRequest {
  plans: readonly SheetPlan[];
  inputTables?: readonly TableData[];
}

/** Decides an update's write from the workbook as read (it may be async, e.g. to let a UI paint). */
export type UpdatePlanner<R extends WriteRequest | null> = (tables: TableData[], status: Record<string, SheetStatus>) => R | Promise<R>;

/** Everything a check reads: tables, status of the generated names, and the generated sheets present. */
export interface WorkbookSnapshot {
  tables: TableData[];
  status: Record<string, SheetStatus>;
  /**
   * Used ranges of the named sheets that exist, as readSheets gives them. The Office.js adapter
   * gives only the generated ones (it never reads a user's sheet under a generated name).
   */
  sheets: SheetData[];
}

/** An edit of an input table's column, the same for both hosts (SSB populations: `Innbyggere <år>`). */
export interface ColumnEdit {
  table: string;
  header: string;
  /** One value per body row; null leaves the cell as it is (a new column's cell stays empty). */
  values: (number | string | null)[];
  /** A column whose cells' look a new column copies (e.g. `Innbyggere`). */
  styleFrom?: string;
}

/** An edit of one row of an input table (set a body row, or add one under the table). */
export interface RowEdit {
  table: string;
  /** The body row (0-based) to set, or null to add a row under the table. */
  row: number | null;
  /** Column header → value. */
  values: Record<string, string | number>;
}
