/**
 * The Arbeidsbok (workbook) panel: which input tables the workbook has and whether they have
 * problems, inserting the 2009 plan as example data (never over the user's tables), and
 * building the generated sheets with visible progress (read, compute, write) and a summary.
 * It also owns the pane's refresh: the read of the tables every panel renders from.
 */
import { build, examplePlanTables, GENERATED_SHEETS, hasBuildErrors, plannedSheetNames, type BuildResult } from "../../core/engine";
import { card, h, icon, messageBar, setMessage } from "../dom";
import { buildSummary, findTable, tableStatuses, uiNumber } from "../explain";
import type { StepState } from "../messages";
import type { PaneContext, Panel } from "./context";
import { ssbCard } from "./ssb";

interface WorkbookPanel extends Panel {
  /** Reads the tables again and builds over them; a failed read is shown on this panel. */
  refresh(): Promise<void>;
  /** Inserts the example (the Oppfølging panel's empty state has the button too, with the ledger). */
  insertExample(bar: HTMLElement, followUp: boolean): Promise<void>;
}

const STEP_IDS = ["reading", "computing", "writing"] as const;
type StepId = (typeof STEP_IDS)[number];

export function workbookPanel(ctx: PaneContext): WorkbookPanel {
  const { host, locale, m, state } = ctx;
  const kr = (x: number): string => m.kr(uiNumber(x, locale, 2));

  const tableList = h("ul", { class: "table-list", "aria-live": "polite" });
  const tablesMsg = messageBar(false);
  const refreshBtn = ctx.button(m.refresh, () => ctx.refresh());
  const tablesCard = card("tables", m.tablesHeading, m.tablesIntro, refreshBtn, tableList, tablesMsg);

  const exampleMsg = messageBar();
  // The invented ledger is a choice: a budget example alone is what most people try first.
  const withLedger = h("input", { type: "checkbox", id: "example-ledger" });
  const exampleCard = card(
    "example",
    m.exampleHeading,
    m.exampleIntro,
    null,
    h("div", { class: "choice" }, withLedger, h("label", { for: "example-ledger" }, m.exampleLedger)),
    ctx.button(m.exampleButton, () => insertExample(exampleMsg, withLedger.checked)),
    exampleMsg,
  );

  const stepList = h("ol", { class: "steps", "aria-live": "polite", hidden: true });
  const stepItems = new Map<StepId, HTMLLIElement>();
  for (const s of STEP_IDS) {
    const li = h("li", { class: "step step-pending", "data-step": s });
    stepItems.set(s, li);
    stepList.append(li);
  }
  function setStep(id: StepId, stepState: StepState): void {
    const li = stepItems.get(id)!;
    li.className = `step step-${stepState}`;
    const ic = stepState === "done" ? "success" : stepState === "failed" ? "error" : stepState === "active" ? "active" : "pending";
    li.replaceChildren(icon(ic), h("span", { class: "step-label" }, m.steps[id]), h("span", { class: "step-state" }, m.stepState[stepState]));
  }
  const buildMsg = messageBar();
  const summary = h("dl", { class: "summary", hidden: true });
  const buildCard = card("build", m.buildHeading, m.buildIntro, null, ctx.button(m.buildButton, () => buildSheets(), true), stepList, buildMsg, summary);

  function render(): void {
    const statuses = tableStatuses(state.tables, state.current?.findings ?? []);
    tableList.replaceChildren(
      ...statuses.map((s) => {
        const ic = s.state === "found" ? "success" : s.state === "missing" ? "missing" : s.errors ? "error" : "warning";
        // Warnings alone are not "has errors": the badge counts them in the warning colours.
        const warningsOnly = s.state === "problems" && !s.errors;
        const detail = s.state !== "problems" ? m.tableState[s.state] : warningsOnly ? m.tableProblems(0, s.warnings) : `${m.tableState.problems}: ${m.tableProblems(s.errors, s.warnings)}`;
        return h(
          "li",
          { class: `table-item table-${s.state}${warningsOnly ? " table-warnings" : ""}`, "data-table": s.name },
          icon(ic),
          h("span", { class: "table-text" }, h("span", { class: "table-name" }, s.name), h("span", { class: "table-hint" }, m.tableHint[s.name] ?? "")),
          h("span", { class: "badge" }, detail),
        );
      }),
    );
  }

  async function refresh(): Promise<void> {
    try {
      state.tables = await host.readTables();
      state.current = build(state.tables);
      setMessage(tablesMsg, null);
    } catch (e) {
      setMessage(tablesMsg, "error", m.failed(ctx.errorText(e)));
    }
    ctx.renderAll();
  }

  async function insertExample(exampleMsg: HTMLElement, followUp: boolean): Promise<void> {
    setMessage(exampleMsg, null);
    try {
      state.tables = await host.readTables();
      // Every table the example would add must be free (Excel refuses a second table of a name).
      const tables = examplePlanTables({ followUp });
      const present = tables.map((t) => findTable(state.tables, t.name)?.name).filter((n): n is string => !!n);
      if (present.length) {
        setMessage(exampleMsg, "warning", m.exampleRefused(present));
        return;
      }
      await host.write([], tables);
      setMessage(exampleMsg, "success", followUp ? m.exampleDoneLedger : m.exampleDone);
    } catch (e) {
      setMessage(exampleMsg, "error", m.failed(ctx.errorText(e)));
    }
    await ctx.refresh();
  }

  async function buildSheets(): Promise<void> {
    setMessage(buildMsg, null);
    summary.hidden = true;
    stepList.hidden = false;
    for (const s of STEP_IDS) setStep(s, "pending");
    let step: StepId = "reading";
    // What the planner decided; plans empty = write nothing. One host.update() reads, plans
    // and writes in a single batch (3 round trips in Excel instead of 5).
    type Outcome =
      | { kind: "userSheets"; plans: []; names: string[] }
      | { kind: "inputErrors"; plans: []; result: BuildResult; errors: number }
      | { kind: "write"; plans: BuildResult["plans"]; result: BuildResult };
    try {
      setStep("reading", "active");
      const outcome = await host.update(GENERATED_SHEETS, async (read, status): Promise<Outcome> => {
        state.tables = read;
        const userSheets = plannedSheetNames(read).filter((n) => status[n] === "user");
        if (userSheets.length) return { kind: "userSheets", plans: [], names: [...userSheets] };
        setStep("reading", "done");
        step = "computing";
        setStep("computing", "active");
        // Let the browser paint the step before the synchronous computation.
        await new Promise((r) => setTimeout(r, 0));
        const result = build(read);
        state.current = result;
        // The follow-up's errors (a bad ledger or hour row) are left out of its sums and named; they
        // do not stop the build, as in kbr (engine's hasBuildErrors).
        const errors = result.findings.filter((f) => f.severity === "error").length;
        if (!result.model || hasBuildErrors(result) || result.plans.length === 0) return { kind: "inputErrors", plans: [], result, errors };
        setStep("computing", "done");
        step = "writing";
        setStep("writing", "active");
        return { kind: "write", plans: result.plans, result };
      });
      if (outcome.kind === "userSheets") {
        setStep("reading", "failed");
        setMessage(buildMsg, "error", m.buildUserSheet(outcome.names));
        return;
      }
      if (outcome.kind === "inputErrors") {
        setStep("computing", "failed");
        setMessage(buildMsg, "error", m.buildInputErrors(Math.max(outcome.errors, 1)));
        ctx.showFindings(outcome.result.findings);
        return;
      }
      setStep("writing", "done");
      setMessage(buildMsg, "success", m.buildDone);
      renderSummary(outcome.result);
    } catch (e) {
      setStep(step, "failed");
      setMessage(buildMsg, "error", m.failed(ctx.errorText(e)));
    } finally {
      ctx.renderAll();
    }
  }

  function renderSummary(result: BuildResult): void {
    const s = buildSummary(result);
    const item = (label: string, value: string): HTMLDivElement => h("div", {}, h("dt", {}, label), h("dd", {}, value));
    summary.replaceChildren(
      item(m.summarySheets, s.sheets.join(", ")),
      item(m.summaryMunicipalities, uiNumber(s.municipalities, locale, 0)),
      item(m.summaryYears, s.years.join(", ")),
      item(m.summaryCosts, kr(s.costs)),
      item(m.summaryFinancing, kr(s.financing)),
      item(m.summaryContributions, kr(s.contributions)),
      item(m.summaryInKind, kr(s.inKind)),
    );
    summary.hidden = false;
  }

  return { content: [tablesCard, exampleCard, ssbCard(ctx), buildCard], render, refresh, insertExample };
}
