/**
 * Odd and hostile input to the engine (issue 13): øre in the municipalities' amount, repeated
 * parameters, amounts past what the exact rule can guarantee, and generated formulas typed over
 * with other formulas.
 */
import fc from "fast-check";
import { build, check, hasErrors } from "../../src/core/engine";
import { CONTRIBUTIONS_SHEET, KB, contributionColumns } from "../../src/core/plans/contributions";
import type { TableData } from "../../src/core/workbook/types";
import { byId, example, setCell, sheetsFromPlans, table } from "./engine.helpers";

const YEARS = ["2009", "2010", "2011"];

describe("a budget with øre in the municipalities' amount (500 000 / 517 500 / 535 612,50)", () => {
  const tables = example((t) => {
    const amounts = [500_000, 517_500, 535_612.5];
    YEARS.forEach((y, j) => {
      const before = table(t, "Finansiering").rows[1][table(t, "Finansiering").headers.indexOf(y)] as number;
      setCell(t, "Finansiering", y, 1, amounts[j]);
      // Keep the budget balanced: the costs follow the financing.
      const cost = table(t, "Kostnader").rows[0][table(t, "Kostnader").headers.indexOf(y)] as number;
      setCell(t, "Kostnader", y, 0, cost + amounts[j] - before);
    });
  });

  it("builds without an error, and says the contributions add up to the amount rounded to whole kroner", () => {
    const r = build(tables);
    expect(hasErrors(r)).toBe(false);
    expect(r.model).not.toBeNull();
    const w = byId(r.findings, "KBR-W-CONTRIB-ROUNDED");
    expect(w.map((f) => f.message["nb-NO"].match(/[0-9]{4}/)?.[0])).toEqual(["2011"]);
    expect(w[0].message["nb-NO"]).toContain("535 612,5 kr");
    expect(w[0].message["nb-NO"]).toContain("535 613 kr");
    const sum = r.contributions.reduce((s, c) => s + c.contributions["2011"], 0);
    expect(sum).toBe(535_613);
  });

  it("kbr check of the sheets as built finds nothing wrong with the sums", () => {
    const r = build(tables);
    const c = check(tables, sheetsFromPlans(r.plans));
    expect(byId(c.findings, "KBR-E-CONTRIB-SUM")).toEqual([]);
    expect(hasErrors(c)).toBe(false);
  });

  it("the generated formulas hand out ROUND(T; 0), the same sum", () => {
    const plan = build(tables).plans.find((p) => p.name === CONTRIBUTIONS_SHEET)!;
    const C = contributionColumns(YEARS.length);
    const totals = plan.cells.filter((c) => c.col === C.total(2) && c.row >= KB.body && c.formula !== undefined && c.row < KB.body + 7);
    expect(totals.reduce((s, c) => s + (c.expected as number), 0)).toBe(535_613);
    expect(plan.cells.some((c) => /ROUND\(\$[A-Z]+\$\d+,0\)/.test(c.formula ?? ""))).toBe(true);
  });
});

describe("a repeated Parametere key", () => {
  const withRow = (label: string, value: number | string) =>
    example((t) => {
      table(t, "Parametere").rows.push([label, value]);
    });

  it("with another value is an error naming both rows, and nothing is built", () => {
    const r = build(withRow("Andel likt fordelt", 0.3));
    const f = byId(r.findings, "KBR-E-PARAM-DUPLICATE");
    expect(f).toHaveLength(1);
    expect(f[0].where.tableRow).toBe(5);
    expect(f[0].message["nb-NO"]).toContain("rad 1");
    expect(f[0].message["nb-NO"]).toContain("0,5");
    expect(f[0].message["nb-NO"]).toContain("0,3");
    expect(f[0].message["en-US"]).toContain("row 1");
    expect(r.model).toBeNull();
  });

  it("with the same value (case and spaces aside) is a warning, and the build goes on", () => {
    const r = build(withRow("  andel LIKT fordelt ", 0.5));
    expect(byId(r.findings, "KBR-E-PARAM-DUPLICATE")).toEqual([]);
    const w = byId(r.findings, "KBR-W-PARAM-DUPLICATE");
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe("warning");
    expect(r.model).not.toBeNull();
  });

  it("any key: a repeated Prosjektnavn with another text is an error too", () => {
    const r = build(withRow("Prosjektnavn", "Et annet prosjekt"));
    expect(byId(r.findings, "KBR-E-PARAM-DUPLICATE")).toHaveLength(1);
  });
});

