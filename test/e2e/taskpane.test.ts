/**
 * The task pane in a real browser (Debian's Chromium through playwright-core), against the
 * built dist/ and an in-memory workbook double. Run `npm run build` first.
 */
import { existsSync, mkdirSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { build, examplePlanTables } from "../../src/core/engine";
import { formatNumber, type Locale } from "../../src/core/i18n";
import { scenarioContributions } from "../../src/core/model/compute";
import type { TableData } from "../../src/core/workbook/types";
import {
  CHROMIUM,
  colLetters,
  cspViolations,
  DIST,
  launch,
  openPane,
  ownErrors,
  ownViolations,
  ROOT,
  serveDist,
  snapshot,
  type Browser,
} from "./browser/harness";

const SHOTS = join(ROOT, "test-output/screenshots");
/** Office.context.officeTheme in Excel's Black theme and in its White theme. */
const EXCEL_BLACK = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#404040", controlForegroundColor: "#FFFFFF" };
const EXCEL_WHITE = { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#262626" };
const XSS = "<img src=x onerror=alert(1)>";

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let officeReachable = true;

beforeAll(async () => {
  if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first.");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set KBR_CHROMIUM).`);
  mkdirSync(SHOTS, { recursive: true });
  server = await serveDist();
  browser = await launch({ officeReachable: () => officeReachable });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** The example tables with Rollag renamed, so a hostile municipality name flows through the whole pane. */
function tablesWithHostileName(): TableData[] {
  const tables = examplePlanTables();
  const k = tables.find((t) => t.name === "Kommuner")!;
  const col = k.headers.findIndex((hd) => hd.trim().toLowerCase() === "kommune");
  const row = k.rows.find((r) => r[col] === "Rollag")!;
  row[col] = XSS;
  return tables;
}

async function insertAndBuild(page: Page, labels: { insert: string; build: string }): Promise<void> {
  await page.getByRole("button", { name: labels.insert }).click();
  await page.locator(".message-success").first().waitFor();
  await page.getByRole("button", { name: labels.build }).click();
  await page.locator('.step[data-step="writing"].step-done').waitFor();
}

describe("task pane in Chromium", () => {
  test("nb-NO: table status, example data, build with progress and summary", async () => {
    for (const width of [320, 400]) {
      const { page, dialogs, errors } = await openPane(browser, server.url, { width, double: { displayLanguage: "nb-NO", delayMs: 150 } });
      await page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
      // Empty workbook: all four tables missing.
      for (const t of ["Kommuner", "Kostnader", "Finansiering", "Parametere"]) {
        await expectText(page.locator(`.table-item[data-table="${t}"] .badge`), "Mangler");
      }
      if (width === 320) await shot(page, `workbook-empty-nb-${width}`);

      await page.getByRole("button", { name: "Sett inn 2009-planen som eksempeldata" }).click();
      await expectText(page.locator(".message-success"), "Eksempeldata fra 2009-planen er satt inn.");
      for (const t of ["Kommuner", "Kostnader", "Finansiering", "Parametere"]) {
        await expectText(page.locator(`.table-item[data-table="${t}"] .badge`), "Funnet");
      }
      let snap = await snapshot(page);
      expect(snap.writes).toEqual([{ plans: [], tables: expect.arrayContaining(["Kommuner", "Kostnader", "Finansiering", "Parametere"]) }]);

      // A second insert refuses and says why; the double saw no second write.
      await page.getByRole("button", { name: "Sett inn 2009-planen som eksempeldata" }).click();
      await expectText(page.locator(".message-warning"), "allerede tabellene Kommuner, Kostnader, Finansiering, Parametere");
      expect((await snapshot(page)).writes).toHaveLength(1);

      // Build: the steps show progress (the double answers slowly so "pågår" is observable).
      await page.getByRole("button", { name: "Bygg arkene" }).click();
      await page.locator('.step.step-active[data-step="reading"]').waitFor();
      await page.locator('.step[data-step="writing"].step-done').waitFor();
      await expectText(page.locator(".steps"), "Leser tabellene");
      await expectText(page.locator(".steps"), "Skriver arkene");
      await expect(page.locator(".step.step-done").count()).resolves.toBe(3);
      const summaryText = nbsp(await page.locator(".summary").innerText());
      expect(summaryText).toContain("Budsjett, Finansieringsplan, Kommunebidrag");
      expect(summaryText).toContain("2009, 2010, 2011");
      expect(summaryText).toMatch(/Kommuner\s+7/);
      expect(summaryText).toContain("1 500 000 kr"); // direct contributions, 3 × 500 000
      snap = await snapshot(page);
      expect(snap.writes[1]).toEqual({ plans: ["Budsjett", "Finansieringsplan", "Kommunebidrag"], tables: [] });
      // The whole build is one host call (in Excel one Excel.run of 3 syncs): no separate reads before it.
      expect(snap.calls.slice(snap.calls.lastIndexOf("update") - 1)).toEqual(["readTables", "update", "write"]);
      await shot(page, `workbook-built-nb-${width}`);
      expect(dialogs).toEqual([]);
      expect(ownViolations(await cspViolations(page))).toEqual([]);
      expect(ownErrors(errors)).toEqual([]);
      await page.close();
    }
  });

  test("build refuses when a generated name is a user's sheet", async () => {
    const { page } = await openPane(browser, server.url, {
      double: { displayLanguage: "nb-NO", tables: examplePlanTables(), userSheets: ["Budsjett"] },
    });
    await page.getByRole("button", { name: "Bygg arkene" }).click();
    await expectText(page.locator(".message-error"), "arket Budsjett finnes allerede");
    expect((await snapshot(page)).writes).toEqual([]);
    await page.close();
  });

  test("a failed write is reported in the pane's language, and the writing step shows it stopped", async () => {
    for (const [lang, text, state] of [
      ["nb-NO", "Skrivingen feilet (test).", "stoppet"],
      ["en-US", "The write failed (test).", "stopped"],
    ] as const) {
      const { page } = await openPane(browser, server.url, { double: { displayLanguage: lang, tables: examplePlanTables(), failWrite: true } });
      await page.locator("#panel-workbook .btn-primary").click();
      await expectText(page.locator("#panel-workbook .message-error"), text);
      await expectText(page.locator('.step[data-step="writing"].step-failed'), state);
      await page.close();
    }
  });

  test("check: a typed-over value gives a finding; clicking it (and Enter on it) selects its cell", async () => {
    for (const width of [320, 400]) {
      const { page } = await openPane(browser, server.url, { width, double: { displayLanguage: "nb-NO" } });
      await insertAndBuild(page, { insert: "Sett inn 2009-planen som eksempeldata", build: "Bygg arkene" });
      await openTab(page, "Kontroll");
      await page.getByRole("button", { name: "Kontroller", exact: true }).click();
      await page.locator("#panel-check .message-bar.message-success, #panel-check .message-bar.message-warning").waitFor();
      expect(await page.locator(".finding-error").count()).toBe(0);

      // Type over Tinn's direct contribution (65 811) in Kommunebidrag, as a user would.
      const cell = await page.evaluate(() => {
        const wb = (window as unknown as { __KBR_TEST_WORKBOOK__: { findFormulaCell(s: string, v: number): { row: number; col: number } | null; typeOver(s: string, r: number, c: number, v: number): void } }).__KBR_TEST_WORKBOOK__;
        const c = wb.findFormulaCell("Kommunebidrag", 65811);
        if (c) wb.typeOver("Kommunebidrag", c.row, c.col, 70000);
        return c;
      });
      expect(cell).not.toBeNull();
      const a1 = `${colLetters(cell!.col)}${cell!.row + 1}`;

      await page.getByRole("button", { name: "Kontroller", exact: true }).click();
      const finding = page.locator(`.finding-error button[data-cell$="!${a1}"]`).first();
      await finding.waitFor();
      const address = await finding.getAttribute("data-cell");
      expect(address).toMatch(/Kommunebidrag'?!/);
      await expectText(finding, "Feil");
      await expectText(page.locator("#panel-check .message-error"), "feil");
      await shot(page, `check-findings-nb-${width}`);

      await finding.click();
      expect(await selections(page, 1)).toEqual([address]);
      // Keyboard: focus and Enter, then Space.
      await finding.focus();
      await page.keyboard.press("Enter");
      await page.keyboard.press("Space");
      expect(await selections(page, 3)).toEqual([address, address, address]);
      if (width === 400) await shot(page, "check-keyboard-focus-nb-400");
      await expectText(page.locator('[role="status"].visually-hidden'), `Markerte ${address}`);
      await page.close();
    }
  });

  test("my municipality: Tinn pays 65 811 a year, with parts and the computation in words (nb-NO)", async () => {
    for (const width of [320, 400]) {
      const { page } = await openPane(browser, server.url, { width, double: { displayLanguage: "nb-NO", tables: examplePlanTables() } });
      await openTab(page, "Min kommune");
      await page.getByLabel("Kommune", { exact: true }).selectOption("Tinn");
      const body = page.locator(".mine-body");
      await expectText(body, "Tinn");
      const rows = (await page.locator(".grid tbody tr").allInnerTexts()).map(nbsp);
      expect(rows).toHaveLength(4); // 2009, 2010, 2011, Sum
      for (const y of ["2009", "2010", "2011"]) {
        const r = rows.find((x) => x.startsWith(y))!;
        const cells = r.split(/\t/).map((s) => s.trim());
        expect(cells).toEqual([y, expect.stringMatching(/^35 71\d$/), expect.stringMatching(/^30 09\d$/), "65 811", "187 500"]);
        const part = (s: string): number => Number(s.replace(/ /g, ""));
        expect(part(cells[1]) + part(cells[2])).toBe(65811);
      }
      expect(rows[3]).toContain("197 433");
      await expectText(body, "15 %");
      await expectText(body, "6 066");
      // The computation in words with its numbers.
      await expectText(body, "50 % likt: 250 000 / 7 = 35 714,29 → 35 71");
      await expectText(body, "50 % etter innbyggertall: 250 000 × 6 066 / 50 388 = 30 096,45 → 30 09");
      await expectText(body, "største-rest-metoden slik at summen blir nøyaktig 500 000");
      await shot(page, `mine-tinn-nb-${width}`);
      await page.close();
    }
  });

  test("my municipality with populations per year: each year's basis, both languages, 320 px", async () => {
    // The example with its own 2011 population column: every municipality 1 000 more that year.
    const tables = examplePlanTables();
    const k = tables.find((t) => t.name === "Kommuner")!;
    const pop = k.headers.findIndex((hd) => hd.trim().toLowerCase() === "innbyggere");
    k.headers.push("Innbyggere 2011");
    k.rows.forEach((r) => r.push((r[pop] as number) + 1000));
    // The per-year table must be no wider than the plain one at 320 px (no extra column).
    const plainWidth = await (async () => {
      const { page } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: "nb-NO", tables: examplePlanTables() } });
      await openTab(page, "Min kommune");
      await page.getByLabel("Kommune", { exact: true }).selectOption("Tinn");
      await expectText(page.locator(".mine-body"), "Tinn");
      const w = await page.locator(".grid-wrap").evaluate((el) => el.scrollWidth);
      await page.close();
      return w;
    })();
    for (const [lang, tab, label, note] of [
      ["nb-NO", "Min kommune", "Kommune", "under hvert år står innbyggertallet året fordeles etter"],
      ["en-US", "My municipality", "Municipality", "under each year is the population that year is split by"],
    ] as const) {
      const { page } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: lang, tables } });
      await openTab(page, tab);
      await page.getByLabel(label, { exact: true }).selectOption("Tinn");
      const body = page.locator(".mine-body");
      await expectText(body, note);
      // Each year's population under the year; none under the total.
      const bases = (await page.locator(".grid tbody th .basis").allInnerTexts()).map((s) => nbsp(s).replace(/[ ,]/g, ""));
      expect(bases).toEqual(["6066", "6066", "7066"]);
      // The 2011 split uses 2011's basis: its own line in the explanation, with 7 066 of 57 388.
      await expectText(body, lang === "nb-NO" ? "× 7 066 / 57 388" : "× 7,066 / 57,388");
      await shot(page, `mine-tinn-per-year-${lang === "nb-NO" ? "nb" : "en"}-320`);
      // The pane does not scroll sideways, and the table is no wider than with one population.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      if (lang === "nb-NO") expect(await page.locator(".grid-wrap").evaluate((el) => el.scrollWidth)).toBeLessThanOrEqual(plainWidth);
      await page.close();
    }
  });

  test("en-US follows Excel's display language", async () => {
    const { page } = await openPane(browser, server.url, { double: { displayLanguage: "en-US" } });
    await page.getByRole("heading", { name: "Input tables" }).waitFor();
    await expectText(page.locator('.table-item[data-table="Kommuner"] .badge'), "Missing");
    await insertAndBuild(page, { insert: "Insert the 2009 plan as example data", build: "Build sheets" });
    expect(nbsp(await page.locator(".summary").innerText())).toContain("NOK 1,500,000");
    await openTab(page, "My municipality");
    await page.getByLabel("Municipality", { exact: true }).selectOption("Tinn");
    await expectText(page.locator(".mine-body"), "65,811");
    await expectText(page.locator(".mine-body"), "50% equally: 250,000 / 7 = 35,714.29 → 35,71");
    await shot(page, "mine-tinn-en-400");
    await openTab(page, "Check");
    await page.getByRole("button", { name: "Check", exact: true }).click();
    await page.locator("#panel-check .message-bar.message-success, #panel-check .message-bar.message-warning").waitFor();
    await page.close();
  });

  test("dark Excel: the pane takes Office's dark theme (data-theme, Office's body colours, light text), with no CSP report", async () => {
    for (const width of [320, 400]) {
      const { page, dialogs, errors } = await openPane(browser, server.url, {
        width,
        double: { displayLanguage: "nb-NO", tables: examplePlanTables(), officeTheme: EXCEL_BLACK },
      });
      await page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
      expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
      const body = await colours(page, "body");
      expect(body.background).toEqual([38, 38, 38]); // Office's bodyBackgroundColor, not our own
      expect(luminance(body.background)).toBeLessThan(0.05);
      expect(luminance(body.color)).toBeGreaterThan(0.8);
      const card = await colours(page, ".card");
      expect(luminance(card.background)).toBeLessThan(0.05);
      expect(luminance(card.color)).toBeGreaterThan(0.8);

      // A warning (the tables are there already), then a build (success) and its summary.
      await page.getByRole("button", { name: "Sett inn 2009-planen som eksempeldata" }).click();
      await page.locator(".message-warning").waitFor();
      const warning = await colours(page, ".message-warning");
      expect(luminance(warning.background)).toBeLessThan(0.05);
      await page.getByRole("button", { name: "Bygg arkene" }).click();
      await page.locator('.step[data-step="writing"].step-done').waitFor();
      await page.locator(".summary").waitFor();
      await shot(page, `taskpane-workbook-nb-dark-${width}`);

      // Check with a typed-over formula: an error finding in the dark palette.
      await openTab(page, "Kontroll");
      await page.evaluate(() => {
        const wb = (window as unknown as { __KBR_TEST_WORKBOOK__: { findFormulaCell(s: string, v: number): { row: number; col: number } | null; typeOver(s: string, r: number, c: number, v: number): void } }).__KBR_TEST_WORKBOOK__;
        const c = wb.findFormulaCell("Kommunebidrag", 65811);
        if (c) wb.typeOver("Kommunebidrag", c.row, c.col, 70000);
      });
      await page.getByRole("button", { name: "Kontroller", exact: true }).click();
      await page.locator(".finding-error").first().waitFor();
      const severity = await textColour(page, ".finding-error .severity");
      const findingBg = await colours(page, ".finding-error .finding-body");
      expect(contrast(severity, findingBg.background)).toBeGreaterThanOrEqual(4.5);
      await shot(page, `taskpane-check-nb-dark-${width}`);

      await openTab(page, "Min kommune");
      await page.getByLabel("Kommune", { exact: true }).selectOption("Tinn");
      await expectText(page.locator(".mine-body"), "65 811");
      const select = await colours(page, "#mine-select");
      expect(luminance(select.background)).toBeLessThan(0.05);
      expect(luminance(select.color)).toBeGreaterThan(0.8);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector("#mine-select")!).colorScheme)).toBe("dark");
      await page.mouse.move(width - 1, 799); // no hover state on the tab just clicked
      await shot(page, `taskpane-my-municipality-nb-dark-${width}`);

      expect(dialogs).toEqual([]);
      expect(ownViolations(await cspViolations(page))).toEqual([]);
      expect(ownErrors(errors)).toEqual([]);
      await page.close();
    }
  });

  test("Office's theme wins over the OS; with no Office theme the OS preference decides", async () => {
    const white = await openPane(browser, server.url, { double: { displayLanguage: "nb-NO", officeTheme: EXCEL_WHITE } });
    await white.page.emulateMedia({ colorScheme: "dark" });
    await white.page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
    expect(await white.page.locator("html").getAttribute("data-theme")).toBe("light");
    expect(luminance((await colours(white.page, ".card")).background)).toBeGreaterThan(0.9);
    expect(luminance((await colours(white.page, ".card")).color)).toBeLessThan(0.05);
    await white.page.close();

    const none = await openPane(browser, server.url, { double: { displayLanguage: "nb-NO" } });
    await none.page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
    expect(await none.page.locator("html").getAttribute("data-theme")).toBeNull();
    expect(luminance((await colours(none.page, "body")).background)).toBeGreaterThan(0.9);
    await none.page.emulateMedia({ colorScheme: "dark" });
    expect(luminance((await colours(none.page, "body")).background)).toBeLessThan(0.05);
    expect(luminance((await colours(none.page, ".card")).color)).toBeGreaterThan(0.8);
    await none.page.close();
  });

  test("an engine without light-dark() (older WebKit on the Mac) gets the light palette inline, from the stylesheet", async () => {
    // Chromium has light-dark(), so CSS.supports is made to say it has not, before any page script.
    const initScript = `{ const s = CSS.supports.bind(CSS); CSS.supports = (...a) => (String(a.join(" ")).includes("light-dark(") ? false : s(...a)); }`;
    const { page, errors } = await openPane(browser, server.url, { initScript, double: { displayLanguage: "nb-NO" } });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
    const inline = await page.evaluate(() => {
      const st = document.documentElement.style;
      return Object.fromEntries(Array.from({ length: st.length }, (_, i) => st.item(i)).map((n) => [n, st.getPropertyValue(n).trim()]));
    });
    expect(inline["--fg1"]).toBe("#242424");
    expect(inline["--bg1"]).toBe("#ffffff");
    expect(inline["color-scheme"]).toBe("light");
    expect(Object.keys(inline).length).toBeGreaterThan(30);
    expect(Object.values(inline).filter((v) => v.includes("light-dark("))).toEqual([]);
    // The OS asks for dark, but the pane stays on the light side it was given.
    const card = await colours(page, ".card");
    expect(luminance(card.background)).toBeGreaterThan(0.9);
    expect(luminance(card.color)).toBeLessThan(0.05);
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("keyboard: tabs with arrow keys, visible focus ring", async () => {
    const { page } = await openPane(browser, server.url, { double: { displayLanguage: "nb-NO" } });
    await page.getByRole("tab", { name: "Arbeidsbok" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Arbeidsbok");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).toBe("solid");
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Kontroll");
    expect(await page.getByRole("tab", { name: "Kontroll" }).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("Tab");
    // The overflow button (Mer) follows the tab row in the tab order when some tabs do not fit.
    if (await page.evaluate(() => document.activeElement?.id === "tab-more")) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Kontroller");
    await page.close();
  });

  test("navigation at 320 px: one line, the tabs that do not fit in a \"Mer\" menu, every panel reachable by keyboard (both languages, dark)", async () => {
    for (const [lang, tabs, more] of [
      ["nb-NO", ["Arbeidsbok", "Kontroll", "Min kommune", "Scenarier", "Oppfølging"], "Mer"],
      ["en-US", ["Workbook", "Check", "My municipality", "Scenarios", "Follow-up"], "More"],
    ] as const) {
      for (const theme of [undefined, EXCEL_BLACK]) {
        const { page, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: lang, tables: examplePlanTables(), officeTheme: theme } });
        const moreButton = page.getByRole("button", { name: more, exact: true });
        await page.getByRole("tab", { name: tabs[0] }).waitFor();
        /** The row: the visible tabs' labels, whether it is one line, and the page's own width. */
        const row = async () =>
          page.evaluate(() => {
            const nav = document.querySelector(".pivot")!;
            const items = [...nav.querySelectorAll<HTMLElement>('[role="tab"], #tab-more')].filter((el) => !el.hidden);
            const tops = new Set(items.map((el) => Math.round(el.getBoundingClientRect().top)));
            const tallest = Math.max(...items.map((el) => el.getBoundingClientRect().height));
            return {
              visible: items.filter((el) => el.getAttribute("role") === "tab").map((el) => el.textContent),
              oneLine: tops.size === 1 && nav.getBoundingClientRect().height <= tallest + 1,
              fits: items.every((el) => el.getBoundingClientRect().right <= nav.getBoundingClientRect().right),
              pageWidth: document.documentElement.scrollWidth,
            };
          });
        const check = async (selected: string) => {
          const r = await row();
          expect(r).toMatchObject({ oneLine: true, fits: true });
          expect(r.pageWidth).toBeLessThanOrEqual(320);
          expect(r.visible).toContain(selected);
          expect(await page.getByRole("tab", { name: selected, exact: true }).getAttribute("aria-selected")).toBe("true");
          expect(await page.locator('[role="tabpanel"]:not([hidden])').getAttribute("aria-labelledby")).toBe(
            await page.getByRole("tab", { name: selected, exact: true }).getAttribute("id"),
          );
          // The menu holds exactly the tabs that are not in the row, in their order.
          const inMenu = await page.locator('#tab-menu [role="menuitem"]').allTextContents();
          expect(inMenu).toEqual(tabs.filter((t) => !r.visible.includes(t)));
          return r;
        };
        // Five tabs do not fit 320 px on one line: the last go into the menu.
        const first = await check(tabs[0]);
        expect(first.visible.length).toBeLessThan(tabs.length);
        expect(await moreButton.isVisible()).toBe(true);
        expect(await moreButton.getAttribute("aria-haspopup")).toBe("menu");

        // Arrow keys visit every panel in order (those in the menu included) and wrap around.
        await page.keyboard.press("Tab");
        expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(tabs[0]);
        for (const t of [...tabs.slice(1), tabs[0]]) {
          await page.keyboard.press("ArrowRight");
          expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(t);
          await check(t);
        }
        await page.keyboard.press("End");
        await check(tabs[tabs.length - 1]);
        await page.keyboard.press("Home");
        await check(tabs[0]);

        // The menu by keyboard: Tab to "Mer", Enter opens it on its first item, Escape closes it
        // back onto the button; Space and ArrowDown open it too; Enter on an item opens that panel.
        const viaMenu: string[] = [];
        for (const target of tabs) {
          const inMenu = await page.locator('#tab-menu [role="menuitem"]').allTextContents();
          if (!inMenu.includes(target)) continue; // in the row: the arrow keys above reach it
          await page.locator('[role="tab"][aria-selected="true"]').focus();
          await page.keyboard.press("Tab");
          expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-more");
          expect(await moreButton.getAttribute("aria-expanded")).toBe("false");
          await page.keyboard.press("Enter");
          expect(await moreButton.getAttribute("aria-expanded")).toBe("true");
          expect(await page.getByRole("menu", { name: lang === "nb-NO" ? "Flere faner" : "More tabs" }).isVisible()).toBe(true);
          expect(await page.evaluate(() => [document.activeElement?.getAttribute("role"), document.activeElement?.textContent])).toEqual(["menuitem", inMenu[0]]);
          if (!viaMenu.length && (lang === "nb-NO" || theme)) await shot(page, `navigation-menu-${lang === "nb-NO" ? "nb" : "en"}-${theme ? "dark" : "light"}-320`);
          await page.keyboard.press("Escape");
          expect(await page.locator("#tab-menu").isVisible()).toBe(false);
          expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-more");
          await page.keyboard.press(viaMenu.length % 2 ? "Space" : "ArrowDown");
          expect(await moreButton.getAttribute("aria-expanded")).toBe("true");
          for (let i = 0; i < inMenu.indexOf(target); i++) await page.keyboard.press("ArrowDown");
          expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(target);
          await page.keyboard.press("Enter");
          expect(await page.locator("#tab-menu").isVisible()).toBe(false);
          expect(await page.evaluate(() => [document.activeElement?.getAttribute("role"), document.activeElement?.textContent])).toEqual(["tab", target]);
          await check(target);
          viaMenu.push(target);
        }
        expect(viaMenu.length).toBeGreaterThan(0);
        // Tab in the open menu closes it and goes on into the panel.
        await page.locator("#tab-more").focus();
        await page.keyboard.press("Enter");
        expect(await page.locator("#tab-menu").isVisible()).toBe(true);
        await page.keyboard.press("Tab");
        expect(await page.locator("#tab-menu").isVisible()).toBe(false);
        expect(await page.evaluate(() => !!document.activeElement?.closest('[role="tabpanel"]:not([hidden])'))).toBe(true);
        // Each panel was reached through the menu or the arrows; the menu closes on a click elsewhere.
        await moreButton.click();
        expect(await page.locator("#tab-menu").isVisible()).toBe(true);
        await page.locator(".app-header").click();
        expect(await page.locator("#tab-menu").isVisible()).toBe(false);

        // Narrower still, and wide: the row stays one line; wide enough, every tab shows and "Mer" goes.
        await page.setViewportSize({ width: 260, height: 800 });
        await poll(row, (r) => r.oneLine);
        expect(await row()).toMatchObject({ oneLine: true, fits: true });
        await page.setViewportSize({ width: 640, height: 800 });
        await poll(row, (r) => r.visible.length === tabs.length);
        expect((await row()).visible).toEqual([...tabs]);
        expect(await moreButton.isVisible()).toBe(false);
        expect(ownErrors(errors)).toEqual([]);
        await page.close();
      }
    }
  });

  test("the pane's width changing while the menu is open keeps the menu and the focus on its item", async () => {
    const { page, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: "nb-NO", tables: examplePlanTables() } });
    await page.locator(".pivot-tab").first().waitFor();
    await page.locator('[role="tab"][aria-selected="true"]').focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    const first = await page.evaluate(() => [document.activeElement?.getAttribute("role"), document.activeElement?.textContent]);
    expect(first[0]).toBe("menuitem");
    // A full-page screenshot resizes the page for a moment, as Office resizing the pane does.
    for (const width of [330, 320]) {
      await page.setViewportSize({ width, height: 800 });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    }
    expect(await page.locator("#tab-menu").isVisible()).toBe(true);
    expect(await page.evaluate(() => [document.activeElement?.getAttribute("role"), document.activeElement?.textContent])).toEqual(first);
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-more");
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("a municipality named like HTML is shown as text, never run", async () => {
    const { page, dialogs, errors } = await openPane(browser, server.url, { double: { displayLanguage: "nb-NO", tables: tablesWithHostileName() } });
    await openTab(page, "Min kommune");
    const option = page.locator("#mine-select option", { hasText: XSS });
    await expect(option.count()).resolves.toBe(1);
    await page.getByLabel("Kommune", { exact: true }).selectOption(XSS);
    await expectText(page.locator(".mine-name"), XSS);
    await openTab(page, "Arbeidsbok");
    await page.getByRole("button", { name: "Bygg arkene" }).click();
    await page.locator('.step[data-step="writing"].step-done').waitFor();
    expect(await page.locator("img").count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(ownViolations(await cspViolations(page))).toEqual([]);
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("outside Office (office.js loads, host null): says in both languages to open it in Excel", async () => {
    for (const width of [320, 400]) {
      const { page, dialogs } = await openPane(browser, server.url, { width, double: null });
      const outside = page.locator("[data-outside-office]");
      await outside.waitFor({ timeout: 20000 });
      await expectText(outside, "Åpne KBR budsjett i Excel");
      await expectText(outside, "Open KBR budget in Excel");
      expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
      await shot(page, `outside-office-${width}`);
      expect(dialogs).toEqual([]);
      await page.close();
    }
  });

  test("outside Office (office.js unreachable): the same message after a short wait", async () => {
    officeReachable = false;
    try {
      const { page } = await openPane(browser, server.url, { double: null });
      const outside = page.locator("[data-outside-office]");
      await outside.waitFor({ timeout: 20000 });
      await expectText(outside, "Open KBR budget in Excel");
      expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
      await page.close();
    } finally {
      officeReachable = true;
    }
  });

  test("outside Office (office.js blocked): the shared-runtime page and functions.js alone throw nothing uncaught", async () => {
    // functions.js registers the custom functions at load; without office.js there is no
    // CustomFunctions, and an unguarded associate call would be an uncaught ReferenceError.
    const functionsOnly = `${server.url}/functions-only.html`;
    await browser.context.route(functionsOnly, (route) =>
      route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: '<!doctype html><html><head><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script><script src="functions.js"></script></head><body>functions</body></html>',
      }),
    );
    officeReachable = false;
    try {
      const pane = await openPane(browser, server.url, { double: null });
      await pane.page.locator("[data-outside-office]").waitFor({ timeout: 20000 });
      const alone = await openPane(browser, server.url, { double: null, path: "functions-only.html" });
      await alone.page.waitForLoadState("load");
      // Both pages really ran functions.js without office.js.
      for (const { page } of [pane, alone]) {
        expect(await page.evaluate(() => [typeof (window as unknown as { Office?: unknown }).Office, typeof (window as unknown as { CustomFunctions?: unknown }).CustomFunctions])).toEqual(["undefined", "undefined"]);
        expect(await page.evaluate(() => performance.getEntriesByType("resource").some((r) => r.name.endsWith("/functions.js")))).toBe(true);
      }
      expect(pane.pageErrors).toEqual([]);
      expect(alone.pageErrors).toEqual([]);
      await pane.page.close();
      await alone.page.close();
    } finally {
      officeReachable = true;
      await browser.context.unroute(functionsOnly);
    }
  });

  test("the CSP lets office.js frame its own pages from its CDN (its error page outside Office)", async () => {
    const { page } = await openPane(browser, server.url, { double: null });
    await page.locator("[data-outside-office]").waitFor({ timeout: 20000 });
    // One frame the policy must allow, then one it must block: once the second one's violation
    // has come, the first one's would have too.
    await page.evaluate(() => {
      for (const src of ["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "https://example.com/"]) {
        const frame = document.createElement("iframe");
        frame.src = src;
        document.body.append(frame);
      }
    });
    const frameViolations = async () => (await cspViolations(page)).filter((v) => v.startsWith("frame-src"));
    const seen = await poll(frameViolations, (v) => v.some((x) => x.startsWith("frame-src https://example.com")));
    expect(seen.map((v) => v.split(" ").slice(0, 2).join(" "))).toEqual(["frame-src https://example.com"]);
    await page.close();
  });

  test("inside an Excel without the required API sets (Excel 2016): says it is too old, in the UI language, instead of the app", async () => {
    // office.js is kept away so this stand-in stays the only Office: Excel host, ExcelApi up to 1.2.
    const fakeOldExcel = (lang: string) => `window.Office = {
      HostType: { Excel: "Excel" },
      onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
      context: { displayLanguage: ${JSON.stringify(lang)}, requirements: { isSetSupported: (set, v) => set === "ExcelApi" && Number(v) <= 1.2 } },
    };`;
    officeReachable = false;
    try {
      for (const [lang, title, body, other] of [
        ["nb-NO", "Oppdater Excel", "Denne Excel-versjonen er for gammel for KBR budsjett: den mangler ExcelApi 1.4, ExcelApi 1.6, ExcelApi 1.7.", "Update Excel"],
        ["en-US", "Update Excel", "This version of Excel is too old for KBR budsjett: it lacks ExcelApi 1.4, ExcelApi 1.6, ExcelApi 1.7.", "Oppdater Excel"],
      ]) {
        const { page, dialogs } = await openPane(browser, server.url, { width: 320, double: null, initScript: fakeOldExcel(lang) });
        const tooOld = page.locator("[data-excel-too-old]");
        await tooOld.waitFor({ timeout: 20000 });
        await expectText(tooOld, title);
        await expectText(tooOld, body);
        expect(await tooOld.textContent()).not.toContain(other);
        expect(await page.locator("[data-outside-office], button").count()).toBe(0);
        if (lang === "nb-NO") await shot(page, "excel-too-old-nb-320");
        expect(dialogs).toEqual([]);
        await page.close();
      }
    } finally {
      officeReachable = true;
    }
  });

  test("nothing but loopback and the local office.js was requested", () => {
    expect(browser.blocked.filter((u) => !u.startsWith("https://appsforoffice.microsoft.com/"))).toEqual([]);
  });
});

describe("Scenarier card", () => {
  /** The engine's figures for the 2009 plan: today's key and the scenarios, per municipality. */
  const plan = build(examplePlanTables());
  const model = plan.model!;
  const years = model.years;
  const tinn = plan.contributions.findIndex((c) => c.name === "Tinn");
  const total = (r: Record<string, number>): number => years.reduce((s, y) => s + r[y], 0);
  const fmt = (x: number, locale: Locale): string => formatNumber(x, locale, 0);
  const signed = (x: number, locale: Locale): string => (x > 0 ? `+${fmt(x, locale)}` : fmt(x, locale));

  /** Presses Tab until the focused element matches `selector` (keyboard reachability), at most 60 times. */
  async function tabTo(page: Page, selector: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return;
      await page.keyboard.press("Tab");
    }
    throw new Error(`Tab never reached ${selector}`);
  }

  /** The comparison table's rows as cell texts (plain spaces). */
  async function gridRows(page: Page): Promise<string[][]> {
    return (await page.locator(".scen-grid tbody tr").allInnerTexts()).map((r) => nbsp(r).split("\t").map((c) => c.trim()));
  }

  const chips = async (page: Page): Promise<string[]> => (await page.locator(".chip > span").allInnerTexts()).map(nbsp);

  test("Scenarier (nb-NO, 320 px, keyboard only): quick picks, typed shares, remove, the engine's figures per year and in total, add to workbook", async () => {
    const { page, dialogs, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: "nb-NO", tables: examplePlanTables() } });
    await page.getByRole("heading", { name: "Inndatatabeller" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Arbeidsbok");
    // End goes to the last tab (Oppfølging); Scenarier is the one before it.
    await page.keyboard.press("End");
    await page.keyboard.press("ArrowLeft");
    expect(await page.getByRole("tab", { name: "Scenarier" }).getAttribute("aria-selected")).toBe("true");
    await page.getByRole("heading", { name: "Scenarier", exact: true }).waitFor();
    await expectText(page.locator(".scen-today"), "I dag fordeles 50 % likt");
    await expectText(page.locator("#panel-scen"), "Ingen scenarier valgt ennå");

    // Quick picks: Space on 0 %, Enter on 30 %; a visible focus ring.
    await tabTo(page, 'button[data-share="0"]');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe("solid");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    expect(await page.locator('button[data-share="0"]').getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator('button[data-share="0.3"]').getAttribute("aria-pressed")).toBe("true");

    // Typed: "0,7" is 70 %; bad input is refused and says why; a share already there is not added twice.
    await tabTo(page, "#scen-input");
    await page.keyboard.type("0,7");
    await page.keyboard.press("Enter");
    expect(await chips(page)).toEqual(["0 % likt", "30 % likt", "70 % likt"]);
    expect(await page.locator("#scen-input").inputValue()).toBe("");
    await page.keyboard.type("abc");
    await page.keyboard.press("Enter");
    await expectText(page.locator("#scen-input-msg.message-error"), "«abc» er ikke en andel. Skriv for eksempel 30, 30 % eller 0,3.");
    expect(await page.locator("#scen-input").getAttribute("aria-invalid")).toBe("true");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("150");
    await page.keyboard.press("Enter");
    await expectText(page.locator("#scen-input-msg.message-error"), "«150» er utenfor 0–100 %.");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("30 %");
    await page.keyboard.press("Enter");
    await expectText(page.locator("#scen-input-msg.message-warning"), "30 % likt er allerede med.");
    expect(await chips(page)).toHaveLength(3);
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Backspace");
    expect(await page.locator("#scen-input").getAttribute("aria-invalid")).toBeNull();

    // Remove 30 % by keyboard: focus stays in the list (on the next chip's remove button).
    await tabTo(page, '.chip[data-share="0.3"] .chip-remove');
    await page.keyboard.press("Enter");
    expect(await chips(page)).toEqual(["0 % likt", "70 % likt"]);
    expect(nbsp((await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))) ?? "")).toBe("Fjern 70 % likt");
    expect(await page.locator('button[data-share="0.3"]').getAttribute("aria-pressed")).toBe("false");

    // In total: Tinn today, at 0 % and at 70 %, each with its change, as the engine computes them.
    const s0 = scenarioContributions(model, 0);
    const s70 = scenarioContributions(model, 0.7);
    const today = plan.contributions[tinn].contributions;
    const row = (await gridRows(page)).find((r) => r[0] === "Tinn")!;
    expect(row).toEqual([
      "Tinn",
      fmt(total(today), "nb-NO"),
      fmt(total(s0[tinn]), "nb-NO"),
      signed(total(s0[tinn]) - total(today), "nb-NO"),
      fmt(total(s70[tinn]), "nb-NO"),
      signed(total(s70[tinn]) - total(today), "nb-NO"),
    ]);
    expect(row[1]).toBe("197 433");
    // Tinn is below the average population: less equal share means it pays less.
    expect(row[3]).toMatch(/^\u2212\d/);
    expect(row[5]).toMatch(/^\+\d/);
    const sums = (await gridRows(page)).find((r) => r[0] === "Sum")!;
    expect(sums).toEqual(["Sum", "1 500 000", "1 500 000", "0", "1 500 000", "0"]);
    expect((await page.locator(".scen-grid thead").innerText()).replace(/\s+/g, " ")).toContain("I dag (50 %)");

    // The chart: an image with a text alternative, one bar per municipality and key.
    const chart = page.locator('svg.scen-chart[role="img"]');
    expect(nbsp((await chart.getAttribute("aria-label"))!)).toBe(
      `Stolpediagram: bidraget per kommune, Sum ${years[0]}–${years[years.length - 1]}, for I dag (50 %), 0 % likt, 70 % likt. Tallene står i tabellen under.`,
    );
    expect(await chart.locator("rect.bar").count()).toBe(plan.contributions.length * 3);

    // One year at a time: the period select by keyboard (ArrowDown picks the first year).
    await tabTo(page, "#scen-period");
    await page.keyboard.press("ArrowDown");
    expect(await page.locator("#scen-period").inputValue()).toBe(years[0]);
    const y = years[0];
    const rowY = (await gridRows(page)).find((r) => r[0] === "Tinn")!;
    // By hand: 500 000 × 6 066 / 50 388 = 60 193.4 at 0 %.
    expect(rowY[2]).toBe("60 193");
    expect(rowY).toEqual(["Tinn", "65 811", fmt(s0[tinn][y], "nb-NO"), signed(s0[tinn][y] - today[y], "nb-NO"), fmt(s70[tinn][y], "nb-NO"), signed(s70[tinn][y] - today[y], "nb-NO")]);
    // The table scrolls inside its own region, which the keyboard reaches.
    await tabTo(page, '.grid-wrap[role="region"]');
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("ArrowUp");
    expect(await page.locator("#scen-period").inputValue()).toBe("");

    // 320 px: the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await page.mouse.move(319, 799);
    await shot(page, "scenarios-nb-320");

    // Add to workbook by keyboard: the Scenarier table below Parametere; a second time refuses.
    await tabTo(page, "#panel-scen .card:nth-of-type(2) button");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Legg til i arbeidsboken");
    await page.keyboard.press("Enter");
    await expectText(page.locator("#panel-scen .message-success"), "Tabellen Scenarier er lagt til i 'Inndata'!A");
    await expectText(page.locator("#panel-scen .message-success"), "Trykk Bygg arkene");
    let snap = await snapshot(page);
    const written = snap.tables.find((t) => t.name === "Scenarier")!;
    const params = snap.tables.find((t) => t.name === "Parametere")!;
    expect(written).toMatchObject({ sheet: params.sheet, left: params.left, headers: ["Scenario", "Andel likt fordelt"] });
    expect(written.top).toBeGreaterThan(params.top + params.rows.length + 1);
    expect(written.rows).toEqual([
      ["0 % likt", 0],
      ["70 % likt", 0.7],
    ]);
    expect(snap.writes[snap.writes.length - 1]).toEqual({ plans: [], tables: ["Scenarier"] });
    await page.keyboard.press("Enter");
    await expectText(page.locator("#panel-scen .message-warning"), "Skrev ikke: arbeidsboken har allerede tabellen Scenarier (på arket Inndata).");
    snap = await snapshot(page);
    expect(snap.writes).toHaveLength(1);

    expect(dialogs).toEqual([]);
    expect(ownViolations(await cspViolations(page))).toEqual([]);
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("Scenarios (en-US, 400 px): English labels and numbers, the engine's figures, add to workbook", async () => {
    const { page, errors } = await openPane(browser, server.url, { width: 400, double: { displayLanguage: "en-US", tables: examplePlanTables() } });
    await openTab(page, "Scenarios");
    await expectText(page.locator(".scen-today"), "Today 50% is split equally");
    await page.getByRole("group", { name: "Quick picks" }).getByRole("button", { name: "0%", exact: true }).click();
    await page.getByLabel("Equal share", { exact: true }).fill("0.3");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByLabel("Equal share", { exact: true }).fill("100 %");
    await page.getByLabel("Equal share", { exact: true }).press("Enter");
    expect(await chips(page)).toEqual(["0% equal", "30% equal", "100% equal"]);
    const s0 = scenarioContributions(model, 0);
    const s30 = scenarioContributions(model, 0.3);
    const s100 = scenarioContributions(model, 1);
    const today = plan.contributions[tinn].contributions;
    const row = (await gridRows(page)).find((r) => r[0] === "Tinn")!;
    expect(row).toEqual([
      "Tinn",
      "197,433",
      ...[s0, s30, s100].flatMap((sc) => [fmt(total(sc[tinn]), "en-US"), signed(total(sc[tinn]) - total(today), "en-US")]),
    ]);
    expect((await page.locator(".scen-grid thead").innerText()).replace(/\s+/g, " ")).toContain("Today (50%)");
    expect(await page.locator('svg.scen-chart[role="img"]').getAttribute("aria-label")).toContain("Bar chart: the contribution per municipality");
    await page.getByLabel("Equal share", { exact: true }).fill("half");
    await page.getByLabel("Equal share", { exact: true }).press("Enter");
    await expectText(page.locator("#scen-input-msg.message-error"), '"half" is not a share. Type for example 30, 30% or 0.3.');
    await page.getByLabel("Equal share", { exact: true }).fill("");
    await page.getByRole("button", { name: "Remove 30% equal" }).click();
    expect(await chips(page)).toEqual(["0% equal", "100% equal"]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.mouse.move(399, 799);
    await shot(page, "scenarios-en-400");
    await page.getByRole("button", { name: "Add to workbook" }).click();
    await expectText(page.locator("#panel-scen .message-success"), "The Scenarier table was added at 'Inndata'!A");
    const written = (await snapshot(page)).tables.find((t) => t.name === "Scenarier")!;
    expect(written.rows).toEqual([
      ["0 % likt", 0],
      ["100 % likt", 1],
    ]);
    await page.getByRole("button", { name: "Add to workbook" }).click();
    await expectText(page.locator("#panel-scen .message-warning"), "Nothing written: the workbook already has the table Scenarier (on the sheet Inndata).");
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("Scenarier in dark Excel: readable labels and distinct bars; today's own key shows no change", async () => {
    for (const width of [320, 400]) {
      const { page, errors } = await openPane(browser, server.url, { width, double: { displayLanguage: "nb-NO", tables: examplePlanTables(), officeTheme: EXCEL_BLACK } });
      await openTab(page, "Scenarier");
      for (const p of ["0 %", "50 %", "100 %"]) await page.getByRole("group", { name: "Hurtigvalg" }).getByRole("button", { name: p, exact: true }).click();
      // 50 % is the workbook's own key: every change is 0.
      for (const r of await gridRows(page)) expect(r[5]).toBe("0");
      const label = await page.locator(".chart-label").first().evaluate((el) => getComputedStyle(el).fill);
      const [r, g, b] = /\d+/g.exec(label) ? label.match(/\d+/g)!.map(Number) : [0, 0, 0];
      expect(luminance([r, g, b])).toBeGreaterThan(0.6);
      const fills = await page.locator("rect.bar").evaluateAll((els) => [...new Set(els.map((el) => getComputedStyle(el).fill))]);
      expect(fills).toHaveLength(4);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.mouse.move(width - 1, 799);
      await shot(page, `scenarios-nb-dark-${width}`);
      expect(ownErrors(errors)).toEqual([]);
      await page.close();
    }
  });

  test("Scenarier: a workbook's own Scenarier table starts the card, and Add to workbook refuses to write over it", async () => {
    const tables = examplePlanTables();
    const params = tables.find((t) => t.name === "Parametere")!;
    const existing: TableData = {
      name: "Scenarier",
      sheet: params.sheet,
      top: params.top + params.rows.length + 3,
      left: 0,
      headers: ["Scenario", "Andel likt fordelt"],
      rows: [["Lik fordeling", 1], ["Bare innbyggere", 0]],
    };
    const { page } = await openPane(browser, server.url, { double: { displayLanguage: "nb-NO", tables: [...tables, existing] } });
    await openTab(page, "Scenarier");
    await poll(() => chips(page), (c) => c.length === 2);
    expect(await chips(page)).toEqual(["100 % likt", "0 % likt"]);
    await page.getByRole("button", { name: "Legg til i arbeidsboken" }).click();
    await expectText(page.locator("#panel-scen .message-warning"), `Skrev ikke: arbeidsboken har allerede tabellen Scenarier (på arket ${params.sheet}).`);
    expect((await snapshot(page)).writes).toEqual([]);
    await page.close();
  });

  test("Scenarier: when the rows below Parametere are in use, the table goes on a sheet of its own", async () => {
    const tables = examplePlanTables();
    const params = tables.find((t) => t.name === "Parametere")!;
    const below = params.top + params.rows.length + 1;
    const { page } = await openPane(browser, server.url, {
      double: { displayLanguage: "nb-NO", tables, occupied: [{ sheet: params.sheet, fromRow: below, toRow: below + 40 }] },
    });
    await openTab(page, "Scenarier");
    await page.getByRole("group", { name: "Hurtigvalg" }).getByRole("button", { name: "30 %", exact: true }).click();
    await page.getByRole("button", { name: "Legg til i arbeidsboken" }).click();
    await expectText(page.locator("#panel-scen .message-success"), "Tabellen Scenarier er lagt til i 'Scenarier (inndata)'!A2:B3.");
    const written = (await snapshot(page)).tables.find((t) => t.name === "Scenarier")!;
    expect(written).toMatchObject({ sheet: "Scenarier (inndata)", top: 1, left: 0, rows: [["30 % likt", 0.3]] });
    await page.close();
  });
});

/** Opens a panel as a user would: by its tab when it is in the row, else through the "Mer"/"More" menu. */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name, exact: true });
  if (await tab.isVisible()) return tab.click();
  await page.locator("#tab-more").click();
  await page.getByRole("menuitem", { name, exact: true }).click();
  expect(await tab.getAttribute("aria-selected")).toBe("true");
}

/** The pane keeps numbers together with no-break spaces; the assertions read plain spaces. */
const nbsp = (s: string): string => s.replace(/\u00a0|\u202f/g, " ");

/** Polls `read` until `ok` holds (up to 10 s) and returns the last value, so a failing assertion shows it. */
async function poll<T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const until = Date.now() + 10000;
  let v = await read();
  while (!ok(v) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 50));
    v = await read();
  }
  return v;
}

