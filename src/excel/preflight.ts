/**
 * What is checked before anything is written, so a refused write leaves the workbook as it was:
 * the plans and tables on their own (pure, before the batch), then against the open workbook
 * (names taken, areas free) in the batch that writes.
 */
import { quoteSheet, splitSheet } from "../core/a1";
import { both, type Locale } from "../core/i18n";
import { markerName } from "../core/workbook/marker";
import { WRITE_REFUSALS } from "../core/workbook/messages";
import type { SheetPlan, TableData } from "../core/workbook/types";
import { MAX_COLS, MAX_ROWS, overlaps, parseRect, rectA1, type Rect } from "./a1";
import { EXCEL_MESSAGES, WriteError } from "./messages";
import { findSheet, isMarked, queueChartNames, same, type SheetInfo, type State } from "./state";

/**
 * The checks against the open workbook, in the batch that writes, once its state is read: a
 * generated name taken by a user's sheet, a table or defined name taken, an input table planned
 * onto a generated sheet, an input table's area not free. Loads the chart names of our sheets on
 * the way (the swap needs them). Returns the tables whose title cell is free.
 */
export async function checkWorkbook(ctx: Excel.RequestContext, state: State, plans: readonly SheetPlan[], inputTables: readonly TableData[]): Promise<Set<TableData>> {
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
  const titleFree = await checkTableAreas(ctx, state, inputTables, charts !== null);
  charts?.();
  return titleFree;
}

/**
 * Input tables going onto existing sheets need a free area (no values, no other table).
 * Returns the tables whose title cell (above the header) is free too; a taken one is left as
 * it is and the title skipped. Syncs only when some table goes onto an existing sheet, or when
 * `mustSync` (other loads are queued).
 */
async function checkTableAreas(ctx: Excel.RequestContext, state: State, tables: readonly TableData[], mustSync: boolean): Promise<Set<TableData>> {
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
