/**
 * A SheetPlan as worksheet XML (SpreadsheetML CT_Worksheet), written as text in one pass.
 *
 * Design: the plan's cells go out row by row in the order the schema wants (rows ascending,
 * cells ascending within a row) into one byte buffer, row by row, so a sheet of 10 000 rows x 60
 * columns costs its bytes (outside the JavaScript heap) and no object per cell. Strings are inline
 * (`t="inlineStr"`, or `t="str"` for a formula's cached text), so the workbook's shared-string
 * table is never touched. A formula cell carries the engine's expected value as its cached
 * result, so a viewer that does not recalculate shows the right number; the workbook is marked
 * to recalculate on open anyway. Styles are xf indices from ./styles.
 */
import type { PageSetup, PlanCell, SheetPlan } from "../../core/workbook/types";
import { colLetters } from "../../core/a1";
import { escapeXml, ooxmlText } from "../package/xml";
import { NS, XML_DECLARATION } from "../package/constants";
import { toFileFormula } from "../fileFormula";

/** Excel's default column width (Calibri 11), for a hidden column the plan gives no width. */
const DEFAULT_WIDTH = 9.140625;

function numberText(n: number): string | null {
  return Number.isFinite(n) ? String(n) : null;
}

/**
 * A cell to write: a plan's cell, or an input table's (whose value may be an error, `#N/A`). The
 * look fields are the plan cell's; callers with more (./styles CellLook) read them in `styleOf`.
 */
export type OutCell = Omit<PlanCell, "value"> & { value?: PlanCell["value"] | { error: string } };

/** A sheet to write: a SheetPlan, or an input sheet laid out as one (./newWorkbook). */
export type SheetLayout<C extends OutCell = OutCell> = Omit<SheetPlan, "cells" | "name"> & { cells: readonly C[] };

