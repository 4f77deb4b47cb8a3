/**
 * Excel serial dates (1900 system), shared by the Office.js adapter (which reads and writes
 * serials) and the model reader (a Befolkningsdato typed as a plain number).
 */

const DAY_MS = 86400000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
const EPOCH_1899_12_31 = Date.UTC(1899, 11, 31);
const MARCH_1_1900 = Date.UTC(1900, 2, 1);
/** 31 Dec 9999, the last day Excel can show. */
const MAX_SERIAL = 2958465;

/** True for a serial Excel shows as a date (1 Jan 1900 to 31 Dec 9999). */
export function isDateSerial(serial: number): boolean {
  return serial >= 1 && serial <= MAX_SERIAL;
}

/** Excel serial (1900 system, with its fictitious 29 Feb 1900 = 60) to a UTC Date. */
export function serialToDate(serial: number): Date {
  // Below 61 Excel counts from 31 Dec 1899 (serial 1 = 1 Jan 1900) because of the leap-year bug.
  const base = serial < 61 ? EPOCH_1899_12_31 : EPOCH_1899_12_30;
  return new Date(base + Math.round(serial * DAY_MS));
}

export function dateToSerial(d: Date): number {
  const ms = d.getTime();
  return (ms - (ms < MARCH_1_1900 ? EPOCH_1899_12_31 : EPOCH_1899_12_30)) / DAY_MS;
}
