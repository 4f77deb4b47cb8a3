/**
 * The pane's navigation: one row of tabs over one panel per tab, on one line at any width. The
 * tabs that do not fit go into a "Mer"/"More" menu button at the end of the row, as in Fluent's
 * TabList with overflow: the selected tab always stays in the row, the others keep their order
 * and leave from the end. The row is laid out again whenever its width changes
 * (ResizeObserver) or the selection does, so it works for any number of tabs.
 *
 * Keyboard (WAI-ARIA tabs and menu button patterns): in the row, Left/Right/Home/End move
 * through every tab, those in the menu included (selection follows focus, and the selected tab
 * comes into the row); Tab goes on to the menu button, then into the panel. On the menu
 * button, Enter, Space or Down opens the menu on its first item (Up on its last); in the menu,
 * Up/Down/Home/End move, Enter or Space opens that tab, Escape closes the menu back onto the
 * button, Tab closes it and goes on.
 */
import { h, icon } from "./dom";

interface TabSpec {
  id: string;
  label: string;
  content: HTMLElement[];
}

interface TabTexts {
  /** The tab list's accessible name. */
  label: string;
  /** The overflow menu button's text ("Mer"), and its menu's name. */
  more: string;
  moreMenu: string;
}

interface Tabs {
  /** The tab row, to place above the panels. */
  nav: HTMLElement;
  panels: HTMLElement[];
  select(id: string, focus: boolean): void;
}

/** Sub-pixel widths are rounded differently by the engine than summed here. */
const TOLERANCE_PX = 0.5;

