/**
 * Every message the custom functions show, in both languages. Each entry is a `Localized`
 * record, so a missing translation is a type error. Argument names (populations, total, ...)
 * are the same in every language, like the function names.
 */
import type { Locale, Localized } from "../core/i18n";

/** Where a cell is inside a one-row or one-column range, 1-based as a user counts. */
export interface Position {
  axis: "row" | "column";
  index: number;
}

export function positionText(p: Position, locale: Locale): string {
  if (locale === "nb-NO") return `${p.axis === "row" ? "rad" : "kolonne"} ${p.index}`;
  return `${p.axis} ${p.index}`;
}

/** A cell value quoted for a message: texts in quotes, numbers as Excel's General format shows them. */
export function shown(value: unknown, locale: Locale): string {
  // No thousands separators (2009 stays 2009) and the locale's decimal comma.
  if (typeof value === "number") return locale === "nb-NO" ? String(value).replace(".", ",") : String(value);
  if (typeof value === "boolean") return locale === "nb-NO" ? (value ? "SANN" : "USANN") : value ? "TRUE" : "FALSE";
  // Error values and data types (entities) arrive as objects: describe them, don't print [object Object].
  if (typeof value === "object" && value !== null) return locale === "nb-NO" ? "en feilverdi eller datatype" : "an error value or data type";
  const text = String(value);
  const cut = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  return locale === "nb-NO" ? `«${cut}»` : `"${cut}"`;
}

