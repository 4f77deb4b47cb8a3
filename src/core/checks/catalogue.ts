/**
 * The check catalogue: ONE list of every finding the engine can report, with a stable id,
 * severity and a message in each locale. engine.build/check, the CLI and the task pane all
 * report through it, so an id means the same thing everywhere.
 */
import { quoteSheet } from "../a1";
import { formatNumber, type Locale } from "../i18n";
import type { CellValue, Where } from "../workbook/types";

export type Severity = "error" | "warning";

/** Parameters a message template may use; which ones a check sets is documented on the check. */
export interface CheckParams {
  /** The offending cell's value. */
  value?: CellValue;
  /** A name: table, column, municipality, parameter or sheet. */
  name?: string;
  year?: string;
  /** Two amounts compared (e.g. costs and financing). */
  a?: number;
  b?: number;
  /** A list of names or years, already joined. */
  list?: string;
  /** A count (e.g. more cells of the same kind). */
  count?: number;
  /** First table row where a duplicate was seen (1-based). */
  firstRow?: number;
  /** What a generated cell should show. */
  expected?: CellValue;
}

type Template = (p: CheckParams, locale: Locale) => string;

export interface CheckDef {
  id: string;
  severity: Severity;
  /**
   * true: the inputs cannot be turned into a model, so nothing is planned. Consistency errors
   * (e.g. costs ≠ financing) are not blocking: the sheets are built and show the difference.
   */
  blocking: boolean;
  /** One line on what the check is about (task pane list, docs). */
  title: Record<Locale, string>;
  message: Record<Locale, Template>;
}

/** Invisible format characters (zero-width space, soft hyphen, BOM, …): Unicode category Cf. */
export const INVISIBLE = /\p{Cf}/gu;

