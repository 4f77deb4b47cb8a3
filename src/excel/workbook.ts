/**
 * The Office.js adapter: a WorkbookPort over the open workbook in Excel (task pane). Same
 * reading and writing as the package writer of `kbr` (src/xlsx): the same sheets, names and chart.
 * This facade holds the options and the order of the syncs; the parts live beside it:
 *   state.ts      the sheets, tables and names of the workbook, and which sheets are ours;
 *   read.ts       bodies read in row blocks under Excel on the web's 5 MB per response;
 *   preflight.ts  plans, tables and names checked before anything is written;
 *   writeSteps.ts every write as a step with its payload, packed into requests under 5 MB;
 *   swap.ts       the rebuild protocol: temporary sheets, the swap in place, and recovery.
 *
 * Round trips (each `context.sync()` is one; slow on the web) when every read and write fits one
 * response/request (the 2009 plan; 357 municipalities × 10 years but for Check, which takes 4):
 *   readTables (pane start)  3: table names; the input tables' dimensions; their bodies.
 *   readAll (Check)          3: state (sheets, tables, names); dimensions; bodies.
 *   update (Build)           5: state; dimensions (+ chart names of our sheets); bodies; the
 *                            planner (the engine) runs, then every write in one sync, and the
 *                            rebuild journal's removal in one of its own (swap.ts says why). One
 *                            more when the planner puts input tables onto existing sheets (areas).
 *   write (insert example)   2-3: state; [areas, chart names]; writes (+1 with generated sheets).
 * Above that each 4 MB adds a sync: at 2 000 municipalities × 20 years a Build takes 11 and a
 * Check 11 (bench/excel.bench.ts). The dimensions need the tables' proxies, which exist only
 * after the state sync: chaining `*OrNullObject` calls would save that sync, but what Excel
 * does with methods called on a null object is not documented. An input table is read by its
 * used rows (read.ts): one over whole columns (`A1:C1048576`) or the whole sheet costs what its
 * filled rows cost, and no sync more (its sheet's used range comes with the dimensions).
 */
import type { UpdatePlanner, WorkbookSnapshot, WriteRequest } from "../core/workbook/types";
import { wantsWrite } from "../core/workbook/update";
import type { SheetData, SheetPlan, SheetStatus, TableData, WorkbookPort } from "../core/workbook/types";
import { MAX_RESPONSE_BYTES, queueSheetDims, queueTableDims, readBlocks, sheetJobs, tableJobs } from "./read";
import { supportsCopyFrom, supportsPageLayout, supportsRangeAreas } from "./requirements";
import { both } from "../core/i18n";
import { EXCEL_MESSAGES, ReadError, WriteError } from "./messages";
import { loadState, queueChartNames, reasonOf, statusOf, type BatchRunner, type State } from "./state";
import { Rebuild } from "./swap";
import { StepWriter } from "./writeSteps";

export type { BatchRunner } from "./state";

/** Payload per request we allow ourselves: Excel on the web refuses requests above 5 MB. */
const MAX_REQUEST_BYTES = 4_000_000;

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

export class OfficeWorkbook implements WorkbookPort {
  private readonly maxResponseBytes: number;
  private readonly rebuild: Rebuild;

  constructor(
    private readonly run: BatchRunner = (batch) => Excel.run(batch),
    options: OfficeWorkbookOptions = {},
  ) {
    const steps = new StepWriter({
      useRangeAreas: options.useRangeAreas ?? supportsRangeAreas(),
      usePageLayout: options.usePageLayout ?? supportsPageLayout(),
      useCopyFrom: options.useCopyFrom ?? supportsCopyFrom(),
      maxRequestBytes: options.maxRequestBytes ?? MAX_REQUEST_BYTES,
    });
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.rebuild = new Rebuild(run, steps);
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
      let state: State;
      let tables: TableData[];
      try {
        state = await loadState(ctx);
        const dims = queueTableDims(state.tables);
        const charts = queueChartNames(state, names);
        if (dims.length > 0 || charts) await ctx.sync();
        charts?.();
        const read = tableJobs(dims);
        await readBlocks(ctx, read.jobs, this.maxResponseBytes);
        tables = read.result();
      } catch (e) {
        // Nothing is written before these reads end: say so (a batch cut here changes nothing).
        if (e instanceof ReadError) throw e;
        throw new WriteError(both(EXCEL_MESSAGES.readStateFailed, { reason: reasonOf(e) }), [], [], e, "unchanged");
      }
      const result = await planner(tables, statusOf(state, names));
      if (wantsWrite(result)) await this.rebuild.write((batch) => batch(ctx), result.plans, result.inputTables, state);
      return result;
    });
  }

  async write(plans: readonly SheetPlan[], inputTables: readonly TableData[] = []): Promise<void> {
    return this.rebuild.write(this.run, plans, inputTables);
  }
}