/** `<c>` of one planned cell; "" for a blank cell without a style. */
function cellXml(c: OutCell, s: number): string {
  const ref = colLetters(c.col) + (c.row + 1);
  const style = s ? ` s="${s}"` : "";
  if (c.formula) {
    const f = `<f>${ooxmlText(toFileFormula(c.formula))}</f>`;
    const v = c.expected;
    if (typeof v === "number") {
      const t = numberText(v);
      return `<c r="${ref}"${style}>${f}${t === null ? "" : `<v>${t}</v>`}</c>`;
    }
    if (typeof v === "boolean") return `<c r="${ref}"${style} t="b">${f}<v>${v ? 1 : 0}</v></c>`;
    if (typeof v === "string") return `<c r="${ref}"${style} t="str">${f}<v>${ooxmlText(v)}</v></c>`;
    return `<c r="${ref}"${style}>${f}</c>`;
  }
  const v = c.value;
  if (typeof v === "number") {
    const t = numberText(v);
    return t === null ? (s ? `<c r="${ref}"${style}/>` : "") : `<c r="${ref}"${style}><v>${t}</v></c>`;
  }
  if (typeof v === "boolean") return `<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v && typeof v === "object") return `<c r="${ref}"${style} t="e"><v>${ooxmlText(v.error)}</v></c>`;
  if (typeof v === "string") {
    // Leading or trailing white space, or line breaks, survive only with xml:space="preserve".
    const preserve = /^\s|\s$|\n/.test(v) ? ` xml:space="preserve"` : "";
    return `<c r="${ref}"${style} t="inlineStr"><is><t${preserve}>${ooxmlText(v)}</t></is></c>`;
  }
  return s ? `<c r="${ref}"${style}/>` : "";
}

/** `<cols>`: widths and hidden flags, runs of equal columns merged. */
function colsXml(plan: SheetLayout): string {
  const hidden = new Set(plan.hiddenColumns ?? []);
  const n = Math.max(plan.columnWidths.length, ...[...hidden].map((c) => c + 1), 0);
  const specs: ({ width: number; hidden: boolean } | null)[] = [];
  for (let i = 0; i < n; i++) {
    const w = plan.columnWidths[i] ?? 0;
    const h = hidden.has(i);
    specs.push(w > 0 || h ? { width: w > 0 ? w : DEFAULT_WIDTH, hidden: h } : null);
  }
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    const s = specs[i];
    if (!s) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && specs[j + 1] && specs[j + 1]!.width === s.width && specs[j + 1]!.hidden === s.hidden) j++;
    out.push(`<col min="${i + 1}" max="${j + 1}" width="${s.width}"${s.hidden ? ` hidden="1"` : ""} customWidth="1"/>`);
    i = j + 1;
  }
  return out.length ? `<cols>${out.join("")}</cols>` : "";
}

function sheetViewsXml(freezeRows: number): string {
  if (freezeRows <= 0) return `<sheetViews><sheetView workbookViewId="0"/></sheetViews>`;
  return (
    `<sheetViews><sheetView workbookViewId="0">` +
    `<pane ySplit="${freezeRows}" topLeftCell="A${freezeRows + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${freezeRows + 1}" sqref="A${freezeRows + 1}"/>` +
    `</sheetView></sheetViews>`
  );
}

/** printOptions, pageMargins, pageSetup and headerFooter, in schema order. */
function pageXml(page: PageSetup | undefined): string {
  const m = page?.margins ?? { left: 0.7, right: 0.7, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
  let xml = page?.centerHorizontally ? `<printOptions horizontalCentered="1"/>` : "";
  xml += `<pageMargins left="${m.left}" right="${m.right}" top="${m.top}" bottom="${m.bottom}" header="${m.header}" footer="${m.footer}"/>`;
  if (!page) return xml;
  xml += `<pageSetup paperSize="9" orientation="${page.orientation}" fitToWidth="${page.fitToWidth}" fitToHeight="${page.fitToHeight}"/>`;
  const sections = (f: PageSetup["footer"]) => (f ? (f.left ? `&L${f.left}` : "") + (f.center ? `&C${f.center}` : "") + (f.right ? `&R${f.right}` : "") : "");
  const header = sections(page.header);
  const footer = sections(page.footer);
  if (header || footer) {
    xml += `<headerFooter>${header ? `<oddHeader>${ooxmlText(header)}</oddHeader>` : ""}${footer ? `<oddFooter>${ooxmlText(footer)}</oddFooter>` : ""}</headerFooter>`;
  }
  return xml;
}

/** The plan's cells in row, then column order (the plan's own array when it is in order already). */
function ordered<C extends OutCell>(cells: readonly C[]): readonly C[] {
  for (let i = 1; i < cells.length; i++) {
    const a = cells[i - 1];
    const b = cells[i];
    if (b.row < a.row || (b.row === a.row && b.col <= a.col)) {
      return [...cells].sort((x, y) => x.row - y.row || x.col - y.col);
    }
  }
  return cells;
}

/** How the sheet refers to the parts hanging off it. */
export interface SheetXmlOptions {
  /** Relationship id of the sheet's drawing part (the chart), when it has one. */
  drawingRid?: string;
  /** Relationship ids of the sheet's table parts (input tables of a new workbook). */
  tableRids?: readonly string[];
}

/**
 * Text appended into one growing buffer: each row's text is short-lived (cheap for the garbage
 * collector) and the sheet's bytes live outside the JavaScript heap.
 */
class ByteSink {
  private buf: Buffer;
  private len = 0;

  /** `estimate`: the expected size, so a big sheet is not copied on every doubling. */
  constructor(estimate: number) {
    this.buf = Buffer.allocUnsafe(Math.max(1 << 16, estimate));
  }

  write(text: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    const need = this.len + text.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(need, Math.floor(this.buf.length * 1.5)));
      this.buf.copy(next, 0, 0, this.len);
      this.buf = next;
    }
    this.len += this.buf.write(text, this.len, "utf8");
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/**
 * The worksheet XML of a plan, as UTF-8 bytes. `styleOf` gives each cell's xf index (0 = the
 * workbook's default look). Later cells at the same address win, as they would writing cell by
 * cell.
 */
export function sheetXmlBytes<C extends OutCell>(plan: SheetLayout<C>, styleOf: (c: C) => number, opts: SheetXmlOptions = {}): Uint8Array {
  const cells = ordered(plan.cells);
  const heights = new Map<number, number>();
  for (const h of plan.rowHeights ?? []) heights.set(h.row, h.points);
  let maxRow = -1;
  let maxCol = -1;
  for (const c of cells) {
    if (c.row > maxRow) maxRow = c.row;
    if (c.col > maxCol) maxCol = c.col;
  }
  const heightRows = [...heights.keys()].sort((a, b) => a - b);

  // About 90 bytes per cell of a generated sheet (a formula and its cached value).
  const out = new ByteSink(4096 + cells.length * 96);
  out.write(
    XML_DECLARATION +
      `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
      (plan.page ? `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` : "") +
      `<dimension ref="${maxRow < 0 ? "A1" : `A1:${colLetters(Math.max(0, maxCol))}${maxRow + 1}`}"/>` +
      sheetViewsXml(plan.freezeRows) +
      `<sheetFormatPr defaultRowHeight="15"/>` +
      colsXml(plan) +
      `<sheetData>`,
  );

  let h = 0; // next height row not yet written
  const rowOpen = (r: number) => {
    const ht = heights.get(r);
    return ht === undefined ? `<row r="${r + 1}">` : `<row r="${r + 1}" ht="${ht}" customHeight="1">`;
  };
  // Rows that have a height but no cells, before `row`.
  const emptyRowsBefore = (row: number) => {
    while (h < heightRows.length && heightRows[h] < row) {
      out.write(`${rowOpen(heightRows[h])}</row>`);
      h++;
    }
    if (h < heightRows.length && heightRows[h] === row) h++;
  };

  let i = 0;
  while (i < cells.length) {
    const row = cells[i].row;
    emptyRowsBefore(row);
    let j = i;
    while (j < cells.length && cells[j].row === row) j++;
    let body = "";
    for (let k = i; k < j; k++) {
      // Several plan cells at one address: the last one stands.
      if (k + 1 < j && cells[k + 1].col === cells[k].col) continue;
      body += cellXml(cells[k], styleOf(cells[k]));
    }
    if (body || heights.has(row)) out.write(`${rowOpen(row)}${body}</row>`);
    i = j;
  }
  emptyRowsBefore(Number.MAX_SAFE_INTEGER);

  const tables = opts.tableRids ?? [];
  out.write(
    `</sheetData>` +
      pageXml(plan.page) +
      (opts.drawingRid ? `<drawing r:id="${escapeXml(opts.drawingRid)}"/>` : "") +
      (tables.length ? `<tableParts count="${tables.length}">${tables.map((r) => `<tablePart r:id="${escapeXml(r)}"/>`).join("")}</tableParts>` : "") +
      `</worksheet>`,
  );
  return out.bytes();
}
