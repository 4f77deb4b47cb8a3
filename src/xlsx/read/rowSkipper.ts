/**
 * A text filter in front of the XML parser of a sheet: whole `<row r="N">…</row>` elements
 * that no rectangle wants are cut out of the stream before saxes sees them, so a table at the
 * bottom of a 3-million-cell ledger costs a regex scan of the rows above it, not a full parse.
 *
 * Safe by construction, or it steps aside (passes everything through from then on):
 * - a row is cut only when it has an explicit `r` (without one, the parser counts rows, and a
 *   cut would shift them) and holds no shared formula (a master may serve a kept row);
 * - `<!` (a comment or CDATA section, whose text could hold `</row>`) turns it off;
 * - a row (or a tag) longer than MAX_CARRY characters turns it off (the parser's own limits
 *   then apply).
 * Linear: between chunks only an unfinished tag or row is held back (at most MAX_CARRY), and a
 * search over held-back text resumes where it stopped; text between rows (whitespace, however
 * much) is passed on at once.
 * A run of cut rows leaves one empty `<row r="N"/>` of its last row, so a later row without
 * `r` is still counted from the right number. The output stays well-formed XML.
 */

const ROW_OPEN = /<((?:[A-Za-z_][\w.-]*:)?)row(?=[\s/>])([^>]*)>/g;
const R_ATTR = /\sr\s*=\s*["'](\d+)["']/;
const MAX_CARRY = 1 << 20;

export class RowSkipper {
  private carry = "";
  private active = true;
  /** The stub of the last cut row, written before the next text that passes. */
  private stub = "";

  /** `keepRow` gets the 0-based row number. */
  constructor(private readonly keepRow: (row: number) => boolean) {}

  /** The part of the text seen so far that the parser should get. */
  push(chunk: string): string {
    if (!this.active) return chunk;
    // Linear in the part's size: what was held back (at most MAX_CARRY) was scanned already,
    // so each search starts where the last one stopped, not at the start of the carry.
    const seen = this.carry.length;
    const text = this.carry + chunk;
    this.carry = "";
    if (text.indexOf("<!", Math.max(0, seen - 1)) >= 0) return this.stop(text);
    let out = "";
    let pos = 0;
    ROW_OPEN.lastIndex = 0;
    for (;;) {
      const m = ROW_OPEN.exec(text);
      if (!m) {
        // A tag may be cut at the chunk's end: hold back from the last "<" when its ">" is not
        // there yet (only then: whitespace or text after a whole tag is passed on, not kept).
        const lt = text.lastIndexOf("<");
        const cut = lt >= pos && text.indexOf(">", lt) < 0 ? lt : text.length;
        if (text.length - cut > MAX_CARRY) return out + this.stop(text.slice(pos));
        this.carry = text.slice(cut);
        return out + this.pass(text.slice(pos, cut));
      }
      const start = m.index;
      const selfClosing = m[2].endsWith("/");
      let end: number;
      if (selfClosing) end = ROW_OPEN.lastIndex;
      else {
        const close = `</${m[1]}row>`;
        const at = text.indexOf(close, Math.max(ROW_OPEN.lastIndex, seen - close.length));
        if (at < 0) {
          // The row goes on in the next chunk.
          if (text.length - start > MAX_CARRY) return out + this.stop(text.slice(pos));
          this.carry = text.slice(start);
          return out + this.pass(text.slice(pos, start));
        }
        end = at + close.length;
      }
      const r = R_ATTR.exec(m[2]);
      if (!r) return out + this.stop(text.slice(pos));
      const row = Number(r[1]) - 1;
      const body = text.slice(start, end);
      if (this.keepRow(row) || body.includes("shared")) out += this.pass(text.slice(pos, end));
      else {
        out += this.pass(text.slice(pos, start));
        this.stub = `<${m[1]}row r="${r[1]}"/>`;
      }
      pos = end;
      ROW_OPEN.lastIndex = end;
    }
  }

  /** Characters held back between chunks (never more than MAX_CARRY plus one chunk). */
  get retained(): number {
    return this.carry.length;
  }

  /** Whatever is held back at the end of the part. */
  flush(): string {
    const rest = this.carry;
    this.carry = "";
    return this.pass(rest);
  }

  private pass(text: string): string {
    if (!text || !this.stub) return text;
    const out = this.stub + text;
    this.stub = "";
    return out;
  }

  private stop(text: string): string {
    this.active = false;
    this.carry = "";
    return this.pass(text);
  }
}
