/**
 * The council's 2009 plan ("Samordnet næringsapparat i Kongsbergregionen") as input tables on
 * one sheet `Inndata`. The plan gives only the frame per cost item group, so the amounts per
 * cost item are illustrative (they add up to the plan's 1 250 000 kr a year); the `Merknad`
 * parameter says so, and the Budsjett sheet prints it.
 */
import { DIRECT_CONTRIBUTION_2009, REGION_2009 } from "../region2009";
import type { TableData } from "../workbook/types";
import { DATE_FORMAT } from "../workbook/tableFormat";
import { FOLLOWUP_EXAMPLE_NOTE, FOLLOWUP_EXAMPLE_SHEET, followUpExampleSpecs } from "./followup2009";
import { stackTables } from "./stack";

const EXAMPLE_SHEET = "Inndata";
const EXAMPLE_YEARS = ["2009", "2010", "2011"] as const;
const EXAMPLE_PROJECT = "Samordnet næringsapparat i Kongsbergregionen";
const EXAMPLE_NOTE =
  "Beløpene per kostnadspost er illustrative: planen (22.01.2009) gir bare rammen på 1 250 000 kr i eksterne kostnader og 1 250 000 kr i egeninnsats per år.";

/** Illustrative split of the external frame (1 250 000 kr a year). */
const EXTERNAL_COSTS: readonly [string, number][] = [
  ["Prosjektledelse", 650_000],
  ["Husleie, utstyr", 150_000],
  ["Konsulenttjenester", 200_000],
  ["Materiell og formidlingstjenester", 150_000],
  ["Møter og reiser", 100_000],
];

const AMOUNT = "#,##0";
/** The generated sheets' header fill (plans/formulas HEADER_FILL): one look in every sheet. */
const HEADER = "#DDEBF7";
const PERCENT = "0%";

/**
 * The tables share the sheet's columns, so one set of widths for all: A holds the longest cost
 * item, B the parameter values (wrapped: the project name and the note are long), then amounts.
 */
const WIDTHS = [44, 30, 13, 13, 13];

/** Options of the example: `followUp` adds the illustrative ledger, hours and explanations (./followup2009). */
export interface ExampleOptions {
  followUp?: boolean;
}

export function examplePlanTables(options: ExampleOptions = {}): TableData[] {
  const note = options.followUp ? `${EXAMPLE_NOTE} ${FOLLOWUP_EXAMPLE_NOTE}` : EXAMPLE_NOTE;
  const years = [...EXAMPLE_YEARS];
  const perYear = (v: number) => years.map(() => v);
  const widths = (n: number) => WIDTHS.slice(0, n);
  const amounts = [null, null, ...years.map(() => AMOUNT)];
  const page = {
    orientation: "portrait" as const,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    footer: { left: "&A", right: "Side &P av &N" },
  };
  const plan = stackTables(EXAMPLE_SHEET, [
    {
      title: "Kommuner (innbyggere 1.1.2008 og ressursandel)",
      name: "Kommuner",
      headerFill: HEADER,
      headers: ["Kommune", "Innbyggere", "Ressursandel"],
      rows: REGION_2009.map((m) => [m.name, m.population, m.resourceShare]),
      numberFormats: [null, AMOUNT, PERCENT],
      columnWidths: widths(3),
      page,
    },
    {
      title: "Kostnader per år (kr; beløpene per post er illustrative)",
      name: "Kostnader",
      headerFill: HEADER,
      headers: ["Kostnadspost", "Art", ...years],
      numberFormats: amounts,
      columnWidths: widths(2 + years.length),
      rows: [
        ...EXTERNAL_COSTS.map(([label, v]) => [label, "Ekstern", ...perYear(v)]),
        ["Egeninnsats fra kommunene og andre deltagere", "Egeninnsats", ...perYear(1_250_000)],
      ],
    },
    {
      title: "Finansiering per år (kr)",
      name: "Finansiering",
      headerFill: HEADER,
      headers: ["Kilde", "Art", ...years],
      numberFormats: amounts,
      columnWidths: widths(2 + years.length),
      rows: [
        ["Eksterne tilskudd (søkt)", "Tilskudd", ...perYear(750_000)],
        ["Kommunene (direkte)", "Kommunene", ...perYear(DIRECT_CONTRIBUTION_2009)],
        ["Egeninnsats", "Egeninnsats", ...perYear(1_250_000)],
      ],
    },
    {
      title: "Parametere",
      name: "Parametere",
      headerFill: HEADER,
      headers: ["Parameter", "Verdi"],
      rows: [
        ["Andel likt fordelt", 0.5],
        ["Befolkningsdato", new Date(Date.UTC(2008, 0, 1))],
        ["Prosjektnavn", EXAMPLE_PROJECT],
        ["Merknad", note],
      ],
      // Verdi mixes a share, a date and texts: a format per cell.
      cellFormats: [[null, PERCENT], [null, DATE_FORMAT], [null, null], [null, null]],
      columnWidths: widths(2),
      wrapColumns: [false, true],
    },
  ]);
  if (!options.followUp) return plan;
  return [...plan, ...stackTables(FOLLOWUP_EXAMPLE_SHEET, followUpExampleSpecs())];
}
