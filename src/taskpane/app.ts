/**
 * The task pane UI: the header, the tab row and one panel per tab (src/taskpane/panels/), on
 * plain DOM helpers (dom.ts). This module holds what the panels share: the last read of the
 * workbook, one operation at a time (Office.js batches interleaved from two clicks would
 * race), the live region for short announcements, and the first read when the pane opens.
 */
import type { Locale } from "../core/i18n";
import { h, htmlLang, localizedError } from "./dom";
import type { TaskpaneHost } from "./host";
import { MESSAGES, type Messages } from "./messages";
import { checkPanel } from "./panels/check";
import { followUpPanel } from "./panels/followup";
import type { PaneContext, PaneState, Panel } from "./panels/context";
import { minePanel } from "./panels/mine";
import { scenariosPanel } from "./panels/scenarios";
import { workbookPanel } from "./panels/workbook";
import { createTabs } from "./tabs";

export interface TaskpaneApp {
  /** Resolves when the first status read has finished (tests and the shell may wait on it). */
  ready: Promise<void>;
}

export function startApp(root: HTMLElement, host: TaskpaneHost, locale: Locale): TaskpaneApp {
  const m: Messages = MESSAGES[locale];
  document.documentElement.lang = htmlLang(locale);
  document.title = m.appTitle;

  const state: PaneState = { tables: [], current: null };
  let busy = false;
  const actionButtons: HTMLButtonElement[] = [];

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

  // A visually hidden live region for short announcements (selection moved, etc.).
  const announcer = h("div", { class: "visually-hidden", role: "status", "aria-live": "polite" });

  const ctx: PaneContext = {
    host,
    locale,
    m,
    state,
    button(label, onClick, primary = false) {
      const b = h("button", { type: "button", class: primary ? "btn btn-primary" : "btn" }, label);
      b.addEventListener("click", () => void exclusive(onClick));
      actionButtons.push(b);
      return b;
    },
    announce(text) {
      announcer.textContent = text;
    },
    errorText: (e) => localizedError(e, locale),
    refresh: () => workbook.refresh(),
    renderAll() {
      for (const p of rendered) p.render();
    },
    showFindings: (findings) => check.showFindings(findings),
    insertExample: (bar, followUp) => workbook.insertExample(bar, followUp),
  };

  const workbook = workbookPanel(ctx);
  const check = checkPanel(ctx);
  const mine = minePanel(ctx);
  const scen = scenariosPanel(ctx);
  const follow = followUpPanel(ctx);
  /** In this order after every read: the table list, the municipality list, the scenarios, the follow-up. */
  const rendered: Panel[] = [workbook, check, mine, scen, follow];

  const header = h("header", { class: "app-header" }, h("h1", {}, m.appTitle), h("p", { class: "subtitle" }, m.appSubtitle));
  const tabs = createTabs(
    [
      { id: "workbook", label: m.tabWorkbook, content: workbook.content },
      { id: "check", label: m.tabCheck, content: check.content },
      { id: "mine", label: m.tabMine, content: mine.content },
      { id: "scen", label: m.scen.tab, content: scen.content },
      { id: "followup", label: m.fu.tab, content: follow.content },
    ],
    { label: m.appTitle, more: m.tabMore, moreMenu: m.tabMoreMenu },
  );
  root.replaceChildren(h("div", { class: "app" }, header, tabs.nav, ...tabs.panels, announcer));
  tabs.select("workbook", false);

  const ready = exclusive(() => ctx.refresh());
  return { ready };
}
