/**
 * Populations per budget year: `Innbyggere <year>` columns in Kommuner (docs/workbook.md,
 * "Populations per budget year"): how they are read and checked, and how the engine and
 * Kommunebidrag use them.
 */
import { sheetCell } from "../../src/core/a1";
import { split } from "../../src/core/allocation";
import { build, check, toReport } from "../../src/core/engine";
import { directTotalOf } from "../../src/core/model/compute";
import { readModel } from "../../src/core/model/read";
import { KB, contributionColumns } from "../../src/core/plans/contributions";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { byId, example, sheetsFromPlans, table } from "./engine.helpers";

/** The example's Innbyggere column. */
const BASE = table(example(), "Kommuner").rows.map((r) => r[1] as number);

/** The 2009 example with population columns added: header -> one value per municipality. */
function withColumns(cols: Record<string, CellValue[]>, edit?: (t: TableData[]) => void): TableData[] {
  return example((t) => {
    const k = table(t, "Kommuner");
    for (const [h, values] of Object.entries(cols)) {
      k.headers.push(h);
      k.rows.forEach((r, i) => r.push(values[i]));
    }
    edit?.(t);
  });
}

const grown = (by: number) => BASE.map((p, i) => p + by * (i + 1));

/** Removes the Innbyggere column (the second) of Kommuner. */
const dropInnbyggere = (t: TableData[]) => {
  const k = table(t, "Kommuner");
  const c = k.headers.indexOf("Innbyggere");
  k.headers.splice(c, 1);
  k.rows = k.rows.map((r) => r.filter((_, j) => j !== c));
};

