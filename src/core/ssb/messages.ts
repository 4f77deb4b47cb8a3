/**
 * Every text of the SSB population client (src/core/ssb/pxweb.ts), in bokmål and English: the
 * failures of a fetch (network, HTTP, the answer) and the findings of matching and reading it.
 * Anything taken from SSB's answer (a label, a title) is passed in as plain text; callers that show
 * these messages in a page set them as text, never as HTML.
 */
import { formatNumber, type Localized } from "../i18n";

/** "30 sekunder" / "2 minutter": a wait, rounded up to whole minutes from 90 s on. */
function waitText(seconds: number, nb: boolean): string {
  if (seconds < 90) {
    const s = Math.max(1, Math.ceil(seconds));
    return nb ? `${s} ${s === 1 ? "sekund" : "sekunder"}` : `${s} ${s === 1 ? "second" : "seconds"}`;
  }
  const m = Math.ceil(seconds / 60);
  return nb ? `${m} minutter` : `${m} minutes`;
}

export type RetryParams = { retryAfterSeconds: number | null };

export const SSB_MESSAGES = {
  network: {
    "nb-NO": ({ url }) =>
      `Fikk ikke kontakt med Statistisk sentralbyrå (${url}). Sjekk nettforbindelsen (eller proxy/brannmur) og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ url }) =>
      `Could not reach Statistics Norway (${url}). Check the network connection (or proxy/firewall) and try again; nothing was written.`,
  } as Localized<{ url: string }>,
  timeout: {
    "nb-NO": ({ seconds }) =>
      `Statistisk sentralbyrå svarte ikke innen ${formatNumber(seconds, "nb-NO", 1)} sekunder. Prøv igjen om litt; ingenting er skrevet.`,
    "en-US": ({ seconds }) => `Statistics Norway did not answer within ${formatNumber(seconds, "en-US", 1)} seconds. Try again shortly; nothing was written.`,
  } as Localized<{ seconds: number }>,
  badRequest: {
    "nb-NO": ({ detail, numbers }) =>
      `Statistisk sentralbyrå avviste spørringen (HTTP 400${detail ? `: «${detail}»` : ""}). Oftest er et kommunenummer ukjent for SSB (sendt: ${numbers}); sjekk kolonnen Kommunenummer i Kommuner. Ingenting er skrevet.`,
    "en-US": ({ detail, numbers }) =>
      `Statistics Norway rejected the request (HTTP 400${detail ? `: "${detail}"` : ""}). Most often a municipality number is unknown to SSB (sent: ${numbers}); check the Kommunenummer column of Kommuner. Nothing was written.`,
  } as Localized<{ detail: string; numbers: string }>,
  notFound: {
    "nb-NO": ({ url }) =>
      `Statistisk sentralbyrå fant ikke tabell 07459 på ${url} (HTTP 404). Adressen kan være feil (KBR_SSB_URL) eller SSB har flyttet API-et; ingenting er skrevet.`,
    "en-US": ({ url }) =>
      `Statistics Norway did not find table 07459 at ${url} (HTTP 404). The address may be wrong (KBR_SSB_URL) or SSB has moved the API; nothing was written.`,
  } as Localized<{ url: string }>,
  rateLimited: {
    "nb-NO": ({ retryAfterSeconds }) =>
      `Statistisk sentralbyrå har fått for mange spørringer fra denne adressen (HTTP 429; grensen gjelder alle på samme nett, omtrent 30 i minuttet). Prøv igjen om ${waitText(retryAfterSeconds ?? 60, true)}; ingenting er skrevet.`,
    "en-US": ({ retryAfterSeconds }) =>
      `Statistics Norway has had too many requests from this address (HTTP 429; the limit is shared by everyone on the same network, about 30 a minute). Try again in ${waitText(retryAfterSeconds ?? 60, false)}; nothing was written.`,
  } as Localized<RetryParams>,
  unavailable: {
    "nb-NO": ({ retryAfterSeconds }) =>
      `Statistisk sentralbyrås API er utilgjengelig akkurat nå (HTTP 503; det oppdateres blant annet rundt kl. 05.00 og 11.30). Prøv igjen om ${waitText(retryAfterSeconds ?? 600, true)}; ingenting er skrevet.`,
    "en-US": ({ retryAfterSeconds }) =>
      `Statistics Norway's API is unavailable right now (HTTP 503; it updates around 05:00 and 11:30 among other times). Try again in ${waitText(retryAfterSeconds ?? 600, false)}; nothing was written.`,
  } as Localized<RetryParams>,
  httpStatus: {
    "nb-NO": ({ status }) => `Statistisk sentralbyrå svarte med en feil (HTTP ${status}). Prøv igjen senere; ingenting er skrevet.`,
    "en-US": ({ status }) => `Statistics Norway answered with an error (HTTP ${status}). Try again later; nothing was written.`,
  } as Localized<{ status: number }>,
  malformed: {
    "nb-NO": ({ detail }) =>
      `Svaret fra Statistisk sentralbyrå er ikke en tabell i JSON-stat 2-formatet som ventet (${detail}); ingenting er skrevet.`,
    "en-US": ({ detail }) => `Statistics Norway's answer is not a table in the expected JSON-stat 2 format (${detail}); nothing was written.`,
  } as Localized<{ detail: string }>,
  tooLarge: {
    "nb-NO": ({ limit }) =>
      `Svaret fra Statistisk sentralbyrå er større enn ${formatNumber(limit / 1_000_000, "nb-NO")} MB og ble ikke lest (for mange kommuner og år i én spørring?); ingenting er skrevet.`,
    "en-US": ({ limit }) =>
      `Statistics Norway's answer is larger than ${formatNumber(limit / 1_000_000, "en-US")} MB and was not read (too many municipalities and years in one request?); nothing was written.`,
  } as Localized<{ limit: number }>,

  // Findings: each names its row of Kommuner (the prefix comes from the finding's place).
  numberBad: {
    "nb-NO": ({ value }) =>
      `«${value}» er ikke et kommunenummer. Skriv dagens firesifrede kommunenummer som tekst, for eksempel 3303 for Kongsberg.`,
    "en-US": ({ value }) =>
      `"${value}" is not a municipality number. Enter today's four-digit municipality number as text, e.g. 3303 for Kongsberg.`,
  } as Localized<{ value: string }>,
  numberUnknown: {
    "nb-NO": ({ number, name }) =>
      `Kommunenummer ${number} (${name}) finnes ikke blant dagens kommuner hos Statistisk sentralbyrå. Numrene endret seg i 2020 og 2024; skriv dagens nummer.`,
    "en-US": ({ number, name }) =>
      `Municipality number ${number} (${name}) is not among today's municipalities at Statistics Norway. Numbers changed in 2020 and 2024; enter today's number.`,
  } as Localized<{ number: string; name: string }>,
  numberDuplicate: {
    "nb-NO": ({ number, name }) => `Kommunenummer ${number} står også på raden for «${name}». Hver kommune skal ha sitt eget nummer.`,
    "en-US": ({ number, name }) => `Municipality number ${number} is also on the row of "${name}". Each municipality must have its own number.`,
  } as Localized<{ number: string; name: string }>,
  nameUnknown: {
    "nb-NO": ({ name }) =>
      `«${name}» er ikke navnet på en av dagens kommuner hos Statistisk sentralbyrå. Legg til kolonnen Kommunenummer i Kommuner og skriv kommunens nummer (for eksempel 3303).`,
    "en-US": ({ name }) =>
      `"${name}" is not the name of one of today's municipalities at Statistics Norway. Add the column Kommunenummer to Kommuner and enter the municipality's number (e.g. 3303).`,
  } as Localized<{ name: string }>,
  nameAmbiguous: {
    "nb-NO": ({ name, candidates }) =>
      `«${name}» passer til flere kommuner hos Statistisk sentralbyrå: ${candidates}. Legg til kolonnen Kommunenummer i Kommuner og skriv nummeret til den riktige.`,
    "en-US": ({ name, candidates }) =>
      `"${name}" fits several municipalities at Statistics Norway: ${candidates}. Add the column Kommunenummer to Kommuner and enter the number of the right one.`,
  } as Localized<{ name: string; candidates: string }>,
  nameDiffers: {
    "nb-NO": ({ name, number, ssbName }) =>
      `Kommunenummer ${number} heter «${ssbName}» hos Statistisk sentralbyrå, ikke «${name}». Tallene hentes etter nummeret; sjekk at nummeret er riktig.`,
    "en-US": ({ name, number, ssbName }) =>
      `Municipality number ${number} is called "${ssbName}" at Statistics Norway, not "${name}". Figures are fetched by the number; check that the number is right.`,
  } as Localized<{ name: string; number: string; ssbName: string }>,
  valueMissing: {
    "nb-NO": ({ name, number, budgetYear, referenceYear, status }) =>
      `Statistisk sentralbyrå har ikke noe innbyggertall for ${name} (${number}) per 1.1.${referenceYear} (budsjettåret ${budgetYear})${status ? ` (markert «${status}»)` : ""}. Ingenting er skrevet.`,
    "en-US": ({ name, number, budgetYear, referenceYear, status }) =>
      `Statistics Norway has no population for ${name} (${number}) at 1 January ${referenceYear} (budget year ${budgetYear})${status ? ` (marked "${status}")` : ""}. Nothing was written.`,
  } as Localized<{ name: string; number: string; budgetYear: string; referenceYear: string; status: string }>,
  notInAnswer: {
    "nb-NO": ({ name, number }) =>
      `Svaret fra Statistisk sentralbyrå har ingen tall for ${name} (${number}). Ingenting er skrevet.`,
    "en-US": ({ name, number }) => `Statistics Norway's answer has no figures for ${name} (${number}). Nothing was written.`,
  } as Localized<{ name: string; number: string }>,
  yearUnpublished: {
    "nb-NO": ({ budgetYear, referenceYear, latest }) =>
      `Budsjettåret ${budgetYear} bruker innbyggertall per 1.1.${referenceYear}, som Statistisk sentralbyrå ikke har publisert ennå (siste publiserte: 1.1.${latest}). Året er ikke endret; velg «bruk siste publiserte» (--use-latest) for å bruke 1.1.${latest}.`,
    "en-US": ({ budgetYear, referenceYear, latest }) =>
      `Budget year ${budgetYear} uses the population at 1 January ${referenceYear}, which Statistics Norway has not published yet (latest published: 1 January ${latest}). The year is left as it is; choose "use the latest published" (--use-latest) to use 1 January ${latest}.`,
  } as Localized<{ budgetYear: string; referenceYear: string; latest: string }>,
  yearLatestUsed: {
    "nb-NO": ({ budgetYear, referenceYear, latest }) =>
      `Budsjettåret ${budgetYear} skulle bruke innbyggertall per 1.1.${referenceYear}, som ikke er publisert ennå; siste publiserte (1.1.${latest}) er brukt, og kilderaden sier det.`,
    "en-US": ({ budgetYear, referenceYear, latest }) =>
      `Budget year ${budgetYear} should use the population at 1 January ${referenceYear}, which is not published yet; the latest published (1 January ${latest}) is used, and the source row says so.`,
  } as Localized<{ budgetYear: string; referenceYear: string; latest: string }>,
  yearBad: {
    "nb-NO": ({ budgetYear }) => `«${budgetYear}» er ikke et årstall; innbyggertall fra Statistisk sentralbyrå hentes per budsjettår.`,
    "en-US": ({ budgetYear }) => `"${budgetYear}" is not a year; populations from Statistics Norway are fetched per budget year.`,
  } as Localized<{ budgetYear: string }>,
};
