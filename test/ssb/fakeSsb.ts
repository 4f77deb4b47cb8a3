/**
 * A local stand-in for SSB's PxWebApi v2 (table 07459), for tests only: it listens on 127.0.0.1
 * at a random port and answers as SSB's documentation describes (see src/core/ssb/pxweb.ts):
 * `GET /tables/07459/metadata` (JSON-stat 2 with Region codes and labels, old municipalities with
 * a period suffix), and `GET`/`POST /tables/07459/data` with `valueCodes[...]`, `codelist[Region]=
 * agg_KommSummer` (`K-<number>` codes), `Tid` as a list or `*`, Kjonn/Alder eliminated (totals).
 * The answer's categories come in the fake's own order (Region by number descending, years
 * descending), not the request's, and `category.index` alternates between the object and array
 * forms, so a client that assumes the request's order or one form fails.
 *
 * `mode` switches a failure on: 400 (also automatic for an unknown code), 404, 429 with
 * Retry-After (seconds or an HTTP date), 503, malformed JSON, a slow answer, a huge answer, and
 * missing values with status.
 *
 * FIGURES: 1.1.2008 are the 2009 plan's (Hjartdal 1619, Tinn 6066, Notodden 12232, Kongsberg
 * 23997, Flesberg 2521, Rollag 1419, Nore og Uvdal 2534). Every other year and municipality is
 * INVENTED TEST DATA (a small yearly drift), not SSB's figures.
 */
import { REGION_2009 } from "../../src/core/region2009";
import * as http from "http";
import type { AddressInfo } from "net";

type FakeMode =
  | "ok"
  | "400"
  | "404"
  | "429"
  | "429-date"
  | "503"
  | "malformed"
  | "not-jsonstat"
  | "slow"
  | "huge"
  | "huge-declared"
  | "missing"
  | "close";

/** Today's municipalities of the fake: number, label, 1.1.2008 population. */
const TODAY: readonly { number: string; label: string; pop2008: number }[] = [
  { number: "3303", label: "Kongsberg", pop2008: 23997 },
  { number: "4005", label: "Notodden", pop2008: 12232 },
  { number: "4026", label: "Tinn", pop2008: 6066 },
  { number: "4024", label: "Hjartdal", pop2008: 1619 },
  { number: "3334", label: "Flesberg", pop2008: 2521 },
  { number: "3336", label: "Rollag", pop2008: 1419 },
  { number: "3338", label: "Nore og Uvdal", pop2008: 2534 },
  // Invented test data from here on.
  { number: "0301", label: "Oslo", pop2008: 560484 },
  { number: "3114", label: "Våler (Østfold)", pop2008: 4500 },
  { number: "3419", label: "Våler (Innlandet)", pop2008: 3900 },
  { number: "5430", label: "Guovdageaidnu - Kautokeino", pop2008: 2950 },
];

/** The 2009 plan's municipalities in its order: name, number, 1.1.2008 population (the fake's figures). */
export const PLAN: readonly [string, string, number][] = REGION_2009.map((m) => {
  const t = TODAY.find((x) => x.label === m.name)!;
  return [m.name, t.number, t.pop2008];
});

/** Old municipalities in the metadata's Region list (not in agg_KommSummer). */
const OLD: readonly { code: string; label: string }[] = [
  { code: "0604", label: "Kongsberg (-2019)" },
  { code: "3006", label: "Kongsberg (2020-2023)" },
  { code: "0807", label: "Notodden (-2019)" },
  { code: "3808", label: "Notodden (2020-2023)" },
  { code: "0826", label: "Tinn (-2019)" },
  { code: "0827", label: "Hjartdal (-2019)" },
  { code: "0631", label: "Flesberg (-2019)" },
  { code: "0632", label: "Rollag (-2019)" },
  { code: "0633", label: "Nore og Uvdal (-2019)" },
  { code: "0137", label: "Våler (-2019)" },
  { code: "0426", label: "Våler (Hedmark) (-2019)" },
];

const FIRST_YEAR = 1986;

/** Invented (test data) population at 1 January `year`, except the plan's 2008 figures. */
export function fakePopulation(number: string, year: number): number {
  const m = TODAY.find((t) => t.number === number);
  if (!m) throw new Error(`fake: no municipality ${number}`);
  if (year === 2008) return m.pop2008;
  // A deterministic drift of a few per mille a year, different per municipality.
  const rate = ((Number(number) % 7) - 3) / 1000;
  return Math.round(m.pop2008 * Math.pow(1 + rate, year - 2008));
}

interface RecordedRequest {
  method: string;
  url: string;
  body: string;
}

