/**
 * A1 address helpers. Rows and columns are 0-based in code; Excel's A1 text is 1-based.
 * Column letters are cached because plans for big regions ask for the same few hundred
 * columns tens of thousands of times.
 */

const letterCache: string[] = [];

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function colLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0) throw new RangeError(`column ${col} is not a 0-based index`);
  const cached = letterCache[col];
  if (cached !== undefined) return cached;
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  letterCache[col] = s;
  return s;
}

/** "A" -> 0, "AA" -> 26 (either case). */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "B5" for (4, 1); `absolute` gives "$B$5". */
export function a1(row: number, col: number, absolute = false): string {
  return absolute ? `$${colLetters(col)}$${row + 1}` : `${colLetters(col)}${row + 1}`;
}

/** "$B$5:$B$11" (absolute) or "B5:B11". */
export function rangeA1(fromRow: number, toRow: number, col: number, absolute = true): string {
  return `${a1(fromRow, col, absolute)}:${a1(toRow, col, absolute)}`;
}

/** A sheet name as it stands before `!` in a reference: always quoted, quotes doubled. */
export function quoteSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** The inverse of quoteSheet: splits `'Sheet ''1'''!A1:B2` into its sheet (unquoted, or null) and range part. */
export function splitSheet(address: string): { sheet: string | null; range: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, range: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("=")) sheet = sheet.slice(1);
  if (sheet.length >= 2 && sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, range: address.slice(bang + 1) };
}

/** "'Kommunebidrag'!E5". */
export function sheetCell(sheet: string, row: number, col: number): string {
  return `${quoteSheet(sheet)}!${a1(row, col)}`;
}

/** Parses "E5" / "$E$5" into 0-based row and column; null when it is not an A1 address. */
export function parseA1(text: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?([1-9][0-9]*)$/.exec(text.trim());
  if (!m) return null;
  return { row: Number(m[2]) - 1, col: colIndex(m[1]) };
}

/** Excel compares sheet and table names without regard to case: the one rule is in names.ts. */
export { sameName } from "./names";
