/**
 * What `kbr build` and `kbr check` do. Each returns the exit code and writes through `io`, so
 * tests and the benchmark run them in process; cli.ts only wires them to commander.
 */
import * as path from "path";
import { build, check, examplePlanTables, GENERATED_SHEETS, hasBuildErrors, hasErrors, toReport } from "../core/engine";
import type { Report } from "../core/engine";
import { finding } from "../core/checks/findings";
import { both, formatNumber, say, type Locale } from "../core/i18n";
import { PackageWorkbook } from "../xlsx/packageWorkbook";
import { LocalizedError } from "../xlsx/messages";
import { CLI_MESSAGES, CLI_TEXTS } from "./messages";
import { checkTarget, writeOutput } from "./output";

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith("\n") ? t : t + "\n"),
  err: (t) => process.stderr.write(t.endsWith("\n") ? t : t + "\n"),
};

export interface BuildOptions {
  input?: string;
  out?: string;
  /** Replace an existing --out file (never a read-only one, never anything but a regular file). */
  force?: boolean;
  json?: boolean;
  /** --scenario: equal shares (0–1) to compute besides the key, shown but never written. */
  scenario?: number[];
  /** Without --input: the example with its illustrative ledger, hours and explanations (docs/cli.md). */
  withFollowUp?: boolean;
  locale: Locale;
}

export interface CheckOptions {
  json?: boolean;
  locale: Locale;
}

/**
 * Where `kbr build` writes when no --out is given: next to the input, never over it, with the
 * extension its content needs (.xlsm for a workbook with macros, else .xlsx).
 * @internal
 */
export function defaultOut(input?: string, macros = false): string {
  if (!input) return "kbr-budsjett.xlsx";
  const ext = path.extname(input);
  const want = macros || ext.toLowerCase() === ".xlsm" ? ".xlsm" : ".xlsx";
  return path.join(path.dirname(input), `${path.basename(input, ext)}-kbr${ext.toLowerCase() === want ? ext : want}`);
}

/**
 * Excel opens a file only when its extension says what it holds: an .xlsx workbook (the
 * example, or an input without macros) must be written as .xlsx, one with macros as .xlsm. Any
 * other name (.xls, .csv, .txt, none) is refused before anything is built or written.
 * @internal
 */
export function checkExtension(out: string, macros: boolean, input?: string): void {
  const ext = path.extname(out).toLowerCase();
  if (ext === (macros ? ".xlsm" : ".xlsx")) return;
  if (input === undefined) throw new LocalizedError(both(CLI_MESSAGES.extensionNotXlsx, { file: out }), 2);
  throw new LocalizedError(both(CLI_MESSAGES.extensionMismatch, { file: out, input, macros }), 2);
}

export async function runBuild(opts: BuildOptions, io: Io = processIo): Promise<number> {
  return guarded(opts.locale, io, async () => {
    const { locale } = opts;
    // Refused before anything is read, built or written: an empty name names no file.
    if (opts.out !== undefined && opts.out.trim() === "") throw new LocalizedError(CLI_MESSAGES.emptyOut, 2);
    // The build never adds tables to a user's file: the illustrative ledger is the example's only.
    if (opts.withFollowUp && opts.input !== undefined) throw new LocalizedError(CLI_MESSAGES.followUpWithInput, 2);
    // A user's file is changed in place of the parts the build owns; without --input, a new
    // workbook gets the example's input tables first.
    const input = opts.input ? await PackageWorkbook.open(opts.input) : null;
    const macros = input ? await input.isMacroEnabled() : false;
    const out = opts.out ?? defaultOut(opts.input, macros);
    // Refused before the build, so a refusal costs little and writes nothing.
    const target = checkTarget(out, { input: opts.input, named: opts.out !== undefined, force: opts.force });
    checkExtension(out, macros, opts.input);
    const tables = input ? await input.readTables() : examplePlanTables({ followUp: opts.withFollowUp === true });
    const result = build(tables, { extraScenarios: adHocScenarios(opts.scenario ?? [], locale) });
    if (input && result.model !== null) {
      // A user's sheet under a generated name: the adapter would refuse to write. Said as a
      // finding, so --json still prints the whole report (with the reason), and nothing is written.
      const status = await input.sheetStatus(result.plans.map((p) => p.name));
      for (const name of Object.keys(status).filter((n) => status[n] === "user")) {
        result.findings.push(finding("KBR-E-SHEET-NAME-TAKEN", { sheet: name }, { name }));
      }
    }
    const report = toReport(result, locale);
    // The follow-up's errors (bad ledger or hour rows, left out and named) do not stop the build.
    if (result.model === null || hasBuildErrors(result)) {
      printResult(report, opts.json, locale, io, null);
      if (!opts.json) io.err(CLI_TEXTS.nothingWritten[locale]);
      return 1;
    }
    const book = input ?? (await PackageWorkbook.create(tables));
    // The adapter refuses (and writes nothing) when a generated name is a user's sheet.
    await book.write(result.plans);
    await writeOutput(target, await book.toBytes());
    printResult(report, opts.json, locale, io, say(CLI_MESSAGES.wrote, locale, { file: out, sheets: result.plans.map((p) => p.name).join(", ") }));
    return 0;
  });
}