describe("reading Innbyggere <year> columns", () => {
  it("uses a year's own column (header in any case and spacing), else Innbyggere", () => {
    const r = readModel(withColumns({ " innbyggere  2010 ": grown(10), "INNBYGGERE 2011": grown(20) }));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const m = r.model!.municipalities;
    expect(m.map((x) => x.populationByYear["2009"])).toEqual(BASE);
    expect(m.map((x) => x.populationByYear["2010"])).toEqual(grown(10));
    expect(m.map((x) => x.populationByYear["2011"])).toEqual(grown(20));
    expect(m.map((x) => x.population)).toEqual(BASE);
    expect(r.refs!.populationColumns["2009"].header).toBe("Innbyggere");
    expect(r.refs!.populationColumns["2010"].header).toBe(" innbyggere  2010 ");
    expect(r.refs!.populationColumns["2011"].header).toBe("INNBYGGERE 2011");
  });

  it("needs no Innbyggere when every year has its own column; population is then the first year's", () => {
    const r = readModel(withColumns({ "Innbyggere 2009": grown(1), "Innbyggere 2010": grown(2), "Innbyggere 2011": grown(3) }, dropInnbyggere));
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(r.model!.municipalities.map((m) => m.population)).toEqual(grown(1));
    expect(r.model!.municipalities.map((m) => m.populationByYear["2011"])).toEqual(grown(3));
  });

  it("a year with neither its own column nor Innbyggere is an error naming the year", () => {
    const r = readModel(withColumns({ "Innbyggere 2009": grown(1), "Innbyggere 2010": grown(2) }, dropInnbyggere));
    expect(r.model).toBeNull();
    const [f] = byId(r.findings, "KBR-E-POP-YEAR-MISSING");
    expect(f.where.table).toBe("Kommuner");
    expect(f.message["nb-NO"]).toContain("«Innbyggere 2011»");
    expect(f.message["en-US"]).toContain('for 2011, so these years cannot be split');
    expect(byId(r.findings, "KBR-E-COLUMN-MISSING")).toEqual([]);
  });

  it("without Innbyggere and without any year column, Innbyggere is the missing column", () => {
    const r = readModel(example(dropInnbyggere));
    expect(byId(r.findings, "KBR-E-COLUMN-MISSING").map((f) => f.where.column)).toEqual(["Innbyggere"]);
    expect(byId(r.findings, "KBR-E-POP-YEAR-MISSING")).toEqual([]);
  });

  it("a column for a year outside the budget is a warning naming it, and is not used or checked", () => {
    const r = readModel(withColumns({ "Innbyggere 2012": BASE.map(() => null) }));
    const [f] = byId(r.findings, "KBR-W-POP-YEAR-UNUSED");
    expect(f.severity).toBe("warning");
    const k = table(example(), "Kommuner");
    expect(f.where.cell).toBe(sheetCell(k.sheet, k.top, k.left + 3));
    expect(f.message["nb-NO"]).toContain("«Innbyggere 2012» gjelder 2012");
    expect(f.message["en-US"]).toContain("(2009, 2010, 2011)");
    expect(r.model).not.toBeNull();
    expect(r.findings.filter((x) => x.id.startsWith("KBR-E-POP"))).toEqual([]);
    expect(Object.values(r.refs!.populationColumns).map((c) => c.header)).toEqual(["Innbyggere", "Innbyggere", "Innbyggere"]);
  });

  it("two columns for one year are an error at the second", () => {
    const r = readModel(withColumns({ "Innbyggere 2010": grown(1), "innbyggere 2010": grown(2) }));
    const [f] = byId(r.findings, "KBR-E-POP-COLUMN-DUPLICATE");
    expect(f.where.column).toBe("innbyggere 2010");
    expect(f.message["en-US"]).toContain("population column for 2010");
    expect(r.model).toBeNull();
  });

  it("a header with an invisible character is named as such", () => {
    const r = readModel(withColumns({ "Innbyggere\u200B 2010": grown(1) }));
    expect(byId(r.findings, "KBR-E-TEXT-INVISIBLE")[0].where.column).toBe("Innbyggere\u200B 2010");
  });

  const k = table(example(), "Kommuner");
  const yearCell = (row: number) => sheetCell(k.sheet, k.top + 1 + row, k.left + 3);
  it.each([
    ["blank", null, "KBR-E-POP-BLANK"],
    ["text", "mange", "KBR-E-POP-NOT-NUMBER"],
    ["negative", -5, "KBR-E-POP-NEGATIVE"],
    ["not whole", 12.5, "KBR-E-POP-NOT-WHOLE"],
    ["too large", 1e308, "KBR-E-POP-SUM-INFINITE"],
  ] as const)("a %s cell in a year column is an error naming the cell, never a fall-back", (_, value, id) => {
    const values: CellValue[] = grown(5);
    values[2] = value;
    const r = readModel(withColumns({ "Innbyggere 2010": values }));
    const hits = byId(r.findings, id);
    expect(hits.map((f) => f.where.cell)).toEqual([yearCell(2)]);
    expect(hits[0].where.column).toBe("Innbyggere 2010");
    expect(r.model).toBeNull();
  });

  it("a cell the file reader flagged in a year column is reported there", () => {
    const values: CellValue[] = grown(5);
    values[4] = null;
    const r = readModel(withColumns({ "Innbyggere 2010": values }, (t) => (table(t, "Kommuner").cellIssues = [{ row: 4, col: 3, kind: "not-a-number", text: "1x600" }])));
    const [f] = byId(r.findings, "KBR-E-CELL-NOT-NUMBER");
    expect(f.where.cell).toBe(yearCell(4));
    expect(byId(r.findings, "KBR-E-POP-BLANK")).toEqual([]);
  });

  it("all zeros in a year column some year splits by is an error; in an unused Innbyggere it is not", () => {
    const zeros = BASE.map(() => 0);
    const r = readModel(withColumns({ "Innbyggere 2010": zeros }));
    expect(byId(r.findings, "KBR-E-POP-SUM-ZERO").map((f) => f.where.column)).toEqual(["Innbyggere 2010"]);
    const own = readModel(
      withColumns({ "Innbyggere 2009": grown(1), "Innbyggere 2010": grown(2), "Innbyggere 2011": grown(3) }, (t) => table(t, "Kommuner").rows.forEach((row) => (row[1] = 0))),
    );
    expect(byId(own.findings, "KBR-E-POP-SUM-ZERO")).toEqual([]);
    expect(own.model).not.toBeNull();
  });
});

