/**
 * The Office.js adapter: a WorkbookPort over the open workbook in Excel (task pane). Same
 * reading and writing as the package writer of `kbr` (src/xlsx): the same sheets, names and chart.
 *
 * The user's workbook is theirs. Reads load the bodies of the input tables only (the names in
 * core's TABLES) and of the generated sheets whose marker says they are ours; of everything else
 * at most the names (sheets, tables, defined names, charts) and the address of a table or used
 * range. Every request AND every response stays under Excel on the web's 5 MB:
 * - writes are packed into batches of at most `maxRequestBytes` (default 4 MB, estimated as the
 *   JSON length of the arrays and addresses sent);
 * - reads first load the dimensions (a table's header and body address, a sheet's used-range
 *   address), then the bodies in row blocks, several per sync up to `maxResponseBytes` (default
 *   4 MB). A block's size comes from a conservative estimate per cell, then from the largest row
 *   actually read; should Excel still refuse a response as too large (long texts), the estimate
 *   is doubled (blocks halved) and the sync retried.
 *
 * Round trips (each `context.sync()` is one; slow on the web) when every read and write fits one
 * response/request (the 2009 plan; 357 municipalities × 10 years but for Check, which takes 4):
 *   readTables (pane start)  3: table names; the input tables' dimensions; their bodies.
 *   readAll (Check)          3: state (sheets, tables, names); dimensions; bodies.
 *   update (Build)           4: state; dimensions (+ chart names of our sheets); bodies; the
 *                            planner (the engine) runs, then every write in one sync. One more
 *                            when the planner puts input tables onto existing sheets (areas).
 *   write (insert example)   2-3: state; [areas, chart names]; writes.
 * Above that each 4 MB adds a sync: at 2 000 municipalities × 20 years a Build takes 11 and a
 * Check 11 (bench/excel.bench.ts). The dimensions need the tables' proxies, which exist only
 * after the state sync: chaining `*OrNullObject` calls would save that sync, but what Excel
 * does with methods called on a null object is not documented.
 *
 * A rebuild keeps the user's links (formulas, defined names and chart series pointing at our
 * sheets), and Excel has no transactions, so the order makes a failure harmless where it can:
 * 1. validate and check names before anything is written;
 * 2. write each new sheet completely under a temporary name (`~kbrN Budsjett`); when all are
 *    complete, rename them in one step to their "complete" names (`~kbrN+ Budsjett`). A failure
 *    up to here leaves the old sheets untouched (the temporary sheets are removed);
 * 3. the swap. A sheet that exists and is ours is never deleted (Excel would turn every
 *    reference to it into #REF!): it is cleared (cells, widths, heights, hidden columns, freeze,
 *    our own chart `KBR_…`; the user's charts stay), the complete sheet's cells are copied onto
 *    it with Range.copyFrom (ExcelApi 1.9; at 1.7 the planned blocks are written onto it
 *    directly), and layout, print setup and chart are set from the plan. A sheet that did not
 *    exist is the renamed temporary one. Then formulas naming another generated sheet, the
 *    anchors (workbook names such as KBR_BIDRAG_TOTALT, moved in place with NamedItem.formula),
 *    and last the temporary sheets are deleted.
 * Recovery after a failure reads the workbook again: when no batch of the swap was sent, or a
 * temporary sheet is still under its first name, step 2 did not finish, so the temporary sheets
 * are removed and nothing else was touched; otherwise every temporary sheet is complete and the swap is repeated from them (it is
 * idempotent: clear, copy, set). Only if that fails too the error says which sheets may be partly
 * written and where the complete new content is (the temporary sheets are then kept).
 */
import { a1, quoteSheet, splitSheet } from "../core/a1";
import { both, type Locale } from "../core/i18n";
import { nameKey, TABLES } from "../core/model/read";
import { FOLLOWUP_TABLES } from "../core/followup";
import { chartName, isAnchorName, isOurChart } from "../core/workbook/anchors";
import { markerName } from "../core/workbook/marker";
import { WRITE_REFUSALS } from "../core/workbook/messages";
import type { UpdatePlanner, WorkbookSnapshot, WriteRequest } from "../core/workbook/types";
import { wantsWrite } from "../core/workbook/update";
import { bodyFormat, inputColumnChars } from "../core/workbook/tableFormat";
import type { PageSetup, SheetCell, SheetData, SheetPlan, SheetStatus, TableData, WorkbookPort } from "../core/workbook/types";
import { chunkAddresses, colsA1, MAX_COLS, MAX_ROWS, overlaps, parseRect, rectA1, type Rect } from "./a1";
import {
  charsToPoints,
  fromOffice,
  layoutSheet,
  sheetRefPattern,
  tableInput,
  textInput,
  type Block,
  type SheetLayout,
  type StyleGroup,
  type ValueType,
} from "./layout";
import { EXCEL_MESSAGES, ReadError, WriteError } from "./messages";
import { supportsCopyFrom, supportsPageLayout, supportsRangeAreas } from "./requirements";

/** Runs one batch against Excel; `Excel.run` in the add-in, a fake context in tests. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Payload per request we allow ourselves: Excel on the web refuses requests above 5 MB. */
export const MAX_REQUEST_BYTES = 4_000_000;
/** Estimated response per sync we allow ourselves: Excel on the web refuses responses above 5 MB too. */
export const MAX_RESPONSE_BYTES = 4_000_000;