/** The --scenario shares as scenarios named by their share ("30 %"), each share once, in the order given. */
function adHocScenarios(shares: readonly number[], locale: Locale): { name: string; equalShare: number }[] {
  const unique = [...new Set(shares)];
  return unique.map((e) => ({ name: `${formatNumber(Number((e * 100).toPrecision(12)), locale, 4)} %`, equalShare: e }));
}

export async function runCheck(file: string, opts: CheckOptions, io: Io = processIo): Promise<number> {
  return guarded(opts.locale, io, async () => {
    const { locale } = opts;
    const book = await PackageWorkbook.open(file);
    // The same read as the task pane's Check.
    const { tables, sheets, status } = await book.readAll(GENERATED_SHEETS);
    const result = check(tables, sheets, status);
    printResult(toReport(result, locale), opts.json, locale, io, say(CLI_MESSAGES.checked, locale, { file }));
    return hasErrors(result) ? 1 : 0;
  });
}

/** Runs a command; any failure becomes a one-line message in the user's language, no stack. */
async function guarded(locale: Locale, io: Io, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    return reportError(e, locale, io);
  }
}

/** A command's failure in the user's language (its exit code); a stack trace only with KBR_DEBUG=1. */
export function reportError(e: unknown, locale: Locale, io: Io): number {
  if (e instanceof LocalizedError) {
    io.err(e.texts[locale]);
    if (process.env.KBR_DEBUG && e.cause instanceof Error && e.cause.stack) io.err(e.cause.stack);
    return e.exitCode;
  }
  const reason = e instanceof Error ? e.message : String(e);
  io.err(say(CLI_MESSAGES.unexpected, locale, { reason }));
  if (process.env.KBR_DEBUG && e instanceof Error && e.stack) io.err(e.stack);
  return 1;
}

const MAX_ROWS = 30;

function printResult(report: Report, json: boolean | undefined, locale: Locale, io: Io, headline: string | null): void {
  if (json) {
    io.out(JSON.stringify(report, null, 2));
    return;
  }
  io.out(summary(report, locale, headline));
}

/**
 * The follow-up's status table: per year the costs' budget, actual and deviation and the
 * municipalities' unpaid contributions; then how many deviations reach a limit unexplained.
 * Sums are taken in øre (integers), so thousands of posts add without drift.
 */
