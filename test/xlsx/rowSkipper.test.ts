/** The row filter in front of the sheet parser: cuts only whole unwanted rows, whatever the chunking. */
import fc from "fast-check";
import { RowSkipper } from "../../src/xlsx/read/rowSkipper";

interface Row {
  r: number;
  cells: string;
  prefix: string;
  shared: boolean;
  selfClosing: boolean;
}

function rowXml(x: Row): string {
  if (x.selfClosing) return `<${x.prefix}row r="${x.r}" spans="1:2"/>`;
  const f = x.shared ? `<${x.prefix}c r="A${x.r}"><${x.prefix}f t="shared" si="0" ref="A${x.r}:A9"/></${x.prefix}c>` : "";
  return `<${x.prefix}row r="${x.r}">${f}${x.cells}</${x.prefix}row>`;
}

function sheet(rows: Row[], prefix: string, first = 0): string {
  // Cut rows as the filter should leave them: each run of them as a stub of its last row.
  let body = "";
  let stub = "";
  for (const x of rows) {
    if (x.r - 1 < first && !x.shared) {
      stub = `<${prefix}row r="${x.r}"/>`;
      continue;
    }
    body += stub + rowXml(x);
    stub = "";
  }
  return `<?xml version="1.0"?><${prefix}worksheet><${prefix}sheetData>${body}${stub}</${prefix}sheetData><${prefix}rowBreaks/></${prefix}worksheet>`;
}

function run(text: string, cuts: number[], first: number): string {
  const s = new RowSkipper((r) => r >= first);
  let out = "";
  let at = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    out += s.push(text.slice(at, c));
    at = c;
  }
  return out + s.push(text.slice(at)) + s.flush();
}

test("whatever the chunking, exactly the unwanted rows without shared formulas are cut (a stub of each run left)", () => {
  fc.assert(
    fc.property(
      fc.constantFrom("", "x:"),
      fc.array(fc.record({ cells: fc.constantFrom("", '<c r="B1"><v>1</v></c>', '<c t="inlineStr"><is><t>a &lt;row&gt; b</t></is></c>'), shared: fc.boolean(), selfClosing: fc.boolean() }), { maxLength: 12 }),
      fc.integer({ min: 0, max: 12 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      (prefix, specs, first, cutSeeds) => {
        const rows: Row[] = specs.map((s, i) => ({ ...s, r: i + 1, prefix, shared: s.shared && !s.selfClosing }));
        const text = sheet(rows, prefix);
        const expected = sheet(rows, prefix, first);
        const cuts = cutSeeds.map((c) => c % (text.length + 1));
        expect(run(text, cuts, first)).toBe(expected);
      },
    ),
    { numRuns: 300 },
  );
});

test("rows without r, comments and CDATA turn it off (everything passes)", () => {
  const noR = `<sheetData><row r="1"><c/></row><row><c/></row><row r="3"><c/></row></sheetData>`;
  expect(run(noR, [], 5)).toBe(`<sheetData><row r="1"/><row><c/></row><row r="3"><c/></row></sheetData>`);
  const comment = `<sheetData><row r="1"><c/></row><!-- </row> --><row r="2"><c/></row></sheetData>`;
  expect(run(comment, [], 5)).toBe(comment);
  const cdata = `<sheetData><row r="1"><c t="inlineStr"><is><t><![CDATA[</row>]]></t></is></c></row></sheetData>`;
  expect(run(cdata, [20], 5)).toBe(cdata);
});

test("a row longer than the carry limit turns it off instead of being held", () => {
  const big = `<sheetData><row r="1">${"<c><v>1</v></c>".repeat(100_000)}</row><row r="2"/></sheetData>`;
  const cuts = Array.from({ length: 30 }, (_, i) => (i + 1) * 65_536);
  expect(run(big, cuts, 5)).toBe(big);
});

describe("linear in the part's size: what is held back between chunks stays bounded", () => {
  const CHUNK = 64 * 1024;
  const spaces = " ".repeat(CHUNK);

  test("a part that is mostly whitespace after <sheetData> keeps at most a tag between chunks", () => {
    const s = new RowSkipper((r) => r >= 5);
    let out = s.push(`<?xml version="1.0"?><worksheet><sheetData>`);
    let most = s.retained;
    // 16 MB of whitespace: the quadratic version held all of it (and rescanned it per chunk).
    for (let i = 0; i < 256; i++) {
      out += s.push(spaces);
      most = Math.max(most, s.retained);
    }
    out += s.push(`<row r="1"><c r="A1"><v>1</v></c></row>\n<row r="6"><c r="A6"><v>6</v></c></ro`);
    most = Math.max(most, s.retained);
    out += s.push(`w></sheetData></worksheet>`) + s.flush();
    expect(most).toBeLessThan(64);
    expect(out.length).toBe(`<?xml version="1.0"?><worksheet><sheetData>`.length + 256 * CHUNK + `<row r="1"/>\n<row r="6"><c r="A6"><v>6</v></c></row></sheetData></worksheet>`.length);
    expect(out.endsWith(`<row r="1"/>\n<row r="6"><c r="A6"><v>6</v></c></row></sheetData></worksheet>`)).toBe(true);
  });

  test("whitespace inside an unfinished row or tag is held only up to the bound, then the filter steps aside", () => {
    for (const open of [`<row r="2">`, `<row r="2"`]) {
      const s = new RowSkipper((r) => r >= 5);
      let out = s.push(`<worksheet><sheetData>${open}`);
      let most = 0;
      for (let i = 0; i < 64; i++) {
        out += s.push(spaces);
        most = Math.max(most, s.retained);
      }
      out += s.push(`${open.endsWith(">") ? "" : ">"}</row></sheetData></worksheet>`) + s.flush();
      // Bounded by MAX_CARRY (1 MiB) plus one chunk, not by the 4 MB pushed.
      expect(most).toBeLessThanOrEqual((1 << 20) + CHUNK);
      // Stepping aside passes the text through unchanged.
      expect(out).toBe(`<worksheet><sheetData>${open}${spaces.repeat(64)}${open.endsWith(">") ? "" : ">"}</row></sheetData></worksheet>`);
    }
  });
});