export interface OfficeWorkbookOptions {
  /** Use worksheet.getRanges (ExcelApi 1.9) for formats; default: whether Excel supports it. */
  useRangeAreas?: boolean;
  /** Apply print setup through worksheet.pageLayout (ExcelApi 1.9); default: whether Excel supports it. */
  usePageLayout?: boolean;
  /** Copy a rebuilt sheet onto the old one with Range.copyFrom (ExcelApi 1.9); default: whether Excel supports it. */
  useCopyFrom?: boolean;
  /** Estimated payload per sync above which writes are split (default MAX_REQUEST_BYTES). */
  maxRequestBytes?: number;
  /** Estimated response per sync above which reads are split (default MAX_RESPONSE_BYTES). */
  maxResponseBytes?: number;
}

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


const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));
const MARKER_COMMENT = "KBR budsjett: marks this sheet as generated (do not delete)";
const ANCHOR_COMMENT = "KBR budsjett: moved by every build, link to it instead of the cell";
/** Small fixed cost per API call in the payload estimate (the call's JSON envelope). */
const CALL_BYTES = 200;
/** Input tables whose bodies are read: core's list, so a new table there is read too. */
// The follow-up's optional tables (Regnskap, Timer, Forklaringer) are input tables too.
const INPUT_TABLES: readonly string[] = [...Object.values(TABLES), ...Object.values(FOLLOWUP_TABLES)].map((t) => t.name);
const isInputTable = (name: string) => INPUT_TABLES.some((n) => nameKey(n) === nameKey(name));

interface SheetInfo {
  name: string;
  id: string;
  position: number;
  proxy: Excel.Worksheet;
}

interface State {
  sheets: SheetInfo[];
  tables: { name: string; proxy: Excel.Table }[];
  names: { name: string; type: string; value: unknown }[];
  /** Chart names on our generated sheets, by sheet id (loaded before a rebuild replaces them in place). */
  charts: Map<string, string[]>;
}

function findSheet(state: Pick<State, "sheets">, name: string): SheetInfo | undefined {
  return state.sheets.find((s) => same(s.name, name));
}

/** True when the marker name of `sheet` exists and refers to a sheet of that name. */
function isMarked(state: Pick<State, "names">, sheet: string): boolean {
  const mk = markerName(sheet);
  const item = state.names.find((n) => same(n.name, mk));
  if (!item || typeof item.value !== "string") return false;
  const ref = splitSheet(item.value);
  return ref.sheet !== null && same(ref.sheet, sheet);
}

async function loadState(ctx: Excel.RequestContext): Promise<State> {
  const sheets = ctx.workbook.worksheets.load("items/name,items/id,items/position");
  const tables = ctx.workbook.tables.load("items/name");
  const names = ctx.workbook.names.load("items/name,items/type,items/value");
  await ctx.sync();
  return {
    sheets: sheets.items.map((s) => ({ name: s.name, id: s.id, position: s.position, proxy: s })),
    tables: tables.items.map((t) => ({ name: t.name, proxy: t })),
    names: names.items.map((n) => ({ name: n.name, type: String(n.type), value: n.value })),
    charts: new Map(),
  };
}

function statusOf(state: State, names: readonly string[]): Record<string, SheetStatus> {
  const out: Record<string, SheetStatus> = {};
  for (const n of names) out[n] = !findSheet(state, n) ? "absent" : isMarked(state, n) ? "generated" : "user";
  return out;
}

/**
 * Queues the load of chart names on our sheets among `names` that the state does not know yet;
 * the returned function stores them in the state after the next sync (null: nothing queued).
 */
function queueChartNames(state: State, names: readonly string[]): (() => void) | null {
  const queued = names
    .map((n) => findSheet(state, n))
    .filter((s): s is SheetInfo => s !== undefined && isMarked(state, s.name) && !state.charts.has(s.id))
    .map((s) => ({ s, charts: s.proxy.charts.load("items/name") }));
  if (queued.length === 0) return null;
  return () => {
    for (const { s, charts } of queued) state.charts.set(s.id, charts.items.map((c) => c.name));
  };
}

// ------------------------------------------------------------------ reading in row blocks

/** First guesses of the response per cell, before a row was read (JSON, conservative). */
const TABLE_CELL_BYTES = 64; // values + valueTypes + numberFormat of an input cell
const SHEET_CELL_BYTES = 200; // values + formulas of a generated cell (helper formulas are long)

/** The body of one table or sheet, read in row blocks. */
interface ReadJob {
  /** What it is, for messages. */
  sheet: string;
  /** Absolute rectangle on its sheet. */
  rect: Rect;
  props: readonly string[];
  range: (r: Rect) => Excel.Range;
  /** Current estimate of one row's response, in bytes. */
  rowBytes: number;
  /** Rows read so far. */
  done: number;
  /** Per property, the rows read so far. */
  rows: Record<string, unknown[][]>;
}

function readJob(sheet: string, rect: Rect, props: readonly string[], range: (r: Rect) => Excel.Range, cellBytes: number): ReadJob {
  const rows: Record<string, unknown[][]> = {};
  for (const p of props) rows[p] = [];
  return { sheet, rect, props, range, rowBytes: cellBytes * (rect.right - rect.left + 1), done: 0, rows };
}

const heightOf = (r: Rect) => r.bottom - r.top + 1;

/** True when Excel refused a response as too large (OfficeExtension.Error code). */
function responseTooLarge(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || (e instanceof Error && e.message.includes("ResponsePayloadSizeLimitExceeded"));
}

