/**
 * Which cell styles show a date: the number format of each cellXfs entry (built-in ids, or a
 * custom format code with day, month, year, hour or second codes outside quotes, escapes and
 * brackets). The model needs dates as dates (Befolkningsdato); other formats stay numbers.
 */
import type { Package } from "../package/types";
import { walkPart } from "./workbook";
import { isDateFormat } from "../../core/workbook/dates";

export { serialToDate } from "../../core/workbook/dates";

/** Built-in number formats that are dates or times (ECMA-376 18.8.30 and East Asian 27–36, 50–58). */
const BUILTIN_DATE_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

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
