import { readModel } from "../../src/core/model/read";
import type { TableData } from "../../src/core/workbook/types";
import { region12 } from "../fixtures/regions";
import { byId, example, setCell, table } from "./engine.helpers";

describe("reading the 2009 example", () => {
  const r = readModel(example());

  it("gives the plan's model without findings", () => {
    expect(r.findings).toEqual([]);
    expect(r.model).not.toBeNull();
    const m = r.model!;
    expect(m.years).toEqual(["2009", "2010", "2011"]);
    expect(m.equalShare).toBe(0.5);
    expect(m.populationDate).toBe("2008-01-01");
    expect(m.projectName).toBe("Samordnet næringsapparat i Kongsbergregionen");
    expect(m.municipalities.map((x) => x.name)).toEqual(["Hjartdal", "Tinn", "Notodden", "Kongsberg", "Flesberg", "Rollag", "Nore og Uvdal"]);
    expect(m.municipalities.map((x) => x.population)).toEqual([1619, 6066, 12232, 23997, 2521, 1419, 2534]);
    expect(m.municipalities.map((x) => x.resourceShare)).toEqual([0.1, 0.15, 0.2, 0.25, 0.1, 0.1, 0.1]);
    expect(m.costs.map((c) => c.kind)).toEqual(["Ekstern", "Ekstern", "Ekstern", "Ekstern", "Ekstern", "Egeninnsats"]);
    expect(m.financing.map((f) => [f.kind, f.amounts["2010"]])).toEqual([
      ["Tilskudd", 750000],
      ["Kommunene", 500000],
      ["Egeninnsats", 1250000],
    ]);
  });

  it("has illustrative cost items adding up to the plan's frame, and says so", () => {
    const m = r.model!;
    for (const y of m.years) {
      const ext = m.costs.filter((c) => c.kind === "Ekstern").reduce((s, c) => s + c.amounts[y], 0);
      expect(ext).toBe(1_250_000);
    }
    expect(r.refs!.note).toMatch(/illustrative/);
  });
});

describe("finding the tables", () => {
  it("finds tables anywhere, on any sheet, with headers in any case and spacing, years in any order", () => {
    const r = readModel(region12());
    expect(r.findings.filter((f) => f.severity === "error")).toEqual([]);
    const m = r.model!;
    expect(m.years).toEqual(["2022", "2023", "2024", "2025"]);
    expect(m.municipalities).toHaveLength(13);
    expect(m.equalShare).toBe(0.3);
    // The year column of Kostnader is found by its header, not by position.
    const kost = table(region12(), "Kostnader");
    const c2022 = kost.headers.indexOf("2022");
    expect(m.costs[0].amounts["2022"]).toBe(kost.rows[0][c2022]);
    // Art values match ignoring case; a trailing space makes the formulas use TRIM.
    expect(m.financing.map((f) => f.kind)).toEqual(["Tilskudd", "Kommunene", "Egeninnsats", "Annet"]);
    expect(r.refs!.financingArtNeedsTrim).toBe(true);
    expect(r.refs!.costsArtNeedsTrim).toBe(false);
  });

  it("matches table names and headers ignoring case and surrounding spaces", () => {
    const tables = example((t) => {
      table(t, "Kommuner").name = "KOMMUNER";
      table(t, "KOMMUNER").headers = [" kommune ", "Innbyggere  ", " RESSURSANDEL"];
      table(t, "Kostnader").headers[2] = " 2009 ";
    });
    const r = readModel(tables);
    expect(r.findings).toEqual([]);
    expect(r.model!.years).toEqual(["2009", "2010", "2011"]);
    // Formulas must name the header as written.
    expect(r.refs!.municipalities.columns.Innbyggere.header).toBe("Innbyggere  ");
  });

  it("takes only 4-digit headers as years and ignores unknown columns", () => {
    const tables = example((t) => {
      const k = table(t, "Kostnader");
      k.headers.push("Merknad", "20091", "År 2012");
      for (const row of k.rows) row.push("x", 1, 2);
    });
    const r = readModel(tables);
    expect(r.findings).toEqual([]);
    expect(r.model!.years).toEqual(["2009", "2010", "2011"]);
  });
});

interface BadCase {
  what: string;
  edit: (t: TableData[]) => void;
  id: string;
  /** Texts the nb-NO and en-US messages must contain. */
  nb: string[];
  en: string[];
  cell?: string;
  /** Whether the model is still built (non-blocking findings). */
  modelBuilt?: boolean;
}

