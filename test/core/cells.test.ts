/**
 * Cells the engine must not guess at: numbers that are not numbers, formulas never calculated,
 * texts with invisible characters, populations too large to add up. Each is a finding naming
 * the cell, in both languages, and the model is not built from a guess.
 */
import { build } from "../../src/core/engine";
import { readModel } from "../../src/core/model/read";
import type { CellIssue, TableData } from "../../src/core/workbook/types";
import { byId, example, setCell, table } from "./engine.helpers";

/** Flags a body cell as the file reader would: its value becomes null, the issue is recorded. */
function flag(tables: TableData[], name: string, header: string, row: number, kind: CellIssue["kind"], text: string): void {
  const t = table(tables, name);
  const col = t.headers.indexOf(header);
  t.rows[row][col] = null;
  t.cellIssues = [...(t.cellIssues ?? []), { row, col, kind, text }];
}

describe("cells the reader flagged", () => {
  it("a number cell whose text is not a number: KBR-E-CELL-NOT-NUMBER naming the cell and showing the text", () => {
    const r = readModel(example((t) => flag(t, "Kommuner", "Innbyggere", 2, "not-a-number", "12x232")));
    expect(r.model).toBeNull();
    const [f] = byId(r.findings, "KBR-E-CELL-NOT-NUMBER");
    expect(f.where.cell).toBe("'Inndata'!B5");
    expect(f.message["nb-NO"]).toBe("Kommuner[Innbyggere] rad 3 ('Inndata'!B5): Cellen er lagret som et tall, men innholdet «12x232» er ikke et tall. Skriv verdien inn på nytt i Excel.");
    expect(f.message["en-US"]).toContain(`its content "12x232" is not a number`);
    // Instead of the generic finding for a blank population, not besides it.
    expect(byId(r.findings, "KBR-E-POP-BLANK")).toEqual([]);
    expect(r.findings).toHaveLength(1);
  });

  it("a formula with no cached value: KBR-E-CELL-UNCALCULATED, says to open and save or recalculate", () => {
    const r = readModel(example((t) => flag(t, "Kostnader", "2010", 1, "uncalculated", "=B20*2")));
    expect(r.model).toBeNull();
    const [f] = byId(r.findings, "KBR-E-CELL-UNCALCULATED");
    expect(f.where.table).toBe("Kostnader");
    expect(f.where.column).toBe("2010");
    expect(f.where.tableRow).toBe(2);
    expect(f.message["nb-NO"]).toContain("Formelen «=B20*2» er ikke beregnet");
    expect(f.message["nb-NO"]).toContain("Åpne arbeidsboken i Excel og lagre den");
    expect(f.message["en-US"]).toContain(`The formula "=B20*2" has not been calculated`);
    expect(f.message["en-US"]).toContain("recalculate");
    // Not the blank-amount warning it would otherwise be.
    expect(byId(r.findings, "KBR-W-AMOUNT-BLANK")).toEqual([]);
  });

  it("is reported wherever the model reads: names, shares, Art, labels, parameter values", () => {
    const r = readModel(
      example((t) => {
        flag(t, "Kommuner", "Kommune", 0, "uncalculated", '="Hjart"&"dal"');
        flag(t, "Kommuner", "Ressursandel", 1, "not-a-number", "0,1x");
        flag(t, "Finansiering", "Art", 0, "uncalculated", "=A1");
        flag(t, "Kostnader", "Kostnadspost", 0, "uncalculated", "=A2");
        flag(t, "Parametere", "Verdi", 0, "uncalculated", "=1/2");
      }),
    );
    const ids = r.findings.map((f) => `${f.id} ${f.where.table}[${f.where.column}] ${f.where.tableRow}`);
    expect(ids.sort()).toEqual(
      [
        "KBR-E-CELL-UNCALCULATED Kommuner[Kommune] 1",
        "KBR-E-CELL-NOT-NUMBER Kommuner[Ressursandel] 2",
        "KBR-E-CELL-UNCALCULATED Finansiering[Art] 1",
        "KBR-E-CELL-UNCALCULATED Kostnader[Kostnadspost] 1",
        "KBR-E-CELL-UNCALCULATED Parametere[Verdi] 1",
      ].sort(),
    );
  });

  it("a flagged cell in a column the model does not read is not reported", () => {
    const r = readModel(
      example((t) => {
        const k = table(t, "Kommuner");
        k.headers.push("Merknad");
        k.rows.forEach((row) => row.push(null));
        flag(t, "Kommuner", "Merknad", 0, "uncalculated", "=X1");
      }),
    );
    expect(r.findings).toEqual([]);
    expect(r.model).not.toBeNull();
  });
});

