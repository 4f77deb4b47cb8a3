/**
 * Key scenarios: the optional Scenarier table, its findings, the computed scenarios, the JSON,
 * and the generated Scenarier sheet (recalculated by the small plan evaluator).
 */
import fc from "fast-check";
import { a1 } from "../../src/core/a1";
import { build, check, hasErrors, plannedSheetNames, toReport } from "../../src/core/engine";
import { SCENARIOS_SHEET, SC, scenarioLayout } from "../../src/core/plans/scenarios";
import { ALLOWED_FUNCTIONS } from "../../src/core/plans/formulas";
import type { CellValue, SheetPlan, TableData } from "../../src/core/workbook/types";
import { PLAN_2009_TOTALS, region12 } from "../fixtures/regions";
import { byId, example, setCell, sheetsFromPlans, table } from "./engine.helpers";
import { oracleSplit, unitsToDouble } from "./oracle";
import { PlanEvaluator } from "./plans.evaluator";

/** A Scenarier table of (name, share) rows on its own sheet. */
export function scenarioTable(rows: [CellValue, CellValue][], sheet = "Scenarier-inndata"): TableData {
  return { name: "Scenarier", sheet, top: 1, left: 0, headers: ["Scenario", "Andel likt fordelt"], rows: rows.map((r) => [...r]) };
}

const withScenarios = (base: TableData[], rows: [CellValue, CellValue][]): TableData[] => [...base, scenarioTable(rows)];
const sheetOf = (plans: readonly SheetPlan[]) => plans.find((p) => p.name === SCENARIOS_SHEET);

function evaluateAll(plan: SheetPlan, tables: readonly TableData[]): string[] {
  const ev = new PlanEvaluator(plan, tables);
  const wrong: string[] = [];
  for (const c of plan.cells) {
    if (!c.formula) continue;
    const got = ev.cell(c.row, c.col);
    const want = c.expected;
    const same = typeof want === "number" && typeof got === "number" ? (Number.isInteger(want) ? got === want : Math.abs(got - want) <= 1e-12 * Math.abs(want)) : got === want;
    if (!same && wrong.length < 10) wrong.push(`${a1(c.row, c.col)} ${c.formula}: ${JSON.stringify(got)} != ${JSON.stringify(want)}`);
  }
  return wrong;
}