// Kommuner's header is on sheet row 2 (0-based 1), so body row r is A1 row r + 3.
const cases: BadCase[] = [
  {
    what: "missing table",
    edit: (t) => t.splice(t.indexOf(table(t, "Kommuner")), 1),
    id: "KBR-E-TABLE-MISSING",
    nb: ["«Kommuner» finnes ikke", "Kommune, Innbyggere, Ressursandel"],
    en: ['"Kommuner" is not in the workbook'],
  },
  {
    what: "table twice",
    edit: (t) => t.push({ ...table(t, "Kommuner"), name: "kommuner", sheet: "Ark2" }),
    id: "KBR-E-TABLE-DUPLICATE",
    nb: ["mer enn én tabell", "«Kommuner»"],
    en: ["More than one table"],
  },
  {
    what: "missing column",
    edit: (t) => (table(t, "Kommuner").headers[1] = "Folketall"),
    id: "KBR-E-COLUMN-MISSING",
    nb: ["Kommuner[Innbyggere]", "Kolonnen «Innbyggere» mangler", "Folketall"],
    en: ['The column "Innbyggere" is missing'],
    cell: "'Inndata'!A2",
  },
  {
    what: "blank population",
    edit: (t) => setCell(t, "Kommuner", "Innbyggere", 2, null),
    id: "KBR-E-POP-BLANK",
    nb: ["Kommuner[Innbyggere] rad 3 ('Inndata'!B5)", "tomt"],
    en: ["Kommuner[Innbyggere] row 3 ('Inndata'!B5)", "blank"],
    cell: "'Inndata'!B5",
  },
  {
    what: "text population",
    edit: (t) => setCell(t, "Kommuner", "Innbyggere", 1, "mange"),
    id: "KBR-E-POP-NOT-NUMBER",
    nb: ["Kommuner[Innbyggere] rad 2 ('Inndata'!B4)", "«mange»"],
    en: ["row 2", '"mange"'],
    cell: "'Inndata'!B4",
  },
  {
    what: "negative population",
    edit: (t) => setCell(t, "Kommuner", "Innbyggere", 0, -1619),
    id: "KBR-E-POP-NEGATIVE",
    nb: ["rad 1", "1 619"],
    en: ["row 1", "-1,619"],
    cell: "'Inndata'!B3",
  },
  {
    what: "fractional population",
    edit: (t) => setCell(t, "Kommuner", "Innbyggere", 6, 2534.5),
    id: "KBR-E-POP-NOT-WHOLE",
    nb: ["rad 7", "2 534,5"],
    en: ["row 7", "2,534.5"],
    cell: "'Inndata'!B9",
  },
  {
    what: "all populations zero",
    edit: (t) => table(t, "Kommuner").rows.forEach((r) => (r[1] = 0)),
    id: "KBR-E-POP-SUM-ZERO",
    nb: ["Kommuner[Innbyggere]", "#DIV/0!", "50 %"],
    en: ["cannot be split by population"],
  },
  {
    what: "blank municipality name",
    edit: (t) => setCell(t, "Kommuner", "Kommune", 3, "  "),
    id: "KBR-E-NAME-BLANK",
    nb: ["Kommuner[Kommune] rad 4 ('Inndata'!A6)", "tomt"],
    en: ["Kommuner[Kommune] row 4", "blank"],
    cell: "'Inndata'!A6",
  },
  {
    what: "duplicate municipality (case and spaces ignored)",
    edit: (t) => setCell(t, "Kommuner", "Kommune", 5, " TINN "),
    id: "KBR-E-NAME-DUPLICATE",
    nb: ["rad 6", "står også i rad 2"],
    en: ["row 6", "is also in row 2"],
    cell: "'Inndata'!A8",
  },
  {
    what: "Ressursandel above 100 %",
    edit: (t) => setCell(t, "Kommuner", "Ressursandel", 1, 15),
    id: "KBR-E-SHARE-INVALID",
    nb: ["Kommuner[Ressursandel] rad 2 ('Inndata'!C4)", "15"],
    en: ["between 0 % and 100 %"],
    cell: "'Inndata'!C4",
  },
  {
    what: "Ressursandel blank",
    edit: (t) => setCell(t, "Kommuner", "Ressursandel", 0, null),
    id: "KBR-E-SHARE-INVALID",
    nb: ["rad 1", "(tom)"],
    en: ["row 1", "(blank)"],
    cell: "'Inndata'!C3",
  },
  {
    what: "Ressursandel not adding up to 100 %",
    edit: (t) => setCell(t, "Kommuner", "Ressursandel", 1, 0.1),
    id: "KBR-E-SHARE-SUM",
    nb: ["Kommuner[Ressursandel]", "95 %"],
    en: ["add up to 95 %, not 100 %"],
  },
  {
    what: "text in a cost amount",
    edit: (t) => setCell(t, "Kostnader", "2010", 1, "150 000"),
    id: "KBR-E-AMOUNT-NOT-NUMBER",
    nb: ["Kostnader[2010] rad 2 ('Inndata'!D14)", "«150 000»"],
    en: ["Kostnader[2010] row 2", "must be a number"],
    cell: "'Inndata'!D14",
  },
  {
    what: "error value in a financing amount",
    edit: (t) => setCell(t, "Finansiering", "2011", 0, { error: "#REF!" }),
    id: "KBR-E-AMOUNT-NOT-NUMBER",
    nb: ["Finansiering[2011] rad 1", "#REF!"],
    en: ["Finansiering[2011] row 1"],
    cell: "'Inndata'!E22",
  },
  {
    what: "blank amount",
    edit: (t) => setCell(t, "Kostnader", "2009", 4, null),
    id: "KBR-W-AMOUNT-BLANK",
    nb: ["Kostnader[2009] rad 5", "regnes som 0"],
    en: ["counts as 0"],
    cell: "'Inndata'!C17",
    modelBuilt: true,
  },
  {
    what: "unknown Art",
    edit: (t) => setCell(t, "Kostnader", "Art", 2, "Intern"),
    id: "KBR-E-ART-UNKNOWN",
    nb: ["Kostnader[Art] rad 3", "Ekstern / Egeninnsats", "«Intern»"],
    en: ["Art must be Ekstern / Egeninnsats"],
    cell: "'Inndata'!B15",
  },
  {
    what: "blank label with amounts",
    edit: (t) => setCell(t, "Finansiering", "Kilde", 0, null),
    id: "KBR-W-LABEL-BLANK",
    nb: ["Finansiering[Kilde] rad 1"],
    en: ["no label"],
    modelBuilt: true,
  },
  {
    what: "years differ",
    edit: (t) => {
      const f = table(t, "Finansiering");
      f.headers[4] = "2012";
    },
    id: "KBR-E-YEARS-MISMATCH",
    nb: ["Bare i Kostnader: 2011", "Bare i Finansiering: 2012"],
    en: ["Only in Kostnader: 2011", "Only in Finansiering: 2012"],
  },
  {
    what: "no year columns",
    edit: (t) => (table(t, "Kostnader").headers = ["Kostnadspost", "Art", "i år", "neste år", "året etter"]),
    id: "KBR-E-YEARS-NONE",
    nb: ["«Kostnader» har ingen årskolonner"],
    en: ["no year columns"],
  },
  {
    what: "a year twice",
    edit: (t) => (table(t, "Kostnader").headers[3] = " 2009"),
    id: "KBR-E-YEAR-DUPLICATE",
    nb: ["Året 2009"],
    en: ["The year 2009"],
    cell: "'Inndata'!D12",
  },
  {
    what: "equal share missing",
    edit: (t) => table(t, "Parametere").rows.splice(0, 1),
    id: "KBR-E-PARAM-EQUAL-SHARE",
    nb: ["Parametere[Parameter]", "«Andel likt fordelt» mangler"],
    en: ['"Andel likt fordelt" is missing'],
  },
  {
    what: "equal share outside [0, 1]",
    edit: (t) => setCell(t, "Parametere", "Verdi", 0, 50),
    id: "KBR-E-PARAM-EQUAL-SHARE",
    nb: ["Parametere[Verdi] rad 1", "mellom 0 og 1", "50"],
    en: ["between 0 and 1"],
    cell: "'Inndata'!B28",
  },
  {
    what: "project name missing",
    edit: (t) => setCell(t, "Parametere", "Verdi", 2, ""),
    id: "KBR-W-PARAM-MISSING",
    nb: ["«Prosjektnavn» mangler"],
    en: ['"Prosjektnavn" is missing'],
    modelBuilt: true,
  },
  {
    what: "empty Kommuner",
    edit: (t) => (table(t, "Kommuner").rows = []),
    id: "KBR-E-TABLE-EMPTY",
    nb: ["«Kommuner» har ingen rader"],
    en: ["has no rows"],
  },
];

