/**
 * Hand-made zips for the package tests: entries with any method, any declared size (a bomb
 * declares a small one) and any name, written independently of src/xlsx/package/zip.
 */
import * as zlib from "zlib";

export interface KitEntry {
  name: string;
  /** Uncompressed content (deflated here), or `deflated` + `declaredSize` for a lying entry. */
  text?: string;
  bytes?: Uint8Array;
  deflated?: Uint8Array;
  declaredSize?: number;
  store?: boolean;
}

export function makeZip(entries: KitEntry[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const raw = e.bytes ?? (e.text !== undefined ? Buffer.from(e.text, "utf8") : undefined);
    const method = e.store ? 0 : 8;
    const data = e.deflated ?? (e.store ? raw! : zlib.deflateRawSync(raw!));
    const size = e.declaredSize ?? raw!.length;
    const crc = raw ? zlib.crc32(raw) : 0;
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(20, 4);
    lh.writeUInt16LE(0x800, 6);
    lh.writeUInt16LE(method, 8);
    lh.writeUInt32LE(crc >>> 0, 14);
    lh.writeUInt32LE(data.length, 18);
    lh.writeUInt32LE(size, 22);
    lh.writeUInt16LE(name.length, 26);
    locals.push(lh, name, Buffer.from(data));
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(20, 4);
    ch.writeUInt16LE(20, 6);
    ch.writeUInt16LE(0x800, 8);
    ch.writeUInt16LE(method, 10);
    ch.writeUInt32LE(crc >>> 0, 16);
    ch.writeUInt32LE(data.length, 20);
    ch.writeUInt32LE(size, 24);
    ch.writeUInt16LE(name.length, 28);
    ch.writeUInt32LE(offset, 42);
    centrals.push(ch, name);
    offset += 30 + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * A raw deflate stream of `head`, then `megabytes` MB of `fill`, then `tail`, made without
 * deflating it all: each piece is deflated alone and sync-flushed (byte-aligned, not final, no
 * reference to earlier bytes), so a 1 MB piece repeated decodes to the same bytes wherever it
 * stands; the tail ends the stream. About 1 KB per MB of a repeated character.
 */
export function deflatedRepeat(megabytes: number, fill = "\0", head = "", tail = ""): Uint8Array {
  const sync = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const first = zlib.deflateRawSync(Buffer.from(head), sync);
  const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, fill), sync);
  const last = zlib.deflateRawSync(Buffer.from(tail));
  const out = Buffer.alloc(first.length + block.length * megabytes + last.length);
  first.copy(out, 0);
  for (let i = 0; i < megabytes; i++) block.copy(out, first.length + i * block.length);
  last.copy(out, first.length + block.length * megabytes);
  return new Uint8Array(out);
}

/** `megabytes` MB of zeros, deflated (see deflatedRepeat). */
export function deflatedZeros(megabytes: number): Uint8Array {
  return deflatedRepeat(megabytes);
}

