/**
 * The task pane's "populations from Statistics Norway" in Chromium, against the built dist/, the
 * workbook double and the local fake of SSB's API (test/ssb/fakeSsb.ts, on loopback). The pane
 * asks https://data.ssb.no as shipped (its CSP allows only that); Playwright intercepts those
 * requests (page.route) and answers them from the fake, so nothing leaves loopback and the CSP is
 * the shipped one. Run `npm run build` first.
 */
import { copyFileSync, existsSync, mkdirSync } from "fs";
import { join } from "path";
import type { Locator, Page } from "playwright-core";
import { examplePlanTables } from "../../src/core/engine";
import { fakePopulation, startFakeSsb, type FakeSsb } from "../ssb/fakeSsb";
import { CHROMIUM, cspViolations, DIST, launch, openPane, ownErrors, ownViolations, ROOT, serveDist, snapshot, type Browser } from "./browser/harness";

const SHOTS = join(ROOT, "test-output/screenshots");
const DOC_SHOTS = join(ROOT, "docs/screenshots");

let browser: Browser;
let server: { url: string; close: () => Promise<void> };
let fake: FakeSsb;
/** Every request the pane sent to data.ssb.no (answered by the fake). */
const routed: string[] = [];
/** Holds each SSB answer back until released (to see progress and a second click). */
let gate: Promise<void> = Promise.resolve();

