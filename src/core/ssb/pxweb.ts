/**
 * Populations from Statistics Norway (SSB): the pure half of the PxWebApi v2 client. It builds the
 * requests, reads JSON-stat 2 answers, matches the workbook's municipalities and applies the
 * reference-date rule; it does no I/O (the transport is src/ssb/client.ts, over `fetch`, the same
 * in Node 20 and in the task pane). Every failure is an SsbError with a code and both languages,
 * every problem with one municipality or year a Finding naming its row of `Kommuner`.
 *
 * Sources (read for this module; docs/ssb.md keeps the same list):
 * - SSB, "API mot statistikkbanken – brukerveiledning" (https://www.ssb.no/api/api-mot-statistikkbanken--brukerveiledning,
 *   English: https://www.ssb.no/en/api/statbank-pxwebapi-user-guide): base
 *   https://data.ssb.no/api/pxwebapi/v2; at most 800 000 cells per extract; about 30 requests a
 *   minute per IP address ("can apply to many colleagues at the same workplace"); licence CC BY 4.0.
 * - PxWebApi 2 user guide (https://www.pxtools.net/PxWebApi/documentation/user-guide, written
 *   against SSB's API): `valueCodes[var]=a,b` and `codelist[var]=id` as GET parameters, or the
 *   same as a POST body `{"selection":[{"variableCode","codelist","valueCodes"}]}`; `*` selects
 *   every value; a variable left out that is eliminable is summed (Kjonn, Alder); JSON-stat 2 is
 *   the default output, values "as a flat array (row-major order)"; the grouping `agg_KommSummer`
 *   of table 07459 sums old municipality codes into today's `K-<number>` groups, used with
 *   `outputValues[Region]=aggregated` (its example: `valueCodes[Region]=K-3103&…&codelist[Region]=
 *   agg_KommSummer&outputValues[Region]=aggregated`); metadata (`tables/07459/metadata`) is
 *   JSON-stat 2, and its `category.index` may be an object whose key order is not the position
 *   order (its Kjonn example: {"0":0,"1":2,"2":1}). Response codes: 400 bad parameters
 *   ("Non-existent value" for an unknown code), 404 not found, also "URL exceeding the limit of
 *   approximately 2100 characters", 429 too many queries, 503 unavailable.
 * - JSON-stat 2 (https://json-stat.org/format/): `index` an array or an object, `value` and
 *   `status` an array or an object keyed by position, `status` a string for every cell.
 *
 * Choices made here:
 * - GET, as the documentation shows, while the URL stays under URL_LIMIT (2 000 characters, below
 *   the ~2 100 SSB names); a longer one (about 250 municipalities and more) becomes one POST of
 *   the same selection to the same data URL. Either way a fetch is at most two requests (the
 *   metadata only when a name has to be matched); no retry, no paging.
 * - Tid is asked as `*` (every year SSB has). Listing the reference years would make SSB refuse
 *   the whole request with 400 when one of them is not published yet, and the answer must also
 *   say which year is the latest published (the pane's and `--use-latest`'s choice). 07459 has
 *   about 40 years: 357 municipalities × 40 years is 14 000 cells, far below 800 000.
 * - Today's municipalities for name matching are the metadata's four-digit Region codes whose
 *   label has no period suffix like "(-2019)" or "(2020-2023)".
 *
 * Not confirmed here (no network in this environment; checked against the documentation only):
 * whether SSB answers a POST from a browser (the pane) with CORS headers after the preflight;
 * whether `outputValues[Region]=aggregated` is honoured on the query string of a POST; the exact
 * JSON of a 400 answer (read as RFC 7807 `title`/`detail` when present); whether every one of
 * today's municipalities has a `K-` code in `agg_KommSummer` (a missing one is a 400 naming the
 * numbers sent); the `Retry-After` header on 429/503 (both forms, seconds and HTTP date, are read).
 * docs/acceptance.md has the real-network steps.
 */
