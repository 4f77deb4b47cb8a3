/**
 * The two views of a scenario comparison on the Scenarier panel, for the whole period or one
 * year: grouped horizontal bars (SVG drawn through DOM APIs, role="img" with a text
 * alternative) and the table that carries the data (today, then per scenario its amount and
 * its change against today). Kept apart from the panel's state and events.
 */
import type { Locale } from "../../core/i18n";
import { h, SVG_NS } from "../dom";
import { formatPercent, uiNumber } from "../explain";
import type { Messages } from "../messages";
import type { ScenarioComparison } from "../scenarios";

/** The value of a row for the period: one year's, or the total over the years. */
const pick = (perYear: Record<string, number>, total: number, year: string): number => (year ? (perYear[year] ?? 0) : total);

/**
 * Grouped horizontal bars, one group per municipality (today first, then each scenario), drawn
 * as SVG through DOM APIs. role="img" with the text alternative; the table below is the data.
 */
export function scenarioChart(cmp: ScenarioComparison, year: string, period: string, ms: Messages["scen"], locale: Locale): HTMLElement {
  const pct = (share: number): string => formatPercent(share, locale);
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
export function scenarioTableView(cmp: ScenarioComparison, year: string, period: string, ms: Messages["scen"], locale: Locale): HTMLElement {
  const pct = (share: number): string => formatPercent(share, locale);
  const whole = (x: number): string => uiNumber(x, locale, 0);
  const signed = (x: number): string => (x > 0 ? `+${whole(x)}` : whole(x));
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
