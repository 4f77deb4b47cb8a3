/** Bilingual texts of the Office.js adapter (refusals, bad input, partial writes, old Excel). */
import type { Locale, Localized } from "../core/i18n";

/**
 * A write that was refused or failed. `texts` has the same shape as the package adapter's
 * LocalizedError so the task pane shows either the same way. `written` lists exactly the sheets
 * this write created or replaced before it stopped (empty: the workbook is unchanged).
 */
export class WriteError extends Error {
  constructor(
    readonly texts: Record<Locale, string>,
    readonly written: readonly string[] = [],
    readonly writtenTables: readonly string[] = [],
    readonly cause?: unknown,
  ) {
    super(texts["en-US"]);
    this.name = "WriteError";
  }
}

/** A read that Excel cannot answer within its limits (a row too large for one response). */
export class ReadError extends Error {
  constructor(
    readonly texts: Record<Locale, string>,
    readonly cause?: unknown,
  ) {
    super(texts["en-US"]);
    this.name = "ReadError";
  }
}

const list = (xs: readonly string[], none: string) => (xs.length ? xs.map((x) => `«${x}»`).join(", ") : none);
const listEn = (xs: readonly string[], none: string) => (xs.length ? xs.map((x) => `"${x}"`).join(", ") : none);

export const EXCEL_MESSAGES = {
  tableOnGeneratedSheet: {
    "nb-NO": ({ table, sheet }) => `Tabellen «${table}» kan ikke stå på det genererte arket «${sheet}»; ingenting er skrevet.`,
    "en-US": ({ table, sheet }) => `The table "${table}" cannot stand on the generated sheet "${sheet}"; nothing was written.`,
  } as Localized<{ table: string; sheet: string }>,
  tableAreaInUse: {
    "nb-NO": ({ table, address }) =>
      `Tabellen «${table}» skulle stå i ${address}, men der står det allerede noe; ingenting er skrevet.`,
    "en-US": ({ table, address }) =>
      `The table "${table}" would stand in ${address}, but that area is not empty; nothing was written.`,
  } as Localized<{ table: string; address: string }>,
  badTableName: {
    "nb-NO": ({ table }) =>
      `«${table}» er ikke et gyldig tabellnavn (bokstav eller _ først, så bokstaver, sifre, _ eller punktum; ikke en celleadresse).`,
    "en-US": ({ table }) =>
      `"${table}" is not a valid table name (a letter or _ first, then letters, digits, _ or periods; not a cell address).`,
  } as Localized<{ table: string }>,
  badHeader: {
    "nb-NO": ({ table, column }) => `Tabellen «${table}»: kolonne ${column} har en tom eller dobbel overskrift.`,
    "en-US": ({ table, column }) => `Table "${table}": column ${column} has an empty or duplicate header.`,
  } as Localized<{ table: string; column: number }>,
  badRowLength: {
    "nb-NO": ({ table, row, got, want }) => `Tabellen «${table}», rad ${row}: ${got} celler, men tabellen har ${want} kolonner.`,
    "en-US": ({ table, row, got, want }) => `Table "${table}", row ${row}: ${got} cells, but the table has ${want} columns.`,
  } as Localized<{ table: string; row: number; got: number; want: number }>,
  badSheetName: {
    "nb-NO": ({ sheet }) =>
      `«${sheet}» er ikke et gyldig arknavn (1–31 tegn, ikke \\ / ? * [ ] :, ikke ' først eller sist).`,
    "en-US": ({ sheet }) =>
      `"${sheet}" is not a valid sheet name (1–31 characters, none of \\ / ? * [ ] :, no ' first or last).`,
  } as Localized<{ sheet: string }>,
  duplicateSheet: {
    "nb-NO": ({ sheet }) => `Arket «${sheet}» er planlagt to ganger; ingenting er skrevet.`,
    "en-US": ({ sheet }) => `The sheet "${sheet}" is planned twice; nothing was written.`,
  } as Localized<{ sheet: string }>,
  cellOutOfGrid: {
    "nb-NO": ({ sheet, row, col }) => `Arket «${sheet}»: cellen i rad ${row + 1}, kolonne ${col + 1} ligger utenfor Excels rutenett.`,
    "en-US": ({ sheet, row, col }) => `Sheet "${sheet}": the cell at row ${row + 1}, column ${col + 1} lies outside Excel's grid.`,
  } as Localized<{ sheet: string; row: number; col: number }>,
  readStateFailed: {
    "nb-NO": ({ reason }) => `Kunne ikke lese arbeidsboken før skriving (${reason}); ingenting er skrevet.`,
    "en-US": ({ reason }) => `Could not read the workbook before writing (${reason}); nothing was written.`,
  } as Localized<{ reason: string }>,
  partialWrite: {
    "nb-NO": ({ reason, sheets, tables, leftover }) =>
      `Skrivingen stoppet underveis (${reason}). Skrevet: ark ${list(sheets, "ingen")}; tabeller ${list(tables, "ingen")}. ` +
      `Andre ark er uendret.` +
      (leftover.length ? ` Ufullstendige hjelpeark ble ikke fjernet: ${list(leftover, "")}.` : "") +
      ` Kjør «Bygg» på nytt.`,
    "en-US": ({ reason, sheets, tables, leftover }) =>
      `The write stopped part-way (${reason}). Written: sheets ${listEn(sheets, "none")}; tables ${listEn(tables, "none")}. ` +
      `Other sheets are unchanged.` +
      (leftover.length ? ` Incomplete temporary sheets could not be removed: ${listEn(leftover, "")}.` : "") +
      ` Run Build again.`,
  } as Localized<{ reason: string; sheets: readonly string[]; tables: readonly string[]; leftover: readonly string[] }>,
  recoveryFailed: {
    "nb-NO": ({ reason, temps }) =>
      `Skrivingen stoppet underveis (${reason}), og arbeidsboken kunne ikke leses etterpå. Se etter arkene ${list(temps, "")} og genererte ark som mangler, og kjør «Bygg» på nytt.`,
    "en-US": ({ reason, temps }) =>
      `The write stopped part-way (${reason}) and the workbook could not be read afterwards. Look for the sheets ${listEn(temps, "")} and missing generated sheets, and run Build again.`,
  } as Localized<{ reason: string; temps: readonly string[] }>,
  badAnchor: {
    "nb-NO": ({ name, sheet }) => `Arket «${sheet}»: «${name}» er ikke et gyldig navn for en fast henvisning, eller det er brukt to ganger; ingenting er skrevet.`,
    "en-US": ({ name, sheet }) => `Sheet "${sheet}": "${name}" is not a valid name for a fixed reference, or it is used twice; nothing was written.`,
  } as Localized<{ name: string; sheet: string }>,
  swapUnfinished: {
    "nb-NO": ({ reason, sheets, temps }) =>
      `Skrivingen stoppet mens de nye arkene ble satt inn (${reason}), og kunne ikke fullføres. Arkene ${list(sheets, "")} kan være delvis skrevet; ` +
      `det komplette nye innholdet står i ${list(temps, "")}. Lenkene dine til arkene er beholdt. Kjør «Bygg» på nytt.`,
    "en-US": ({ reason, sheets, temps }) =>
      `The write stopped while the new sheets were put in place (${reason}) and could not be finished. The sheets ${listEn(sheets, "")} may be partly written; ` +
      `the complete new content is in ${listEn(temps, "")}. Your links to the sheets are kept. Run Build again.`,
  } as Localized<{ reason: string; sheets: readonly string[]; temps: readonly string[] }>,
  rowTooLarge: {
    "nb-NO": ({ sheet, row }) => `Rad ${row} på arket «${sheet}» er for stor til at Excel kan sende den (over 5 MB).`,
    "en-US": ({ sheet, row }) => `Row ${row} of the sheet "${sheet}" is too large for Excel to send (over 5 MB).`,
  } as Localized<{ sheet: string; row: number }>,
  excelTooOld: {
    "nb-NO": ({ missing }) =>
      `Denne Excel-versjonen er for gammel for KBR budsjett: den mangler ${missing.join(", ")}. Bruk Microsoft 365, Excel 2021 eller nyere, eller Excel på nettet.`,
    "en-US": ({ missing }) =>
      `This version of Excel is too old for KBR budsjett: it lacks ${missing.join(", ")}. Use Microsoft 365, Excel 2021 or later, or Excel on the web.`,
  } as Localized<{ missing: readonly string[] }>,
  excelOk: {
    "nb-NO": () => "Excel støtter alt KBR budsjett trenger.",
    "en-US": () => "Excel supports everything KBR budsjett needs.",
  } as Localized<Record<string, never>>,
};
