/**
 * `kbr populations FILE.xlsx [--out FILE] [--force] [--from RESPONSE.json] [--use-latest] [--json]`:
 * fetches each municipality's population per budget year from Statistics Norway (table 07459,
 * src/ssb/client.ts; `KBR_SSB_URL` replaces the base URL), or reads a saved answer of the data
 * request (`--from`, no request at all), prints the comparison (per municipality and budget year:
 * the workbook's figure, SSB's, and the change in the contribution), writes the `Innbyggere <år>`
 * columns into `Kommuner` and the `Parametere` row `Kilde innbyggertall`
 * (src/xlsx/write/inputTable.ts), then rebuilds the generated sheets as `kbr build --input` does,
 * under the same output rules (--out, --force; written to a temporary file and renamed).
 *
 * Nothing is written when the fetch fails, a municipality cannot be matched, a figure is missing,
 * or the rebuild has errors; exit 1 then (2 for files that cannot be used, as `kbr build`).
 */
import * as fs from "fs";
import * as path from "path";
import { build, hasErrors as buildHasErrors } from "../core/engine";
import { both, formatNumber, say, type Locale } from "../core/i18n";
import type { Finding } from "../core/types";
import { budgetYears, municipalityRows, planPopulationWrite, type Comparison } from "../core/ssb/apply";
import { DEFAULT_MAX_BYTES, hasErrors, SSB_TABLE, type PopulationsResult } from "../core/ssb/pxweb";
import { SsbError } from "../core/ssb/errors";
import { fetchPopulations, populationsFromSaved } from "../ssb/client";
import { PackageWorkbook } from "../xlsx/packageWorkbook";
import { LocalizedError } from "../xlsx/messages";
import { workbookInfo } from "../xlsx/read";
import { editInputTables } from "../xlsx/write/inputTable";
import { reportError, type Io } from "./commands";
import { CLI_MESSAGES, CLI_TEXTS } from "./messages";
import { checkTarget, writeOutput } from "./output";
import { POPULATION_TEXTS } from "./populationTexts";

