/**
 * The ExcelJS adapter: a WorkbookPort over an ExcelJS Workbook, for the command line and tests.
 * It writes what the engine plans and reads what the engine checks, without knowing what the
 * sheets mean. ExcelJS cannot write charts: a plan's chart is remembered here and added to the
 * saved file by ./chart (saveWorkbook); the Office.js adapter draws it in Excel.
 */
import * as fs from "fs";
import ExcelJS from "exceljs";
import type {
  CellValue,
  PageSetup,
  PlanCell,
  SheetCell,
  SheetData,
  SheetPlan,
  SheetStatus,
  TableData,
  UpdatePlanner,
  WorkbookPort,
  WorkbookSnapshot,
  WriteRequest,
} from "../core/workbook/types";
import { a1, parseA1, sameName, splitSheet } from "../core/a1";
import { both } from "../core/i18n";
import { markerName } from "../core/workbook/marker";
import { bodyFormat, inputColumnChars } from "../core/workbook/tableFormat";
import { WRITE_REFUSALS } from "../core/workbook/messages";
import { readAllInSteps, updateInSteps } from "../core/workbook/update";
import { LocalizedError, XLSX_MESSAGES } from "./messages";
import { addChartsToXlsx, chartSpec, PLACEHOLDER_PNG } from "./chart";
import { checkTarget, writeOutput } from "../cli/output";
import { fromFileFormula, toFileFormula } from "./fileFormula";
import type { ChartSpec } from "./chart";

// ExcelJS 4.4 reads a table's header flag as `headerRowCount === "1"`, but Excel leaves the
// attribute out when it is 1 (the default). Uncorrected, every table saved by Excel would load
// without its header and be written back broken. Patch the parser once, narrowly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const TableXform = require("exceljs/lib/xlsx/xform/table/table-xform");
if (!TableXform.prototype.__kbrHeaderFix) {
  const parseOpen = TableXform.prototype.parseOpen;
  TableXform.prototype.parseOpen = function (this: { parser?: unknown; model?: { headerRow?: boolean } }, node: { name: string; attributes: Record<string, string> }) {
    const wasNested = Boolean(this.parser);
    const r = parseOpen.call(this, node);
    if (!wasNested && node.name === "table" && this.model) {
      this.model.headerRow = node.attributes.headerRowCount !== "0";
    }
    return r;
  };
  TableXform.prototype.__kbrHeaderFix = true;
}

// The file form of formulas lives apart, so the package reader can use it without ExcelJS.
export { toFileFormula, fromFileFormula } from "./fileFormula";

type XCell = ExcelJS.Cell;

/** The CellValue of an ExcelJS cell; formula cells give their cached result. */
export function cellValue(cell: XCell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plainValue(cell.type === ExcelJS.ValueType.Formula ? (cell.result as unknown) : (cell.value as unknown));
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
    if ("result" in o) return plainValue(o.result);
  }
  return String(v);
}

/** The range a loaded or newly added table covers, 1-based, header and totals rows included. */
function tableBounds(t: ExcelJS.Table): { top: number; left: number; bottom: number; right: number } {
  const model = (t as unknown as { table: { tableRef?: string; ref: string; name?: string } }).table;
  const ref = model.tableRef ?? model.ref;
  const [a, b] = String(ref).replace(/\$/g, "").split(":");
  const decode = (s: string) => {
    const cell = parseA1(s);
    // Only a damaged file gets here: say which table, in the user's language (exit 2: unreadable).
    if (!cell) throw new LocalizedError(both(XLSX_MESSAGES.badTableRef, { table: model.name ?? "?", ref: String(ref) }), 2);
    return { row: cell.row + 1, col: cell.col + 1 };
  };
  const tl = decode(a);
  const br = b ? decode(b) : tl;
  return { top: tl.row, left: tl.col, bottom: br.row, right: br.col };
}

interface TableModel {
  name: string;
  headerRow?: boolean;
  totalsRow?: boolean;
  columns: { name: string }[];
}

/** Shared style objects: one per distinct look, so 100 000 cells do not mean 100 000 objects. */
class StyleCache {
  private readonly cache = new Map<string, Partial<ExcelJS.Style>>();

