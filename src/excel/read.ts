/**
 * Reading the open workbook's bodies in row blocks. The user's workbook is theirs: reads load the
 * bodies of the input tables only (the names in core's TABLES) and of the generated sheets whose
 * marker says they are ours; of everything else at most the names and the address of a table or
 * used range (and, only when a rebuild would clear a table on a generated sheet, the formulas of
 * the other sheets, to find what uses that table). Every response stays under Excel on the web's 5 MB: reads first load the dimensions
 * (a table's header and body address and its sheet's used range, a sheet's used-range address),
 * then the bodies (a table's by its used rows, see tableReadRect) in row
 * blocks, several per sync up to `maxResponseBytes` (default 4 MB). A block's size comes from a
 * conservative estimate per cell (for formulas, whose length varies most, from a first probe of
 * PROBE_ROWS rows), then from the largest row actually read; should Excel still
 * refuse a response as too large (long texts), the estimate is doubled (blocks halved) and the
 * sync retried.
 */
import { both } from "../core/i18n";
import { isInputTable } from "../core/workbook/ownership";
import type { SheetCell, SheetData, TableData } from "../core/workbook/types";
import { withoutTrailingBlankRows } from "../core/workbook/usedRows";
import { parseRect, rectA1, type Rect } from "./a1";
import { fromOffice, type ValueType } from "./layout";
import { EXCEL_MESSAGES, ReadError } from "./messages";
import { same } from "./state";


/** Estimated response per sync we allow ourselves: Excel on the web refuses responses above 5 MB. */
export const MAX_RESPONSE_BYTES = 4_000_000;

/** First guesses of the response per cell, before a row was read (JSON, conservative). */
const TABLE_CELL_BYTES = 64; // values + valueTypes + numberFormat of an input cell
const SHEET_CELL_BYTES = 200; // values + formulas of a generated cell (helper formulas are long)
const FORMULA_CELL_BYTES = 100; // formulas of a user's cell

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
  /**
   * False until rows were read, for a job whose guess per cell can be far off (formulas: a
   * generated sheet's run from 10 to 2 000 characters); an input table's cells are short
   * values, and its guess holds.
   */
  measured: boolean;
  /** Rows read so far. */
  done: number;
  /** Per property, the rows read so far. */
  rows: Record<string, unknown[][]>;
}

function readJob(sheet: string, rect: Rect, props: readonly string[], range: (r: Rect) => Excel.Range, cellBytes: number, probe = false): ReadJob {
  const rows: Record<string, unknown[][]> = {};
  for (const p of props) rows[p] = [];
  return { sheet, rect, props, range, rowBytes: cellBytes * (rect.right - rect.left + 1), measured: !probe, done: 0, rows };
}

const heightOf = (r: Rect) => r.bottom - r.top + 1;

