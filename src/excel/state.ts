/**
 * What a batch knows of the open workbook before it reads or writes anything: its sheets,
 * tables and defined names (names only, never bodies), and which of the sheets are ours (core's
 * rule, src/core/workbook/ownership.ts). Shared by the reads (./read), the checks before a write
 * (./preflight), the write steps and the rebuild protocol (./swap).
 */
import { isMarkerOf, sheetStatus, type WorkbookName } from "../core/workbook/ownership";
import type { SheetStatus } from "../core/workbook/types";
import { sameName } from "../core/names";

/** Runs one batch against Excel; `Excel.run` in the add-in, a fake context in tests. */
export type BatchRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Sheet, table and defined names compare as Excel compares them: core's one rule. */
export const same = sameName;
export const reasonOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface SheetInfo {
  name: string;
  id: string;
  position: number;
  proxy: Excel.Worksheet;
}

export interface State {
  sheets: SheetInfo[];
  tables: { name: string; proxy: Excel.Table }[];
  names: { name: string; type: string; value: unknown }[];
  /** Chart names on our generated sheets, by sheet id (loaded before a rebuild replaces them in place). */
  charts: Map<string, string[]>;
  /** Table names on our generated sheets, by sheet id (loaded with the charts: a rebuild clears them too). */
  sheetTables?: Map<string, string[]>;
}

export function findSheet(state: Pick<State, "sheets">, name: string): SheetInfo | undefined {
  return state.sheets.find((s) => same(s.name, name));
}

/** The workbook-level names as core's ownership rules take them (a name without a text value refers to nothing). */
function workbookNames(state: Pick<State, "names">): WorkbookName[] {
  return state.names.flatMap((n) => (typeof n.value === "string" ? [{ name: n.name, refersTo: n.value }] : []));
}

/** True when the marker name of `sheet` exists and refers to a sheet of that name (core's rule). */
export function isMarked(state: Pick<State, "names">, sheet: string): boolean {
  return workbookNames(state).some((n) => isMarkerOf(n, sheet));
}

export async function loadState(ctx: Excel.RequestContext): Promise<State> {
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

export function statusOf(state: State, names: readonly string[]): Record<string, SheetStatus> {
  return sheetStatus(state.sheets.map((s) => s.name), workbookNames(state), names);
}

/**
 * Queues the load of chart and table names on our sheets among `names` that the state does not
 * know yet; the returned function stores them in the state after the next sync (null: nothing
 * queued).
 */
export function queueChartNames(state: State, names: readonly string[]): (() => void) | null {
  const queued = names
    .map((n) => findSheet(state, n))
    .filter((s): s is SheetInfo => s !== undefined && isMarked(state, s.name) && !state.charts.has(s.id))
    .map((s) => ({ s, charts: s.proxy.charts.load("items/name"), tables: s.proxy.tables.load("items/name") }));
  if (queued.length === 0) return null;
  return () => {
    state.sheetTables ??= new Map();
    for (const { s, charts, tables } of queued) {
      state.charts.set(s.id, charts.items.map((c) => c.name));
      state.sheetTables.set(s.id, tables.items.map((t) => t.name));
    }
  };
}
