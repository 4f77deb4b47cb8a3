/** Bilingual texts of the file host (file and write errors). */
import type { Locale, Localized } from "../core/i18n";

/** An error whose message exists in both languages; the CLI prints the user's one, no stack. */
export class LocalizedError extends Error {
  constructor(
    readonly texts: Record<Locale, string>,
    /** Exit code the CLI uses for it (2: the file cannot be read). */
    readonly exitCode = 1,
    /** The underlying error (KBR_DEBUG=1 shows its stack). */
    readonly cause?: unknown,
  ) {
    super(texts["en-US"]);
    this.name = "LocalizedError";
  }
}

export const XLSX_MESSAGES = {
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
  // The package reader (src/xlsx/package, src/xlsx/read): limits and damaged zips.
  tooManyParts: {
    "nb-NO": ({ file, count, limit }) =>
      `${file} har ${count} deler; en arbeidsbok kbr leser kan ha høyst ${limit}. Filen er skadet eller laget for å overbelaste programmer, og leses ikke.`,
    "en-US": ({ file, count, limit }) =>
      `${file} has ${count} parts; kbr reads workbooks of at most ${limit}. The file is damaged or made to overload programs, and is not read.`,
  } as Localized<{ file: string; count: number; limit: number }>,
  partTooLarge: {
    "nb-NO": ({ file, part, limit }) =>
      `Delen ${part} i ${file} pakker seg ut til mer enn ${limit}. Filen er skadet eller laget for å overbelaste programmer (en «zip-bombe»), og leses ikke.`,
    "en-US": ({ file, part, limit }) =>
      `The part ${part} of ${file} unpacks to more than ${limit}. The file is damaged or made to overload programs (a "zip bomb"), and is not read.`,
  } as Localized<{ file: string; part: string; limit: string }>,
  totalTooLarge: {
    "nb-NO": ({ file, limit }) =>
      `Delene kbr må lese i ${file} pakker seg ut til mer enn ${limit} til sammen. Filen er skadet eller laget for å overbelaste programmer, og leses ikke.`,
    "en-US": ({ file, limit }) =>
      `The parts kbr must read in ${file} unpack to more than ${limit} together. The file is damaged or made to overload programs, and is not read.`,
  } as Localized<{ file: string; limit: string }>,
  damagedPart: {
    "nb-NO": ({ file, part }) => `${file} er skadet (delen ${part} kan ikke pakkes ut). Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ file, part }) => `${file} is damaged (the part ${part} cannot be unpacked). Open and save it in Excel, then try again.`,
  } as Localized<{ file: string; part: string }>,
  damagedZip: {
    "nb-NO": ({ file }) => `${file} er skadet (zip-innholdsfortegnelsen mangler eller er ødelagt). Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ file }) => `${file} is damaged (its zip directory is missing or broken). Open and save it in Excel, then try again.`,
  } as Localized<{ file: string }>,
  unsupportedPart: {
    "nb-NO": ({ file, part }) =>
      `Delen ${part} i ${file} er pakket på en måte kbr ikke kan lese (kryptert eller uvanlig komprimering). Åpne og lagre filen i Excel, og prøv igjen.`,
    "en-US": ({ file, part }) =>
      `The part ${part} of ${file} is packed in a way kbr cannot read (encrypted or unusual compression). Open and save the file in Excel, then try again.`,
  } as Localized<{ file: string; part: string }>,
  badXml: {
    "nb-NO": ({ file, part }) => `${file} er skadet (delen ${part} er ikke gyldig XML). Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ file, part }) => `${file} is damaged (the part ${part} is not valid XML). Open and save it in Excel, then try again.`,
  } as Localized<{ file: string; part: string }>,
  missingPart: {
    "nb-NO": ({ file, part }) => `${file} er skadet (delen ${part} mangler). Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ file, part }) => `${file} is damaged (the part ${part} is missing). Open and save it in Excel, then try again.`,
  } as Localized<{ file: string; part: string }>,
  // Refusals of files that are not a workbook kbr can read (src/xlsx/read/open.ts).
  isFolder: {
    "nb-NO": ({ file }) => `${file} er en mappe, ikke en Excel-arbeidsbok (.xlsx). Oppgi filen i mappen.`,
    "en-US": ({ file }) => `${file} is a folder, not an Excel workbook (.xlsx). Give the file inside it.`,
  } as Localized<{ file: string }>,
  notRegularFile: {
    "nb-NO": ({ file }) => `${file} er ikke en vanlig fil (kanskje en enhet eller en kø). Oppgi en Excel-arbeidsbok (.xlsx).`,
    "en-US": ({ file }) => `${file} is not a regular file (perhaps a device or a pipe). Give an Excel workbook (.xlsx).`,
  } as Localized<{ file: string }>,
  noPermission: {
    "nb-NO": ({ file }) => `Du har ikke tilgang til å lese ${file}. Sjekk filens tillatelser (eller om den er åpen et sted som låser den), og prøv igjen.`,
    "en-US": ({ file }) => `You do not have permission to read ${file}. Check the file's permissions (or whether something holds it locked), then try again.`,
  } as Localized<{ file: string }>,
  cannotRead: {
    "nb-NO": ({ file, code }) => `Kan ikke lese ${file} (feilkode ${code}).`,
    "en-US": ({ file, code }) => `Cannot read ${file} (error code ${code}).`,
  } as Localized<{ file: string; code: string }>,
  fileTooLarge: {
    "nb-NO": ({ file, size, limit }) => `${file} er ${size} stor; kbr leser arbeidsbøker på høyst ${limit}.`,
    "en-US": ({ file, size, limit }) => `${file} is ${size} in size; kbr reads workbooks of at most ${limit}.`,
  } as Localized<{ file: string; size: string; limit: string }>,
  openDocument: {
    "nb-NO": ({ file }) =>
      `${file} er et OpenDocument-regneark (.ods), ikke en Excel-arbeidsbok. Åpne den i LibreOffice eller Excel og lagre den som Excel-arbeidsbok (.xlsx).`,
    "en-US": ({ file }) =>
      `${file} is an OpenDocument spreadsheet (.ods), not an Excel workbook. Open it in LibreOffice or Excel and save it as an Excel Workbook (.xlsx).`,
  } as Localized<{ file: string }>,
  /** The writer met a workbook.xml or styles.xml it cannot edit safely (a damaged or unusual file). */
  cannotEdit: {
    "nb-NO": ({ file }) =>
      `Kan ikke endre ${file} trygt: arbeidsboken (workbook.xml eller styles.xml) har en form programmet ikke kjenner, eller er skadet. Ingenting ble skrevet. Åpne og lagre den i Excel, og prøv igjen.`,
    "en-US": ({ file }) =>
      `Cannot change ${file} safely: its workbook part (workbook.xml or styles.xml) has a form this program does not know, or is damaged. Nothing was written. Open and save it in Excel, then try again.`,
  } as Localized<{ file: string }>,
  tableOnGeneratedSheet: {
    "nb-NO": ({ table, sheet, where }) =>
      `Tabellen «${table}» står på det genererte arket «${sheet}», og en ny bygging ville fjerne den, men ${where} viser til den. Ingenting ble skrevet. Flytt tabellen til et eget ark (eller fjern henvisningene), og bygg igjen.`,
    "en-US": ({ table, sheet, where }) =>
      `The table "${table}" is on the generated sheet "${sheet}", and a rebuild would remove it, but ${where} refers to it. Nothing was written. Move the table to a sheet of your own (or remove the references), then build again.`,
  } as Localized<{ table: string; sheet: string; where: string }>,
  tableReferrer: {
    "nb-NO": ({ kind, name }) => (kind === "sheet" ? `en formel på arket «${name}»` : kind === "name" ? `det definerte navnet «${name}»` : `en beregnet kolonne i tabellen «${name}»`),
    "en-US": ({ kind, name }) => (kind === "sheet" ? `a formula on the sheet "${name}"` : kind === "name" ? `the defined name "${name}"` : `a calculated column of the table "${name}"`),
  } as Localized<{ kind: "sheet" | "name" | "table"; name: string }>,
  zipNotWorkbook: {
    "nb-NO": ({ file }) =>
      `${file} er en zip-fil, men ikke en Excel-arbeidsbok (den har ingen arbeidsbok-del). Er det et Word- eller PowerPoint-dokument, eller et annet arkiv? Oppgi en .xlsx-fil.`,
    "en-US": ({ file }) =>
      `${file} is a zip file but not an Excel workbook (it has no workbook part). Is it a Word or PowerPoint document, or some other archive? Give an .xlsx file.`,
  } as Localized<{ file: string }>,
  passwordProtected: {
    "nb-NO": ({ file }) =>
      `${file} er beskyttet med passord (kryptert), så kbr kan ikke lese den. Åpne den i Excel, velg Fil › Info › Beskytt arbeidsbok › Krypter med passord, tøm passordfeltet, trykk OK og lagre. Prøv så igjen.`,
    "en-US": ({ file }) =>
      `${file} is password-protected (encrypted), so kbr cannot read it. Open it in Excel, choose File › Info › Protect Workbook › Encrypt with Password, clear the password, press OK and save. Then try again.`,
  } as Localized<{ file: string }>,
  oldXls: {
    "nb-NO": ({ file }) =>
      `${file} er en eldre Excel-fil (.xls, Excel 97–2003). Åpne den i Excel og velg Fil › Lagre som › Excel-arbeidsbok (.xlsx), og prøv igjen med den nye filen.`,
    "en-US": ({ file }) =>
      `${file} is an older Excel file (.xls, Excel 97–2003). Open it in Excel, choose File › Save As › Excel Workbook (.xlsx), and try again with the new file.`,
  } as Localized<{ file: string }>,
  binaryWorkbook: {
    "nb-NO": ({ file }) =>
      `${file} er en binær Excel-arbeidsbok (.xlsb, Excel Binary), som kbr ikke leser. Åpne den i Excel og velg Fil › Lagre som › Excel-arbeidsbok (*.xlsx), og prøv igjen med den nye filen.`,
    "en-US": ({ file }) =>
      `${file} is a binary Excel workbook (.xlsb, Excel Binary), which kbr does not read. Open it in Excel, choose File › Save As › Excel Workbook (*.xlsx), and try again with the new file.`,
  } as Localized<{ file: string }>,
  strictOpenXml: {
    "nb-NO": ({ file }) =>
      `${file} er lagret som «Strict Open XML-regneark», som kbr ikke leser. Åpne den i Excel og velg Fil › Lagre som › «Excel-arbeidsbok (.xlsx)» (ikke «Strict Open XML»), og prøv igjen.`,
    "en-US": ({ file }) =>
      `${file} is saved as a "Strict Open XML Spreadsheet", which kbr does not read. Open it in Excel, choose File › Save As › "Excel Workbook (.xlsx)" (not "Strict Open XML"), and try again.`,
  } as Localized<{ file: string }>,
};
