/**
 * The SSB client against the local fake of PxWebApi v2 (test/ssb/fakeSsb.ts, 127.0.0.1 only):
 * the 2009 plan's seven municipalities, the requests made, and every failure's message.
 * No test here touches the internet: every fetch goes to the fake's loopback address.
 */
import { fetchPopulations, populationsFromSaved, send } from "../../src/ssb/client";
import { dataRequest, metadataRequest, type MunicipalityRow } from "../../src/core/ssb/pxweb";
import { SsbError } from "../../src/core/ssb/errors";
import { PLAN, startFakeSsb, type FakeSsb } from "./fakeSsb";


const rows = (withNumbers: boolean): MunicipalityRow[] =>
  PLAN.map(([name, number], i) => ({ name, number: withNumbers ? number : undefined, where: { table: "Kommuner", tableRow: i + 1 } }));

let fake: FakeSsb;
beforeAll(async () => {
  fake = await startFakeSsb();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.mode = "ok";
  fake.requests = [];
  fake.latestYear = 2025;
  fake.retryAfterSeconds = 30;
});

/** The SsbError a promise rejects with. */
async function failure(p: Promise<unknown>): Promise<SsbError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SsbError) return e;
    throw e;
  }
  throw new Error("expected an SsbError");
}

describe("the 2009 plan's municipalities", () => {
  test("with numbers: one GET, the plan's 1.1.2008 figures for budget 2009", async () => {
    const r = await fetchPopulations(rows(true), ["2009", "2010", "2011"], { baseUrl: fake.baseUrl });
    expect(r.findings).toEqual([]);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0].method).toBe("GET");
    expect(r.requests.map((q) => q.kind)).toEqual(["data"]);
    expect(r.municipalities.map((m) => [m.name, m.number, m.years["2009"].referenceYear, m.years["2009"].population])).toEqual(
      PLAN.map(([name, number, pop]) => [name, number, "2008", pop]),
    );
    expect(r.updated).toBe("2025-02-21T07:00:00Z");
    expect(r.latestYear).toBe("2025");
  });

  test("by name: the metadata, then the data: two requests", async () => {
    const r = await fetchPopulations(rows(false), ["2009"], { baseUrl: fake.baseUrl });
    expect(r.findings).toEqual([]);
    expect(fake.requests.map((q) => new URL(q.url, "http://x").pathname.split("/").pop())).toEqual(["metadata", "data"]);
    expect(r.municipalities.map((m) => m.number)).toEqual(PLAN.map(([, n]) => n));
    expect(r.municipalities.find((m) => m.name === "Kongsberg")!.years["2009"].population).toBe(23997);
  });

  test("a long region list goes as one POST, and the answer is the same", async () => {
    const r = await fetchPopulations(rows(true), ["2009"], { baseUrl: fake.baseUrl, urlLimit: 100 });
    expect(fake.requests.map((q) => q.method)).toEqual(["POST"]);
    expect(JSON.parse(fake.requests[0].body).selection).toContainEqual({ variableCode: "Region", codelist: "agg_KommSummer", valueCodes: PLAN.map(([, n]) => `K-${n}`) });
    expect(r.municipalities.map((m) => m.years["2009"].population)).toEqual(PLAN.map(([, , p]) => p));
  });

  test("the fake refuses a GET URL over ~2 100 characters, as SSB does; the client never sends one", async () => {
    const long = dataRequest(Array.from({ length: 400 }, (_, i) => String(1000 + i)), fake.baseUrl, 1e9);
    expect((await failure(send(long))).code).toBe("KBR-E-SSB-404");
    expect(dataRequest(Array.from({ length: 400 }, (_, i) => String(1000 + i)), fake.baseUrl).method).toBe("POST");
  });

  test("a year SSB has not published: said, not filled, unless the latest is chosen", async () => {
    fake.latestYear = 2025;
    const r = await fetchPopulations(rows(true), ["2026", "2027"], { baseUrl: fake.baseUrl });
    expect(r.findings.map((f) => f.id)).toEqual(["KBR-W-SSB-YEAR-UNPUBLISHED"]);
    expect(r.municipalities[0].years["2027"]).toMatchObject({ referenceYear: "2026", population: null, unpublished: true });
    expect(r.municipalities[0].years["2026"].population).not.toBeNull();
    const latest = await fetchPopulations(rows(true), ["2027"], { baseUrl: fake.baseUrl, useLatest: true });
    expect(latest.municipalities[0].years["2027"]).toMatchObject({ referenceYear: "2025", latest: true });
  });
});

