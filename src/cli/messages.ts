/** Every text the `kbr` command shows, in bokmål and US English. */
import type { Locale, Localized } from "../core/i18n";

type Texts = Record<Locale, string>;

export const CLI_TEXTS = {
  description: {
    "nb-NO": "KBR budsjett: bygg og kontroller budsjett-, finansierings- og kommunebidragsark i en Excel-arbeidsbok (.xlsx).",
    "en-US": "KBR budsjett: build and check the budget, financing and contribution sheets of an Excel workbook (.xlsx).",
  },
  build: {
    "nb-NO": "Bygg arkene Budsjett, Finansieringsplan og Kommunebidrag. Uten --input: fra 2009-planen som ligger innebygd.",
    "en-US": "Build the Budsjett, Finansieringsplan and Kommunebidrag sheets. Without --input: from the embedded 2009 plan.",
  },
  input: {
    "nb-NO": "arbeidsbok med inndatatabellene (Kommuner, Kostnader, Finansiering, Parametere); den endres aldri",
    "en-US": "workbook holding the input tables (Kommuner, Kostnader, Finansiering, Parametere); it is never changed",
  },
  force: {
    "nb-NO": "erstatt --out-filen om den finnes (aldri en skrivebeskyttet fil eller noe annet enn en vanlig fil)",
    "en-US": "replace the --out file if it exists (never a read-only file or anything but a regular file)",
  },
  out: {
    "nb-NO": "fil som skal skrives (standard: <input>-kbr.xlsx, eller kbr-budsjett.xlsx uten --input); en fil som finnes erstattes bare med --force",
    "en-US": "file to write (default: <input>-kbr.xlsx, or kbr-budsjett.xlsx without --input); an existing file is replaced only with --force",
  },
  check: {
    "nb-NO": "Kontroller en arbeidsbok. Avslutter med 0 uten feil, 1 med feil, 2 når filen ikke kan leses.",
    "en-US": "Check a workbook. Exits 0 with no errors, 1 with errors, 2 when the file cannot be read.",
  },
  file: { "nb-NO": "arbeidsboken som skal kontrolleres (.xlsx)", "en-US": "the workbook to check (.xlsx)" },
  json: {
    "nb-NO": "skriv ett JSON-objekt (år, kommuner, budsjett, funn) på standard ut",
    "en-US": "print one JSON object (years, municipalities, budget, findings) on stdout",
  },
  lang: {
    "nb-NO": "språk for meldinger: nb-NO eller en-US (standard: fra LC_ALL, LC_MESSAGES eller LANG)",
    "en-US": "language of messages: nb-NO or en-US (default: from LC_ALL, LC_MESSAGES or LANG)",
  },
  help: { "nb-NO": "vis hjelp", "en-US": "display help" },
  scenario: {
    "nb-NO": "vis også bidragene med en annen andel likt fordelt (0–1: 0,3, 0.3 eller 30 %); kan gjentas. Endrer verken tabellene eller arbeidsboken som skrives",
    "en-US": "also show the contributions under another equal share (0–1: 0.3, 0,3 or 30%); repeatable. Changes neither the tables nor the workbook written",
  },
  scenarios: {
    "nb-NO": "Scenarier, bidrag i alt per kommune (kr)",
    "en-US": "Scenarios, total contribution per municipality (NOK)",
  },
  ownKey: { "nb-NO": "Dagens nøkkel", "en-US": "Current key" },
  helpCommand: { "nb-NO": "vis hjelp for en kommando", "en-US": "display help for a command" },
  version: { "nb-NO": "vis versjonen", "en-US": "output the version number" },
  years: { "nb-NO": "År", "en-US": "Years" },
  contributions: { "nb-NO": "Direkte kommunebidrag (kr)", "en-US": "Direct municipal contributions (NOK)" },
  municipality: { "nb-NO": "Kommune", "en-US": "Municipality" },
  total: { "nb-NO": "Sum", "en-US": "Total" },
  costs: { "nb-NO": "Kostnader", "en-US": "Costs" },
  financing: { "nb-NO": "Finansiering", "en-US": "Financing" },
  error: { "nb-NO": "feil", "en-US": "error" },
  warning: { "nb-NO": "advarsel", "en-US": "warning" },
  nothingWritten: { "nb-NO": "Ingenting er skrevet.", "en-US": "Nothing was written." },
  withFollowUp: {
    "nb-NO": "uten --input: ta med et oppdiktet regnskap, timer og forklaringer for 2009-planen, så arket Oppfølging bygges",
    "en-US": "without --input: include an invented ledger, hours and explanations for the 2009 plan, so the Oppfølging sheet is built",
  },
  followUpHead: { "nb-NO": "Oppfølging per {date} (kr)", "en-US": "Follow-up as of {date} (NOK)" },
  followUpNoDate: { "nb-NO": "Oppfølging, ingen rapportdato ennå (kr)", "en-US": "Follow-up, no report date yet (NOK)" },
  budget: { "nb-NO": "Budsjett", "en-US": "Budget" },
  actual: { "nb-NO": "Regnskap", "en-US": "Actual" },
  deviation: { "nb-NO": "Avvik", "en-US": "Deviation" },
  unpaid: { "nb-NO": "Ubetalt bidrag", "en-US": "Unpaid contributions" },
  unexplained: { "nb-NO": "Avvik over grensen uten forklaring", "en-US": "Deviations over the limit without an explanation" },
} satisfies Record<string, Texts>;