/**
 * Reads every job's rows: each sync loads as many row blocks (of one or more jobs) as the
 * estimates fit into `maxBytes`. After a sync the estimate of a job becomes its largest row
 * read so far plus a quarter; a refused response doubles the estimates of the jobs in it.
 */
async function readBlocks(ctx: Excel.RequestContext, jobs: readonly ReadJob[], maxBytes: number): Promise<void> {
  for (;;) {
    let budget = maxBytes;
    const queued: { job: ReadJob; from: number; to: number; range: Excel.Range }[] = [];
    fill: for (const job of jobs) {
      const h = heightOf(job.rect);
      let at = job.done;
      while (at < h) {
        const fit = Math.floor(budget / job.rowBytes);
        if (fit < 1 && queued.length > 0) break fill;
        const n = Math.min(h - at, Math.max(1, fit));
        const rect = { ...job.rect, top: job.rect.top + at, bottom: job.rect.top + at + n - 1 };
        queued.push({ job, from: at, to: at + n, range: job.range(rect).load(job.props.join(",")) });
        budget -= n * job.rowBytes;
        at += n;
        if (budget <= 0) break fill;
      }
    }
    if (queued.length === 0) return;
    try {
      await ctx.sync();
    } catch (e) {
      if (!responseTooLarge(e)) throw e;
      if (queued.length === 1 && queued[0].to - queued[0].from === 1) {
        const { job, from } = queued[0];
        throw new ReadError(both(EXCEL_MESSAGES.rowTooLarge, { sheet: job.sheet, row: job.rect.top + from + 1 }), e);
      }
      for (const { job } of queued) job.rowBytes *= 2;
      continue;
    }
    const largest = new Map<ReadJob, number>();
    for (const { job, from, to, range } of queued) {
      const got = job.props.map((p) => (range as unknown as Record<string, unknown[][]>)[p]);
      for (let i = 0; i < to - from; i++) {
        let bytes = 0;
        job.props.forEach((p, k) => {
          const row = got[k][i] ?? [];
          job.rows[p].push(row);
          bytes += JSON.stringify(row).length + 1;
        });
        largest.set(job, Math.max(largest.get(job) ?? 0, bytes));
      }
      job.done = to;
    }
    for (const [job, bytes] of largest) job.rowBytes = Math.ceil(bytes * 1.25) + 16;
  }
}

interface TableDims {
  name: string;
  sheet: Excel.Worksheet;
  header: Excel.Range;
  body: Excel.Range;
}

/** Queues the dimensions (header address and texts, body address) of the input tables among `tables`. */
function queueTableDims(tables: readonly { name: string; proxy: Excel.Table }[]): TableDims[] {
  return tables
    .filter((t) => isInputTable(t.name))
    .map((t) => ({
      name: t.name,
      sheet: t.proxy.worksheet.load("name"),
      header: t.proxy.getHeaderRowRange().load("address,values"),
      body: t.proxy.getDataBodyRange().load("address"),
    }));
}

/** After the dimensions' sync: one read job per table, and the function that gives the tables once read. */
function tableJobs(dims: readonly TableDims[]): { jobs: ReadJob[]; result: () => TableData[] } {
  const parts = dims.map((d) => {
    const rect = parseRect(d.body.address) ?? { top: 0, left: 0, bottom: -1, right: -1 };
    const job = readJob(d.sheet.name, rect, ["values", "valueTypes", "numberFormat"], (r) => d.sheet.getRange(rectA1(r)), TABLE_CELL_BYTES);
    return { d, job };
  });
  return {
    jobs: parts.map((p) => p.job),
    result: () =>
      parts.map(({ d, job }): TableData => {
        const rect = parseRect(d.header.address);
        const headers = (d.header.values[0] ?? []).map((h) => String(h));
        const { values, valueTypes, numberFormat } = job.rows;
        const rows = values.map((row, r) => headers.map((_, c) => fromOffice(row[c], valueTypes[r]?.[c] as ValueType, numberFormat[r]?.[c])));
        return { name: d.name, sheet: d.sheet.name, top: rect?.top ?? 0, left: rect?.left ?? 0, headers, rows };
      }),
  };
}

/** Queues the used-range address of each named sheet (once per sheet). */
function queueSheetDims(sheets: readonly { name: string; proxy: Excel.Worksheet }[], names: readonly string[]) {
  const found: { name: string; proxy: Excel.Worksheet; used: Excel.Range }[] = [];
  for (const n of names) {
    const ws = sheets.find((s) => same(s.name, n));
    if (!ws || found.some((f) => same(f.name, ws.name))) continue;
    found.push({ name: ws.name, proxy: ws.proxy, used: ws.proxy.getUsedRangeOrNullObject().load("address") });
  }
  return found;
}

/**
 * After the dimensions' sync: one read job per non-empty sheet. Generated sheets hold no dates
 * and the check tells an error from a text by the text, so only values and formulas are loaded
 * (no numberFormat, no valueTypes: fromOffice goes by the text then).
 */
