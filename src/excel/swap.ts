/**
 * The rebuild protocol: how a write replaces generated sheets without losing the user's links,
 * when any batch can fail.
 *
 * Excel has no transactions, and a failed batch is not rolled back: the commands before the
 * failing one have taken effect, the rest have not. So every prefix of the command sequence
 * below must leave a workbook that says, by itself, what state it is in (after a reload the pane
 * remembers nothing). A sheet that exists and is ours is never deleted (Excel would turn every
 * reference to it into #REF!): it is rewritten in place.
 *
 * Commands, in order (a batch may end anywhere):
 *  P. Prepare. Input tables; then each generated sheet complete under a temporary name
 *     (`~kbrN Budsjett`: cells and formats; a new sheet also its layout and chart).
 *  C. Commit: the journal, a hidden workbook name `KBR_REBUILD` holding the text
 *     `v1/<job>/<N><i|n><U>:<sheet>/…` (each sheet of the job, its temporary sheet `~kbrN <sheet>`,
 *     i = replaced in place, n = new, U = the user's charts on it), added (or, replacing an older
 *     journal, set) by ONE command after every temporary sheet is complete.
 *  G. Temporary sheets not in the journal (an older job's, strays) are deleted.
 *  S. Per sheet, one run: in place: clear (cells, widths, heights, hidden columns, freeze),
 *     copy from the temporary sheet (Range.copyFrom, ExcelApi 1.9; at 1.7 the planned blocks
 *     are written), layout, our chart, the sheet's anchors (KBR_BIDRAG_… moved with
 *     NamedItem.formula, added, or removed when gone), and LAST the temporary sheet deleted. New:
 *     the marker `KBR_GENERERT_<sheet>` pointing at the temporary sheet (a name follows a rename),
 *     the anchors on it, and LAST the rename to its final name.
 *  L. Formulas naming another generated sheet (written late when the job adds a sheet, which
 *     does not exist under its name before), and charts that wait for them.
 *  E. The journal deleted, in a batch of its own (one more sync per Build): so the batch that
 *     holds C never holds E, and "no journal of this job" after a cut means "never committed"
 *     when C's batch failed and "done" when a later batch failed. Without it a request refused
 *     whole and one applied whole whose answer was lost would look the same.
 *
 * States, as recognised from the workbook alone:
 *  - No journal, no temporary sheet: rest (old or new, consistent).
 *  - No journal (or an older job's), temporary sheets of this job: P was cut. The generated
 *    sheets are untouched; the temporary sheets are incomplete or unused: delete them.
 *  - Journal present: committed. A sheet of the journal whose temporary sheet is gone has been
 *    swapped completely (its run ends with that deletion or rename, and a batch applies a
 *    prefix); one whose temporary sheet exists is old or part-way through its run, and its run
 *    is repeated from the complete temporary sheet (every command of a run is idempotent).
 *    Then L, E. Anchors move only inside their sheet's run, so they agree with its content.
 *    Excel names a chart one command after adding it: a sheet part-way may hold an unnamed
 *    chart of ours, told from the user's by the count in the journal (strayCharts).
 * Transitions: a failed batch → recovery in a new batch (reads the state, does what the state
 * says: delete this job's temporary sheets, or finish). If the recovery fails too, the pane
 * says which sheets are new, unchanged, or may be part-way (with the temporary sheet holding
 * the new content), and the next Build finishes: it prepares its own temporary sheets, its
 * commit replaces the older journal in one command (until then the older job stands as it
 * was), deletes the older temporary sheets (G) and runs every sheet. A journal naming an
 * unfinished sheet that the new Build does not plan (its table deleted meanwhile) is refused,
 * nothing written (`pending`). Between a cut and the recovery, a sheet part-way through its run
 * is neither old nor new: the journal and its temporary sheet say so.
 */
