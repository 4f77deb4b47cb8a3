/** The pure half of the SSB client: requests, JSON-stat 2, matching, the reference-date rule. */
import { cellAt, dataRequest, matchMunicipalities, metadataRequest, needsNames, normalizeNumber, parseJsonStat, populationsFromData, referenceYear, regionsFromMetadata, sourceText, URL_LIMIT } from "../../src/core/ssb/pxweb";
import { errorForStatus, parseRetryAfter, SsbError } from "../../src/core/ssb/errors";

const BASE = "https://data.ssb.no/api/pxwebapi/v2";

describe("requests", () => {
  test("metadata: GET of table 07459's metadata in Norwegian", () => {
    const r = metadataRequest();
    expect(r.method).toBe("GET");
    expect(r.url).toBe(`${BASE}/tables/07459/metadata?lang=no&outputFormat=json-stat2`);
  });

  test("data: one GET for every municipality, agg_KommSummer with K- codes, Personer1, every year", () => {
    const r = dataRequest(["3303", "4005", "3303"], BASE + "/");
    expect(r.method).toBe("GET");
    const u = new URL(r.url);
    expect(u.pathname).toBe("/api/pxwebapi/v2/tables/07459/data");
    expect(u.searchParams.get("lang")).toBe("no");
    expect(u.searchParams.get("outputFormat")).toBe("json-stat2");
    expect(u.searchParams.get("valueCodes[Region]")).toBe("K-3303,K-4005");
    expect(u.searchParams.get("codelist[Region]")).toBe("agg_KommSummer");
    expect(u.searchParams.get("outputValues[Region]")).toBe("aggregated");
    expect(u.searchParams.get("valueCodes[ContentsCode]")).toBe("Personer1");
    expect(u.searchParams.get("valueCodes[Tid]")).toBe("*");
    expect(u.searchParams.has("valueCodes[Kjonn]")).toBe(false);
    expect(u.searchParams.has("valueCodes[Alder]")).toBe(false);
    expect(r.numbers).toEqual(["3303", "4005"]);
  });

  test("data: a region too large for a GET URL becomes one POST with the same selection", () => {
    const numbers = Array.from({ length: 357 }, (_, i) => String(1000 + i));
    const r = dataRequest(numbers, BASE);
    expect(r.method).toBe("POST");
    expect(r.url.length).toBeLessThanOrEqual(URL_LIMIT);
    expect(r.url).toContain("outputValues[Region]=aggregated");
    const body = JSON.parse(r.body!) as { selection: { variableCode: string; codelist?: string; valueCodes: string[] }[] };
    const region = body.selection.find((s) => s.variableCode === "Region")!;
    expect(region.codelist).toBe("agg_KommSummer");
    expect(region.valueCodes).toHaveLength(357);
    expect(region.valueCodes[0]).toBe("K-1000");
    expect(r.headers["Content-Type"]).toBe("application/json");
    // 250 municipalities still fit a GET (7 characters each plus the fixed part).
    expect(dataRequest(numbers.slice(0, 200), BASE).method).toBe("GET");
  });

  test("reference-date rule: budget year Y uses 1 January of Y − 1", () => {
    expect(referenceYear("2009")).toBe("2008");
    expect(referenceYear(" 2026 ")).toBe("2025");
    expect(referenceYear("neste år")).toBeNull();
  });
});

