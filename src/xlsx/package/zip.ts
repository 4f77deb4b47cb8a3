/**
 * The zip layer of the package model, on Node's zlib (the command line only; the task pane never
 * opens files).
 *
 * Why not JSZip: it re-deflates STORED entries when generating with DEFLATE, and it inflates a
 * whole entry with no bound, so a zip bomb runs V8 out of heap. Here:
 * - reading trusts only the central directory (local headers merely locate the data) and
 *   measures while inflating: a part that unpacks past its limit stops at the limit, whatever
 *   size it declares, with memory bounded by the limit (whole reads) or by one chunk (streams);
 * - writing copies every unchanged entry's compressed bytes, CRC and sizes as stored (no
 *   inflate, no deflate), and deflates only new or replaced parts.
 * An unchanged entry keeps its header as stored: raw name bytes (a CP437 name stays CP437, no
 * bit 11 added), flags (only bit 3 cleared: the sizes go in the local header, no data
 * descriptor), version fields, time, attributes, comment and the extra fields of both headers
 * (e.g. a Unicode Path field 0x7075). New or replaced parts get fresh headers: UTF-8 names with
 * bit 11 when not ASCII, no extra fields.
 * Zip64 is read (sizes and offsets past 4 GB, more than 65 535 entries) but never written: a
 * package that needs it on output is past every limit anyway. So the zip64 extra field (0x0001)
 * of a copied entry is dropped: the writer puts the real sizes and the new offset in the 32-bit
 * fields, and a kept zip64 field would carry the input's offset.
 */
import * as zlib from "zlib";

/** One entry of the central directory. */
export interface ZipEntry {
  /** The name decoded (UTF-8 with bit 11, else CP437 or a matching Unicode Path field); no leading slash, normally. */
  name: string;
  /** The name's bytes as stored, written back unchanged by a raw copy. */
  rawName: Uint8Array;
  /** The central header's extra fields and comment, as stored. */
  extra: Uint8Array;
  comment: Uint8Array;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** DOS time and date, kept for the raw copy. */
  time: number;
  date: number;
  versionMadeBy: number;
  versionNeeded: number;
  externalAttrs: number;
  internalAttrs: number;
}

/** Why the zip layer gave up; the package layer turns it into a bilingual message. */
export class ZipFormatError extends Error {
  constructor(
    readonly reason: "not-zip" | "damaged" | "encrypted-entry" | "method" | "too-many-entries",
    readonly entry?: string,
    readonly count?: number,
  ) {
    super(`zip: ${reason}${entry ? ` (${entry})` : ""}`);
    this.name = "ZipFormatError";
  }
}

/** An inflate that went past its byte limit (what it had unpacked when it stopped). */
export class ZipLimitError extends Error {
  constructor(readonly entry: string, readonly limit: number) {
    super(`zip: ${entry} unpacks past ${limit} bytes`);
    this.name = "ZipLimitError";
  }
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

const utf8 = new TextDecoder("utf-8");

/** CP437, the zip name encoding without bit 11: bytes 0x80-0xFF (below that it is ASCII). */
const CP437_HIGH =
  "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧" +
  "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0";

function decodeCp437(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b < 0x80 ? String.fromCharCode(b) : CP437_HIGH[b - 0x80];
  return s;
}

const ZIP64_EXTRA = 0x0001;
const UNICODE_PATH_EXTRA = 0x7075;

/** The extra fields of a header as [id, start of data, data length] (stops at a truncated one). */
function extraFields(dv: DataView, start: number, len: number): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (let x = start; x + 4 <= start + len; ) {
    const flen = dv.getUint16(x + 2, true);
    if (x + 4 + flen > start + len) break;
    out.push([dv.getUint16(x, true), x + 4, flen]);
    x += 4 + flen;
  }
  return out;
}

/** Extra-field bytes without the zip64 field (see the header comment); the rest as stored. */
function withoutZip64(extra: Uint8Array): { bytes: Uint8Array; dropped: boolean } {
  const dv = view(extra);
  const fields = extraFields(dv, 0, extra.length);
  if (!fields.some(([id]) => id === ZIP64_EXTRA)) return { bytes: extra, dropped: false };
  const parts: Uint8Array[] = [];
  let covered = 0;
  for (const [id, start, len] of fields) {
    covered = start + len;
    if (id !== ZIP64_EXTRA) parts.push(extra.subarray(start - 4, start + len));
  }
  // Trailing bytes that are not a whole field (some writers pad) stay as they were.
  if (covered < extra.length) parts.push(extra.subarray(covered));
  const bytes = new Uint8Array(parts.reduce((n, q) => n + q.length, 0));
  let at = 0;
  for (const q of parts) {
    bytes.set(q, at);
    at += q.length;
  }
  return { bytes, dropped: true };
}

