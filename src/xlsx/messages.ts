/** Bilingual texts of the ExcelJS adapter (file and write errors). */
import type { Locale, Localized } from "../core/i18n";

/** An error whose message exists in both languages; the CLI prints the user's one, no stack. */
export class LocalizedError extends Error {
  constructor(
    readonly texts: Record<Locale, string>,
    /** Exit code the CLI uses for it (2: the file cannot be read). */
    readonly exitCode = 1,
  ) {
    super(texts["en-US"]);
    this.name = "LocalizedError";
  }
}

export const XLSX_MESSAGES = {
  notReadable: {
    "nb-NO": ({ file, reason }) => `Kan ikke lese ${file} som en Excel-arbeidsbok (.xlsx): ${reason}`,
    "en-US": ({ file, reason }) => `Cannot read ${file} as an Excel workbook (.xlsx): ${reason}`,
  } as Localized<{ file: string; reason: string }>,
  badTableRef: {
    "nb-NO": ({ table, ref }) => `Tabellen «${table}» har et ugyldig område («${ref}»); arbeidsboken kan være skadet. Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ table, ref }) => `The table "${table}" has an invalid range ("${ref}"); the workbook may be damaged. Open and save it in Excel, then try again.`,
  } as Localized<{ table: string; ref: string }>,
  notZip: {
    "nb-NO": ({ file }) =>
      `${file} er ikke en Excel-arbeidsbok (.xlsx). Er det en eldre .xls- eller en .csv-fil? Lagre den som Excel-arbeidsbok (.xlsx) og prøv igjen.`,
    "en-US": ({ file }) =>
      `${file} is not an Excel workbook (.xlsx). Is it an older .xls or a .csv file? Save it as an Excel Workbook (.xlsx) and try again.`,
  } as Localized<{ file: string }>,
  notFound: {
    "nb-NO": ({ file }) => `Finner ikke filen ${file}.`,
    "en-US": ({ file }) => `File not found: ${file}.`,
  } as Localized<{ file: string }>,
  writeFailed: {
    "nb-NO": ({ file, reason }) => `Kunne ikke skrive ${file}: ${reason}. Ingen fil er endret.`,
    "en-US": ({ file, reason }) => `Could not write ${file}: ${reason}. No file was changed.`,
  } as Localized<{ file: string; reason: string }>,
};
