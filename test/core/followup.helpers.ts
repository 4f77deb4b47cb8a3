/** Helpers for the follow-up tests: the 2009 example with a Regnskap, Timer and Forklaringer table. */
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { example, table } from "./engine.helpers";

export const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

export type Row = CellValue[];

export interface FollowUpTables {
  /** Rows of Regnskap: Dato, Post, Beløp, Kommune, Tekst. */
  ledger?: Row[];
  /** Rows of Timer: Dato, Kommune, Timer, Timesats, Person, Post, Tekst. */
  hours?: Row[];
  /** Rows of Forklaringer: Post, År, Forklaring. */
  explanations?: Row[];
  /** Extra Parametere rows: [name, value]. */
  params?: Row[];
}

const LEDGER_HEADERS = ["Dato", "Post", "Beløp", "Kommune", "Tekst"];
const HOURS_HEADERS = ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"];
const EXPLAIN_HEADERS = ["Post", "År", "Forklaring"];

/** Pads rows to the header length (tests may leave trailing optional cells out). */
const pad = (rows: Row[], n: number): Row[] => rows.map((r) => [...r, ...Array<CellValue>(Math.max(0, n - r.length)).fill(null)]);

/** The example plus the given follow-up tables, on a sheet `Oppfølging inndata` (top at row 0, 20, 40…). */
export function followUpTables(t: FollowUpTables, edit?: (tables: TableData[]) => void): TableData[] {
  return example((tables) => {
    const sheet = "Regnskap";
    if (t.ledger) tables.push({ name: "Regnskap", sheet, top: 0, left: 0, headers: [...LEDGER_HEADERS], rows: pad(t.ledger, LEDGER_HEADERS.length) });
    if (t.hours) tables.push({ name: "Timer", sheet, top: 0, left: 6, headers: [...HOURS_HEADERS], rows: pad(t.hours, HOURS_HEADERS.length) });
    if (t.explanations) tables.push({ name: "Forklaringer", sheet, top: 0, left: 14, headers: [...EXPLAIN_HEADERS], rows: pad(t.explanations, EXPLAIN_HEADERS.length) });
    if (t.params) table(tables, "Parametere").rows.push(...t.params.map((r) => [...r]));
    edit?.(tables);
  });
}

export const PL = "Prosjektledelse";
export const HUS = "Husleie, utstyr";
export const MOTER = "Møter og reiser";
export const EGEN_POST = "Egeninnsats fra kommunene og andre deltagere";
export const GRANTS = "Eksterne tilskudd (søkt)";
export const DIRECT = "Kommunene (direkte)";
export const EGEN_SOURCE = "Egeninnsats";

/**
 * Workbooks that together trigger every follow-up check (the catalogue tests hold every
 * CHECKS entry to being reachable).
 */
