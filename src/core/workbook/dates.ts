/**
 * Excel dates, one home for both hosts: serial numbers (the 1900 and the 1904 date system) and
 * whether a number format shows a date or time. The Office.js adapter reads serials and formats
 * from Office, the package reader from the file's styles; the model reader takes a
 * Befolkningsdato typed as a plain number. Two rules used to live in the adapters and disagreed
 * (e.g. on `[h]:mm` and `General` inside a format); they live here alone.
 */

const DAY_MS = 86400000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
const EPOCH_1899_12_31 = Date.UTC(1899, 11, 31);
const EPOCH_1904_01_01 = Date.UTC(1904, 0, 1);
const MARCH_1_1900 = Date.UTC(1900, 2, 1);
/** 31 Dec 9999, the last day Excel can show, in the 1900 system. */
const MAX_SERIAL = 2958465;
/** Days from 1900-01-00 (serial 0 of the 1900 system) to 1904-01-01 (serial 0 of the 1904 system). */
const OFFSET_1904 = 1462;

/**
 * True for a serial Excel shows as a date: 1 Jan 1900 (serial 1) to 31 Dec 9999 in the 1900
 * system, 1 Jan 1904 (serial 0) to 31 Dec 9999 in the 1904 system.
 */
export function isDateSerial(serial: number, date1904 = false): boolean {
  return date1904 ? serial >= 0 && serial <= MAX_SERIAL - OFFSET_1904 : serial >= 1 && serial <= MAX_SERIAL;
}

/**
 * An Excel serial as a UTC Date. 1900 system: serial 1 is 1900-01-01, and Excel counts a
 * 29 February 1900 that never was (serial 60, Lotus 1-2-3's leap-year bug), so serials from 61
 * on count from 1899-12-30 and earlier ones from 1899-12-31 (serial 60 comes out as 1 March).
 * 1904 system (old Mac workbooks): serial 0 is 1904-01-01, no bug.
 */
export function serialToDate(serial: number, date1904 = false): Date {
  const base = date1904 ? EPOCH_1904_01_01 : serial < 61 ? EPOCH_1899_12_31 : EPOCH_1899_12_30;
  return new Date(base + Math.round(serial * DAY_MS));
}

/** The inverse of serialToDate. */
export function dateToSerial(d: Date, date1904 = false): number {
  const ms = d.getTime();
  if (date1904) return (ms - EPOCH_1904_01_01) / DAY_MS;
  return (ms - (ms < MARCH_1_1900 ? EPOCH_1899_12_31 : EPOCH_1899_12_30)) / DAY_MS;
}

/** Elapsed-time codes, `[h]`, `[mm]`, `[ss]`: a time format. */
const ELAPSED = /^\[(h+|m+|s+)\]/i;
/** Other brackets: colours, conditions, locales and currencies (`[Red]`, `[>100]`, `[$-414]`, `[$kr-414]`). */
const BRACKET = /^\[[^\]]*\]/;

/**
 * True when a number format code shows a date or time. The first section decides (it is the
 * one Excel uses for a positive number). Skipped, as Excel does not read them as codes: quoted
 * text (`"dag "`), escaped characters (`\d`), `_x` spacing and `*x` fill, brackets other than
 * elapsed time (`[$-414]`, `[Red]`), `General`, and the `E+`/`E-` of scientific notation.
 * Date and time codes: d, m, y, h, s, e (year), g (era), b1/b2 (calendar), AM/PM and A/P, and
 * `[h]`, `[m]`, `[s]` (elapsed time). Anything that is not a non-empty string is not a format.
 */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== "string" || format === "") return false;
  const f = format;
  for (let i = 0; i < f.length; ) {
    const c = f[i];
    const rest = f.slice(i);
    if (c === ";") return false;
    if (c === '"') {
      const end = f.indexOf('"', i + 1);
      i = end < 0 ? f.length : end + 1;
    } else if (c === "\\" || c === "_" || c === "*") i += 2;
    else if (c === "[") {
      if (ELAPSED.test(rest)) return true;
      const m = BRACKET.exec(rest);
      i += m ? m[0].length : 1;
    } else if (/^general/i.test(rest)) i += 7;
    else if (/^(am\/pm|a\/p)/i.test(rest)) return true;
    else if (/^e[+-]/i.test(rest)) i += 2;
    else if (/^b[12]/i.test(rest)) return true;
    else if (/[dmyhseg]/i.test(c)) return true;
    else i++;
  }
  return false;
}