describe("findings that stop before the data request", () => {
  test("ambiguous and unknown names: only the metadata is fetched", async () => {
    const r = await fetchPopulations(
      [
        { name: "Våler", where: { table: "Kommuner", tableRow: 1 } },
        { name: "Kongsberg", where: { table: "Kommuner", tableRow: 2 } },
        { name: "Kongsberg (-2019)", where: { table: "Kommuner", tableRow: 3 } },
      ],
      ["2009"],
      { baseUrl: fake.baseUrl },
    );
    expect(fake.requests).toHaveLength(1);
    expect(r.municipalities).toEqual([]);
    expect(r.findings.map((f) => f.id)).toEqual(["KBR-E-SSB-NAME-AMBIGUOUS", "KBR-E-SSB-NAME-UNKNOWN"]);
    expect(r.findings[0].message["en-US"]).toContain("Våler (Østfold) (3114), Våler (Innlandet) (3419)");
  });

  test("a missing value with status names municipality and year", async () => {
    fake.mode = "missing";
    fake.missing = [{ number: "3336", year: 2008, status: ".." }];
    const r = await fetchPopulations(rows(true), ["2009", "2010"], { baseUrl: fake.baseUrl });
    expect(r.findings.map((f) => f.id)).toEqual(["KBR-E-SSB-VALUE-MISSING"]);
    expect(r.findings[0].message["nb-NO"]).toContain("Rollag (3336) per 1.1.2008 (budsjettåret 2009) (markert «..»)");
    expect(r.municipalities.find((m) => m.name === "Rollag")!.years["2010"].population).not.toBeNull();
  });
});