const CT_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`;

/** A [Content_Types].xml with the usual defaults and the given overrides. */
export function contentTypes(overrides: Record<string, string>): string {
  return (
    CT_HEAD +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    Object.entries(overrides).map(([p, t]) => `<Override PartName="${p}" ContentType="${t}"/>`).join("") +
    `</Types>`
  );
}

export interface RawKitEntry {
  /** The name's bytes as stored (any encoding). */
  name: Uint8Array;
  content: Uint8Array;
  /** General-purpose flags (bit 11 = UTF-8 name); 0 unless given. */
  flags?: number;
  localExtra?: Uint8Array;
  centralExtra?: Uint8Array;
  comment?: Uint8Array;
}

/** One extra field: id, length, data. */
export function extraField(id: number, data: Uint8Array): Uint8Array {
  const b = Buffer.alloc(4 + data.length);
  b.writeUInt16LE(id, 0);
  b.writeUInt16LE(data.length, 2);
  b.set(data, 4);
  return new Uint8Array(b);
}

/**
 * A zip with raw names, flags and extra fields, deflated entries. With `zip64`, every entry
 * puts 0xFFFFFFFF in its size and offset fields and the values in a zip64 extra field (local:
 * sizes; central: sizes and offset), and the directory ends with the zip64 end record and
 * locator before an end record of 0xFFFF / 0xFFFFFFFF.
 */
export function makeRawZip(entries: RawKitEntry[], zip64 = false): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  const u64 = (...vals: number[]) => {
    const b = Buffer.alloc(8 * vals.length);
    vals.forEach((v, i) => b.writeBigUInt64LE(BigInt(v), 8 * i));
    return b;
  };
  for (const e of entries) {
    const data = zlib.deflateRawSync(e.content);
    const crc = zlib.crc32(e.content) >>> 0;
    const max = 0xffffffff;
    const lx = Buffer.concat([zip64 ? extraField(1, u64(e.content.length, data.length)) : Buffer.alloc(0), e.localExtra ?? Buffer.alloc(0)]);
    const cx = Buffer.concat([zip64 ? extraField(1, u64(e.content.length, data.length, offset)) : Buffer.alloc(0), e.centralExtra ?? Buffer.alloc(0)]);
    const lh = Buffer.alloc(30);
    lh.writeUInt32LE(0x04034b50, 0);
    lh.writeUInt16LE(zip64 ? 45 : 20, 4);
    lh.writeUInt16LE(e.flags ?? 0, 6);
    lh.writeUInt16LE(8, 8);
    lh.writeUInt16LE(0x5a21, 10);
    lh.writeUInt16LE(0x5b82, 12);
    lh.writeUInt32LE(crc, 14);
    lh.writeUInt32LE(zip64 ? max : data.length, 18);
    lh.writeUInt32LE(zip64 ? max : e.content.length, 22);
    lh.writeUInt16LE(e.name.length, 26);
    lh.writeUInt16LE(lx.length, 28);
    locals.push(lh, Buffer.from(e.name), lx, data);
    const comment = e.comment ?? new Uint8Array(0);
    const ch = Buffer.alloc(46);
    ch.writeUInt32LE(0x02014b50, 0);
    ch.writeUInt16LE(0x031e, 4);
    ch.writeUInt16LE(zip64 ? 45 : 20, 6);
    ch.writeUInt16LE(e.flags ?? 0, 8);
    ch.writeUInt16LE(8, 10);
    ch.writeUInt16LE(0x5a21, 12);
    ch.writeUInt16LE(0x5b82, 14);
    ch.writeUInt32LE(crc, 16);
    ch.writeUInt32LE(zip64 ? max : data.length, 20);
    ch.writeUInt32LE(zip64 ? max : e.content.length, 24);
    ch.writeUInt16LE(e.name.length, 28);
    ch.writeUInt16LE(cx.length, 30);
    ch.writeUInt16LE(comment.length, 32);
    ch.writeUInt32LE(0x81a40000, 38);
    ch.writeUInt32LE(zip64 ? max : offset, 42);
    centrals.push(ch, Buffer.from(e.name), cx, Buffer.from(comment));
    offset += 30 + e.name.length + lx.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const z = Buffer.alloc(56);
    z.writeUInt32LE(0x06064b50, 0);
    z.writeBigUInt64LE(44n, 4);
    z.writeUInt16LE(45, 12);
    z.writeUInt16LE(45, 14);
    z.writeBigUInt64LE(BigInt(entries.length), 24);
    z.writeBigUInt64LE(BigInt(entries.length), 32);
    z.writeBigUInt64LE(BigInt(cd.length), 40);
    z.writeBigUInt64LE(BigInt(offset), 48);
    const loc = Buffer.alloc(20);
    loc.writeUInt32LE(0x07064b50, 0);
    loc.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    loc.writeUInt32LE(1, 16);
    tail.push(z, loc);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, ...tail, end]));
}
