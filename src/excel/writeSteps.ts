/**
 * The write steps: every change to the workbook as a queued step with its estimated payload, so
 * the rebuild (./swap) can pack them into requests under Excel on the web's 5 MB
 * (`maxRequestBytes`, default 4 MB, estimated as the JSON length of the arrays and addresses
 * sent). A step only queues Office.js calls; nothing is sent until its batch is synced.
 */
import { foldName } from "../core/names";
import { chartName, isOurChart } from "../core/workbook/anchors";
import { bodyFormat, inputColumnChars } from "../core/workbook/tableFormat";
import { tableRect } from "../core/workbook/grid";
import type { PageSetup, SheetPlan, TableData } from "../core/workbook/types";
import { chunkAddresses, colsA1, rectA1 } from "./a1";
import { charsToPoints, tableInput, textInput, type Block, type SheetLayout, type StyleGroup } from "./layout";
import { findSheet, type State } from "./state";

/** One queued piece of a write with its estimated payload. */
export interface Step {
  bytes: number;
  apply: () => void;
}

/** Packs steps in order into batches of at most `max` bytes (a larger step gets a batch of its own). */
export function packBatches(steps: readonly Step[], max: number): Step[][] {
  const out: Step[][] = [];
  let cur: Step[] = [];
  let bytes = 0;
  for (const s of steps) {
    if (cur.length > 0 && bytes + s.bytes > max) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(s);
    bytes += s.bytes;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** Small fixed cost per API call in the payload estimate (the call's JSON envelope). */
export const CALL_BYTES = 200;

type FormatTarget = Excel.Range | Excel.RangeAreas;

/** API calls of applyPageLayout, for the payload estimate. */
const PAGE_CALLS = 11;

/**
 * Print setup through worksheet.pageLayout (ExcelApi 1.9; the caller checks). Queued only: no
 * sync of its own. Fit to width alone leaves the height automatic (as many pages as needed).
 */
function applyPageLayout(ws: Excel.Worksheet, page: PageSetup): void {
  const pl = ws.pageLayout;
  pl.orientation = page.orientation === "landscape" ? "Landscape" : "Portrait";
  pl.paperSize = "A4";
  pl.zoom = page.fitToHeight > 0 ? { horizontalFitToPages: page.fitToWidth, verticalFitToPages: page.fitToHeight } : { horizontalFitToPages: page.fitToWidth };
  if (page.centerHorizontally) pl.centerHorizontally = true;
  if (page.margins) pl.setPrintMargins("Inches", { ...page.margins });
  if (page.titleRows) pl.setPrintTitleRows(`$${page.titleRows.from + 1}:$${page.titleRows.to + 1}`);
  const f = page.footer;
  const h = page.header;
  if (f || h) {
    const all = pl.headersFooters.defaultForAllPages;
    if (h?.left) all.leftHeader = h.left;
    if (h?.center) all.centerHeader = h.center;
    if (h?.right) all.rightHeader = h.right;
    if (f?.left) all.leftFooter = f.left;
    if (f?.center) all.centerFooter = f.center;
    if (f?.right) all.rightFooter = f.right;
  }
}

function applyStyle(target: FormatTarget, g: StyleGroup): void {
  const f = target.format;
  switch (g.kind) {
    case "bold":
      f.font.bold = true;
      break;
    case "italic":
      f.font.italic = true;
      break;
    case "align":
      f.horizontalAlignment = g.value === "left" ? "Left" : g.value === "center" ? "Center" : g.value === "centerAcross" ? "CenterAcrossSelection" : "Right";
      break;
    case "wrap":
      f.wrapText = true;
      break;
    case "fill":
      f.fill.color = String(g.value);
      break;
    case "borderTop": {
      const b = f.borders.getItem("EdgeTop");
      b.style = "Continuous";
      b.weight = "Thin";
      break;
    }
  }
}

/** One block of formulas (and number formats) onto `ws()`. */
export function blockStep(ws: () => Excel.Worksheet, b: Block): Step {
  return {
    bytes: b.bytes + CALL_BYTES,
    apply: () => {
      const range = ws().getRange(rectA1(b.rect));
      range.formulas = b.formulas;
      if (b.numberFormats) range.numberFormat = b.numberFormats;
    },
  };
}

/** What the steps need of the add-in's options (which ExcelApi 1.9 features to use, and the request limit). */
export interface StepOptions {
  useRangeAreas: boolean;
  usePageLayout: boolean;
  useCopyFrom: boolean;
  maxRequestBytes: number;
}

/** Builds the steps of one write with the options of the OfficeWorkbook that runs it. */
export class StepWriter {
  readonly useRangeAreas: boolean;
  readonly usePageLayout: boolean;
  readonly useCopyFrom: boolean;
  readonly maxRequestBytes: number;

  constructor(options: StepOptions) {
    this.useRangeAreas = options.useRangeAreas;
    this.usePageLayout = options.usePageLayout;
    this.useCopyFrom = options.useCopyFrom;
    this.maxRequestBytes = options.maxRequestBytes;
  }

  /** The steps that write one input table (one step: a table is small next to the sheets). */
  tableStep(ctx: Excel.RequestContext, state: State, t: TableData, titleFree: ReadonlySet<TableData>, newSheets: Map<string, Excel.Worksheet>): Step {
    const wb = ctx.workbook;
    const values = [t.headers.map((h) => textInput(String(h))), ...t.rows.map((r) => t.headers.map((_, i) => tableInput(r[i] ?? null)))];
    const cellFormats = t.rows.map((_, r) => t.headers.map((_, c) => bodyFormat(t, r, c)));
    const anyFormat = cellFormats.some((row) => row.some((f) => f !== null));
    // Header row first: no format (null leaves it as it is).
    const formats = anyFormat ? [t.headers.map(() => null), ...cellFormats] : null;
    const address = rectA1(tableRect(t));
    const title = t.title && titleFree.has(t) ? t.title : null;
    const wrapped = (t.wrapColumns ?? []).map((w, i) => (w ? i : -1)).filter((i) => i >= 0 && i < t.headers.length);
    return {
      bytes: CALL_BYTES * (10 + 2 * t.headers.length + wrapped.length + (t.page ? PAGE_CALLS : 0)) + JSON.stringify(values).length + (formats ? JSON.stringify(formats).length : 0) + (title?.length ?? 0),
      apply: () => {
        const key = foldName(t.sheet);
        const existing = findSheet(state, t.sheet)?.proxy;
        let ws = existing ?? newSheets.get(key);
        const isNew = !ws;
        if (!ws) {
          ws = wb.worksheets.add(t.sheet);
          newSheets.set(key, ws);
        }
        const range = ws.getRange(address);
        range.values = values;
        if (formats) range.numberFormat = formats;
        // A Range, not a string: a bare address would be taken on the active sheet.
        const table = ws.tables.add(range, true);
        table.name = t.name;
        table.style = t.style ?? "TableStyleMedium2";
        if (title) {
          const cell = ws.getRange(rectA1({ top: t.top - 1, bottom: t.top - 1, left: t.left, right: t.left }));
          cell.values = [[textInput(title)]];
          cell.format.font.bold = true;
          cell.format.font.size = 12;
        }
        if (t.headerFill) {
          const head = ws.getRange(rectA1({ top: t.top, bottom: t.top, left: t.left, right: t.left + t.headers.length - 1 }));
          head.format.fill.color = t.headerFill;
          head.format.font.bold = true;
          // Black set explicitly: an automatic colour would take the table style's white header text.
          head.format.font.color = "#000000";
          // A column with a number format holds numbers: its head stands right, over them.
          t.headers.forEach((_, i) => {
            if (t.numberFormats?.[i]) ws.getRange(rectA1({ top: t.top, bottom: t.top, left: t.left + i, right: t.left + i })).format.horizontalAlignment = "Right";
          });
        }
        if (wrapped.length > 0 && t.rows.length > 0) {
          // Rows align at the top so labels stay beside the first line of a wrapped text; Excel
          // fits the row heights to wrapped text by itself.
          ws.getRange(rectA1({ top: t.top + 1, bottom: t.top + t.rows.length, left: t.left, right: t.left + t.headers.length - 1 })).format.verticalAlignment = "Top";
          for (const i of wrapped) ws.getRange(rectA1({ top: t.top + 1, bottom: t.top + t.rows.length, left: t.left + i, right: t.left + i })).format.wrapText = true;
        }
        if (!existing) {
          t.headers.forEach((_, i) => {
            ws.getRange(colsA1(t.left + i, t.left + i)).format.columnWidth = charsToPoints(t.columnWidths?.[i] ?? inputColumnChars(t, i));
          });
        }
        if (isNew && t.page && this.usePageLayout) applyPageLayout(ws, t.page);
      },
    };
  }

  /** Steps writing a sheet's cells and cell formats (the blocks, then the style groups) onto `ws()`. */
  cellSteps(ws: () => Excel.Worksheet, lay: SheetLayout): Step[] {
    const steps: Step[] = lay.blocks.map((b) => blockStep(ws, b));
    for (const g of lay.styles) {
      if (this.useRangeAreas) {
        for (const chunk of chunkAddresses(g.addresses)) steps.push({ bytes: chunk.length + CALL_BYTES, apply: () => applyStyle(ws().getRanges(chunk), g) });
      } else {
        for (const a of g.addresses) steps.push({ bytes: a.length + CALL_BYTES, apply: () => applyStyle(ws().getRange(a), g) });
      }
    }
    return steps;
  }

  /** Widths, heights, hidden columns, freeze and print setup of a plan, set on `ws()`. */
  layoutStep(ws: () => Excel.Worksheet, t: { plan: SheetPlan; lay: SheetLayout }): Step {
    const { plan: p, lay } = t;
    const page = this.usePageLayout ? p.page : undefined;
    return {
      bytes: CALL_BYTES * (2 + lay.widths.length + lay.heights.length + lay.hidden.length + (page ? PAGE_CALLS : 0)),
      apply: () => {
        const s = ws();
        for (const w of lay.widths) s.getRange(w.address).format.columnWidth = w.points;
        for (const h of lay.heights) s.getRange(h.address).format.rowHeight = h.points;
        for (const h of lay.hidden) s.getRange(h).columnHidden = true;
        if (p.freezeRows > 0) s.freezePanes.freezeRows(p.freezeRows);
        if (page) applyPageLayout(s, page);
      },
    };
  }

  /**
   * Our chart, drawn on `ws()` after removing the charts of ours among `existing`, and `stray`
   * (a chart of ours added by a cut batch before it got its name; see swap.ts).
   */
  chartStep(ws: () => Excel.Worksheet, p: SheetPlan, existing: readonly string[], stray: readonly string[] = []): Step | null {
    const chart = p.chart;
    const ours = [...existing.filter(isOurChart), ...stray];
    if (!chart && ours.length === 0) return null;
    return {
      bytes: CALL_BYTES * (4 + ours.length + 4 * (chart?.series.length ?? 0)),
      apply: () => {
        for (const n of ours) ws().charts.getItem(n).delete();
        if (chart) this.addChart(ws(), p.name, chart);
      },
    };
  }

  /** Clustered columns, one series per planned column, categories from the sheet; named as ours. */
  private addChart(ws: Excel.Worksheet, sheet: string, plan: NonNullable<SheetPlan["chart"]>): void {
    if (plan.series.length === 0) return;
    const col = (c: { fromRow: number; toRow: number; col: number }) => ws.getRange(rectA1({ top: c.fromRow, bottom: c.toRow, left: c.col, right: c.col }));
    const categories = col(plan.categories);
    const chart = ws.charts.add(plan.kind === "bar" ? "BarClustered" : "ColumnClustered", col(plan.series[0]), "Columns");
    chart.name = chartName(sheet);
    chart.title.text = plan.title;
    plan.series.forEach((s, k) => {
      const series = k === 0 ? chart.series.getItemAt(0) : chart.series.add(s.name);
      series.name = s.name;
      series.setValues(col(s));
      series.setXAxisValues(categories);
    });
    const a = plan.anchor;
    chart.setPosition(rectA1({ top: a.row, left: a.col, bottom: a.row, right: a.col }), rectA1({ top: a.row + a.rows - 1, left: a.col + a.cols - 1, bottom: a.row + a.rows - 1, right: a.col + a.cols - 1 }));
  }
}
