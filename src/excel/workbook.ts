/**
 * The Office.js adapter: a WorkbookPort over the open workbook in Excel (task pane). Same
 * reading and writing as the ExcelJS adapter (src/xlsx), plus the chart ExcelJS cannot draw.
 *
 * Round trips: every `context.sync()` is a round trip to Excel (slow on the web), so a build is
 * planned up front and sent in few batches:
 *   sync 1  read state: sheet names/ids/positions, table names, defined names (markers);
 *   sync 2  only when input tables go onto sheets that exist: are their target areas free?
 *   sync 3  every write: temporary sheets with values, formulas, formats, chart; the swap of
 *           old generated sheets for the new ones; markers; deferred formulas.
 * So write() is 2 syncs and an insert of example tables at most 3, whatever the size, as long as
 * the write fits one request. The task pane's Build uses update(), which reads too, in ONE
 * Excel.run: sync 1 the state above (the tables' names with it), sync 2 every table's header and
 * body (values, types, number formats for dates), then the planner (the engine) runs between
 * syncs, and sync 3 is write()'s sync 3 on the state of sync 1. So a whole build (read, compute,
 * write) is 3 syncs; 4 only if the planner also puts input tables onto existing sheets (their
 * areas are known only after it ran). readAll() (the pane's Check) is 2. Excel on the web refuses requests above 5 MB, so writes are
 * packed into batches of at most `maxRequestBytes` (default 4 MB, estimated as the JSON length of
 * the arrays and addresses sent); above that a build takes 1-2 + ceil(payload / 4 MB) syncs.
 *
 * Excel has no transactions, so the order makes a failure harmless where it can: validate and
 * check names before anything is written; write each new sheet under a temporary name; only when
 * all of them are complete delete the old marked sheets and rename the new ones. A failure
 * before the swap leaves the old sheets as they were (the temporary sheets are removed); a
 * failure after it is reported with exactly the sheets and tables written (WriteError).
 */
import { quoteSheet, splitSheet } from "../core/a1";
import { both, type Locale } from "../core/i18n";
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
  type StyleGroup,
  type ValueType,
} from "./layout";
import { EXCEL_MESSAGES, WriteError } from "./messages";
import { supportsPageLayout, supportsRangeAreas } from "./requirements";

/** Runs one batch against Excel; `Excel.run` in the add-in, a fake context in tests. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Payload per request we allow ourselves: Excel on the web refuses requests above 5 MB. */
export const MAX_REQUEST_BYTES = 4_000_000;

export interface OfficeWorkbookOptions {
  /** Use worksheet.getRanges (ExcelApi 1.9) for formats; default: whether Excel supports it. */
  useRangeAreas?: boolean;
  /** Apply print setup through worksheet.pageLayout (ExcelApi 1.9); default: whether Excel supports it. */
  usePageLayout?: boolean;
  /** Estimated payload per sync above which writes are split (default MAX_REQUEST_BYTES). */
  maxRequestBytes?: number;
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
/** Small fixed cost per API call in the payload estimate (the call's JSON envelope). */
const CALL_BYTES = 200;

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
}

function findSheet(state: State, name: string): SheetInfo | undefined {
  return state.sheets.find((s) => same(s.name, name));
}

/** True when the marker name of `sheet` exists and refers to a sheet of that name. */
function isMarked(state: State, sheet: string): boolean {
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
  };
}

function statusOf(state: State, names: readonly string[]): Record<string, SheetStatus> {
  const out: Record<string, SheetStatus> = {};
  for (const n of names) out[n] = !findSheet(state, n) ? "absent" : isMarked(state, n) ? "generated" : "user";
  return out;
}

/** Queues the reads of whole tables; the returned function gives them after the next sync. */
function queueTableReads(tables: readonly Excel.Table[]): () => TableData[] {
  const parts = tables.map((t) => ({
    name: t.name,
    sheet: t.worksheet.load("name"),
    header: t.getHeaderRowRange().load("address,values"),
    body: t.getDataBodyRange().load("values,valueTypes,numberFormat"),
  }));
  return () =>
    parts.map((p): TableData => {
      const rect = parseRect(p.header.address);
      const headers = (p.header.values[0] ?? []).map((h) => String(h));
      const rows = p.body.values.map((row, r) =>
        headers.map((_, c) => fromOffice(row[c], p.body.valueTypes[r]?.[c] as ValueType, p.body.numberFormat[r]?.[c])),
      );
      return { name: p.name, sheet: p.sheet.name, top: rect?.top ?? 0, left: rect?.left ?? 0, headers, rows };
    });
}