import { a1, quoteSheet, splitSheet } from "../core/a1";
import { both } from "../core/i18n";
import { isOurChart } from "../core/workbook/anchors";
import { markerName } from "../core/workbook/marker";
import { ownedName } from "../core/workbook/ownership";
import { foldName } from "../core/names";
import type { SheetPlan, TableData } from "../core/workbook/types";
import { rectA1 } from "./a1";
import { layoutSheet, sheetRefPattern, type SheetLayout } from "./layout";
import { EXCEL_MESSAGES, WriteError } from "./messages";
import { checkWorkbook, validateWrite } from "./preflight";
import { findSheet, loadState, reasonOf, same, type BatchRunner, type SheetInfo, type State } from "./state";
import { blockStep, CALL_BYTES, packBatches, type Step, type StepWriter } from "./writeSteps";

const MARKER_COMMENT = "KBR budsjett: marks this sheet as generated (do not delete)";
const ANCHOR_COMMENT = "KBR budsjett: moved by every build, link to it instead of the cell";

/** The journal of an unfinished rebuild (see the header). */
const JOURNAL_NAME = "KBR_REBUILD";
const JOURNAL_VERSION = "v1";

/** The temporary sheet `n` of `sheet` (Excel allows 31 characters). */
const tempName = (n: number, sheet: string) => `~kbr${n} ${sheet}`.slice(0, 31);
/** Temporary sheets of earlier versions were renamed `~kbrN+ …` once complete. */
const oldTempName = (n: number, sheet: string) => `~kbr${n}+ ${sheet}`.slice(0, 31);

interface Entry {
  sheet: string;
  n: number;
  isNew: boolean;
  /** Charts on the sheet at the commit that are not ours (the user's). */
  userCharts: number;
}

interface Journal {
  job: string;
  entries: Entry[];
}

/** The journal's text: `v1/<job>/<n><i|n><user charts>:<sheet>/…` (sheet names cannot hold `/` or `:`). */
function journalText(j: Journal): string {
  return [JOURNAL_VERSION, j.job, ...j.entries.map((e) => `${e.n}${e.isNew ? "n" : "i"}${e.userCharts}:${e.sheet}`)].join("/");
}

function parseJournal(value: unknown): Journal | null {
  if (typeof value !== "string") return null;
  // NamedItem.value of a text constant is the text; accept the formula (`="…"`) as well.
  const quoted = /^=?"((?:[^"]|"")*)"$/.exec(value);
  const text = quoted ? quoted[1].replace(/""/g, '"') : value;
  const [v, job, ...rest] = text.split("/");
  if (v !== JOURNAL_VERSION || !job) return null;
  const entries: Entry[] = [];
  for (const r of rest) {
    const m = /^(\d+)([in])(\d+):(.+)$/.exec(r);
    if (!m) return null;
    entries.push({ n: Number(m[1]), isNew: m[2] === "n", userCharts: Number(m[3]), sheet: m[4] });
  }
  return { job, entries };
}

function readJournal(state: Pick<State, "names">): Journal | null {
  return parseJournal(state.names.find((n) => same(n.name, JOURNAL_NAME))?.value);
}

/** Sheets of `state` that are temporary sheets (this version's or an earlier one's) of one of `sheets`. */
function tempSheets(state: Pick<State, "sheets">, sheets: readonly string[]): SheetInfo[] {
  return state.sheets.filter((s) => {
    const m = /^~kbr(\d+)\+? /.exec(s.name);
    if (!m) return false;
    const n = Number(m[1]);
    return sheets.some((x) => same(tempName(n, x), s.name) || same(oldTempName(n, x), s.name));
  });
}

/**
 * Charts on a sheet part-way through its run that are ours though not named so: Excel names a
 * chart only by a command after the one that adds it, so a cut between the two leaves one. It
 * is a chart beyond the user's charts counted at the commit, and the newest (Excel lists a
 * sheet's charts in the order they were added).
 */
function strayCharts(charts: readonly string[], entry: Entry | undefined): string[] {
  const others = charts.filter((c) => !isOurChart(c));
  return entry && others.length > entry.userCharts ? others.slice(entry.userCharts) : [];
}