import { both, type Locale } from "../i18n";
import { placeText } from "../checks/catalogue";
import { nameKey } from "../names";
import type { Finding } from "../types";
import type { Where } from "../workbook/types";
import { SSB_MESSAGES as M } from "./messages";
import { malformedError, snippet } from "./errors";

export const SSB_BASE_URL = "https://data.ssb.no/api/pxwebapi/v2";
export const SSB_TABLE = "07459";
/**
 * Longest GET URL sent; SSB answers 404 from about 2 100 characters (see the header).
 * @internal
 */
export const URL_LIMIT = 2000;
/** Default bound on an answer's size (bytes). A data answer for 2 000 municipalities × 50 years is well under 1 MB. */
export const DEFAULT_MAX_BYTES = 5_000_000;
/** Default time-out of one request (ms), from the spec. */
export const DEFAULT_TIMEOUT_MS = 15_000;

// ---------------------------------------------------------------------------------------------
// Requests

/** One HTTP request, as data: the transport sends it, the pane's note and `--json` can show it. */
export interface SsbRequest {
  method: "GET" | "POST";
  url: string;
  /** JSON text of a POST's selection. */
  body?: string;
  headers: Record<string, string>;
  /** What it asks for, for messages. */
  kind: "metadata" | "data";
  /** The municipality numbers asked for (data). */
  numbers: string[];
}

function trimBase(base: string): string {
  return base.replace(/\/+$/, "");
}

/** `GET {base}/tables/07459/metadata?lang=no`: Region codes and labels, asked only when a name must be matched. */
export function metadataRequest(base: string = SSB_BASE_URL): SsbRequest {
  return {
    method: "GET",
    url: `${trimBase(base)}/tables/${SSB_TABLE}/metadata?lang=no&outputFormat=json-stat2`,
    headers: { Accept: "application/json" },
    kind: "metadata",
    numbers: [],
  };
}

/**
 * The one data request for every municipality and year: today's municipalities (`K-<number>` in
 * the `agg_KommSummer` grouping, summed back over old borders), Personer1 (persons at 1 January),
 * every year (`*`, see the header), Kjonn and Alder left out (totals). GET while the URL fits
 * URL_LIMIT, else a POST of the same selection.
 */
export function dataRequest(numbers: readonly string[], base: string = SSB_BASE_URL, urlLimit = URL_LIMIT): SsbRequest {
  const uniq = [...new Set(numbers)];
  const regions = uniq.map((n) => `K-${n}`);
  const dataUrl = `${trimBase(base)}/tables/${SSB_TABLE}/data?lang=no&outputFormat=json-stat2`;
  const get =
    `${dataUrl}&valueCodes[ContentsCode]=Personer1&valueCodes[Tid]=*` +
    `&valueCodes[Region]=${regions.join(",")}&codelist[Region]=agg_KommSummer&outputValues[Region]=aggregated`;
  if (get.length <= urlLimit) return { method: "GET", url: get, headers: { Accept: "application/json" }, kind: "data", numbers: uniq };
  const body = {
    selection: [
      { variableCode: "ContentsCode", valueCodes: ["Personer1"] },
      { variableCode: "Tid", valueCodes: ["*"] },
      { variableCode: "Region", codelist: "agg_KommSummer", valueCodes: regions },
    ],
  };
  return {
    method: "POST",
    url: `${dataUrl}&outputValues[Region]=aggregated`,
    body: JSON.stringify(body),
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    kind: "data",
    numbers: uniq,
  };
}

/**
 * The reference-date rule: budget year Y uses the population at 1 January of Y − 1 (the 2009 plan: budget 2009, 1.1.2008).
 * @internal
 */
export function referenceYear(budgetYear: string): string | null {
  const t = budgetYear.trim();
  if (!/^\d{4}$/.test(t)) return null;
  return String(Number(t) - 1);
}

// ---------------------------------------------------------------------------------------------
// JSON-stat 2

interface JsonStatDimension {
  label: string;
  /** Category codes in position order (the answer's own order, not the request's). */
  codes: string[];
  labels: Record<string, string>;
}

