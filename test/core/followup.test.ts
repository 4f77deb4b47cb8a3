import { build, CHECKS, isBlocking, toReport } from "../../src/core/engine";
import { FOLLOWUP_CHECKS } from "../../src/core/followup";
import type { FollowUp } from "../../src/core/followup";
import { byId } from "./engine.helpers";
import { day, DIRECT, EGEN_POST, EGEN_SOURCE, followUpCatalogueInputs, followUpTables, GRANTS, HUS, MOTER, PL, type FollowUpTables } from "./followup.helpers";

/** The hand-computed case of docs/followup.md ("A worked example"). */
const CASE: FollowUpTables = {
  ledger: [
    [day("2009-03-01"), PL, 300_000.1],
    [day("2009-06-30"), PL, 400_000.25],
    [day("2009-02-01"), GRANTS, 750_000],
    [day("2009-05-01"), DIRECT, 43_747, "Hjartdal"],
    [day("2009-05-01"), DIRECT, 60_000, " tinn "],
    [day("2010-01-15"), HUS, 12_500.5],
    [day("2010-02-01"), MOTER, -100.05, null, "Korrigering"],
  ],
  hours: [
    [day("2009-04-01"), "Kongsberg", 7.5, 650, "Kari"],
    [day("2009-04-02"), "Kongsberg", 1.25, 456.78, "Kari"],
    [day("2010-01-10"), "Nabo AS", 10, 500],
    [day("2009-12-01"), "Tinn", 2000, 800, "Ola"],
  ],
  explanations: [[PL, 2009, "Ekstra prosjektledelse i oppstarten"]],
};

function fu(t: FollowUpTables, edit?: Parameters<typeof followUpTables>[1]): { f: FollowUp; r: ReturnType<typeof build> } {
  const r = build(followUpTables(t, edit));
  if (!r.followUp) throw new Error(`no follow-up: ${r.findings.map((x) => x.message["en-US"]).join("\n")}`);
  return { f: r.followUp, r };
}

const cost = (f: FollowUp, post: string, year: string) => f.costs.find((c) => c.post === post && c.year === year)!;
const fin = (f: FollowUp, source: string, year: string) => f.financing.find((c) => c.source === source && c.year === year)!;
const pay = (f: FollowUp, name: string, year: string) => f.municipalities.find((c) => c.name === name && c.year === year)!;
const ik = (f: FollowUp, name: string, year: string) => f.inKind.find((c) => c.name === name && c.year === year)!;