export interface FakeSsb {
  /** Base URL, e.g. http://127.0.0.1:41234/api/pxwebapi/v2 */
  baseUrl: string;
  mode: FakeMode;
  /** Latest published year (Tid codes run from FIRST_YEAR to this). */
  latestYear: number;
  /** Retry-After value sent with 429/503 in seconds ("429-date" sends the date this many seconds ahead). */
  retryAfterSeconds: number | null;
  /** For mode "missing": which cells have no value, and their status. */
  missing: { number: string; year: number; status: string }[];
  /** Delay of the "slow" answer (ms). */
  slowMs: number;
  updated: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

function jsonStat(
  id: string[],
  dims: Record<string, { label: string; codes: string[]; labels: Record<string, string> }>,
  value: (number | null)[] | undefined,
  status: Record<string, string> | undefined,
  updated: string,
  arrayIndex: boolean,
): unknown {
  const dimension: Record<string, unknown> = {};
  for (const d of id) {
    const { label, codes, labels } = dims[d];
    // Object index written with its keys NOT in position order (as SSB's own example does).
    const index = arrayIndex ? codes : Object.fromEntries(codes.map((c, i) => [c, i] as const).reverse());
    dimension[d] = { label, category: { index, label: labels } };
  }
  return {
    version: "2.0",
    class: "dataset",
    label: "07459: Befolkning, etter region, kjønn, alder, statistikkvariabel og år",
    source: "Statistisk sentralbyrå",
    updated,
    role: { time: ["Tid"], metric: ["ContentsCode"], geo: ["Region"] },
    id,
    size: id.map((d) => dims[d].codes.length),
    dimension,
    ...(value ? { value } : {}),
    ...(status ? { status } : {}),
  };
}

function problem(status: number, title: string): string {
  return JSON.stringify({ type: "https://tools.ietf.org/html/rfc7231#section-6.5.1", title, status });
}

export async function startFakeSsb(): Promise<FakeSsb> {
  let answerIndexAsArray = false;
  const sockets = new Set<import("net").Socket>();
  const fake: FakeSsb = {
    baseUrl: "",
    mode: "ok",
    latestYear: 2025,
    retryAfterSeconds: 30,
    missing: [],
    slowMs: 2000,
    updated: "2025-02-21T07:00:00Z",
    requests: [],
    close: async () => undefined,
  };

  const years = () => {
    const ys: string[] = [];
    for (let y = fake.latestYear; y >= FIRST_YEAR; y--) ys.push(String(y));
    return ys; // descending: not the order anyone asks in
  };

  function metadata(): unknown {
    const codes = ["0", "33", "40", ...TODAY.map((t) => t.number), ...OLD.map((o) => o.code)];
    const labels: Record<string, string> = { "0": "Hele landet", "33": "Buskerud", "40": "Telemark" };
    for (const t of TODAY) labels[t.number] = t.label;
    for (const o of OLD) labels[o.code] = o.label;
    const ys = years();
    return jsonStat(
      ["Region", "Kjonn", "Alder", "ContentsCode", "Tid"],
      {
        Region: { label: "region", codes, labels },
        Kjonn: { label: "kjønn", codes: ["1", "2"], labels: { "1": "Menn", "2": "Kvinner" } },
        Alder: { label: "alder", codes: ["000", "001"], labels: { "000": "0 år", "001": "1 år" } },
        ContentsCode: { label: "statistikkvariabel", codes: ["Personer1"], labels: { Personer1: "Personer" } },
        Tid: { label: "år", codes: ys, labels: Object.fromEntries(ys.map((y) => [y, y])) },
      },
      undefined, // metadata carries no values
      undefined,
      fake.updated,
      false,
    );
  }

  /** The data answer for a selection, or an error [status, body]. */
  function data(sel: Record<string, { codelist?: string; values: string[] }>): { status: number; body: string } {
    for (const v of Object.keys(sel)) {
      if (!["Region", "ContentsCode", "Tid", "Kjonn", "Alder"].includes(v)) return { status: 400, body: problem(400, "Non-existent variable") };
    }
    const region = sel.Region;
    if (!region || region.codelist !== "agg_KommSummer") return { status: 400, body: problem(400, "Missing selection for mandatory variable") };
    const contents = sel.ContentsCode?.values ?? [];
    if (contents.length !== 1 || contents[0] !== "Personer1") return { status: 400, body: problem(400, "Non-existent value") };
    const allYears = years();
    const tidSel = sel.Tid?.values ?? [];
    const wantYears = tidSel.includes("*") ? allYears : tidSel;
    if (wantYears.length === 0 || wantYears.some((y) => !allYears.includes(y))) return { status: 400, body: problem(400, "Non-existent value") };
    const known = new Map(TODAY.map((t) => [`K-${t.number}`, t]));
    if (region.values.length === 0 || region.values.some((c) => !known.has(c))) return { status: 400, body: problem(400, "Non-existent value") };
    // The fake's own order: Region by number descending, years descending.
    const regionCodes = [...new Set(region.values)].sort().reverse();
    const tidCodes = allYears.filter((y) => wantYears.includes(y));
    const value: (number | null)[] = [];
    const status: Record<string, string> = {};
    for (const r of regionCodes) {
      for (const y of tidCodes) {
        const number = r.slice(2);
        const miss = fake.mode === "missing" ? fake.missing.find((m) => m.number === number && String(m.year) === y) : undefined;
        if (miss) {
          status[String(value.length)] = miss.status;
          value.push(null);
        } else value.push(fakePopulation(number, Number(y)));
      }
    }
    answerIndexAsArray = !answerIndexAsArray;
    const body = jsonStat(
      ["ContentsCode", "Region", "Tid"],
      {
        ContentsCode: { label: "statistikkvariabel", codes: ["Personer1"], labels: { Personer1: "Personer" } },
        Region: { label: "region", codes: regionCodes, labels: Object.fromEntries(regionCodes.map((c) => [c, known.get(c)!.label])) },
        Tid: { label: "år", codes: tidCodes, labels: Object.fromEntries(tidCodes.map((y) => [y, y])) },
      },
      value,
      Object.keys(status).length ? status : undefined,
      fake.updated,
      answerIndexAsArray,
    );
    return { status: 200, body: JSON.stringify(body) };
  }

  function selectionFromQuery(q: URLSearchParams): Record<string, { codelist?: string; values: string[] }> {
    const sel: Record<string, { codelist?: string; values: string[] }> = {};
    for (const [k, v] of q) {
      const vc = /^valueCodes\[(.+)\]$/i.exec(k);
      if (vc) (sel[vc[1]] ??= { values: [] }).values.push(...v.split(",").map((s) => s.trim()).filter((s) => s !== ""));
      const cl = /^codelist\[(.+)\]$/i.exec(k);
      if (cl) (sel[cl[1]] ??= { values: [] }).codelist = v;
    }
    return sel;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      fake.requests.push({ method: req.method ?? "", url: req.url ?? "", body });
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const send = (status: number, text: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*", ...headers });
        res.end(text);
      };
      // SSB: "404 … URL exceeding the limit of approximately 2100 characters".
      if (`http://127.0.0.1${req.url ?? ""}`.length > 2100) return send(404, problem(404, "Not found"));
      switch (fake.mode) {
        case "404":
          return send(404, problem(404, "Non-existent table"));
        case "400":
          return send(400, problem(400, "Non-existent value"));
        case "429":
          return send(429, problem(429, "Too many requests"), fake.retryAfterSeconds === null ? {} : { "Retry-After": String(fake.retryAfterSeconds) });
        case "429-date":
          return send(429, problem(429, "Too many requests"), { "Retry-After": new Date(Date.now() + (fake.retryAfterSeconds ?? 0) * 1000).toUTCString() });
        case "503":
          return send(503, "Service Unavailable", fake.retryAfterSeconds === null ? {} : { "Retry-After": String(fake.retryAfterSeconds) });
        case "malformed":
          return send(200, '{"version":"2.0","class":"dataset","id":["Region"');
        case "not-jsonstat":
          return send(200, '{"hello":"world"}');
        case "close":
          req.socket.destroy();
          return;
        case "huge-declared":
          res.writeHead(200, { "Content-Type": "application/json", "Content-Length": String(50_000_000) });
          res.write("[");
          return; // never finishes: the client must stop on the header alone
        case "huge": {
          // Streams ~8 MB of JSON without a Content-Length (chunked).
          res.writeHead(200, { "Content-Type": "application/json" });
          const piece = Buffer.from(`${"1,".repeat(50_000)}`);
          let sent = 0;
          res.write("[");
          const pump = () => {
            while (sent < 80) {
              sent++;
              if (!res.write(piece)) return void res.once("drain", pump);
            }
            res.end("1]");
          };
          res.on("error", () => undefined);
          return pump();
        }
        case "slow": {
          const t = setTimeout(() => send(200, JSON.stringify(metadata())), fake.slowMs);
          res.on("close", () => clearTimeout(t));
          return;
        }
      }
      const path = url.pathname.replace(/\/+$/, "");
      if (req.method === "GET" && path === "/api/pxwebapi/v2/tables/07459/metadata") return send(200, JSON.stringify(metadata()));
      if (path === "/api/pxwebapi/v2/tables/07459/data") {
        let sel: Record<string, { codelist?: string; values: string[] }>;
        if (req.method === "POST") {
          try {
            const j = JSON.parse(body) as { selection: { variableCode: string; codelist?: string; valueCodes: string[] }[] };
            sel = {};
            for (const s of j.selection) sel[s.variableCode] = { codelist: s.codelist, values: s.valueCodes };
          } catch {
            return send(400, problem(400, "Invalid body"));
          }
        } else sel = selectionFromQuery(url.searchParams);
        if (url.searchParams.get("outputValues[Region]") !== "aggregated") return send(400, problem(400, "outputValues must be aggregated for agg_KommSummer"));
        const r = data(sel);
        return send(r.status, r.body);
      }
      send(404, problem(404, "Not found"));
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  fake.baseUrl = `http://127.0.0.1:${port}/api/pxwebapi/v2`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}
