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

export const LEDGER_HEADERS = ["Dato", "Post", "Beløp", "Kommune", "Tekst"];
export const HOURS_HEADERS = ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"];
export const EXPLAIN_HEADERS = ["Post", "År", "Forklaring"];

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