describe("follow-up: the worked example", () => {
  const { f, r } = fu(CASE);

  it("takes Rapportdato as the latest date of the valid rows", () => {
    expect(f.asOf).toBe("2010-02-01");
    expect(f.asOfSource).toBe("latest");
    expect(f.leftOut).toEqual({ ledger: 0, hours: 0, explanations: 0 });
  });

  it("adds ledger rows per cost post and year, to the øre", () => {
    expect(cost(f, PL, "2009")).toMatchObject({ budget: 650_000, actual: 700_000.35, deviation: 50_000.35, flagged: true, explained: true, explanation: "Ekstra prosjektledelse i oppstarten" });
    expect(cost(f, HUS, "2010")).toMatchObject({ actual: 12_500.5, deviation: -137_499.5, flagged: true, explained: false });
    expect(cost(f, MOTER, "2010")).toMatchObject({ actual: -100.05, deviation: -100_100.05 });
    expect(cost(f, PL, "2009").deviationShare).toBeCloseTo(50_000.35 / 650_000, 12);
  });

  it("values in-kind hours as hours × rate, rounded once to the øre", () => {
    // 7.5 × 650 + 1.25 × 456.78 + 2000 × 800 = 4 875 + 570.975 + 1 600 000 = 1 605 445.975 -> .98
    expect(cost(f, EGEN_POST, "2009")).toMatchObject({ budget: 1_250_000, actual: 1_605_445.98, deviation: 355_445.98, flagged: true, explained: false });
    expect(cost(f, EGEN_POST, "2010").actual).toBe(5_000);
    expect(ik(f, "Kongsberg", "2009")).toEqual({ name: "Kongsberg", year: "2009", planned: 312_500, hours: 8.75, value: 5_445.98 });
    expect(ik(f, "Tinn", "2009")).toEqual({ name: "Tinn", year: "2009", planned: 187_500, hours: 2000, value: 1_600_000 });
    expect(f.others).toEqual([
      { year: "2009", hours: 0, value: 0 },
      { year: "2010", hours: 10, value: 5_000 },
      { year: "2011", hours: 0, value: 0 },
    ]);
  });

  it("financing received: ledger rows per source, all Timer rows for the in-kind source", () => {
    expect(fin(f, GRANTS, "2009")).toMatchObject({ planned: 750_000, received: 750_000 });
    expect(fin(f, DIRECT, "2009")).toMatchObject({ planned: 500_000, received: 103_747 });
    expect(fin(f, EGEN_SOURCE, "2009")).toMatchObject({ planned: 1_250_000, received: 1_605_445.98 });
    expect(fin(f, EGEN_SOURCE, "2010").received).toBe(5_000);
  });

  it("payments per municipality (name matched ignoring case and spaces)", () => {
    expect(pay(f, "Hjartdal", "2009")).toEqual({ name: "Hjartdal", year: "2009", due: 43_747, paid: 43_747 });
    expect(pay(f, "Tinn", "2009")).toEqual({ name: "Tinn", year: "2009", due: 65_811, paid: 60_000 });
    expect(pay(f, "Tinn", "2010").paid).toBe(0);
  });

  it("warns about short payments for years ended before Rapportdato only", () => {
    const w = byId(r.findings, "KBR-W-PAYMENT-SHORT");
    expect(w.map((x) => x.message["en-US"].split(": ")[1])).toEqual([
      "Tinn has paid NOK 60,000 of NOK 65,811 for 2009 (NOK 5,811 outstanding).",
      "Notodden has paid NOK 0 of NOK 96,403 for 2009 (NOK 96,403 outstanding).",
      "Kongsberg has paid NOK 0 of NOK 154,775 for 2009 (NOK 154,775 outstanding).",
      "Flesberg has paid NOK 0 of NOK 48,222 for 2009 (NOK 48,222 outstanding).",
      "Rollag has paid NOK 0 of NOK 42,755 for 2009 (NOK 42,755 outstanding).",
      "Nore og Uvdal has paid NOK 0 of NOK 48,287 for 2009 (NOK 48,287 outstanding).",
    ]);
    expect(w[0].where).toMatchObject({ table: "Kommuner", column: "Kommune", tableRow: 2 });
    expect(w[0].message["nb-NO"]).toContain("Tinn har betalt 60 000 kr av 65 811 kr for 2009 (mangler 5 811 kr)");
  });

  it("warns about a rate above the cap and a person's hours above the cap", () => {
    const rate = byId(r.findings, "KBR-W-HOURS-RATE-HIGH");
    expect(rate).toHaveLength(1);
    expect(rate[0].where).toMatchObject({ table: "Timer", column: "Timesats", tableRow: 4 });
    expect(rate[0].message["nb-NO"]).toContain("Timesatsen 800 kr er over taket på 700 kr");
    const person = byId(r.findings, "KBR-W-HOURS-PERSON-MAX");
    expect(person).toHaveLength(1);
    expect(person[0].where).toMatchObject({ table: "Timer", column: "Person", tableRow: 4 });
    expect(person[0].message["en-US"]).toContain("Ola has 2,000 hours in 2009, above the cap of 1,850 hours");
  });

  it("warns once about a participant that is not a municipality", () => {
    const w = byId(r.findings, "KBR-W-HOURS-PARTICIPANT");
    expect(w).toHaveLength(1);
    expect(w[0].message["en-US"]).toContain('"Nabo AS" is not a municipality of Kommuner');
  });

  it("warns about each flagged deviation without an explanation, at the Kostnader cell", () => {
    const w = byId(r.findings, "KBR-W-DEVIATION-UNEXPLAINED");
    const flaggedUnexplained = f.costs.filter((c) => c.flagged && !c.explained);
    expect(w).toHaveLength(Math.min(20, flaggedUnexplained.length) + (flaggedUnexplained.length > 20 ? 1 : 0));
    expect(w.some((x) => x.message["en-US"].includes(`${PL} 2009`))).toBe(false);
    const egen = w.find((x) => x.message["en-US"].startsWith(`Kostnader[2009] row 6`))!;
    expect(egen.where).toMatchObject({ table: "Kostnader", column: "2009", tableRow: 6 });
    expect(egen.message["nb-NO"]).toContain("regnskapet er 1 605 445,98 kr mot budsjett 1 250 000 kr (avvik 355 445,98 kr)");
  });

  it("gives the followUp JSON with years as numbers", () => {
    const j = toReport(r, "en-US").followUp!;
    expect(j.asOf).toBe("2010-02-01");
    expect(j.costs[0]).toEqual({ post: PL, year: 2009, budget: 650_000, actual: 700_000.35, deviation: 50_000.35, explained: true, flagged: true });
    expect(j.financing).toHaveLength(9);
    expect(j.municipalities[1]).toEqual({ name: "Hjartdal", year: 2010, due: 43_747, paid: 0 });
    expect(j.inKind.find((x) => x.name === "Kongsberg" && x.year === 2009)).toEqual({ name: "Kongsberg", year: 2009, planned: 312_500, hours: 8.75, value: 5_445.98 });
    expect(JSON.parse(JSON.stringify(j))).toEqual(j);
  });
});