describe("invisible characters", () => {
  it("a municipality name with a zero-width space that looks like another row: KBR-E-NAME-INVISIBLE naming the cell", () => {
    const r = readModel(example((t) => setCell(t, "Kommuner", "Kommune", 3, "Tinn\u200B")));
    expect(r.model).toBeNull();
    const [f] = byId(r.findings, "KBR-E-NAME-INVISIBLE");
    expect(f.where.cell).toBe("'Inndata'!A6");
    expect(f.message["nb-NO"]).toContain("Kommunenavnet «Tinn⟨U+200B⟩» har usynlige tegn: U+200B (nullbredde mellomrom)");
    expect(f.message["nb-NO"]).toContain("ser likt ut som navnet i rad 2");
    expect(f.message["en-US"]).toContain("U+200B (zero-width space)");
    expect(f.message["en-US"]).toContain("looks the same as the name in row 2");
    // Not also a duplicate: the one finding says what is wrong.
    expect(byId(r.findings, "KBR-E-NAME-DUPLICATE")).toEqual([]);
  });

  it.each([
    ["soft hyphen", "Kongs\u00ADberg", "U+00AD (soft hyphen)"],
    ["byte order mark", "\uFEFFKongsberg", "U+FEFF (byte order mark)"],
    ["word joiner", "Kongs\u2060berg", "U+2060 (word joiner)"],
    ["zero-width joiner", "Kongs\u200Dberg", "U+200D (zero-width joiner)"],
    ["another format character", "Kongs\u2063berg", "U+2063 (invisible format character)"],
  ])("%s in a name is found and named", (_what, name, named) => {
    const r = readModel(example((t) => setCell(t, "Kommuner", "Kommune", 3, name)));
    const f = byId(r.findings, "KBR-E-NAME-INVISIBLE");
    expect(f).toHaveLength(1);
    expect(f[0].message["en-US"]).toContain(named);
  });

  it("a name with invisible characters and no look-alike is still reported", () => {
    const r = readModel(example((t) => setCell(t, "Kommuner", "Kommune", 0, "Hjart\u00ADdal")));
    const [f] = byId(r.findings, "KBR-E-NAME-INVISIBLE");
    expect(f.message["en-US"]).toContain(`looks like "Hjartdal" but is another name to Excel`);
  });

  it("Art, a parameter name and a header that match only without invisible characters: KBR-E-TEXT-INVISIBLE", () => {
    const r = readModel(
      example((t) => {
        setCell(t, "Finansiering", "Art", 1, "Kommu\u200Bnene");
        setCell(t, "Parametere", "Parameter", 0, "Andel likt\u00AD fordelt");
        table(t, "Kostnader").headers[3] = "20\u200B10";
      }),
    );
    const f = byId(r.findings, "KBR-E-TEXT-INVISIBLE");
    expect(f.map((x) => `${x.where.table}[${x.where.column}]`).sort()).toEqual(["Kostnader[20\u200B10]"].sort());
    expect(f[0].message["nb-NO"]).toContain("«20⟨U+200B⟩10» ser ut som «2010», men har usynlige tegn: U+200B (nullbredde mellomrom)");
    // The header stops the model before the rows are read; fix it and the rows are reported.
    const rows = readModel(
      example((t) => {
        setCell(t, "Finansiering", "Art", 1, "Kommu\u200Bnene");
        setCell(t, "Parametere", "Parameter", 0, "Andel likt\u00AD fordelt");
      }),
    );
    const g = byId(rows.findings, "KBR-E-TEXT-INVISIBLE");
    expect(g.map((x) => `${x.where.table}[${x.where.column}] ${x.where.tableRow}`).sort()).toEqual(["Finansiering[Art] 2", "Parametere[Parameter] 1"]);
    expect(g.find((x) => x.where.table === "Finansiering")!.message["en-US"]).toContain(`"Kommu⟨U+200B⟩nene" looks like "Kommunene"`);
    // Not also "unknown Art" or "missing parameter".
    expect(byId(rows.findings, "KBR-E-ART-UNKNOWN")).toEqual([]);
    expect(byId(rows.findings, "KBR-E-PARAM-EQUAL-SHARE")).toEqual([]);
  });

  it("a cost item that looks like another row's: KBR-W-LABEL-INVISIBLE (a warning; the sheets are built)", () => {
    const tables = example((t) => {
      const first = table(t, "Kostnader").rows[0][0] as string;
      setCell(t, "Kostnader", "Kostnadspost", 1, first.slice(0, 3) + "\u200B" + first.slice(3));
    });
    const r = build(tables);
    const [f] = byId(r.findings, "KBR-W-LABEL-INVISIBLE");
    expect(f.where.tableRow).toBe(2);
    expect(f.message["en-US"]).toContain("looks like the label in row 1");
    expect(r.plans.length).toBeGreaterThan(0);
  });
});