describe("Retry-After and HTTP failures", () => {
  const now = new Date("2026-12-07T12:00:00Z");
  test("seconds and HTTP date", () => {
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Mon, 07 Dec 2026 12:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("Mon, 07 Dec 2026 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  test.each([
    [400, "KBR-E-SSB-400", /HTTP 400: «Non-existent value».*3303, 4005/, /HTTP 400: "Non-existent value".*3303, 4005/],
    [404, "KBR-E-SSB-404", /fant ikke tabell 07459/, /did not find table 07459/],
    [429, "KBR-E-SSB-429", /om 2 minutter/, /in 2 minutes/],
    [503, "KBR-E-SSB-503", /om 2 minutter/, /in 2 minutes/],
    [500, "KBR-E-SSB-HTTP", /HTTP 500/, /HTTP 500/],
  ])("HTTP %d is %s in both languages", (status, code, nb, en) => {
    const e = errorForStatus(status, "100", JSON.stringify({ title: "Non-existent value", status }), { url: "u", numbers: ["3303", "4005"], now })!;
    expect(e).toBeInstanceOf(SsbError);
    expect(e.code).toBe(code);
    expect(e.text("nb-NO")).toMatch(nb);
    expect(e.text("en-US")).toMatch(en);
  });

  test("429 without Retry-After says a minute; 200 is no error", () => {
    const e = errorForStatus(429, null, "", { url: "u", numbers: [], now })!;
    expect(e.details.retryAfterSeconds).toBeNull();
    expect(e.text("nb-NO")).toContain("om 60 sekunder");
    expect(errorForStatus(200, null, "", { url: "u", numbers: [], now })).toBeNull();
  });
});

/** A data answer in the API's layout: Region × Tid with the given orders. */
function answer(regions: [string, string][], years: string[], value: (number | null)[], extra: Record<string, unknown> = {}) {
  return {
    version: "2.0",
    class: "dataset",
    updated: "2025-02-21T07:00:00Z",
    id: ["ContentsCode", "Region", "Tid"],
    size: [1, regions.length, years.length],
    dimension: {
      ContentsCode: { category: { index: ["Personer1"], label: { Personer1: "Personer" } } },
      Region: { category: { index: Object.fromEntries(regions.map(([c], i) => [c, i])), label: Object.fromEntries(regions) } },
      Tid: { category: { index: years, label: Object.fromEntries(years.map((y) => [y, y])) } },
    },
    value,
    ...extra,
  };
}

describe("JSON-stat 2", () => {
  test("row-major over id/size in the answer's own order; index as object with keys out of order", () => {
    const json = answer([["K-4005", "Notodden"], ["K-3303", "Kongsberg"]], ["2009", "2008"], [12300, 12232, 24100, 23997]);
    // Object keys written in reverse: the positions decide, not the key order.
    json.dimension.Region.category.index = { "K-3303": 1, "K-4005": 0 };
    const ds = parseJsonStat(JSON.stringify(json));
    expect(ds.dimension.Region.codes).toEqual(["K-4005", "K-3303"]);
    expect(cellAt(ds, { Region: "K-3303", Tid: "2008", ContentsCode: "Personer1" })!.value).toBe(23997);
    expect(cellAt(ds, { Region: "K-4005", Tid: "2009" })!.value).toBe(12300);
    expect(cellAt(ds, { Region: "K-9999", Tid: "2009" })).toBeUndefined();
    expect(ds.updated).toBe("2025-02-21T07:00:00Z");
  });

  test("value and status as objects keyed by position; status as one string", () => {
    const ds = parseJsonStat(answer([["K-3303", "Kongsberg"]], ["2008", "2009"], [] as never, { value: { "0": 23997 }, status: { "1": ".." } }));
    expect(ds.value).toEqual([23997, null]);
    expect(ds.status).toEqual([null, ".."]);
    const all = parseJsonStat(answer([["K-3303", "Kongsberg"]], ["2008"], [null], { status: ":" }));
    expect(all.status).toEqual([":"]);
  });

  test.each([
    ["not JSON", "{"],
    ["not an object", "[1,2]"],
    ["no size", JSON.stringify({ id: ["A"], dimension: {} })],
    ["value length differs from size", JSON.stringify(answer([["K-3303", "Kongsberg"]], ["2008", "2009"], [1]))],
    ["index positions broken", JSON.stringify({ id: ["A"], size: [2], dimension: { A: { category: { index: { x: 0, y: 0 } } } }, value: [1, 2] })],
    ["categories differ from size", JSON.stringify({ id: ["A"], size: [3], dimension: { A: { category: { index: ["x", "y"] } } }, value: [1, 2, 3] })],
    ["text value", JSON.stringify({ id: ["A"], size: [1], dimension: { A: { category: { index: ["x"] } } }, value: ["12"] })],
  ])("malformed: %s", (_what, text) => {
    let err: unknown;
    try {
      parseJsonStat(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SsbError);
    expect((err as SsbError).code).toBe("KBR-E-SSB-MALFORMED");
    expect((err as SsbError).text("nb-NO")).toMatch(/JSON-stat 2/);
  });
});

describe("matching municipalities", () => {
  const regions = [
    { number: "3303", label: "Kongsberg" },
    { number: "3114", label: "Våler (Østfold)" },
    { number: "3419", label: "Våler (Innlandet)" },
    { number: "5430", label: "Guovdageaidnu - Kautokeino" },
  ];
  const where = (r: number) => ({ table: "Kommuner", tableRow: r, sheet: "Inndata" });

  test("Kommunenummer: text, padded number; blank falls back to the name; bad values are findings", () => {
    expect(normalizeNumber("3303")).toBe("3303");
    expect(normalizeNumber(" 0301 ")).toBe("0301");
    expect(normalizeNumber(301)).toBe("0301");
    expect(normalizeNumber("")).toBeNull();
    expect(normalizeNumber(null)).toBeNull();
    expect(normalizeNumber("33O3")).toBeUndefined();
    expect(normalizeNumber(3303.5)).toBeUndefined();
    expect(normalizeNumber(12345)).toBeUndefined();
    expect(needsNames([{ name: "Kongsberg", number: "3303" }])).toBe(false);
    expect(needsNames([{ name: "Kongsberg", number: "3303" }, { name: "Tinn", number: "" }])).toBe(true);
  });

  test("names: case and spaces ignored, today's labels, qualifier and bilingual names", () => {
    const { matched, findings } = matchMunicipalities(
      [
        { name: "  KONGSBERG ", where: where(1) },
        { name: "våler (østfold)", where: where(2) },
        { name: "Kautokeino", where: where(3) },
      ],
      regions,
    );
    expect(findings).toEqual([]);
    expect(matched.map((m) => m.number)).toEqual(["3303", "3114", "5430"]);
  });

  test("ambiguous and unknown names are errors asking for the number, naming the row", () => {
    const { matched, findings } = matchMunicipalities(
      [
        { name: "Våler", where: where(1) },
        { name: "Atlantis", where: where(2) },
      ],
      regions,
    );
    expect(matched).toEqual([]);
    expect(findings.map((f) => f.id)).toEqual(["KBR-E-SSB-NAME-AMBIGUOUS", "KBR-E-SSB-NAME-UNKNOWN"]);
    expect(findings[0].message["nb-NO"]).toBe(
      "Kommuner[Kommune] rad 1: «Våler» passer til flere kommuner hos Statistisk sentralbyrå: Våler (Østfold) (3114), Våler (Innlandet) (3419). Legg til kolonnen Kommunenummer i Kommuner og skriv nummeret til den riktige.",
    );
    expect(findings[1].message["en-US"]).toMatch(/^Kommuner\[Kommune\] row 2: "Atlantis" is not the name of one of today's municipalities.*Kommunenummer/);
  });

  test("numbers decide; unknown, bad and duplicate numbers are errors", () => {
    const { matched, findings } = matchMunicipalities(
      [
        { name: "Kongsberg", number: "3303", where: where(1) },
        { name: "Kongsberg igjen", number: 3303, where: where(2) },
        { name: "Kongsberg før", number: "0604", where: where(3) },
        { name: "Tull", number: "abc", where: where(4) },
      ],
      regions,
    );
    expect(matched.map((m) => [m.name, m.number])).toEqual([["Kongsberg", "3303"]]);
    expect(findings.map((f) => f.id)).toEqual(["KBR-E-SSB-NUMBER-DUPLICATE", "KBR-E-SSB-NUMBER-UNKNOWN", "KBR-E-SSB-NUMBER-BAD"]);
    expect(findings[1].message["nb-NO"]).toContain("Kommunenummer 0604 (Kongsberg før) finnes ikke blant dagens kommuner");
  });

  test("today's municipalities from metadata: four digits, no period suffix", () => {
    const meta = parseJsonStat({
      id: ["Region"],
      size: [5],
      dimension: {
        Region: {
          category: {
            index: ["0", "33", "3303", "0604", "3006"],
            label: { "0": "Hele landet", "33": "Buskerud", "3303": "Kongsberg", "0604": "Kongsberg (-2019)", "3006": "Kongsberg (2020-2023)" },
          },
        },
      },
    }, { metadata: true });
    expect(regionsFromMetadata(meta)).toEqual([{ number: "3303", label: "Kongsberg" }]);
  });
});

describe("populations from a data answer", () => {
  const rows = [
    { name: "Kongsberg", number: "3303", where: { table: "Kommuner", tableRow: 1 } },
    { name: "Notodden", number: "4005", where: { table: "Kommuner", tableRow: 2 } },
  ];
  const matched = [
    { row: 0, name: "Kongsberg", number: "3303" },
    { row: 1, name: "Notodden", number: "4005" },
  ];
  const ds = () =>
    parseJsonStat(answer([["K-4005", "Notodden"], ["K-3303", "Kongsberg"]], ["2009", "2008"], [12300, 12232, 24100, 23997]));

  test("budget year Y gets 1.1.(Y−1); a later year is 'not published', or the latest with useLatest", () => {
    const r = populationsFromData(ds(), matched, rows.map((x) => x.where), ["2009", "2010", "2011"]);
    expect(r.latestYear).toBe("2009");
    expect(r.municipalities[0].years["2009"]).toEqual({ referenceYear: "2008", population: 23997, latest: false, unpublished: false });
    expect(r.municipalities[0].years["2010"].population).toBe(24100);
    expect(r.municipalities[0].years["2011"]).toEqual({ referenceYear: "2010", population: null, latest: false, unpublished: true });
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([["KBR-W-SSB-YEAR-UNPUBLISHED", "warning"]]);
    expect(r.findings[0].message["nb-NO"]).toContain("1.1.2010, som Statistisk sentralbyrå ikke har publisert ennå (siste publiserte: 1.1.2009)");

    const latest = populationsFromData(ds(), matched, rows.map((x) => x.where), ["2011"], { useLatest: true });
    expect(latest.municipalities[1].years["2011"]).toEqual({ referenceYear: "2009", population: 12300, latest: true, unpublished: true });
    expect(latest.findings.map((f) => f.id)).toEqual(["KBR-W-SSB-YEAR-LATEST"]);
    const text = sourceText(latest, new Date("2026-12-07T10:00:00Z"));
    expect(text).toBe(
      "Kilde: Statistisk sentralbyrå (SSB), tabell 07459, befolkning 1.1.2009 (siste publiserte brukt for budsjettår 2011), oppdatert 21.02.2025, hentet 07.12.2026",
    );
  });

  test("a missing value is an error naming municipality and year", () => {
    const d = parseJsonStat(
      answer([["K-4005", "Notodden"], ["K-3303", "Kongsberg"]], ["2009", "2008"], [12300, null, 24100, 23997], { status: { "1": ".." } }),
    );
    const r = populationsFromData(d, matched, rows.map((x) => x.where), ["2009"]);
    expect(r.findings.map((f) => f.id)).toEqual(["KBR-E-SSB-VALUE-MISSING"]);
    expect(r.findings[0].message["nb-NO"]).toBe(
      "Kommuner rad 2: Statistisk sentralbyrå har ikke noe innbyggertall for Notodden (4005) per 1.1.2008 (budsjettåret 2009) (markert «..»). Ingenting er skrevet.",
    );
    expect(r.findings[0].message["en-US"]).toContain("no population for Notodden (4005) at 1 January 2008 (budget year 2009)");
  });

  test("a name that differs from SSB's label is a warning when the number decides", () => {
    const r = populationsFromData(ds(), [{ row: 0, name: "Kongsberg kommune", number: "3303" }], [rows[0].where], ["2009"]);
    expect(r.findings.map((f) => [f.id, f.severity])).toEqual([["KBR-W-SSB-NAME-DIFFERS", "warning"]]);
    expect(r.municipalities[0].years["2009"].population).toBe(23997);
  });
});