export const CLI_MESSAGES = {
  /** Excel opens a file only when its extension matches what it holds (macros or not). */
  extensionMismatch: {
    "nb-NO": ({ file, input, macros }) =>
      macros
        ? `${input} har makroer (.xlsm), så resultatet må også hete .xlsm; ${file} ville ikke åpnet i Excel. Gi --out et navn som slutter på .xlsm. Ingenting ble skrevet.`
        : `${input} har ingen makroer, så resultatet må hete .xlsx; ${file} ville ikke åpnet i Excel. Gi --out et navn som slutter på .xlsx. Ingenting ble skrevet.`,
    "en-US": ({ file, input, macros }) =>
      macros
        ? `${input} has macros (.xlsm), so the result must be an .xlsm too; Excel would not open ${file}. Give --out a name ending in .xlsm. Nothing was written.`
        : `${input} has no macros, so the result must be an .xlsx; Excel would not open ${file}. Give --out a name ending in .xlsx. Nothing was written.`,
  } as Localized<{ file: string; input: string; macros: boolean }>,
  /** The example, or an input without macros, is an .xlsx workbook: only that name opens in Excel. */
  extensionNotXlsx: {
    "nb-NO": ({ file }) =>
      `kbr build skriver en Excel-arbeidsbok (.xlsx), så --out må være et navn som slutter på .xlsx; ${file} ville ikke åpnet i Excel. Ingenting ble skrevet.`,
    "en-US": ({ file }) => `kbr build writes an Excel workbook (.xlsx), so --out must be a name ending in .xlsx; Excel would not open ${file}. Nothing was written.`,
  } as Localized<{ file: string }>,
  /** --with-follow-up adds the example's tables; a user's workbook is never given tables by the build. */
  followUpWithInput: {
    "nb-NO": "--with-follow-up gjelder bare eksempelet (uten --input): legg tabellene Regnskap, Timer og Forklaringer i din egen arbeidsbok, så bygges arket Oppfølging. Ingenting ble skrevet.",
    "en-US": "--with-follow-up applies to the example only (without --input): add Regnskap, Timer and Forklaringer tables to your own workbook and the Oppfølging sheet is built. Nothing was written.",
  } as Localized,
  emptyOut: {
    "nb-NO": "--out er tomt: oppgi et filnavn som slutter på .xlsx, for eksempel --out budsjett.xlsx. Ingenting ble skrevet.",
    "en-US": "--out is empty: give a file name ending in .xlsx, for example --out budget.xlsx. Nothing was written.",
  } as Localized,
  /** Standard output (or error) could not be written: a full disk, an I/O error. */
  outputFailed: {
    "nb-NO": ({ stream, code }) => `kbr: kunne ikke skrive til ${stream === "stdout" ? "standard ut" : "standard feil"}: ${errnoText(code, "nb-NO")}.`,
    "en-US": ({ stream, code }) => `kbr: could not write to ${stream === "stdout" ? "standard output" : "standard error"}: ${errnoText(code, "en-US")}.`,
  } as Localized<{ stream: "stdout" | "stderr"; code: string }>,
  wrote: {
    "nb-NO": ({ file, sheets }) => `Skrev ${file} (ark: ${sheets}).`,
    "en-US": ({ file, sheets }) => `Wrote ${file} (sheets: ${sheets}).`,
  } as Localized<{ file: string; sheets: string }>,
  findings: {
    "nb-NO": ({ errors, warnings }) => `Funn: ${errors} feil, ${warnings} ${warnings === 1 ? "advarsel" : "advarsler"}.`,
    "en-US": ({ errors, warnings }) => `Findings: ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"}.`,
  } as Localized<{ errors: number; warnings: number }>,
  checked: {
    "nb-NO": ({ file }) => `Kontrollerte ${file}.`,
    "en-US": ({ file }) => `Checked ${file}.`,
  } as Localized<{ file: string }>,
  more: {
    "nb-NO": ({ n }) => `… og ${n} til`,
    "en-US": ({ n }) => `… and ${n} more`,
  } as Localized<{ n: number }>,
  unexpected: {
    "nb-NO": ({ reason }) => `Uventet feil: ${reason}`,
    "en-US": ({ reason }) => `Unexpected error: ${reason}`,
  } as Localized<{ reason: string }>,
};

