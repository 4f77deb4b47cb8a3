/**
 * Starts the task pane: with the injected test host (browser tests), inside Excel with
 * Office.js (or a "too old" message when Excel lacks a required API set), and outside Office
 * with a message in both languages instead of a blank page.
 */
import { LOCALES, pickLocale, type Locale } from "../core/i18n";
import { editInputTables } from "../excel/inputEdit";
import { checkRequirements } from "../excel/requirements";
import { selectAddress } from "../excel/select";
import { OfficeWorkbook } from "../excel/workbook";
import { startApp } from "./app";
import { h, htmlLang } from "./dom";
import { injectedTestHost, type TaskpaneHost } from "./host";
import { MESSAGES } from "./messages";
import { applyOfficeTheme, lightPaletteFallback, readOfficeTheme } from "./theme";

/** How long to wait for Office.onReady before calling this "not Excel" (it is quick in a plain browser). */
const OFFICE_READY_TIMEOUT_MS = 10_000;
/** office.js is a blocking script before ours: if Office is still undefined shortly after, it did not load. */
const OFFICE_MISSING_GRACE_MS = 1_500;

function showLoading(root: HTMLElement): void {
  root.replaceChildren(h("p", { class: "loading", role: "status" }, LOCALES.map((l) => MESSAGES[l].loading).join(" / ")));
}

/** A notice in place of the app: one titled section per language given. */
function showNotice(root: HTMLElement, marker: string, sections: readonly { locale: Locale; title: string; body: string }[]): void {
  root.replaceChildren(
    h(
      "div",
      { class: "outside", role: "alert", [marker]: "" },
      ...sections.map((s) => h("section", { lang: htmlLang(s.locale) }, h("h2", {}, s.title), h("p", {}, s.body))),
    ),
  );
}

/** Outside Excel the page cannot know the user's language, so it speaks both. */
function showOutsideOffice(root: HTMLElement): void {
  showNotice(
    root,
    "data-outside-office",
    LOCALES.map((l) => ({ locale: l, title: MESSAGES[l].outsideTitle, body: MESSAGES[l].outsideBody })),
  );
}

/** Inside an Excel that lacks required API sets Build would fail part-way: say so, in the UI language. */
function showExcelTooOld(root: HTMLElement, message: Record<Locale, string>, locale: Locale): void {
  showNotice(root, "data-excel-too-old", [{ locale, title: MESSAGES[locale].tooOldTitle, body: message[locale] }]);
}

/** The host from Office.onReady, or null when this is not Office (no office.js, no host, timeout). */
function waitForOffice(): Promise<Office.HostType | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = (): void => {
      if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
        const timer = setTimeout(() => resolve(null), OFFICE_READY_TIMEOUT_MS);
        Office.onReady().then(
          (info) => {
            clearTimeout(timer);
            resolve(info.host ?? null);
          },
          () => {
            clearTimeout(timer);
            resolve(null);
          },
        );
      } else if (Date.now() - started > OFFICE_MISSING_GRACE_MS) {
        resolve(null);
      } else {
        setTimeout(poll, 100);
      }
    };
    poll();
  });
}

function officeHost(): TaskpaneHost {
  const wb = new OfficeWorkbook();
  return {
    readTables: () => wb.readTables(),
    readSheets: (names) => wb.readSheets(names),
    sheetStatus: (names) => wb.sheetStatus(names),
    write: (plans, inputTables) => wb.write(plans, inputTables),
    update: (names, planner) => wb.update(names, planner),
    readAll: (names) => wb.readAll(names),
    select: selectAddress,
    editInputTables: (columns, rows, expectRows) => editInputTables((batch) => Excel.run(batch), columns, rows, expectRows),
    displayLanguage: Office.context.displayLanguage,
  };
}

export async function boot(root: HTMLElement): Promise<void> {
  // First: without light-dark() (older WebKit on the Mac) the pane would have no colours at all.
  lightPaletteFallback(document);
  const test = injectedTestHost(window);
  if (test) {
    applyOfficeTheme(document.documentElement, test.officeTheme);
    startApp(root, test, pickLocale(test.displayLanguage ?? navigator.language));
    return;
  }
  showLoading(root);
  const host = await waitForOffice();
  // host is non-null only when Office exists, so Office.HostType is safe to read here.
  if (host === null || host !== Office.HostType.Excel) {
    showOutsideOffice(root);
    return;
  }
  // Before anything is shown in Excel, so even the "too old" notice matches Excel's theme.
  applyOfficeTheme(document.documentElement, readOfficeTheme());
  const locale = pickLocale(Office.context.displayLanguage);
  const requirements = checkRequirements();
  if (!requirements.ok) {
    showExcelTooOld(root, requirements.message, locale);
    return;
  }
  startApp(root, officeHost(), locale);
}
