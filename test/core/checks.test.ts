import { CHECKS, build, check, type BuildResult } from "../../src/core/engine";
import { sheetCell } from "../../src/core/a1";
import { lineRows } from "../../src/core/plans/budget";
import { KB, contributionColumns } from "../../src/core/plans/contributions";
import { MAX_CELL_FINDINGS } from "../../src/core/checks/generated";
import type { SheetData, TableData } from "../../src/core/workbook/types";
import { byId, example, setCell, sheetsFromPlans, table } from "./engine.helpers";
import { followUpCatalogueInputs } from "./followup.helpers";

const C = contributionColumns(3);
/** A Kommunebidrag cell as findings name it, e.g. `'Kommunebidrag'!E8`. */
const kbCell = (row: number, col: number) => sheetCell("Kommunebidrag", row, col);

/** The generated sheets of the example as a workbook would hold them, with `edit` applied. */
function readBack(edit?: (sheets: SheetData[]) => void): SheetData[] {
  const sheets = sheetsFromPlans(build(example()).plans);
  edit?.(sheets);
  return sheets;
}

const kb = (sheets: SheetData[]) => sheets.find((s) => s.name === "Kommunebidrag")!;

describe("consistency checks (reported, sheets still built)", () => {
  it("KBR-E-BALANCE: costs differ from financing in a year", () => {
    const r = build(example((t) => setCell(t, "Kostnader", "2010", 0, 660_000)));
    const f = byId(r.findings, "KBR-E-BALANCE");
    expect(f).toHaveLength(1);
    expect(f[0].message["nb-NO"]).toContain("2010: kostnadene er 2 510 000 kr, men finansieringen er 2 500 000 kr (differanse 10 000 kr)");
    expect(f[0].message["en-US"]).toContain("2010: the costs are NOK 2,510,000, but the financing is NOK 2,500,000");
    expect(f[0].where.cell).toBe("'Inndata'!D21");
    expect(r.plans).toHaveLength(3);
  });

  it("KBR-E-INKIND-BALANCE: in-kind costs differ from in-kind financing", () => {
    const r = build(
      example((t) => {
        setCell(t, "Kostnader", "2011", 5, 1_300_000);
        setCell(t, "Kostnader", "2011", 0, 600_000);
      }),
    );
    expect(byId(r.findings, "KBR-E-BALANCE")).toEqual([]);
    const f = byId(r.findings, "KBR-E-INKIND-BALANCE");
    expect(f).toHaveLength(1);
    expect(f[0].message["nb-NO"]).toContain("2011: egeninnsatsen i kostnadene er 1 300 000 kr, men i finansieringen 1 250 000 kr");
  });

  it("KBR-W-CONTRIB-ROUNDED: a Kommunene total with øre builds, the contributions adding up to it rounded to whole kroner", () => {
    const r = build(
      example((t) => {
        setCell(t, "Finansiering", "2009", 1, 500_000.4);
        setCell(t, "Kostnader", "2009", 0, 650_000.4);
      }),
    );
    expect(byId(r.findings, "KBR-E-CONTRIB-SUM")).toEqual([]);
    const f = byId(r.findings, "KBR-W-CONTRIB-ROUNDED");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message["en-US"]).toContain("2009: the municipalities' amount (Art Kommunene) is NOK 500,000.4, with øre. The contributions are whole kroner and add up to NOK 500,000");
    expect(f[0].message["nb-NO"]).toContain("summerer til 500 000 kr");
  });

  it("KBR-W-GRANTS-OVER-HALF: external grants above 50 % of the costs", () => {
    const r = build(
      example((t) => {
        setCell(t, "Kostnader", "2009", 0, 1_750_000);
        setCell(t, "Finansiering", "2009", 0, 1_850_000);
      }),
    );
    expect(byId(r.findings, "KBR-E-BALANCE")).toEqual([]);
    const f = byId(r.findings, "KBR-W-GRANTS-OVER-HALF");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message["nb-NO"]).toContain("51,4 %");
    expect(f[0].message["en-US"]).toContain("51.4 %");
  });

  it("nothing at exactly 50 %", () => {
    const r = build(
      example((t) => {
        setCell(t, "Kostnader", "2009", 0, 1_650_000);
        setCell(t, "Finansiering", "2009", 0, 1_750_000);
      }),
    );
    expect(r.findings).toEqual([]);
  });
});