/** Waits (up to 10 s) until the locator's text contains `text`, then asserts it. */
async function expectText(locator: Locator, text: string): Promise<void> {
  const read = async (): Promise<string> => nbsp((await locator.first().textContent().catch(() => "")) ?? "");
  expect(await poll(read, (t) => t.includes(text))).toContain(text);
}

type Rgb = [number, number, number];

/** The computed background and text colour of the first match, as [r, g, b] (a transparent background throws). */
async function colours(page: Page, selector: string): Promise<{ background: Rgb; color: Rgb }> {
  const { background, color } = await rawColours(page, selector);
  if (background === null) throw new Error(`${selector}: transparent background, nothing to compare`);
  return { background, color };
}

async function textColour(page: Page, selector: string): Promise<Rgb> {
  return (await rawColours(page, selector)).color;
}

async function rawColours(page: Page, selector: string): Promise<{ background: Rgb | null; color: Rgb }> {
  const raw = await page.locator(selector).first().evaluate((el) => {
    const cs = getComputedStyle(el);
    return { background: cs.backgroundColor, color: cs.color };
  });
  const rgb = (css: string): Rgb | null => {
    const m = /^rgba?\((\d+), (\d+), (\d+)(?:, ([\d.]+))?\)$/.exec(css);
    if (!m) throw new Error(`${selector}: unexpected colour ${css}`);
    return m[4] !== undefined && Number(m[4]) === 0 ? null : [Number(m[1]), Number(m[2]), Number(m[3])];
  };
  const color = rgb(raw.color);
  if (color === null) throw new Error(`${selector}: transparent text`);
  return { background: rgb(raw.background), color };
}

/** WCAG relative luminance (0 black .. 1 white). */
function luminance(rgb: Rgb): number {
  const lin = (c: number): number => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function selections(page: Page, n: number): Promise<string[]> {
  return poll(async () => (await snapshot(page)).selections, (s) => s.length >= n);
}

