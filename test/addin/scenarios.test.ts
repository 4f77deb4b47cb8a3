/** The Scenarier card's pure helpers (src/taskpane/scenarios.ts): typed shares, comparison, the table written. */
import { build, examplePlanTables } from "../../src/core/engine";
import type { TableData } from "../../src/core/workbook/types";
import {
  compareScenarios,
  parseShare,
  percentFormat,
  SCENARIO_FALLBACK_SHEET,
  scenarioName,
  scenarioTable,
  workbookShares,
} from "../../src/taskpane/scenarios";

describe("parseShare", () => {
  test.each([
    ["30", 0.3],
    ["30 %", 0.3],
    ["30%", 0.3],
    [" 70\u00a0% ", 0.7],
    ["0,3", 0.3],
    ["0.3", 0.3],
    [",5", 0.5],
    ["12,5 %", 0.125],
    ["12.5", 0.125],
    ["1", 1],
    ["100", 1],
    ["100 %", 1],
    ["0", 0],
    ["0 %", 0],
    ["1 %", 0.01],
    ["33,333", 0.33333],
  ])("%j is %d", (text, share) => {
    expect(parseShare(text)).toEqual({ ok: true, share });
  });

  test.each([
    ["", "empty"],
    ["   ", "empty"],
    ["abc", "notNumber"],
    ["30 kr", "notNumber"],
    ["1,2,3", "notNumber"],
    ["%", "notNumber"],
    ["1e2", "notNumber"],
    ["150", "range"],
    ["101 %", "range"],
    ["\u22125", "range"],
    ["-0,3", "range"],
  ])("%j is refused (%s)", (text, reason) => {
    expect(parseShare(text)).toEqual({ ok: false, reason });
  });
});

test("scenario names and formats are the workbook's (bokmål, as many decimals as needed)", () => {
  expect(scenarioName(0.3)).toBe("30 % likt");
  expect(scenarioName(0)).toBe("0 % likt");
  expect(scenarioName(0.125)).toBe("12,5 % likt");
  expect([0, 0.3, 1, 0.125, 0.3333].map(percentFormat)).toEqual(["0%", "0%", "0%", "0.0%", "0.00%"]);
});

describe("compareScenarios on the 2009 plan", () => {
  const result = build(examplePlanTables());
  const model = result.model!;

  test("the workbook's own share is today's key: no change anywhere", () => {
    const cmp = compareScenarios(result, [model.equalShare])!;
    expect(cmp.rows).toHaveLength(result.contributions.length);
    for (const [i, r] of cmp.rows.entries()) {
      expect(r.scenarios[0].perYear).toEqual(result.contributions[i].contributions);
      expect(r.scenarios[0].diffTotal).toBe(0);
    }
  });

  test("each scenario adds up to the Kommunene amount every year; 0 % follows population, 100 % is equal", () => {
    const cmp = compareScenarios(result, [0, 0.3, 1])!;
    const P = model.municipalities.reduce((s, m) => s + m.population, 0);
    const n = model.municipalities.length;
    for (const y of cmp.years) {
      const T = result.contributions.reduce((s, c) => s + c.contributions[y], 0);
      for (let k = 0; k < 3; k++) expect(cmp.rows.reduce((s, r) => s + r.scenarios[k].perYear[y], 0)).toBe(T);
      for (const [i, r] of cmp.rows.entries()) {
        expect(Math.abs(r.scenarios[0].perYear[y] - (T * model.municipalities[i].population) / P)).toBeLessThan(1);
        expect(Math.abs(r.scenarios[2].perYear[y] - T / n)).toBeLessThan(1);
        expect(r.scenarios[1].diffPerYear[y]).toBe(r.scenarios[1].perYear[y] - r.today[y]);
      }
    }
    for (const r of cmp.rows) {
      expect(r.scenarios[1].total).toBe(cmp.years.reduce((s, y) => s + r.scenarios[1].perYear[y], 0));
      expect(r.scenarios[1].diffTotal).toBe(r.scenarios[1].total - r.todayTotal);
    }
    // The changes cancel out: the amount is the same, only the key differs.
    expect(cmp.rows.reduce((s, r) => s + r.scenarios[0].diffTotal, 0)).toBe(0);
  });

  test("no model, no comparison", () => {
    expect(compareScenarios(null, [0.3])).toBeNull();
    expect(compareScenarios(build([]), [0.3])).toBeNull();
  });
});

describe("the Scenarier table", () => {
  const tables = examplePlanTables();
  const params = tables.find((t) => t.name === "Parametere")!;

  test("goes below the lowest table on Parametere's sheet, in its column, with a title row free above", () => {
    const t = scenarioTable([0, 0.3], tables);
    const lowest = Math.max(...tables.filter((x) => x.sheet === params.sheet).map((x) => x.top + x.rows.length));
    expect(t).toMatchObject({ name: "Scenarier", sheet: params.sheet, left: params.left, top: lowest + 4, headers: ["Scenario", "Andel likt fordelt"] });
    expect(t.rows).toEqual([
      ["0 % likt", 0],
      ["30 % likt", 0.3],
    ]);
    // No overlap with any table on the sheet, title row included.
    for (const x of tables.filter((o) => o.sheet === t.sheet)) expect(t.top - 1).toBeGreaterThan(x.top + x.rows.length);
  });

  test("on a sheet of its own when asked, or when the workbook has no Parametere", () => {
    expect(scenarioTable([0.5], tables, true)).toMatchObject({ sheet: SCENARIO_FALLBACK_SHEET, top: 1, left: 0 });
    expect(scenarioTable([0.5], tables.filter((t) => t.name !== "Parametere"))).toMatchObject({ sheet: SCENARIO_FALLBACK_SHEET, top: 1 });
  });

  test("the card starts from a workbook's Scenarier table (valid shares, in order, once)", () => {
    const scen: TableData = {
      name: "scenarier",
      sheet: "X",
      top: 0,
      left: 0,
      headers: ["Scenario", " andel likt fordelt "],
      rows: [
        ["a", 0.3],
        ["b", "x"],
        ["c", 1.5],
        ["d", 0],
        ["e", 0.3],
      ],
    };
    expect(workbookShares([...tables, scen])).toEqual([0.3, 0]);
    expect(workbookShares(tables)).toEqual([]);
  });
});
