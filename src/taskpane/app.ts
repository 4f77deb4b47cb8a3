/**
 * The task pane UI: plain DOM, no framework. Workbook text (table names, municipality names,
 * finding messages) only ever goes through textContent / text nodes, never innerHTML.
 */
import { a1, quoteSheet } from "../core/a1";
import { build, check, examplePlanTables, GENERATED_SHEETS, plannedSheetNames, type BuildResult, type Finding } from "../core/engine";
import type { Locale } from "../core/i18n";
import { isPlaceRefusal } from "../core/workbook/errors";
import type { TableData } from "../core/workbook/types";
import {
  buildSummary,
  describeWhere,
  explainMunicipality,
  findTable,
  formatPercent,
  INPUT_TABLES,
  sortFindings,
  tableStatuses,
  uiNumber,
  basisDiffersByYear,
} from "./explain";
import type { TaskpaneHost } from "./host";
import { MESSAGES, type Messages, type StepState } from "./messages";
import {
  compareScenarios,
  MAX_SCENARIOS,
  parseShare,
  QUICK_SHARES,
  SCENARIO_FALLBACK_SHEET,
  SCENARIO_TABLE,
  scenarioTable,
  workbookShares,
  type ScenarioComparison,
} from "./scenarios";

type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

/**
 * A card of a tab: a section labelled by its heading, an intro line, then its content. `action`
 * (e.g. a refresh button) stands beside the heading.
 */
function card(id: string, title: string, intro: string, action: Child, ...content: Child[]): HTMLElement {
  const heading = h("h2", { id: `h-${id}` }, title);
  return h(
    "section",
    { class: "card", "aria-labelledby": `h-${id}` },
    action ? h("div", { class: "card-head" }, heading, action) : heading,
    h("p", { class: "intro" }, intro),
    ...content,
  );
}

/** A message bar, hidden until there is something to say; `status` makes screen readers announce it. */
function messageBar(status = true): HTMLDivElement {
  return h("div", { class: "message-bar", hidden: true, role: status ? "status" : undefined });
}

/** The HTML lang attribute of a locale. */
export function htmlLang(locale: Locale): string {
  return locale === "nb-NO" ? "nb" : "en";
}

/** Creates an element; string children become text nodes (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Fluent-style 16 px icons drawn as paths (no icon font, nothing fetched). */
type IconKind = "error" | "warning" | "success" | "info" | "missing" | "pending" | "active";