function sheetJobs(found: ReturnType<typeof queueSheetDims>): { jobs: ReadJob[]; result: () => SheetData[] } {
  const parts = found.map((f) => {
    const rect = f.used.isNullObject ? null : parseRect(f.used.address);
    return { f, rect, job: rect ? readJob(f.name, rect, ["values", "formulas"], (r) => f.proxy.getRange(rectA1(r)), SHEET_CELL_BYTES) : null };
  });
  return {
    jobs: parts.flatMap((p) => (p.job ? [p.job] : [])),
    result: () =>
      parts.map(({ f, rect, job }): SheetData => {
        if (!rect || !job) return { name: f.name, rows: [] };
        // Rows count from A1, as the contract says: pad above and to the left of the used range.
        const rows: SheetCell[][] = [];
        for (let r = 0; r < rect.top; r++) rows.push([]);
        const { values, formulas } = job.rows;
        values.forEach((vals, i) => {
          const row: SheetCell[] = [];
          for (let c = 0; c < rect.left; c++) row.push({ value: null });
          vals.forEach((v, j) => {
            const cell: SheetCell = { value: fromOffice(v) };
            const fx = formulas[i]?.[j];
            if (typeof fx === "string" && fx.startsWith("=")) cell.formula = fx;
            row.push(cell);
          });
          rows.push(row);
        });
        return { name: f.name, rows };
      }),
  };
}

// ------------------------------------------------------------------ validation (pure)

function validSheetName(name: string): boolean {
  return name.length >= 1 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && !same(name, "History");
}

function validTableName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  // Names that read as cell references (A1, R1C1, R, C) are refused by Excel.
  return !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]$/.test(name) && !/^[Rr]\d*[Cc]\d*$/.test(name);
}

export function tableRect(t: TableData): Rect {
  return { top: t.top, left: t.left, bottom: t.top + t.rows.length, right: t.left + t.headers.length - 1 };
}

/** Checks plans and tables before anything is sent; throws a WriteError naming the bad part. */
export function validateWrite(plans: readonly SheetPlan[], tables: readonly TableData[]): void {
  const fail = (texts: Record<Locale, string>): never => {
    throw new WriteError(texts);
  };
  const seen = new Set<string>();
  for (const p of plans) {
    if (!validSheetName(p.name)) fail(both(EXCEL_MESSAGES.badSheetName, { sheet: p.name }));
    for (const key of [p.name.toLocaleLowerCase(), markerName(p.name).toLowerCase()]) {
      if (seen.has(key)) fail(both(EXCEL_MESSAGES.duplicateSheet, { sheet: p.name }));
      seen.add(key);
    }
    for (const c of [...p.cells, ...(p.names ?? [])]) {
      if (!(Number.isInteger(c.row) && Number.isInteger(c.col) && c.row >= 0 && c.col >= 0 && c.row < MAX_ROWS && c.col < MAX_COLS)) {
        fail(both(EXCEL_MESSAGES.cellOutOfGrid, { sheet: p.name, row: c.row, col: c.col }));
      }
    }
    for (const n of p.names ?? []) {
      // Anchors are ASCII names that cannot be read as a cell (validTableName's rule) nor as a marker.
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(n.name) || !validTableName(n.name) || n.name.toUpperCase().startsWith(markerName("").toUpperCase())) {
        fail(both(EXCEL_MESSAGES.badAnchor, { name: n.name, sheet: p.name }));
      }
      if (seen.has(`name:${n.name.toLowerCase()}`)) fail(both(EXCEL_MESSAGES.badAnchor, { name: n.name, sheet: p.name }));
      seen.add(`name:${n.name.toLowerCase()}`);
    }
  }
  const tableNames = new Set<string>();
  for (const t of tables) {
    if (!validTableName(t.name)) fail(both(EXCEL_MESSAGES.badTableName, { table: t.name }));
    if (tableNames.has(t.name.toLowerCase())) fail(both(WRITE_REFUSALS.tableExists, { table: t.name }));
    tableNames.add(t.name.toLowerCase());
    if (!validSheetName(t.sheet)) fail(both(EXCEL_MESSAGES.badSheetName, { sheet: t.sheet }));
    if (plans.some((p) => same(p.name, t.sheet))) fail(both(EXCEL_MESSAGES.tableOnGeneratedSheet, { table: t.name, sheet: t.sheet }));
    const heads = new Set<string>();
    t.headers.forEach((h, i) => {
      const k = String(h).trim().toLowerCase();
      if (k === "" || heads.has(k)) fail(both(EXCEL_MESSAGES.badHeader, { table: t.name, column: i + 1 }));
      heads.add(k);
    });
    if (t.headers.length === 0) fail(both(EXCEL_MESSAGES.badHeader, { table: t.name, column: 1 }));
    t.rows.forEach((r, i) => {
      if (r.length > t.headers.length) fail(both(EXCEL_MESSAGES.badRowLength, { table: t.name, row: i + 1, got: r.length, want: t.headers.length }));
    });
    const r = tableRect(t);
    if (!(Number.isInteger(t.top) && Number.isInteger(t.left) && r.top >= 0 && r.left >= 0 && r.bottom < MAX_ROWS && r.right < MAX_COLS)) {
      fail(both(EXCEL_MESSAGES.cellOutOfGrid, { sheet: t.sheet, row: t.top, col: t.left }));
    }
  }
  // Two new tables may share a sheet but not cells.
  tables.forEach((a, i) =>
    tables.slice(i + 1).forEach((b) => {
      if (same(a.sheet, b.sheet) && overlaps(tableRect(a), tableRect(b))) {
        fail(both(EXCEL_MESSAGES.tableAreaInUse, { table: b.name, address: `${quoteSheet(b.sheet)}!${rectA1(tableRect(b))}` }));
      }
    }),
  );
}

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

// ------------------------------------------------------------------ the adapter

