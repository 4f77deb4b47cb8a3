/**
 * Follow-up tables (Regnskap, Timer, Forklaringer; docs/followup.md) for a budget's tables, at
 * any size, seeded into the Excel double as a user's tables would be: dates as serials with a
 * date format (as Excel stores them), so the adapter's read turns them into dates. Shared by
 * test/excel/followupRead.test.ts and bench/excel.bench.ts (issue 15's scale: 100 000 ledger
 * rows and 20 000 hour rows at 357 municipalities × 10 years).
 */
import { readModel } from "../../src/core/model/read";
import { dateToSerial } from "../../src/core/workbook/dates";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { prng } from "../fixtures/regions";
import type { FakeExcel, FCell } from "./fakeExcel";

const LEDGER_HEADERS = ["Dato", "Post", "Beløp", "Kommune", "Tekst"];
const HOURS_HEADERS = ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"];
const EXPLAIN_HEADERS = ["Post", "År", "Forklaring"];

interface FollowUpRows {
  ledger: CellValue[][];
  hours: CellValue[][];
  explanations: CellValue[][];
}

/**
 * `ledger` Regnskap rows (every tenth a municipality's payment to the Kommunene source, the rest
 * on external cost posts) and `hours` Timer rows spread over the budget's years, municipalities
 * and in-kind posts, with one explanation per external post for the first year. Deterministic.
 */
export function followUpRows(budget: readonly TableData[], ledger: number, hours: number, seed = 15): FollowUpRows {
  const read = readModel(budget);
  if (!read.model) throw new Error("the budget tables do not model");
  const model = read.model;
  const rnd = prng(seed);
  const years = model.years;
  const ext = model.costs.filter((c) => c.kind === "Ekstern").map((c) => c.label);
  const inKind = model.costs.filter((c) => c.kind === "Egeninnsats").map((c) => c.label);
  const direct = model.financing.find((f) => f.kind === "Kommunene")?.label;
  const munis = model.municipalities.map((m) => m.name);
  const day = (y: string): Date => new Date(Date.UTC(Number(y), Math.floor(rnd() * 12), 1 + Math.floor(rnd() * 28)));
  const out: FollowUpRows = { ledger: [], hours: [], explanations: [] };
  for (let i = 0; i < ledger; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    const kr = (Math.floor(rnd() * 5_000_000) - 100_000) / 100;
    if (direct && i % 10 === 0) out.ledger.push([day(y), direct, Math.abs(kr), munis[i % munis.length], null]);
    else out.ledger.push([day(y), ext[i % ext.length], kr, null, `Bilag ${i}`]);
  }
  for (let i = 0; i < hours; i++) {
    const y = years[Math.floor(rnd() * years.length)];
    out.hours.push([day(y), munis[i % munis.length], Math.floor(rnd() * 40) / 4, 450 + Math.floor(rnd() * 250), `Person ${i % 900}`, inKind[i % inKind.length] ?? null, null]);
  }
  for (const post of ext) out.explanations.push([post, Number(years[0]), `Forklaring for ${post}`]);
  return out;
}

/** Excel's form of a date cell: a serial with a date format. */
const DATE_FORMAT = "yyyy-mm-dd";
function asExcel(rows: CellValue[][]): { values: CellValue[][]; formats: (string | undefined)[][] } {
  const formats: (string | undefined)[][] = [];
  const values = rows.map((r) => {
    const f: (string | undefined)[] = [];
    const v = r.map((c, j) => {
      if (c instanceof Date) {
        f[j] = DATE_FORMAT;
        return dateToSerial(c);
      }
      return c;
    });
    formats.push(f);
    return v;
  });
  return { values, formats };
}

/** Seeds the three tables on a sheet `Oppfølging inndata` of the double (each table its own columns). */
export function seedFollowUp(fake: FakeExcel, rows: FollowUpRows): void {
  const sheet = "Oppfølging inndata";
  const l = asExcel(rows.ledger);
  fake.model.seedTable(sheet, "Regnskap", 0, 0, LEDGER_HEADERS, l.values as FCell["value"][][], l.formats);
  const t = asExcel(rows.hours);
  fake.model.seedTable(sheet, "Timer", 0, 6, HOURS_HEADERS, t.values as FCell["value"][][], t.formats);
  fake.model.seedTable(sheet, "Forklaringer", 0, 14, EXPLAIN_HEADERS, rows.explanations as FCell["value"][][]);
}