/** A formula's text constant: `="…"` with quotes doubled. */
const textFormula = (text: string) => `="${text.replace(/"/g, '""')}"`;

/** One generated sheet of a write: its plan, layout and temporary sheet. */
interface Target {
  plan: SheetPlan;
  lay: SheetLayout;
  /** The marked sheet this one replaces in place (absent: a new sheet, the temporary one renamed). */
  old?: SheetInfo;
  n: number;
  temp: string;
}

/** A target as a batch sees it. */
interface SwapItem {
  t: Target;
  isNew: boolean;
  /** The complete temporary sheet; null when this sheet's run is complete (its temporary sheet is gone). */
  temp: (() => Excel.Worksheet) | null;
  /** The sheet as it stands: the old one in place, the temporary one for a new sheet (or once renamed). */
  sheet: () => Excel.Worksheet;
  /** Chart names on `sheet` now (ours among them are removed before ours is drawn). */
  charts: readonly string[];
  /** Charts of ours a cut left unnamed (strayCharts). */
  stray: readonly string[];
}

/** Where the steps of a write stand, to tell after a failure what cannot have been touched. */
interface Plan {
  steps: Step[];
  /** E, the journal's removal: sent in a batch of its own (see sendAll). */
  end: Step | null;
  /** Index of the commit (journal) step. */
  commitAt: number;
  /** Per target, the index of the first step of its run. */
  runAt: number[];
}