/** One generated sheet of a write: its plan, layout and temporary names. */
interface Target {
  plan: SheetPlan;
  lay: SheetLayout;
  /** The marked sheet this one replaces in place (absent: a new sheet, the temporary one renamed). */
  old?: SheetInfo;
  /** Name while being written, and once complete. */
  pending: string;
  done: string;
}

/** Worksheet proxies for the swap, from the batch that runs it. */
interface SwapSheets {
  /** The complete temporary sheet (null when recovery finds it already swapped); called when steps apply. */
  temp: (() => Excel.Worksheet) | null;
  /** The old sheet for an in-place swap, or the final sheet once renamed (recovery). */
  final: (() => Excel.Worksheet) | null;
  /** Charts on the final sheet now (the ones named KBR_… are removed before ours is drawn). */
  charts: readonly string[];
}

export class OfficeWorkbook implements WorkbookPort {
  private readonly useRangeAreas: boolean;
  private readonly usePageLayout: boolean;
  private readonly useCopyFrom: boolean;
  private readonly maxRequestBytes: number;
  private readonly maxResponseBytes: number;

  constructor(
    private readonly run: BatchRunner = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.useRangeAreas = options.useRangeAreas ?? supportsRangeAreas();
    this.usePageLayout = options.usePageLayout ?? supportsPageLayout();
    this.useCopyFrom = options.useCopyFrom ?? supportsCopyFrom();
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  }

