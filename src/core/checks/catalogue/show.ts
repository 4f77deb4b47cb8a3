/**
 * How values appear in finding messages: numbers as the locale writes them (scientific from
 * 10^15), blanks and booleans in words, and invisible characters made visible and named.
 */
import { formatNumber, type Locale } from "../../i18n";
import type { CellValue } from "../../workbook/types";

/** Invisible format characters (zero-width space, soft hyphen, BOM, …): Unicode category Cf. */
export const INVISIBLE = /\p{Cf}/gu;

/** The text with each invisible character shown as ⟨U+200B⟩, so a message can point at it. */
/** Whitespace that looks like a space but is not one (Excel's TRIM keeps it, so a name with it matches nothing). */
const SPACE_LOOKALIKE = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu;

function revealInvisible(s: string): string {
  const code = (ch: string) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}⟩`;
  return s.replace(INVISIBLE, code).replace(SPACE_LOOKALIKE, code);
}

const INVISIBLE_NAMES: Record<string, Record<Locale, string>> = {
  "200B": { "nb-NO": "nullbredde mellomrom", "en-US": "zero-width space" },
  "200C": { "nb-NO": "nullbredde ikke-binder", "en-US": "zero-width non-joiner" },
  "200D": { "nb-NO": "nullbredde binder", "en-US": "zero-width joiner" },
  "200E": { "nb-NO": "venstre-til-høyre-merke", "en-US": "left-to-right mark" },
  "200F": { "nb-NO": "høyre-til-venstre-merke", "en-US": "right-to-left mark" },
  "2060": { "nb-NO": "ordbinder", "en-US": "word joiner" },
  FEFF: { "nb-NO": "byte-rekkefølgemerke", "en-US": "byte order mark" },
  "00AD": { "nb-NO": "myk bindestrek", "en-US": "soft hyphen" },
};

/** The distinct invisible characters of `s`, named: `U+200B (nullbredde mellomrom)`. */
export function invisibleList(s: string, locale: Locale): string {
  const codes = [...new Set(s.match(INVISIBLE) ?? [])].map((ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0"));
  const other = locale === "nb-NO" ? "usynlig formateringstegn" : "invisible format character";
  return codes.map((c) => `U+${c} (${INVISIBLE_NAMES[c]?.[locale] ?? other})`).join(", ");
}

/**
 * A number as the locale writes it; from 10^15 on (past a spreadsheet's 15 digits) in Excel's
 * scientific form, `1,5E+308`, instead of three hundred digits.
 */
export function showNumber(x: number, locale: Locale, maxDecimals = 2): string {
  if (!Number.isFinite(x) || Math.abs(x) < 1e15) return formatNumber(x, locale, maxDecimals);
  const [mantissa, exp] = x.toExponential().split("e");
  const m = formatNumber(Number(Number(mantissa).toPrecision(6)), locale, 5);
  return `${m}E${exp.startsWith("-") ? exp : "+" + exp.replace("+", "")}`;
}

/** A cell value as users see it in a message (invisible characters shown, see revealInvisible). */
export function showValue(v: CellValue | undefined, locale: Locale): string {
  const nb = locale === "nb-NO";
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return nb ? "(tom)" : "(blank)";
  if (typeof v === "number") return showNumber(v, locale, 6);
  if (typeof v === "boolean") return nb ? (v ? "SANN" : "USANN") : v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  const shown = revealInvisible(v);
  return nb ? `«${shown}»` : `"${shown}"`;
}


/** An amount in a message (scientific past 15 digits). */
export const n = (x: number | undefined, l: Locale) => showNumber(x ?? 0, l);
/** A share 0–1 in a message, as a percentage. */
export const pct = (x: number | undefined, l: Locale) => `${formatNumber((x ?? 0) * 100, l, 1)} %`;
