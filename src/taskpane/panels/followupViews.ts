/**
 * Pieces the Oppfølging panel and Min kommune share to show the follow-up: a data table with a
 * caption and th scopes (focusable when it scrolls sideways in a 320 px pane), and the report
 * date in the user's language.
 */
import type { Locale } from "../../core/i18n";
import { h, htmlLang } from "../dom";

/** A table: caption (visible, it names the unit), column headers, then the given body rows. */
export function fuTable(caption: string, columns: readonly string[], rows: readonly HTMLTableRowElement[]): HTMLElement {
  // Focusable so a keyboard user can scroll it sideways when it is wider than the pane.
  return h(
    "div",
    { class: "grid-wrap", role: "region", tabindex: "0", "aria-label": caption },
    h(
      "table",
      { class: "grid fu-grid" },
      h("caption", { class: "fu-caption" }, caption),
      h("thead", {}, h("tr", {}, ...columns.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, ...rows),
    ),
  );
}

/** `2010-06-30` as the user's locale writes a date (30.6.2010, 6/30/2010). */
export function formatIsoDate(iso: string, locale: Locale): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(htmlLang(locale) === "nb" ? "nb-NO" : "en-US", { timeZone: "UTC", day: "numeric", month: "numeric", year: "numeric" }).format(d);
}
