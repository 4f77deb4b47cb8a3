/**
 * The package model of the file adapter (src/xlsx): an .xlsx/.xlsm is an OPC package, a graph of
 * parts joined by relationships. Only the parts the build reads or owns are ever parsed; every
 * other part is carried as the bytes it was read as (python-docx's Part/blob model), so a build
 * changes nothing of the user's but what it owns.
 *
 * Part names are absolute and normalised here (`/xl/worksheets/sheet1.xml`), whatever form the
 * file uses (openpyxl writes absolute targets, Excel relative ones).
 */

/** Limits on what reading may unpack, so a zip bomb stops with a clear message (exit 2). */
export interface ReadLimits {
  /** Largest unpacked size of one part that is read. */
  maxPartBytes: number;
  /** Largest unpacked size of all parts read together. */
  maxTotalBytes: number;
  /** Most entries a package may have. */
  maxEntries: number;
}

/** A relationship of a part, or of the package itself (source `/`). */
export interface Relationship {
  id: string;
  /** Full type URI, e.g. `http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet`. */
  type: string;
  /** As written in the rels part (relative, absolute, or an external URL). */
  target: string;
  targetMode?: "External";
}

/** An opened package. Reading is lazy and bounded by ReadLimits; writing is in memory until save(). */
export interface Package {
  /** The file's name as messages show it (`budsjett.xlsx`). */
  readonly file: string;
  /** Every part name (absolute, normalised), in the zip's order. */
  partNames(): string[];
  has(part: string): boolean;
  /** The part's content type from `[Content_Types].xml` (Override, else Default by extension). */
  contentType(part: string): string | undefined;
  /**
   * Unpacks a part, within the limits (a LocalizedError with exit code 2 past them); `maxBytes`
   * lowers the part limit for parts parsed whole (a DOM of a huge part would not fit in memory).
   * A missing part is a LocalizedError too (the workbook is damaged).
   */
  readBytes(part: string, maxBytes?: number): Promise<Uint8Array>;
  /** readBytes as UTF-8 text. */
  readText(part: string, maxBytes?: number): Promise<string>;
  /** Unpacks a part in chunks of text (large sheets), within the limits; stops early when `onChunk` returns false. */
  streamText(part: string, onChunk: (text: string) => boolean | void): Promise<void>;
  /** Adds or replaces a part; with `contentType`, registers it (an Override unless the Default for its extension says the same). */
  setPart(part: string, data: string | Uint8Array, contentType?: string): void;
  /** Removes a part, its content-type Override and its own rels part. */
  removePart(part: string): void;
  /** The relationships of `source` (`/` for the package rels); [] when it has none. */
  rels(source: string): Promise<Relationship[]>;
  /** Replaces the relationships of `source` (writes or removes its rels part). */
  setRels(source: string, rels: readonly Relationship[]): void;
  /** Absolute part name that `target` of a relationship of `source` points at. */
  resolve(source: string, target: string): string;
  /** Relative target from `source` to `part`, as a new relationship should write it. */
  relativeTarget(source: string, part: string): string;
  /** The zip: changed parts written anew, unchanged parts copied as they were stored. */
  save(): Promise<Uint8Array>;
}
