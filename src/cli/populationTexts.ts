/**
 * The texts of `kbr populations` (src/cli/populations.ts), in bokmål and US English. A module of
 * its own so that cli.ts can describe the command without loading the command (see cli.ts).
 */
import type { Locale, Localized } from "../core/i18n";

export const POPULATION_TEXTS = {
  command: {
    "nb-NO": "Hent innbyggertall fra Statistisk sentralbyrå (tabell 07459), vis hva som endres, skriv dem i Kommuner med kilde, og bygg arkene på nytt.",
    "en-US": "Fetch populations from Statistics Norway (table 07459), show what changes, write them into Kommuner with their source, and rebuild the sheets.",
  },
  file: {
    "nb-NO": "arbeidsboken med inndatatabellene (.xlsx); den endres bare når --out peker på den",
    "en-US": "the workbook holding the input tables (.xlsx); it is changed only when --out names it",
  },
  json: {
    "nb-NO": "skriv ut ett JSON-objekt (table, updated, fetched, municipalities med years) på stdout",
    "en-US": "print one JSON object (table, updated, fetched, municipalities with years) on stdout",
  },
  from: {
    "nb-NO": "les et lagret JSON-stat 2-svar på dataspørringen i stedet for å hente (ingen nettverk)",
    "en-US": "read a saved JSON-stat 2 answer of the data request instead of fetching (no network)",
  },
  useLatest: {
    "nb-NO": "bruk siste publiserte år for et budsjettår SSB ikke har tall for ennå (kilderaden sier det)",
    "en-US": "use the latest published year for a budget year SSB has no figures for yet (the source row says so)",
  },
  out: {
    "nb-NO": "fil som skal skrives (standard: <fil>-kbr.xlsx); en fil som finnes erstattes bare med --force",
    "en-US": "file to write (default: <file>-kbr.xlsx); an existing file is replaced only with --force",
  },
  heading: {
    "nb-NO": ({ updated }: { updated: string }) => `Innbyggertall fra Statistisk sentralbyrå, tabell 07459${updated ? ` (oppdatert ${updated})` : ""}:`,
    "en-US": ({ updated }: { updated: string }) => `Populations from Statistics Norway, table 07459${updated ? ` (updated ${updated})` : ""}:`,
  } as Localized<{ updated: string }>,
  columns: {
    "nb-NO": ["Kommune", "Nr.", "År", "Per", "Arbeidsbok", "SSB", "Endring bidrag (kr)"],
    "en-US": ["Municipality", "No.", "Year", "At", "Workbook", "SSB", "Change in contribution (kr)"],
  } as Record<Locale, string[]>,
  notPublished: { "nb-NO": "ikke publisert", "en-US": "not published" },
  request: {
    "nb-NO": ({ method, url }) => `Spørring: ${method} ${url}`,
    "en-US": ({ method, url }) => `Request: ${method} ${url}`,
  } as Localized<{ method: string; url: string }>,
  noMunicipalities: {
    "nb-NO": ({ file }) => `${file} har ingen kommuner i tabellen Kommuner (kolonnen Kommune); ingenting er hentet eller skrevet.`,
    "en-US": ({ file }) => `${file} has no municipalities in the table Kommuner (column Kommune); nothing was fetched or written.`,
  } as Localized<{ file: string }>,
  noYears: {
    "nb-NO": ({ file }) => `${file} har ingen budsjettår (årskolonner i Kostnader eller Finansiering); ingenting er hentet eller skrevet.`,
    "en-US": ({ file }) => `${file} has no budget years (year columns in Kostnader or Finansiering); nothing was fetched or written.`,
  } as Localized<{ file: string }>,
  fromUnreadable: {
    "nb-NO": ({ file, reason }) => `Kan ikke lese det lagrede svaret ${file}: ${reason}.`,
    "en-US": ({ file, reason }) => `Cannot read the saved answer ${file}: ${reason}.`,
  } as Localized<{ file: string; reason: string }>,
  nothingToWrite: {
    "nb-NO": "Ingen av årene har publiserte tall; ingenting er skrevet.",
    "en-US": "None of the years has published figures; nothing was written.",
  },
  wrote: {
    "nb-NO": ({ file, columns, sheets }) => `Skrev ${file}: ${columns} i Kommuner, Kilde innbyggertall i Parametere; ark: ${sheets}.`,
    "en-US": ({ file, columns, sheets }) => `Wrote ${file}: ${columns} in Kommuner, Kilde innbyggertall in Parametere; sheets: ${sheets}.`,
  } as Localized<{ file: string; columns: string; sheets: string }>,
};