function icon(kind: IconKind): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon-${kind}`);
  const paths: Record<IconKind, string> = {
    info: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.5 6v4.5h1V7h-1ZM8 4.25a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5Z",
    error: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.15 4.15L8 7.29 5.85 5.15l-.7.7L7.29 8l-2.14 2.15.7.7L8 8.71l2.15 2.14.7-.7L8.71 8l2.14-2.15-.7-.7Z",
    warning: "M7.13 1.5a1 1 0 0 1 1.74 0l6.5 11.5A1 1 0 0 1 14.5 14.5h-13a1 1 0 0 1-.87-1.5l6.5-11.5ZM7.5 5.5v4.5h1V5.5h-1Zm.5 6a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5Z",
    success: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.65 4.65L7 9.29 5.35 7.65l-.7.7L7 10.71l4.35-4.36-.7-.7Z",
    missing: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm-3 5.5h6v1H5v-1Z",
    pending: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1a6 6 0 1 0 0 12A6 6 0 0 0 8 2Z",
    active: "M8 1a7 7 0 0 1 7 7h-1.5A5.5 5.5 0 0 0 8 2.5V1Z",
  };
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", paths[kind]);
  path.setAttribute("fill", "currentColor");
  path.setAttribute("fill-rule", "evenodd");
  svg.appendChild(path);
  return svg;
}

type MessageKind = "info" | "success" | "error" | "warning";

/** A Fluent MessageBar-like line; role=status so screen readers hear it. */
function setMessage(el: HTMLElement, kind: MessageKind | null, text = ""): void {
  el.replaceChildren();
  el.className = "message-bar";
  if (!kind) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.classList.add(`message-${kind}`);
  el.append(icon(kind), h("span", { class: "message-text" }, text));
}

/** The location is shown on its own line, so a message that starts with it need not repeat it. */
function withoutPrefix(message: string, cell: string | undefined): string {
  return cell && message.startsWith(`${cell}: `) ? message.slice(cell.length + 2) : message;
}

/**
 * The adapters' refusals (WriteError of src/excel, LocalizedError of src/xlsx) carry
 * `texts: Record<Locale, string>`: show the user's language, else the plain message.
 */
function localizedError(e: unknown, locale: Locale): string {
  const texts = (e as { texts?: Partial<Record<Locale, unknown>> } | null)?.texts;
  const t = texts?.[locale];
  if (typeof t === "string") return t;
  return e instanceof Error ? e.message : String(e);
}

export interface TaskpaneApp {
  /** Resolves when the first status read has finished (tests and the shell may wait on it). */
  ready: Promise<void>;
}

export function startApp(root: HTMLElement, host: TaskpaneHost, locale: Locale): TaskpaneApp {
  const m: Messages = MESSAGES[locale];
  const num = (x: number): string => uiNumber(x, locale, 2);
  const kr = (x: number): string => m.kr(num(x));
  const errorText = (e: unknown): string => localizedError(e, locale);
  document.documentElement.lang = htmlLang(locale);
  document.title = m.appTitle;

  let tables: TableData[] = [];
  let current: BuildResult | null = null;
  let busy = false;
  const actionButtons: HTMLButtonElement[] = [];

  const button = (label: string, onClick: () => Promise<void>, primary = false): HTMLButtonElement => {
    const b = h("button", { type: "button", class: primary ? "btn btn-primary" : "btn" }, label);
    b.addEventListener("click", () => void exclusive(onClick));
    actionButtons.push(b);
    return b;
  };

  /** One operation at a time: Office.js batches interleaved from two clicks would race. */
  async function exclusive(fn: () => Promise<void>): Promise<void> {
    if (busy) return;
    busy = true;
    // A disabled button loses focus; a keyboard user gets it back when the operation ends.
    const focused = document.activeElement;
    root.setAttribute("aria-busy", "true");
    for (const b of actionButtons) b.disabled = true;
    try {
      await fn();
    } finally {
      busy = false;
      root.removeAttribute("aria-busy");
      for (const b of actionButtons) b.disabled = false;
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && focused instanceof HTMLElement && focused.isConnected && actionButtons.includes(focused as HTMLButtonElement)) focused.focus();
    }
  }

  // ---------------------------------------------------------------- layout
  const header = h("header", { class: "app-header" }, h("h1", {}, m.appTitle), h("p", { class: "subtitle" }, m.appSubtitle));

  const tabs = [
    { id: "workbook", label: m.tabWorkbook },
    { id: "check", label: m.tabCheck },
    { id: "mine", label: m.tabMine },
    { id: "scen", label: m.scen.tab },
  ] as const;
  type TabId = (typeof tabs)[number]["id"];
  const tabList = h("div", { class: "pivot", role: "tablist", "aria-label": m.appTitle });
  const tabButtons = new Map<TabId, HTMLButtonElement>();
  const panels = new Map<TabId, HTMLElement>();
  for (const t of tabs) {
    const b = h("button", { type: "button", role: "tab", id: `tab-${t.id}`, "aria-controls": `panel-${t.id}`, class: "pivot-tab" }, t.label);
    b.addEventListener("click", () => selectTab(t.id, false));
    tabButtons.set(t.id, b);
    tabList.append(b);
    panels.set(t.id, h("section", { role: "tabpanel", id: `panel-${t.id}`, "aria-labelledby": `tab-${t.id}`, class: "panel" }));
  }
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes on into the panel.
  tabList.addEventListener("keydown", (ev) => {
    const ids = tabs.map((t) => t.id);
    const at = ids.findIndex((id) => tabButtons.get(id) === document.activeElement);
    if (at < 0) return;
    let next = -1;
    if (ev.key === "ArrowRight") next = (at + 1) % ids.length;
    else if (ev.key === "ArrowLeft") next = (at - 1 + ids.length) % ids.length;
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = ids.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    selectTab(ids[next], true);
  });
  function selectTab(id: TabId, focus: boolean): void {
    for (const t of tabs) {
      const on = t.id === id;
      const b = tabButtons.get(t.id)!;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panels.get(t.id)!.hidden = !on;
    }
    if (focus) tabButtons.get(id)!.focus();
  }

  // A visually hidden live region for short announcements (selection moved, etc.).
  const announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const announce = (text: string): void => {
    announcer.textContent = text;
  };

  // ---------------------------------------------------------------- workbook tab
  const tableList = h("ul", { class: "table-list", "aria-live": "polite" });
  const tablesMsg = messageBar(false);
  const refreshBtn = button(m.refresh, () => refresh());
  const tablesCard = card("tables", m.tablesHeading, m.tablesIntro, refreshBtn, tableList, tablesMsg);

  const exampleMsg = messageBar();
  const exampleCard = card("example", m.exampleHeading, m.exampleIntro, null, button(m.exampleButton, () => insertExample()), exampleMsg);

  const stepIds = ["reading", "computing", "writing"] as const;
  type StepId = (typeof stepIds)[number];
  const stepList = h("ol", { class: "steps", "aria-live": "polite", hidden: true });
  const stepItems = new Map<StepId, HTMLLIElement>();
  for (const s of stepIds) {
    const li = h("li", { class: "step step-pending", "data-step": s });
    stepItems.set(s, li);
    stepList.append(li);
  }
  function setStep(id: StepId, state: StepState): void {
    const li = stepItems.get(id)!;
    li.className = `step step-${state}`;
    const ic = state === "done" ? "success" : state === "failed" ? "error" : state === "active" ? "active" : "pending";
    li.replaceChildren(icon(ic), h("span", { class: "step-label" }, m.steps[id]), h("span", { class: "step-state" }, m.stepState[state]));
  }
  const buildMsg = messageBar();
  const summary = h("dl", { class: "summary", hidden: true });
  const buildCard = card("build", m.buildHeading, m.buildIntro, null, button(m.buildButton, () => buildSheets(), true), stepList, buildMsg, summary);
  panels.get("workbook")!.append(tablesCard, exampleCard, buildCard);

  // ---------------------------------------------------------------- check tab
  const checkMsg = messageBar();
  const findingList = h("ul", { class: "findings", "aria-label": m.checkHeading });
  panels.get("check")!.append(card("check", m.checkHeading, m.checkIntro, null, button(m.checkButton, () => runCheck(), true), checkMsg, findingList));

  // ---------------------------------------------------------------- my municipality tab
  const select = h("select", { id: "mine-select", class: "select" });
  select.addEventListener("change", () => renderMine());
  const mineBody = h("div", { class: "mine-body", "aria-live": "polite" });
  const mineEmpty = h("p", { class: "intro" }, m.mineNone);
  panels
    .get("mine")!
    .append(
      card(
        "mine",
        m.mineHeading,
        m.mineIntro,
        null,
        mineEmpty,
        h("div", { class: "field" }, h("label", { for: "mine-select" }, m.mineSelectLabel), select),
        mineBody,
      ),
    );

  // ---------------------------------------------------------------- scenarios tab
  const ms = m.scen;
  const pct = (share: number): string => formatPercent(share, locale);
  /** The chosen equal shares, in the order chosen. */
  let shares: number[] = [];
  /** Until the user chooses, the card follows the workbook's Scenarier table. */
  let sharesTouched = false;
  const scenToday = h("p", { class: "scen-today" });
  const quickButtons = QUICK_SHARES.map((share) => {
    const b = h("button", { type: "button", class: "btn chip-toggle", "aria-pressed": "false", "data-share": String(share) }, pct(share));
    b.addEventListener("click", () => (shares.includes(share) ? removeShare(share, b) : addShare(share)));
    return b;
  });
  const quickGroup = h(
    "div",
    { class: "scen-quick", role: "group", "aria-labelledby": "scen-quick-label" },
    h("span", { id: "scen-quick-label", class: "field-label" }, ms.quickLabel),
    h("div", { class: "chip-row" }, ...quickButtons),
  );
  const shareInput = h("input", {
    id: "scen-input",
    class: "input",
    type: "text",
    inputmode: "decimal",
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "scen-hint scen-input-msg",
  });
  const addBtn = h("button", { type: "button", class: "btn" }, ms.add);
  const inputMsg = h("div", { id: "scen-input-msg", class: "message-bar", hidden: true, role: "status" });
  const addTyped = (): void => {
    const text = shareInput.value;
    const parsed = parseShare(text);
    if (!parsed.ok) {
      const reason = parsed.reason;
      shareInput.setAttribute("aria-invalid", "true");
      setMessage(inputMsg, "error", reason === "empty" ? ms.bad.empty : ms.bad[reason](text.trim()));
      return;
    }
    if (addShare(parsed.share)) shareInput.value = "";
  };
  addBtn.addEventListener("click", addTyped);
  // Typing again clears the last refusal: the field is no longer known to be wrong.
  shareInput.addEventListener("input", () => {
    shareInput.removeAttribute("aria-invalid");
    setMessage(inputMsg, null);
  });
  shareInput.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    addTyped();
  });
  const inputField = h(
    "div",
    { class: "field scen-field" },
    h("label", { for: "scen-input" }, ms.inputLabel),
    h("div", { class: "input-row" }, shareInput, addBtn),
    h("span", { id: "scen-hint", class: "hint" }, ms.inputHint),
    inputMsg,
  );
  const chosenList = h("ul", { class: "chip-list", "aria-labelledby": "scen-chosen-label" });
  const chosenEmpty = h("p", { class: "intro" }, ms.noneChosen);
  const periodSelect = h("select", { id: "scen-period", class: "select" });
  periodSelect.addEventListener("change", () => renderScenarioResults());
  const scenNoModel = h("p", { class: "intro" }, m.mineNone);
  const scenResults = h("div", { class: "scen-results" });
  const periodField = h("div", { class: "field scen-field" }, h("label", { for: "scen-period" }, ms.periodLabel), periodSelect);
  const writeMsg = messageBar();
  panels
    .get("scen")!
    .append(
      card(
        "scen",
        ms.heading,
        ms.intro,
        null,
        scenToday,
        quickGroup,
        inputField,
        h("h3", { id: "scen-chosen-label" }, ms.chosenLabel),
        chosenEmpty,
        chosenList,
        scenNoModel,
        periodField,
        scenResults,
      ),
      card("scen-write", ms.writeHeading, ms.writeIntro, null, button(ms.writeButton, () => addScenarioTable()), writeMsg),
    );

  root.replaceChildren(h("div", { class: "app" }, header, tabList, ...panels.values(), announcer));
  selectTab("workbook", false);

  // ---------------------------------------------------------------- behaviour
  /** Adds a share to the comparison; false (with the reason shown) when it cannot. */
  function addShare(share: number): boolean {
    if (shares.includes(share)) {
      setMessage(inputMsg, "warning", ms.duplicate(pct(share)));
      return false;
    }
    if (shares.length >= MAX_SCENARIOS) {
      setMessage(inputMsg, "warning", ms.max(MAX_SCENARIOS));
      return false;
    }
    sharesTouched = true;
    shares = [...shares, share];
    shareInput.removeAttribute("aria-invalid");
    setMessage(inputMsg, null);
    announce(ms.added(pct(share)));
    renderScenarios();
    return true;
  }

  /** Removes a share; focus goes to `keep` if it stays in the page, else to the next chip or the input. */
  function removeShare(share: number, keep?: HTMLElement): void {
    const at = shares.indexOf(share);
    if (at < 0) return;
    sharesTouched = true;
    shares = shares.filter((s) => s !== share);
    setMessage(inputMsg, null);
    announce(ms.removed(pct(share)));
    renderScenarios();
    if (keep && keep.isConnected) return;
    const next = chosenList.querySelectorAll("button")[Math.min(at, shares.length - 1)];
    (next ?? shareInput).focus();
  }

  function renderScenarios(): void {
    if (!sharesTouched) shares = workbookShares(tables).slice(0, MAX_SCENARIOS);
    for (const b of quickButtons) b.setAttribute("aria-pressed", String(shares.includes(Number(b.dataset.share))));
    chosenEmpty.hidden = shares.length > 0;
    chosenList.replaceChildren(
      ...shares.map((share) => {
        const remove = h("button", { type: "button", class: "chip-remove", "aria-label": ms.remove(pct(share)), title: ms.remove(pct(share)) }, "\u00d7");
        remove.addEventListener("click", () => removeShare(share));
        return h("li", { class: "chip", "data-share": String(share) }, h("span", {}, ms.quickPick(pct(share))), remove);
      }),
    );
    const model = current?.model;
    scenToday.textContent = model ? ms.today(pct(model.equalShare)) : "";
    scenToday.hidden = !model;
    scenNoModel.hidden = !!model;
    const years = model?.years ?? [];
    const previous = periodSelect.value;
    const total = years.length ? ms.periodTotal(years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : years[0]) : "";
    periodSelect.replaceChildren(h("option", { value: "" }, total), ...years.map((y) => h("option", { value: y }, y)));
    periodSelect.value = years.includes(previous) ? previous : "";
    periodField.hidden = !model || shares.length === 0;
    renderScenarioResults();
  }

  function renderScenarioResults(): void {
    const cmp = shares.length ? compareScenarios(current, shares) : null;
    if (!cmp) {
      scenResults.replaceChildren();
      return;
    }
    const year = periodSelect.value;
    const period = year || periodSelect.options[0]?.text || "";
    scenResults.replaceChildren(scenarioChart(cmp, year, period), scenarioTableView(cmp, year, period));
  }

  /** The value of a row for the period: one year's, or the total over the years. */
  const pick = (perYear: Record<string, number>, total: number, year: string): number => (year ? (perYear[year] ?? 0) : total);
  const whole = (x: number): string => uiNumber(x, locale, 0);
  const signed = (x: number): string => (x > 0 ? `+${whole(x)}` : whole(x));

  /**
   * Grouped horizontal bars, one group per municipality (today first, then each scenario), drawn
   * as SVG through DOM APIs. role="img" with the text alternative; the table below is the data.
   */
  function scenarioChart(cmp: ScenarioComparison, year: string, period: string): HTMLElement {
    const series = [ms.colToday(pct(cmp.todayShare)), ...cmp.rows[0].scenarios.map((s) => ms.quickPick(pct(s.share)))];
    const values = cmp.rows.map((r) => [pick(r.today, r.todayTotal, year), ...r.scenarios.map((s) => pick(s.perYear, s.total, year))]);
    const max = Math.max(1, ...values.flat());
    const W = 300;
    const LABEL = 14;
    const BAR = 7;
    const GAP = 8;
    const svg = document.createElementNS(SVG_NS, "svg");
    const el = (tag: string, attrs: Record<string, string | number>): SVGElement => {
      const e = document.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      return e;
    };
    const alt = ms.chartAlt(period, series);
    const title = el("title", {});
    title.textContent = alt;
    svg.append(title);
    let y = 0;
    cmp.rows.forEach((r, i) => {
      const label = el("text", { x: 0, y: y + 10, class: "chart-label" });
      label.textContent = r.name;
      svg.append(label);
      y += LABEL;
      values[i].forEach((v, k) => {
        svg.append(el("rect", { x: 0, y, width: Math.max(0, (v / max) * W).toFixed(2), height: BAR, rx: 1, class: `bar series-${k}` }));
        y += BAR + 1;
      });
      y += GAP;
    });
    svg.setAttribute("viewBox", `0 0 ${W} ${y}`);
    svg.setAttribute("class", "scen-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", alt);
    const legend = h(
      "ul",
      { class: "legend", "aria-hidden": "true" },
      ...series.map((s, k) => h("li", {}, h("span", { class: `swatch series-${k}` }), s)),
    );
    return h("figure", { class: "scen-figure" }, legend, svg);
  }

  /** The comparison as a table: today, then per scenario its amount and the change against today. */
  function scenarioTableView(cmp: ScenarioComparison, year: string, period: string): HTMLElement {
    const scen = cmp.rows[0].scenarios;
    const head1 = h(
      "tr",
      {},
      h("th", { scope: "col", rowspan: "2" }, ms.colMunicipality),
      h("th", { scope: "col", rowspan: "2", class: "col-today" }, ms.colToday(pct(cmp.todayShare))),
      ...scen.map((s) => h("th", { scope: "colgroup", colspan: "2", class: "col-scen" }, ms.quickPick(pct(s.share)))),
    );
    const head2 = h("tr", {}, ...scen.flatMap(() => [h("th", { scope: "col" }, ms.colAmount), h("th", { scope: "col" }, ms.colDiff)]));
    const cells = (today: number, amounts: number[], diffs: number[]): HTMLTableCellElement[] => [
      h("td", { class: "col-today" }, whole(today)),
      ...amounts.flatMap((a, k) => [h("td", {}, whole(a)), h("td", { class: "diff" }, signed(diffs[k]))]),
    ];
    const body = cmp.rows.map((r) =>
      h(
        "tr",
        {},
        h("th", { scope: "row" }, r.name),
        ...cells(
          pick(r.today, r.todayTotal, year),
          r.scenarios.map((s) => pick(s.perYear, s.total, year)),
          r.scenarios.map((s) => pick(s.diffPerYear, s.diffTotal, year)),
        ),
      ),
    );
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const totals = h(
      "tr",
      { class: "total" },
      h("th", { scope: "row" }, ms.total),
      ...cells(
        sum(cmp.rows.map((r) => pick(r.today, r.todayTotal, year))),
        scen.map((_, k) => sum(cmp.rows.map((r) => pick(r.scenarios[k].perYear, r.scenarios[k].total, year)))),
        scen.map((_, k) => sum(cmp.rows.map((r) => pick(r.scenarios[k].diffPerYear, r.scenarios[k].diffTotal, year)))),
      ),
    );
    const label = ms.tableLabel(period);
    // Focusable so a keyboard user can scroll it sideways when it is wider than the pane.
    return h(
      "div",
      { class: "grid-wrap", role: "region", tabindex: "0", "aria-label": label },
      h("table", { class: "grid scen-grid" }, h("caption", { class: "visually-hidden" }, label), h("thead", {}, head1, head2), h("tbody", {}, ...body, totals)),
    );
  }

  /**
   * Writes the chosen shares as the Scenarier table. Never over an existing one: refused with
   * its place named. Below Parametere first; when the adapter refuses that area (taken, nothing
   * written) and nothing of ours was written, on a sheet of its own if that name is free.
   */
  async function addScenarioTable(): Promise<void> {
    setMessage(writeMsg, null);
    if (!shares.length) {
      setMessage(writeMsg, "warning", ms.writeNone);
      return;
    }
    try {
      tables = await host.readTables();
      const existing = findTable(tables, SCENARIO_TABLE.name);
      if (existing) {
        setMessage(writeMsg, "warning", ms.writeExists(existing.name, existing.sheet));
        return;
      }
      let table = scenarioTable(shares, tables);
      try {
        await host.write([], [table]);
      } catch (e) {
        const refused = e as { texts?: Partial<Record<Locale, string>>; written?: readonly string[]; writtenTables?: readonly string[] } | null;
        if (table.sheet === SCENARIO_FALLBACK_SHEET || !refused?.texts || refused.written?.length || refused.writtenTables?.length) throw e;
        // Only a refusal of the place is worth another place (the error's code, never its text).
        if (!isPlaceRefusal(e)) throw e;
        const after = await host.readTables();
        const status = await host.sheetStatus([SCENARIO_FALLBACK_SHEET]);
        if (findTable(after, SCENARIO_TABLE.name) || status[SCENARIO_FALLBACK_SHEET] !== "absent") throw e;
        table = scenarioTable(shares, after, true);
        await host.write([], [table]);
      }
      const address = `${quoteSheet(table.sheet)}!${a1(table.top, table.left)}:${a1(table.top + table.rows.length, table.left + table.headers.length - 1)}`;
      setMessage(writeMsg, "success", ms.writeDone(address));
    } catch (e) {
      setMessage(writeMsg, "error", m.failed(errorText(e)));
    }
    await refresh();
  }

  function renderTables(): void {
    const statuses = tableStatuses(tables, current?.findings ?? []);
    tableList.replaceChildren(
      ...statuses.map((s) => {
        const ic = s.state === "found" ? "success" : s.state === "missing" ? "missing" : s.errors ? "error" : "warning";
        const detail = s.state === "problems" ? `${m.tableState.problems}: ${m.tableProblems(s.errors, s.warnings)}` : m.tableState[s.state];
        return h(
          "li",
          { class: `table-item table-${s.state}`, "data-table": s.name },
          icon(ic),
          h("span", { class: "table-text" }, h("span", { class: "table-name" }, s.name), h("span", { class: "table-hint" }, m.tableHint[s.name] ?? "")),
          h("span", { class: "badge" }, detail),
        );
      }),
    );
  }

  function renderMunicipalities(): void {
    const names = current?.contributions.map((c) => c.name) ?? [];
    const previous = select.value;
    select.replaceChildren(h("option", { value: "" }, m.mineChoose), ...names.map((n) => h("option", { value: n }, n)));
    select.disabled = names.length === 0;
    mineEmpty.hidden = names.length > 0;
    select.value = names.includes(previous) ? previous : "";
    renderMine();
  }

  function renderMine(): void {
    const me = current?.contributions.find((c) => c.name === select.value);
    if (!current?.model || !me) {
      mineBody.replaceChildren();
      return;
    }
    const years = current.model.years;
    const sum = (r: Record<string, number>): number => years.reduce((s, y) => s + (r[y] ?? 0), 0);
    // With populations per year, each year's basis stands under the year (no extra column: the
    // table must still fit a 320 px pane).
    const byYear = basisDiffersByYear(current);
    const row = (label: string, cells: number[], cls?: string, basis?: number): HTMLTableRowElement =>
      h(
        "tr",
        { class: cls },
        h("th", { scope: "row" }, label, byYear && basis !== undefined ? h("span", { class: "basis" }, uiNumber(basis, locale, 0)) : null),
        ...cells.map((v) => h("td", {}, num(v))),
      );
    const table = h(
      "table",
      { class: "grid" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ...[m.mineYear, m.mineEqual, m.minePopulation, m.mineContribution, m.mineInKind].map((t) => h("th", { scope: "col" }, t)),
        ),
      ),
      h(
        "tbody",
        {},
        ...years.map((y) => row(y, [me.equalPart[y] ?? 0, me.populationPart[y] ?? 0, me.contributions[y] ?? 0, me.inKind[y] ?? 0], undefined, me.populationByYear[y])),
        row(m.mineTotal, [sum(me.equalPart), sum(me.populationPart), sum(me.contributions), sum(me.inKind)], "total"),
      ),
    );
    const how = explainMunicipality(current, me.name, locale);
    mineBody.replaceChildren(
      h("h3", { class: "mine-name" }, me.name),
      h(
        "dl",
        { class: "facts" },
        // One population for every year, or (bases per year) the note that each year has its own.
        byYear ? null : h("div", {}, h("dt", {}, m.minePopulationLabel), h("dd", {}, uiNumber(me.population, locale, 0))),
        h("div", {}, h("dt", {}, m.mineResourceShareLabel), h("dd", {}, formatPercent(me.resourceShare, locale))),
      ),
      h("div", { class: "grid-wrap" }, table),
      ...(byYear ? [h("p", { class: "basis-note" }, m.mineBasisNote)] : []),
      h("h3", {}, m.mineHowHeading),
      h(
        "ul",
        { class: "how" },
        ...(["contribution", "inKind"] as const).flatMap((what) =>
          how[what].map((g) =>
            h("li", {}, h("span", { class: "how-head" }, m.explainGroup(g.years, what)), ...g.lines.map((l) => h("span", { class: "how-line" }, l))),
          ),
        ),
      ),
    );
  }

  async function refresh(): Promise<void> {
    try {
      tables = await host.readTables();
      current = build(tables);
      setMessage(tablesMsg, null);
    } catch (e) {
      setMessage(tablesMsg, "error", m.failed(errorText(e)));
    }
    renderTables();
    renderMunicipalities();
    renderScenarios();
  }

  async function insertExample(): Promise<void> {
    setMessage(exampleMsg, null);
    try {
      tables = await host.readTables();
      const present = INPUT_TABLES.map((n) => findTable(tables, n)?.name).filter((n): n is string => !!n);
      if (present.length) {
        setMessage(exampleMsg, "warning", m.exampleRefused(present));
        return;
      }
      await host.write([], examplePlanTables());
      setMessage(exampleMsg, "success", m.exampleDone);
    } catch (e) {
      setMessage(exampleMsg, "error", m.failed(errorText(e)));
    }
    await refresh();
  }

  async function buildSheets(): Promise<void> {
    setMessage(buildMsg, null);
    summary.hidden = true;
    stepList.hidden = false;
    for (const s of stepIds) setStep(s, "pending");
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
        tables = read;
        const userSheets = plannedSheetNames(read).filter((n) => status[n] === "user");
        if (userSheets.length) return { kind: "userSheets", plans: [], names: [...userSheets] };
        setStep("reading", "done");
        step = "computing";
        setStep("computing", "active");
        // Let the browser paint the step before the synchronous computation.
        await new Promise((r) => setTimeout(r, 0));
        const result = build(read);
        current = result;
        const errors = result.findings.filter((f) => f.severity === "error").length;
        if (!result.model || errors > 0 || result.plans.length === 0) return { kind: "inputErrors", plans: [], result, errors };
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
        showFindings(outcome.result.findings);
        return;
      }
      setStep("writing", "done");
      setMessage(buildMsg, "success", m.buildDone);
      renderSummary(outcome.result);
    } catch (e) {
      setStep(step, "failed");
      setMessage(buildMsg, "error", m.failed(errorText(e)));
    } finally {
      renderTables();
      renderMunicipalities();
      renderScenarios();
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

  async function runCheck(): Promise<void> {
    setMessage(checkMsg, "info", m.checkRunning);
    findingList.replaceChildren();
    try {
      // One read for tables, status and the generated sheets (2 round trips in Excel instead of 5).
      const snap = await host.readAll(GENERATED_SHEETS);
      tables = snap.tables;
      const result = check(tables, snap.sheets, snap.status);
      showFindings(result.findings);
      // The inputs may have changed since the last refresh: keep the other tabs in step. check()
      // is build() plus the sheet findings, which name no input table, so no second build.
      current = result;
      renderTables();
      renderMunicipalities();
      renderScenarios();
    } catch (e) {
      setMessage(checkMsg, "error", m.failed(errorText(e)));
    }
  }

  function showFindings(findings: readonly Finding[]): void {
    const sorted = sortFindings(findings);
    const errors = sorted.filter((f) => f.severity === "error").length;
    const warnings = sorted.length - errors;
    setMessage(checkMsg, errors ? "error" : warnings ? "warning" : "success", sorted.length ? m.checkSummary(errors, warnings) : m.checkClean);
    findingList.replaceChildren(...sorted.map((f) => findingItem(f)));
  }

  function findingItem(f: Finding): HTMLLIElement {
    const where = describeWhere(f, locale);
    const body: Child[] = [
      h("span", { class: "finding-head" }, icon(f.severity), h("span", { class: "severity" }, m.severity[f.severity]), h("span", { class: "finding-id" }, f.id)),
      h("span", { class: "finding-message" }, withoutPrefix(f.message[locale], f.where.cell)),
      where ? h("span", { class: "finding-where" }, where) : null,
    ];
    const cell = f.where.cell;
    if (!cell) {
      return h("li", { class: `finding finding-${f.severity}`, "data-id": f.id }, h("div", { class: "finding-body" }, ...body));
    }
    // A real <button>: Enter and Space work natively, and it is in the tab order.
    const b = h(
      "button",
      { type: "button", class: "finding-body", "data-cell": cell, title: `${m.findingGoTo}: ${cell}` },
      ...body,
    );
    b.addEventListener("click", () => {
      host.select(cell).then(
        () => announce(m.selected(cell)),
        (e: unknown) => announce(m.selectFailed(cell, errorText(e))),
      );
    });
    return h("li", { class: `finding finding-${f.severity}`, "data-id": f.id }, b);
  }

  const ready = exclusive(() => refresh());
  return { ready };
}