describe("failures: typed, in both languages, no retry", () => {
  const go = () => fetchPopulations(rows(true), ["2009"], { baseUrl: fake.baseUrl });

  test("400 (unknown code) names the numbers sent", async () => {
    const e = await failure(fetchPopulations([{ name: "Gamle Kongsberg", number: "0604" }], ["2009"], { baseUrl: fake.baseUrl }));
    expect(e.code).toBe("KBR-E-SSB-400");
    expect(e.text("nb-NO")).toContain("«Non-existent value»");
    expect(e.text("nb-NO")).toContain("sendt: 0604");
    expect(e.text("en-US")).toContain("sent: 0604");
    expect(fake.requests).toHaveLength(1);
  });

  test("404", async () => {
    fake.mode = "404";
    const e = await failure(go());
    expect(e.code).toBe("KBR-E-SSB-404");
    expect(e.text("en-US")).toContain("KBR_SSB_URL");
    // The address without the selection: short enough to read.
    expect(e.text("en-US")).toContain(`at ${fake.baseUrl}/tables/07459/data (HTTP 404)`);
  });

  test("429 with Retry-After in seconds, and as an HTTP date", async () => {
    fake.mode = "429";
    fake.retryAfterSeconds = 45;
    const e = await failure(go());
    expect(e.code).toBe("KBR-E-SSB-429");
    expect(e.details.retryAfterSeconds).toBe(45);
    expect(e.text("nb-NO")).toContain("Prøv igjen om 45 sekunder");
    expect(e.text("en-US")).toContain("Try again in 45 seconds");
    fake.mode = "429-date";
    fake.retryAfterSeconds = 300;
    const d = await failure(go());
    expect(d.details.retryAfterSeconds).toBeGreaterThanOrEqual(298);
    expect(d.text("nb-NO")).toMatch(/Prøv igjen om 5 minutter/);
    expect(fake.requests).toHaveLength(2); // one each: no automatic retry
  });

  test("503", async () => {
    fake.mode = "503";
    fake.retryAfterSeconds = null;
    const e = await failure(go());
    expect(e.code).toBe("KBR-E-SSB-503");
    expect(e.text("nb-NO")).toContain("kl. 05.00 og 11.30");
  });

  test("malformed JSON and JSON that is not JSON-stat", async () => {
    fake.mode = "malformed";
    expect((await failure(go())).code).toBe("KBR-E-SSB-MALFORMED");
    fake.mode = "not-jsonstat";
    const e = await failure(go());
    expect(e.code).toBe("KBR-E-SSB-MALFORMED");
    expect(e.text("en-US")).toContain("JSON-stat 2");
  });

  test("a slow answer gives up at the time-out (shortened here)", async () => {
    fake.mode = "slow";
    fake.slowMs = 3000;
    const e = await failure(fetchPopulations(rows(true), ["2009"], { baseUrl: fake.baseUrl, timeoutMs: 200 }));
    expect(e.code).toBe("KBR-E-SSB-TIMEOUT");
    expect(e.text("nb-NO")).toContain("innen 0,2 sekunder");
    expect(e.text("en-US")).toContain("within 0.2 seconds");
  });

  test("a huge answer is cut off at the bound, with or without Content-Length", async () => {
    fake.mode = "huge";
    const e = await failure(fetchPopulations(rows(true), ["2009"], { baseUrl: fake.baseUrl, maxBytes: 1_000_000 }));
    expect(e.code).toBe("KBR-E-SSB-TOO-LARGE");
    expect(e.text("nb-NO")).toContain("større enn 1 MB");
    fake.mode = "huge-declared";
    expect((await failure(go())).code).toBe("KBR-E-SSB-TOO-LARGE");
  });

  test("no network: a closed port, and a connection dropped", async () => {
    const e = await failure(fetchPopulations(rows(true), ["2009"], { baseUrl: "http://127.0.0.1:9/api/pxwebapi/v2" }));
    expect(e.code).toBe("KBR-E-SSB-NETWORK");
    expect(e.text("nb-NO")).toContain("Fikk ikke kontakt med Statistisk sentralbyrå (http://127.0.0.1:9/api/pxwebapi/v2/tables/07459/data).");
    fake.mode = "close";
    expect((await failure(go())).code).toBe("KBR-E-SSB-NETWORK");
  });

  test("the metadata request fails the same way", async () => {
    fake.mode = "503";
    expect((await failure(send(metadataRequest(fake.baseUrl)))).code).toBe("KBR-E-SSB-503");
  });
});

describe("a saved answer (--from)", () => {
  test("numbers from its codes, names from its labels, no request", async () => {
    const ds = await fetch(dataRequest(PLAN.map(([, n]) => n), fake.baseUrl).url);
    const text = await ds.text();
    fake.requests = [];
    const byName = populationsFromSaved(text, rows(false), ["2009"]);
    expect(byName.findings).toEqual([]);
    expect(byName.municipalities.map((m) => [m.number, m.years["2009"].population])).toEqual(PLAN.map(([, n, p]) => [n, p]));
    const byNumber = populationsFromSaved(text, [{ name: "Kongsberg kommune", number: 3303 }], ["2009"]);
    expect(byNumber.findings.map((f) => f.id)).toEqual(["KBR-W-SSB-NAME-DIFFERS"]);
    const unknown = populationsFromSaved(text, [{ name: "Oslo" }], ["2009"]);
    expect(unknown.findings.map((f) => f.id)).toEqual(["KBR-E-SSB-NAME-UNKNOWN"]);
    expect(fake.requests).toEqual([]);
  });
});