/** Queues the reads of used ranges (once per sheet); the returned function gives them after the next sync. */
function queueSheetReads(sheets: readonly { name: string; proxy: Excel.Worksheet }[], names: readonly string[]): () => SheetData[] {
  const found: { name: string; used: Excel.Range }[] = [];
  for (const n of names) {
    const ws = sheets.find((s) => same(s.name, n));
    if (!ws || found.some((f) => same(f.name, ws.name))) continue;
    found.push({ name: ws.name, used: ws.proxy.getUsedRangeOrNullObject().load("address,values,formulas,valueTypes,numberFormat") });
  }
  return () =>
    found.map(({ name, used }): SheetData => {
      if (used.isNullObject) return { name, rows: [] };
      const rect = parseRect(used.address) ?? { top: 0, left: 0, bottom: -1, right: -1 };
      // Rows count from A1, as the contract says: pad above and to the left of the used range.
      const rows: SheetCell[][] = [];
      for (let r = 0; r < rect.top; r++) rows.push([]);
      used.values.forEach((vals, i) => {
        const row: SheetCell[] = [];
        for (let c = 0; c < rect.left; c++) row.push({ value: null });
        vals.forEach((v, j) => {
          const cell: SheetCell = { value: fromOffice(v, used.valueTypes[i]?.[j] as ValueType, used.numberFormat[i]?.[j]) };
          const f = used.formulas[i]?.[j];
          if (typeof f === "string" && f.startsWith("=")) cell.formula = f;
          row.push(cell);
        });
        rows.push(row);
      });
      return { name, rows };
    });
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
    for (const c of p.cells) {
      if (!(Number.isInteger(c.row) && Number.isInteger(c.col) && c.row >= 0 && c.col >= 0 && c.row < MAX_ROWS && c.col < MAX_COLS)) {
        fail(both(EXCEL_MESSAGES.cellOutOfGrid, { sheet: p.name, row: c.row, col: c.col }));
      }
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
const PAGE_CALLS = 8;

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
  if (f) {
    const all = pl.headersFooters.defaultForAllPages;
    if (f.left) all.leftFooter = f.left;
    if (f.center) all.centerFooter = f.center;
    if (f.right) all.rightFooter = f.right;
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

export class OfficeWorkbook implements WorkbookPort {
  private readonly useRangeAreas: boolean;
  private readonly usePageLayout: boolean;
  private readonly maxRequestBytes: number;

  constructor(
    private readonly run: BatchRunner = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    this.useRangeAreas = options.useRangeAreas ?? supportsRangeAreas();
    this.usePageLayout = options.usePageLayout ?? supportsPageLayout();
    this.maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  }

  async readTables(): Promise<TableData[]> {
    return this.run(async (ctx) => {
      const tables = ctx.workbook.tables.load("items/name");
      await ctx.sync();
      const read = queueTableReads(tables.items);
      await ctx.sync();
      return read();
    });
  }

  async readSheets(names: readonly string[]): Promise<SheetData[]> {
    return this.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load("items/name");
      await ctx.sync();
      const read = queueSheetReads(
        sheets.items.map((s) => ({ name: s.name, proxy: s })),
        names,
      );
      await ctx.sync();
      return read();
    });
  }

  async sheetStatus(names: readonly string[]): Promise<Record<string, SheetStatus>> {
    return this.run(async (ctx) => statusOf(await loadState(ctx), names));
  }

  /** Tables, status and the named sheets present in one Excel.run of 2 syncs (the separate calls take 5). */
  async readAll(names: readonly string[]): Promise<WorkbookSnapshot> {
    return this.run(async (ctx) => {
      const state = await loadState(ctx);
      const tables = queueTableReads(state.tables.map((t) => t.proxy));
      const status = statusOf(state, names);
      const sheets = queueSheetReads(
        state.sheets,
        names.filter((n) => status[n] !== "absent"),
      );
      await ctx.sync();
      return { tables: tables(), status, sheets: sheets() };
    });
  }

  /**
   * The whole build in one Excel.run: state (sync 1), every table (sync 2), the planner in
   * between, and write()'s writes on the state of sync 1 (sync 3, more only above the request
   * limit). Nothing can change the workbook between the syncs of one batch but the user, the
   * same as between write()'s own syncs.
   */
  async update<R extends WriteRequest | null>(names: readonly string[], planner: UpdatePlanner<R>): Promise<R> {
    return this.run(async (ctx) => {
      const state = await loadState(ctx);
      const read = queueTableReads(state.tables.map((t) => t.proxy));
      await ctx.sync();
      const result = await planner(read(), statusOf(state, names));
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
    const temps: string[] = [];
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
      const titleFree = await this.checkTableAreas(ctx, state, inputTables);

      const taken = new Set(state.sheets.map((s) => s.name.toLocaleLowerCase()));
      for (const t of inputTables) taken.add(t.sheet.toLocaleLowerCase());
      for (const p of plans) {
        let n = 1;
        let name: string;
        do name = `~kbr${n++} ${p.name}`.slice(0, 31);
        while (taken.has(name.toLocaleLowerCase()));
        taken.add(name.toLocaleLowerCase());
        temps.push(name);
      }

      const steps = this.planSteps(ctx, state, plans, inputTables, temps, titleFree);
      try {
        for (const batch of packBatches(steps, this.maxRequestBytes)) {
          // Each sync ends the suspension, so every batch asks again.
          ctx.application.suspendApiCalculationUntilNextSync();
          for (const s of batch) s.apply();
          await ctx.sync();
        }
        return null;
      } catch (e) {
        return { before: state, cause: e };
      }
    });
    if (failure) throw await this.recover(failure.before, plans, inputTables, temps, failure.cause);
  }

  /**
   * Input tables going onto existing sheets need a free area (no values, no other table).
   * Returns the tables whose title cell (above the header) is free too; a taken one is left as
   * it is and the title skipped. Reads only when some table goes onto an existing sheet.
   */
  private async checkTableAreas(ctx: Excel.RequestContext, state: State, tables: readonly TableData[]): Promise<Set<TableData>> {
    const titleCell = (t: TableData): Rect => ({ top: t.top - 1, bottom: t.top - 1, left: t.left, right: t.left });
    // A title never goes into another new table.
    const candidates = tables.filter((t) => t.title && t.top > 0 && !tables.some((o) => same(o.sheet, t.sheet) && overlaps(tableRect(o), titleCell(t))));
    const free = new Set(candidates.filter((t) => !findSheet(state, t.sheet)));
    const onExisting = tables
      .map((t) => ({ t, sheet: findSheet(state, t.sheet) }))
      .filter((x): x is { t: TableData; sheet: SheetInfo } => x.sheet !== undefined);
    if (onExisting.length === 0) return free;
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

  /** Every write as ordered steps; nothing is sent until the steps are applied. */
  private planSteps(
    ctx: Excel.RequestContext,
    state: State,
    plans: readonly SheetPlan[],
    tables: readonly TableData[],
    temps: readonly string[],
    titleFree: ReadonlySet<TableData>,
  ): Step[] {
    const steps: Step[] = [];
    const wb = ctx.workbook;

    // 1. Input tables first: the generated formulas refer to them.
    const newSheets = new Map<string, Excel.Worksheet>();
    for (const t of tables) {
      const values = [t.headers.map((h) => textInput(String(h))), ...t.rows.map((r) => t.headers.map((_, i) => tableInput(r[i] ?? null)))];
      const cellFormats = t.rows.map((_, r) => t.headers.map((_, c) => bodyFormat(t, r, c)));
      const anyFormat = cellFormats.some((row) => row.some((f) => f !== null));
      // Header row first: no format (null leaves it as it is).
      const formats = anyFormat ? [t.headers.map(() => null), ...cellFormats] : null;
      const address = rectA1(tableRect(t));
      const title = t.title && titleFree.has(t) ? t.title : null;
      const wrapped = (t.wrapColumns ?? []).map((w, i) => (w ? i : -1)).filter((i) => i >= 0 && i < t.headers.length);
      steps.push({
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
      });
    }

    // 2. Each generated sheet, complete, under its temporary name.
    const crossRefs = sheetRefPattern(plans.map((p) => p.name));
    const blockBytes = Math.max(1, this.maxRequestBytes - 10 * CALL_BYTES);
    const layouts = plans.map((p) => layoutSheet(p, crossRefs, blockBytes));
    const created: Excel.Worksheet[] = [];
    const writeBlock = (i: number, b: Block) => ({
      bytes: b.bytes + CALL_BYTES,
      apply: () => {
        const range = created[i].getRange(rectA1(b.rect));
        range.formulas = b.formulas;
        if (b.numberFormats) range.numberFormat = b.numberFormats;
      },
    });
    const lateCharts: Step[] = [];
    plans.forEach((p, i) => {
      const lay = layouts[i];
      steps.push({ bytes: CALL_BYTES, apply: () => void (created[i] = wb.worksheets.add(temps[i])) });
      for (const b of lay.blocks) steps.push(writeBlock(i, b));
      for (const g of lay.styles) {
        if (this.useRangeAreas) {
          for (const chunk of chunkAddresses(g.addresses)) {
            steps.push({ bytes: chunk.length + CALL_BYTES, apply: () => applyStyle(created[i].getRanges(chunk), g) });
          }
        } else {
          for (const a of g.addresses) steps.push({ bytes: a.length + CALL_BYTES, apply: () => applyStyle(created[i].getRange(a), g) });
        }
      }
      const page = this.usePageLayout ? p.page : undefined;
      steps.push({
        bytes: CALL_BYTES * (2 + lay.widths.length + lay.heights.length + lay.hidden.length + (page ? PAGE_CALLS : 0)),
        apply: () => {
          const ws = created[i];
          for (const w of lay.widths) ws.getRange(w.address).format.columnWidth = w.points;
          for (const h of lay.heights) ws.getRange(h.address).format.rowHeight = h.points;
          for (const h of lay.hidden) ws.getRange(h).columnHidden = true;
          if (p.freezeRows > 0) ws.freezePanes.freezeRows(p.freezeRows);
          if (page) applyPageLayout(ws, page);
        },
      });
      if (p.chart) {
        const chart = p.chart;
        const step = { bytes: CALL_BYTES * (4 + 4 * chart.series.length), apply: () => this.addChart(created[i], chart) };
        // A chart over formulas not yet written would start from blank cells: draw it after them.
        (lay.deferred.length > 0 ? lateCharts : steps).push(step);
      }
    });

    // 3. The swap: only now is anything of the old generated sheets touched.
    steps.push({
      bytes: CALL_BYTES * 5 * plans.length,
      apply: () => {
        plans.forEach((p, i) => {
          // Sheet first, then its marker: should the delete fail, the old sheet stays marked.
          const mk = markerName(p.name);
          const old = findSheet(state, p.name);
          if (old) old.proxy.delete();
          if (state.names.some((n) => same(n.name, mk))) wb.names.getItem(mk).delete();
          created[i].name = p.name;
          if (old) created[i].position = old.position;
          wb.names.add(mk, created[i].getRange("A1"), MARKER_COMMENT);
        });
      },
    });

    // 4. Formulas that name a generated sheet, now that the names are final; then their charts.
    plans.forEach((_, i) => {
      for (const b of layouts[i].deferred) steps.push(writeBlock(i, b));
    });
    steps.push(...lateCharts);
    return steps;
  }

  /** Clustered columns, one series per planned column, categories from the sheet. */
  private addChart(ws: Excel.Worksheet, plan: NonNullable<SheetPlan["chart"]>): void {
    if (plan.series.length === 0) return;
    const col = (c: { fromRow: number; toRow: number; col: number }) => ws.getRange(rectA1({ top: c.fromRow, bottom: c.toRow, left: c.col, right: c.col }));
    const categories = col(plan.categories);
    const chart = ws.charts.add("ColumnClustered", col(plan.series[0]), "Columns");
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
   * After a failed batch: reads what is there now, finishes or removes the temporary sheets, and
   * returns the WriteError that lists exactly what this write changed.
   */
  private async recover(
    before: State,
    plans: readonly SheetPlan[],
    tables: readonly TableData[],
    temps: readonly string[],
    cause: unknown,
  ): Promise<WriteError> {
    const reason = reasonOf(cause);
    try {
      return await this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets.load("items/name,items/id");
        const tbls = ctx.workbook.tables.load("items/name");
        const names = ctx.workbook.names.load("items/name");
        await ctx.sync();
        const now = (n: string) => sheets.items.find((s) => same(s.name, n));
        const written: string[] = [];
        const leftover: string[] = [];
        const finished: string[] = [];
        plans.forEach((p, i) => {
          const cur = now(p.name);
          const tmp = now(temps[i]);
          const old = findSheet(before, p.name);
          if (cur && (!old || cur.id !== old.id)) written.push(cur.name);
          if (!tmp) return;
          if (cur) {
            // The old sheet (or an already swapped new one) stands: the temporary copy goes.
            tmp.delete();
            leftover.push(tmp.name);
          } else {
            // The old sheet is gone but its replacement was not renamed: it is complete, finish it.
            const mk = markerName(p.name);
            if (names.items.some((n) => same(n.name, mk))) ctx.workbook.names.getItem(mk).delete();
            tmp.name = p.name;
            ctx.workbook.names.add(mk, tmp.getRange("A1"), MARKER_COMMENT);
            finished.push(p.name);
          }
        });
        for (const t of tables) {
          const s = now(t.sheet);
          if (s && !findSheet(before, t.sheet) && !written.some((w) => same(w, s.name))) written.push(s.name);
        }
        const writtenTables = tables.filter((t) => tbls.items.some((x) => same(x.name, t.name))).map((t) => t.name);
        let cleaned = true;
        try {
          await ctx.sync();
        } catch {
          cleaned = false;
        }
        if (cleaned) written.push(...finished);
        else leftover.push(...finished.map((_, k) => temps[plans.findIndex((p) => p.name === finished[k])]));
        return new WriteError(
          both(EXCEL_MESSAGES.partialWrite, { reason, sheets: written, tables: writtenTables, leftover: cleaned ? [] : leftover }),
          written,
          writtenTables,
          cause,
        );
      });
    } catch {
      return new WriteError(both(EXCEL_MESSAGES.recoveryFailed, { reason, temps }), [], [], cause);
    }
  }
}