describe("the engine and Kommunebidrag with populations per year", () => {
  const tables = withColumns({ "Innbyggere 2010": grown(300), "Innbyggere 2011": BASE.map((p, i) => (i === 3 ? p - 4000 : p + 50)) });
  const r = build(tables);
  const model = r.model!;

  it("splits each year by that year's basis; the in-kind split stays by Ressursandel", () => {
    const single = build(example());
    for (const y of model.years) {
      const pops = model.municipalities.map((m) => m.populationByYear[y]);
      expect(r.contributions.map((c) => c.contributions[y])).toEqual(split(pops, { total: directTotalOf(model, y), equalShare: model.equalShare, decimals: 0 }));
      expect(r.contributions.map((c) => c.inKind[y])).toEqual(single.contributions.map((c) => c.inKind[y]));
    }
    // The bases really differ, so this is not the single-column result again.
    expect(r.contributions.map((c) => c.contributions["2011"])).not.toEqual(single.contributions.map((c) => c.contributions["2011"]));
    expect(r.contributions.map((c) => c.contributions["2009"])).toEqual(single.contributions.map((c) => c.contributions["2009"]));
  });

  it("reports each year's basis in the JSON", () => {
    const rep = toReport(r, "en-US");
    expect(rep.municipalities[1].populationByYear).toEqual({ "2009": BASE[1], "2010": grown(300)[1], "2011": BASE[1] + 50 });
  });

  it("shows a population column in each year's group, each referring to the year's column", () => {
    const kb = r.plans.find((p) => p.name === "Kommunebidrag")!;
    const C = contributionColumns(3, true);
    const at = (row: number, col: number) => kb.cells.find((c) => c.row === row && c.col === col);
    model.years.forEach((y, j) => {
      expect(at(KB.group, C.pop(j))!.value).toBe(y);
      expect(at(KB.header, C.pop(j))!.value).toBe("Innbyggere");
      expect(at(KB.body + 1, C.pop(j))!.formula).toBe(`=INDEX(Kommuner[${y === "2009" ? "Innbyggere" : `Innbyggere ${y}`}],2)`);
      expect(at(KB.body + 1, C.pop(j))!.expected).toBe(model.municipalities[1].populationByYear[y]);
      // The exact share refers to its own year's population and sum.
      expect(at(KB.body, C.exact(j))!.formula).toContain(`*${sheetCell("x", KB.body, C.pop(j)).split("!")[1]}/`);
      expect(at(KB.body + 7, C.total(j))!.expected).toBe(directTotalOf(model, y));
    });
    expect(String(at(KB.params, 3)!.value)).toMatch(/^Innbyggertall for hvert år \(over året\); per 01\.01\.2008 der året ikke har egen kolonne\.$/);
    expect(r.plans.flatMap((p) => p.cells).filter((c) => c.formula && c.expected === undefined)).toEqual([]);
  });

  it("keeps the single-column layout when no year has its own column", () => {
    const kb = build(example()).plans.find((p) => p.name === "Kommunebidrag")!;
    const C = contributionColumns(3);
    expect(kb.cells.find((c) => c.row === KB.header && c.col === C.population)!.value).toBe("Innbyggere");
    expect(kb.cells.find((c) => c.row === KB.header && c.col === C.equal(0))!.value).toBe("Likt");
    expect(kb.cells.find((c) => c.row === KB.params && c.col === 3)!.value).toBe("Innbyggertall per 01.01.2008.");
  });

  it("checks a per-year sheet's contributions against each year's Kommunene amount", () => {
    const C = contributionColumns(3, true);
    const sheets = sheetsFromPlans(r.plans);
    const kb = sheets.find((s) => s.name === "Kommunebidrag")!;
    kb.rows[KB.body][C.total(1)] = { value: 1, formula: "=1" };
    const f = byId(check(tables, sheets).findings, "KBR-E-CONTRIB-SUM");
    expect(f.map((x) => x.where.cell)).toEqual([sheetCell("Kommunebidrag", KB.body + 7, C.total(1))]);
    expect(byId(check(tables, sheetsFromPlans(r.plans)).findings, "KBR-E-CONTRIB-SUM")).toEqual([]);
  });
});
