/**
 * Which cell styles show a date: the number format of each cellXfs entry (built-in ids, or a
 * custom format code with day, month, year, hour or second codes outside quotes, escapes and
 * brackets). The model needs dates as dates (Befolkningsdato); other formats stay numbers.
 */
import type { Package } from "../package/types";
import { walkPart } from "./workbook";

/** Built-in number formats that are dates or times (ECMA-376 18.8.30 and East Asian 27–36, 50–58). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** True when a custom number format code shows a date or time. */
export function isDateFormat(code: string): boolean {
  // Only the first section (positive numbers) decides, as Excel shows the value with it.
  const plain = code
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/[_*]./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .split(";")[0];
  if (/^general$/i.test(plain.trim())) return false;
  return /[dmyhs]/i.test(plain.replace(/E[+-]/gi, ""));
}

/** Per cellXfs index: does the style show a date? */
export async function dateStyles(pkg: Package, stylesPart: string | undefined): Promise<boolean[]> {
  if (!stylesPart) return [];
  const custom = new Map<number, string>();
  const xfNumFmts: number[] = [];
  let inCellXfs = false;
  await walkPart(pkg, stylesPart, {
    open: (name, attrs) => {
      if (name === "numFmt") custom.set(Number(attrs.numFmtId), attrs.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) xfNumFmts.push(Number(attrs.numFmtId ?? 0));
    },
    close: (name) => {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return xfNumFmts.map((id) => {
    const code = custom.get(id);
    return code !== undefined ? isDateFormat(code) : BUILTIN_DATE_IDS.has(id);
  });
}

const DAY_MS = 86_400_000;

/**
 * An Excel serial date as a UTC Date. 1900 system: day 1 is 1900-01-01 and Excel counts a
 * 29 February 1900 that never was, so serials from 61 on count from 1899-12-30 and earlier
 * ones from 1899-12-31. 1904 system: day 0 is 1904-01-01.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : serial >= 61 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  return new Date(epoch + Math.round(serial * DAY_MS));
}
