/**
 * The rebuild protocol: how a write replaces generated sheets without losing the user's links.
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
import { a1, quoteSheet } from "../core/a1";
import { both } from "../core/i18n";
import { markerName } from "../core/workbook/marker";
import { ownedName } from "../core/workbook/ownership";
import type { SheetPlan, TableData } from "../core/workbook/types";
import { rectA1 } from "./a1";
import { layoutSheet, sheetRefPattern, type SheetLayout } from "./layout";
import { EXCEL_MESSAGES, WriteError } from "./messages";
import { checkWorkbook, validateWrite } from "./preflight";
import { findSheet, loadState, reasonOf, same, type BatchRunner, type SheetInfo, type State } from "./state";
import { blockStep, CALL_BYTES, packBatches, type Step, type StepWriter } from "./writeSteps";

const MARKER_COMMENT = "KBR budsjett: marks this sheet as generated (do not delete)";
const ANCHOR_COMMENT = "KBR budsjett: moved by every build, link to it instead of the cell";

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

/** Writes plans and input tables by the protocol above; one per OfficeWorkbook. */
export class Rebuild {
  constructor(
    /** Runs a batch of its own: recovery after a failure starts a new one. */
    private readonly run: BatchRunner,
    private readonly w: StepWriter,
  ) {}

  /** write() within `run`; `loaded` is the state when update() read it in the same batch already. */
  async write(run: BatchRunner, plans: readonly SheetPlan[], inputTables: readonly TableData[] = [], loaded?: State): Promise<void> {
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
      const titleFree = await checkWorkbook(ctx, state, plans, inputTables);

      const taken = new Set(state.sheets.map((s) => s.name.toLocaleLowerCase()));
      for (const t of inputTables) taken.add(t.sheet.toLocaleLowerCase());
      const free = (base: string) => {
        const name = base.slice(0, 31);
        if (taken.has(name.toLocaleLowerCase())) return null;
        taken.add(name.toLocaleLowerCase());
        return name;
      };
      const crossRefs = sheetRefPattern(plans.map((p) => p.name));
      const blockBytes = Math.max(1, this.w.maxRequestBytes - 10 * CALL_BYTES);
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
        for (const batch of packBatches(steps, this.w.maxRequestBytes)) {
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
    for (const t of tables) steps.push(this.w.tableStep(ctx, state, t, titleFree, newSheets));

    // 2. Each generated sheet, complete, under its temporary name; then all renamed as complete.
    const temps: Excel.Worksheet[] = [];
    targets.forEach((t, i) => {
      steps.push({ bytes: CALL_BYTES, apply: () => void (temps[i] = wb.worksheets.add(t.pending)) });
      steps.push(...this.w.cellSteps(() => temps[i], t.lay));
      if (!t.old) {
        // A new sheet is this one renamed: it needs its layout, and its chart unless that waits
        // for formulas written after the swap (a chart over blank cells would start empty).
        steps.push(this.w.layoutStep(() => temps[i], t));
        if (t.lay.deferred.length === 0) {
          const c = this.w.chartStep(() => temps[i], t.plan, []);
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
        if (blocks.length > 0 && this.w.useCopyFrom) {
          const rect = { top: 0, left: 0, bottom: blocks[blocks.length - 1].rect.bottom, right: Math.max(...blocks.map((b) => b.rect.right)) };
          steps.push({ bytes: CALL_BYTES * 2, apply: () => fin().getRange(rectA1(rect)).copyFrom(temp().getRange(rectA1(rect)), "All", false, false) });
        } else {
          steps.push(...this.w.cellSteps(fin, t.lay));
        }
        steps.push(this.w.layoutStep(fin, t));
        const c = this.w.chartStep(fin, t.plan, s.charts);
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
          const c = this.w.chartStep(fin, t.plan, []);
          if (c) late.push(c);
        }
      } else if (s.final && !s.temp) {
        // Swapped already (recovery): only what follows the swap is repeated, the chart redrawn.
        const getWs = s.final;
        steps.push({ bytes: 0, apply: () => void (finals[i] = getWs()) });
        const c = this.w.chartStep(fin, t.plan, s.charts);
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
    // Stale: an anchor of ours on one of these sheets that the plans no longer have (core's rule).
    const plans = targets.map((t) => t.plan);
    const stale = state.names.filter((n) => typeof n.value === "string" && ownedName({ name: n.name, refersTo: n.value }, plans) === "staleAnchor");
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
          for (const batch of packBatches(steps, this.w.maxRequestBytes)) {
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
