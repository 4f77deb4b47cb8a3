/**
 * What is checked before anything is written, so a refused write leaves the workbook as it was:
 * the plans and tables on their own (core's validation, the same as the package writer runs),
 * then against the open workbook (names taken, areas free, no table in use on a sheet the rebuild
 * clears) in the batch that writes. Every refusal carries core's code (src/core/workbook/errors.ts).
 */
import { quoteSheet, splitSheet } from "../core/a1";
import { workbookError, WorkbookError } from "../core/workbook/errors";
import { tableRect } from "../core/workbook/grid";
import { tableInUse } from "../core/workbook/ownership";
import type { SheetPlan, TableData } from "../core/workbook/types";
import { validateWrite as validatePlans } from "../core/workbook/validate";
import { overlaps, parseRect, rectA1, type Rect } from "./a1";
import { WriteError } from "./messages";
import { formulaJobs, MAX_RESPONSE_BYTES, queueSheetDims, readBlocks } from "./read";
import { findSheet, isMarked, queueChartNames, same, type SheetInfo, type State } from "./state";

/**
 * The checks against the open workbook, in the batch that writes, once its state is read: a
 * generated name taken by a user's sheet, a table or defined name taken, an input table planned
 * onto a generated sheet, an input table's area not free, a table in use on a sheet the rebuild
 * clears. Loads the chart names of our sheets on the way (the swap needs them). Returns the
 * tables whose title cell is free.
 */
export async function checkWorkbook(ctx: Excel.RequestContext, state: State, plans: readonly SheetPlan[], inputTables: readonly TableData[]): Promise<Set<TableData>> {
  for (const p of plans) {
    const old = findSheet(state, p.name);
    if (old && !isMarked(state, p.name)) throw WriteError.of(workbookError("userSheet", { sheet: old.name }));
  }
  for (const t of inputTables) {
    if (state.tables.some((x) => same(x.name, t.name))) throw WriteError.of(workbookError("tableExists", { table: t.name }));
    // Tables and defined names share one namespace: Excel would refuse the table's name.
    if (state.names.some((n) => same(n.name, t.name))) throw WriteError.of(workbookError("nameExists", { table: t.name }));
    const gen = findSheet(state, t.sheet);
    if (gen && isMarked(state, gen.name)) throw WriteError.of(workbookError("tableOnGeneratedSheet", { table: t.name, sheet: gen.name }));
  }
  const charts = queueChartNames(
    state,
    plans.map((p) => p.name),
  );
  const titleFree = await checkTableAreas(ctx, state, inputTables, charts !== null);
  charts?.();
  await refuseTablesInUse(ctx, state, plans);
  return titleFree;
}

/**
 * A rebuild clears the generated sheets it replaces, and a table the user put on one goes with
 * the cells (Excel removes a table whose every cell is cleared). When a formula or name still
 * uses such a table, the rebuild is refused naming the table and the sheet, nothing written.
 * Syncs only when a replaced sheet holds a table: then the names' texts and the formulas of the
 * sheets the rebuild keeps are read (in row blocks, like every read).
 */
async function refuseTablesInUse(ctx: Excel.RequestContext, state: State, plans: readonly SheetPlan[]): Promise<void> {
  const onOurs = plans.flatMap((p) => {
    const s = findSheet(state, p.name);
    return s && isMarked(state, s.name) ? (state.sheetTables?.get(s.id) ?? []).map((table) => ({ table, sheet: s.name })) : [];
  });
  if (onOurs.length === 0) return;
  const names = ctx.workbook.names.load("items/name,items/formula");
  const kept = state.sheets.filter((s) => !plans.some((p) => same(p.name, s.name)));
  const found = queueSheetDims(kept, kept.map((s) => s.name));
  await ctx.sync();
  const read = formulaJobs(found);
  await readBlocks(ctx, read.jobs, MAX_RESPONSE_BYTES);
  const texts = [...names.items.map((n) => String(n.formula)), ...read.result()];
  const hit = tableInUse(onOurs, plans, texts);
  if (hit) throw WriteError.of(workbookError("tableInUse", hit));
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
    if (!blank(range) || inOther(sheet, tableRect(t))) throw WriteError.of(workbookError("tableAreaInUse", { table: t.name, address }));
    if (title && blank(title) && !inOther(sheet, titleCell(t))) free.add(t);
  }
  return free;
}

/** Core's plan validation (src/core/workbook/validate.ts), as a WriteError: nothing was written. */
export function validateWrite(plans: readonly SheetPlan[], tables: readonly TableData[]): void {
  try {
    validatePlans(plans, tables);
  } catch (e) {
    throw e instanceof WorkbookError ? WriteError.of(e) : e;
  }
}
