import { build, check, examplePlanTables, hasErrors, toReport } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { KB, contributionColumns } from "../../src/core/plans/contributions";
import { PLAN_2009_TOTALS, bigRegion, region12 } from "../fixtures/regions";
import { example, setCell, sheetsFromPlans } from "./engine.helpers";

describe("examplePlanTables", () => {
  const tables = examplePlanTables();

  it("stacks the four tables on one sheet Inndata with a title and a blank row between them", () => {
    expect(tables.map((t) => [t.name, t.sheet, t.top, t.left])).toEqual([
      ["Kommuner", "Inndata", 1, 0],
      ["Kostnader", "Inndata", 11, 0],
      ["Finansiering", "Inndata", 20, 0],
      ["Parametere", "Inndata", 26, 0],
    ]);
    for (let i = 0; i < tables.length; i++) {
      expect(tables[i].title).toBeTruthy();
      // The row above each title (tables[i].top - 1) is blank: after the previous table's last body row.
      if (i > 0) expect(tables[i - 1].top + tables[i - 1].rows.length + 2).toBe(tables[i].top - 1);
    }
    for (const t of tables) for (const r of t.rows) expect(r).toHaveLength(t.headers.length);
  });

  it("returns fresh copies", () => {
    const a = examplePlanTables();
    a[0].rows[0][1] = 0;
    expect(examplePlanTables()[0].rows[0][1]).toBe(1619);
  });
});

describe("build", () => {
  it("computes the 2009 plan's contributions, each year", () => {
    const r = build(examplePlanTables());
    expect(r.findings).toEqual([]);
    expect(hasErrors(r)).toBe(false);
    for (const y of ["2009", "2010", "2011"]) expect(r.contributions.map((c) => c.contributions[y])).toEqual(PLAN_2009_TOTALS);
    expect(r.plans.map((p) => p.name)).toEqual([...BASE_SHEETS]);
  });

  it("plans nothing when the inputs cannot be modelled", () => {
    const r = build(example((t) => setCell(t, "Kommuner", "Ressursandel", 0, 2)));
    expect(r.model).toBeNull();
    expect(r.plans).toEqual([]);
    expect(r.contributions).toEqual([]);
    expect(hasErrors(r)).toBe(true);
  });

  it("a 30/70 key over 4 years: parts add up to the equal and population totals", () => {
    const r = build(region12());
    const m = r.model!;
    for (const y of m.years) {
      const T = m.financing.find((f) => f.kind === "Kommunene")!.amounts[y];
      const sum = (pick: (c: (typeof r.contributions)[number]) => number) => r.contributions.reduce((s, c) => s + pick(c), 0);
      expect(sum((c) => c.contributions[y])).toBe(T);
      expect(sum((c) => c.equalPart[y])).toBe(Math.round(T * 0.3));
      expect(sum((c) => c.populationPart[y])).toBe(T - Math.round(T * 0.3));
      for (const c of r.contributions) expect(c.equalPart[y] + c.populationPart[y]).toBe(c.contributions[y]);
    }
    // Different amounts each year give different contributions each year.
    expect(new Set(m.years.map((y) => r.contributions[0].contributions[y])).size).toBe(4);
  });

  it("plans the big region (357 municipalities, 10 years, 200 cost lines)", () => {
    const r = build(bigRegion());
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.contributions).toHaveLength(357);
    expect(r.model!.years).toHaveLength(10);
    expect(r.plans[0].cells.filter((c) => c.formula?.startsWith("=INDEX(Kostnader[2025]"))).toHaveLength(200);
  });
});

describe("toReport", () => {
  it("has exactly the shape of docs/cli.md", () => {
    const rep = toReport(build(examplePlanTables()), "en-US");
    expect(Object.keys(rep)).toEqual(["years", "municipalities", "budget", "findings"]);
    expect(rep.years).toEqual(["2009", "2010", "2011"]);
    expect(Object.keys(rep.municipalities[0])).toEqual(["name", "population", "resourceShare", "populationByYear", "contributions", "equalPart", "populationPart", "inKind"]);
    expect(rep.municipalities[1]).toEqual({
      name: "Tinn",
      population: 6066,
      resourceShare: 0.15,
      populationByYear: { "2009": 6066, "2010": 6066, "2011": 6066 },
      contributions: { "2009": 65811, "2010": 65811, "2011": 65811 },
      equalPart: { "2009": 35714, "2010": 35714, "2011": 35714 },
      populationPart: { "2009": 30097, "2010": 30097, "2011": 30097 },
      inKind: { "2009": 187500, "2010": 187500, "2011": 187500 },
    });
    expect(rep.budget).toEqual({
      costs: { "2009": 2500000, "2010": 2500000, "2011": 2500000 },
      financing: { "2009": 2500000, "2010": 2500000, "2011": 2500000 },
    });
    expect(rep.findings).toEqual([]);
    expect(JSON.parse(JSON.stringify(rep))).toEqual(rep);
  });

  it("gives findings with the message in the locale and where as text", () => {
    const r = build(example((t) => setCell(t, "Kommuner", "Innbyggere", 2, -5)));
    const nb = toReport(r, "nb-NO");
    expect(nb.findings).toEqual([
      {
        id: "KBR-E-POP-NEGATIVE",
        severity: "error",
        message: "Kommuner[Innbyggere] rad 3 ('Inndata'!B5): Innbyggertallet kan ikke være negativt (−5).",
        where: "Kommuner[Innbyggere] rad 3 ('Inndata'!B5)",
      },
    ]);
    expect(nb.years).toEqual([]);
    expect(nb.municipalities).toEqual([]);
    expect(nb.budget).toEqual({ costs: {}, financing: {} });
    const en = toReport(r, "en-US");
    expect(en.findings[0].message).toBe("Kommuner[Innbyggere] row 3 ('Inndata'!B5): The population cannot be negative (-5).");
    expect(en.findings[0].where).toBe("Kommuner[Innbyggere] row 3 ('Inndata'!B5)");
  });

  it("names generated cells as 'Sheet'!A1", () => {
    const tables = examplePlanTables();
    const sheets = sheetsFromPlans(build(tables).plans);
    const C = contributionColumns(3);
    sheets[2].rows[KB.body][C.total(0)] = { value: 1 };
    const rep = toReport(check(tables, sheets), "en-US");
    expect(rep.findings.map((f) => f.where)).toContain("'Kommunebidrag'!E8");
  });
});
