/**
 * A text filter in front of the XML parser of a sheet: whole `<row r="N">…</row>` elements
 * that no rectangle wants are cut out of the stream before saxes sees them, so a table at the
 * bottom of a 3-million-cell ledger costs a regex scan of the rows above it, not a full parse.
 *
 * Safe by construction, or it steps aside (passes everything through from then on):
 * - a row is cut only when it has an explicit `r` (without one, the parser counts rows, and a
 *   cut would shift them) and holds no shared formula (a master may serve a kept row);
 * - `<!` (a comment or CDATA section, whose text could hold `</row>`) turns it off;
 * - a row longer than MAX_CARRY characters turns it off (no quadratic rescans of a huge row;
 *   the parser's own limits then apply).
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
    const text = this.carry + chunk;
    this.carry = "";
    if (text.includes("<!")) return this.stop(text);
    let out = "";
    let pos = 0;
    ROW_OPEN.lastIndex = 0;
    for (;;) {
      const m = ROW_OPEN.exec(text);
      if (!m) {
        // A tag may be cut at the chunk's end: hold back from the last "<".
        const lt = text.lastIndexOf("<");
        const cut = lt >= pos ? lt : text.length;
        this.carry = text.slice(cut);
        return out + this.pass(text.slice(pos, cut));
      }
      const start = m.index;
      const selfClosing = m[2].endsWith("/");
      let end: number;
      if (selfClosing) end = ROW_OPEN.lastIndex;
      else {
        const close = `</${m[1]}row>`;
        const at = text.indexOf(close, ROW_OPEN.lastIndex);
        if (at < 0) {
          // The row goes on in the next chunk.
          this.carry = text.slice(start);
          if (this.carry.length > MAX_CARRY) return out + this.stop(text.slice(pos));
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
