/**
 * The transport of the SSB population client: sends the requests src/core/ssb/pxweb.ts builds,
 * with `fetch` (Node 20's global one for `kbr populations`, the browser's in the task pane; a test
 * may pass its own), and turns every failure into an SsbError. Why a module of its own: core stays
 * free of I/O, and both the CLI and the pane use this one (it imports nothing from either).
 *
 * - Each request gives up after `timeoutMs` (15 s), body included (one AbortController per request).
 * - The body is read chunk by chunk and abandoned past `maxBytes` (5 MB): a proxy or a wrong
 *   KBR_SSB_URL must not make the pane read an unbounded answer. Content-Length, when sent, is
 *   checked first.
 * - No retry, at most two requests per fetch (the metadata only when a name must be matched).
 */
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS, SSB_BASE_URL, dataRequest, hasErrors, matchMunicipalities, metadataRequest, needsNames, parseJsonStat, populationsFromData, regionsFromData, regionsFromMetadata, type JsonStatDataset, type MunicipalityRow, type PopulationsResult, type SsbRequest } from "../core/ssb/pxweb";
import { errorForStatus, malformedError, networkError, timeoutError, tooLargeError } from "../core/ssb/errors";

export interface ClientOptions {
  /** Base URL of PxWebApi v2 (KBR_SSB_URL), default https://data.ssb.no/api/pxwebapi/v2. */
  baseUrl?: string;
  timeoutMs?: number;
  maxBytes?: number;
  /** The fetch to use; default the global one. */
  fetch?: typeof fetch;
  /** The clock (Retry-After as a date, the fetched date). */
  now?: () => Date;
  /** Longest GET URL before the data request becomes a POST (tests). */
  urlLimit?: number;
  /** Called before each request is sent (the pane's progress, the CLI's log). */
  onRequest?: (req: SsbRequest) => void;
}

/**
 * Sends one request and returns its body parsed as JSON-stat 2; throws SsbError for every failure.
 * @internal
 */
export async function send(req: SsbRequest, options: ClientOptions = {}): Promise<JsonStatDataset> {
  // Called through globalThis, never detached: a browser's fetch wants its own `this`.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const now = options.now ?? (() => new Date());
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  options.onRequest?.(req);
  try {
    let res: Response;
    try {
      res = await doFetch(req.url, { method: req.method, headers: req.headers, body: req.body, signal: controller.signal, redirect: "follow" });
    } catch {
      throw timedOut ? timeoutError(req.url, timeoutMs) : networkError(req.url);
    }
    let text: string;
    try {
      text = await readBounded(res, maxBytes, () => controller.abort());
    } catch (e) {
      if (e === TOO_LARGE) throw tooLargeError(req.url, maxBytes);
      throw timedOut ? timeoutError(req.url, timeoutMs) : networkError(req.url);
    }
    const failed = errorForStatus(res.status, res.headers.get("Retry-After"), text, { url: req.url, numbers: req.numbers, now: now() });
    if (failed) throw failed;
    return parseJsonStat(text, { metadata: req.kind === "metadata" });
  } finally {
    clearTimeout(timer);
  }
}

const TOO_LARGE = Symbol("too large");

/** The body as UTF-8 text, or TOO_LARGE thrown once it passes `maxBytes` (the request is then aborted). */
async function readBounded(res: Response, maxBytes: number, abort: () => void): Promise<string> {
  const declared = Number(res.headers.get("Content-Length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    abort();
    throw TOO_LARGE;
  }
  if (!res.body) {
    const buf = await res.arrayBuffer();
    if (buf.byteLength > maxBytes) throw TOO_LARGE;
    return new TextDecoder("utf-8").decode(buf);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder("utf-8");
  let size = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      abort();
      await reader.cancel().catch(() => undefined);
      throw TOO_LARGE;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

export interface FetchResult extends PopulationsResult {
  /** The requests made, in order (one or two). */
  requests: SsbRequest[];
  /** When the data answer was received. */
  fetched: Date;
}

/**
 * Fetches every municipality's population for every budget year: matching by number (and, for
 * rows without one, by name against the metadata), then one data request. Matching errors stop
 * before the data request (the findings say why; `municipalities` is empty). Transport, HTTP and
 * format failures throw SsbError.
 */
export async function fetchPopulations(
  rows: readonly MunicipalityRow[],
  budgetYears: readonly string[],
  options: ClientOptions & { useLatest?: boolean } = {},
): Promise<FetchResult> {
  const base = options.baseUrl ?? SSB_BASE_URL;
  const requests: SsbRequest[] = [];
  const log = (r: SsbRequest) => {
    requests.push(r);
    options.onRequest?.(r);
  };
  const opts: ClientOptions = { ...options, onRequest: log };
  let regions = null;
  if (needsNames(rows)) regions = regionsFromMetadata(await send(metadataRequest(base), opts));
  const { matched, findings } = matchMunicipalities(rows, regions);
  const now = options.now ?? (() => new Date());
  if (hasErrors(findings) || matched.length === 0) {
    return { table: "07459", updated: null, latestYear: null, municipalities: [], findings, requests, fetched: now() };
  }
  const ds = await send(dataRequest(matched.map((m) => m.number), base, options.urlLimit), opts);
  const fetched = now();
  const result = populationsFromData(ds, matched, rows.map((r) => r.where), budgetYears, { useLatest: options.useLatest });
  return { ...result, findings: [...findings, ...result.findings], requests, fetched };
}

/**
 * The same result from a saved answer of the data request (`kbr populations --from`): no request
 * at all; numbers come from its codes and names from its labels.
 */
export function populationsFromSaved(
  answer: string,
  rows: readonly MunicipalityRow[],
  budgetYears: readonly string[],
  options: { useLatest?: boolean } = {},
): PopulationsResult {
  const ds = parseJsonStat(answer);
  if (!ds.dimension.Region || !ds.dimension.Tid) throw malformedError("no Region or Tid dimension");
  const regions = regionsFromData(ds).map(({ number, label }) => ({ number, label }));
  const { matched, findings } = matchMunicipalities(rows, regions);
  if (hasErrors(findings)) return { table: "07459", updated: ds.updated, latestYear: null, municipalities: [], findings };
  const result = populationsFromData(ds, matched, rows.map((r) => r.where), budgetYears, options);
  return { ...result, findings: [...findings, ...result.findings] };
}
