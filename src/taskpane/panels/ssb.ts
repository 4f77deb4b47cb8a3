/**
 * The workbook panel's card for populations from Statistics Norway (docs/ssb.md): fetch (progress
 * in a live region; the pane's exclusive buttons make a second click while one fetch runs do
 * nothing), then a preview per budget year and municipality (the workbook's figure, SSB's, and
 * how the contribution would change, from src/core/ssb/apply.ts), the findings, and for a year SSB
 * has not published a choice to use the latest published year instead; only "Write to the
 * workbook" writes (host.editInputTables), and nothing before it.
 *
 * One fetch asks with useLatest, so the choice needs no second request: a year whose box is not
 * ticked is turned back into "not published" here before the edits are planned. Everything from
 * SSB's answer (labels, figures) reaches the page as text nodes only (dom.ts `h`).
 */
import type { Locale } from "../../core/i18n";
import { budgetYears, municipalityRows, planPopulationWrite, type PopulationWrite } from "../../core/ssb/apply";
import { hasErrors, norwegianDate, type PopulationsResult } from "../../core/ssb/pxweb";
import { SsbError } from "../../core/ssb/errors";
import type { Finding } from "../../core/types";
import type { TableData } from "../../core/workbook/types";
import { fetchPopulations, type FetchResult } from "../../ssb/client";
import { card, h, icon, messageBar, setMessage } from "../dom";
import { uiNumber } from "../explain";
import type { PaneContext } from "./context";

const dateOf = (year: string, locale: Locale): string => (locale === "nb-NO" ? `1.1.${year}` : `1 Jan ${year}`);
const isYearFinding = (f: Finding) => f.id === "KBR-W-SSB-YEAR-LATEST" || f.id === "KBR-W-SSB-YEAR-UNPUBLISHED";

/** The result with the latest published year kept only for the budget years in `chosen`. */
function withChoices(result: PopulationsResult, chosen: ReadonlySet<string>): PopulationsResult {
  return {
    ...result,
    municipalities: result.municipalities.map((m) => ({
      ...m,
      years: Object.fromEntries(
        Object.entries(m.years).map(([by, y]) =>
          y.latest && !chosen.has(by) ? [by, { referenceYear: String(Number(by) - 1), population: null, latest: false, unpublished: true }] : [by, y],
        ),
      ),
    })),
  };
}

/** Budget years SSB has not published (the reference year is after the latest), from a useLatest fetch. */
function unpublishedYears(result: PopulationsResult): string[] {
  const years = new Set<string>();
  for (const m of result.municipalities) for (const [by, y] of Object.entries(m.years)) if (y.unpublished) years.add(by);
  return [...years].sort();
}