describe("the Scenarier table", () => {
  it("is optional: no table, no finding about it, no sheet, no scenarios in the JSON", () => {
    const r = build(example());
    expect(r.findings.filter((f) => f.where.table === "Scenarier")).toEqual([]);
    expect(sheetOf(r.plans)).toBeUndefined();
    expect(r.scenarios).toBeUndefined();
    expect("scenarios" in toReport(r, "nb-NO")).toBe(false);
    expect(plannedSheetNames(example())).not.toContain("Scenarier");
    expect(plannedSheetNames(withScenarios(example(), []))).toContain("Scenarier");
  });

  it("reads each row as a scenario, in table order", () => {
    const r = build(withScenarios(example(), [["Likt", 1], ["Folketall", 0], [" 30/70 ", 0.3]]));
    expect(r.model!.scenarios).toEqual([
      { name: "Likt", equalShare: 1 },
      { name: "Folketall", equalShare: 0 },
      { name: "30/70", equalShare: 0.3 },
    ]);
  });

  it.each([
    ["above 1", 1.5],
    ["below 0", -0.1],
    ["text", "halvparten"],
    ["blank", null],
  ])("reports a share %s naming the cell, leaves the scenario out, and still builds", (_, v) => {
    const r = build(withScenarios(example(), [["A", v], ["B", 0.3]]));
    const f = byId(r.findings, "KBR-W-SCENARIO-SHARE");
    expect(f).toHaveLength(1);
    // A warning: the build goes on without the row (kbr build exits 0 and writes the sheets).
    expect(f[0].severity).toBe("warning");
    expect(hasErrors(r)).toBe(false);
    expect(f[0].where.cell).toBe("'Scenarier-inndata'!B3");
    expect(f[0].message["nb-NO"]).toContain("'Scenarier-inndata'!B3");
    expect(f[0].message["nb-NO"]).toContain("«A»");
    expect(f[0].message["en-US"]).toContain('"A"');
    expect(r.model!.scenarios.map((s) => s.name)).toEqual(["B"]);
    expect(r.plans.map((p) => p.name)).toContain("Scenarier");
  });

  it("reports a blank or duplicate name (case and spaces ignored) and keeps the first", () => {
    const r = build(withScenarios(example(), [["A", 0.3], ["", 0.2], [" a ", 0.4]]));
    const blank = byId(r.findings, "KBR-W-SCENARIO-NAME-BLANK");
    const dup = byId(r.findings, "KBR-W-SCENARIO-NAME-DUPLICATE");
    expect(blank.map((f) => f.where.cell)).toEqual(["'Scenarier-inndata'!A4"]);
    expect(dup.map((f) => f.where.cell)).toEqual(["'Scenarier-inndata'!A5"]);
    expect(dup[0].message["nb-NO"]).toContain("rad 1");
    expect(dup[0].message["en-US"]).toContain("row 1");
    expect(r.model!.scenarios).toEqual([{ name: "A", equalShare: 0.3 }]);
    expect(hasErrors(r)).toBe(false);
  });

  it("a table whose only row is empty: one warning, the sheet with its note, no error", () => {
    const r = build(withScenarios(example(), [[null, null]]));
    expect(r.findings.filter((f) => f.where.table === "Scenarier").map((f) => f.id)).toEqual(["KBR-W-SCENARIO-NAME-BLANK"]);
    expect(hasErrors(r)).toBe(false);
    expect(r.model!.scenarios).toEqual([]);
    expect(r.plans.map((p) => p.name)).toContain("Scenarier");
  });

  it("warns about a scenario equal to the workbook's own key, and keeps it", () => {
    const r = build(withScenarios(example(), [["Dagens", 0.5]]));
    const w = byId(r.findings, "KBR-W-SCENARIO-OWN-KEY");
    expect(w).toHaveLength(1);
    expect(w[0].severity).toBe("warning");
    expect(w[0].where.cell).toBe("'Scenarier-inndata'!B3");
    expect(r.model!.scenarios).toHaveLength(1);
  });

  it("a missing column is reported like any table's", () => {
    const t = scenarioTable([["A", 0.3]]);
    t.headers[1] = "Andel";
    const r = build([...example(), t]);
    expect(byId(r.findings, "KBR-E-COLUMN-MISSING").map((f) => f.where.table)).toEqual(["Scenarier"]);
  });
});

