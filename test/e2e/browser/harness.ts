/**
 * Browser test harness for the task pane: serves dist/ on loopback, drives Debian's Chromium
 * with playwright-core, serves office.js from node_modules at its CDN address and blocks every
 * other non-loopback request, and injects the workbook double before the bundle loads.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import { extname, join, normalize, resolve, sep } from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = resolve(__dirname, "../../..");
export const DIST = join(ROOT, "dist");
export const CHROMIUM = process.env.KBR_CHROMIUM ?? "/usr/bin/chromium";
const OFFICE_DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");
const DOUBLE_JS = join(__dirname, "workbook-double.js");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** A tiny static server for dist/ on 127.0.0.1 and a random port. */
export async function serveDist(dir = DIST): Promise<{ url: string; close: () => Promise<void> }> {
  const base = resolve(dir);
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(base, path === "/" ? "taskpane.html" : path));
    if (!file.startsWith(base + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

export interface Browser {
  context: BrowserContext;
  /** Non-loopback requests that were blocked (other than office.js, which is served locally). */
  blocked: string[];
  close: () => Promise<void>;
}

/** Chromium with a fresh profile; the network is loopback plus the local copy of office.js. */
export async function launch(options: { officeReachable?: () => boolean } = {}): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), "kbr-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
    viewport: { width: 400, height: 800 },
    locale: "en-US",
  });
  const blocked: string[] = [];
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return route.continue();
    if (url.hostname === "appsforoffice.microsoft.com" && (options.officeReachable?.() ?? true)) {
      const m = /^\/lib\/1\/hosted\/(.+)$/.exec(url.pathname);
      const file = m ? normalize(join(OFFICE_DIST, m[1])) : "";
      if (file.startsWith(OFFICE_DIST + sep) && existsSync(file) && statSync(file).isFile()) {
        return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file, "utf8") });
      }
      return route.fulfill({ status: 404, body: "" });
    }
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });
  return {
    context,
    blocked,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Encodes Dates as {"$date": iso} for the double (JSON alone would turn them into strings). */
function encode(value: unknown): unknown {
  if (value instanceof Date) return { $date: value.toISOString() };
  if (Array.isArray(value)) return value.map(encode);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]));
  return value;
}

export interface DoubleConfig {
  tables?: unknown[];
  userSheets?: string[];
  displayLanguage?: string;
  /** Office.context.officeTheme as the pane would read it in Excel (e.g. the Black theme). */
  officeTheme?: { bodyBackgroundColor?: string; bodyForegroundColor?: string; controlBackgroundColor?: string; controlForegroundColor?: string };
  delayMs?: number;
  /** write() throws an error carrying `texts` in both languages, as the adapters do. */
  failWrite?: boolean;
  /** editInputTables() refuses (as the Office.js adapter does for a formula cell). */
  failEdit?: boolean;
  /** Rows of a sheet in use (0-based, inclusive): write() refuses a new input table there, as the Office.js adapter does. */
  occupied?: { sheet: string; fromRow: number; toRow: number }[];
}

export interface Pane {
  page: Page;
  /** alert/confirm/prompt dialogs that fired (an XSS would show here). */
  dialogs: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Uncaught exceptions and unhandled rejections of the page's scripts only. */
  pageErrors: string[];
}

/**
 * Opens the task pane at `width`. With `double`, injects the workbook double as the test host
 * (window.__KBR_TEST_WORKBOOK__) before any page script runs; without, the page sees only office.js.
 */
export async function openPane(
  browser: Browser,
  baseUrl: string,
  opts: {
    width?: number;
    double?: DoubleConfig | null;
    /** Runs before any page script, e.g. to fake Office. */
    initScript?: string;
    /** The page to open instead of taskpane.html (a path under the server, e.g. one a test routes). */
    path?: string;
  } = {},
): Promise<Pane> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: opts.width ?? 400, height: 800 });
  const dialogs: string[] = [];
  const errors: string[] = [];
  const pageErrors: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (e) => {
    errors.push(String(e));
    pageErrors.push(String(e));
  });
  // CSP violations are events, not always console errors: collect them for the tests.
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
  });
  if (opts.double) {
    await page.addInitScript({ content: readFileSync(DOUBLE_JS, "utf8") });
    await page.addInitScript({
      content: `window.__KBR_TEST_WORKBOOK__ = window.createKbrWorkbookDouble(${JSON.stringify(encode(opts.double))});`,
    });
  }
  if (opts.initScript) await page.addInitScript({ content: opts.initScript });
  await page.goto(`${baseUrl}/${opts.path ?? "taskpane.html"}`);
  return { page, dialogs, errors, pageErrors };
}

export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
}

/**
 * office.js itself (its ULS telemetry proxy, loaded ~3 s after start) frames
 * telemetryservice.firstpartyapps.oaspapps.com with a style attribute; the CSP blocks both on
 * purpose. Everything else must come from no one: our page has no inline style or frame.
 */
export function ownViolations(all: readonly string[]): string[] {
  return all.filter(
    (v) => !/^style-src-attr inline https:\/\/appsforoffice\.microsoft\.com\//.test(v) && !/^frame-src https:\/\/telemetryservice\.firstpartyapps\.oaspapps\.com/.test(v),
  );
}

/** Console errors other than the CSP reports (those are asserted through ownViolations). */
export function ownErrors(all: readonly string[]): string[] {
  return all.filter((e) => !/Content Security Policy/.test(e));
}

/** What the double recorded (writes, selections, tables, sheets). */
export interface DoubleSnapshot {
  tables: { name: string; sheet: string; top: number; left: number; headers: string[]; rows: unknown[][] }[];
  writes: { plans: string[]; tables: string[] }[];
  selections: string[];
  calls: string[];
  /** In-place edits of input tables (headers of the columns, the key of each row). */
  edits: { columns: string[]; rows: unknown[] }[];
  sheets: { name: string; kind: string; rows: number }[];
}

export async function snapshot(page: Page): Promise<DoubleSnapshot> {
  return page.evaluate(() => (window as unknown as { __KBR_TEST_WORKBOOK__: { snapshot(): DoubleSnapshot } }).__KBR_TEST_WORKBOOK__.snapshot());
}

/** 0-based column to Excel letters (0 -> A, 26 -> AA), for the tests' addresses. */
export { colLetters } from "../../../src/core/a1";