function followUpStatus(f: NonNullable<Report["followUp"]>, locale: Locale): string[] {
  const T = CLI_TEXTS;
  const ore = (v: number) => Math.round(v * 100);
  const n = (o: number) => formatNumber(o / 100, locale, 2);
  const years = [...new Set(f.costs.map((c) => c.year))];
  const per = (y: number | null) => {
    const costs = f.costs.filter((c) => y === null || c.year === y);
    const budget = costs.reduce((a, c) => a + ore(c.budget), 0);
    const actual = costs.reduce((a, c) => a + ore(c.actual), 0);
    const unpaid = f.municipalities.filter((m) => y === null || m.year === y).reduce((a, m) => a + Math.max(0, ore(m.due) - ore(m.paid)), 0);
    return [n(budget), n(actual), n(actual - budget), n(unpaid)];
  };
  const head = [T.years[locale], T.budget[locale], T.actual[locale], T.deviation[locale], T.unpaid[locale]];
  const body = years.map((y) => [String(y), ...per(y)]);
  const foot = [T.total[locale], ...per(null)];
  const widths = head.map((h, i) => Math.max(h.length, ...[...body, foot].map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  const date = f.asOf ? formatDate(f.asOf, locale) : null;
  const title = date ? T.followUpHead[locale].replace("{date}", date) : T.followUpNoDate[locale];
  const unexplained = f.costs.filter((c) => c.flagged && !c.explained).length;
  return [`${title}:`, fmt(head), ...body.map(fmt), fmt(foot), `${T.unexplained[locale]}: ${unexplained}`];
}

/** An ISO date as the locale writes it (31.12.2011, 12/31/2011). */
function formatDate(iso: string, locale: Locale): string {
  const [y, m, d] = iso.split("-");
  return locale === "nb-NO" ? `${d}.${m}.${y}` : `${Number(m)}/${Number(d)}/${y}`;
}

/** The short human summary: contributions per municipality and year, totals, findings. */
function summary(report: Report, locale: Locale, headline: string | null): string {
  const T = CLI_TEXTS;
  const n = (v: number | undefined) => (v === undefined ? "" : formatNumber(v, locale, 2));
  const lines: string[] = [];
  if (headline) lines.push(headline);
  const years = report.years;
  if (report.municipalities.length > 0) {
    lines.push("", `${T.contributions[locale]}:`);
    const head = [T.municipality[locale], ...years, T.total[locale]];
    const body = report.municipalities.map((m) => {
      const perYear = years.map((y) => m.contributions[y]);
      return [m.name, ...perYear.map(n), n(perYear.reduce((a, b) => a + (b ?? 0), 0))];
    });
    const shown = body.slice(0, MAX_ROWS);
    const sums = years.map((y) => report.municipalities.reduce((a, m) => a + (m.contributions[y] ?? 0), 0));
    const foot = [T.total[locale], ...sums.map(n), n(sums.reduce((a, b) => a + b, 0))];
    const widths = head.map((h, i) => Math.max(h.length, ...[...shown, foot].map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    lines.push(fmt(head), ...shown.map(fmt));
    if (body.length > shown.length) lines.push(say(CLI_MESSAGES.more, locale, { n: body.length - shown.length }));
    lines.push(fmt(foot));
  }
  if (report.scenarios && report.scenarios.length > 0) {
    // One table: the total over the years per municipality under the key and each scenario.
    const own = `${T.ownKey[locale]}`;
    const head = [T.municipality[locale], own, ...report.scenarios.map((s) => s.name)];
    const sum = (c: Record<string, number> | undefined) => years.reduce((a, y) => a + (c?.[y] ?? 0), 0);
    const body = report.municipalities.map((m) => [m.name, n(sum(m.contributions)), ...report.scenarios!.map((s) => n(sum(s.contributions[m.name])))]);
    const shown = body.slice(0, MAX_ROWS);
    const foot = [
      T.total[locale],
      n(report.municipalities.reduce((a, m) => a + sum(m.contributions), 0)),
      ...report.scenarios.map((s) => n(report.municipalities.reduce((a, m) => a + sum(s.contributions[m.name]), 0))),
    ];
    const widths = head.map((h, i) => Math.max(h.length, ...[...shown, foot].map((r) => r[i].length)));
    const fmt = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
    lines.push("", `${T.scenarios[locale]}:`, fmt(head), ...shown.map(fmt));
    if (body.length > shown.length) lines.push(say(CLI_MESSAGES.more, locale, { n: body.length - shown.length }));
    lines.push(fmt(foot));
  }
  if (report.followUp) lines.push("", ...followUpStatus(report.followUp, locale));
  if (years.length > 0) {
    const rows = [
      [T.years[locale], ...years],
      [T.costs[locale], ...years.map((y) => n(report.budget.costs[y]))],
      [T.financing[locale], ...years.map((y) => n(report.budget.financing[y]))],
    ];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    lines.push("", ...rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ")));
  }
  const errors = report.findings.filter((f) => f.severity === "error");
  const warnings = report.findings.filter((f) => f.severity === "warning");
  lines.push("", say(CLI_MESSAGES.findings, locale, { errors: errors.length, warnings: warnings.length }));
  for (const f of [...errors, ...warnings]) {
    const label = f.severity === "error" ? T.error[locale] : T.warning[locale];
    // Engine messages usually name their place already; do not say it twice.
    const where = f.where && !f.message.includes(f.where) ? f.where + ": " : "";
    lines.push(`  [${label}] ${where}${f.message} (${f.id})`);
  }
  return lines.join("\n");
}
