/**
 * Properties of populations per budget year, on random regions: year columns equal to
 * Innbyggere change nothing, and each year's contributions add up to that year's Kommunene
 * amount whatever the yearly bases are.
 */
import fc from "fast-check";
import { roundHalfAway, split } from "../../src/core/allocation";
import { build } from "../../src/core/engine";
import { directTotalOf, populationsFor } from "../../src/core/model/compute";
import type { CellValue, TableData } from "../../src/core/workbook/types";

const RUNS = 150;

interface Region {
  /** Innbyggere, then one column per year (same length). */
  pops: number[];
  byYear: number[][];
  direct: number[];
  equalShare: number;
}

const regionArb: fc.Arbitrary<Region> = fc
  .record({ n: fc.integer({ min: 1, max: 9 }), Y: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, Y }) => {
    const popArb = fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 3 }));
    const column = fc.array(popArb, { minLength: n, maxLength: n }).map((c) => (c.every((v) => v === 0) ? [1, ...c.slice(1)] : c));
    return fc.record({
      pops: column,
      byYear: fc.array(column, { minLength: Y, maxLength: Y }),
      direct: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: Y, maxLength: Y }),
      equalShare: fc.oneof(fc.constantFrom(0, 0.3, 0.5, 1), fc.integer({ min: 0, max: 100 }).map((k) => k / 100)),
    });
  });

/** Input tables for a region; `withYears`: add the `Innbyggere <year>` columns. */
function tablesOf(r: Region, withYears: boolean): TableData[] {
  const years = r.direct.map((_, j) => String(2030 + j));
  const n = r.pops.length;
  const kommuner: TableData = {
    name: "Kommuner",
    sheet: "K",
    top: 0,
    left: 0,
    headers: ["Kommune", "Innbyggere", "Ressursandel", ...(withYears ? years.map((y) => `Innbyggere ${y}`) : [])],
    rows: r.pops.map((p, i): CellValue[] => [`K${i + 1}`, p, i === 0 ? 1 : 0, ...(withYears ? r.byYear.map((c) => c[i]) : [])]),
  };
  return [
    kommuner,
    { name: "Kostnader", sheet: "B", top: 0, left: 0, headers: ["Kostnadspost", "Art", ...years], rows: [["Drift", "Ekstern", ...r.direct]] },
    { name: "Finansiering", sheet: "B", top: 5, left: 0, headers: ["Kilde", "Art", ...years], rows: [["Kommunene", "Kommunene", ...r.direct]] },
    {
      name: "Parametere",
      sheet: "P",
      top: 0,
      left: 0,
      headers: ["Parameter", "Verdi"],
      rows: [
        ["Andel likt fordelt", r.equalShare],
        ["Befolkningsdato", "2030-01-01"],
        ["Prosjektnavn", `Region ${n}`],
      ],
    },
  ];
}

describe("populations per year: properties", () => {
  it("year columns equal to Innbyggere give the single-column result", () => {
    fc.assert(
      fc.property(regionArb, (r) => {
        const same = { ...r, byYear: r.byYear.map(() => [...r.pops]) };
        const single = build(tablesOf(r, false));
        const perYear = build(tablesOf(same, true));
        expect(perYear.findings.filter((f) => f.severity === "error")).toEqual([]);
        expect(perYear.contributions).toEqual(single.contributions);
      }),
      { numRuns: RUNS },
    );
  });

  it("each year's contributions add up to that year's Kommunene amount and split that year's basis", () => {
    fc.assert(
      fc.property(regionArb, (r) => {
        const res = build(tablesOf(r, true));
        expect(res.findings.filter((f) => f.severity === "error")).toEqual([]);
        const model = res.model!;
        model.years.forEach((y, j) => {
          expect(populationsFor(model, y)).toEqual(r.byYear[j]);
          const got = res.contributions.map((c) => c.contributions[y]);
          expect(got.reduce((a, b) => a + b, 0)).toBe(roundHalfAway(r.direct[j], 0));
          expect(got).toEqual(split(r.byYear[j], { total: directTotalOf(model, y), equalShare: r.equalShare, decimals: 0 }));
        });
        // The sheet's planned totals say the same, year by year.
        const kb = res.plans.find((p) => p.name === "Kommunebidrag")!;
        expect(kb.names!.filter((x) => x.name.startsWith("KBR_BIDRAG_2")).map((x) => kb.cells.find((c) => c.row === x.row && c.col === x.col)!.expected)).toEqual(r.direct);
      }),
      { numRuns: RUNS },
    );
  });
});