  get(c: PlanCell): Partial<ExcelJS.Style> | null {
    if (!c.numberFormat && !c.bold && !c.italic && !c.align && !c.fill && !c.borderTop && !c.wrap) return null;
    const key = `${c.numberFormat ?? ""}|${c.bold ? 1 : 0}|${c.italic ? 1 : 0}|${c.align ?? ""}|${c.fill ?? ""}|${c.borderTop ? 1 : 0}|${c.wrap ? 1 : 0}`;
    let s = this.cache.get(key);
    if (!s) {
      s = {};
      if (c.numberFormat) s.numFmt = c.numberFormat;
      // A font entry without name and size would fall back to odd defaults in some readers.
      if (c.bold || c.italic) s.font = { name: "Calibri", size: 11, family: 2, bold: !!c.bold, italic: !!c.italic };
      if (c.align || c.wrap) {
        s.alignment = {};
        // Excel's "Center Across Selection" is stored as centerContinuous.
        if (c.align) s.alignment.horizontal = c.align === "centerAcross" ? "centerContinuous" : c.align;
        if (c.wrap) s.alignment.wrapText = true;
      }
      if (c.fill) s.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + c.fill.replace("#", "").toUpperCase() } };
      if (c.borderTop) s.border = { top: { style: "thin" } };
      this.cache.set(key, s);
    }
    return s;
  }
}

export class XlsxWorkbook implements WorkbookPort {
  /** Charts of the sheets written, by lower-case sheet name: saveWorkbook adds them to the file. */
  private readonly charts = new Map<string, ChartSpec>();

  constructor(readonly workbook: ExcelJS.Workbook = new ExcelJS.Workbook()) {}

