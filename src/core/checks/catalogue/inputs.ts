/**
 * The catalogue's entries about the input tables: structure, flagged cells, Kommuner,
 * Kostnader/Finansiering rows and Parametere. Order is the order the task pane lists them in.
 */
import { invisibleList, n, pct, showValue } from "./show";
import type { CheckDef } from "./types";

export const INPUT_CHECKS: readonly CheckDef[] = [
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
    id: "KBR-E-AMOUNT-TOO-LARGE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Beløp er ikke for store", "en-US": "Amounts not too large" },
    message: {
      "nb-NO": (p, l) =>
        `Beløpet ${showValue(p.value, l)} er for stort. Tillegget regner nøyaktig med beløp opp til ${n(p.a, l)} kr (1 000 000 000 000 000) i hver celle og i summene. Kontroller beløpet.`,
      "en-US": (p, l) =>
        `The amount ${showValue(p.value, l)} is too large. The add-in computes exactly with amounts up to NOK ${n(p.a, l)} (1,000,000,000,000,000) in each cell and in the sums. Check the amount.`,
    },
  },
  {
    id: "KBR-E-AMOUNT-SUM-TOO-LARGE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Summene er ikke for store", "en-US": "Sums not too large" },
    message: {
      "nb-NO": (p, l) =>
        `Fra denne cellen (${showValue(p.value, l)}) summerer beløpene i ${p.name} (uten fortegn) til mer enn ${n(p.a, l)} kr, det største tillegget regner nøyaktig med. Kontroller beløpene.`,
      "en-US": (p, l) =>
        `From this cell (${showValue(p.value, l)}) on, the amounts in ${p.name} add up (without sign) to more than NOK ${n(p.a, l)}, the most the add-in computes exactly with. Check the amounts.`,
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
  {
    id: "KBR-E-PARAM-DUPLICATE",
    severity: "error",
    blocking: true,
    title: { "nb-NO": "Hver parameter står én gang", "en-US": "Each parameter once" },
    message: {
      "nb-NO": (p, l) =>
        `Parameteren «${p.name}» står også i rad ${p.firstRow}, med en annen verdi (${showValue(p.expected, l)} i rad ${p.firstRow}, ${showValue(p.value, l)} her). Tillegget vet ikke hvilken som gjelder: behold én rad.`,
      "en-US": (p, l) =>
        `The parameter "${p.name}" is also in row ${p.firstRow}, with another value (${showValue(p.expected, l)} in row ${p.firstRow}, ${showValue(p.value, l)} here). The add-in cannot tell which one holds: keep one row.`,
    },
  },
  {
    id: "KBR-W-PARAM-DUPLICATE",
    severity: "warning",
    blocking: false,
    title: { "nb-NO": "Ingen parameter to ganger", "en-US": "No parameter twice" },
    message: {
      "nb-NO": (p) => `Parameteren «${p.name}» står også i rad ${p.firstRow}, med samme verdi. Fjern den ene raden.`,
      "en-US": (p) => `The parameter "${p.name}" is also in row ${p.firstRow}, with the same value. Remove one of the rows.`,
    },
  },
];
