/**
 * The pane's navigation: a row of tabs (WAI-ARIA tabs pattern, selection follows focus), one
 * tab panel per tab. Arrow keys, Home and End move between tabs; Tab goes on into the panel.
 */
import { h } from "./dom";

export interface TabSpec {
  id: string;
  label: string;
  content: HTMLElement[];
}

export interface Tabs {
  /** The tab row, to place above the panels. */
  nav: HTMLElement;
  panels: HTMLElement[];
  select(id: string, focus: boolean): void;
}

export function createTabs(specs: readonly TabSpec[], label: string): Tabs {
  const tabList = h("div", { class: "pivot", role: "tablist", "aria-label": label });
  const tabButtons = new Map<string, HTMLButtonElement>();
  const panels = new Map<string, HTMLElement>();
  for (const t of specs) {
    const b = h("button", { type: "button", role: "tab", id: `tab-${t.id}`, "aria-controls": `panel-${t.id}`, class: "pivot-tab" }, t.label);
    b.addEventListener("click", () => select(t.id, false));
    tabButtons.set(t.id, b);
    tabList.append(b);
    panels.set(t.id, h("section", { role: "tabpanel", id: `panel-${t.id}`, "aria-labelledby": `tab-${t.id}`, class: "panel" }, ...t.content));
  }
  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Tab goes on into the panel.
  tabList.addEventListener("keydown", (ev) => {
    const ids = specs.map((t) => t.id);
    const at = ids.findIndex((id) => tabButtons.get(id) === document.activeElement);
    if (at < 0) return;
    let next = -1;
    if (ev.key === "ArrowRight") next = (at + 1) % ids.length;
    else if (ev.key === "ArrowLeft") next = (at - 1 + ids.length) % ids.length;
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = ids.length - 1;
    if (next < 0) return;
    ev.preventDefault();
    select(ids[next], true);
  });
  function select(id: string, focus: boolean): void {
    for (const t of specs) {
      const on = t.id === id;
      const b = tabButtons.get(t.id)!;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panels.get(t.id)!.hidden = !on;
    }
    if (focus) tabButtons.get(id)!.focus();
  }
  return { nav: tabList, panels: [...panels.values()], select };
}