beforeAll(async () => {
  if (!existsSync(join(DIST, "taskpane.html"))) throw new Error("dist/taskpane.html is missing: run `npm run build` first.");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set KBR_CHROMIUM).`);
  mkdirSync(SHOTS, { recursive: true });
  server = await serveDist();
  browser = await launch();
  fake = await startFakeSsb();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fake?.close();
});

beforeEach(() => {
  fake.mode = "ok";
  fake.latestYear = 2025;
  fake.requests.length = 0;
  routed.length = 0;
  gate = Promise.resolve();
});

/** Routes https://data.ssb.no/api/pxwebapi/v2/… to the fake, passing its status, headers and body through. */
async function routeSsb(page: Page): Promise<void> {
  await page.route("https://data.ssb.no/**", async (route) => {
    const req = route.request();
    routed.push(`${req.method()} ${req.url()}`);
    await gate;
    const u = new URL(req.url());
    const target = fake.baseUrl + u.pathname.replace(/^\/api\/pxwebapi\/v2/, "") + u.search;
    const res = await fetch(target, { method: req.method(), headers: { Accept: "application/json", ...(req.postData() ? { "Content-Type": "application/json" } : {}) }, body: req.postData() ?? undefined });
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    await route.fulfill({ status: res.status, headers, body: Buffer.from(await res.arrayBuffer()) });
  });
}

const nbsp = (s: string): string => s.replace(/\u00a0|\u202f/g, " ");

async function expectText(locator: Locator, text: string): Promise<void> {
  const until = Date.now() + 10000;
  let t = "";
  while (Date.now() < until) {
    t = nbsp((await locator.first().textContent().catch(() => "")) ?? "");
    if (t.includes(text)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(t).toContain(text);
}

/** The preview's row of a municipality in a budget year's table: [name, workbook, SSB, change]. */
async function previewRow(page: Page, year: string, name: string): Promise<string[]> {
  const row = page.locator(`.ssb-year[data-year="${year}"] tbody tr`).filter({ has: page.locator("th", { hasText: name }) });
  return (await row.locator("th, td").allTextContents()).map(nbsp);
}

const n = (x: number, locale: "nb" | "en") => nbsp(x.toLocaleString(locale === "nb" ? "nb-NO" : "en-US"));

describe("populations from Statistics Norway in the task pane", () => {
  test("nb-NO at 320 px: progress, a second click does nothing, preview, then write", async () => {
    const { page, dialogs, errors } = await openPane(browser, server.url, { width: 320, double: { displayLanguage: "nb-NO", tables: examplePlanTables() } });
    await routeSsb(page);
    let release!: () => void;
    gate = new Promise((r) => (release = r));
    const fetchBtn = page.getByRole("button", { name: "Hent innbyggertall fra SSB" });
    await fetchBtn.click();
    await expectText(page.locator(".ssb-progress"), "Henter fra Statistisk sentralbyrå … forespørsel 1 (kommuneliste)");
    expect(await fetchBtn.isDisabled()).toBe(true);
    // A second click while the fetch runs (the button is disabled; a script click too) does nothing.
    await page.evaluate(() => (document.querySelectorAll(".ssb-body > .btn")[0] as HTMLButtonElement).click());
    release();
    await page.locator('.ssb-year[data-year="2011"] table').waitFor();
    expect(routed.map((r) => r.split("?")[0])).toEqual(["GET https://data.ssb.no/api/pxwebapi/v2/tables/07459/metadata", "GET https://data.ssb.no/api/pxwebapi/v2/tables/07459/data"]);
    expect(fake.requests).toHaveLength(2);

    // The preview: budget year 2009 uses 1.1.2008 (the plan's own figures: no change), 2010 uses 1.1.2009.
    await expectText(page.locator('.ssb-year[data-year="2009"] caption'), "Budsjettår 2009: innbyggere per 1.1.2008");
    expect(await previewRow(page, "2009", "Hjartdal")).toEqual(["Hjartdal", "1 619", "1 619", "0"]);
    expect(await previewRow(page, "2009", "Kongsberg")).toEqual(["Kongsberg", "23 997", "23 997", "0"]);
    const tinn2010 = await previewRow(page, "2010", "Tinn");
    expect(tinn2010.slice(0, 3)).toEqual(["Tinn", "6 066", n(fakePopulation("4026", 2009), "nb")]);
    expect(tinn2010[3]).toMatch(/^[+-−]?\d/);
    await expectText(page.locator(".ssb-source"), "Kilde: Statistisk sentralbyrå (SSB), tabell 07459, befolkning 1.1.2008, 1.1.2009, 1.1.2010, oppdatert 21.02.2025");
    await expectText(page.locator(".ssb-will-write"), "Innbyggere 2009, Innbyggere 2010, Innbyggere 2011 i Kommuner og raden Kilde innbyggertall i Parametere");
    // Nothing written before the user confirms.
    expect((await snapshot(page)).edits).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "ssb-preview-nb-320.png"), fullPage: true });
    mkdirSync(DOC_SHOTS, { recursive: true });
    copyFileSync(join(SHOTS, "ssb-preview-nb-320.png"), join(DOC_SHOTS, "taskpane-ssb-preview-nb-320.png"));

    await page.getByRole("button", { name: "Skriv til arbeidsboken" }).click();
    await expectText(page.locator(".card[aria-labelledby='h-ssb'] .message-success"), "Skrevet: Innbyggere 2009, Innbyggere 2010, Innbyggere 2011 i Kommuner");
    const snap = await snapshot(page);
    expect(snap.edits).toEqual([{ columns: ["Innbyggere 2009", "Innbyggere 2010", "Innbyggere 2011"], rows: ["Kilde innbyggertall"] }]);
    const k = snap.tables.find((t) => t.name === "Kommuner")!;
    const c2010 = k.headers.indexOf("Innbyggere 2010");
    const tinn = k.rows.find((r) => r[0] === "Tinn")!;
    expect(tinn[c2010]).toBe(fakePopulation("4026", 2009));
    const p = snap.tables.find((t) => t.name === "Parametere")!;
    expect(String(p.rows.find((r) => r[0] === "Kilde innbyggertall")![1])).toMatch(/^Kilde: Statistisk sentralbyrå \(SSB\), tabell 07459/);
    expect(browser.blocked).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(ownViolations(await cspViolations(page))).toEqual([]);
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("en-US at 400 px: a year SSB has not published is said, left out, and written only when the latest is chosen", async () => {
    fake.latestYear = 2009; // budget year 2011 needs 1 Jan 2010
    // In Excel's Black theme (Office.context.officeTheme), as the pane would get it there.
    const officeTheme = { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF", controlBackgroundColor: "#404040", controlForegroundColor: "#FFFFFF" };
    const { page, errors } = await openPane(browser, server.url, { width: 400, double: { displayLanguage: "en-US", tables: examplePlanTables(), officeTheme } });
    await routeSsb(page);
    await page.getByRole("button", { name: "Get populations from Statistics Norway" }).click();
    await page.locator('.ssb-year[data-year="2011"] table').waitFor();
    await expectText(page.locator('.ssb-year[data-year="2011"] .ssb-unpublished'), "Statistics Norway has not published the population at 1 Jan 2010 yet (budget year 2011)");
    expect((await previewRow(page, "2011", "Notodden"))[2]).toBe("not published");
    await expectText(page.locator(".ssb-will-write"), "writes Innbyggere 2009, Innbyggere 2010 into Kommuner");
    await page.screenshot({ path: join(SHOTS, "ssb-preview-en-dark-400.png"), fullPage: true });

    // Keyboard: the choice is a labelled checkbox.
    const box = page.getByRole("checkbox", { name: "Use the latest published (1 Jan 2009) for budget year 2011" });
    await box.focus();
    await page.keyboard.press("Space");
    await expectText(page.locator('.ssb-year[data-year="2011"] caption'), "Budget year 2011: population at 1 Jan 2009");
    expect((await previewRow(page, "2011", "Notodden"))[2]).toBe(n(fakePopulation("4005", 2009), "en"));
    await expectText(page.locator(".ssb-source"), "(siste publiserte brukt for budsjettår 2011)");
    await page.getByRole("button", { name: "Write to the workbook" }).click();
    await expectText(page.locator(".card[aria-labelledby='h-ssb'] .message-success"), "Written: Innbyggere 2009, Innbyggere 2010, Innbyggere 2011");
    const p = (await snapshot(page)).tables.find((t) => t.name === "Parametere")!;
    expect(String(p.rows.find((r) => r[0] === "Kilde innbyggertall")![1])).toContain("siste publiserte brukt for budsjettår 2011");
    expect(fake.requests).toHaveLength(2);
    expect(browser.blocked).toEqual([]);
    expect(ownErrors(errors)).toEqual([]);
    await page.close();
  });

  test("429 with Retry-After: the message in each language, nothing written, no retry", async () => {
    for (const [lang, button, text] of [
      ["nb-NO", "Hent innbyggertall fra SSB", "for mange spørringer fra denne adressen (HTTP 429"],
      ["en-US", "Get populations from Statistics Norway", "too many requests from this address (HTTP 429"],
    ] as const) {
      fake.mode = "429";
      fake.requests.length = 0;
      const { page } = await openPane(browser, server.url, { double: { displayLanguage: lang, tables: examplePlanTables() } });
      await routeSsb(page);
      await page.getByRole("button", { name: button }).click();
      await expectText(page.locator(".card[aria-labelledby='h-ssb'] .message-error"), text);
      expect(await page.locator(".ssb-preview table").count()).toBe(0);
      expect((await snapshot(page)).edits).toEqual([]);
      expect(fake.requests).toHaveLength(1);
      await page.close();
    }
    expect(browser.blocked).toEqual([]);
  });
});