export function createTabs(specs: readonly TabSpec[], texts: TabTexts): Tabs {
  const ids = specs.map((t) => t.id);
  let selected = ids[0];

  const tabList = h("div", { class: "pivot-tabs", role: "tablist", "aria-label": texts.label });
  const tabButtons = specs.map((t) => {
    const b = h("button", { type: "button", role: "tab", id: `tab-${t.id}`, "aria-controls": `panel-${t.id}`, class: "pivot-tab" }, t.label);
    b.addEventListener("click", () => select(t.id, false));
    return b;
  });
  tabList.append(...tabButtons);
  const panels = specs.map((t) =>
    h("section", { role: "tabpanel", id: `panel-${t.id}`, "aria-labelledby": `tab-${t.id}`, class: "panel" }, ...t.content),
  );

  const more = h(
    "button",
    { type: "button", id: "tab-more", class: "pivot-tab pivot-more", "aria-haspopup": "menu", "aria-expanded": "false", "aria-controls": "tab-menu", hidden: true },
    h("span", {}, texts.more),
    icon("chevron"),
  );
  const menu = h("div", { id: "tab-menu", class: "menu", role: "menu", "aria-label": texts.moreMenu, hidden: true });
  const moreWrap = h("div", { class: "pivot-more-wrap" }, more, menu);
  const nav = h("div", { class: "pivot" }, tabList, moreWrap);

  // ------------------------------------------------------------- the row and its overflow
  /** Shows the tabs that fit (the selected one always), the rest as items of the menu. */
  const items = (): HTMLButtonElement[] => [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')];

  function layout(): void {
    for (const b of tabButtons) b.hidden = false;
    more.hidden = false;
    const navStyle = getComputedStyle(nav);
    const avail = nav.clientWidth - parseFloat(navStyle.paddingLeft) - parseFloat(navStyle.paddingRight);
    const gap = parseFloat(getComputedStyle(tabList).columnGap) || 0;
    const widths = tabButtons.map((b) => b.getBoundingClientRect().width);
    const rowWidth = (shown: readonly boolean[]): number => {
      const w = widths.filter((_, i) => shown[i]);
      return w.reduce((a, x) => a + x, 0) + gap * Math.max(0, w.length - 1);
    };
    let shown = ids.map(() => true);
    // Not laid out (detached, or display:none): leave every tab in the row.
    if (avail > 0 && rowWidth(shown) > avail + TOLERANCE_PX) {
      const budget = avail - moreWrap.getBoundingClientRect().width - (parseFloat(navStyle.columnGap) || 0);
      shown = ids.map((id) => id === selected);
      for (let i = 0; i < ids.length; i++) {
        if (shown[i]) continue;
        const trial = shown.map((s, j) => s || j === i);
        if (rowWidth(trial) > budget + TOLERANCE_PX) break;
        shown = trial;
      }
    }
    tabButtons.forEach((b, i) => (b.hidden = !shown[i]));
    more.hidden = shown.every(Boolean);
    const hiddenIds = ids.filter((_, i) => !shown[i]);
    // The same tabs in the menu: keep its items (and the focus on one; a relayout comes whenever
    // the pane's width changes, also while the menu is open).
    const current = items().map((b) => b.dataset.tab);
    if (current.length === hiddenIds.length && current.every((id, i) => id === hiddenIds[i])) {
      if (more.hidden) closeMenu(false);
      return;
    }
    const focused = menu.contains(document.activeElement) ? (document.activeElement as HTMLElement).dataset.tab : undefined;
    menu.replaceChildren(
      ...hiddenIds.map((id) => {
        const item = h("button", { type: "button", role: "menuitem", tabindex: "-1", class: "menu-item", "data-tab": id }, specs[ids.indexOf(id)].label);
        item.addEventListener("click", () => {
          closeMenu(false);
          select(id, true);
        });
        return item;
      }),
    );
    if (more.hidden) closeMenu(false);
    else if (focused !== undefined && !menu.hidden) (items().find((b) => b.dataset.tab === focused) ?? more).focus();
  }

  // ------------------------------------------------------------- selection
  function select(id: string, focus: boolean): void {
    selected = id;
    tabButtons.forEach((b, i) => {
      const on = ids[i] === id;
      b.setAttribute("aria-selected", String(on));
      b.tabIndex = on ? 0 : -1;
      panels[i].hidden = !on;
    });
    layout();
    if (focus) tabButtons[ids.indexOf(id)].focus();
  }

  tabList.addEventListener("keydown", (ev) => {
    const at = tabButtons.findIndex((b) => b === document.activeElement);
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

  // ------------------------------------------------------------- the menu
  function openMenu(focusLast = false): void {
    if (!items().length) return;
    menu.hidden = false;
    more.setAttribute("aria-expanded", "true");
    const list = items();
    list[focusLast ? list.length - 1 : 0].focus();
  }

  function closeMenu(focusButton: boolean): void {
    if (menu.hidden) return;
    menu.hidden = true;
    more.setAttribute("aria-expanded", "false");
    if (focusButton) more.focus();
  }

  more.addEventListener("click", () => (menu.hidden ? openMenu() : closeMenu(true)));
  more.addEventListener("keydown", (ev) => {
    if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
    ev.preventDefault();
    openMenu(ev.key === "ArrowUp");
  });
  menu.addEventListener("keydown", (ev) => {
    const list = items();
    const at = list.findIndex((b) => b === document.activeElement);
    let next = -1;
    if (ev.key === "ArrowDown") next = (at + 1) % list.length;
    else if (ev.key === "ArrowUp") next = (at - 1 + list.length) % list.length;
    else if (ev.key === "Home") next = 0;
    else if (ev.key === "End") next = list.length - 1;
    else if (ev.key === "Escape") {
      ev.preventDefault();
      closeMenu(true);
      return;
    } else if (ev.key === "Tab") {
      // Focus goes back to the button first, so Tab (or Shift+Tab) goes on from there.
      closeMenu(true);
      return;
    }
    if (next < 0) return;
    ev.preventDefault();
    list[next].focus();
  });
  // A click or focus anywhere else closes the menu, as a Fluent menu does.
  document.addEventListener("pointerdown", (ev) => {
    if (!moreWrap.contains(ev.target as Node)) closeMenu(false);
  });
  menu.addEventListener("focusout", (ev) => {
    if (!moreWrap.contains(ev.relatedTarget as Node | null)) closeMenu(false);
  });

  // Only a new width lays the row out again (showing "More" may not change it, so no loop).
  let laidOutWidth = -1;
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(() => {
      if (nav.clientWidth === laidOutWidth) return;
      laidOutWidth = nav.clientWidth;
      layout();
    }).observe(nav);
  }
  return { nav, panels, select };
}
