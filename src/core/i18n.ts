/** The two languages of every user-facing text. */
export type Locale = "nb-NO" | "en-US";

export const LOCALES: readonly Locale[] = ["nb-NO", "en-US"];

/**
 * Maps a BCP-47 tag from the host (Office display language, LANG, navigator.language) to one of
 * ours. Norwegian in any form (nb, nn, no) gets bokmål; everything else gets English.
 */
export function pickLocale(tag: string | null | undefined): Locale {
  const t = (tag ?? "").toLowerCase().replace("_", "-");
  return /^(nb|nn|no)(-|$)/.test(t) ? "nb-NO" : "en-US";
}

/** A text in both languages; catalogues are records of these so a missing translation is a type error. */
export type Localized<P = void> = P extends void
  ? Record<Locale, string>
  : Record<Locale, (params: P) => string>;

/** One language of a parameterised message. */
export function say<P>(msg: Localized<P>, locale: Locale, params: P): string {
  // Localized<P> is a conditional type; TypeScript cannot narrow it for a generic P.
  return (msg as Record<Locale, (p: P) => string>)[locale](params);
}

/** Both languages of a parameterised message (what the adapters' errors carry). */
export function both<P>(msg: Localized<P>, params: P): Record<Locale, string> {
  return { "nb-NO": say(msg, "nb-NO", params), "en-US": say(msg, "en-US", params) };
}

/** Formats an integer or decimal the way the locale writes it (nb-NO: space thousands, comma decimals). */
export function formatNumber(value: number, locale: Locale, maxDecimals = 2): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals }).format(value).replace(/\u00a0|\u202f/g, " ");
}
