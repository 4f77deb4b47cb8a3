/**
 * An illustrative follow-up of the 2009 plan: a ledger (`Regnskap`), in-kind hours (`Timer`) and
 * explanations (`Forklaringer`) for 2009–2011, on a sheet of their own. Invented figures, said so
 * in the sheet's titles and the `Merknad` parameter: they show the Oppfølging sheet at work (a
 * deviation explained, one not, a municipality that paid short), not what was spent.
 *
 * The report date is left to its default (the latest date of the rows, 31.12.2011): the final
 * accounts the grant givers ask for.
 */
import { PLAN_TOTALS_2009, REGION_2009 } from "../region2009";
import type { CellValue } from "../workbook/types";
import { DATE_FORMAT } from "../workbook/tableFormat";
import type { TableSpec } from "./stack";

export const FOLLOWUP_EXAMPLE_SHEET = "Oppfølging inndata";
export const FOLLOWUP_EXAMPLE_NOTE = "Regnskapet, timene og forklaringene i arket «Oppfølging inndata» er oppdiktede eksempler.";

const IN_KIND_POST = "Egeninnsats fra kommunene og andre deltagere";
const YEARS = [2009, 2010, 2011] as const;
const RATE = 650;
const MONEY = "#,##0.00";
const HEADER = "#DDEBF7";

const d = (y: number, m: number, day: number): Date => new Date(Date.UTC(y, m - 1, day));

/** Ledger rows: Dato, Post, Beløp, Kommune, Tekst. */
function ledger(): CellValue[][] {
  const rows: CellValue[][] = [];
  const add = (date: Date, post: string, amount: number, text: string, who: string | null = null) => rows.push([date, post, amount, who, text]);
  const monthly = { 2009: 54_200, 2010: 55_000, 2011: 56_250 } as Record<number, number>;
  for (const y of YEARS) {
    for (let m = 1; m <= 12; m++) add(d(y, m, 20), "Prosjektledelse", monthly[y], `Lønn prosjektleder ${m}/${y}`);
    for (let q = 0; q < 4; q++) add(d(y, q * 3 + 1, 5), "Husleie, utstyr", 37_500, `Husleie ${q + 1}. kvartal`);
  }
  add(d(2011, 9, 14), "Husleie, utstyr", 18_450.5, "Projektor og to PC-er");
  add(d(2009, 4, 30), "Konsulenttjenester", 95_000, "Forstudie næringsarealer, del 1");
  add(d(2009, 10, 15), "Konsulenttjenester", 167_500, "Forstudie næringsarealer, del 2");
  add(d(2010, 3, 31), "Konsulenttjenester", 120_000, "Kompetansekartlegging");
  add(d(2010, 11, 30), "Konsulenttjenester", 80_000, "Nettsted");
  add(d(2011, 6, 30), "Konsulenttjenester", 150_000, "Etablererveiledning");
  const materials: Record<number, number[]> = { 2009: [48_000, 52_300, 38_100], 2010: [50_000, 50_000, 50_000], 2011: [61_250.75, 45_000, 40_000] };
  for (const y of YEARS) materials[y].forEach((v, i) => add(d(y, 3 + i * 4, 10), "Materiell og formidlingstjenester", v, `Trykksaker og annonser ${i + 1}`));
  const meetings: Record<number, number[]> = { 2009: [31_000, 30_000], 2010: [24_500, 24_500, 24_500, 24_500], 2011: [26_000, 26_000, 26_000, 26_000] };
  for (const y of YEARS) meetings[y].forEach((v, i) => add(d(y, 2 + i * 3, 25), "Møter og reiser", v, `Regionrådsmøte ${i + 1}`));
  for (const y of YEARS) {
    add(d(y, 6, 15), "Eksterne tilskudd (søkt)", 375_000, "Tilskudd, første utbetaling");
    add(d(y, 12, 31), "Eksterne tilskudd (søkt)", y === 2011 ? 300_000 : 375_000, "Tilskudd, sluttutbetaling");
    REGION_2009.forEach((m, i) => {
      // Rollag paid 40 000 of its 2010 contribution: the sheet and `kbr check` show it as owed.
      const paid = m.name === "Rollag" && y === 2010 ? 40_000 : PLAN_TOTALS_2009[i];
      add(d(y, 3, 1 + i), "Kommunene (direkte)", paid, `Bidrag ${y}`, m.name);
    });
  }
  return rows;
}

/** Timer rows: Dato, Kommune, Timer, Timesats, Person, Post, Tekst (two half-years a person). */
function hours(): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const y of YEARS) {
    REGION_2009.forEach((m) => {
      // Hours that give about the municipality's share of 1 250 000 kr; Rollag fell short in 2010.
      const planned = m.resourceShare * 1_250_000;
      const share = m.name === "Rollag" && y === 2010 ? 0.7 : 1;
      const total = Math.round((planned * share) / RATE / 0.5) * 0.5;
      const first = Math.round(total / 2 / 0.25) * 0.25;
      const person = `Kontaktperson ${m.name}`;
      rows.push([d(y, 6, 30), m.name, first, RATE, person, IN_KIND_POST, "Arbeid 1. halvår"]);
      rows.push([d(y, 12, 15), m.name, total - first, RATE, person, IN_KIND_POST, "Arbeid 2. halvår"]);
    });
  }
  return rows;
}

/** The follow-up tables of the example, stacked on their own sheet. */
export function followUpExampleSpecs(): TableSpec[] {
  const explanations: CellValue[][] = [
    ["Konsulenttjenester", 2009, "Forstudien av næringsarealer ble utvidet etter vedtak i regionrådet 12.05.2009."],
    ["Husleie, utstyr", 2011, "Nytt møteromsutstyr (projektor og PC-er) ble kjøpt i september."],
    ["Konsulenttjenester", 2011, "Kartleggingen av næringsarealer i Numedal ble utsatt til 2012."],
  ];
  return [
    {
      title: "Regnskap (oppdiktet eksempel, kr)",
      name: "Regnskap",
      headerFill: HEADER,
      headers: ["Dato", "Post", "Beløp", "Kommune", "Tekst"],
      rows: ledger(),
      numberFormats: [DATE_FORMAT, null, MONEY, null, null],
      columnWidths: [12, 44, 14, 16, 36],
    },
    {
      title: "Timer (oppdiktet eksempel, egeninnsats)",
      name: "Timer",
      headerFill: HEADER,
      headers: ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post", "Tekst"],
      rows: hours(),
      numberFormats: [DATE_FORMAT, null, "#,##0.00", "#,##0", null, null, null],
    },
    {
      title: "Forklaringer (oppdiktet eksempel)",
      name: "Forklaringer",
      headerFill: HEADER,
      headers: ["Post", "År", "Forklaring"],
      rows: explanations,
      numberFormats: [null, "0", null],
      wrapColumns: [false, false, true],
    },
  ];
}