/** Reads the central directory; stops with too-many-entries before allocating past `maxEntries`. */
export function readCentralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  if (bytes.length < 22) throw new ZipFormatError("not-zip");
  const dv = view(bytes);
  // The end record is within the last 22 + 65 535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipFormatError(dv.getUint32(0, true) === SIG_LOCAL ? "damaged" : "not-zip");
  let count = dv.getUint16(eocd + 10, true);
  let cdSize = dv.getUint32(eocd + 12, true);
  let cdOffset = dv.getUint32(eocd + 16, true);
  if (eocd >= 20 && dv.getUint32(eocd - 20, true) === SIG_ZIP64_LOCATOR) {
    const z = Number(dv.getBigUint64(eocd - 20 + 8, true));
    if (z + 56 > bytes.length || dv.getUint32(z, true) !== SIG_ZIP64_EOCD) throw new ZipFormatError("damaged");
    count = Number(dv.getBigUint64(z + 32, true));
    cdSize = Number(dv.getBigUint64(z + 40, true));
    cdOffset = Number(dv.getBigUint64(z + 48, true));
  }
  if (count > maxEntries) throw new ZipFormatError("too-many-entries", undefined, count);
  if (cdOffset + cdSize > bytes.length) throw new ZipFormatError("damaged");
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  const end = cdOffset + cdSize;
  while (p + 46 <= end && dv.getUint32(p, true) === SIG_CENTRAL) {
    if (entries.length >= maxEntries) throw new ZipFormatError("too-many-entries", undefined, entries.length + 1);
    const flags = dv.getUint16(p + 8, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    if (p + 46 + nameLen + extraLen + commentLen > end) throw new ZipFormatError("damaged");
    const rawName = bytes.subarray(p + 46, p + 46 + nameLen);
    const fields = extraFields(dv, p + 46 + nameLen, extraLen);
    // Bit 11: UTF-8 names. Without it the name is CP437, unless a Unicode Path field made for
    // these very bytes (its CRC matches) gives the UTF-8 name. OOXML part names are ASCII in practice.
    let name = flags & 0x800 ? utf8.decode(rawName) : decodeCp437(rawName);
    const upath = fields.find(([id, , len]) => id === UNICODE_PATH_EXTRA && len >= 5);
    if (!(flags & 0x800) && upath && dv.getUint8(upath[1]) === 1 && dv.getUint32(upath[1] + 1, true) === zlib.crc32(rawName) >>> 0) {
      name = utf8.decode(bytes.subarray(upath[1] + 5, upath[1] + upath[2]));
    }
    const e: ZipEntry = {
      name,
      rawName,
      extra: bytes.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen),
      comment: bytes.subarray(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen),
      method: dv.getUint16(p + 10, true),
      flags,
      crc: dv.getUint32(p + 16, true),
      compressedSize: dv.getUint32(p + 20, true),
      size: dv.getUint32(p + 24, true),
      localOffset: dv.getUint32(p + 42, true),
      time: dv.getUint16(p + 12, true),
      date: dv.getUint16(p + 14, true),
      versionMadeBy: dv.getUint16(p + 4, true),
      versionNeeded: dv.getUint16(p + 6, true),
      internalAttrs: dv.getUint16(p + 36, true),
      externalAttrs: dv.getUint32(p + 38, true),
    };
    // Zip64 extra field: the 0xFFFFFFFF fields follow in order size, compressed size, offset.
    for (const [id, start, len] of fields) {
      if (id !== ZIP64_EXTRA) continue;
      let q = start;
      const take = (): number => {
        if (q + 8 > start + len) throw new ZipFormatError("damaged", name);
        const v = Number(dv.getBigUint64(q, true));
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = take();
      if (e.compressedSize === 0xffffffff) e.compressedSize = take();
      if (e.localOffset === 0xffffffff) e.localOffset = take();
    }
    entries.push(e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (entries.length !== count && count !== 0xffff) throw new ZipFormatError("damaged");
  return entries;
}

/** The local header's extra fields of an entry, as stored. */
function localExtra(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const p = e.localOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== SIG_LOCAL) throw new ZipFormatError("damaged", e.name);
  const start = p + 30 + dv.getUint16(p + 26, true);
  const end = start + dv.getUint16(p + 28, true);
  if (end > bytes.length) throw new ZipFormatError("damaged", e.name);
  return bytes.subarray(start, end);
}

/**
 * The stored (compressed) bytes of an entry, located through its local header.
 * @internal
 */
export function compressedData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = view(bytes);
  const p = e.localOffset;
  if (p + 30 > bytes.length || dv.getUint32(p, true) !== SIG_LOCAL) throw new ZipFormatError("damaged", e.name);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  if (start + e.compressedSize > bytes.length) throw new ZipFormatError("damaged", e.name);
  return bytes.subarray(start, start + e.compressedSize);
}