describe("populations too large to add up", () => {
  it("two huge populations: KBR-E-POP-SUM-INFINITE naming the cell where the sum overflows, no crash", () => {
    // Before: an AllocationError "#VALUE!" from deep in the plans, with no cell.
    expect(() => build(example((t) => table(t, "Kommuner").rows.forEach((row) => (row[1] = 1e308))))).not.toThrow();
    const tables = example((t) => {
      // Each times the 500 000 to split is finite; from row 5 on the sum times it is not.
      setCell(t, "Kommuner", "Innbyggere", 1, 1e302);
      setCell(t, "Kommuner", "Innbyggere", 4, 1e303);
    });
    const r = build(tables);
    expect(r.model).toBeNull();
    const f = byId(r.findings, "KBR-E-POP-SUM-INFINITE");
    expect(f).toHaveLength(1);
    expect(f[0].where.table).toBe("Kommuner");
    expect(f[0].where.column).toBe("Innbyggere");
    expect(f[0].where.tableRow).toBe(5);
    expect(f[0].message["nb-NO"]).toContain("Kommuner[Innbyggere] rad 5");
    expect(f[0].message["en-US"]).toContain("too large to compute with from this row on (1E+303)");
    expect(f[0].message["en-US"]).toContain("(NOK 500,000)");
    expect(f[0].message["nb-NO"]).toContain("(1E+303)");
    expect(r.findings.map((x) => x.message["en-US"]).join(" ")).not.toContain("#VALUE!");
  });

  it("one population whose product with the amount to split overflows is reported too (the sum alone is finite)", () => {
    const r = build(example((t) => setCell(t, "Kommuner", "Innbyggere", 0, 1e305)));
    expect(byId(r.findings, "KBR-E-POP-SUM-INFINITE").map((f) => f.where.tableRow)).toEqual([1]);
    expect(r.model).toBeNull();
  });

  it("an amount so large that the split would overflow is refused at its cell (past 10^15 kroner)", () => {
    const r = build(example((t) => setCell(t, "Finansiering", "2010", 1, 1.5e308)));
    const [f] = byId(r.findings, "KBR-E-AMOUNT-TOO-LARGE");
    expect(f.where.tableRow).toBe(2);
    expect(f.where.column).toBe("2010");
    expect(f.message["nb-NO"]).toContain("1,5E+308");
    expect(f.message["en-US"]).toContain("1.5E+308");
  });

  it("large but computable populations are fine", () => {
    const r = build(example((t) => setCell(t, "Kommuner", "Innbyggere", 0, 1e12)));
    expect(byId(r.findings, "KBR-E-POP-SUM-INFINITE")).toEqual([]);
    expect(r.model).not.toBeNull();
  });
});