  /** The charts to add on saving, for the written sheets that still exist. */
  chartSpecs(): ChartSpec[] {
    return [...this.charts.values()].filter((c) => this.findSheet(c.sheet) !== undefined);
  }

  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    return this.workbook.worksheets.find((ws) => sameName(ws.name, name));
  }

  async readTables(): Promise<TableData[]> {
    const out: TableData[] = [];
    for (const ws of this.workbook.worksheets) {
      for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
        const model = (t as unknown as { table: TableModel }).table;
        const b = tableBounds(t);
        const headers = model.columns.map((c) => String(c.name));
        const hasHeader = model.headerRow !== false;
        const first = b.top + (hasHeader ? 1 : 0);
        const last = b.bottom - (model.totalsRow ? 1 : 0);
        const rows: CellValue[][] = [];
        for (let r = first; r <= last; r++) {
          const row = ws.getRow(r);
          const vals: CellValue[] = [];
          for (let c = 0; c < headers.length; c++) vals.push(cellValue(row.getCell(b.left + c)));
          rows.push(vals);
        }
        out.push({ name: model.name, sheet: ws.name, top: b.top - 1, left: b.left - 1, headers, rows });
      }
    }
    return out;
  }

  async readSheets(names: readonly string[]): Promise<SheetData[]> {
    const out: SheetData[] = [];
    for (const name of names) {
      const ws = this.findSheet(name);
      if (!ws) continue;
      const rows: SheetCell[][] = [];
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const cells: SheetCell[] = [];
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          while (cells.length < c - 1) cells.push({ value: null });
          const sc: SheetCell = { value: cellValue(cell) };
          if (cell.type === ExcelJS.ValueType.Formula && cell.formula) sc.formula = fromFileFormula(cell.formula);
          cells[c - 1] = sc;
        });
        while (rows.length < r - 1) rows.push([]);
        rows[r - 1] = cells;
      });
      out.push({ name: ws.name, rows });
    }
    return out;
  }

  /** True when the marker name of `name` exists and still refers to a sheet of that name. */
  private isMarked(name: string): boolean {
    const dn = this.workbook.definedNames as unknown as { getRanges(n: string): { ranges: string[] } };
    const { ranges } = dn.getRanges(markerName(name));
    return ranges.some((r) => {
      const { sheet } = splitSheet(r);
      return sheet !== null && sameName(sheet, name);
    });
  }

  async sheetStatus(names: readonly string[]): Promise<Record<string, SheetStatus>> {
    const out: Record<string, SheetStatus> = {};
    for (const name of names) {
      out[name] = !this.findSheet(name) ? "absent" : this.isMarked(name) ? "generated" : "user";
    }
    return out;
  }

  /** No round trips here: the separate calls, in order. */
  async update<R extends WriteRequest | null>(names: readonly string[], planner: UpdatePlanner<R>): Promise<R> {
    return updateInSteps(this, names, planner);
  }

  async readAll(names: readonly string[]): Promise<WorkbookSnapshot> {
    return readAllInSteps(this, names);
  }

  async write(plans: readonly SheetPlan[], inputTables: readonly TableData[] = []): Promise<void> {
    // Check everything first: a refusal must leave the workbook untouched.
    const status = await this.sheetStatus(plans.map((p) => p.name));
    for (const p of plans) {
      if (status[p.name] === "user") throw new LocalizedError(both(WRITE_REFUSALS.userSheet, { sheet: this.findSheet(p.name)?.name ?? p.name }));
    }
    const existing = new Set<string>();
    for (const ws of this.workbook.worksheets) for (const t of ws.getTables() as unknown as ExcelJS.Table[]) {
      existing.add((t as unknown as { table: TableModel }).table.name.toLowerCase());
    }
    // Tables and defined names share one namespace in Excel.
    const names = new Set(this.workbook.definedNames.model.map((d) => d.name.toLowerCase()));
    for (const t of inputTables) {
      if (existing.has(t.name.toLowerCase())) throw new LocalizedError(both(WRITE_REFUSALS.tableExists, { table: t.name }));
      if (names.has(t.name.toLowerCase())) throw new LocalizedError(both(WRITE_REFUSALS.nameExists, { table: t.name }));
      existing.add(t.name.toLowerCase());
    }

    for (const t of inputTables) this.writeTable(t);
    for (const p of plans) this.writePlan(p);
  }

  private writeTable(t: TableData): void {
    const found = this.findSheet(t.sheet);
    const ws = found ?? this.workbook.addWorksheet(t.sheet);
    if (!found && t.page) applyPage(ws, t.page);
    ws.addTable({
      name: t.name,
      ref: a1(t.top, t.left),
      headerRow: true,
      style: { theme: (t.style ?? "TableStyleMedium2") as ExcelJS.TableStyleProperties["theme"], showRowStripes: true },
      columns: t.headers.map((name) => ({ name, filterButton: true })),
      rows: t.rows.map((row) => t.headers.map((_, i) => toExcelValue(row[i] ?? null))),
    });
    // The title above the header, unless that cell holds something already.
    if (t.title && t.top > 0) {
      const cell = ws.getCell(t.top, t.left + 1);
      if (cell.value === null || cell.value === undefined || cell.value === "") {
        cell.value = t.title;
        cell.style = { font: { name: "Calibri", size: 12, family: 2, bold: true } };
      }
    }
    const widths = t.headers.map((_, i) => t.columnWidths?.[i] ?? inputColumnChars(t, i));
    for (let i = 0; i < t.headers.length; i++) {
      const col = ws.getColumn(t.left + 1 + i);
      col.width = Math.max(col.width ?? 0, widths[i]);
    }
    if (t.headerFill) {
      const fill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF" + t.headerFill.replace("#", "").toUpperCase() } };
      // Black set explicitly: an automatic colour would take the table style's white header text.
      const font: Partial<ExcelJS.Font> = { name: "Calibri", size: 11, family: 2, bold: true, color: { argb: "FF000000" } };
      // A column with a number format holds numbers: its head stands right, over them.
      const right: Partial<ExcelJS.Alignment> = { horizontal: "right" };
      t.headers.forEach((_, i) => (ws.getCell(t.top + 1, t.left + 1 + i).style = t.numberFormats?.[i] ? { font, fill, alignment: right } : { font, fill }));
    }
    // Formats and wrapping per body cell; a wrapped row gets the height its text needs, and a
    // table with wrapped text aligns its rows at the top so labels stay beside their first line.
    const anyWrap = t.headers.some((_, i) => t.wrapColumns?.[i] === true);
    t.rows.forEach((row, r) => {
      const xrow = ws.getRow(t.top + 2 + r);
      let lines = 1;
      t.headers.forEach((_, i) => {
        const fmt = bodyFormat(t, r, i);
        const wrap = t.wrapColumns?.[i] === true;
        if (!fmt && !anyWrap) return;
        const cell = xrow.getCell(t.left + 1 + i);
        if (fmt) cell.numFmt = fmt;
        if (anyWrap) cell.alignment = wrap ? { wrapText: true, vertical: "top" } : { vertical: "top" };
        const v = row[i];
        if (wrap && typeof v === "string") lines = Math.max(lines, Math.ceil(v.length / Math.max(1, ws.getColumn(t.left + 1 + i).width ?? widths[i])));
      });
      if (lines > 1) xrow.height = lines * 15;
    });
  }

  private writePlan(p: SheetPlan): void {
    const old = this.findSheet(p.name);
    let orderNo: number | undefined;
    if (old) {
      orderNo = (old as unknown as { orderNo: number }).orderNo;
      this.workbook.removeWorksheet(old.id);
    }
    const views: Partial<ExcelJS.WorksheetView>[] = p.freezeRows > 0 ? [{ state: "frozen", ySplit: p.freezeRows, xSplit: 0 }] : [];
    const ws = this.workbook.addWorksheet(p.name, { views });
    const chart = chartSpec(p);
    if (chart) {
      this.charts.set(p.name.toLowerCase(), chart);
      // A placeholder picture where the chart goes makes ExcelJS write the sheet's drawing
      // link itself; saveWorkbook swaps the picture for the chart without rewriting the sheet.
      const a = chart.plan.anchor;
      const image = this.workbook.addImage({ buffer: PLACEHOLDER_PNG, extension: "png" } as unknown as ExcelJS.Image);
      ws.addImage(image, { tl: { col: a.col, row: a.row }, br: { col: a.col + a.cols, row: a.row + a.rows } } as unknown as ExcelJS.ImageRange);
    } else this.charts.delete(p.name.toLowerCase());
    if (orderNo !== undefined) (ws as unknown as { orderNo: number }).orderNo = orderNo;

    p.columnWidths.forEach((w, i) => {
      if (w > 0) ws.getColumn(i + 1).width = w;
    });
    for (const c of p.hiddenColumns ?? []) ws.getColumn(c + 1).hidden = true;
    for (const h of p.rowHeights ?? []) ws.getRow(h.row + 1).height = h.points;
    if (p.page) applyPage(ws, p.page);

    const styles = new StyleCache();
    let rowNo = -1;
    let row: ExcelJS.Row | null = null;
    for (const c of p.cells) {
      if (c.row !== rowNo) {
        rowNo = c.row;
        row = ws.getRow(c.row + 1);
      }
      const cell = row!.getCell(c.col + 1);
      if (c.formula) {
        const result = c.expected === null || c.expected === undefined ? undefined : c.expected;
        cell.value = { formula: toFileFormula(c.formula), result } as ExcelJS.CellFormulaValue;
      } else {
        cell.value = c.value ?? null;
      }
      const s = styles.get(c);
      if (s) cell.style = s;
    }

    // The marker: replace any old one (it pointed at the deleted sheet) with one on the new sheet.
    const dn = this.workbook.definedNames as unknown as {
      matrixMap: Record<string, unknown>;
      addEx(loc: { sheetName: string; address: string; row: number; col: number }, name: string): void;
    };
    delete dn.matrixMap[markerName(p.name)];
    dn.addEx({ sheetName: ws.name, address: "A1", row: 1, col: 1 }, markerName(p.name));
  }
}

