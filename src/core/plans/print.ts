/**
 * Print layout helpers for the sheet plans: how wide a sheet prints, which orientation fits it,
 * and how long note lines are broken so that a fit-to-width page keeps a readable scale.
 *
 * Widths are Excel character units (the width of the digit 0 in Calibri 11, 7 px); a column
 * takes w * 7 + 5 px on screen and in print at 100 %.
 */
import type { PageSetup } from "../workbook/types";

/** Printable width of A4 at the margins below, in px at 96 dpi: (8.27 - 2 * 0.6) in, and landscape (11.69 - 1.2) in. */
const PORTRAIT_PX = (8.27 - 1.2) * 96;
/** Below this scale a portrait page is too small to read comfortably: print landscape instead. */
const MIN_PORTRAIT_SCALE = 0.8;

/** Line height in points of Calibri 11 (Excel's default row height). */
export const LINE_POINTS = 15;

/**
 * Width in px of the columns that print (hidden ones do not).
 * @internal
 */
export function printedPixels(columnWidths: readonly number[], hidden: readonly number[] = []): number {
  const skip = new Set(hidden);
  let px = 0;
  columnWidths.forEach((w, i) => {
    if (!skip.has(i) && w > 0) px += w * 7 + 5;
  });
  return px;
}

/** Sum of the printed columns' widths in character units. */
export function printedChars(columnWidths: readonly number[], hidden: readonly number[] = []): number {
  const skip = new Set(hidden);
  let w = 0;
  columnWidths.forEach((x, i) => {
    if (!skip.has(i) && x > 0) w += x;
  });
  return w;
}

/**
 * One page wide, as many tall as needed; landscape when portrait would shrink the sheet below a
 * readable scale. The footer names the sheet and numbers the pages ("Side 1 av 2").
 */
export function pageFor(columnWidths: readonly number[], hidden: readonly number[], titleRows: { from: number; to: number }): PageSetup {
  const portraitScale = PORTRAIT_PX / Math.max(1, printedPixels(columnWidths, hidden));
  return {
    orientation: portraitScale < MIN_PORTRAIT_SCALE ? "landscape" : "portrait",
    fitToWidth: 1,
    fitToHeight: 0,
    titleRows,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
    footer: { left: "&A", right: "Side &P av &N" },
  };
}

/**
 * Breaks `text` at spaces into lines of at most `maxChars` characters (a longer word gets a
 * line of its own). Text in Calibri runs narrower than digits, so a line of `maxChars`
 * characters stays within columns `maxChars` units wide.
 */
export function splitLines(text: string, maxChars: number): string[] {
  const words = text.split(/\s+/).filter((w) => w !== "");
  const lines: string[] = [];
  let cur = "";
  for (const w of words) {
    if (cur === "") cur = w;
    else if (cur.length + 1 + w.length <= maxChars) cur += " " + w;
    else {
      lines.push(cur);
      cur = w;
    }
  }
  if (cur !== "") lines.push(cur);
  return lines;
}

/** Lines a wrapped cell of `width` units needs for `text` (bold text: about 5 % wider than digits' 7 px… narrower letters). */
export function wrappedLines(text: string, width: number): number {
  // Letters average about 6 px in Calibri 11 against 7 px for a digit; a little margin for bold.
  return Math.max(1, splitLines(text, Math.max(1, Math.floor(width * 1.05))).length);
}