describe("the generated sheets read back", () => {
  const tables = example();

  it("finds nothing when the sheets are as planned", () => {
    expect(check(tables, readBack()).findings).toEqual([]);
    expect(check(tables, readBack(), { Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" }).findings).toEqual([]);
  });

  it("KBR-E-SHEET-TYPED-OVER: a formula cell holding a plain value", () => {
    const r = check(tables, readBack((s) => (kb(s).rows[KB.body][C.total(0)] = { value: 43747 })));
    const f = byId(r.findings, "KBR-E-SHEET-TYPED-OVER");
    expect(f).toHaveLength(1);
    const cell = kbCell(KB.body, C.total(0));
    expect(cell).toBe("'Kommunebidrag'!E8");
    expect(f[0].where.cell).toBe(cell);
    expect(f[0].message["nb-NO"]).toBe(`${cell}: Cellen skal ha en formel, men har verdien 43 747. Bygg arkene på nytt.`);
    expect(f[0].message["en-US"]).toBe(`${cell}: The cell should hold a formula but holds the value 43,747. Rebuild the sheets.`);
  });

  it("KBR-E-SHEET-STALE: a value that differs from the rule, and the sheet's sum no longer matching", () => {
    const r = check(
      tables,
      readBack((s) => {
        const c = kb(s).rows[KB.body + 1][C.total(1)];
        kb(s).rows[KB.body + 1][C.total(1)] = { ...c, value: 65000 };
      }),
    );
    const f = byId(r.findings, "KBR-E-SHEET-STALE");
    expect(f).toHaveLength(1);
    expect(f[0].where.cell).toBe(kbCell(KB.body + 1, C.total(1)));
    expect(f[0].message["nb-NO"]).toContain("Cellen viser 65 000, men regelen gir 65 811");
    expect(f[0].message["en-US"]).toContain("The cell shows 65,000, but the rule gives 65,811");
    const sum = byId(r.findings, "KBR-E-CONTRIB-SUM");
    expect(sum).toHaveLength(1);
    expect(sum[0].where.cell).toBe(kbCell(KB.body + 7, C.total(1)));
  });

  it("stale text cells are reported with the text the rule gives", () => {
    const r = check(
      tables,
      readBack((s) => {
        const bu = s.find((x) => x.name === "Budsjett")!;
        const first = lineRows(2).body; // the example's note takes two lines
        bu.rows[first][0] = { ...bu.rows[first][0], value: "Ledelse" };
      }),
    );
    const f = byId(r.findings, "KBR-E-SHEET-STALE");
    expect(f[0].message["en-US"]).toContain(`shows "Ledelse", but the rule gives "Prosjektledelse"`);
  });

  it("an input changed since the sheets were built makes them stale", () => {
    const before = readBack();
    const after = example((t) => setCell(t, "Kommuner", "Innbyggere", 1, 7066));
    const r = check(after, before);
    const cells = byId(r.findings, "KBR-E-SHEET-STALE").map((f) => f.where.cell);
    expect(cells).toContain(kbCell(KB.body + 1, C.population));
    expect(cells).toContain(kbCell(KB.body + 1, C.total(0)));
  });

  it("reports at most a fixed number of cells per sheet, then how many more", () => {
    const r = check(
      tables,
      readBack((s) => {
        for (const row of kb(s).rows) for (const c of row) if (c?.formula) delete c.formula;
      }),
    );
    const f = byId(r.findings, "KBR-E-SHEET-TYPED-OVER");
    expect(f).toHaveLength(MAX_CELL_FINDINGS + 1);
    const last = f[f.length - 1];
    expect(last.where).toEqual({ sheet: "Kommunebidrag" });
    expect(last.message["nb-NO"]).toMatch(/^'Kommunebidrag': og \d+ celler til har ikke lenger formel/);
  });

  it("KBR-W-SHEET-MISSING: a generated sheet that is not there", () => {
    const r = check(tables, readBack((s) => s.splice(0, 1)));
    const f = byId(r.findings, "KBR-W-SHEET-MISSING");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("warning");
    expect(f[0].message["nb-NO"]).toContain("Arket «Budsjett» finnes ikke");
    expect(check(tables, [], {}).findings.map((x) => x.id)).toEqual(["KBR-W-SHEET-MISSING", "KBR-W-SHEET-MISSING", "KBR-W-SHEET-MISSING"]);
  });

  it("KBR-E-SHEET-NAME-TAKEN: a generated name used by the user's own sheet", () => {
    const r = check(tables, [{ name: "Finansieringsplan", rows: [[{ value: "mine" }]] }], { Finansieringsplan: "user" });
    const f = byId(r.findings, "KBR-E-SHEET-NAME-TAKEN");
    expect(f).toHaveLength(1);
    expect(f[0].severity).toBe("error");
    expect(f[0].message["en-US"]).toContain(`"Finansieringsplan" is your own sheet`);
    // The user's sheet is not compared cell by cell.
    expect(byId(r.findings, "KBR-E-SHEET-TYPED-OVER")).toEqual([]);
  });

  it("does not compare sheets when the inputs cannot be modelled", () => {
    const bad = example((t) => setCell(t, "Kommuner", "Innbyggere", 0, -1));
    const r = check(bad, []);
    expect(r.model).toBeNull();
    expect(r.findings.map((f) => f.id)).toEqual(["KBR-E-POP-NEGATIVE"]);
    // A generated name taken by the user's sheet is still reported.
    expect(check(bad, [], { Kommunebidrag: "user" }).findings.map((f) => f.id)).toEqual(["KBR-E-POP-NEGATIVE", "KBR-E-SHEET-NAME-TAKEN"]);
  });
});

describe("the catalogue", () => {
  it("has unique, well-formed ids whose prefix matches the severity", () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CHECKS) {
      expect(c.id).toMatch(/^KBR-[EW]-[A-Z0-9-]+$/);
      expect(c.id.startsWith("KBR-E-")).toBe(c.severity === "error");
      expect(c.title["nb-NO"]).not.toBe(c.title["en-US"]);
    }
  });

  it("every entry is triggered by some crafted input", () => {
    const results: BuildResult[] = [];
    const edits: ((t: TableData[]) => void)[] = [
      (t) => t.splice(0, 1),
      (t) => t.push({ ...table(t, "Kommuner"), sheet: "B" }),
      (t) => (table(t, "Kommuner").headers[2] = "Andel"),
      (t) => (table(t, "Kommuner").rows = []),
      (t) => (table(t, "Kostnader").headers = ["Kostnadspost", "Art", "a", "b", "c"]),
      (t) => (table(t, "Kostnader").headers[3] = "2009"),
      (t) => (table(t, "Finansiering").headers[4] = "2012"),
      (t) => setCell(t, "Kommuner", "Kommune", 0, null),
      (t) => setCell(t, "Kommuner", "Kommune", 1, "hjartdal"),
      (t) => setCell(t, "Kommuner", "Innbyggere", 0, null),
      (t) => setCell(t, "Kommuner", "Innbyggere", 0, "x"),
      (t) => setCell(t, "Kommuner", "Innbyggere", 0, -3),
      (t) => setCell(t, "Kommuner", "Innbyggere", 0, 3.5),
      (t) => {
        setCell(t, "Kommuner", "Innbyggere", 0, null);
        table(t, "Kommuner").cellIssues = [{ row: 0, col: 1, kind: "not-a-number", text: "1x619" }];
      },
      (t) => {
        setCell(t, "Kommuner", "Innbyggere", 0, null);
        table(t, "Kommuner").cellIssues = [{ row: 0, col: 1, kind: "uncalculated", text: "=1600+19" }];
      },
      (t) => setCell(t, "Kommuner", "Kommune", 0, "Hjart\u200Bdal"),
      (t) => setCell(t, "Finansiering", "Art", 1, "Kommu\u200Bnene"),
      (t) => setCell(t, "Kommuner", "Innbyggere", 0, 1e308),
      (t) => setCell(t, "Kostnader", "Kostnadspost", 1, `${String(table(t, "Kostnader").rows[0][0])}\u00AD`),
      (t) => table(t, "Kommuner").rows.forEach((r) => (r[1] = 0)),
      (t) => setCell(t, "Kommuner", "Ressursandel", 0, -0.1),
      (t) => setCell(t, "Kommuner", "Ressursandel", 0, 0.2),
      (t) => setCell(t, "Kostnader", "2009", 0, "mye"),
      (t) => setCell(t, "Kostnader", "2009", 0, null),
      (t) => setCell(t, "Kostnader", "Art", 0, "Annet"),
      (t) => setCell(t, "Kostnader", "Kostnadspost", 0, null),
      (t) => setCell(t, "Parametere", "Verdi", 0, 2),
      (t) => setCell(t, "Parametere", "Verdi", 1, null),
      (t) => setCell(t, "Kostnader", "2009", 0, 0),
      (t) => {
        setCell(t, "Kostnader", "2009", 5, 1_000_000);
        setCell(t, "Kostnader", "2009", 0, 900_000);
      },
      (t) => {
        setCell(t, "Finansiering", "2009", 1, 500_000.4);
        setCell(t, "Kostnader", "2009", 0, 650_000.4);
      },
      (t) => {
        setCell(t, "Kostnader", "2009", 0, 1_750_000);
        setCell(t, "Finansiering", "2009", 0, 1_850_000);
      },
      // Populations per year: a duplicate year column, a year without any, a year outside the budget.
      (t) => {
        const k = table(t, "Kommuner");
        k.headers.push("Innbyggere 2010", "innbyggere 2010");
        k.rows.forEach((r) => r.push(r[1], r[1]));
      },
      (t) => {
        const k = table(t, "Kommuner");
        k.headers = [k.headers[0], "Innbyggere 2009", k.headers[2]];
      },
      (t) => {
        const k = table(t, "Kommuner");
        k.headers.push("Innbyggere 2030");
        k.rows.forEach((r) => r.push(r[1]));
      },
      // Remainders 1e-10 apart: the sheet's ROUND(…, 9) cannot tell them apart.
      (t) => {
        table(t, "Kommuner").rows = [["A", 0, 0.25], ["B", 1, 0.25], ["C", 0, 0.5]];
        setCell(t, "Finansiering", "2009", 1, 7);
        setCell(t, "Parametere", "Verdi", 0, 0.9999999999642858);
      },
      // Amounts past 10^15 kroner, in a cell and in a sum; a Parametere key given twice.
      (t) => setCell(t, "Kostnader", "2009", 0, 1e16),
      (t) => {
        setCell(t, "Kostnader", "2009", 0, 6e14);
        setCell(t, "Kostnader", "2010", 0, 6e14);
      },
      (t) => table(t, "Parametere").rows.push(["Andel likt fordelt", 0.3]),
      (t) => table(t, "Parametere").rows.push(["Andel likt fordelt", 0.5]),
      // The optional Scenarier table: a bad share, a blank and a repeated name, the own key.
      (t) =>
        t.push({ name: "Scenarier", sheet: "S", top: 0, left: 0, headers: ["Scenario", "Andel likt fordelt"], rows: [["A", 2], ["", 0.3], ["B", 0.5], ["b", 0.1]] }),
    ];
    for (const e of edits) results.push(build(example(e)));
    for (const t of followUpCatalogueInputs()) results.push(build(t));
    const tables = example();
    results.push(check(tables, readBack((s) => (kb(s).rows[KB.body][C.total(0)] = { value: 1 }))));
    results.push(check(tables, readBack((s) => (kb(s).rows[KB.body][C.total(0)] = { ...kb(s).rows[KB.body][C.total(0)], value: 1 }))));
    results.push(check(tables, []));
    results.push(check(tables, readBack(), { Budsjett: "user" }));
    const seen = new Set(results.flatMap((r) => r.findings.map((f) => f.id)));
    expect(CHECKS.map((c) => c.id).filter((id) => !seen.has(id))).toEqual([]);
  });
});