/** Rows of a formula job read before its size is known: a probe; the rest is sized from the rows it read. */
const PROBE_ROWS = 64;

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
export async function readBlocks(ctx: Excel.RequestContext, jobs: readonly ReadJob[], maxBytes: number): Promise<void> {
  for (;;) {
    let budget = maxBytes;
    const queued: { job: ReadJob; from: number; to: number; range: Excel.Range }[] = [];
    fill: for (const job of jobs) {
      const h = heightOf(job.rect);
      let at = job.done;
      while (at < h) {
        const fit = Math.floor(budget / job.rowBytes);
        if (fit < 1 && queued.length > 0) break fill;
        const n = Math.min(h - at, Math.max(1, fit), job.measured ? Infinity : Math.max(1, PROBE_ROWS - at));
        const rect = { ...job.rect, top: job.rect.top + at, bottom: job.rect.top + at + n - 1 };
        queued.push({ job, from: at, to: at + n, range: job.range(rect).load(job.props.join(",")) });
        budget -= n * job.rowBytes;
        at += n;
        if (budget <= 0) break fill;
        if (!job.measured) break;
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
    for (const [job, bytes] of largest) {
      job.rowBytes = Math.ceil(bytes * 1.25) + 16;
      // A probe cut short by the budget (a few title rows) does not size the rest: it goes on.
      job.measured = job.measured || job.done >= Math.min(PROBE_ROWS, heightOf(job.rect));
    }
  }
}

interface TableDims {
  name: string;
  sheet: Excel.Worksheet;
  header: Excel.Range;
  body: Excel.Range;
  /** The sheet's used range, values only (a null object on a sheet without values). */
  used: Excel.Range;
}

/**
 * Queues the dimensions of the input tables among `tables`: the header's and the body's
 * address, and the used range (values only, ExcelApi 1.4) of the table's sheet. The header texts
 * are read with the body: a table over the whole sheet has 16 384 header cells.
 */
export function queueTableDims(tables: readonly { name: string; proxy: Excel.Table }[]): TableDims[] {
  return tables
    .filter((t) => isInputTable(t.name))
    .map((t) => {
      const sheet = t.proxy.worksheet.load("name");
      return {
        name: t.name,
        sheet,
        header: t.proxy.getHeaderRowRange().load("address"),
        body: t.proxy.getDataBodyRange().load("address"),
        used: sheet.getUsedRangeOrNullObject(true).load("address"),
      };
    });
}

/**
 * The part of a table worth reading: its header row and body rows down to the last row of the
 * sheet's used range (values only), its columns up to the last used one. Excel makes a table of
 * `A1:C1048576` when a user formats whole columns as a table: a million rows of which a few hold
 * something. A header cell always holds a value, so the used range covers every header there is.
 */
function tableReadRect(header: Rect, body: Rect | null, used: Rect | null): Rect {
  const bottom = body ? Math.min(body.bottom, used?.bottom ?? -1) : header.top;
  const right = Math.min(header.right, used?.right ?? -1);
  return { top: header.top, left: header.left, bottom: Math.max(header.top, bottom), right: Math.max(header.left, right) };
}

/** After the dimensions' sync: one read job per table, and the function that gives the tables once read. */
export function tableJobs(dims: readonly TableDims[]): { jobs: ReadJob[]; result: () => TableData[] } {
  const parts = dims.map((d) => {
    const header = parseRect(d.header.address) ?? { top: 0, left: 0, bottom: 0, right: 0 };
    const rect = tableReadRect(header, parseRect(d.body.address), d.used.isNullObject ? null : parseRect(d.used.address));
    const job = readJob(d.sheet.name, rect, ["values", "valueTypes", "numberFormat"], (r) => d.sheet.getRange(rectA1(r)), TABLE_CELL_BYTES);
    return { d, rect, job };
  });
  return {
    jobs: parts.map((p) => p.job),
    result: () =>
      parts.map(({ d, rect, job }): TableData => {
        const { values, valueTypes, numberFormat } = job.rows;
        const headers = (values[0] ?? []).map((h) => String(h));
        const rows = values.slice(1).map((row, r) => headers.map((_, c) => fromOffice(row[c], valueTypes[r + 1]?.[c] as ValueType, numberFormat[r + 1]?.[c])));
        // Columns end at the last one with a header or a value in the body, as in kbr (src/xlsx/read/tables.ts).
        let width = headers.length;
        while (width > 0 && headers[width - 1].trim() === "" && rows.every((row) => row[width - 1] === null)) width--;
        if (width < headers.length) {
          headers.length = width;
          for (const row of rows) row.length = width;
        }
        return withoutTrailingBlankRows({ name: d.name, sheet: d.sheet.name, top: rect.top, left: rect.left, headers, rows });
      }),
  };
}

/** Queues the used-range address of each named sheet (once per sheet). */
export function queueSheetDims(sheets: readonly { name: string; proxy: Excel.Worksheet }[], names: readonly string[]) {
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
export function sheetJobs(found: ReturnType<typeof queueSheetDims>): { jobs: ReadJob[]; result: () => SheetData[] } {
  const parts = found.map((f) => {
    const rect = f.used.isNullObject ? null : parseRect(f.used.address);
    return { f, rect, job: rect ? readJob(f.name, rect, ["values", "formulas"], (r) => f.proxy.getRange(rectA1(r)), SHEET_CELL_BYTES, true) : null };
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

/**
 * After the dimensions' sync: one read job per non-empty sheet for its formulas alone, and the
 * function that gives them once read (cells without a formula left out). Only a rebuild that
 * would clear a table on a generated sheet reads the user's sheets so (./preflight).
 */
export function formulaJobs(found: ReturnType<typeof queueSheetDims>): { jobs: ReadJob[]; result: () => string[] } {
  const jobs = found.flatMap((f) => {
    const rect = f.used.isNullObject ? null : parseRect(f.used.address);
    return rect ? [readJob(f.name, rect, ["formulas"], (r) => f.proxy.getRange(rectA1(r)), FORMULA_CELL_BYTES, true)] : [];
  });
  return {
    jobs,
    result: () => jobs.flatMap((j) => j.rows.formulas.flatMap((row) => row.filter((fx): fx is string => typeof fx === "string" && fx.startsWith("=")))),
  };
}