/** An error value (CustomFunctions.Error) or a data type (entity, formatted number...): Excel passes both as objects. */
export function isErrorOrDataType(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type At = { at: string };
type AtValue = { at: string; value: string };
type Value = { value: string };

export const messages = {
  // KBR.SPLIT
  populationsText: {
    "nb-NO": (p) => `populations, ${p.at}: ${p.value} er tekst, ikke et tall.`,
    "en-US": (p) => `populations, ${p.at}: ${p.value} is text, not a number.`,
  } satisfies Localized<AtValue>,
  populationsBoolean: {
    "nb-NO": (p) => `populations, ${p.at}: ${p.value} er en sannhetsverdi, ikke et tall.`,
    "en-US": (p) => `populations, ${p.at}: ${p.value} is a logical value, not a number.`,
  } satisfies Localized<AtValue>,
  populationsBlank: {
    "nb-NO": (p) => `populations, ${p.at}: cellen er tom; skriv innbyggertallet (0 hvis ingen).`,
    "en-US": (p) => `populations, ${p.at}: the cell is blank; enter the population (0 if none).`,
  } satisfies Localized<At>,
  populationsError: {
    "nb-NO": (p) => `populations, ${p.at}: cellen inneholder en feilverdi eller en datatype, ikke et tall.`,
    "en-US": (p) => `populations, ${p.at}: the cell holds an error value or a data type, not a number.`,
  } satisfies Localized<At>,
  populationsNegative: {
    "nb-NO": (p) => `populations, ${p.at}: ${p.value} er negativt; innbyggertall må være 0 eller mer.`,
    "en-US": (p) => `populations, ${p.at}: ${p.value} is negative; populations must be 0 or more.`,
  } satisfies Localized<AtValue>,
  populationsNotFinite: {
    "nb-NO": (p) => `populations, ${p.at}: ${p.value} er ikke et endelig tall.`,
    "en-US": (p) => `populations, ${p.at}: ${p.value} is not a finite number.`,
  } satisfies Localized<AtValue>,
  populationsBlock: {
    "nb-NO": (p) => `populations må være én kolonne eller én rad, ikke ${p.rows} rader × ${p.columns} kolonner.`,
    "en-US": (p) => `populations must be one column or one row, not ${p.rows} rows × ${p.columns} columns.`,
  } satisfies Localized<{ rows: number; columns: number }>,
  populationsRagged: {
    "nb-NO": (p) => `populations, rad ${p.row}: ${p.count === 1 ? "1 celle" : `${p.count} celler`}, men rad 1 har ${p.first}; gi én kolonne eller én rad.`,
    "en-US": (p) => `populations, row ${p.row}: ${p.count === 1 ? "1 cell" : `${p.count} cells`}, but row 1 has ${p.first}; give one column or one row.`,
  } satisfies Localized<{ row: number; count: number; first: number }>,
  populationsEmpty: {
    "nb-NO": "populations er tomt: gi minst én celle.",
    "en-US": "populations is empty: give at least one cell.",
  } satisfies Localized,
  populationsTooMany: {
    "nb-NO": (p) => `populations har ${p.count} celler; høyst ${p.max} er tillatt.`,
    "en-US": (p) => `populations has ${p.count} cells; at most ${p.max} are allowed.`,
  } satisfies Localized<{ count: string; max: string }>,
  populationsSumZero: {
    "nb-NO": "populations summerer til 0, så befolkningsdelen kan ikke fordeles (sett equal_share til 1 for å fordele alt likt).",
    "en-US": "populations add up to 0, so the population part cannot be split (set equal_share to 1 to split everything equally).",
  } satisfies Localized,
  totalNotNumber: {
    "nb-NO": (p) => `total: ${p.value} er ikke et tall.`,
    "en-US": (p) => `total: ${p.value} is not a number.`,
  } satisfies Localized<Value>,
  equalShareNotNumber: {
    "nb-NO": (p) => `equal_share: ${p.value} er ikke et tall; gi en andel fra 0 til 1 (f.eks. 0,5).`,
    "en-US": (p) => `equal_share: ${p.value} is not a number; give a share from 0 to 1 (e.g. 0.5).`,
  } satisfies Localized<Value>,
  equalShareRange: {
    "nb-NO": (p) => `equal_share: ${p.value} er utenfor 0–1 (0,5 betyr 50 % likt fordelt).`,
    "en-US": (p) => `equal_share: ${p.value} is outside 0–1 (0.5 means 50 % split equally).`,
  } satisfies Localized<Value>,
  decimalsNotNumber: {
    "nb-NO": (p) => `decimals: ${p.value} er ikke et tall; gi et heltall fra -9 til 9.`,
    "en-US": (p) => `decimals: ${p.value} is not a number; give a whole number from -9 to 9.`,
  } satisfies Localized<Value>,
  decimalsNotInteger: {
    "nb-NO": (p) => `decimals: ${p.value} er ikke et heltall; gi et heltall fra -9 til 9.`,
    "en-US": (p) => `decimals: ${p.value} is not a whole number; give a whole number from -9 to 9.`,
  } satisfies Localized<Value>,
  decimalsRange: {
    "nb-NO": (p) => `decimals: ${p.value} er utenfor -9 til 9.`,
    "en-US": (p) => `decimals: ${p.value} is outside -9 to 9.`,
  } satisfies Localized<Value>,
  detailNotBoolean: {
    "nb-NO": (p) => `detail: ${p.value} er ikke SANN eller USANN.`,
    "en-US": (p) => `detail: ${p.value} is not TRUE or FALSE.`,
  } satisfies Localized<Value>,
  totalTooLarge: {
    "nb-NO": "total: beløpet er for stort til å fordeles nøyaktig: avrundet må det være høyst 9 007 199 254 740 991 (2^53 − 1) kroner, og med desimaler høyst 10^15 (1 000 000 000 000 000) enheter av avrundingen. Del beløpet opp, eller rund av til færre desimaler.",
    "en-US": "total: the amount is too large to split exactly: rounded, it must be at most 9,007,199,254,740,991 (2^53 − 1) kroner, and with decimals at most 10^15 (1,000,000,000,000,000) units of the rounding. Split the amount up, or round to fewer decimals.",
  } satisfies Localized,
  allocationFailed: {
    "nb-NO": (p) => `Fordelingen kunne ikke beregnes (${p.reason}).`,
    "en-US": (p) => `The split could not be computed (${p.reason}).`,
  } satisfies Localized<{ reason: string }>,

  // KBR.RESOURCE_SHARE
  municipalityUnknown: {
    "nb-NO": (p) => `municipality: ${p.value} er ikke en kjent kommune (kjente: ${p.known}).`,
    "en-US": (p) => `municipality: ${p.value} is not a known municipality (known: ${p.known}).`,
  } satisfies Localized<{ value: string; known: string }>,
  municipalityNotText: {
    "nb-NO": (p) => `municipality, ${p.at}: ${p.value} er ikke et kommunenavn.`,
    "en-US": (p) => `municipality, ${p.at}: ${p.value} is not a municipality name.`,
  } satisfies Localized<AtValue>,
  municipalityError: {
    "nb-NO": (p) => `municipality, ${p.at}: cellen inneholder en feilverdi eller en datatype, ikke et kommunenavn.`,
    "en-US": (p) => `municipality, ${p.at}: the cell holds an error value or a data type, not a municipality name.`,
  } satisfies Localized<At>,
  municipalityBlank: {
    "nb-NO": "municipality er tom: gi et kommunenavn, f.eks. \"Tinn\".",
    "en-US": "municipality is blank: give a municipality name, e.g. \"Tinn\".",
  } satisfies Localized,
  amountNotNumber: {
    "nb-NO": (p) => `amount: ${p.value} er ikke et tall.`,
    "en-US": (p) => `amount: ${p.value} is not a number.`,
  } satisfies Localized<Value>,
  weightsColumns: {
    "nb-NO": (p) => `weights må ha to kolonner (kommune, andel), ikke ${p.columns}.`,
    "en-US": (p) => `weights must have two columns (municipality, share), not ${p.columns}.`,
  } satisfies Localized<{ columns: number }>,
  weightsEmpty: {
    "nb-NO": "weights har ingen utfylte rader.",
    "en-US": "weights has no filled-in rows.",
  } satisfies Localized,
  weightsNameNotText: {
    "nb-NO": (p) => `weights, rad ${p.row}: kommunenavnet ${p.value} er ikke tekst.`,
    "en-US": (p) => `weights, row ${p.row}: the municipality name ${p.value} is not text.`,
  } satisfies Localized<{ row: number; value: string }>,
  weightsNameBlank: {
    "nb-NO": (p) => `weights, rad ${p.row}: kommunenavnet mangler.`,
    "en-US": (p) => `weights, row ${p.row}: the municipality name is missing.`,
  } satisfies Localized<{ row: number }>,
  weightsNameError: {
    "nb-NO": (p) => `weights, rad ${p.row}: navnecellen inneholder en feilverdi eller en datatype, ikke et kommunenavn.`,
    "en-US": (p) => `weights, row ${p.row}: the name cell holds an error value or a data type, not a municipality name.`,
  } satisfies Localized<{ row: number }>,
  weightsShareError: {
    "nb-NO": (p) => `weights, rad ${p.row}: andelscellen inneholder en feilverdi eller en datatype, ikke et tall.`,
    "en-US": (p) => `weights, row ${p.row}: the share cell holds an error value or a data type, not a number.`,
  } satisfies Localized<{ row: number }>,
  weightsShareNotNumber: {
    "nb-NO": (p) => `weights, rad ${p.row}: andelen ${p.value} er ikke et tall.`,
    "en-US": (p) => `weights, row ${p.row}: the share ${p.value} is not a number.`,
  } satisfies Localized<{ row: number; value: string }>,
  weightsShareRange: {
    "nb-NO": (p) => `weights, rad ${p.row}: andelen ${p.value} er utenfor 0–1.`,
    "en-US": (p) => `weights, row ${p.row}: the share ${p.value} is outside 0–1.`,
  } satisfies Localized<{ row: number; value: string }>,
  weightsDuplicate: {
    "nb-NO": (p) => `weights, rad ${p.row}: ${p.value} står allerede i rad ${p.first}.`,
    "en-US": (p) => `weights, row ${p.row}: ${p.value} already appears in row ${p.first}.`,
  } satisfies Localized<{ row: number; first: number; value: string }>,
};