  /** The input tables (core's TABLES), never another table. */
  async readTables(): Promise<TableData[]> {
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables.load("items/name");
      await ctx.sync();
      const dims = queueTableDims(tables.items.map((t) => ({ name: t.name, proxy: t })));
      if (dims.length === 0) return [];
      await ctx.sync();
      const read = tableJobs(dims);
      await readBlocks(ctx, read.jobs, this.maxResponseBytes);
      return read.result();
    });
  }

  async readSheets(names: readonly string[]): Promise<SheetData[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      const found = queueSheetDims(
        sheets.items.map((s) => ({ name: s.name, proxy: s })),
        names,
      );
      if (found.length === 0) return [];
      await ctx.sync();
      const read = sheetJobs(found);
      await readBlocks(ctx, read.jobs, this.maxResponseBytes);
      return read.result();
    });
  }

  async sheetStatus(names: readonly string[]): Promise<Record<string, SheetStatus>> {
    return this.run(async (ctx) => statusOf(await loadState(ctx), names));
  }

  /**
   * The input tables, the status of `names`, and those of them that are ours (a user's sheet
   * under a generated name is never read), in one Excel.run: state, dimensions, bodies.
   */
  async readAll(names: readonly string[]): Promise<WorkbookSnapshot> {
    return this.run(async (ctx) => {
      const state = await loadState(ctx);
      const status = statusOf(state, names);
      const dims = queueTableDims(state.tables);
      const found = queueSheetDims(
        state.sheets,
        names.filter((n) => status[n] === "generated"),
      );
      if (dims.length > 0 || found.length > 0) await ctx.sync();
      const tables = tableJobs(dims);
      const sheets = sheetJobs(found);
      await readBlocks(ctx, [...tables.jobs, ...sheets.jobs], this.maxResponseBytes);
      return { tables: tables.result(), status, sheets: sheets.result() };
    });
  }

  /**
   * The whole build in one Excel.run: state (sync 1), the input tables' dimensions and the chart
   * names of our sheets (sync 2), their bodies (sync 3, more for big tables), the planner in
   * between, and write()'s writes on that state. Nothing can change the workbook between the
   * syncs of one batch but the user, the same as between write()'s own syncs.
   */
  async update<R extends WriteRequest | null>(names: readonly string[], planner: UpdatePlanner<R>): Promise<R> {
    return this.run(async (ctx) => {
      const state = await loadState(ctx);
      const dims = queueTableDims(state.tables);
      const charts = queueChartNames(state, names);
      if (dims.length > 0 || charts) await ctx.sync();
      charts?.();
      const read = tableJobs(dims);
      await readBlocks(ctx, read.jobs, this.maxResponseBytes);
      const result = await planner(read.result(), statusOf(state, names));
      if (wantsWrite(result)) await this.writeVia((batch) => batch(ctx), result.plans, result.inputTables, state);
      return result;
    });
  }

  async write(plans: readonly SheetPlan[], inputTables: readonly TableData[] = []): Promise<void> {
    return this.writeVia(this.run, plans, inputTables);
  }

  /** write() within `run`; `loaded` is the state when update() read it in the same batch already. */
  private async writeVia(run: BatchRunner, plans: readonly SheetPlan[], inputTables: readonly TableData[] = [], loaded?: State): Promise<void> {
    validateWrite(plans, inputTables);
    const targets: Target[] = [];
    let swapTried = false;
    const failure = await run(async (ctx): Promise<{ before: State; cause: unknown } | null> => {
      let state: State;
      try {
        state = loaded ?? (await loadState(ctx));
      } catch (e) {
        throw new WriteError(both(EXCEL_MESSAGES.readStateFailed, { reason: reasonOf(e) }), [], [], e);
      }
      for (const p of plans) {
        const old = findSheet(state, p.name);
        if (old && !isMarked(state, p.name)) throw new WriteError(both(WRITE_REFUSALS.userSheet, { sheet: old.name }));
      }
      for (const t of inputTables) {
        if (state.tables.some((x) => same(x.name, t.name))) throw new WriteError(both(WRITE_REFUSALS.tableExists, { table: t.name }));
        // Tables and defined names share one namespace: Excel would refuse the table's name.
        if (state.names.some((n) => same(n.name, t.name))) throw new WriteError(both(WRITE_REFUSALS.nameExists, { table: t.name }));
        const gen = findSheet(state, t.sheet);
        if (gen && isMarked(state, gen.name)) throw new WriteError(both(EXCEL_MESSAGES.tableOnGeneratedSheet, { table: t.name, sheet: gen.name }));
      }
      const charts = queueChartNames(
        state,
        plans.map((p) => p.name),
      );
      const titleFree = await this.checkTableAreas(ctx, state, inputTables, charts !== null);
      charts?.();

      const taken = new Set(state.sheets.map((s) => s.name.toLocaleLowerCase()));
      for (const t of inputTables) taken.add(t.sheet.toLocaleLowerCase());
      const free = (base: string) => {
        const name = base.slice(0, 31);
        if (taken.has(name.toLocaleLowerCase())) return null;
        taken.add(name.toLocaleLowerCase());
        return name;
      };
      const crossRefs = sheetRefPattern(plans.map((p) => p.name));
      const blockBytes = Math.max(1, this.maxRequestBytes - 10 * CALL_BYTES);
      for (const p of plans) {
        let n = 1;
        let pending: string | null = null;
        let done: string | null = null;
        while (!pending || !done) {
          pending = free(`~kbr${n} ${p.name}`);
          done = pending ? free(`~kbr${n}+ ${p.name}`) : null;
          n++;
        }
        targets.push({ plan: p, lay: layoutSheet(p, crossRefs, blockBytes), old: findSheet(state, p.name), pending, done });
      }

      const { steps, swapAt } = this.planSteps(ctx, state, targets, inputTables, titleFree);
      try {
        let at = 0;
        for (const batch of packBatches(steps, this.maxRequestBytes)) {
          // Each sync ends the suspension, so every batch asks again.
          ctx.application.suspendApiCalculationUntilNextSync();
          for (const s of batch) s.apply();
          if (at + batch.length > swapAt) swapTried = true;
          at += batch.length;
          await ctx.sync();
        }
        return null;
      } catch (e) {
        return { before: state, cause: e };
      }
    });
    if (failure) throw await this.recover(failure.before, targets, inputTables, failure.cause, swapTried);
  }

  /**
   * Input tables going onto existing sheets need a free area (no values, no other table).
   * Returns the tables whose title cell (above the header) is free too; a taken one is left as
   * it is and the title skipped. Syncs only when some table goes onto an existing sheet, or when
   * `mustSync` (other loads are queued).
   */
  private async checkTableAreas(ctx: Excel.RequestContext, state: State, tables: readonly TableData[], mustSync: boolean): Promise<Set<TableData>> {
    const titleCell = (t: TableData): Rect => ({ top: t.top - 1, bottom: t.top - 1, left: t.left, right: t.left });
    // A title never goes into another new table.
    const candidates = tables.filter((t) => t.title && t.top > 0 && !tables.some((o) => same(o.sheet, t.sheet) && overlaps(tableRect(o), titleCell(t))));
    const free = new Set(candidates.filter((t) => !findSheet(state, t.sheet)));
    const onExisting = tables
      .map((t) => ({ t, sheet: findSheet(state, t.sheet) }))
      .filter((x): x is { t: TableData; sheet: SheetInfo } => x.sheet !== undefined);
    if (onExisting.length === 0) {
      if (mustSync) await ctx.sync();
      return free;
    }
    const areas = onExisting.map(({ t, sheet }) => ({
      t,
      sheet,
      range: sheet.proxy.getRange(rectA1(tableRect(t))).load("formulas"),
      title: candidates.includes(t) ? sheet.proxy.getRange(rectA1(titleCell(t))).load("formulas") : null,
    }));
    const others = state.tables.map((x) => x.proxy.getRange().load("address"));
    await ctx.sync();
    const inOther = (sheet: SheetInfo, r: Rect) =>
      others.some((o) => {
        const { sheet: s } = splitSheet(o.address);
        const rect = parseRect(o.address);
        return s !== null && rect !== null && same(s, sheet.name) && overlaps(rect, r);
      });
    const blank = (range: Excel.Range) => !range.formulas.some((row) => row.some((v) => v !== "" && v !== null));
    for (const { t, sheet, range, title } of areas) {
      const address = `${quoteSheet(sheet.name)}!${rectA1(tableRect(t))}`;
      if (!blank(range) || inOther(sheet, tableRect(t))) throw new WriteError(both(EXCEL_MESSAGES.tableAreaInUse, { table: t.name, address }));
      if (title && blank(title) && !inOther(sheet, titleCell(t))) free.add(t);
    }
    return free;
  }

  /** The steps that write one input table (one step: a table is small next to the sheets). */
  private tableStep(ctx: Excel.RequestContext, state: State, t: TableData, titleFree: ReadonlySet<TableData>, newSheets: Map<string, Excel.Worksheet>): Step {
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
        const key = t.sheet.toLocaleLowerCase();
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
  private cellSteps(ws: () => Excel.Worksheet, lay: SheetLayout): Step[] {
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
  private layoutStep(ws: () => Excel.Worksheet, t: Pick<Target, "plan" | "lay">): Step {
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

  /** Our chart, drawn on `ws()` after removing the charts of ours among `existing`. */
  private chartStep(ws: () => Excel.Worksheet, p: SheetPlan, existing: readonly string[]): Step | null {
    const chart = p.chart;
    const ours = existing.filter(isOurChart);
    if (!chart && ours.length === 0) return null;
    return {
      bytes: CALL_BYTES * (4 + ours.length + 4 * (chart?.series.length ?? 0)),
      apply: () => {
        for (const n of ours) ws().charts.getItem(n).delete();
        if (chart) this.addChart(ws(), p.name, chart);
      },
    };
  }

  /**
   * Every write as ordered steps, and the index of the first step of the swap (before it, the
   * old sheets are untouched). Nothing is sent until the steps are applied.
   */
  private planSteps(
    ctx: Excel.RequestContext,
    state: State,
    targets: readonly Target[],
    tables: readonly TableData[],
    titleFree: ReadonlySet<TableData>,
  ): { steps: Step[]; swapAt: number } {
    const steps: Step[] = [];
    const wb = ctx.workbook;

    // 1. Input tables first: the generated formulas refer to them.
    const newSheets = new Map<string, Excel.Worksheet>();
    for (const t of tables) steps.push(this.tableStep(ctx, state, t, titleFree, newSheets));

    // 2. Each generated sheet, complete, under its temporary name; then all renamed as complete.
    const temps: Excel.Worksheet[] = [];
    targets.forEach((t, i) => {
      steps.push({ bytes: CALL_BYTES, apply: () => void (temps[i] = wb.worksheets.add(t.pending)) });
      steps.push(...this.cellSteps(() => temps[i], t.lay));
      if (!t.old) {
        // A new sheet is this one renamed: it needs its layout, and its chart unless that waits
        // for formulas written after the swap (a chart over blank cells would start empty).
        steps.push(this.layoutStep(() => temps[i], t));
        if (t.lay.deferred.length === 0) {
          const c = this.chartStep(() => temps[i], t.plan, []);
          if (c) steps.push(c);
        }
      }
    });
    steps.push({
      bytes: CALL_BYTES * targets.length,
      apply: () => targets.forEach((t, i) => void (temps[i].name = t.done)),
    });

    // 3.-5. The swap: only now is anything of the old generated sheets touched.
    const swapAt = steps.length;
    steps.push(
      ...this.swapSteps(
        ctx,
        state,
        targets,
        targets.map((t, i) => {
          const old = t.old?.proxy;
          return { temp: () => temps[i], final: old ? () => old : null, charts: t.old ? (state.charts.get(t.old.id) ?? []) : [] };
        }),
      ),
    );
    return { steps, swapAt };
  }

  /**
   * The swap, and what follows it: in place for old sheets (clear, copy, layout), a rename for
   * new ones; then formulas naming a generated sheet, charts, anchors, and the temporary sheets
   * deleted. Written so that running it again on what is left after a failure finishes the job
   * (recovery): a target without a temporary sheet was swapped already.
   */
  private swapSteps(ctx: Excel.RequestContext, state: Pick<State, "names">, targets: readonly Target[], sheets: readonly SwapSheets[]): Step[] {
    const wb = ctx.workbook;
    const steps: Step[] = [];
    const finals: Excel.Worksheet[] = [];
    const late: Step[] = [];
    const final = (i: number) => () => finals[i];
    targets.forEach((t, i) => {
      const s = sheets[i];
      const fin = final(i);
      if (s.final && s.temp && t.old) {
        // In place: the sheet keeps its identity, so every reference to it keeps working.
        const getWs = s.final;
        const temp = s.temp;
        steps.push({
          bytes: CALL_BYTES * 6,
          apply: () => {
            const ws = (finals[i] = getWs());
            const all = ws.getRange();
            all.clear();
            all.format.useStandardWidth = true;
            all.format.useStandardHeight = true;
            all.columnHidden = false;
            ws.freezePanes.unfreeze();
          },
        });
        const blocks = t.lay.blocks;
        if (blocks.length > 0 && this.useCopyFrom) {
          const rect = { top: 0, left: 0, bottom: blocks[blocks.length - 1].rect.bottom, right: Math.max(...blocks.map((b) => b.rect.right)) };
          steps.push({ bytes: CALL_BYTES * 2, apply: () => fin().getRange(rectA1(rect)).copyFrom(temp().getRange(rectA1(rect)), "All", false, false) });
        } else {
          steps.push(...this.cellSteps(fin, t.lay));
        }
        steps.push(this.layoutStep(fin, t));
        const c = this.chartStep(fin, t.plan, s.charts);
        if (c) late.push(c);
      } else if (s.temp && !s.final) {
        // New: the complete temporary sheet becomes it (its chart came with it unless late).
        const getTemp = s.temp;
        const mk = markerName(t.plan.name);
        steps.push({
          bytes: CALL_BYTES * 3,
          apply: () => {
            const temp = (finals[i] = getTemp());
            if (state.names.some((n) => same(n.name, mk))) wb.names.getItem(mk).delete();
            temp.name = t.plan.name;
            wb.names.add(mk, temp.getRange("A1"), MARKER_COMMENT);
          },
        });
        if (t.lay.deferred.length > 0) {
          const c = this.chartStep(fin, t.plan, []);
          if (c) late.push(c);
        }
      } else if (s.final && !s.temp) {
        // Swapped already (recovery): only what follows the swap is repeated, the chart redrawn.
        const getWs = s.final;
        steps.push({ bytes: 0, apply: () => void (finals[i] = getWs()) });
        const c = this.chartStep(fin, t.plan, s.charts);
        if (c) late.push(c);
      }
    });

    // Formulas that name a generated sheet, now that the names are final; then the charts.
    targets.forEach((t, i) => {
      if (!sheets[i].final && !sheets[i].temp) return;
      for (const b of t.lay.deferred) steps.push(blockStep(final(i), b));
    });
    steps.push(...late);

    // Anchors: moved in place (users' formulas keep them), added when new, removed when gone.
    const planned = new Set(targets.flatMap((t) => (t.plan.names ?? []).map((n) => n.name.toLowerCase())));
    const ours = new Set(targets.map((t) => t.plan.name.toLowerCase()));
    const stale = state.names.filter((n) => {
      if (!isAnchorName(n.name) || planned.has(n.name.toLowerCase())) return false;
      const ref = typeof n.value === "string" ? splitSheet(n.value).sheet : null;
      return ref !== null && ours.has(ref.toLowerCase());
    });
    const anchors = targets.flatMap((t, i) => (t.plan.names ?? []).map((n) => ({ n, i, sheet: t.plan.name })));
    if (anchors.length > 0 || stale.length > 0) {
      steps.push({
        bytes: CALL_BYTES * (anchors.length + stale.length),
        apply: () => {
          for (const { n, i, sheet } of anchors) {
            if (!finals[i]) continue;
            if (state.names.some((x) => same(x.name, n.name))) wb.names.getItem(n.name).formula = `=${quoteSheet(sheet)}!${a1(n.row, n.col, true)}`;
            else wb.names.add(n.name, finals[i].getRange(a1(n.row, n.col)), ANCHOR_COMMENT);
          }
          for (const n of stale) wb.names.getItem(n.name).delete();
        },
      });
    }

    // Last, the temporary sheets that were copied from.
    targets.forEach((t, i) => {
      const temp = sheets[i].temp;
      if (temp && sheets[i].final && t.old) steps.push({ bytes: CALL_BYTES, apply: () => temp().delete() });
    });
    return steps;
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

  /**
   * After a failed batch: reads what is there now and either removes the temporary sheets
   * (they were not complete, so the swap never began) or repeats the swap from them. Returns the
   * WriteError that says exactly what this write changed.
   */
  private async recover(before: State, targets: readonly Target[], tables: readonly TableData[], cause: unknown, swapTried: boolean): Promise<WriteError> {
    const reason = reasonOf(cause);
    const doneNames = targets.map((t) => t.done);
    try {
      return await this.run(async (ctx) => {
        const state = await loadState(ctx);
        const now = (n: string) => findSheet(state, n);
        const writtenTables = tables.filter((t) => state.tables.some((x) => same(x.name, t.name))).map((t) => t.name);
        const newInputSheets = [...new Set(tables.filter((t) => now(t.sheet) && !findSheet(before, t.sheet)).map((t) => now(t.sheet)!.name))];
        if (!swapTried || targets.some((t) => now(t.pending))) {
          // Step 2 did not finish: the old sheets were not touched; the temporary sheets go.
          const leftover: string[] = [];
          for (const t of targets) {
            for (const n of [t.pending, t.done]) {
              const s = now(n);
              if (s) {
                s.proxy.delete();
                leftover.push(s.name);
              }
            }
          }
          let cleaned = true;
          try {
            await ctx.sync();
          } catch {
            cleaned = false;
          }
          return new WriteError(
            both(EXCEL_MESSAGES.partialWrite, { reason, sheets: newInputSheets, tables: writtenTables, leftover: cleaned ? [] : leftover }),
            newInputSheets,
            writtenTables,
            cause,
          );
        }

        // Every temporary sheet was complete: repeat the swap from those that are left.
        const finals = targets.map((t) => now(t.plan.name));
        const charts = finals.map((f) => (f ? f.proxy.charts.load("items/name") : null));
        await ctx.sync();
        const sheets: SwapSheets[] = targets.map((t, i) => {
          const temp = now(t.done)?.proxy;
          const fin = finals[i]?.proxy;
          return { temp: temp ? () => temp : null, final: fin ? () => fin : null, charts: charts[i]?.items.map((c) => c.name) ?? [] };
        });
        const steps = this.swapSteps(ctx, state, targets, sheets);
        try {
          for (const batch of packBatches(steps, this.maxRequestBytes)) {
            ctx.application.suspendApiCalculationUntilNextSync();
            for (const s of batch) s.apply();
            await ctx.sync();
          }
        } catch (e) {
          const left = doneNames.filter((n) => now(n));
          return new WriteError(
            both(EXCEL_MESSAGES.swapUnfinished, { reason: `${reason}; ${reasonOf(e)}`, sheets: targets.map((t) => t.plan.name), temps: left }),
            targets.map((t) => t.plan.name),
            writtenTables,
            cause,
          );
        }
        const written = [...newInputSheets, ...targets.map((t) => t.plan.name)];
        return new WriteError(both(EXCEL_MESSAGES.partialWrite, { reason, sheets: written, tables: writtenTables, leftover: [] }), written, writtenTables, cause);
      });
    } catch {
      return new WriteError(both(EXCEL_MESSAGES.recoveryFailed, { reason, temps: targets.flatMap((t) => [t.pending, t.done]) }), [], [], cause);
    }
  }
}

/** One block of formulas (and number formats) onto `ws()`. */
function blockStep(ws: () => Excel.Worksheet, b: Block): Step {
  return {
    bytes: b.bytes + CALL_BYTES,
    apply: () => {
      const range = ws().getRange(rectA1(b.rect));
      range.formulas = b.formulas;
      if (b.numberFormats) range.numberFormat = b.numberFormats;
    },
  };
}