/** Reasons an operating system gives (errno codes), as users read them. */
const ERRNO: Record<string, Record<Locale, string>> = {
  EACCES: { "nb-NO": "ingen tilgang", "en-US": "permission denied" },
  EPERM: { "nb-NO": "ikke tillatt", "en-US": "not permitted" },
  ENOSPC: { "nb-NO": "disken er full", "en-US": "the disk is full" },
  EDQUOT: { "nb-NO": "diskkvoten er brukt opp", "en-US": "the disk quota is used up" },
  EROFS: { "nb-NO": "filsystemet er skrivebeskyttet", "en-US": "the file system is read-only" },
  EIO: { "nb-NO": "lese- eller skrivefeil på disken", "en-US": "a disk input/output error" },
  ENOTDIR: { "nb-NO": "en del av stien er ikke en mappe", "en-US": "a part of the path is not a folder" },
  ENAMETOOLONG: { "nb-NO": "navnet er for langt", "en-US": "the name is too long" },
  ELOOP: { "nb-NO": "for mange symbolske lenker", "en-US": "too many symbolic links" },
  "?": { "nb-NO": "ukjent årsak", "en-US": "unknown reason" },
  ENOENT: { "nb-NO": "finnes ikke", "en-US": "does not exist" },
  EBUSY: { "nb-NO": "filen er i bruk", "en-US": "the file is in use" },
};

/** An errno code in the user's words; an unknown code is shown as the code. */
function errnoText(code: string, locale: Locale): string {
  return ERRNO[code]?.[locale] ?? (locale === "nb-NO" ? `feilkode ${code}` : `error code ${code}`);
}

