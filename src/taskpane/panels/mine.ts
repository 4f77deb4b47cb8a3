/**
 * The Min kommune (my municipality) panel: one municipality's contribution and in-kind part
 * per year (equal and population parts), with the computation in words. With populations per
 * year each year's basis stands under the year, so the table still fits a 320 px pane. With the
 * follow-up tables (docs/followup.md) it also shows the municipality's payments and in-kind work.
 */
import { basisDiffersByYear, explainMunicipality, formatPercent, uiNumber } from "../explain";
import { card, h } from "../dom";
import { fuTable } from "./followupViews";
import type { PaneContext, Panel } from "./context";

export function minePanel(ctx: PaneContext): Panel {
  const { locale, m, state } = ctx;
  const num = (x: number): string => uiNumber(x, locale, 2);

  const select = h("select", { id: "mine-select", class: "select" });
  select.addEventListener("change", () => renderMine());
  const mineBody = h("div", { class: "mine-body", "aria-live": "polite" });
  const mineEmpty = h("p", { class: "intro" }, m.mineNone);
  const mineCard = card(
    "mine",
    m.mineHeading,
    m.mineIntro,
    null,
    mineEmpty,
    h("div", { class: "field" }, h("label", { for: "mine-select" }, m.mineSelectLabel), select),
    mineBody,
  );

  /** The municipality list from the last build; the choice is kept while it is still there. */
  function render(): void {
    const names = state.current?.contributions.map((c) => c.name) ?? [];
    const previous = select.value;
    select.replaceChildren(h("option", { value: "" }, m.mineChoose), ...names.map((n) => h("option", { value: n }, n)));
    select.disabled = names.length === 0;
    mineEmpty.hidden = names.length > 0;
    select.value = names.includes(previous) ? previous : "";
    renderMine();
  }

  function renderMine(): void {
    const current = state.current;
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
      ...followUpPart(me.name),
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

  /** Payments and in-kind work of `name` per year, when the workbook has the follow-up tables. */
  function followUpPart(name: string): HTMLElement[] {
    const f = state.current?.followUp;
    if (!f) return [];
    const t = m.fu;
    const whole = (x: number): string => uiNumber(x, locale, 0);
    const pays = f.municipalities.filter((p) => p.name === name);
    const kinds = f.inKind.filter((k) => k.name === name);
    const add = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const payRow = (label: string, due: number, paid: number, cls?: string): HTMLTableRowElement =>
      h("tr", { class: cls }, h("th", { scope: "row" }, label), h("td", {}, whole(due)), h("td", {}, whole(paid)), h("td", {}, whole(due - paid)));
    const kindRow = (label: string, planned: number, hours: number, value: number, cls?: string): HTMLTableRowElement =>
      h("tr", { class: cls }, h("th", { scope: "row" }, label), h("td", {}, whole(planned)), h("td", {}, uiNumber(hours, locale, 2)), h("td", {}, whole(value)));
    return [
      h("h3", {}, t.mineHeading),
      fuTable(t.minePaymentsCaption(name), [t.year, t.due, t.paid, t.unpaid], [
        ...pays.map((p) => payRow(p.year, p.due, p.paid)),
        payRow(t.total, add(pays.map((p) => p.due)), add(pays.map((p) => p.paid)), "total"),
      ]),
      fuTable(t.mineInKindCaption(name), [t.year, t.planned, t.hours, t.value], [
        ...kinds.map((k) => kindRow(k.year, k.planned, k.hours, k.value)),
        kindRow(t.total, add(kinds.map((k) => k.planned)), add(kinds.map((k) => k.hours)), add(kinds.map((k) => k.value)), "total"),
      ]),
    ];
  }

  return { content: [mineCard], render };
}
