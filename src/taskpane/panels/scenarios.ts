/**
 * The Scenarier (scenarios) panel: other equal shares compared live with today's key, per
 * municipality, as grouped bars and as a table, in total or for one year; shares picked from
 * quick choices or typed (refused with the reason when not a share). On request the chosen
 * shares are written as the workbook's Scenarier table: never over an existing one, below
 * Parametere when that area is free, else on a sheet of its own.
 */
import { a1, quoteSheet } from "../../core/a1";
import type { Locale } from "../../core/i18n";
import { isPlaceRefusal } from "../../core/workbook/errors";
import { card, h, messageBar, setMessage } from "../dom";
import { findTable, formatPercent } from "../explain";
import {
  compareScenarios,
  MAX_SCENARIOS,
  parseShare,
  QUICK_SHARES,
  SCENARIO_FALLBACK_SHEET,
  SCENARIO_TABLE,
  scenarioTable,
  workbookShares,
} from "../scenarios";
import type { PaneContext, Panel } from "./context";
import { scenarioChart, scenarioTableView } from "./scenarioViews";

export function scenariosPanel(ctx: PaneContext): Panel {
  const { host, locale, m, state, announce } = ctx;
  const button = ctx.button;
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
  const content = [
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
  ];

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
    if (!sharesTouched) shares = workbookShares(state.tables).slice(0, MAX_SCENARIOS);
    for (const b of quickButtons) b.setAttribute("aria-pressed", String(shares.includes(Number(b.dataset.share))));
    chosenEmpty.hidden = shares.length > 0;
    chosenList.replaceChildren(
      ...shares.map((share) => {
        const remove = h("button", { type: "button", class: "chip-remove", "aria-label": ms.remove(pct(share)), title: ms.remove(pct(share)) }, "\u00d7");
        remove.addEventListener("click", () => removeShare(share));
        return h("li", { class: "chip", "data-share": String(share) }, h("span", {}, ms.quickPick(pct(share))), remove);
      }),
    );
    const model = state.current?.model;
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
    const cmp = shares.length ? compareScenarios(state.current, shares) : null;
    if (!cmp) {
      scenResults.replaceChildren();
      return;
    }
    const year = periodSelect.value;
    const period = year || periodSelect.options[0]?.text || "";
    scenResults.replaceChildren(scenarioChart(cmp, year, period, ms, locale), scenarioTableView(cmp, year, period, ms, locale));
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
      state.tables = await host.readTables();
      const existing = findTable(state.tables, SCENARIO_TABLE.name);
      if (existing) {
        setMessage(writeMsg, "warning", ms.writeExists(existing.name, existing.sheet));
        return;
      }
      let table = scenarioTable(shares, state.tables);
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
      setMessage(writeMsg, "error", m.failed(ctx.errorText(e)));
    }
    await ctx.refresh();
  }

  return { content, render: renderScenarios };
}