describe("follow-up: Rapportdato and limits", () => {
  it("counts rows up to and including Rapportdato", () => {
    const { f } = fu({ ...CASE, params: [["Rapportdato", day("2009-06-30")]] });
    expect(f.asOf).toBe("2009-06-30");
    expect(f.asOfSource).toBe("parameter");
    expect(cost(f, PL, "2009").actual).toBe(700_000.35);
    expect(cost(f, EGEN_POST, "2009").actual).toBe(5_445.98);
    expect(cost(f, HUS, "2010").actual).toBe(0);
    const { f: g } = fu({ ...CASE, params: [["Rapportdato", day("2009-06-29")]] });
    expect(cost(g, PL, "2009").actual).toBe(300_000.1);
  });

  it("takes Rapportdato as a plain serial number too", () => {
    // 40000 is 2009-07-06.
    const { f } = fu({ ...CASE, params: [["Rapportdato", 40000]] });
    expect(f.asOf).toBe("2009-07-06");
  });

  it("no payment warning for a year whose 31 December is not before Rapportdato", () => {
    const { r } = fu({ ...CASE, params: [["Rapportdato", day("2009-12-31")]] });
    expect(byId(r.findings, "KBR-W-PAYMENT-SHORT")).toEqual([]);
    const { r: r2 } = fu({ ...CASE, params: [["Rapportdato", day("2010-01-01")]] });
    expect(byId(r2.findings, "KBR-W-PAYMENT-SHORT")).toHaveLength(6);
  });

  it("flags at Avviksgrense kr exactly, and at Avviksgrense % of the budget", () => {
    const ledger = [[day("2009-01-10"), PL, 700_000]];
    expect(cost(fu({ ledger }).f, PL, "2009").flagged).toBe(true); // 50 000 reaches 50 000
    expect(cost(fu({ ledger: [[day("2009-01-10"), PL, 699_999.99]] }).f, PL, "2009").flagged).toBe(false);
    // 10 % of 150 000 is 15 000: reached by a deviation of −15 000, not by −14 999.99.
    const at = (a: number) => cost(fu({ ledger: [[day("2009-01-10"), HUS, a]], params: [["Avviksgrense kr", 1_000_000]] }).f, HUS, "2009").flagged;
    expect(at(135_000)).toBe(true);
    expect(at(135_000.01)).toBe(false);
    expect(at(165_000)).toBe(true);
    // A zero deviation is never flagged, even at limits of 0.
    const zero = fu({ ledger: [[day("2009-01-10"), PL, 650_000]], params: [["Avviksgrense kr", 0], ["Avviksgrense %", 0]] }).f;
    expect(cost(zero, PL, "2009").flagged).toBe(false);
    expect(cost(zero, HUS, "2009").flagged).toBe(true);
  });

  it("a bad parameter is an error and no follow-up is computed on a guess", () => {
    for (const [name, v] of [
      ["Rapportdato", "i fjor"],
      ["Avviksgrense kr", -1],
      ["Avviksgrense %", 10],
      ["Maks timesats", "mye"],
      ["Maks timer per person og år", true],
    ] as const) {
      const r = build(followUpTables({ ...CASE, params: [[name, v]] }));
      expect(r.followUp).toBeUndefined();
      const e = byId(r.findings, "KBR-E-FOLLOWUP-PARAM");
      expect(e).toHaveLength(1);
      expect(e[0].where).toMatchObject({ table: "Parametere", column: "Verdi", tableRow: 5 });
      expect(e[0].message["nb-NO"]).toContain(`Parameteren «${name}» må være`);
      // The budget sheets are still built.
      expect(r.plans.length).toBeGreaterThan(0);
    }
  });

  it("caps rates and hours from the parameters; rows after Rapportdato are not checked", () => {
    const { r } = fu({ ...CASE, params: [["Maks timesats", 900], ["Maks timer per person og år", 2000]] });
    expect(byId(r.findings, "KBR-W-HOURS-RATE-HIGH")).toEqual([]);
    expect(byId(r.findings, "KBR-W-HOURS-PERSON-MAX")).toEqual([]);
    const { r: r2 } = fu({ ...CASE, params: [["Rapportdato", day("2009-11-30")]] });
    expect(byId(r2.findings, "KBR-W-HOURS-RATE-HIGH")).toEqual([]);
  });

  it("names the row where a person's hours pass the cap, summing their rows of a year", () => {
    const hours = [
      [day("2009-01-05"), "Tinn", 1000, 500, "Ola"],
      [day("2009-02-05"), "Tinn", 800, 500, " ola "],
      [day("2010-02-05"), "Tinn", 800, 500, "Ola"],
      [day("2009-03-05"), "Tinn", 100, 500, "Ola"],
    ];
    const w = byId(fu({ hours }).r.findings, "KBR-W-HOURS-PERSON-MAX");
    expect(w).toHaveLength(1);
    expect(w[0].where.tableRow).toBe(4);
    expect(w[0].message["en-US"]).toContain("Ola has 1,900 hours in 2009");
  });

  it("warns when external grants received pass half of the actual costs", () => {
    const over = fu({ ledger: [[day("2009-02-01"), GRANTS, 750_000], [day("2009-03-01"), PL, 1_499_999.98]] });
    const w = byId(over.r.findings, "KBR-W-GRANTS-RECEIVED-OVER-HALF");
    expect(w).toHaveLength(1);
    expect(w[0].message["en-US"]).toContain("External grants received (NOK 750,000) are 50 % of the actual costs (NOK 1,499,999.98) up to 2009-03-01");
    const half = fu({ ledger: [[day("2009-02-01"), GRANTS, 750_000], [day("2009-03-01"), PL, 1_500_000]] });
    expect(byId(half.r.findings, "KBR-W-GRANTS-RECEIVED-OVER-HALF")).toEqual([]);
  });
});