/** The example with one amount cell set. */
const withAmount = (tableName: string, row: number, year: string, v: number): TableData[] => example((t) => setCell(t, tableName, year, row, v));

describe("amounts beyond what the exact rule can guarantee", () => {
  it.each([1e16, -2e15, 1e300, Number.MAX_VALUE])("%d in a cell: an error naming the cell, nothing built", (v) => {
    const r = build(withAmount("Finansiering", 1, "2010", v));
    const f = byId(r.findings, "KBR-E-AMOUNT-TOO-LARGE");
    expect(f).toHaveLength(1);
    expect(f[0].where.cell).toMatch(/!D\d+$/);
    expect(f[0].where.column).toBe("2010");
    expect(f[0].message["nb-NO"]).toContain("1E+15");
    expect(f[0].message["en-US"]).toContain("1E+15");
    expect(r.model).toBeNull();
    expect(r.findings.some((x) => /Uventet|Unexpected|total-not-finite/.test(x.message["nb-NO"]))).toBe(false);
  });

  it("amounts that each fit but whose sum passes the limit: an error at the cell where it passes", () => {
    const r = build(
      example((t) => {
        setCell(t, "Kostnader", "2009", 0, 6e14);
        setCell(t, "Kostnader", "2010", 0, 6e14);
      }),
    );
    const f = byId(r.findings, "KBR-E-AMOUNT-SUM-TOO-LARGE");
    expect(f).toHaveLength(1);
    expect(f[0].where.table).toBe("Kostnader");
    expect(f[0].where.column).toBe("2010");
    expect(r.model).toBeNull();
  });

  it("near 2^53: either refused with a finding naming a cell, or every year's contributions add up exactly (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: 2 ** 48, max: 2 ** 54, noNaN: true }), fc.integer({ min: 0, max: 2 }), (amount, j) => {
        const whole = Math.round(amount);
        const r = build(
          example((t) => {
            const fin = table(t, "Finansiering");
            const before = fin.rows[1][fin.headers.indexOf(YEARS[j])] as number;
            setCell(t, "Finansiering", YEARS[j], 1, whole);
            const cost = table(t, "Kostnader").rows[0][table(t, "Kostnader").headers.indexOf(YEARS[j])] as number;
            setCell(t, "Kostnader", YEARS[j], 0, cost + whole - before);
          }),
        );
        if (r.model === null) {
          const f = [...byId(r.findings, "KBR-E-AMOUNT-TOO-LARGE"), ...byId(r.findings, "KBR-E-AMOUNT-SUM-TOO-LARGE")];
          expect(f.length).toBeGreaterThan(0);
          expect(f[0].where.cell).toBeDefined();
          return;
        }
        expect(Math.abs(whole)).toBeLessThanOrEqual(1e15);
        let sum = 0n;
        for (const c of r.contributions) sum += BigInt(c.contributions[YEARS[j]]);
        expect(sum).toBe(BigInt(whole));
      }),
      { numRuns: 40 },
    );
  });
});

describe("a generated formula typed over with another formula", () => {
  const tables = example();
  const r = build(tables);

  it("is reported as typed over, naming the cell and both formulas", () => {
    const sheets = sheetsFromPlans(r.plans);
    const kb = sheets.find((s) => s.name === CONTRIBUTIONS_SHEET)!;
    const C = contributionColumns(YEARS.length);
    const cell = kb.rows[KB.body + 2][C.total(0)];
    kb.rows[KB.body + 2][C.total(0)] = { value: cell.value, formula: "=96403+0" };
    const f = byId(check(tables, sheets).findings, "KBR-E-SHEET-TYPED-OVER");
    expect(f).toHaveLength(1);
    expect(f[0].message["nb-NO"]).toContain("=96403+0");
    expect(f[0].message["en-US"]).toContain("=96403+0");
  });

  it("the same formula written otherwise (case, spaces, $, file form of structured references, _xlfn.) is not", () => {
    const sheets = sheetsFromPlans(r.plans);
    for (const s of sheets)
      for (const row of s.rows)
        for (const c of row ?? [])
          if (c?.formula)
            c.formula = c.formula
              .toLowerCase()
              .replace(/,/g, ", ")
              .replace(/\$/g, "")
              .replace(/^=/, "= ");
    const c = check(tables, sheets);
    expect(byId(c.findings, "KBR-E-SHEET-TYPED-OVER")).toEqual([]);
  });
});