function checkReadable(e: ZipEntry): void {
  if (e.flags & 0x1) throw new ZipFormatError("encrypted-entry", e.name);
  if (e.method !== 0 && e.method !== 8) throw new ZipFormatError("method", e.name);
}

/**
 * Unpacks an entry whole, never holding more than `limit` bytes of output: zlib stops at
 * maxOutputLength (the declared size is not trusted).
 */
export function inflateEntry(bytes: Uint8Array, e: ZipEntry, limit: number): Uint8Array {
  checkReadable(e);
  const data = compressedData(bytes, e);
  if (e.method === 0) {
    if (data.length > limit) throw new ZipLimitError(e.name, limit);
    return data;
  }
  try {
    // One byte over the limit tells "exactly at the limit" from "past it".
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, limit + 1) });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || err instanceof RangeError) throw new ZipLimitError(e.name, limit);
    throw new ZipFormatError("damaged", e.name);
  }
}

/**
 * Unpacks an entry in chunks of about 64 KB, stopping as soon as the output passes `limit`
 * or `onChunk` returns false. Memory stays at a few chunks whatever the entry's size.
 */
export async function inflateEntryChunks(
  bytes: Uint8Array,
  e: ZipEntry,
  limit: number,
  onChunk: (chunk: Uint8Array) => boolean | void,
): Promise<number> {
  checkReadable(e);
  const data = compressedData(bytes, e);
  const CHUNK = 1 << 16;
  if (e.method === 0) {
    if (data.length > limit) throw new ZipLimitError(e.name, limit);
    for (let i = 0; i < data.length; i += CHUNK) if (onChunk(data.subarray(i, i + CHUNK)) === false) break;
    return data.length;
  }
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK });
  let total = 0;
  // Feed the compressed bytes in slices: zlib pauses on backpressure, so output is pulled, not piled.
  const feed = async () => {
    for (let i = 0; i < data.length && !inflater.destroyed; i += CHUNK) {
      if (!inflater.write(data.subarray(i, i + CHUNK))) {
        await new Promise<void>((resolve) => {
          const done = () => {
            inflater.off("drain", done);
            inflater.off("close", done);
            resolve();
          };
          inflater.on("drain", done);
          inflater.on("close", done);
        });
      }
    }
    if (!inflater.destroyed) inflater.end();
  };
  const feeding = feed();
  // The caller's own errors (a parser's) pass through as they are; zlib's mean a damaged entry.
  let callerError: { error: unknown } | null = null;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limit) throw new ZipLimitError(e.name, limit);
      let more: boolean | void;
      try {
        more = onChunk(chunk);
      } catch (error) {
        callerError = { error };
        break;
      }
      if (more === false) break;
    }
  } catch (err) {
    if (err instanceof ZipLimitError) throw err;
    throw new ZipFormatError("damaged", e.name);
  } finally {
    inflater.destroy();
    await feeding.catch(() => undefined);
  }
  if (callerError) throw callerError.error;
  return total;
}

/**
 * What to write for one entry: raw (an unchanged entry of the input, written under its stored
 * name bytes; `name` is only its decoded form) or new data to deflate under `name` (UTF-8).
 */
export type ZipOutEntry =
  | { name: string; raw: ZipEntry; source: Uint8Array }
  | { name: string; data: Uint8Array; level?: number };

