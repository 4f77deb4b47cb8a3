/**
 * The Oppfølging (follow-up) panel: the engine's follow-up (BuildResult.followUp, rules in
 * docs/followup.md) at its report date: budget against actual per year (CSS bars as one image
 * with a text alternative, the table under them carries the figures), the deviations that reach
 * a limit (unexplained first), each municipality's payments and in-kind hours for a chosen
 * year or all years. Without a Regnskap or Timer table it says how to add them. The pane only
 * shows the engine's figures; it sums nothing but the per-year and all-year totals it shows.
 */
import { FOLLOWUP_SHEET, plannedSheetNames } from "../../core/engine";
import type { FollowUp, FollowUpCost } from "../../core/followup";
import { FOLLOWUP_TABLE_KEYS, TABLES } from "../../core/model/read";
import { card, h, icon, messageBar, type Child } from "../dom";
import { formatPercent, uiNumber } from "../explain";
import { formatIsoDate, fuTable } from "./followupViews";
import type { PaneContext, Panel } from "./context";

/** What the empty state lists: the follow-up tables (core's TABLES) and whether each is needed to start. */
const HOW_TABLES = FOLLOWUP_TABLE_KEYS.map((key) => ({ ...TABLES[key], optionalTable: key === "explanations" }));

/** Unexplained first, then the largest deviation first (as a reader works through them). */
function flaggedDeviations(costs: readonly FollowUpCost[]): FollowUpCost[] {
  return costs
    .filter((c) => c.flagged)
    .sort((a, b) => Number(a.explained) - Number(b.explained) || Math.abs(b.deviation) - Math.abs(a.deviation) || a.year.localeCompare(b.year));
}

/** Budget and actual per year over every cost post. */
function perYear(f: FollowUp): { year: string; budget: number; actual: number }[] {
  const years = new Map<string, { year: string; budget: number; actual: number }>();
  for (const c of f.costs) {
    const y = years.get(c.year) ?? { year: c.year, budget: 0, actual: 0 };
    y.budget += c.budget;
    y.actual += c.actual;
    years.set(c.year, y);
  }
  return [...years.values()].sort((a, b) => a.year.localeCompare(b.year));
}