/** The text with each invisible character shown as ⟨U+200B⟩, so a message can point at it. */
export function revealInvisible(s: string): string {
  return s.replace(INVISIBLE, (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

const INVISIBLE_NAMES: Record<string, Record<Locale, string>> = {
  "200B": { "nb-NO": "nullbredde mellomrom", "en-US": "zero-width space" },
  "200C": { "nb-NO": "nullbredde ikke-binder", "en-US": "zero-width non-joiner" },
  "200D": { "nb-NO": "nullbredde binder", "en-US": "zero-width joiner" },
  "200E": { "nb-NO": "venstre-til-høyre-merke", "en-US": "left-to-right mark" },
  "200F": { "nb-NO": "høyre-til-venstre-merke", "en-US": "right-to-left mark" },
  "2060": { "nb-NO": "ordbinder", "en-US": "word joiner" },
  FEFF: { "nb-NO": "byte-rekkefølgemerke", "en-US": "byte order mark" },
  "00AD": { "nb-NO": "myk bindestrek", "en-US": "soft hyphen" },
};

/** The distinct invisible characters of `s`, named: `U+200B (nullbredde mellomrom)`. */
export function invisibleList(s: string, locale: Locale): string {
  const codes = [...new Set(s.match(INVISIBLE) ?? [])].map((ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"));
  const other = locale === "nb-NO" ? "usynlig formateringstegn" : "invisible format character";
  return codes.map((c) => `U+${c} (${INVISIBLE_NAMES[c]?.[locale] ?? other})`).join(", ");
}

/**
 * A number as the locale writes it; from 10^15 on (past a spreadsheet's 15 digits) in Excel's
 * scientific form, `1,5E+308`, instead of three hundred digits.
 */
export function showNumber(x: number, locale: Locale, maxDecimals = 2): string {
  if (!Number.isFinite(x) || Math.abs(x) < 1e15) return formatNumber(x, locale, maxDecimals);
  const [mantissa, exp] = x.toExponential().split("e");
  const m = formatNumber(Number(Number(mantissa).toPrecision(6)), locale, 5);
  return `${m}E${exp.startsWith("-") ? exp : "+" + exp.replace("+", "")}`;
}

/** A cell value as users see it in a message (invisible characters shown, see revealInvisible). */
export function showValue(v: CellValue | undefined, locale: Locale): string {
  const nb = locale === "nb-NO";
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return nb ? "(tom)" : "(blank)";
  if (typeof v === "number") return showNumber(v, locale, 6);
  if (typeof v === "boolean") return nb ? (v ? "SANN" : "USANN") : v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  const shown = revealInvisible(v);
  return nb ? `«${shown}»` : `"${shown}"`;
}

const n = (x: number | undefined, l: Locale) => showNumber(x ?? 0, l);
const pct = (x: number | undefined, l: Locale) => `${formatNumber((x ?? 0) * 100, l, 1)} %`;

/** The catalogue. Order is the order the task pane lists checks in. */
export const CHECKS: readonly CheckDef[] = [
  // --- structure of the input tables (blocking) ---
  {
    id: "KBR-E-TABLE-MISSING",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Inndatatabellene finnes", "en-US": "Input tables present" },
    message: {
      "nb-NO": (p) => `Tabellen «${p.name}» finnes ikke i arbeidsboken. Lag en Excel-tabell med navnet ${p.name} og kolonnene ${p.list}.`,
      "en-US": (p) => `The table "${p.name}" is not in the workbook. Create an Excel table named ${p.name} with the columns ${p.list}.`,
    },
  },
  {
    id: "KBR-E-TABLE-DUPLICATE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hver inndatatabell finnes bare én gang", "en-US": "Each input table only once" },
    message: {
      "nb-NO": (p) => `Det finnes mer enn én tabell som heter «${p.name}» (store/små bokstaver og mellomrom teller ikke). Behold én.`,
      "en-US": (p) => `More than one table is named "${p.name}" (ignoring case and spaces). Keep one.`,
    },
  },
  {
    id: "KBR-E-COLUMN-MISSING",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Kolonnene finnes", "en-US": "Columns present" },
    message: {
      "nb-NO": (p) => `Kolonnen «${p.name}» mangler. Tabellen har kolonnene ${p.list}.`,
      "en-US": (p) => `The column "${p.name}" is missing. The table has the columns ${p.list}.`,
    },
  },
  {
    id: "KBR-E-TABLE-EMPTY",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Kommunetabellen har rader", "en-US": "The municipality table has rows" },
    message: {
      "nb-NO": (p) => `Tabellen «${p.name}» har ingen rader.`,
      "en-US": (p) => `The table "${p.name}" has no rows.`,
    },
  },
  {
    id: "KBR-E-YEARS-NONE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Årskolonner finnes", "en-US": "Year columns present" },
    message: {
      "nb-NO": (p) => `Tabellen «${p.name}» har ingen årskolonner (overskrifter som 2009, 2010).`,
      "en-US": (p) => `The table "${p.name}" has no year columns (headers such as 2009, 2010).`,
    },
  },
  {
    id: "KBR-E-YEAR-DUPLICATE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hvert år har én kolonne", "en-US": "One column per year" },
    message: {
      "nb-NO": (p) => `Året ${p.year} har mer enn én kolonne.`,
      "en-US": (p) => `The year ${p.year} has more than one column.`,
    },
  },
  {
    id: "KBR-E-YEARS-MISMATCH",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Samme år i Kostnader og Finansiering", "en-US": "Same years in Kostnader and Finansiering" },
    message: {
      "nb-NO": (p) => `Kostnader og Finansiering må ha de samme årene. ${p.list}`,
      "en-US": (p) => `Kostnader and Finansiering must have the same years. ${p.list}`,
    },
  },
  // Populations per budget year (`Innbyggere <year>` in Kommuner).
  {
    id: "KBR-E-POP-COLUMN-DUPLICATE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hvert år har høyst én innbyggerkolonne", "en-US": "At most one population column per year" },
    message: {
      "nb-NO": (p) => `Kolonnen «${p.name}» finnes mer enn én gang i Kommuner (store/små bokstaver og mellomrom teller ikke). Behold én kolonne med innbyggertall for ${p.year}.`,
      "en-US": (p) => `The column "${p.name}" is in Kommuner more than once (ignoring case and spaces). Keep one population column for ${p.year}.`,
    },
  },
  {
    id: "KBR-E-POP-YEAR-MISSING",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hvert budsjettår har innbyggertall", "en-US": "Every budget year has populations" },
    message: {
      "nb-NO": (p) =>
        `Kommuner har verken kolonnen «Innbyggere» eller en egen kolonne «Innbyggere <år>» for ${p.list}, så disse årene kan ikke fordeles etter innbyggertall. Legg til kolonnen «Innbyggere» (gjelder alle år uten egen kolonne) eller «Innbyggere ${p.list?.split(", ")[0]}».`,
      "en-US": (p) =>
        `Kommuner has neither the column "Innbyggere" nor a column "Innbyggere <year>" of its own for ${p.list}, so these years cannot be split by population. Add the column "Innbyggere" (used by every year without its own column) or "Innbyggere ${p.list?.split(", ")[0]}".`,
    },
  },
  {
    id: "KBR-W-POP-YEAR-UNUSED",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Innbyggerkolonner gjelder budsjettår", "en-US": "Population columns are for budget years" },
    message: {
      "nb-NO": (p) => `Kolonnen «${p.name}» gjelder ${p.year}, som ikke er et år i budsjettet (${p.list}). Den brukes ikke. Rett årstallet eller fjern kolonnen.`,
      "en-US": (p) => `The column "${p.name}" is for ${p.year}, which is not a budget year (${p.list}). It is not used. Correct the year or remove the column.`,
    },
  },
  // --- cells the engine must not guess at (blocking; reported instead of the cell's usual check) ---
  {
    id: "KBR-E-CELL-NOT-NUMBER",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Tallceller inneholder tall", "en-US": "Number cells hold numbers" },
    message: {
      "nb-NO": (p, l) => `Cellen er lagret som et tall, men innholdet ${showValue(p.value, l)} er ikke et tall. Skriv verdien inn på nytt i Excel.`,
      "en-US": (p, l) => `The cell is stored as a number, but its content ${showValue(p.value, l)} is not a number. Type the value again in Excel.`,
    },
  },
  {
    id: "KBR-E-CELL-UNCALCULATED",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Formlene er beregnet", "en-US": "Formulas calculated" },
    message: {
      "nb-NO": (p, l) =>
        `Formelen ${showValue(p.value, l)} er ikke beregnet: filen har ingen verdi for den. Åpne arbeidsboken i Excel og lagre den (eller beregn på nytt med F9 og lagre), og prøv igjen.`,
      "en-US": (p, l) =>
        `The formula ${showValue(p.value, l)} has not been calculated: the file holds no value for it. Open the workbook in Excel and save it (or recalculate with F9 and save), then try again.`,
    },
  },
  {
    id: "KBR-E-TEXT-INVISIBLE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Ingen usynlige tegn i nøkkelord", "en-US": "No invisible characters in key words" },
    message: {
      "nb-NO": (p, l) =>
        `${showValue(p.value, l)} ser ut som «${p.name}», men har usynlige tegn: ${invisibleList(String(p.value), l)}. Excel og tillegget leser det derfor ikke som «${p.name}». Skriv teksten inn på nytt.`,
      "en-US": (p, l) =>
        `${showValue(p.value, l)} looks like "${p.name}" but has invisible characters: ${invisibleList(String(p.value), l)}. Excel and the add-in therefore do not read it as "${p.name}". Type the text again.`,
    },
  },
  // --- Kommuner (blocking) ---
  {
    id: "KBR-E-NAME-BLANK",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hver kommune har et navn", "en-US": "Every municipality has a name" },
    message: {
      "nb-NO": () => `Kommunenavnet er tomt.`,
      "en-US": () => `The municipality name is blank.`,
    },
  },
  {
    id: "KBR-E-NAME-DUPLICATE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Ingen kommune to ganger", "en-US": "No duplicate municipalities" },
    message: {
      "nb-NO": (p) => `«${p.name}» står også i rad ${p.firstRow}. Hver kommune skal stå én gang.`,
      "en-US": (p) => `"${p.name}" is also in row ${p.firstRow}. Each municipality must appear once.`,
    },
  },
  {
    id: "KBR-E-NAME-INVISIBLE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Ingen usynlige tegn i kommunenavn", "en-US": "No invisible characters in municipality names" },
    message: {
      "nb-NO": (p, l) =>
        `Kommunenavnet ${showValue(p.value, l)} har usynlige tegn: ${invisibleList(String(p.value), l)}. ` +
        (p.firstRow ? `Det ser likt ut som navnet i rad ${p.firstRow}, men er et annet navn for Excel. ` : `Det ser ut som «${p.name}», men er et annet navn for Excel. `) +
        `Skriv navnet inn på nytt.`,
      "en-US": (p, l) =>
        `The municipality name ${showValue(p.value, l)} has invisible characters: ${invisibleList(String(p.value), l)}. ` +
        (p.firstRow ? `It looks the same as the name in row ${p.firstRow} but is another name to Excel. ` : `It looks like "${p.name}" but is another name to Excel. `) +
        `Type the name again.`,
    },
  },
  {
    id: "KBR-E-POP-BLANK",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Innbyggertall er fylt ut", "en-US": "Populations filled in" },
    message: {
      "nb-NO": () => `Innbyggertallet er tomt. Skriv et helt tall (0 eller mer).`,
      "en-US": () => `The population is blank. Enter a whole number (0 or more).`,
    },
  },
  {
    id: "KBR-E-POP-NOT-NUMBER",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Innbyggertall er tall", "en-US": "Populations are numbers" },
    message: {
      "nb-NO": (p, l) => `Innbyggertallet må være et tall, men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `The population must be a number, but is ${showValue(p.value, l)}.`,
    },
  },
  {
    id: "KBR-E-POP-NEGATIVE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Innbyggertall er 0 eller mer", "en-US": "Populations are 0 or more" },
    message: {
      "nb-NO": (p, l) => `Innbyggertallet kan ikke være negativt (${showValue(p.value, l)}).`,
      "en-US": (p, l) => `The population cannot be negative (${showValue(p.value, l)}).`,
    },
  },
  {
    id: "KBR-E-POP-NOT-WHOLE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Innbyggertall er hele tall", "en-US": "Populations are whole numbers" },
    message: {
      "nb-NO": (p, l) => `Innbyggertallet må være et helt tall, men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `The population must be a whole number, but is ${showValue(p.value, l)}.`,
    },
  },
  {
    id: "KBR-E-POP-SUM-ZERO",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Samlet innbyggertall er over 0", "en-US": "Total population above 0" },
    message: {
      "nb-NO": (p, l) => `Alle innbyggertall er 0, så ${pct(p.a, l)} kan ikke fordeles etter innbyggertall (#DIV/0!).`,
      "en-US": (p, l) => `All populations are 0, so ${pct(p.a, l)} cannot be split by population (#DIV/0!).`,
    },
  },
  {
    id: "KBR-E-POP-SUM-INFINITE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Innbyggertallene er ikke for store til å regne med", "en-US": "Populations small enough to compute with" },
    message: {
      "nb-NO": (p, l) =>
        `Innbyggertallene blir for store til å regne med fra denne raden (${showValue(p.value, l)}): summen av dem ganget med det største beløpet som fordeles etter innbyggertall (${n(p.a, l)} kr) går over det største tallet et regneark kan holde (omtrent 1,8E+308). Kontroller innbyggertallene og beløpene med Art Kommunene.`,
      "en-US": (p, l) =>
        `The populations become too large to compute with from this row on (${showValue(p.value, l)}): their sum times the largest amount split by population (NOK ${n(p.a, l)}) passes the largest number a spreadsheet can hold (about 1.8E+308). Check the populations and the amounts with Art Kommunene.`,
    },
  },
  {
    id: "KBR-E-SHARE-INVALID",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Ressursandel mellom 0 % og 100 %", "en-US": "Ressursandel between 0 % and 100 %" },
    message: {
      "nb-NO": (p, l) => `Ressursandelen må være et tall mellom 0 % og 100 % (0 til 1), men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `The resource share must be a number between 0 % and 100 % (0 to 1), but is ${showValue(p.value, l)}.`,
    },
  },
  {
    id: "KBR-E-SHARE-SUM",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Ressursandelene summerer til 100 %", "en-US": "Resource shares add up to 100 %" },
    message: {
      "nb-NO": (p, l) => `Ressursandelene summerer til ${pct(p.a, l)}, ikke 100 %.`,
      "en-US": (p, l) => `The resource shares add up to ${pct(p.a, l)}, not 100 %.`,
    },
  },
  // --- Kostnader / Finansiering rows (blocking, except blanks) ---
  {
    id: "KBR-E-AMOUNT-NOT-NUMBER",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Beløp er tall", "en-US": "Amounts are numbers" },
    message: {
      "nb-NO": (p, l) => `Beløpet må være et tall, men er ${showValue(p.value, l)}. Tekst telles ikke med i summene.`,
      "en-US": (p, l) => `The amount must be a number, but is ${showValue(p.value, l)}. Text is left out of sums.`,
    },
  },
  {
    id: "KBR-W-AMOUNT-BLANK",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Tomme beløp", "en-US": "Blank amounts" },
    message: {
      "nb-NO": () => `Beløpet er tomt og regnes som 0. Skriv 0 hvis det er meningen.`,
      "en-US": () => `The amount is blank and counts as 0. Enter 0 if that is intended.`,
    },
  },
  {
    id: "KBR-E-ART-UNKNOWN",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Kjente verdier i Art", "en-US": "Known values in Art" },
    message: {
      "nb-NO": (p, l) => `Art må være ${p.list}, men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) => `Art must be ${p.list}, but is ${showValue(p.value, l)}.`,
    },
  },
  {
    id: "KBR-W-LABEL-INVISIBLE",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Ingen usynlige tegn i tekstene", "en-US": "No invisible characters in labels" },
    message: {
      "nb-NO": (p, l) =>
        `Teksten ${showValue(p.value, l)} har usynlige tegn (${invisibleList(String(p.value), l)}) og ser ut som teksten i rad ${p.firstRow}, men er en annen tekst for Excel. Skriv den inn på nytt.`,
      "en-US": (p, l) =>
        `The label ${showValue(p.value, l)} has invisible characters (${invisibleList(String(p.value), l)}) and looks like the label in row ${p.firstRow}, but is another text to Excel. Type it again.`,
    },
  },
  {
    id: "KBR-W-LABEL-BLANK",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Hver rad har en tekst", "en-US": "Every row has a label" },
    message: {
      "nb-NO": () => `Raden har beløp, men ingen tekst.`,
      "en-US": () => `The row has amounts but no label.`,
    },
  },
  // --- Parametere ---
  {
    id: "KBR-E-PARAM-EQUAL-SHARE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Andel likt fordelt mellom 0 og 1", "en-US": "Equal share between 0 and 1" },
    message: {
      "nb-NO": (p, l) =>
        p.value === undefined
          ? `Parameteren «Andel likt fordelt» mangler. Legg til raden med verdi 0,5 (50 % likt).`
          : `«Andel likt fordelt» må være et tall mellom 0 og 1 (0 % til 100 %), men er ${showValue(p.value, l)}.`,
      "en-US": (p, l) =>
        p.value === undefined
          ? `The parameter "Andel likt fordelt" is missing. Add the row with value 0.5 (50 % equally).`
          : `"Andel likt fordelt" must be a number between 0 and 1 (0 % to 100 %), but is ${showValue(p.value, l)}.`,
    },
  },
  {
    id: "KBR-W-PARAM-MISSING",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Prosjektnavn og befolkningsdato", "en-US": "Project name and population date" },
    message: {
      "nb-NO": (p) => `Parameteren «${p.name}» mangler eller er tom.`,
      "en-US": (p) => `The parameter "${p.name}" is missing or blank.`,
    },
  },
  // --- consistency of the budget (errors and warnings that do not block the sheets) ---
  {
    id: "KBR-E-BALANCE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Kostnader = finansiering hvert år", "en-US": "Costs = financing each year" },
    message: {
      "nb-NO": (p, l) => `${p.year}: kostnadene er ${n(p.a, l)} kr, men finansieringen er ${n(p.b, l)} kr (differanse ${n((p.a ?? 0) - (p.b ?? 0), l)} kr).`,
      "en-US": (p, l) => `${p.year}: the costs are NOK ${n(p.a, l)}, but the financing is NOK ${n(p.b, l)} (difference NOK ${n((p.a ?? 0) - (p.b ?? 0), l)}).`,
    },
  },
  {
    id: "KBR-E-INKIND-BALANCE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Egeninnsats i kostnader = i finansiering", "en-US": "In-kind costs = in-kind financing" },
    message: {
      "nb-NO": (p, l) => `${p.year}: egeninnsatsen i kostnadene er ${n(p.a, l)} kr, men i finansieringen ${n(p.b, l)} kr.`,
      "en-US": (p, l) => `${p.year}: in-kind costs are NOK ${n(p.a, l)}, but in-kind financing is NOK ${n(p.b, l)}.`,
    },
  },
  {
    id: "KBR-E-CONTRIB-SUM",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Bidragene summerer til kommunenes finansiering", "en-US": "Contributions add up to the municipalities' financing" },
    message: {
      "nb-NO": (p, l) => `${p.year}: kommunenes bidrag summerer til ${n(p.a, l)} kr, men finansieringen fra kommunene (Art Kommunene) er ${n(p.b, l)} kr.`,
      "en-US": (p, l) => `${p.year}: the contributions add up to NOK ${n(p.a, l)}, but the municipalities' financing (Art Kommunene) is NOK ${n(p.b, l)}.`,
    },
  },
  {
    id: "KBR-W-GRANTS-OVER-HALF",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Eksterne tilskudd høyst 50 % av kostnadene", "en-US": "External grants at most 50 % of costs" },
    message: {
      "nb-NO": (p, l) => `${p.year}: eksterne tilskudd er ${n(p.a, l)} kr, ${pct(p.b, l)} av kostnadene (mer enn 50 %).`,
      "en-US": (p, l) => `${p.year}: external grants are NOK ${n(p.a, l)}, ${pct(p.b, l)} of the costs (more than 50 %).`,
    },
  },
  // --- the optional Scenarier table (not blocking: a bad row is left out of the scenarios) ---
  {
    id: "KBR-E-SCENARIO-SHARE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Scenarienes andel likt fordelt mellom 0 og 1", "en-US": "Scenario equal shares between 0 and 1" },
    message: {
      "nb-NO": (p, l) =>
        `Andel likt fordelt${p.name ? ` i scenariet «${p.name}»` : ""} må være et tall mellom 0 og 1 (0 % til 100 %), men er ${showValue(p.value, l)}. Scenariet er utelatt.`,
      "en-US": (p, l) =>
        `The equal share${p.name ? ` of the scenario "${p.name}"` : ""} must be a number from 0 to 1 (0 % to 100 %), but is ${showValue(p.value, l)}. The scenario is left out.`,
    },
  },
  {
    id: "KBR-E-SCENARIO-NAME-BLANK",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Hvert scenario har et navn", "en-US": "Every scenario has a name" },
    message: {
      "nb-NO": () => `Scenarionavnet er tomt. Scenariet er utelatt.`,
      "en-US": () => `The scenario name is blank. The scenario is left out.`,
    },
  },
  {
    id: "KBR-E-SCENARIO-NAME-DUPLICATE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Ingen scenarionavn to ganger", "en-US": "No duplicate scenario names" },
    message: {
      "nb-NO": (p) => `Scenariet «${p.name}» står også i rad ${p.firstRow}. Gi hvert scenario sitt eget navn; denne raden er utelatt.`,
      "en-US": (p) => `The scenario "${p.name}" is also in row ${p.firstRow}. Give each scenario a name of its own; this row is left out.`,
    },
  },
  {
    id: "KBR-W-SCENARIO-OWN-KEY",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Scenarier skiller seg fra dagens nøkkel", "en-US": "Scenarios differ from the current key" },
    message: {
      "nb-NO": (p, l) => `Scenariet «${p.name}» har samme andel likt fordelt som arbeidsboken selv (${showValue(p.value, l)}), så det gir de samme bidragene som Kommunebidrag.`,
      "en-US": (p, l) => `The scenario "${p.name}" has the workbook's own equal share (${showValue(p.value, l)}), so it gives the same contributions as Kommunebidrag.`,
    },
  },
  {
    id: "KBR-W-FORMULA-PRECISION",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Formlene gir det samme som regelen", "en-US": "The formulas give what the rule gives" },
    message: {
      "nb-NO": (p) =>
        `${p.count} celler: restene avviker med mindre enn 0,000000001, og regnearkformlene (som runder restene til 9 desimaler) kan gi en krone til en annen kommune enn regelen. Bruk tilleggets verdier, eller juster andelen likt fordelt.`,
      "en-US": (p) =>
        `${p.count} cells: remainders differ by less than 0.000000001, and the sheet formulas (which round remainders to 9 decimals) may give a krone to another municipality than the rule. Use the add-in's values, or adjust the equal share.`,
    },
  },
  // --- the generated sheets read back ---
  {
    id: "KBR-E-SHEET-TYPED-OVER",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Formler er ikke overskrevet", "en-US": "Formulas not typed over" },
    message: {
      "nb-NO": (p, l) =>
        p.count ? `og ${p.count} celler til har ikke lenger formel. Bygg arkene på nytt.` : `Cellen skal ha en formel, men har verdien ${showValue(p.value, l)}. Bygg arkene på nytt.`,
      "en-US": (p, l) =>
        p.count ? `and ${p.count} more cells no longer hold a formula. Rebuild the sheets.` : `The cell should hold a formula but holds the value ${showValue(p.value, l)}. Rebuild the sheets.`,
    },
  },
  {
    id: "KBR-E-SHEET-STALE",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Genererte verdier følger regelen", "en-US": "Generated values follow the rule" },
    message: {
      "nb-NO": (p, l) =>
        p.count ? `og ${p.count} celler til avviker fra det regelen gir. Bygg arkene på nytt.` : `Cellen viser ${showValue(p.value, l)}, men regelen gir ${showValue(p.expected, l)}. Bygg arkene på nytt.`,
      "en-US": (p, l) =>
        p.count ? `and ${p.count} more cells differ from what the rule gives. Rebuild the sheets.` : `The cell shows ${showValue(p.value, l)}, but the rule gives ${showValue(p.expected, l)}. Rebuild the sheets.`,
    },
  },
  {
    id: "KBR-W-SHEET-MISSING",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Genererte ark finnes", "en-US": "Generated sheets present" },
    message: {
      "nb-NO": (p) => `Arket «${p.name}» finnes ikke. Bygg arkene.`,
      "en-US": (p) => `The sheet "${p.name}" does not exist. Build the sheets.`,
    },
  },
  {
    id: "KBR-E-SHEET-NAME-TAKEN",
    severity: "error",
    blocking: false,
    title: { "nb-NO": "Arknavnene er ledige", "en-US": "Sheet names free" },
    message: {
      "nb-NO": (p) => `Arket «${p.name}» er ditt eget ark, ikke et generert. Gi det et annet navn før du bygger.`,
      "en-US": (p) => `The sheet "${p.name}" is your own sheet, not a generated one. Rename it before building.`,
    },
  },
];

const BY_ID = new Map(CHECKS.map((c) => [c.id, c]));

export function checkDef(id: string): CheckDef {
  const def = BY_ID.get(id);
  if (!def) throw new Error(`unknown check id ${id}`);
  return def;
}

/** Where a finding points, as users read it: `Kommuner[Innbyggere] rad 3 ('Inndata'!B5)`. */
export function placeText(where: Where, locale: Locale): string {
  const nb = locale === "nb-NO";
  if (where.table) {
    let s = where.table;
    if (where.column !== undefined) s += `[${where.column}]`;
    if (where.tableRow !== undefined) s += nb ? ` rad ${where.tableRow}` : ` row ${where.tableRow}`;
    if (where.cell) s += ` (${where.cell})`;
    return s;
  }
  if (where.cell) return where.cell;
  if (where.sheet) return quoteSheet(where.sheet);
  return "";
}