describe("follow-up: bad rows are named and left out", () => {
  it("dates: blank, text, not a date, outside the budget years", () => {
    const { f, r } = fu({
      ledger: [
        [null, PL, 1],
        ["2009-03-15", PL, 2],
        [true, PL, 4],
        [day("2012-01-01"), PL, 8],
        [day("2009-03-15"), PL, 16],
      ],
    });
    expect(cost(f, PL, "2009").actual).toBe(16);
    expect(f.leftOut.ledger).toBe(4);
    const bad = byId(r.findings, "KBR-E-LEDGER-DATE-BAD");
    expect(bad.map((x) => x.where.tableRow)).toEqual([1, 2, 3]);
    expect(bad[0].message["en-US"]).toBe("Regnskap[Dato] row 1 ('Regnskap'!A2): The date is blank. The row is left out of every sum.");
    expect(bad[1].message["nb-NO"]).toContain("Datoen «2009-03-15» er tekst, ikke en dato");
    const out = byId(r.findings, "KBR-E-LEDGER-DATE-OUTSIDE");
    expect(out).toHaveLength(1);
    expect(out[0].message["en-US"]).toContain("The date 2012-01-01 is not in the budget years (2009, 2010, 2011)");
  });

  it("posts: unknown, in-kind, ambiguous; amounts: blank or text", () => {
    const { f, r } = fu(
      {
        ledger: [
          [day("2009-01-01"), "Kaffe", 1],
          [day("2009-01-01"), EGEN_POST, 2],
          [day("2009-01-01"), EGEN_SOURCE, 4],
          [day("2009-01-01"), PL, null],
          [day("2009-01-01"), PL, "1 000"],
          [day("2009-01-01"), "Dobbel", 8],
          [day("2009-01-01"), PL, 16],
        ],
      },
      (t) => {
        t.find((x) => x.name === "Kostnader")!.rows.push(["Dobbel", "Ekstern", 0, 0, 0]);
        t.find((x) => x.name === "Finansiering")!.rows.push(["Dobbel", "Annet", 0, 0, 0]);
      },
    );
    expect(cost(f, PL, "2009").actual).toBe(16);
    expect(f.leftOut.ledger).toBe(6);
    expect(byId(r.findings, "KBR-E-LEDGER-POST-UNKNOWN").map((x) => x.where.tableRow)).toEqual([1]);
    expect(byId(r.findings, "KBR-E-LEDGER-IN-KIND").map((x) => x.where.tableRow)).toEqual([2, 3]);
    expect(byId(r.findings, "KBR-E-LEDGER-AMOUNT-BAD").map((x) => x.where.tableRow)).toEqual([4, 5]);
    expect(byId(r.findings, "KBR-E-LEDGER-POST-AMBIGUOUS").map((x) => x.where.tableRow)).toEqual([6]);
    expect(fin(f, EGEN_SOURCE, "2009").received).toBe(0);
  });

  it("a municipal payment must name a municipality of Kommuner", () => {
    const { f, r } = fu({
      ledger: [
        [day("2009-01-01"), DIRECT, 100],
        [day("2009-01-01"), DIRECT, 200, "Oslo"],
        [day("2009-01-01"), DIRECT, 400, "Rollag"],
      ],
    });
    expect(fin(f, DIRECT, "2009").received).toBe(400);
    expect(pay(f, "Rollag", "2009").paid).toBe(400);
    const e = byId(r.findings, "KBR-E-LEDGER-MUNICIPALITY");
    expect(e.map((x) => x.where.tableRow)).toEqual([1, 2]);
    expect(e[1].message["en-US"]).toContain('so Kommune must be a municipality of Kommuner, but is "Oslo"');
  });

  it("Timer: blank who, bad hours and rates, unknown or missing post", () => {
    const two = (t: Parameters<NonNullable<Parameters<typeof followUpTables>[1]>>[0]) => t.find((x) => x.name === "Kostnader")!.rows.push(["Egeninnsats, annen", "Egeninnsats", 0, 0, 0]);
    const { f, r } = fu(
      {
        hours: [
          [day("2009-01-01"), null, 1, 100, null, EGEN_POST],
          [day("2009-01-01"), "Tinn", "x", 100, null, EGEN_POST],
          [day("2009-01-01"), "Tinn", 1, -100, null, EGEN_POST],
          [day("2009-01-01"), "Tinn", 1, null, null, EGEN_POST],
          [day("2009-01-01"), "Tinn", 1, 100, null, PL],
          [day("2009-01-01"), "Tinn", 1, 100],
          [day("2009-01-01"), "Tinn", 2, 100, null, "egeninnsats, annen"],
          [day("2009-01-01"), "Tinn", -0.5, 100, null, EGEN_POST],
        ],
      },
      two,
    );
    expect(f.leftOut.hours).toBe(6);
    expect(cost(f, "Egeninnsats, annen", "2009").actual).toBe(200);
    expect(cost(f, EGEN_POST, "2009").actual).toBe(-50);
    expect(ik(f, "Tinn", "2009")).toMatchObject({ hours: 1.5, value: 150 });
    expect(byId(r.findings, "KBR-E-HOURS-WHO-BLANK").map((x) => x.where.tableRow)).toEqual([1]);
    expect(byId(r.findings, "KBR-E-HOURS-HOURS-BAD").map((x) => x.where.tableRow)).toEqual([2]);
    expect(byId(r.findings, "KBR-E-HOURS-RATE-BAD").map((x) => x.where.tableRow)).toEqual([3, 4]);
    expect(byId(r.findings, "KBR-E-HOURS-POST-UNKNOWN").map((x) => x.where.tableRow)).toEqual([5]);
    expect(byId(r.findings, "KBR-E-HOURS-POST-MISSING").map((x) => x.where.tableRow)).toEqual([6]);
  });

  it("Forklaringer: unknown post, bad year, blank text", () => {
    const { f, r } = fu({
      ledger: [[day("2009-01-01"), PL, 1]],
      explanations: [
        ["Kaffe", 2009, "x"],
        [PL, "2009", "x"],
        [PL, 2012, "x"],
        [PL, 2009, " "],
        [PL, 2009, "Forsinket oppstart"],
        [PL, 2009, "Den andre"],
      ],
    });
    expect(f.leftOut.explanations).toBe(4);
    expect(cost(f, PL, "2009").explanation).toBe("Forsinket oppstart");
    expect(byId(r.findings, "KBR-E-EXPLAIN-POST-UNKNOWN").map((x) => x.where.tableRow)).toEqual([1]);
    expect(byId(r.findings, "KBR-E-EXPLAIN-YEAR-BAD").map((x) => x.where.tableRow)).toEqual([2, 3]);
    expect(byId(r.findings, "KBR-E-EXPLAIN-TEXT-BLANK").map((x) => x.where.tableRow)).toEqual([4]);
  });

  it("cells the reader could not take at face value are named, not guessed at", () => {
    const { f, r } = fu({ ledger: [[day("2009-01-01"), PL, null], [day("2009-01-01"), PL, 5]] }, (t) => {
      t.find((x) => x.name === "Regnskap")!.cellIssues = [{ row: 0, col: 2, kind: "not-a-number", text: "12x" }];
    });
    expect(cost(f, PL, "2009").actual).toBe(5);
    const e = byId(r.findings, "KBR-E-FOLLOWUP-CELL-UNREADABLE");
    expect(e).toHaveLength(1);
    expect(e[0].where).toMatchObject({ table: "Regnskap", column: "Beløp", tableRow: 1 });
    expect(byId(r.findings, "KBR-E-LEDGER-AMOUNT-BAD")).toEqual([]);
  });

  it("a table without a required column is named and not read; a second table of the name is named", () => {
    const r = build(
      followUpTables({ ledger: [[day("2009-01-01"), PL, 1]] }, (t) => {
        t.find((x) => x.name === "Regnskap")!.headers[2] = "Sum";
        t.push({ name: "regnskap", sheet: "X", top: 0, left: 0, headers: ["Dato"], rows: [] });
      }),
    );
    expect(byId(r.findings, "KBR-E-FOLLOWUP-COLUMN-MISSING")[0].message["en-US"]).toContain('The column "Beløp" is missing, so the table is not read');
    expect(byId(r.findings, "KBR-E-FOLLOWUP-TABLE-DUPLICATE")).toHaveLength(1);
    expect(r.followUp!.costs.every((c) => c.actual === 0)).toBe(true);
  });

  it("blank rows are skipped silently; many bad rows give 20 findings and one summary", () => {
    const ledger = [[null, null, null], ...Array.from({ length: 25 }, () => [day("2009-01-01"), "Kaffe", 1])];
    const { f, r } = fu({ ledger });
    expect(f.leftOut.ledger).toBe(25);
    const e = byId(r.findings, "KBR-E-LEDGER-POST-UNKNOWN");
    expect(e).toHaveLength(21);
    expect(e[20].message["en-US"]).toBe("Regnskap: and 5 more of the same kind.");
  });

  it("no follow-up without Regnskap or Timer; with one of them it is there", () => {
    const none = build(followUpTables({ explanations: [[PL, 2009, "x"]] }));
    expect(none.followUp).toBeUndefined();
    expect(none.findings).toEqual([]);
    expect(toReport(none, "nb-NO").followUp).toBeUndefined();
    const empty = fu({ hours: [] }).f;
    expect(empty.asOf).toBeNull();
    expect(empty.asOfSource).toBe("none");
    expect(empty.costs.every((c) => c.actual === 0)).toBe(true);
  });
});

