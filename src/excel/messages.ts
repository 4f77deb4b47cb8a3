/** Bilingual texts of the Office.js adapter (refusals, bad input, partial writes, old Excel). */
import type { Locale, Localized } from "../core/i18n";
import { WorkbookError, type WorkbookErrorCode } from "../core/workbook/errors";

/**
 * A write that was refused or failed. `texts` has the same shape as the package writer's
 * LocalizedError so the task pane shows either the same way; `code` (core's WorkbookError) is
 * what the pane branches on. `written` lists exactly the sheets this write created or replaced
 * before it stopped (empty: the workbook is unchanged).
 */
export class WriteError extends WorkbookError {
  constructor(
    texts: Record<Locale, string>,
    readonly written: readonly string[] = [],
    readonly writtenTables: readonly string[] = [],
    cause?: unknown,
    code: WorkbookErrorCode = "writeFailed",
  ) {
    super(code, texts, cause);
    this.name = "WriteError";
  }

  /** A refusal or validation error of core's, nothing written. */
  static of(e: WorkbookError): WriteError {
    return new WriteError(e.texts, [], [], e.cause, e.code);
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