describe("computed scenarios", () => {
  it("the 2009 plan: 50 % is the plan's Totalt column, 100 % splits equally, and the JSON has them per year", () => {
    const r = build(withScenarios(example(), [["Halvt", 0.5], ["Likt", 1], ["Folketall", 0]]));
    const rep = toReport(r, "en-US");
    const years = rep.years;
    const half = rep.scenarios!.find((s) => s.name === "Halvt")!;
    rep.municipalities.forEach((m, i) => {
      for (const y of years) expect(half.contributions[m.name][y]).toBe(PLAN_2009_TOTALS[i]);
    });
    const equal = rep.scenarios!.find((s) => s.name === "Likt")!;
    // 500 000 / 7 = 71 428,57…: four kroner are left, the remainders all tie, so the first
    // four rows get one krone more.
    expect(years.map((y) => rep.municipalities.map((m) => equal.contributions[m.name][y]))[0]).toEqual([71429, 71429, 71429, 71429, 71428, 71428, 71428]);
    expect(equal.equalShare).toBe(1);
  });

  it("extra scenarios (kbr build --scenario) come after the table's and change no plan", () => {
    const tables = example();
    const plain = build(tables);
    const r = build(tables, { extraScenarios: [{ name: "30 %", equalShare: 0.3 }] });
    expect(r.scenarios!.map((s) => s.name)).toEqual(["30 %"]);
    expect(r.plans).toEqual(plain.plans);
  });

  // Region-like inputs: 2–9 municipalities, 1–4 years, amounts and shares with 0–3 decimals.
  const inputs = fc.record({
    pops: fc.array(fc.integer({ min: 0, max: 60000 }), { minLength: 2, maxLength: 9 }),
    totals: fc.array(fc.integer({ min: 0, max: 3_000_000 }), { minLength: 1, maxLength: 4 }),
    own: fc.integer({ min: 0, max: 100 }).map((p) => p / 100),
    shares: fc.array(fc.integer({ min: 0, max: 1000 }).map((p) => p / 1000), { minLength: 1, maxLength: 4 }),
  });

  function regionTables(pops: number[], totals: number[], own: number, shares: number[]): TableData[] {
    const years = totals.map((_, j) => String(2030 + j));
    return [
      { name: "Kommuner", sheet: "K", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Ressursandel"], rows: pops.map((p, i) => [`K${i}`, p, i === 0 ? 1 : 0]) },
      { name: "Kostnader", sheet: "K", top: 20, left: 0, headers: ["Kostnadspost", "Art", ...years], rows: [["Drift", "Ekstern", ...totals]] },
      { name: "Finansiering", sheet: "K", top: 30, left: 0, headers: ["Kilde", "Art", ...years], rows: [["Kommunene", "Kommunene", ...totals]] },
      { name: "Parametere", sheet: "K", top: 40, left: 0, headers: ["Parameter", "Verdi"], rows: [["Andel likt fordelt", own], ["Befolkningsdato", "2030-01-01"], ["Prosjektnavn", "P"]] },
      scenarioTable(shares.map((s, k) => [`S${k}`, s])),
    ];
  }

  it("the scenario with the workbook's own share equals Kommunebidrag, and every scenario column adds up to the year's Kommunene amount, exactly as the oracle splits (property)", () => {
    fc.assert(
      fc.property(inputs, ({ pops, totals, own, shares }) => {
        if (!pops.some((p) => p > 0)) pops[0] = 1;
        const tables = regionTables(pops, totals, own, [...shares, own]);
        const r = build(tables);
        if (!r.model) return false;
        const years = r.model.years;
        const ownScenario = r.scenarios!.find((s) => s.name === `S${shares.length}`)!;
        for (const c of r.contributions) for (const y of years) if (ownScenario.contributions[c.name][y] !== c.contributions[y]) return false;
        for (const s of r.scenarios!) {
          for (const [j, y] of years.entries()) {
            const column = r.contributions.map((c) => s.contributions[c.name][y]);
            if (column.reduce((a, v) => a + v, 0) !== totals[j]) return false;
            const want = oracleSplit(pops, totals[j], s.equalShare, 0).units.map((u) => unitsToDouble(u, 0));
            if (column.some((v, i) => v !== want[i])) return false;
          }
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe("the Scenarier sheet", () => {
  const tables = withScenarios(example(), [["Folketall", 0], ["Halvt", 0.5], ["Likt", 1]]);
  const r = build(tables);
  const plan = sheetOf(r.plans)!;
  const Y = r.model!.years.length;
  const n = r.model!.municipalities.length;
  const L = scenarioLayout(Y, n);

  it("is planned after the other three", () => {
    expect(r.plans.map((p) => p.name)).toEqual(["Budsjett", "Finansieringsplan", "Kommunebidrag", "Scenarier"]);
  });

  it("recalculated by the small evaluator, every formula gives its expected value", () => {
    expect(evaluateAll(plan, tables)).toEqual([]);
  });

  it("the scenarios' cells are the engine's values, and the difference is against the own key", () => {
    const at = (row: number, col: number) => plan.cells.find((c) => c.row === row && c.col === col);
    r.scenarios!.forEach((s, k) => {
      const B = L.block(k + 1);
      expect(at(B.name, 0)?.expected).toBe(s.name);
      expect(at(B.name, 0)?.formula).toBe(`=INDEX(Scenarier[Scenario],${k + 1})&""`);
      expect(at(B.share, 1)?.formula).toBe(`=INDEX(Scenarier[Andel likt fordelt],${k + 1})`);
      r.contributions.forEach((c, i) => {
        r.model!.years.forEach((y, j) => expect(at(B.first + i, L.year(j))?.expected).toBe(s.contributions[c.name][y]));
        const total = r.model!.years.reduce((a, y) => a + s.contributions[c.name][y], 0);
        const ownTotal = r.model!.years.reduce((a, y) => a + c.contributions[y], 0);
        expect(at(B.first + i, L.total)?.expected).toBe(total);
        expect(at(B.first + i, L.diff)?.expected).toBe(total - ownTotal);
      });
    });
    // The "Halvt" scenario is the own key: no difference.
    const half = L.block(2);
    for (let i = 0; i < n; i++) expect(at(half.first + i, L.diff)?.expected).toBe(0);
  });

  it("stays right when a scenario's share is changed in the table (the formulas refer to its cell)", () => {
    const changed = tables.map((t) => ({ ...t, rows: t.rows.map((row) => [...row]) }));
    setCell(changed, "Scenarier", "Andel likt fordelt", 0, 0.3);
    const want = sheetOf(build(changed).plans)!;
    const ev = new PlanEvaluator(plan, changed);
    const B = L.block(1);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < Y; j++) {
        expect(ev.cell(B.first + i, L.year(j))).toBe(want.cells.find((c) => c.row === B.first + i && c.col === L.year(j))!.expected);
      }
    }
  });

  it("uses only shared functions and invariant formats, hides its helper columns, prints like the others", () => {
    for (const c of plan.cells) {
      if (!c.formula) continue;
      const fns = [...c.formula.replace(/"(?:[^"]|"")*"/g, '""').matchAll(/([A-Za-z_][A-Za-z0-9_.]*)\s*\(/g)].map((m) => m[1].toUpperCase());
      for (const f of fns) expect(ALLOWED_FUNCTIONS).toContain(f);
      expect(c.expected).not.toBeUndefined();
    }
    const formats = new Set(plan.cells.map((c) => c.numberFormat).filter(Boolean));
    expect([...formats].sort()).toEqual(["#,##0", "0%"]);
    expect(plan.hiddenColumns).toEqual(Array.from({ length: L.width - L.visible }, (_, i) => L.visible + i));
    expect(plan.page?.fitToWidth).toBe(1);
    expect(plan.page?.footer?.right).toBe("Side &P av &N");
  });

  it("has a clustered bar chart of the totals, one series per scenario", () => {
    expect(plan.chart?.kind).toBe("bar");
    expect(plan.chart?.series.map((s) => s.name)).toEqual(["Folketall", "Halvt", "Likt"]);
    expect(plan.chart?.series.every((s) => s.col === L.total)).toBe(true);
    expect(plan.chart?.series.map((s) => s.fromRow)).toEqual([1, 2, 3].map((k) => L.block(k).first));
  });

  it("with four years and four scenarios (region12), the evaluator agrees with every cell", () => {
    const t = withScenarios(region12(), [["A", 0], ["B", 0.3], ["C", 0.7], ["D", 1]]);
    const res = build(t);
    expect(res.model!.years).toHaveLength(4);
    expect(byId(res.findings, "KBR-W-FORMULA-PRECISION")).toEqual([]);
    expect(evaluateAll(sheetOf(res.plans)!, t)).toEqual([]);
  });

  it("check: a freshly written sheet is clean; a stale scenario cell is reported", () => {
    const sheets = sheetsFromPlans(r.plans);
    expect(check(tables, sheets).findings.filter((f) => f.where.sheet === SCENARIOS_SHEET)).toEqual([]);
    const B = L.block(1);
    const s = sheets.find((x) => x.name === SCENARIOS_SHEET)!;
    s.rows[B.first][L.year(0)] = { ...s.rows[B.first][L.year(0)], value: 1 };
    expect(byId(check(tables, sheets).findings, "KBR-E-SHEET-STALE").map((f) => f.where.sheet)).toEqual([SCENARIOS_SHEET]);
  });

  it("an empty Scenarier table gives the sheet with a note and no chart (replacing earlier numbers)", () => {
    const e = build(withScenarios(example(), []));
    const p = sheetOf(e.plans)!;
    expect(p.chart).toBeUndefined();
    expect(p.cells.some((c) => typeof c.value === "string" && c.value.includes("ingen gyldige scenarier"))).toBe(true);
    expect(p.cells.filter((c) => c.formula)).toEqual([]);
    expect(p.cells.find((c) => c.row === SC.note)?.value).toMatch(/Scenario og Andel likt fordelt/);
    expect(table(withScenarios(example(), []), "Scenarier").rows).toEqual([]);
  });
});