/** What a failed write knows when it hands over to the recovery. */
interface Failure {
  cause: unknown;
  job: string;
  targets: Target[];
  /** Steps in the batches sent (the failing one included): the rest were not applied. */
  sent: number;
  /** Steps in the batches that succeeded: all applied. */
  synced: number;
  plan: Plan;
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
    const job = Date.now().toString(36) + Math.floor(Math.random() * 36 ** 4).toString(36);
    const failure = await run(async (ctx): Promise<Failure | null> => {
      let state: State;
      try {
        state = loaded ?? (await loadState(ctx));
      } catch (e) {
        throw new WriteError(both(EXCEL_MESSAGES.readStateFailed, { reason: reasonOf(e) }), [], [], e, "unchanged");
      }
      let titleFree: Set<TableData>;
      try {
        titleFree = await checkWorkbook(ctx, state, plans, inputTables);
      } catch (e) {
        // Its reads (areas, chart names) come before any write.
        if (e instanceof WriteError) throw e;
        throw new WriteError(both(EXCEL_MESSAGES.readStateFailed, { reason: reasonOf(e) }), [], [], e, "unchanged");
      }

      const older = plans.length > 0 ? readJournal(state) : null;
      if (older) {
        // An unfinished sheet this write would not finish: its content would stay half-swapped.
        const left = older.entries.filter((e) => findSheet(state, tempName(e.n, e.sheet)) && !plans.some((p) => same(p.name, e.sheet)));
        if (left.length > 0) {
          throw new WriteError(both(EXCEL_MESSAGES.rebuildPending, { sheets: left.map((e) => e.sheet), temps: left.map((e) => tempName(e.n, e.sheet)) }), [], [], undefined, "pending");
        }
      }
      const taken = new Set(state.sheets.map((s) => foldName(s.name)));
      for (const t of inputTables) taken.add(foldName(t.sheet));
      for (const e of older?.entries ?? []) taken.add(foldName(tempName(e.n, e.sheet)));
      const crossRefs = sheetRefPattern(plans.map((p) => p.name));
      const blockBytes = Math.max(1, this.w.maxRequestBytes - 10 * CALL_BYTES);
      const targets: Target[] = plans.map((p) => {
        let n = 1;
        while (taken.has(foldName(tempName(n, p.name)))) n++;
        taken.add(foldName(tempName(n, p.name)));
        return { plan: p, lay: layoutSheet(p, crossRefs, blockBytes), old: findSheet(state, p.name), n, temp: tempName(n, p.name) };
      });
      const garbage = targets.length > 0 ? tempSheets(state, [...plans.map((p) => p.name), ...(older?.entries.map((e) => e.sheet) ?? [])]) : [];

      const chartsOf = (t: Target) => (t.old ? (state.charts.get(t.old.id) ?? []) : []);
      const strays = targets.map((t) => {
        const e = older?.entries.find((x) => same(x.sheet, t.plan.name) && !x.isNew && findSheet(state, tempName(x.n, x.sheet)));
        return strayCharts(chartsOf(t), e);
      });
      const entries = targets.map((t, i) => ({ sheet: t.plan.name, n: t.n, isNew: !t.old, userCharts: chartsOf(t).filter((c) => !isOurChart(c)).length - strays[i].length }));
      const plan = this.planSteps(ctx, state, targets, inputTables, titleFree, { job, entries }, garbage, strays);
      const progress = { sent: 0, synced: 0 };
      try {
        await this.sendAll(ctx, plan.steps, plan.end, progress);
        return null;
      } catch (e) {
        return { cause: e, job, targets, ...progress, plan };
      }
    });
    if (failure) throw await this.recover(failure, inputTables);
  }

  /**
   * Sends `steps` packed into batches under the request limit, then `end` in a batch of its
   * own: so a batch that holds the commit never holds the journal's removal, and "no journal"
   * after a cut means "not committed" when the commit's batch failed, "done" when a later one did.
   */
  private async sendAll(ctx: Excel.RequestContext, steps: readonly Step[], end: Step | null, progress: { sent: number; synced: number }): Promise<void> {
    const batches = packBatches(steps, this.w.maxRequestBytes);
    if (end) batches.push([end]);
    for (const batch of batches) {
      // Each sync ends the suspension, so every batch asks again.
      ctx.application.suspendApiCalculationUntilNextSync();
      for (const s of batch) s.apply();
      progress.sent += batch.length;
      await ctx.sync();
      progress.synced += batch.length;
    }
  }

  /** Every write as ordered steps (P, C, G, S, L, E of the header). Nothing is sent until the steps are applied. */
  private planSteps(
    ctx: Excel.RequestContext,
    state: State,
    targets: readonly Target[],
    tables: readonly TableData[],
    titleFree: ReadonlySet<TableData>,
    journal: Journal,
    garbage: readonly SheetInfo[],
    strays: readonly (readonly string[])[],
  ): Plan {
    const steps: Step[] = [];
    const wb = ctx.workbook;

    // P. Input tables first: the generated formulas refer to them. Then the temporary sheets.
    const newSheets = new Map<string, Excel.Worksheet>();
    for (const t of tables) steps.push(this.w.tableStep(ctx, state, t, titleFree, newSheets));
    const temps: Excel.Worksheet[] = [];
    const late = lateCrossRefs(targets);
    targets.forEach((t, i) => {
      const temp = () => temps[i];
      steps.push({ bytes: CALL_BYTES, apply: () => void (temps[i] = wb.worksheets.add(t.temp)) });
      steps.push(...this.w.cellSteps(temp, t.lay));
      if (!t.old) {
        // A new sheet is this one renamed: it needs its layout, and its chart unless that waits
        // for formulas written late (a chart over blank cells would start empty).
        steps.push(this.w.layoutStep(temp, t));
        if (t.lay.deferred.length === 0) {
          const c = this.w.chartStep(temp, t.plan, []);
          if (c) steps.push(c);
        }
      }
    });
    if (targets.length === 0) return { steps, end: null, commitAt: steps.length, runAt: [] };

    // C. The commit: one command.
    const commitAt = steps.length;
    const text = textFormula(journalText(journal));
    const hasJournal = state.names.some((n) => same(n.name, JOURNAL_NAME));
    steps.push({
      bytes: CALL_BYTES * 2 + text.length,
      apply: () => {
        if (hasJournal) wb.names.getItem(JOURNAL_NAME).formula = text;
        else wb.names.add(JOURNAL_NAME, text).visible = false;
      },
    });

    // G, S, L, E.
    const items: SwapItem[] = targets.map((t, i) => {
      const old = t.old?.proxy;
      return { t, isNew: !old, temp: () => temps[i], sheet: old ? () => old : () => temps[i], charts: old ? (state.charts.get(t.old!.id) ?? []) : [], stray: strays[i] };
    });
    const rest = this.finishSteps(ctx, state, items, garbage, late);
    const runAt = rest.runAt.map((k) => k + steps.length);
    steps.push(...rest.steps);
    return { steps, end: rest.end, commitAt, runAt };
  }

  /**
   * G, S, L, E of the header for `items` (those with a temporary sheet get their run), so
   * that running it again on what a cut left finishes the job (recovery). `late`: formulas
   * naming another generated sheet wait until every sheet has its name (lateCrossRefs).
   */
  private finishSteps(
    ctx: Excel.RequestContext,
    state: Pick<State, "names">,
    items: readonly SwapItem[],
    garbage: readonly SheetInfo[],
    late: boolean,
  ): { steps: Step[]; end: Step; runAt: number[] } {
    const wb = ctx.workbook;
    const steps: Step[] = [];
    for (const g of garbage) steps.push({ bytes: CALL_BYTES, apply: () => g.proxy.delete() });

    const plans = items.map((x) => x.t.plan);
    const hasName = (name: string) => state.names.some((x) => same(x.name, name));
    const runAt: number[] = [];
    for (const x of items) {
      runAt.push(steps.length);
      const { t } = x;
      const temp = x.temp;
      if (!temp) continue;
      // The anchors of this sheet, pointing at `sheetName` (the name it has when they are set).
      const anchors = (sheetName: string, ws: () => Excel.Worksheet): Step => {
        // Stale: an anchor of ours on this sheet that no plan has any more (core's rule).
        const stale = state.names.filter(
          (n) => typeof n.value === "string" && same(splitSheet(n.value).sheet ?? "", t.plan.name) && ownedName({ name: n.name, refersTo: n.value }, plans) === "staleAnchor",
        );
        const mine = t.plan.names ?? [];
        return {
          bytes: CALL_BYTES * (mine.length + stale.length),
          apply: () => {
            for (const n of mine) {
              if (hasName(n.name)) wb.names.getItem(n.name).formula = `=${quoteSheet(sheetName)}!${a1(n.row, n.col, true)}`;
              else wb.names.add(n.name, ws().getRange(a1(n.row, n.col)), ANCHOR_COMMENT);
            }
            for (const n of stale) wb.names.getItem(n.name).delete();
          },
        };
      };
      if (x.isNew) {
        // New: marker and anchors on the complete temporary sheet, then the rename (last).
        const mk = markerName(t.plan.name);
        steps.push({
          bytes: CALL_BYTES,
          apply: () => {
            if (hasName(mk)) wb.names.getItem(mk).formula = `=${quoteSheet(t.temp)}!$A$1`;
            else wb.names.add(mk, temp().getRange("A1"), MARKER_COMMENT);
          },
        });
        steps.push(anchors(t.temp, temp));
        steps.push({ bytes: CALL_BYTES, apply: () => void (temp().name = t.plan.name) });
        continue;
      }
      // In place: the sheet keeps its identity, so every reference to it keeps working.
      const ws = x.sheet;
      steps.push({
        bytes: CALL_BYTES * 6,
        apply: () => {
          const all = ws().getRange();
          all.clear();
          all.format.useStandardWidth = true;
          all.format.useStandardHeight = true;
          all.columnHidden = false;
          ws().freezePanes.unfreeze();
        },
      });
      const blocks = t.lay.blocks;
      if (blocks.length > 0 && this.w.useCopyFrom) {
        const rect = { top: 0, left: 0, bottom: blocks[blocks.length - 1].rect.bottom, right: Math.max(...blocks.map((b) => b.rect.right)) };
        steps.push({ bytes: CALL_BYTES * 2, apply: () => ws().getRange(rectA1(rect)).copyFrom(temp().getRange(rectA1(rect)), "All", false, false) });
      } else {
        steps.push(...this.w.cellSteps(ws, t.lay));
      }
      if (!late) for (const b of t.lay.deferred) steps.push(blockStep(ws, b));
      steps.push(this.w.layoutStep(ws, t));
      if (!late || t.lay.deferred.length === 0) {
        const c = this.w.chartStep(ws, t.plan, x.charts, x.stray);
        if (c) steps.push(c);
      }
      steps.push(anchors(t.plan.name, ws));
      steps.push({ bytes: CALL_BYTES, apply: () => temp().delete() });
    }

    // L. Formulas naming a sheet this job adds, now that every sheet has its name; then the
    // charts that waited for them. Repeated whole by a recovery (idempotent).
    if (late) {
      for (const x of items) for (const b of x.t.lay.deferred) steps.push(blockStep(x.sheet, b));
      for (const x of items) {
        if (x.t.lay.deferred.length === 0) continue;
        const c = this.w.chartStep(x.sheet, x.t.plan, x.charts, x.stray);
        if (c) steps.push(c);
      }
    }
    // E.
    return { steps, end: { bytes: CALL_BYTES, apply: () => wb.names.getItem(JOURNAL_NAME).delete() }, runAt };
  }

  /**
   * After a failed batch: reads the workbook again and does what its state says (header):
   * this job's journal absent → not committed (delete this job's temporary sheets) or, when
   * the commit's batch had succeeded, done; present → finish. Returns the WriteError that
   * says what state the workbook is in.
   */
  private async recover(f: Failure, tables: readonly TableData[]): Promise<WriteError> {
    const reason = reasonOf(f.cause);
    const names = f.targets.map((t) => t.plan.name);
    const committed = f.targets.length > 0 && f.plan.commitAt < f.synced;
    /** Sheets of the job whose run no batch of the write sent (with `also`: nor of the recovery). */
    const untouched = (i: number, also = (_: number) => true) => f.plan.runAt[i] >= f.sent && also(i);
    let read: State | null = null;
    let finish: { runAt: number[]; sent: number } | null = null;
    let reasons = reason;
    try {
      return await this.run(async (ctx) => {
        const state = await loadState(ctx);
        read = state;
        const now = (n: string) => findSheet(state, n);
        const writtenTables = tables.filter((t) => state.tables.some((x) => same(x.name, t.name))).map((t) => t.name);
        const journal = readJournal(state);
        if (journal?.job !== f.job) {
          if (committed) return new WriteError(both(EXCEL_MESSAGES.rebuildFinished, { reason, sheets: names }), names, writtenTables, f.cause, "finished");
          // Not committed: the generated sheets are untouched. This job's temporary sheets go;
          // an older job's journal and temporary sheets stay as they were.
          const ours = f.targets.map((t) => now(t.temp)).filter((s): s is SheetInfo => s !== undefined);
          for (const s of ours) s.proxy.delete();
          let cleaned = true;
          if (ours.length > 0) {
            try {
              await ctx.sync();
            } catch {
              cleaned = false;
            }
          }
          const pending = journal ? journal.entries.filter((e) => now(tempName(e.n, e.sheet))) : [];
          if (pending.length > 0) {
            const texts = both(EXCEL_MESSAGES.rebuildUnfinished, { reason, done: [], old: [], partly: pending.map((e) => e.sheet), temps: pending.map((e) => tempName(e.n, e.sheet)) });
            return new WriteError(texts, [], writtenTables, f.cause, "unfinished");
          }
          const leftover = cleaned ? [] : ours.map((s) => s.name);
          return new WriteError(both(EXCEL_MESSAGES.partialWrite, { reason, sheets: [], tables: writtenTables, leftover }), [], writtenTables, f.cause, "unchanged");
        }

        // Committed: finish every sheet whose temporary sheet is still there.
        const items = f.targets.map((t) => {
          const temp = now(t.temp)?.proxy;
          const entry = journal.entries.find((e) => same(e.sheet, t.plan.name));
          const isNew = entry ? entry.isNew : !t.old;
          const fin = now(t.plan.name)?.proxy;
          const sheet = isNew && temp ? temp : fin;
          return { t, isNew, entry, temp, sheet, charts: sheet ? sheet.charts.load("items/name") : null };
        });
        await ctx.sync();
        if (items.some((x) => !x.sheet)) throw new Error("a generated sheet of the journal is missing");
        const swapItems: SwapItem[] = items.map((x) => ({
          t: x.t,
          isNew: x.isNew,
          temp: x.temp ? () => x.temp! : null,
          sheet: () => x.sheet!,
          charts: x.charts?.items.map((c) => c.name) ?? [],
          stray: x.temp && !x.isNew ? strayCharts(x.charts?.items.map((c) => c.name) ?? [], x.entry) : [],
        }));
        const garbage = tempSheets(state, names).filter((s) => !f.targets.some((t) => same(t.temp, s.name)));
        const rest = this.finishSteps(ctx, state, swapItems, garbage, lateCrossRefs(f.targets));
        const progress = { sent: 0, synced: 0 };
        try {
          await this.sendAll(ctx, rest.steps, rest.end, progress);
        } catch (e) {
          finish = { runAt: rest.runAt, sent: progress.sent };
          reasons = `${reason}; ${reasonOf(e)}`;
          throw e;
        }
        return new WriteError(both(EXCEL_MESSAGES.rebuildFinished, { reason, sheets: names }), names, writtenTables, f.cause, "finished");
      });
    } catch {
      // The recovery failed too: say what state the workbook is in, from a last read if it
      // answers, else from what cannot have been touched.
      const f2 = finish as { runAt: number[]; sent: number } | null;
      const notSent = (i: number) => untouched(i, (k) => !f2 || f2.runAt[k] >= f2.sent);
      let last: State | null;
      try {
        last = await this.run((ctx) => loadState(ctx));
      } catch {
        last = read;
      }
      if (last) {
        const state = last;
        const j = readJournal(state);
        if (j?.job === f.job) {
          const pending = f.targets.map((t, i) => ({ t, i })).filter(({ t }) => findSheet(state, t.temp));
          const done = f.targets.filter((t) => !findSheet(state, t.temp)).map((t) => t.plan.name);
          const old = pending.filter(({ i }) => notSent(i)).map(({ t }) => t.plan.name);
          const partly = pending.filter(({ i }) => !notSent(i)).map(({ t }) => t);
          const texts = both(EXCEL_MESSAGES.rebuildUnfinished, { reason: reasons, done, old, partly: partly.map((t) => t.plan.name), temps: partly.map((t) => t.temp) });
          return new WriteError(texts, done, [], f.cause, "unfinished");
        }
        if (last !== read || read === null) {
          // Read after every batch of ours: no journal of this job means done when it had been
          // committed (or the recovery had found it), else never committed.
          if (committed || f2 || read !== null) return new WriteError(both(EXCEL_MESSAGES.rebuildFinished, { reason: reasons, sheets: names }), names, [], f.cause, "finished");
          const leftover = f.targets.filter((t) => findSheet(state, t.temp)).map((t) => t.temp);
          return new WriteError(both(EXCEL_MESSAGES.partialWrite, { reason: reasons, sheets: [], tables: [], leftover }), [], [], f.cause, "unchanged");
        }
      }
      if (f.targets.length > 0 && !committed && f.plan.commitAt >= f.sent) {
        return new WriteError(both(EXCEL_MESSAGES.rebuildStoppedEarly, { reason: reasons }), [], [], f.cause, "unchanged");
      }
      const maybe = f.targets.filter((_, i) => !notSent(i)).map((t) => t.plan.name);
      return new WriteError(both(EXCEL_MESSAGES.rebuildUnknown, { reason: reasons, sheets: maybe.length > 0 ? maybe : names }), [], [], f.cause, "unknown");
    }
  }
}

/** True when formulas naming another generated sheet must wait until every sheet has its name (the job adds a sheet). */
function lateCrossRefs(targets: readonly Target[]): boolean {
  return targets.some((t) => !t.old);
}