describe.each(cases)("bad input: $what", (c) => {
  const r = readModel(example(c.edit));
  const hits = byId(r.findings, c.id);

  it(`gives ${c.id}`, () => {
    expect(hits.length).toBeGreaterThan(0);
  });

  it("names table, column, row and cell in both languages", () => {
    const f = hits[0];
    for (const s of c.nb) expect(f.message["nb-NO"]).toContain(s);
    for (const s of c.en) expect(f.message["en-US"]).toContain(s);
    if (c.cell) expect(f.where.cell).toBe(c.cell);
    expect(f.where.table).toBeDefined();
  });

  it(c.modelBuilt ? "still builds the model" : "builds no model", () => {
    expect(r.model === null).toBe(!c.modelBuilt);
  });
});

it("reads blank amounts as 0 and Art values ignoring case and spaces", () => {
  const r = readModel(
    example((t) => {
      setCell(t, "Kostnader", "2009", 4, null);
      setCell(t, "Kostnader", "Art", 0, "  EKSTERN ");
    }),
  );
  expect(r.model!.costs[4].amounts["2009"]).toBe(0);
  expect(r.model!.costs[0].kind).toBe("Ekstern");
  expect(r.refs!.costsArtNeedsTrim).toBe(true);
});

it("reads Befolkningsdato given as a date, an Excel serial number or text", () => {
  const at = (v: Date | number | string) => readModel(example((t) => setCell(t, "Parametere", "Verdi", 1, v))).model!.populationDate;
  expect(at(new Date(Date.UTC(2008, 0, 1)))).toBe("2008-01-01");
  expect(at(39448)).toBe("2008-01-01");
  expect(at(" 1.1.2008 ")).toBe("1.1.2008");
  // A number no date can be (beyond 31.12.9999, or below 1) stays as typed instead of failing the read.
  expect(at(1e12)).toBe("1000000000000");
  expect(at(-5)).toBe("-5");
});