export interface PopulationsOptions {
  out?: string;
  force?: boolean;
  /** A saved JSON-stat 2 answer of the data request: no request is made. */
  from?: string;
  useLatest?: boolean;
  json?: boolean;
  locale: Locale;
  /** The environment (KBR_SSB_URL); process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Tests: the fetch, the clock and the time-out. */
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

const T = POPULATION_TEXTS;

/** Where the output goes when no --out is given: next to the input, never over it. */
function defaultOut(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}-kbr${ext || ".xlsx"}`);
}

/** The `--json` object (docs/ssb.md: table, updated, fetched, municipalities with years {referenceYear, population, workbook}). */
function jsonReport(result: PopulationsResult, comparison: Comparison[], fetched: Date, findings: Finding[], locale: Locale, written: string | null) {
  return {
    table: SSB_TABLE,
    updated: result.updated,
    fetched: fetched.toISOString(),
    municipalities: comparison.map((c) => ({
      name: c.name,
      number: c.number,
      years: Object.fromEntries(
        Object.entries(c.years).map(([y, v]) => [
          y,
          { referenceYear: v.referenceYear, population: v.population, workbook: v.workbook, contributionChange: v.contributionChange, ...(v.latest ? { latest: true } : {}) },
        ]),
      ),
    })),
    findings: findings.map((f) => ({ id: f.id, severity: f.severity, message: f.message[locale], where: f.where.cell ?? f.where.table ?? "" })),
    written,
  };
}

/** The comparison as a text table. */
function comparisonText(result: PopulationsResult, comparison: Comparison[], locale: Locale): string {
  const n = (v: number | null) => (v === null ? "–" : formatNumber(v, locale, 0));
  const signed = (v: number | null) => (v === null ? "–" : v > 0 ? `+${n(v)}` : n(v));
  const rows: string[][] = [];
  for (const c of comparison) {
    for (const [y, v] of Object.entries(c.years)) {
      rows.push([c.name, c.number, y, `1.1.${v.referenceYear}${v.latest ? "*" : ""}`, n(v.workbook), v.population === null && v.unpublished ? T.notPublished[locale] : n(v.population), signed(v.contributionChange)]);
    }
  }
  const head = T.columns[locale];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const fmt = (r: string[]) => r.map((cell, i) => (i <= 3 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ").trimEnd();
  const updated = result.updated ? result.updated.slice(0, 10) : "";
  return [say(T.heading, locale, { updated }), fmt(head), ...rows.map(fmt)].join("\n");
}

function findingsText(findings: readonly Finding[], locale: Locale): string {
  const errors = findings.filter((f) => f.severity === "error");
  const warnings = findings.filter((f) => f.severity === "warning");
  const lines = [say(CLI_MESSAGES.findings, locale, { errors: errors.length, warnings: warnings.length })];
  for (const f of [...errors, ...warnings]) lines.push(`  [${(f.severity === "error" ? CLI_TEXTS.error : CLI_TEXTS.warning)[locale]}] ${f.message[locale]} (${f.id})`);
  return lines.join("\n");
}

/** Reads a saved answer, bounded as a fetched one is. */
function readSaved(file: string): { text: string; mtime: Date } {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) throw Object.assign(new Error("not a regular file"), { code: "EISDIR" });
    if (st.size > DEFAULT_MAX_BYTES) throw new Error(`larger than ${DEFAULT_MAX_BYTES / 1_000_000} MB`);
    return { text: fs.readFileSync(file, "utf8"), mtime: st.mtime };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? (e as Error).message.replace(/^ENOENT: /, "") : (e as Error).message;
    throw new LocalizedError(both(T.fromUnreadable, { file, reason }), 2, e);
  }
}

export async function runPopulations(file: string, opts: PopulationsOptions, io: Io): Promise<number> {
  const { locale } = opts;
  try {
    const out = opts.out ?? defaultOut(file);
    const target = checkTarget(out, { input: file, named: opts.out !== undefined, force: opts.force });
    const book = await PackageWorkbook.open(file);
    const macros = await book.isMacroEnabled();
    if ((path.extname(out).toLowerCase() === ".xlsm") !== macros) {
      throw new LocalizedError(both(CLI_MESSAGES.extensionMismatch, { file: out, input: file, macros }), 2);
    }
    const tables = await book.readTables();
    const { rows } = municipalityRows(tables);
    if (rows.length === 0) throw new LocalizedError(both(T.noMunicipalities, { file }), 1);
    const years = budgetYears(tables);
    if (years.length === 0) throw new LocalizedError(both(T.noYears, { file }), 1);

    let result: PopulationsResult;
    let fetched: Date;
    if (opts.from) {
      const saved = readSaved(opts.from);
      result = populationsFromSaved(saved.text, rows, years, { useLatest: opts.useLatest });
      fetched = saved.mtime;
    } else {
      const env = opts.env ?? process.env;
      const fetchedResult = await fetchPopulations(rows, years, {
        baseUrl: env.KBR_SSB_URL || undefined,
        useLatest: opts.useLatest,
        fetch: opts.fetch,
        now: opts.now,
        timeoutMs: opts.timeoutMs,
        // The requests go to stderr, so --json's stdout stays one object.
        onRequest: (r) => io.err(say(T.request, locale, { method: r.method, url: r.url })),
      });
      result = fetchedResult;
      fetched = fetchedResult.fetched;
    }

    if (hasErrors(result.findings)) {
      if (opts.json) io.out(JSON.stringify(jsonReport(result, [], fetched, result.findings, locale, null), null, 2));
      else io.out(findingsText(result.findings, locale));
      io.err(CLI_TEXTS.nothingWritten[locale]);
      return 1;
    }

    const plan = planPopulationWrite(tables, result, fetched);
    if (plan.columns.length === 0) {
      if (opts.json) io.out(JSON.stringify(jsonReport(result, plan.comparison, fetched, result.findings, locale, null), null, 2));
      else io.out([comparisonText(result, plan.comparison, locale), "", findingsText(result.findings, locale), T.nothingToWrite[locale]].join("\n"));
      return 0;
    }

    // Write the input tables, then rebuild from what was written, as `kbr build --input` would.
    const info = await workbookInfo(book.pkg);
    await editInputTables(
      book.pkg,
      info,
      plan.columns.map((c) => ({ table: c.table, header: c.header, values: c.values, styleFrom: "Innbyggere" })),
      plan.source ? [{ table: plan.source.table, row: plan.source.row, values: { [plan.source.keyColumn]: plan.source.key, [plan.source.valueColumn]: plan.source.value } }] : [],
    );
    const edited = new PackageWorkbook(book.pkg);
    const built = build(await edited.readTables());
    const findings = [...result.findings, ...built.findings];
    if (built.model === null || buildHasErrors(built)) {
      if (opts.json) io.out(JSON.stringify(jsonReport(result, plan.comparison, fetched, findings, locale, null), null, 2));
      else io.out([comparisonText(result, plan.comparison, locale), "", findingsText(findings, locale)].join("\n"));
      io.err(CLI_TEXTS.nothingWritten[locale]);
      return 1;
    }
    await edited.write(built.plans);
    await writeOutput(target, await edited.toBytes());
    const sheets = built.plans.map((p) => p.name).join(", ");
    if (opts.json) io.out(JSON.stringify(jsonReport(result, plan.comparison, fetched, findings, locale, out), null, 2));
    else {
      io.out(
        [
          comparisonText(result, plan.comparison, locale),
          "",
          findingsText(findings, locale),
          say(T.wrote, locale, { file: out, columns: plan.columns.map((c) => c.header).join(", "), sheets }),
        ].join("\n"),
      );
    }
    return 0;
  } catch (e) {
    if (e instanceof SsbError) {
      io.err(e.text(locale));
      return 1;
    }
    return reportError(e, locale, io);
  }
}
