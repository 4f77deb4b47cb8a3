/**
 * The Oppfølging (follow-up) panel in a real browser (Debian's Chromium through playwright-core),
 * against the built dist/ and the workbook double holding the 2009 example plus a Regnskap, Timer
 * and Forklaringer table made here (three years of a finished project, status at 31.12.2011):
 * reached by keyboard through the "Mer"/"More" menu at 320 px, in both languages, light and
 * dark; the figures are the ledger's, deviations unexplained first, a bad row counted as left
 * out; the empty state without the tables; Min kommune's payments and hours. Run `npm run build`
 * first (jest's global setup does it when dist/ is stale).
 */
import { copyFileSync, existsSync, mkdirSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { build, examplePlanTables } from "../../src/core/engine";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { CHROMIUM, cspViolations, DIST, launch, openPane, ownErrors, ownViolations, ROOT, serveDist, snapshot, type Browser } from "./browser/harness";

const SHOTS = join(ROOT, "test-output/screenshots");
const EXCEL_BLACK = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#404040", controlForegroundColor: "#FFFFFF" };

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
const YEARS = ["2009", "2010", "2011"];
const RATE = 650;
const OTHER = "Buskerud fylkeskommune";

/** Posts of the example whose actual differs from its budget (kr), and which are explained. */
const DEVIATIONS: Record<string, { post: string; actual: number; explained: string | null }> = {
  "2009": { post: "Konsulenttjenester", actual: 280_000, explained: "Forprosjekt for næringsarealer bestilt i 2009" },
  "2010": { post: "Møter og reiser", actual: 40_000, explained: null },
  "2011": { post: "Prosjektledelse", actual: 720_000.5, explained: null },
};

/** The example plus three years of follow-up, with one ledger row whose date is text (left out). */
function followUpWorkbook(): { tables: TableData[]; costActual: Record<string, number>; unpaid: { name: string; due: number } } {
  const tables = examplePlanTables();
  const base = build(tables);
  const costs = tables.find((t) => t.name === "Kostnader")!;
  const ledger: CellValue[][] = [];
  const hours: CellValue[][] = [];
  const costActual: Record<string, number> = {};
  YEARS.forEach((y, yi) => {
    costActual[y] = 0;
    for (const row of costs.rows) {
      const [post, art] = [row[0] as string, row[1] as string];
      const budget = row[2 + yi] as number;
      if (art !== "Ekstern") continue;
      const dev = DEVIATIONS[y].post === post ? DEVIATIONS[y].actual : budget;
      ledger.push([day(`${y}-03-15`), post, dev, null, `Bilag ${y}-${ledger.length}`]);
      costActual[y] += dev;
    }
    ledger.push([day(`${y}-02-01`), "Eksterne tilskudd (søkt)", 750_000, null, "Tilskudd"]);
  });
  // Every municipality pays its contribution, but Flesberg not for 2011.
  let unpaid = { name: "", due: 0 };
  for (const c of base.contributions) {
    YEARS.forEach((y) => {
      if (c.name === "Flesberg" && y === "2011") unpaid = { name: c.name, due: c.contributions[y] };
      else ledger.push([day(`${y}-04-30`), "Kommunene (direkte)", c.contributions[y], c.name, "Innbetaling"]);
      // Hours worth about the municipality's in-kind share, whole hours.
      const h = Math.round(c.inKind[y] / RATE);
      hours.push([day(`${y}-06-30`), c.name, h, RATE, `Kontakt ${c.name}`, null, null]);
      costActual[y] += h * RATE;
    });
  }
  hours.push([day("2011-11-30"), OTHER, 120, RATE, "Rådgiver", null, "Fylkets bidrag"]);
  costActual["2011"] += 120 * RATE;
  // A date typed as text: the engine leaves the row out and says so.
  ledger.push(["15.03.2010", "Husleie, utstyr", 9_999, null, "Dato som tekst"]);
  const sheet = "Oppfølging inndata";
  tables.push({ name: "Regnskap", sheet, top: 0, left: 0, headers: ["Dato", "Post", "Beløp", "Kommune", "Tekst"], rows: ledger });
  tables.push({ name: "Timer", sheet, top: 0, left: 6, headers: ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"], rows: hours });
  const explanations = Object.entries(DEVIATIONS)
    .filter(([, d]) => d.explained)
    .map(([y, d]) => [d.post, Number(y), d.explained] as CellValue[]);
  tables.push({ name: "Forklaringer", sheet, top: 0, left: 14, headers: ["Post", "År", "Forklaring"], rows: explanations });
  tables.find((t) => t.name === "Parametere")!.rows.push(["Rapportdato", day("2011-12-31")]);
  return { tables, costActual, unpaid };
}

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first.");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set KBR_CHROMIUM).`);
  mkdirSync(SHOTS, { recursive: true });
  server = await serveDist();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The pane keeps numbers together with no-break spaces; the assertions read plain spaces. */
const nbsp = (s: string): string => s.replace(/\u00a0|\u202f/g, " ");

async function expectText(locator: Locator, text: string): Promise<void> {
  const until = Date.now() + 10_000;
  let t: string;
  do {
    t = nbsp((await locator.first().textContent().catch(() => "")) ?? "");
    if (t.includes(text)) break;
    await new Promise((r) => setTimeout(r, 50));
  } while (Date.now() < until);
  expect(t).toContain(text);
}

/** Whole kroner as the pane shows them in each language. */
function kr(x: number, lang: "nb-NO" | "en-US"): string {
  return nbsp(new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(x));
}

/** Opens the panel by keyboard: focus the selected tab, Tab to "Mer", Enter, arrows to the item, Enter. */
async function openByKeyboard(page: Page, name: string): Promise<void> {
  await page.locator('[role="tab"][aria-selected="true"]').focus();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-more");
  await page.keyboard.press("Enter");
  const items = await page.locator('#tab-menu [role="menuitem"]').allTextContents();
  expect(items).toContain(name);
  for (let i = 0; i < items.indexOf(name); i++) await page.keyboard.press("ArrowDown");
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(name);
  await page.keyboard.press("Enter");
  expect(await page.getByRole("tab", { name, exact: true }).getAttribute("aria-selected")).toBe("true");
}

type Rgb = [number, number, number];
async function background(page: Page, selector: string): Promise<Rgb> {
  const css = await page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  return css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number) as Rgb;
}
const luminance = ([r, g, b]: Rgb): number => {
  const f = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
};

describe("Oppfølging panel in Chromium", () => {
  const TEXTS = {
    "nb-NO": { tab: "Oppfølging", asOf: "Oppfølging per 31.12.2011", caption: "Budsjett, regnskap og avvik per år, i kroner", unexplained: "Ikke forklart", period: "Vis", mine: "Min kommune", muni: "Kommune", left: "Regnskap 1, Timer 0, Forklaringer 0" },
    "en-US": { tab: "Follow-up", asOf: "Follow-up as of 12/31/2011", caption: "Budget, actual and deviation per year, in NOK", unexplained: "Not explained", period: "Show", mine: "My municipality", muni: "Municipality", left: "Regnskap 1, Timer 0, Forklaringer 0" },
  } as const;

  for (const lang of ["nb-NO", "en-US"] as const) {
    for (const dark of [false, true]) {
      test(`${lang}, ${dark ? "dark" : "light"}, 320 px: reached by keyboard through the menu; figures, deviations, payments and hours`, async () => {
        const t = TEXTS[lang];
        const { tables, costActual, unpaid } = followUpWorkbook();
        const { page, dialogs, errors } = await openPane(browser, server.url, {
          width: 320,
          double: { displayLanguage: lang, tables, officeTheme: dark ? EXCEL_BLACK : undefined },
        });
        await page.getByRole("tab").first().waitFor();
        await page.locator(".pivot-tab").first().waitFor();
        await openByKeyboard(page, t.tab);
        const panel = page.locator("#panel-followup");
        // The status line is the live region and says the date and the deviations.
        const status = panel.locator('.fu-status[role="status"]');
        expect(await status.getAttribute("aria-live")).toBe("polite");
        await expectText(status, t.asOf);
        await expectText(panel.locator(".facts"), t.left);

        // Budget against actual per year: a real table (caption, th scope), the ledger's figures.
        const yearTable = panel.getByRole("table", { name: t.caption });
        expect(await yearTable.locator("thead th[scope=col]").count()).toBe(4);
        const rows = await yearTable.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? "")));
        expect(rows.map((r) => r[0])).toEqual([...YEARS, lang === "nb-NO" ? "Sum" : "Total"]);
        YEARS.forEach((y, i) => expect(nbsp(rows[i][2])).toBe(kr(costActual[y], lang)));
        // The bars are one image with a text alternative.
        const chart = panel.locator(".fu-chart");
        expect(await chart.getAttribute("role")).toBe("img");
        expect(await chart.getAttribute("aria-label")).toContain("2009–2011");
        expect(await chart.locator(".fu-bar").count()).toBe(6);

        // Deviations: the two unexplained first, then the explained one with its text.
        const devs = await panel.locator(".fu-dev").evaluateAll((lis) => lis.map((li) => [li.className, li.querySelector(".fu-dev-post")?.textContent, li.querySelector(".fu-dev-state")?.textContent]));
        const unexplained = devs.filter((d) => String(d[0]).includes("fu-dev-unexplained"));
        expect(devs.slice(0, unexplained.length)).toEqual(unexplained);
        expect(unexplained.map((d) => d[1])).toEqual(expect.arrayContaining(["Møter og reiser", "Prosjektledelse"]));
        expect(unexplained.every((d) => d[2] === t.unexplained)).toBe(true);
        const explained = devs.find((d) => d[1] === "Konsulenttjenester");
        expect(explained?.[2]).toContain(DEVIATIONS["2009"].explained);

        // Payments for 2011: Flesberg owes its whole contribution.
        await panel.getByLabel(t.period, { exact: true }).selectOption("2011");
        const pay = panel.locator(".fu-grid").nth(1);
        const flesberg = await pay.locator("tbody tr", { has: page.locator("th", { hasText: "Flesberg" }) }).locator("td").allTextContents();
        expect(flesberg.map(nbsp)).toEqual([kr(unpaid.due, lang), "0", kr(unpaid.due, lang)]);
        // In-kind work: the other participant's hours in a row of their own, with no planned share.
        const others = await panel.locator(".fu-grid").nth(2).locator("tr.other").locator("th, td").allTextContents();
        expect(others.map(nbsp)).toEqual([lang === "nb-NO" ? "Andre deltagere" : "Other participants", "–", "120", kr(120 * RATE, lang)]);
        expect(await panel.locator(".fu-grid th[scope=row]").count()).toBeGreaterThan(10);

        // 320 px: neither the page nor a table scrolls sideways.
        for (const w of await panel.locator(".grid-wrap").evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth))) expect(w).toBeLessThanOrEqual(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
        if (dark) {
          expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
          expect(luminance(await background(page, "#panel-followup .fu-dev-unexplained"))).toBeLessThan(0.05);
          expect(luminance(await background(page, "#panel-followup .card"))).toBeLessThan(0.05);
        } else {
          expect(luminance(await background(page, "#panel-followup .fu-dev-unexplained"))).toBeGreaterThan(0.8);
        }
        await panel.getByLabel(t.period, { exact: true }).selectOption("");
        await page.mouse.move(319, 799);
        const name = `taskpane-followup-${lang === "nb-NO" ? "nb" : "en"}${dark ? "-dark" : ""}-320`;
        await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
        if (name === "taskpane-followup-nb-320") copyFileSync(join(SHOTS, `${name}.png`), join(ROOT, "docs/screenshots", `${name}.png`));

        // Min kommune: Flesberg's payments and hours per year.
        await page.locator("#tab-more").click();
        const mineItem = page.getByRole("menuitem", { name: t.mine, exact: true });
        if (await mineItem.count()) await mineItem.click();
        else await page.getByRole("tab", { name: t.mine, exact: true }).click();
        await page.locator("#panel-mine").getByLabel(t.muni, { exact: true }).selectOption("Flesberg");
        const mine = page.locator("#panel-mine .fu-grid");
        expect(await mine.count()).toBe(2);
        const mine2011 = await mine.first().locator("tbody tr", { has: page.locator("th", { hasText: "2011" }) }).locator("td").allTextContents();
        expect(mine2011.map(nbsp)).toEqual([kr(unpaid.due, lang), "0", kr(unpaid.due, lang)]);
        if (!dark) await page.screenshot({ path: join(SHOTS, `taskpane-my-municipality-followup-${lang === "nb-NO" ? "nb" : "en"}-320.png`), fullPage: true });

        expect(dialogs).toEqual([]);
        expect(ownViolations(await cspViolations(page))).toEqual([]);
        expect(ownErrors(errors)).toEqual([]);
        await page.close();
      });
    }
  }

  test("the example with its invented ledger: from the empty state, and by choice on the Arbeidsbok panel", async () => {
    const withLedger = examplePlanTables({ followUp: true });
    const f = build(withLedger).followUp!;
    const flagged = f.costs.filter((c) => c.flagged);
    const exampleSheet = withLedger.find((x) => x.name === "Regnskap")!.sheet;
    const T = {
      "nb-NO": { tab: "Oppfølging", insert: "Sett inn 2009-planen med eksempelregnskap", status: `Oppfølging per 31.12.2011: ${flagged.length} avvik når grensen, ${flagged.filter((c) => !c.explained).length} uten forklaring.`, choice: "Ta med et oppdiktet regnskap", plain: "Sett inn 2009-planen som eksempeldata", build: "Bygg arkene" },
      "en-US": { tab: "Follow-up", insert: "Insert the 2009 plan with an example ledger", status: "Follow-up as of 12/31/2011", choice: "Include an invented ledger", plain: "Insert the 2009 plan as example data", build: "Build sheets" },
    } as const;
    expect(flagged.length).toBeGreaterThan(0);
    for (const lang of ["nb-NO", "en-US"] as const) {
      const t = T[lang];
      // From the Oppfølging panel's empty state in an empty workbook: the plan and the ledger.
      {
        const { page, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: lang } });
        await page.locator(".pivot-tab").first().waitFor();
        await openByKeyboard(page, t.tab);
        const panel = page.locator("#panel-followup");
        await panel.getByRole("button", { name: t.insert }).click();
        await expectText(panel.locator(".message-success"), exampleSheet);
        await expectText(panel.locator(".fu-status"), t.status);
        expect(await panel.locator(".fu-dev").count()).toBe(flagged.length);
        const snap = await snapshot(page);
        expect(snap.writes).toEqual([{ plans: [], tables: withLedger.map((x) => x.name) }]);
        expect(snap.tables.filter((x) => x.name === "Regnskap").map((x) => [x.sheet, x.rows.length])).toEqual([[exampleSheet, withLedger.find((x) => x.name === "Regnskap")!.rows.length]]);
        // With the tables there the empty state (and its button) is gone.
        expect(await panel.getByRole("button", { name: t.insert }).isVisible()).toBe(false);
        expect(ownErrors(errors)).toEqual([]);
        await page.close();
      }
      // On the Arbeidsbok panel the ledger is a choice: off, the four budget tables alone; on, the ledger too and Build writes Oppfølging.
      for (const checked of [false, true]) {
        const { page, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: lang } });
        const box = page.getByRole("checkbox", { name: t.choice });
        expect(await box.isChecked()).toBe(false);
        if (checked) {
          await box.focus();
          await page.keyboard.press("Space");
          expect(await box.isChecked()).toBe(true);
        }
        await page.getByRole("button", { name: t.plain }).click();
        await page.locator("#panel-workbook .message-success").waitFor();
        if (checked) {
          await expectText(page.locator("#panel-workbook .message-success"), exampleSheet);
          // Rollag's short payment is a warning on Kommuner: counted in the warning colours, not "has errors".
          const warned = build(examplePlanTables({ followUp: true })).findings.filter((x) => x.where.table === "Kommuner");
          expect(warned.map((x) => x.severity)).toEqual(["warning"]);
          const item = page.locator('.table-item[data-table="Kommuner"]');
          await expectText(item.locator(".badge"), lang === "nb-NO" ? "1 advarsel" : "1 warning");
          expect(await item.getAttribute("class")).toContain("table-warnings");
          expect(nbsp((await item.locator(".badge").textContent()) ?? "")).not.toMatch(/Har feil|Has problems/);
        }
        await page.getByRole("button", { name: t.build }).click();
        await page.locator('.step[data-step="writing"].step-done').waitFor();
        const snap = await snapshot(page);
        const expected = examplePlanTables({ followUp: checked });
        expect(snap.writes[0]).toEqual({ plans: [], tables: expected.map((x) => x.name) });
        expect(snap.writes[1].plans).toEqual(build(expected).plans.map((p) => p.name));
        expect(snap.writes[1].plans.includes("Oppfølging")).toBe(checked);
        if (checked && lang === "nb-NO") await page.screenshot({ path: join(SHOTS, "taskpane-example-ledger-nb-320.png"), fullPage: true });
        expect(ownErrors(errors)).toEqual([]);
        await page.close();
      }
    }
  });

  test("without Regnskap and Timer: the empty state says how to add them and offers the example", async () => {
    for (const [lang, tab, heading, button] of [
      ["nb-NO", "Oppfølging", "Ingen oppfølgingstabeller", "Sett inn 2009-planen med eksempelregnskap"],
      ["en-US", "Follow-up", "No follow-up tables", "Insert the 2009 plan with an example ledger"],
    ] as const) {
      const { page, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: lang, tables: examplePlanTables() } });
      await page.locator(".pivot-tab").first().waitFor();
      await openByKeyboard(page, tab);
      const panel = page.locator("#panel-followup");
      await panel.getByRole("heading", { name: heading }).waitFor();
      expect(await panel.locator(".fu-how dt").allTextContents()).toEqual(["Regnskap", "Timer", "Forklaringer"]);
      expect(await panel.getByRole("button", { name: button }).isVisible()).toBe(true);
      expect(await panel.locator(".fu-status").isVisible()).toBe(false);
      // The example button refuses over the user's tables and says so here.
      await panel.getByRole("button", { name: button }).click();
      await panel.locator(".message-warning").waitFor();
      if (lang === "nb-NO") await page.screenshot({ path: join(SHOTS, "taskpane-followup-empty-nb-320.png"), fullPage: true });
      expect(ownErrors(errors)).toEqual([]);
      await page.close();
    }
  });
});