/** Page setup, print titles and footer as ExcelJS stores them. */
function applyPage(ws: ExcelJS.Worksheet, page: PageSetup): void {
  const m = page.margins;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: page.orientation,
    fitToPage: true,
    fitToWidth: page.fitToWidth,
    fitToHeight: page.fitToHeight,
    horizontalCentered: page.centerHorizontally === true,
    ...(m ? { margins: { ...m } } : {}),
    ...(page.titleRows ? { printTitlesRow: `${page.titleRows.from + 1}:${page.titleRows.to + 1}` } : {}),
  };
  const f = page.footer;
  if (f) {
    const text = (f.left ? `&L${f.left}` : "") + (f.center ? `&C${f.center}` : "") + (f.right ? `&R${f.right}` : "");
    if (text) ws.headerFooter = { ...ws.headerFooter, oddFooter: text };
  }
}

function toExcelValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === "object" && !(v instanceof Date)) return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

function startsWithZipSignature(file: string): boolean {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, "r");
  try {
    return fs.readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    fs.closeSync(fd);
  }
}

/** Loads an .xlsx file; a missing or unreadable file gives a LocalizedError with exit code 2. */
export async function loadWorkbook(file: string): Promise<XlsxWorkbook> {
  if (!fs.existsSync(file)) throw new LocalizedError(both(XLSX_MESSAGES.notFound, { file }), 2);
  // An .xlsx is a zip: anything else (.xls, .csv, text) gets a message in the user's terms
  // instead of the zip library's English.
  if (!startsWithZipSignature(file)) throw new LocalizedError(both(XLSX_MESSAGES.notZip, { file }), 2);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    const reason = e instanceof Error ? e.message.split("\n")[0] : String(e);
    throw new LocalizedError(both(XLSX_MESSAGES.notReadable, { file, reason }), 2);
  }
  return new XlsxWorkbook(wb);
}

/** The .xlsx file's bytes: ExcelJS's package with the plans' charts added. */
export async function workbookBytes(book: XlsxWorkbook): Promise<Uint8Array> {
  const buf = await book.workbook.xlsx.writeBuffer();
  return addChartsToXlsx(new Uint8Array(buf as ArrayBuffer), book.chartSpecs());
}

/**
 * Saves for tests and benches, replacing `file` if it exists. The file handling (temporary
 * file, rename, clean-up) is ../cli/output's, the same as `kbr build` uses.
 */
export async function saveWorkbook(book: XlsxWorkbook, file: string): Promise<void> {
  const target = checkTarget(file, { named: true, force: true });
  await writeOutput(target, await workbookBytes(book));
}