export function followUpPanel(ctx: PaneContext): Panel {
  const { locale, m, state } = ctx;
  const t = m.fu;
  const whole = (x: number): string => uiNumber(x, locale, 0);
  const signed = (x: number): string => (x > 0 ? `+${whole(x)}` : whole(x));

  // The short status line is the live region: screen readers hear one sentence when the figures
  // change, not every table.
  const status = h("p", { class: "fu-status", role: "status", "aria-live": "polite" });
  const facts = h("dl", { class: "facts" });
  const notice = h("p", { class: "intro fu-notice", hidden: true }, t.noFollowUp);
  const yearsBody = h("div", { class: "fu-years" });
  const deviationsBody = h("div", { class: "fu-deviations" });
  const period = h("select", { id: "fu-period", class: "select" });
  period.addEventListener("change", () => renderMunicipalities());
  const paymentsBody = h("div", {});
  const inKindBody = h("div", {});

  const mainCard = card("fu", t.heading, t.intro, null, status, facts, notice);
  const yearsCard = card("fu-years", t.yearsHeading, "", null, yearsBody);
  const deviationsCard = card("fu-dev", t.deviationsHeading, "", null, deviationsBody);
  const muniCard = card(
    "fu-muni",
    t.paymentsHeading,
    "",
    null,
    h("div", { class: "field" }, h("label", { for: "fu-period" }, t.periodLabel), period),
    paymentsBody,
    h("h3", {}, t.inKindHeading),
    inKindBody,
  );
  const deviationsIntro = deviationsCard.querySelector<HTMLElement>(".intro")!;
  for (const c of [yearsCard, muniCard]) c.querySelector(".intro")?.remove();

  const exampleMsg = messageBar();
  const emptyCard = card(
    "fu-empty",
    t.emptyHeading,
    t.emptyIntro,
    null,
    h("p", {}, t.emptyHow),
    h(
      "dl",
      { class: "fu-how" },
      ...HOW_TABLES.map((x) => h("div", {}, h("dt", {}, x.name), h("dd", {}, t.emptyColumns(x.columns, x.optionalColumns, x.optionalTable)))),
    ),
    h("p", {}, t.emptyExample),
    ctx.button(t.exampleButton, () => ctx.insertExample(exampleMsg, true)),
    exampleMsg,
  );
  const dataCards = [mainCard, yearsCard, deviationsCard, muniCard];

  function render(): void {
    // One rule with the build: the panel has data when the build would write the Oppfølging sheet.
    const has = plannedSheetNames(state.tables).includes(FOLLOWUP_SHEET);
    const f = state.current?.followUp;
    emptyCard.hidden = has;
    mainCard.hidden = !has;
    for (const c of [yearsCard, deviationsCard, muniCard]) c.hidden = !has || !f;
    notice.hidden = !has || !!f;
    if (!has) {
      status.textContent = "";
      return;
    }
    if (!f) {
      status.textContent = "";
      facts.replaceChildren();
      return;
    }
    const asOf = f.asOf ? formatIsoDate(f.asOf, locale) : "–";
    const flagged = flaggedDeviations(f.costs);
    status.textContent = t.status(asOf, flagged.length, flagged.filter((c) => !c.explained).length);
    const fact = (label: string, value: string, note?: string): HTMLElement =>
      h("div", {}, h("dt", {}, label), h("dd", {}, value, note ? h("span", { class: "fu-note" }, note) : null));
    facts.replaceChildren(
      fact(t.asOfLabel, asOf, t.asOfSource[f.asOfSource]),
      fact(t.leftOutLabel, t.leftOut(f.leftOut.ledger, f.leftOut.hours, f.leftOut.explanations)),
    );
    renderYears(f);
    renderDeviations(f, flagged);
    const years = [...new Set(f.costs.map((c) => c.year))].sort();
    const previous = period.value;
    period.replaceChildren(h("option", { value: "" }, t.allYears), ...years.map((y) => h("option", { value: y }, y)));
    period.value = years.includes(previous) ? previous : "";
    renderMunicipalities();
  }

  function renderYears(f: FollowUp): void {
    const rows = perYear(f);
    const max = Math.max(1, ...rows.flatMap((r) => [Math.abs(r.budget), Math.abs(r.actual)]));
    const pct = (x: number): string => `${((Math.max(0, x) / max) * 100).toFixed(2)}%`;
    const yearsText = rows.length > 1 ? `${rows[0].year}–${rows[rows.length - 1].year}` : (rows[0]?.year ?? "");
    // One image for the bars (role="img" hides its parts from screen readers); the table is the data.
    const chart = h(
      "figure",
      { class: "fu-chart", role: "img", "aria-label": t.chartAlt(yearsText) },
      h(
        "ul",
        { class: "legend" },
        h("li", {}, h("span", { class: "swatch series-0" }), t.budget),
        h("li", {}, h("span", { class: "swatch series-1" }), t.actual),
      ),
      ...rows.map((r) => {
        const bar = (v: number, series: number): HTMLElement => {
          const b = h("span", { class: `fu-bar series-${series}` });
          b.style.width = pct(v);
          return b;
        };
        return h("div", { class: "fu-bar-row" }, h("span", { class: "fu-bar-year" }, r.year), h("span", { class: "fu-bar-pair" }, bar(r.budget, 0), bar(r.actual, 1)));
      }),
    );
    const total = rows.reduce((a, r) => ({ budget: a.budget + r.budget, actual: a.actual + r.actual }), { budget: 0, actual: 0 });
    const line = (label: string, b: number, a: number, cls?: string): HTMLTableRowElement =>
      h("tr", { class: cls }, h("th", { scope: "row" }, label), h("td", {}, whole(b)), h("td", {}, whole(a)), h("td", { class: "diff" }, signed(a - b)));
    yearsBody.replaceChildren(
      chart,
      fuTable(
        t.yearsCaption,
        [t.year, t.budget, t.actual, t.deviation],
        [...rows.map((r) => line(r.year, r.budget, r.actual)), line(t.total, total.budget, total.actual, "total")],
      ),
    );
  }

  function renderDeviations(f: FollowUp, flagged: FollowUpCost[]): void {
    deviationsIntro.textContent = t.deviationsIntro(whole(f.params.limitKr), formatPercent(f.params.limitShare, locale));
    if (!flagged.length) {
      deviationsBody.replaceChildren(h("p", { class: "intro" }, t.deviationsNone));
      return;
    }
    deviationsBody.replaceChildren(
      h(
        "ul",
        { class: "fu-dev-list", "aria-label": t.deviationsHeading },
        ...flagged.map((c) => {
          const share = c.deviationShare === null ? null : formatPercent(c.deviationShare, locale);
          const parts: Child[] = [
            h(
              "span",
              { class: "fu-dev-head" },
              icon(c.explained ? "info" : "warning"),
              h("span", { class: "fu-dev-post" }, c.post),
              h("span", { class: "fu-dev-year" }, c.year),
            ),
            h("span", { class: "fu-dev-amount" }, t.deviationLine(signed(c.deviation), share)),
            h("span", { class: "fu-dev-state" }, c.explained ? `${t.explained}: ${c.explanation ?? ""}` : t.unexplained),
          ];
          return h("li", { class: `fu-dev ${c.explained ? "fu-dev-explained" : "fu-dev-unexplained"}` }, ...parts);
        }),
      ),
    );
  }

  function renderMunicipalities(): void {
    const f = state.current?.followUp;
    if (!f) return;
    const year = period.value;
    const label = year || t.allYears.toLocaleLowerCase(locale);
    const inYear = (y: string): boolean => !year || y === year;
    const pay = new Map<string, { due: number; paid: number }>();
    for (const p of f.municipalities) {
      if (!inYear(p.year)) continue;
      const x = pay.get(p.name) ?? { due: 0, paid: 0 };
      x.due += p.due;
      x.paid += p.paid;
      pay.set(p.name, x);
    }
    const sumPay = [...pay.values()].reduce((a, x) => ({ due: a.due + x.due, paid: a.paid + x.paid }), { due: 0, paid: 0 });
    const payRow = (name: string, x: { due: number; paid: number }, cls?: string): HTMLTableRowElement =>
      h("tr", { class: cls }, h("th", { scope: "row" }, name), h("td", {}, whole(x.due)), h("td", {}, whole(x.paid)), h("td", {}, whole(x.due - x.paid)));
    paymentsBody.replaceChildren(
      fuTable(t.paymentsCaption(label), [t.municipality, t.due, t.paid, t.unpaid], [...[...pay].map(([n, x]) => payRow(n, x)), payRow(t.total, sumPay, "total")]),
    );

    const kind = new Map<string, { planned: number; hours: number; value: number }>();
    for (const k of f.inKind) {
      if (!inYear(k.year)) continue;
      const x = kind.get(k.name) ?? { planned: 0, hours: 0, value: 0 };
      x.planned += k.planned;
      x.hours += k.hours;
      x.value += k.value;
      kind.set(k.name, x);
    }
    const others = f.others.filter((o) => inYear(o.year)).reduce((a, o) => ({ planned: 0, hours: a.hours + o.hours, value: a.value + o.value }), { planned: 0, hours: 0, value: 0 });
    const all = [...kind.values(), others].reduce(
      (a, x) => ({ planned: a.planned + x.planned, hours: a.hours + x.hours, value: a.value + x.value }),
      { planned: 0, hours: 0, value: 0 },
    );
    // Other participants have no planned share (they are not in Kommuner): "–", not 0.
    const kindRow = (name: string, x: { planned: number; hours: number; value: number }, cls?: string, noPlan = false): HTMLTableRowElement =>
      h("tr", { class: cls }, h("th", { scope: "row" }, name), h("td", {}, noPlan ? "–" : whole(x.planned)), h("td", {}, uiNumber(x.hours, locale, 2)), h("td", {}, whole(x.value)));
    inKindBody.replaceChildren(
      fuTable(
        t.inKindCaption(label),
        [t.municipality, t.planned, t.hours, t.value],
        [...[...kind].map(([n, x]) => kindRow(n, x)), ...(others.hours || others.value ? [kindRow(t.others, others, "other", true)] : []), kindRow(t.total, all, "total")],
      ),
    );
  }

  return { content: [emptyCard, ...dataCards], render };
}
