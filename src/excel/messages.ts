/** Bilingual texts of the Office.js adapter (refusals, bad input, partial writes, old Excel). */
import type { Locale, Localized } from "../core/i18n";
import { WorkbookError, type WorkbookErrorCode } from "../core/workbook/errors";

/** A write's code: core's refusal codes and the rebuild states (see core/workbook/errors.ts). */
export type WriteCode = WorkbookErrorCode;

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
    code: WriteCode = "writeFailed",
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
      (leftover.length ? ` Ufullstendige hjelpeark ble ikke fjernet: ${list(leftover, "")}; neste «Bygg» fjerner dem.` : "") +
      ` Kjør «Bygg» på nytt.`,
    "en-US": ({ reason, sheets, tables, leftover }) =>
      `The write stopped part-way (${reason}). Written: sheets ${listEn(sheets, "none")}; tables ${listEn(tables, "none")}. ` +
      `Other sheets are unchanged.` +
      (leftover.length ? ` Incomplete temporary sheets could not be removed: ${listEn(leftover, "")}; the next Build removes them.` : "") +
      ` Run Build again.`,
  } as Localized<{ reason: string; sheets: readonly string[]; tables: readonly string[]; leftover: readonly string[] }>,
  rebuildFinished: {
    "nb-NO": ({ reason, sheets }) =>
      `Byggingen ble avbrutt (${reason}), men er fullført: arkene ${list(sheets, "")} har nå det nye innholdet. Lenkene dine til arkene er beholdt.`,
    "en-US": ({ reason, sheets }) =>
      `The build was interrupted (${reason}) but has been finished: the sheets ${listEn(sheets, "")} now hold the new content. Your links to the sheets are kept.`,
  } as Localized<{ reason: string; sheets: readonly string[] }>,
  rebuildUnfinished: {
    "nb-NO": ({ reason, done, old, partly, temps }) =>
      `Byggingen stoppet mens arkene ble byttet (${reason}), og kunne ikke fullføres nå.` +
      (done.length ? ` Nye: ${list(done, "")}.` : "") +
      (old.length ? ` Uendret: ${list(old, "")}.` : "") +
      (partly.length ? ` Kan være delvis erstattet: ${list(partly, "")}; det komplette nye innholdet står i ${list(temps, "")}.` : "") +
      ` Lenkene dine til arkene er beholdt. Ikke endre disse arkene; kjør «Bygg» på nytt: det fullfører byttet og fjerner hjelpearkene.`,
    "en-US": ({ reason, done, old, partly, temps }) =>
      `The build stopped while the sheets were being swapped (${reason}) and could not be finished now.` +
      (done.length ? ` New: ${listEn(done, "")}.` : "") +
      (old.length ? ` Unchanged: ${listEn(old, "")}.` : "") +
      (partly.length ? ` May be partly replaced: ${listEn(partly, "")}; the complete new content is in ${listEn(temps, "")}.` : "") +
      ` Your links to the sheets are kept. Do not edit these sheets; run Build again: it finishes the swap and removes the temporary sheets.`,
  } as Localized<{ reason: string; done: readonly string[]; old: readonly string[]; partly: readonly string[]; temps: readonly string[] }>,
  rebuildStoppedEarly: {
    "nb-NO": ({ reason }) =>
      `Byggingen stoppet før arkene ble byttet (${reason}); de genererte arkene og lenkene dine er uendret. Arbeidsboken kunne ikke leses etterpå, ` +
      `så hjelpeark (~kbr…) kan være igjen; neste «Bygg» fjerner dem. Kjør «Bygg» på nytt.`,
    "en-US": ({ reason }) =>
      `The build stopped before the sheets were swapped (${reason}); the generated sheets and your links are unchanged. The workbook could not be read afterwards, ` +
      `so temporary sheets (~kbr…) may be left; the next Build removes them. Run Build again.`,
  } as Localized<{ reason: string }>,
  rebuildUnknown: {
    "nb-NO": ({ reason, sheets }) =>
      `Byggingen stoppet (${reason}), og arbeidsboken kunne ikke leses etterpå. Arkene ${list(sheets, "")} kan være gamle, nye eller midt i et bytte. ` +
      `Ikke endre dem; kjør «Bygg» på nytt når forbindelsen er tilbake: det finner tilstanden i arbeidsboken, fullfører eller avbryter byttet og fjerner hjelpearkene (~kbr…).`,
    "en-US": ({ reason, sheets }) =>
      `The build stopped (${reason}) and the workbook could not be read afterwards. The sheets ${listEn(sheets, "")} may be old, new or in the middle of a swap. ` +
      `Do not edit them; run Build again when the connection is back: it finds the state in the workbook, finishes or abandons the swap and removes the temporary sheets (~kbr…).`,
  } as Localized<{ reason: string; sheets: readonly string[] }>,
  rebuildPending: {
    "nb-NO": ({ sheets, temps }) =>
      `En tidligere bygging av arkene ${list(sheets, "")} ble ikke fullført, og denne byggingen lager dem ikke (det komplette innholdet står i ${list(temps, "")}). ` +
      `Gjenopprett tabellen arkene bygger på og kjør «Bygg»; ingenting er skrevet.`,
    "en-US": ({ sheets, temps }) =>
      `An earlier build of the sheets ${listEn(sheets, "")} was not finished, and this build does not make them (their complete content is in ${listEn(temps, "")}). ` +
      `Restore the table they are built from and run Build; nothing was written.`,
  } as Localized<{ sheets: readonly string[]; temps: readonly string[] }>,
  badAnchor: {
    "nb-NO": ({ name, sheet }) => `Arket «${sheet}»: «${name}» er ikke et gyldig navn for en fast henvisning, eller det er brukt to ganger; ingenting er skrevet.`,
    "en-US": ({ name, sheet }) => `Sheet "${sheet}": "${name}" is not a valid name for a fixed reference, or it is used twice; nothing was written.`,
  } as Localized<{ name: string; sheet: string }>,
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