export interface JsonStatDataset {
  label: string;
  updated: string | null;
  id: string[];
  size: number[];
  dimension: Record<string, JsonStatDimension>;
  /** One per cell, row-major over `id`/`size`; null where the answer has none. */
  value: (number | null)[];
  /** A cell's status symbol (".", "..", ":"), or null. */
  status: (string | null)[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Codes in position order from `category.index` (array, or object code → position) or, for one category, `label`. */
function categoryCodes(dimId: string, cat: Record<string, unknown>): string[] {
  const index = cat.index;
  if (Array.isArray(index)) {
    if (!index.every((c) => typeof c === "string")) throw malformedError(`dimension ${dimId}: index`);
    return index as string[];
  }
  if (isObject(index)) {
    const entries = Object.entries(index);
    const codes: string[] = new Array(entries.length);
    for (const [code, pos] of entries) {
      if (typeof pos !== "number" || !Number.isInteger(pos) || pos < 0 || pos >= entries.length || codes[pos] !== undefined) {
        throw malformedError(`dimension ${dimId}: index`);
      }
      codes[pos] = code;
    }
    return codes;
  }
  if (index === undefined && isObject(cat.label) && Object.keys(cat.label).length === 1) return Object.keys(cat.label);
  throw malformedError(`dimension ${dimId}: index`);
}

/** Reads `value` or `status` as an array of `n` cells (array, or object keyed by position, or for status one string). */
function cells<T>(raw: unknown, n: number, what: string, ok: (v: unknown) => v is T, all?: (v: unknown) => v is T): (T | null)[] {
  const out: (T | null)[] = new Array(n).fill(null);
  if (raw === undefined || raw === null) return out;
  if (all && all(raw)) return out.fill(raw);
  if (Array.isArray(raw)) {
    if (raw.length !== n) throw malformedError(`${what}: ${raw.length} cells, size says ${n}`);
    raw.forEach((v, i) => {
      if (v === null) return;
      if (!ok(v)) throw malformedError(`${what}[${i}]`);
      out[i] = v;
    });
    return out;
  }
  if (isObject(raw)) {
    for (const [k, v] of Object.entries(raw)) {
      const i = Number(k);
      if (!/^\d+$/.test(k) || i >= n) throw malformedError(`${what}: key ${snippet(k, 20)}`);
      if (v === null) continue;
      if (!ok(v)) throw malformedError(`${what}[${k}]`);
      out[i] = v;
    }
    return out;
  }
  throw malformedError(what);
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isString = (v: unknown): v is string => typeof v === "string";

/**
 * Parses JSON text (or an already parsed value) as a JSON-stat 2 dataset; an SsbError (MALFORMED)
 * otherwise. `metadata`: the answer of the metadata endpoint, which describes the dimensions and
 * carries no values (any `value`/`status` it has is ignored).
 */
export function parseJsonStat(input: unknown, options: { metadata?: boolean } = {}): JsonStatDataset {
  let json = input;
  if (typeof input === "string") {
    try {
      json = JSON.parse(input);
    } catch {
      throw malformedError("not JSON");
    }
  }
  if (!isObject(json)) throw malformedError("not a JSON object");
  if (json.class !== undefined && json.class !== "dataset") throw malformedError(`class ${snippet(String(json.class), 20)}`);
  const id = json.id;
  const size = json.size;
  if (!Array.isArray(id) || !id.every(isString)) throw malformedError("id");
  if (!Array.isArray(size) || size.length !== id.length || !size.every((s) => Number.isInteger(s) && (s as number) >= 0)) {
    throw malformedError("size");
  }
  if (!isObject(json.dimension)) throw malformedError("dimension");
  const dimension: Record<string, JsonStatDimension> = {};
  id.forEach((d, k) => {
    const dim = (json as { dimension: Record<string, unknown> }).dimension[d];
    if (!isObject(dim) || !isObject(dim.category)) throw malformedError(`dimension ${snippet(d, 30)}`);
    const codes = categoryCodes(d, dim.category);
    if (codes.length !== size[k]) throw malformedError(`dimension ${snippet(d, 30)}: ${codes.length} categories, size says ${size[k]}`);
    const rawLabels = isObject(dim.category.label) ? dim.category.label : {};
    const labels: Record<string, string> = {};
    for (const c of codes) labels[c] = typeof rawLabels[c] === "string" ? (rawLabels[c] as string) : c;
    dimension[d] = { label: typeof dim.label === "string" ? dim.label : d, codes, labels };
  });
  const n = (size as number[]).reduce((a, b) => a * b, 1);
  if (n > 10_000_000) throw malformedError("size");
  const value = options.metadata ? [] : cells(json.value, n, "value", isNumber);
  const status = options.metadata ? [] : cells(json.status, n, "status", isString, isString);
  return {
    label: typeof json.label === "string" ? json.label : "",
    updated: typeof json.updated === "string" ? json.updated : null,
    id: id as string[],
    size: size as number[],
    dimension,
    value,
    status,
  };
}

/**
 * The cell at the given category codes (row-major: the last dimension varies fastest). A
 * dimension left out of `at` must have one category. undefined when a code is not in the answer.
 * @internal
 */
export function cellAt(ds: JsonStatDataset, at: Record<string, string>): { value: number | null; status: string | null } | undefined {
  let offset = 0;
  for (let k = 0; k < ds.id.length; k++) {
    const d = ds.id[k];
    const code = at[d];
    let pos: number;
    if (code === undefined) {
      if (ds.size[k] !== 1) return undefined;
      pos = 0;
    } else {
      pos = ds.dimension[d].codes.indexOf(code);
      if (pos < 0) return undefined;
    }
    offset = offset * ds.size[k] + pos;
  }
  return { value: ds.value[offset], status: ds.status[offset] };
}

// ---------------------------------------------------------------------------------------------
// Municipalities

/** One of today's municipalities as SSB names it. */
export interface SsbRegion {
  number: string;
  label: string;
}

/** A label with a period suffix, "(-2019)" or "(2020-2023)": a municipality that no longer exists in that form. */
const PERIOD_SUFFIX = /\(\s*\d{0,4}\s*[-–]\s*\d{0,4}\s*\)\s*$/;

/** Today's municipalities from the metadata's Region dimension (four-digit codes, no period suffix). */
export function regionsFromMetadata(ds: JsonStatDataset): SsbRegion[] {
  const dim = ds.dimension.Region;
  if (!dim) throw malformedError("no Region dimension");
  return dim.codes.filter((c) => /^\d{4}$/.test(c) && !PERIOD_SUFFIX.test(dim.labels[c])).map((c) => ({ number: c, label: dim.labels[c] }));
}

/** The municipalities of a data answer (`K-<number>` codes of agg_KommSummer; plain four-digit codes are read too). */
export function regionsFromData(ds: JsonStatDataset): (SsbRegion & { code: string })[] {
  const dim = ds.dimension.Region;
  if (!dim) throw malformedError("no Region dimension");
  const out: (SsbRegion & { code: string })[] = [];
  for (const c of dim.codes) {
    const m = /^(?:K-)?(\d{4})$/.exec(c);
    if (m) out.push({ number: m[1], label: dim.labels[c], code: c });
  }
  return out;
}

/**
 * A `Kommunenummer` cell as today's four-digit number: text "3303" or " 0301 ", a number typed as
 * a number (301 → "0301"). null for a blank cell; undefined for anything else (a finding).
 * @internal
 */
export function normalizeNumber(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isInteger(v) && v > 0 && v <= 9999 ? String(v).padStart(4, "0") : undefined;
  if (typeof v === "string") {
    const t = v.trim();
    if (t === "") return null;
    return /^\d{1,4}$/.test(t) && Number(t) > 0 ? t.padStart(4, "0") : undefined;
  }
  return undefined;
}

/** Name matching: case, composition and surrounding (and doubled inner) spaces ignored (core's rule). */
const key = nameKey;

/**
 * The names a label answers to: the label itself, without a qualifier in parentheses ("Våler
 * (Østfold)" → "Våler"), and each side of a bilingual name ("Guovdageaidnu - Kautokeino").
 */
function labelKeys(label: string): { exact: string; loose: string[] } {
  const exact = key(label);
  const loose = new Set<string>();
  const bare = exact.replace(/\s*\([^)]*\)\s*$/, "");
  loose.add(bare);
  for (const part of bare.split(/\s+[-–]\s+/)) loose.add(part.trim());
  return { exact, loose: [...loose] };
}

/** One row of `Kommuner` as the matcher needs it. */
export interface MunicipalityRow {
  name: string;
  /** The raw `Kommunenummer` cell, or undefined without that column. */
  number?: unknown;
  /** Where the row is (for findings); `tableRow` 1-based. */
  where?: Where;
}

export interface MatchedMunicipality {
  /** Index into the rows given. */
  row: number;
  name: string;
  number: string;
  /** SSB's label, when known at matching time (from the metadata or a saved answer). */
  ssbName?: string;
}

function finding(id: string, severity: "error" | "warning", where: Where | undefined, message: Record<Locale, string>): Finding {
  const w = where ?? { table: "Kommuner" };
  const prefix = (l: Locale) => {
    const p = placeText(w, l);
    return p ? `${p}: ` : "";
  };
  return { id, severity, where: w, message: { "nb-NO": prefix("nb-NO") + message["nb-NO"], "en-US": prefix("en-US") + message["en-US"] } };
}

/** True when some row has to be matched by name, so the metadata must be fetched. */
export function needsNames(rows: readonly MunicipalityRow[]): boolean {
  return rows.some((r) => normalizeNumber(r.number) === null);
}

/**
 * Matches the rows to SSB municipalities. A row with a number is taken by its number (checked
 * against `regions` when given, with a warning if the name differs); a row without one by its
 * name among `regions` (today's municipalities). Unknown and ambiguous names, bad and duplicate
 * numbers are error findings; `regions` null means names cannot be matched (every row must have
 * a number).
 */
export function matchMunicipalities(
  rows: readonly MunicipalityRow[],
  regions: readonly SsbRegion[] | null,
): { matched: MatchedMunicipality[]; findings: Finding[] } {
  const matched: MatchedMunicipality[] = [];
  const findings: Finding[] = [];
  const byNumber = new Map((regions ?? []).map((r) => [r.number, r]));
  const keyed = (regions ?? []).map((r) => ({ r, ...labelKeys(r.label) }));
  const col = (w: Where | undefined, column: string): Where => ({ ...(w ?? { table: "Kommuner" }), column });
  const seen = new Map<string, string>();
  rows.forEach((row, i) => {
    const num = normalizeNumber(row.number);
    let number: string | undefined;
    let ssbName: string | undefined;
    if (num === undefined) {
      findings.push(finding("KBR-E-SSB-NUMBER-BAD", "error", col(row.where, "Kommunenummer"), both(M.numberBad, { value: snippet(String(row.number), 40) })));
      return;
    }
    if (num !== null) {
      number = num;
      if (regions) {
        const r = byNumber.get(num);
        if (!r) {
          findings.push(finding("KBR-E-SSB-NUMBER-UNKNOWN", "error", col(row.where, "Kommunenummer"), both(M.numberUnknown, { number: num, name: row.name })));
          return;
        }
        ssbName = r.label;
      }
    } else {
      if (!regions) {
        findings.push(finding("KBR-E-SSB-NAME-UNKNOWN", "error", col(row.where, "Kommune"), both(M.nameUnknown, { name: row.name })));
        return;
      }
      const k = key(row.name);
      let hits = keyed.filter((e) => e.exact === k);
      if (hits.length === 0) hits = keyed.filter((e) => e.loose.includes(k));
      if (hits.length === 0) {
        findings.push(finding("KBR-E-SSB-NAME-UNKNOWN", "error", col(row.where, "Kommune"), both(M.nameUnknown, { name: row.name })));
        return;
      }
      if (hits.length > 1) {
        const candidates = hits.map((h) => `${h.r.label} (${h.r.number})`).join(", ");
        findings.push(finding("KBR-E-SSB-NAME-AMBIGUOUS", "error", col(row.where, "Kommune"), both(M.nameAmbiguous, { name: row.name, candidates })));
        return;
      }
      number = hits[0].r.number;
      ssbName = hits[0].r.label;
    }
    const other = seen.get(number);
    if (other !== undefined) {
      findings.push(finding("KBR-E-SSB-NUMBER-DUPLICATE", "error", col(row.where, num !== null ? "Kommunenummer" : "Kommune"), both(M.numberDuplicate, { number, name: other })));
      return;
    }
    seen.set(number, row.name);
    matched.push({ row: i, name: row.name, number, ssbName });
  });
  return { matched, findings };
}

/** True when the workbook's name is one SSB's label answers to (so no warning is due). */
function sameMunicipalityName(name: string, label: string): boolean {
  const k = key(name);
  const l = labelKeys(label);
  return l.exact === k || l.loose.includes(k);
}

// ---------------------------------------------------------------------------------------------
// Populations

interface YearPopulation {
  /** The year whose 1 January figure is used (Y − 1, or the latest published with useLatest). */
  referenceYear: string;
  /** SSB's figure, or null when it has none (see the findings). */
  population: number | null;
  /** True when the reference year was not published and the latest published one is used instead. */
  latest: boolean;
  /** True when SSB has not published the reference year yet. */
  unpublished: boolean;
}

interface MunicipalityPopulations {
  row: number;
  name: string;
  number: string;
  ssbName: string;
  years: Record<string, YearPopulation>;
}

export interface PopulationsResult {
  table: typeof SSB_TABLE;
  /** SSB's `updated` of the table (ISO text), or null. */
  updated: string | null;
  /** The latest year the answer has, or null. */
  latestYear: string | null;
  municipalities: MunicipalityPopulations[];
  /** Errors (nothing may be written) and warnings. */
  findings: Finding[];
}

/**
 * Reads each matched municipality's population per budget year from a data answer. A missing
 * value (status ".", "..", ":" or no number) is an error naming municipality and year; a
 * reference year after the answer's latest is "not published" (a warning, population null) unless
 * `useLatest`, which takes the latest published year instead.
 */
export function populationsFromData(
  ds: JsonStatDataset,
  matched: readonly MatchedMunicipality[],
  rowsWhere: readonly (Where | undefined)[],
  budgetYears: readonly string[],
  options: { useLatest?: boolean } = {},
): PopulationsResult {
  const findings: Finding[] = [];
  const tid = ds.dimension.Tid;
  if (!tid) throw malformedError("no Tid dimension");
  const years = tid.codes.filter((c) => /^\d{4}$/.test(c)).sort();
  const latestYear = years.length ? years[years.length - 1] : null;
  const regions = new Map(regionsFromData(ds).map((r) => [r.number, r]));
  const contents = ds.dimension.ContentsCode;
  const at = (code: string, year: string): Record<string, string> => {
    const a: Record<string, string> = { Region: code, Tid: year };
    if (contents && contents.codes.includes("Personer1")) a.ContentsCode = "Personer1";
    return a;
  };
  const plan: { budgetYear: string; referenceYear: string; latest: boolean; unpublished: boolean }[] = [];
  for (const by of budgetYears) {
    const ref = referenceYear(by);
    if (ref === null) {
      findings.push(finding("KBR-E-SSB-YEAR-BAD", "error", { table: "Kostnader" }, both(M.yearBad, { budgetYear: by })));
      continue;
    }
    const unpublished = latestYear !== null && ref > latestYear;
    if (unpublished && latestYear !== null) {
      if (options.useLatest) {
        findings.push(finding("KBR-W-SSB-YEAR-LATEST", "warning", { table: "Kommuner" }, both(M.yearLatestUsed, { budgetYear: by, referenceYear: ref, latest: latestYear })));
        plan.push({ budgetYear: by, referenceYear: latestYear, latest: true, unpublished: true });
      } else {
        findings.push(finding("KBR-W-SSB-YEAR-UNPUBLISHED", "warning", { table: "Kommuner" }, both(M.yearUnpublished, { budgetYear: by, referenceYear: ref, latest: latestYear })));
        plan.push({ budgetYear: by, referenceYear: ref, latest: false, unpublished: true });
      }
    } else {
      plan.push({ budgetYear: by, referenceYear: ref, latest: false, unpublished: false });
    }
  }
  const municipalities: MunicipalityPopulations[] = [];
  for (const m of matched) {
    const where = rowsWhere[m.row];
    const region = regions.get(m.number);
    if (!region) {
      findings.push(finding("KBR-E-SSB-NOT-IN-ANSWER", "error", where, both(M.notInAnswer, { name: m.name, number: m.number })));
      continue;
    }
    if (!sameMunicipalityName(m.name, region.label)) {
      findings.push(
        finding("KBR-W-SSB-NAME-DIFFERS", "warning", { ...(where ?? { table: "Kommuner" }), column: "Kommune" }, both(M.nameDiffers, { name: m.name, number: m.number, ssbName: region.label })),
      );
    }
    const out: MunicipalityPopulations = { row: m.row, name: m.name, number: m.number, ssbName: region.label, years: {} };
    for (const p of plan) {
      if (p.unpublished && !p.latest) {
        out.years[p.budgetYear] = { referenceYear: p.referenceYear, population: null, latest: false, unpublished: true };
        continue;
      }
      const cell = cellAt(ds, at(region.code, p.referenceYear));
      const v = cell?.value ?? null;
      if (v === null || MISSING_STATUS.has(cell?.status ?? "")) {
        findings.push(
          finding("KBR-E-SSB-VALUE-MISSING", "error", where, both(M.valueMissing, { name: m.name, number: m.number, budgetYear: p.budgetYear, referenceYear: p.referenceYear, status: cell?.status ?? "" })),
        );
        out.years[p.budgetYear] = { referenceYear: p.referenceYear, population: null, latest: p.latest, unpublished: p.unpublished };
        continue;
      }
      out.years[p.budgetYear] = { referenceYear: p.referenceYear, population: v, latest: p.latest, unpublished: p.unpublished };
    }
    municipalities.push(out);
  }
  return { table: SSB_TABLE, updated: ds.updated, latestYear, municipalities, findings };
}

/** SSB's symbols for a missing figure: "." cannot occur, ".." not available, ":" confidential. */
const MISSING_STATUS = new Set([".", "..", ":"]);

/** True when a finding stops the figures from being written. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/** "25.02.2025" from an ISO date-time (SSB's `updated`), in Norwegian date order; the text itself when unreadable. */
export function norwegianDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/**
 * The text of the `Parametere` row `Kilde innbyggertall` (CC BY 4.0 asks for the source):
 * "Kilde: Statistisk sentralbyrå (SSB), tabell 07459, befolkning 1.1.2008, 1.1.2009, oppdatert
 * 25.02.2025, hentet 07.12.2026". A budget year that uses the latest published year is named.
 */
export function sourceText(result: PopulationsResult, fetched: Date): string {
  const refs = new Set<string>();
  const latestFor: string[] = [];
  for (const m of result.municipalities) {
    for (const [by, y] of Object.entries(m.years)) {
      if (y.population === null) continue;
      refs.add(y.referenceYear);
      if (y.latest && !latestFor.includes(by)) latestFor.push(by);
    }
  }
  const years = [...refs].sort().map((y) => `1.1.${y}`).join(", ");
  const iso = fetched.toISOString().slice(0, 10);
  let s = `Kilde: Statistisk sentralbyrå (SSB), tabell ${SSB_TABLE}, befolkning ${years}`;
  if (latestFor.length) s += ` (siste publiserte brukt for budsjettår ${latestFor.sort().join(", ")})`;
  if (result.updated) s += `, oppdatert ${norwegianDate(result.updated)}`;
  return `${s}, hentet ${norwegianDate(iso)}`;
}