describe("the follow-up catalogue", () => {
  it("is part of the one CHECKS list, ids well-formed and unique", () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of FOLLOWUP_CHECKS) {
      expect(ids).toContain(c.id);
      expect(c.id).toMatch(/^KBR-[EW]-[A-Z0-9-]+$/);
      expect(c.blocking).toBe(false);
    }
  });

  it("every follow-up entry is triggered by some crafted input", () => {
    const seen = new Set(followUpCatalogueInputs().flatMap((t) => build(t).findings.map((f) => f.id)));
    expect(FOLLOWUP_CHECKS.map((c) => c.id).filter((id) => !seen.has(id))).toEqual([]);
  });
});

describe("follow-up findings and the engine's isBlocking", () => {
  it("a follow-up finding never blocks the model", () => {
    const r = build(followUpTables({ ledger: [[null, "Kaffe", "x"]] }));
    expect(r.findings.length).toBeGreaterThan(2);
    expect(r.findings.filter((f) => f.id.includes("LEDGER")).map(isBlocking)).toEqual([false, false, false]);
  });
});

describe("follow-up: the default Rapportdato", () => {
  it("is the latest date of the valid rows: a row left out for an error does not move it", () => {
    const base = fu(CASE).f;
    expect(base.asOfSource).toBe("latest");
    const { f, r } = fu({
      ...CASE,
      ledger: [...CASE.ledger!, [day("2011-03-05"), "Kaffe", 1], [day("2013-01-01"), PL, 1], ["2011-12-24", PL, 1], [day("2011-11-30"), PL, 1, "Oslo"]],
      hours: [...(CASE.hours ?? []), [day("2011-12-01"), null, 5, 500]],
    });
    expect(f.asOf).toBe(base.asOf);
    expect(f.latest).toBe(base.asOf);
    expect(byId(r.findings, "KBR-E-LEDGER-POST-UNKNOWN").length).toBe(1);
    expect(byId(r.findings, "KBR-E-LEDGER-MUNICIPALITY-UNKNOWN").length).toBe(1);
    expect(f.leftOut.ledger).toBe(4);
    // A valid row later than the others does move it.
    expect(fu({ ...CASE, ledger: [...CASE.ledger!, [day("2011-03-05"), PL, 1, "Tinn"]] }).f.asOf).toBe("2011-03-05");
  });

  it("an unknown Kommune on a row that is not a payment is an error and leaves the row out; a blank one is fine", () => {
    const { f, r } = fu({ ...CASE, ledger: [[day("2009-03-01"), PL, 1000, "Oslo"], [day("2009-03-02"), PL, 250], [day("2009-03-03"), PL, 5, " tinn "]] });
    const e = byId(r.findings, "KBR-E-LEDGER-MUNICIPALITY-UNKNOWN");
    expect(e.map((x) => [x.where.table, x.where.column, x.where.tableRow])).toEqual([["Regnskap", "Kommune", 1]]);
    expect(e[0].message["nb-NO"]).toContain("«Oslo», som ikke er en kommune i Kommuner");
    expect(e[0].message["en-US"]).toContain('"Oslo", which is not a municipality of Kommuner');
    expect(f.costs.find((c) => c.post === PL && c.year === "2009")!.actual).toBe(255);
  });
});