function dosNow(): { time: number; date: number } {
  const d = new Date();
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: (Math.max(0, d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

/** Writes a zip: raw entries keep their stored bytes, CRC, sizes, name bytes, flags, extra fields, time and attributes. */
export function writeZip(entries: readonly ZipOutEntry[]): Uint8Array {
  const now = dosNow();
  const enc = new TextEncoder();
  const none = new Uint8Array(0);
  interface Prepared {
    name: Uint8Array;
    method: number;
    flags: number;
    crc: number;
    compressed: Uint8Array;
    size: number;
    time: number;
    date: number;
    versionMadeBy: number;
    versionNeeded: number;
    externalAttrs: number;
    internalAttrs: number;
    localExtra: Uint8Array;
    centralExtra: Uint8Array;
    comment: Uint8Array;
  }
  const prepared: Prepared[] = entries.map((o) => {
    if ("raw" in o) {
      const r = o.raw;
      const local = withoutZip64(localExtra(o.source, r));
      const central = withoutZip64(r.extra);
      return {
        name: r.rawName,
        method: r.method,
        // The sizes are in the local header now: no data descriptor (bit 3).
        flags: r.flags & ~0x8,
        crc: r.crc,
        compressed: compressedData(o.source, r),
        size: r.size,
        time: r.time,
        date: r.date,
        versionMadeBy: r.versionMadeBy,
        // Zip64 (version 4.5) is no longer needed once its field is gone.
        versionNeeded: local.dropped || central.dropped ? Math.min(r.versionNeeded, 20) : r.versionNeeded,
        externalAttrs: r.externalAttrs,
        internalAttrs: r.internalAttrs,
        localExtra: local.bytes,
        centralExtra: central.bytes,
        comment: r.comment,
      };
    }
    const name = enc.encode(o.name);
    // Bit 11 when the name is not ASCII (so readers decode it as UTF-8).
    const utf8Flag = name.length !== o.name.length ? 0x800 : 0;
    const compressed = zlib.deflateRawSync(o.data, { level: o.level ?? 6 });
    return {
      name,
      method: 8,
      flags: utf8Flag,
      crc: zlib.crc32(o.data) >>> 0,
      compressed,
      size: o.data.length,
      time: now.time,
      date: now.date,
      versionMadeBy: 20,
      versionNeeded: 20,
      externalAttrs: 0,
      internalAttrs: 0,
      localExtra: none,
      centralExtra: none,
      comment: none,
    };
  });
  let total = 22;
  for (const p of prepared) {
    total += 30 + p.name.length + p.localExtra.length + p.compressed.length;
    total += 46 + p.name.length + p.centralExtra.length + p.comment.length;
  }
  if (total > 0xffffffff || prepared.length > 0xffff) throw new ZipFormatError("damaged");
  const out = new Uint8Array(total);
  const dv = view(out);
  let pos = 0;
  const offsets: number[] = [];
  for (const p of prepared) {
    offsets.push(pos);
    dv.setUint32(pos, SIG_LOCAL, true);
    dv.setUint16(pos + 4, p.versionNeeded, true);
    dv.setUint16(pos + 6, p.flags, true);
    dv.setUint16(pos + 8, p.method, true);
    dv.setUint16(pos + 10, p.time, true);
    dv.setUint16(pos + 12, p.date, true);
    dv.setUint32(pos + 14, p.crc, true);
    dv.setUint32(pos + 18, p.compressed.length, true);
    dv.setUint32(pos + 22, p.size, true);
    dv.setUint16(pos + 26, p.name.length, true);
    dv.setUint16(pos + 28, p.localExtra.length, true);
    out.set(p.name, pos + 30);
    out.set(p.localExtra, pos + 30 + p.name.length);
    out.set(p.compressed, pos + 30 + p.name.length + p.localExtra.length);
    pos += 30 + p.name.length + p.localExtra.length + p.compressed.length;
  }
  const cdStart = pos;
  prepared.forEach((p, i) => {
    dv.setUint32(pos, SIG_CENTRAL, true);
    dv.setUint16(pos + 4, p.versionMadeBy, true);
    dv.setUint16(pos + 6, p.versionNeeded, true);
    dv.setUint16(pos + 8, p.flags, true);
    dv.setUint16(pos + 10, p.method, true);
    dv.setUint16(pos + 12, p.time, true);
    dv.setUint16(pos + 14, p.date, true);
    dv.setUint32(pos + 16, p.crc, true);
    dv.setUint32(pos + 20, p.compressed.length, true);
    dv.setUint32(pos + 24, p.size, true);
    dv.setUint16(pos + 28, p.name.length, true);
    dv.setUint16(pos + 30, p.centralExtra.length, true);
    dv.setUint16(pos + 32, p.comment.length, true);
    dv.setUint16(pos + 34, 0, true);
    dv.setUint16(pos + 36, p.internalAttrs, true);
    dv.setUint32(pos + 38, p.externalAttrs, true);
    dv.setUint32(pos + 42, offsets[i], true);
    out.set(p.name, pos + 46);
    out.set(p.centralExtra, pos + 46 + p.name.length);
    out.set(p.comment, pos + 46 + p.name.length + p.centralExtra.length);
    pos += 46 + p.name.length + p.centralExtra.length + p.comment.length;
  });
  dv.setUint32(pos, SIG_EOCD, true);
  dv.setUint16(pos + 8, prepared.length, true);
  dv.setUint16(pos + 10, prepared.length, true);
  dv.setUint32(pos + 12, pos - cdStart, true);
  dv.setUint32(pos + 16, cdStart, true);
  return out;
}
