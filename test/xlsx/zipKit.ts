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