/** Refusals and failures of the output file (src/cli/output.ts). Each names the file. */
export const OUTPUT_MESSAGES = {
  exists: {
    "nb-NO": ({ file }) => `${file} finnes fra før og blir ikke erstattet. Bruk --force for å erstatte den, eller velg et annet navn med --out. Ingenting er skrevet.`,
    "en-US": ({ file }) => `${file} already exists and is not replaced. Use --force to replace it, or choose another name with --out. Nothing was written.`,
  } as Localized<{ file: string }>,
  isFolder: {
    "nb-NO": ({ file }) => `${file} er en mappe, ikke en fil. Oppgi et filnavn med --out, for eksempel ${file}/budsjett.xlsx. Ingenting er skrevet.`,
    "en-US": ({ file }) => `${file} is a folder, not a file. Give a file name with --out, for example ${file}/budget.xlsx. Nothing was written.`,
  } as Localized<{ file: string }>,
  notRegular: {
    "nb-NO": ({ file }) =>
      `${file} er ikke en vanlig fil (men en enhet, et rør, en socket eller en lenke til ingenting). kbr skriver bare vanlige filer; velg et annet navn med --out. Ingenting er skrevet.`,
    "en-US": ({ file }) =>
      `${file} is not a regular file (it is a device, a pipe, a socket or a link to nothing). kbr writes only regular files; choose another name with --out. Nothing was written.`,
  } as Localized<{ file: string }>,
  readOnly: {
    "nb-NO": ({ file }) => `${file} er skrivebeskyttet og blir ikke erstattet, heller ikke med --force. Velg et annet navn med --out. Ingenting er skrevet.`,
    "en-US": ({ file }) => `${file} is read-only and is not replaced, not even with --force. Choose another name with --out. Nothing was written.`,
  } as Localized<{ file: string }>,
  wouldReplaceInput: {
    "nb-NO": ({ file }) => `${file} er inndatafilen. kbr erstatter den bare når du selv oppgir den med --out. Ingenting er skrevet.`,
    "en-US": ({ file }) => `${file} is the input file. kbr replaces it only when you name it with --out yourself. Nothing was written.`,
  } as Localized<{ file: string }>,
  noFolder: {
    "nb-NO": ({ file, folder }) => `Kan ikke skrive ${file}: mappen ${folder} finnes ikke. Ingenting er skrevet.`,
    "en-US": ({ file, folder }) => `Cannot write ${file}: the folder ${folder} does not exist. Nothing was written.`,
  } as Localized<{ file: string; folder: string }>,
  folderReadOnly: {
    "nb-NO": ({ file, folder }) => `Kan ikke skrive ${file}: du har ikke skrivetilgang til mappen ${folder}. Ingenting er skrevet.`,
    "en-US": ({ file, folder }) => `Cannot write ${file}: you may not write in the folder ${folder}. Nothing was written.`,
  } as Localized<{ file: string; folder: string }>,
  cannotUse: {
    "nb-NO": ({ file, code }) => `Kan ikke bruke ${file} som utfil: ${errnoText(code, "nb-NO")}. Ingenting er skrevet.`,
    "en-US": ({ file, code }) => `Cannot use ${file} as the output file: ${errnoText(code, "en-US")}. Nothing was written.`,
  } as Localized<{ file: string; code: string }>,
  writeFailed: {
    "nb-NO": ({ file, code }) => `Kunne ikke skrive ${file}: ${errnoText(code, "nb-NO")}. Ingen fil er endret.`,
    "en-US": ({ file, code }) => `Could not write ${file}: ${errnoText(code, "en-US")}. No file was changed.`,
  } as Localized<{ file: string; code: string }>,
};

/**
 * Usage errors (cli.ts translates commander's): each names the option, argument or command.
 * `cmd` is the command as typed, e.g. `kbr check`.
 */