export function ssbCard(ctx: PaneContext): HTMLElement {
  const { host, locale, m } = ctx;
  const t = m.ssb;
  const progress = h("p", { class: "ssb-progress", role: "status", "aria-live": "polite", hidden: true });
  const msg = messageBar();
  const preview = h("div", { class: "ssb-preview", hidden: true });
  const writeMsg = messageBar();
  const writeBtn = ctx.button(t.write, () => write(), true);

  let fetched: FetchResult | null = null;
  let tables: TableData[] = [];
  const chosen = new Set<string>();
  let plan: PopulationWrite | null = null;

  const fetchBtn = ctx.button(t.fetch, () => fetchFigures());
  const body = h("div", { class: "ssb-body" }, fetchBtn, progress, msg, preview, writeMsg);

  function say(text: string | null): void {
    progress.hidden = text === null;
    progress.textContent = text ?? "";
  }

  async function fetchFigures(): Promise<void> {
    setMessage(msg, null);
    setMessage(writeMsg, null);
    preview.hidden = true;
    preview.replaceChildren();
    fetched = null;
    plan = null;
    chosen.clear();
    say(t.fetching);
    try {
      tables = await host.readTables();
      const { rows } = municipalityRows(tables);
      if (rows.length === 0) return setMessage(msg, "error", t.noMunicipalities);
      const years = budgetYears(tables);
      if (years.length === 0) return setMessage(msg, "error", t.noYears);
      let n = 0;
      fetched = await fetchPopulations(rows, years, { useLatest: true, onRequest: (r) => say(t.request(++n, r.kind)) });
      say(fetched.updated ? t.fetched(locale === "nb-NO" ? norwegianDate(fetched.updated) : fetched.updated.slice(0, 10)) : null);
      render();
    } catch (e) {
      say(null);
      setMessage(msg, "error", e instanceof SsbError ? e.text(locale) : m.failed(ctx.errorText(e)));
    }
  }

  function render(): void {
    if (!fetched) return;
    const findings = fetched.findings.filter((f) => !isYearFinding(f));
    const list = h(
      "ul",
      { class: "ssb-findings" },
      ...findings.map((f) => h("li", { class: `ssb-finding finding-${f.severity}` }, icon(f.severity === "error" ? "error" : "warning"), h("span", {}, f.message[locale]))),
    );
    if (hasErrors(findings)) {
      preview.replaceChildren(list);
      preview.hidden = false;
      setMessage(msg, "error", t.blocked(findings.filter((f) => f.severity === "error").length));
      return;
    }
    const result = withChoices(fetched, chosen);
    plan = planPopulationWrite(tables, result, fetched.fetched);
    const latest = fetched.latestYear ?? "";
    const parts: HTMLElement[] = [h("h3", { class: "ssb-preview-heading" }, t.previewHeading)];
    if (findings.length) parts.push(list);
    const years = [...new Set(plan.comparison.flatMap((c) => Object.keys(c.years)))].sort();
    const unpublished = new Set(unpublishedYears(fetched));
    for (const by of years) {
      const used = chosen.has(by);
      const ref = used ? latest : String(Number(by) - 1);
      const block = h("div", { class: "ssb-year", "data-year": by });
      if (unpublished.has(by)) {
        const id = `ssb-latest-${by}`;
        const box = h("input", { type: "checkbox", id, checked: used });
        box.addEventListener("change", () => {
          if (box.checked) chosen.add(by);
          else chosen.delete(by);
          render();
          document.getElementById(id)?.focus();
        });
        block.append(
          h("p", { class: "ssb-unpublished" }, icon(used ? "info" : "warning"), h("span", {}, used ? t.latestUsed(by, dateOf(latest, locale)) : t.unpublished(by, dateOf(String(Number(by) - 1), locale), dateOf(latest, locale)))),
          h("div", { class: "choice" }, box, h("label", { for: id }, t.useLatest(by, dateOf(latest, locale)))),
        );
      }
      const rows = plan.comparison.map((c) => {
        const y = c.years[by];
        const ssb = y.population === null ? (y.unpublished ? t.notPublished : "–") : uiNumber(y.population, locale, 0);
        const wb = y.workbook === null ? "–" : uiNumber(y.workbook, locale, 0);
        const change = y.contributionChange === null ? "–" : y.contributionChange > 0 ? `+${uiNumber(y.contributionChange, locale, 0)}` : uiNumber(y.contributionChange, locale, 0);
        const differs = y.population !== null && y.population !== y.workbook;
        return h("tr", { class: differs ? "ssb-differs" : undefined }, h("th", { scope: "row" }, c.name), h("td", {}, wb), h("td", {}, ssb), h("td", {}, change));
      });
      block.append(
        h(
          "table",
          { class: "ssb-table" },
          h("caption", {}, t.yearCaption(by, dateOf(ref, locale))),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t.colMunicipality), h("th", { scope: "col" }, t.colWorkbook), h("th", { scope: "col" }, t.colSsb), h("th", { scope: "col" }, t.colChange))),
          h("tbody", {}, ...rows),
        ),
      );
      parts.push(block);
    }
    // The source row's text already starts with "Kilde:" (src/core/ssb/pxweb.ts sourceText).
    if (plan.source) parts.push(h("p", { class: "ssb-source" }, plan.source.value));
    if (plan.columns.length === 0) parts.push(h("p", { class: "ssb-nothing" }, t.nothingToWrite));
    else parts.push(h("p", { class: "ssb-will-write" }, t.willWrite(plan.columns.map((c) => c.header), plan.source !== null)), writeBtn);
    preview.replaceChildren(...parts);
    preview.hidden = false;
  }

  async function write(): Promise<void> {
    if (!plan || plan.columns.length === 0) return;
    setMessage(writeMsg, null);
    if (!host.editInputTables) return setMessage(writeMsg, "error", m.failed("editInputTables"));
    say(t.writing);
    const count = (name: string) => tables.find((x) => x.name.trim().toLowerCase() === name.toLowerCase())?.rows.length;
    const expectRows: Record<string, number> = {};
    for (const name of ["Kommuner", "Parametere"]) {
      const n = count(name);
      if (n !== undefined) expectRows[name] = n;
    }
    try {
      await host.editInputTables(
        plan.columns.map((c) => ({ table: c.table, header: c.header, values: c.values, styleFrom: "Innbyggere" })),
        plan.source ? [{ table: plan.source.table, row: plan.source.row, values: { [plan.source.keyColumn]: plan.source.key, [plan.source.valueColumn]: plan.source.value } }] : [],
        expectRows,
      );
      const cols = plan.columns.map((c) => c.header);
      say(null);
      preview.hidden = true;
      preview.replaceChildren();
      plan = null;
      fetched = null;
      setMessage(writeMsg, "success", t.written(cols));
    } catch (e) {
      say(null);
      setMessage(writeMsg, "error", m.failed(ctx.errorText(e)));
      return;
    }
    await ctx.refresh();
  }

  return card("ssb", t.heading, t.intro, null, body);
}
