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
  out: {
    "nb-NO": "fil som skal skrives (standard: <input>-kbr.xlsx, eller kbr-budsjett.xlsx uten --input)",
    "en-US": "file to write (default: <input>-kbr.xlsx, or kbr-budsjett.xlsx without --input)",
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
} satisfies Record<string, Texts>;

export const CLI_MESSAGES = {
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