export function followUpCatalogueInputs(): TableData[][] {
  const d = day("2009-03-01");
  const twoInKindPosts = (t: TableData[]) => table(t, "Kostnader").rows.push(["Egeninnsats, annen", "Egeninnsats", 0, 0, 0]);
  return [
    followUpTables({ ledger: [[d, PL, 1]] }, (t) => {
      t.push({ name: "REGNSKAP", sheet: "X", top: 0, left: 0, headers: ["Dato"], rows: [] });
      t.push({ name: "Forklaringer", sheet: "Y", top: 0, left: 0, headers: ["Post", "År"], rows: [] });
    }),
    followUpTables({ ledger: [[d, PL, 1]], params: [["Avviksgrense %", 10]] }),
    followUpTables({ ledger: [[d, PL, null]] }, (t) => (table(t, "Regnskap").cellIssues = [{ row: 0, col: 2, kind: "uncalculated", text: "=A1" }])),
    followUpTables(
      {
        ledger: [
          [null, PL, 1],
          [day("2013-01-01"), PL, 1],
          [d, "Kaffe", 1],
          [d, "Dobbel", 1],
          [d, PL, "mye"],
          [d, EGEN_POST, 1],
          [d, DIRECT, 1, "Oslo"],
          [d, GRANTS, 1_000_000],
          [d, DIRECT, 43_747, "Hjartdal"],
          [d, PL, 1, "Oslo"],
        ],
        hours: [
          ["i går", "Tinn", 1, 100, null, EGEN_POST],
          [day("2013-01-01"), "Tinn", 1, 100, null, EGEN_POST],
          [d, null, 1, 100, null, EGEN_POST],
          [d, "Tinn", "en", 100, null, EGEN_POST],
          [d, "Tinn", 1, -5, null, EGEN_POST],
          [d, "Tinn", 1, 100, null, PL],
          [d, "Tinn", 1, 100],
          [d, "Nabo AS", 1, 100, null, EGEN_POST],
          [d, "Tinn", 1900, 800, "Ola", EGEN_POST],
        ],
        explanations: [
          ["Kaffe", 2009, "x"],
          [PL, 1999, "x"],
          [PL, 2009, null],
        ],
        params: [["Rapportdato", day("2011-01-01")]],
      },
      (t) => {
        twoInKindPosts(t);
        table(t, "Kostnader").rows.push(["Dobbel", "Ekstern", 0, 0, 0]);
        table(t, "Finansiering").rows.push(["Dobbel", "Annet", 0, 0, 0]);
      },
    ),
  ];
}

/** A ledger and hours with rows the engine leaves out (the sheet plan tests). */
/** The tables PLAN_CASE needs besides its rows: "Dobbel" both a cost post and a source. */
function PLAN_EDIT(t: TableData[]): void {
  table(t, "Kostnader").rows.push(["Dobbel", "Ekstern", 0, 0, 0]);
  table(t, "Finansiering").rows.push(["Dobbel", "Annet", 0, 0, 0]);
}

/** followUpTables with PLAN_EDIT first (for PLAN_CASE and its variants). */
export function planTables(t: FollowUpTables, edit?: (tables: TableData[]) => void): TableData[] {
  return followUpTables(t, (tables) => {
    PLAN_EDIT(tables);
    edit?.(tables);
  });
}

export const PLAN_CASE: FollowUpTables = {
  ledger: [
    [day("2009-03-01"), PL, 300_000.1],
    [day("2009-06-30"), PL, 400_000.25],
    [day("2009-02-01"), GRANTS, 750_000],
    [day("2009-05-01"), DIRECT, 43_747, "Hjartdal"],
    [day("2009-05-01"), DIRECT, 60_000, " tinn "],
    [day("2010-01-15"), HUS, 12_500.5],
    // Rows the engine leaves out and the formulas must not count either.
    ["2010-01-16", HUS, 1_000],
    [day("2010-01-16"), HUS, "tusen"],
    [day("2013-01-16"), HUS, 1_000],
    [null, HUS, 1_000],
    // A payment naming someone not in Kommuner; a Post that is both a cost post and a source
    // (PLAN_EDIT adds "Dobbel" to both tables).
    [day("2009-05-02"), DIRECT, 5_000, "Oslo"],
    [day("2009-05-03"), "Dobbel", 7_000],
  ],
  hours: [
    [day("2009-04-01"), "Kongsberg", 7.5, 650, "Kari"],
    [day("2009-04-02"), "Kongsberg", 1.25, 456.78, "Kari"],
    [day("2010-01-10"), "Nabo AS", 10, 500],
    [day("2009-12-01"), "Tinn", 2000, 800, "Ola"],
    [day("2009-12-02"), null, 10, 800],
    [day("2009-12-02"), "Tinn", "ti", 800],
    [day("2009-12-02"), "Tinn", 10, -800],
    [day("2009-12-03"), "Tinn", 10, "åtte"],
    [day("2009-12-03"), "Tinn", 10, null],
    [day("2009-12-03"), "Tinn", 10, 1e12],
    [day("2009-12-03"), "Tinn", 10, 800, null, PL],
  ],
  explanations: [[PL, 2009, "Ekstra prosjektledelse i oppstarten"], [HUS, 2010, " "]],
};