export const USAGE_MESSAGES = {
  unknownOption: {
    "nb-NO": ({ cmd, flag }) => `${cmd}: ukjent valg ${flag}.`,
    "en-US": ({ cmd, flag }) => `${cmd}: unknown option ${flag}.`,
  } as Localized<{ cmd: string; flag: string }>,
  unknownCommand: {
    "nb-NO": ({ cmd, name, list }) => `${cmd}: ukjent kommando «${name}». Kommandoene er ${list}.`,
    "en-US": ({ cmd, name, list }) => `${cmd}: unknown command "${name}". The commands are ${list}.`,
  } as Localized<{ cmd: string; name: string; list: string }>,
  missingArgument: {
    "nb-NO": ({ cmd, name }) => `${cmd}: argumentet <${name}> mangler.`,
    "en-US": ({ cmd, name }) => `${cmd}: the argument <${name}> is missing.`,
  } as Localized<{ cmd: string; name: string }>,
  optionMissingArgument: {
    "nb-NO": ({ cmd, flags }) => `${cmd}: valget ${flags} mangler verdien sin.`,
    "en-US": ({ cmd, flags }) => `${cmd}: the option ${flags} is missing its value.`,
  } as Localized<{ cmd: string; flags: string }>,
  missingMandatoryOption: {
    "nb-NO": ({ cmd, flags }) => `${cmd}: valget ${flags} må oppgis.`,
    "en-US": ({ cmd, flags }) => `${cmd}: the option ${flags} is required.`,
  } as Localized<{ cmd: string; flags: string }>,
  excessArguments: {
    "nb-NO": ({ cmd, expected, extra }) =>
      `${cmd}: for mange argumenter (${extra}). Kommandoen tar ${expected === 0 ? "ingen argumenter" : expected === 1 ? "ett argument" : `${expected} argumenter`}.`,
    "en-US": ({ cmd, expected, extra }) =>
      `${cmd}: too many arguments (${extra}). The command takes ${expected === 0 ? "no arguments" : expected === 1 ? "one argument" : `${expected} arguments`}.`,
  } as Localized<{ cmd: string; expected: number; extra: string }>,
  badScenario: {
    "nb-NO": ({ cmd, value }) => `${cmd}: --scenario «${value}» er ikke en andel likt fordelt mellom 0 og 1. Skriv for eksempel 0,3, 0.3 eller 30 %.`,
    "en-US": ({ cmd, value }) => `${cmd}: --scenario "${value}" is not an equal share from 0 to 1. Write for example 0.3, 0,3 or 30%.`,
  } as Localized<{ cmd: string; value: string }>,
  other: {
    "nb-NO": ({ cmd }) => `${cmd}: ugyldig bruk av kommandoen.`,
    "en-US": ({ cmd }) => `${cmd}: invalid use of the command.`,
  } as Localized<{ cmd: string }>,
  didYouMean: {
    "nb-NO": ({ list }) => `Mente du ${list}?`,
    "en-US": ({ list }) => `Did you mean ${list}?`,
  } as Localized<{ list: string }>,
  hint: {
    "nb-NO": ({ cmd }) => `Skriv «${cmd} --help» for hjelp.`,
    "en-US": ({ cmd }) => `Run "${cmd} --help" for help.`,
  } as Localized<{ cmd: string }>,
};

/** "a, b or c" in the locale's words. */
export function orList(items: readonly string[], locale: Locale): string {
  const or = locale === "nb-NO" ? " eller " : " or ";
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")}${or}${items[items.length - 1]}`;
}

/** "a, b and c" in the locale's words. */
export function andList(items: readonly string[], locale: Locale): string {
  const and = locale === "nb-NO" ? " og " : " and ";
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")}${and}${items[items.length - 1]}`;
}

/** Commander's own help headings, translated (it prints them in English otherwise). */
export const HELP_TITLES: Record<Locale, Record<string, string>> = {
  "nb-NO": {
    "Usage:": "Bruk:",
    "Options:": "Valg:",
    "Commands:": "Kommandoer:",
    "Arguments:": "Argumenter:",
    "Global Options:": "Felles valg:",
  },
  "en-US": {},
};
