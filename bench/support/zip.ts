/**
 * A minimal streaming zip writer for benchmark fixtures: each entry is deflated as it is
 * produced and written straight to the file (local header with the data-descriptor flag, the
 * CRC and sizes after the data, central directory at the end), so a workbook of millions of
 * cells is made in constant memory. No zip64: entries and the file stay under 4 GiB.
 */
import * as fs from "fs";
import { once } from "events";
import * as zlib from "zlib";

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 of `buf` continuing from `crc`; zlib's native one where Node has it (>= 20.15). */
function crc32(buf: Buffer, crc: number): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer, v: number) => number }).crc32;
  if (native) return native(buf, crc);
  let c = ~crc >>> 0;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface Written {
  name: Buffer;
  crc: number;
  size: number;
  csize: number;
  offset: number;
}

export type Chunks = Iterable<string | Buffer> | AsyncIterable<string | Buffer>;

export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly entries: Written[] = [];

  constructor(file: string) {
    this.fd = fs.openSync(file, "w");
  }

  private write(b: Buffer): void {
    fs.writeSync(this.fd, b);
    this.offset += b.length;
  }

  /**
   * Adds an entry from chunks of text (UTF-8) or bytes, deflated at `level`. `declaredSize`
   * writes that uncompressed size into the headers instead of the true one (a lying zip bomb).
   */
  async add(name: string, chunks: Chunks, level = 6, declaredSize?: number): Promise<void> {
    const nameBuf = Buffer.from(name, "utf8");
    const offset = this.offset;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4); // version needed
    head.writeUInt16LE(0x0808, 6); // data descriptor follows; UTF-8 names
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt16LE(0, 10); // time
    head.writeUInt16LE(0x21, 12); // date 1980-01-01
    head.writeUInt16LE(nameBuf.length, 26);
    this.write(head);
    this.write(nameBuf);

    const deflate = zlib.createDeflateRaw({ level });
    let csize = 0;
    deflate.on("data", (d: Buffer) => {
      csize += d.length;
      this.write(d);
    });
    const ended = once(deflate, "end");
    let crc = 0;
    let size = 0;
    for await (const chunk of chunks) {
      const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      crc = crc32(b, crc);
      size += b.length;
      if (size > 0xffffffff) throw new Error(`${name}: over 4 GiB needs zip64`);
      if (!deflate.write(b)) await once(deflate, "drain");
    }
    deflate.end();
    await ended;
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(csize, 8);
    desc.writeUInt32LE(declaredSize ?? size, 12);
    this.write(desc);
    this.entries.push({ name: nameBuf, crc: crc >>> 0, size: declaredSize ?? size, csize, offset });
  }

  /** Writes the central directory and closes the file. */
  close(): void {
    const start = this.offset;
    for (const e of this.entries) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt16LE(0, 12);
      h.writeUInt16LE(0x21, 14);
      h.writeUInt32LE(e.crc, 16);
      h.writeUInt32LE(e.csize, 20);
      h.writeUInt32LE(e.size, 24);
      h.writeUInt16LE(e.name.length, 28);
      h.writeUInt32LE(e.offset, 42);
      this.write(h);
      this.write(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    fs.closeSync(this.fd);
  }
}
