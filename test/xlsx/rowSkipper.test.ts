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
