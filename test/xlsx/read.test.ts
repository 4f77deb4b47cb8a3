/** The package reader (src/xlsx/read): workbooks as other writers store them, read lazily. */
import * as zlib from "zlib";
import { openWorkbookBytes } from "../../src/xlsx/read/open";
import { readTables, readSheetCells } from "../../src/xlsx/read/tables";
import { sharedStrings } from "../../src/xlsx/read/sharedStrings";
import { shiftFormula } from "../../src/xlsx/read/formula";
import { isDateFormat } from "../../src/core/workbook/dates";
import { openPackage } from "../../src/xlsx/package/opc";
import { makeBook, tableXml, MAIN_NS } from "./bookKit";
import { deflatedRepeat, deflatedZeros, makeZip } from "./zipKit";

const DATE_STYLES = `<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs>`;

/** The four columns of a Kommuner-like table at B2:E5 (header row 2), as cells. */
function kommunerRows(): string {
  return (
    `<row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>Befolkningsdato</t></is></c><c r="E2" t="str"><v>Merknad</v></c></row>` +
    `<row r="3"><c r="B3" t="s"><v>3</v></c><c r="C3"><v>27262</v></c><c r="D3" s="1"><v>39994</v></c><c r="E3" t="inlineStr"><is><r><t>fet</t></r><r><rPr><b/></rPr><t xml:space="preserve"> og vanlig</t></r><rPh><t>FONETISK</t></rPh></is></c></row>` +
    `<row r="4"><c r="B4" t="s"><v>5</v></c><c r="C4"><v>12x232</v></c><c r="D4" t="d"><v>2009-06-30T00:00:00</v></c><c r="E4" t="b"><v>1</v></c></row>` +
    `<row r="5"><c r="B5" t="s"><v>6</v></c><c r="C5" s="2"><f>SUM(C3:C4)</f></c><c r="D5" t="e"><v>#N/A</v></c><c r="E5" s="2"><v>1.5E3</v></c></row>`
  );
}

const KOMMUNER_SST = ["Kommune", "Innbyggere", "ubrukt 1", "Kongsberg", "ubrukt 2", "Flesberg", "Rollag", "ubrukt 3"].map((s) => `<si><t>${s}</t></si>`);

describe("tables as openpyxl, LibreOffice and Excel store them", () => {
  test.each([
    ["relative targets, sheetN.xml (Excel)", false, "xl/worksheets/sheet1.xml"],
    ["absolute targets, another part name (openpyxl)", true, "xl/worksheets/Kommunedata.xml"],
  ])("%s", async (_label, absoluteTargets, part) => {
    const bytes = makeBook({
      absoluteTargets,
      sheets: [{ name: "Kommuner", part, rows: kommunerRows(), tables: [{ part: "xl/tables/table7.xml", xml: tableXml({ id: 7, name: "Kommuner", ref: "B2:E5", columns: ["Kommune", "Innbyggere", "Befolkningsdato", "Merknad"] }) }] }],
      sharedStrings: KOMMUNER_SST,
      styles: DATE_STYLES,
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "bok.xlsx");
    expect(info.sheets.map((s) => [s.name, s.part])).toEqual([["Kommuner", "/" + part]]);
    expect(info.tables.map((t) => [t.name, t.part, t.ref, t.headerRowCount, t.totalsRowCount])).toEqual([["Kommuner", "/xl/tables/table7.xml", "B2:E5", 1, 0]]);
    const [t] = await readTables(pkg, info, ["KOMMUNER"]);
    expect(t.name).toBe("Kommuner");
    expect([t.sheet, t.top, t.left]).toEqual(["Kommuner", 1, 1]);
    expect(t.headers).toEqual(["Kommune", "Innbyggere", "Befolkningsdato", "Merknad"]);
    expect(t.rows).toEqual([
      ["Kongsberg", 27262, new Date(Date.UTC(2009, 5, 30)), "fet og vanlig"],
      ["Flesberg", null, new Date(Date.UTC(2009, 5, 30)), true],
      ["Rollag", null, { error: "#N/A" }, 1500],
    ]);
    expect(t.cellIssues).toEqual([
      { row: 1, col: 1, kind: "not-a-number", text: "12x232" },
      { row: 2, col: 1, kind: "uncalculated", text: "=SUM(C3:C4)" },
    ]);
  });

  test("a table without tableStyleInfo, with a totals row and no headerRowCount (LibreOffice)", async () => {
    const rows =
      `<row r="1"><c r="A1" t="inlineStr"><is><t>År</t></is></c><c r="B1" t="inlineStr"><is><t>Beløp</t></is></c></row>` +
      `<row r="2"><c r="A2"><v>2009</v></c><c r="B2"><v>100</v></c></row>` +
      `<row r="3"><c r="A3"><v>2010</v></c><c r="B3"><v>200</v></c></row>` +
      `<row r="4"><c r="A4" t="inlineStr"><is><t>Sum</t></is></c><c r="B4"><f>SUBTOTAL(109,B2:B3)</f><v>300</v></c></row>`;
    const bytes = makeBook({
      sheets: [{ name: "Ark 1", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kostnader", ref: "A1:B4", columns: ["År", "Beløp"], totals: 1, style: false }) }] }],
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "lo.xlsx");
    expect(info.tables[0].hasStyleInfo).toBe(false);
    const [t] = await readTables(pkg, info, ["kostnader"]);
    expect(t.rows).toEqual([[2009, 100], [2010, 200]]);
    expect(t.cellIssues).toBeUndefined();
  });

  test("a table with headerRowCount 0 takes its column names from the part", async () => {
    const rows = `<row r="3"><c r="C3"><v>1</v></c><c r="D3"><v>2</v></c></row>`;
    const bytes = makeBook({
      sheets: [{ name: "S", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Parametere", ref: "C3:D3", columns: ["Navn_x000a_linje", "Verdi"], header: 0 }) }] }],
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
    const [t] = await readTables(pkg, info, ["Parametere"]);
    expect(t.headers).toEqual(["Navn\nlinje", "Verdi"]);
    expect(t.rows).toEqual([[1, 2]]);
  });

  test("rows and cells without r (counted), below rows that the reader skips", async () => {
    const rows = `<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row><row><c t="inlineStr"><is><t>K</t></is></c><c t="inlineStr"><is><t>L</t></is></c></row><row><c><v>30</v></c><c><v>31</v></c></row>`;
    const bytes = makeBook({ sheets: [{ name: "S", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "T", ref: "A3:B4", columns: ["K", "L"] }) }] }] });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
    expect((await readTables(pkg, info, ["T"]))[0].rows).toEqual([[30, 31]]);
  });

  test("the 1904 date system", async () => {
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>Dato</t></is></c></row><row r="2"><c r="A2" s="1"><v>38532</v></c></row>`;
    const make = (pr: string) =>
      makeBook({
        workbookPr: pr,
        styles: DATE_STYLES,
        sheets: [{ name: "S", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "T", ref: "A1:A2", columns: ["Dato"] }) }] }],
      });
    const read = async (bytes: Uint8Array) => {
      const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
      return { date1904: info.date1904, value: (await readTables(pkg, info, ["T"]))[0].rows[0][0] };
    };
    expect(await read(make(`<workbookPr date1904="1"/>`))).toEqual({ date1904: true, value: new Date(Date.UTC(2009, 5, 30)) });
    expect(await read(make(`<workbookPr/>`))).toEqual({ date1904: false, value: new Date(Date.UTC(2005, 5, 29)) });
  });

  test("only the tables asked for, and sheets without them are never unpacked", async () => {
    // The other sheet is a bomb: reading it would refuse the whole workbook.
    const bytes = makeBook({
      sheets: [
        { name: "Hovedbok", part: "xl/worksheets/ledger.xml", entry: { deflated: deflatedZeros(2048), declaredSize: 100 } },
        { name: "Kommuner", part: "xl/worksheets/sheet2.xml", rows: kommunerRows(), tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kommuner", ref: "B2:E5", columns: ["Kommune", "Innbyggere", "Befolkningsdato", "Merknad"] }) }] },
      ],
      sharedStrings: KOMMUNER_SST,
      styles: DATE_STYLES,
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
    expect(await readTables(pkg, info, ["Kostnader"])).toEqual([]);
    expect((await readTables(pkg, info, ["Kommuner"]))[0].rows[0][0]).toBe("Kongsberg");
    await expect(readSheetCells(pkg, info, ["Hovedbok"])).rejects.toMatchObject({ exitCode: 2 });
  });
});

describe("a zip bomb in a part that must be read", () => {
  test("a table's sheet of 2 GB of valid XML (whitespace) stops at the part limit with exit 2", async () => {
    const sheet = deflatedRepeat(2048, " ", `<worksheet xmlns="${MAIN_NS}"><sheetData>`, `</sheetData></worksheet>`);
    const bytes = makeBook({
      sheets: [{ name: "Inndata", part: "xl/worksheets/sheet1.xml", entry: { deflated: sheet, declaredSize: 2000 }, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kommuner", ref: "A1:B3", columns: ["Kommune", "Innbyggere"] }) }] }],
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "bombe.xlsx", { maxPartBytes: 64 << 20 });
    await expect(readTables(pkg, info, ["Kommuner"])).rejects.toMatchObject({
      exitCode: 2,
      texts: { "nb-NO": expect.stringContaining("/xl/worksheets/sheet1.xml i bombe.xlsx pakker seg ut til mer enn 64 MB"), "en-US": expect.stringContaining("zip bomb") },
    });
  }, 60_000);

  test("shared strings of 2 GB stop at the limit too", async () => {
    const sst = deflatedRepeat(2048, " ", `<sst xmlns="${MAIN_NS}"><si><t>a</t></si><si><t>`, `</t></si></sst>`);
    const rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>K</t></is></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>`;
    const bytes = makeBook({
      sheets: [{ name: "S", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "T", ref: "A1:A2", columns: ["K"] }) }] }],
      sharedStringsEntry: { deflated: sst, declaredSize: 10 },
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx", { maxPartBytes: 32 << 20 });
    await expect(readTables(pkg, info, ["T"])).rejects.toMatchObject({ exitCode: 2, texts: { "en-US": expect.stringContaining("/xl/sharedStrings.xml") } });
  }, 60_000);
});

describe("shared strings", () => {
  test("keeps only the wanted indices and stops after the last one", async () => {
    // Past the last wanted string the part is not even XML: reading on would fail.
    const sst = `<sst xmlns="${MAIN_NS}">` + Array.from({ length: 30_000 }, (_, i) => `<si><t>s${i}</t></si>`).join("") + `<si><t>x</t></si><<<broken`;
    const pkg = await openPackage(makeZip([{ name: "xl/sharedStrings.xml", text: sst }]));
    const got = await sharedStrings(pkg, "/xl/sharedStrings.xml", new Set([3, 999, 500]));
    expect([...got.entries()].sort((a, b) => a[0] - b[0])).toEqual([[3, "s3"], [500, "s500"], [999, "s999"]]);
  });

  test("rich text runs joined, phonetic runs and escapes handled", async () => {
    const sst = `<sst xmlns="${MAIN_NS}"><si><r><t>a</t></r><r><t>b</t></r><rPh sb="0" eb="1"><t>Z</t></rPh></si><si><t>x_x000D_y_x005F_x0041_</t></si></sst>`;
    const pkg = await openPackage(makeZip([{ name: "xl/sharedStrings.xml", text: sst }]));
    const got = await sharedStrings(pkg, "/xl/sharedStrings.xml", new Set([0, 1]));
    expect(got.get(0)).toBe("ab");
    expect(got.get(1)).toBe("x\ry_x0041_");
  });
});

describe("formulas", () => {
  test("shared formulas: followers shift the master's relative references only", () => {
    expect(shiftFormula("B2*2+$A$1", 2, 1)).toBe("C4*2+$A$1");
    expect(shiftFormula('"B2"&\'Ark B2\'!B2&Tabell[[#This Row],[B2]]', 1, 0)).toBe('"B2"&\'Ark B2\'!B3&Tabell[[#This Row],[B2]]');
    expect(shiftFormula("SUM(A:A,2:3,$B1,B$1)+LOG10(A1)+_xlfn.IFS(A1>0,1)", 1, 1)).toBe("SUM(B:B,3:4,$B2,C$1)+LOG10(B2)+_xlfn.IFS(B2>0,1)");
    expect(shiftFormula("A1+Navn1", -1, 0)).toBe("#REF!+Navn1");
  });

  test("readSheetCells expands followers, keeps cached values and strips _xlfn", async () => {
    const rows =
      `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c><c r="C1" t="str"><f>_xlfn.CONCAT("a",A1)</f><v>a1</v></c></row>` +
      `<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>` +
      `<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c></row>`;
    const bytes = makeBook({ sheets: [{ name: "Budsjett", part: "xl/worksheets/sheet1.xml", rows }] });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
    const [s] = await readSheetCells(pkg, info, ["budsjett", "Finnes ikke"]);
    expect(s.name).toBe("Budsjett");
    expect(s.rows).toEqual([
      [{ value: 1 }, { value: 2, formula: "=A1*2" }, { value: "a1", formula: '=CONCAT("a",A1)' }],
      [{ value: 2 }, { value: 4, formula: "=A2*2" }],
      [{ value: 3 }, { value: null, formula: "=A3*2" }],
    ]);
  });

  test("a follower inside a table whose master is outside it is expanded; uncalculated names the formula", async () => {
    const rows =
      `<row r="1"><c r="A1"><v>5</v></c><c r="B1"><f t="shared" ref="B1:B3" si="4">A1+1</f><v>6</v></c></row>` +
      `<row r="2"><c r="B2" t="inlineStr"><is><t>Verdi</t></is></c></row>` +
      `<row r="3"><c r="B3"><f t="shared" si="4"/></c></row>`;
    const bytes = makeBook({ sheets: [{ name: "S", part: "xl/worksheets/sheet1.xml", rows, tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "T", ref: "B2:B3", columns: ["Verdi"] }) }] }] });
    const { pkg, info } = await openWorkbookBytes(bytes, "x.xlsx");
    const [t] = await readTables(pkg, info, ["T"]);
    expect(t.rows).toEqual([[null]]);
    expect(t.cellIssues).toEqual([{ row: 0, col: 0, kind: "uncalculated", text: "=A3+1" }]);
  });

  test("date formats", () => {
    expect(isDateFormat("dd\\.mm\\.yyyy")).toBe(true);
    expect(isDateFormat("[$-414]d. mmmm yyyy")).toBe(true);
    expect(isDateFormat("h:mm")).toBe(true);
    expect(isDateFormat('#,##0 "kr"')).toBe(false);
    expect(isDateFormat("[Red]0.00;[Blue]-0.00")).toBe(false);
    expect(isDateFormat("0.00E+00")).toBe(false);
    expect(isDateFormat("General")).toBe(false);
  });
});

describe("a sheet of 3 million cells that holds an input table", () => {
  test("is streamed, and only the table's cells are kept", async () => {
    // 100 000 rows x 30 columns of numbers, the table at the bottom right.
    const ROWS = 100_000;
    const COLS = 30;
    const letters = Array.from({ length: COLS }, (_, i) => (i < 26 ? String.fromCharCode(65 + i) : "A" + String.fromCharCode(65 + i - 26)));
    const deflate = zlib.createDeflateRaw({ level: 1 });
    const parts: Buffer[] = [];
    deflate.on("data", (b: Buffer) => parts.push(b));
    const finished = new Promise((r) => deflate.on("end", r));
    deflate.write(`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>`);
    let chunk = "";
    for (let r = 1; r <= ROWS; r++) {
      chunk += `<row r="${r}">`;
      for (let c = 0; c < COLS; c++) {
        const ref = letters[c] + r;
        if (r === ROWS - 2 && c >= 27) chunk += `<c r="${ref}" t="inlineStr"><is><t>H${c}</t></is></c>`;
        else chunk += `<c r="${ref}"><v>${r * 100 + c}</v></c>`;
      }
      chunk += `</row>`;
      if (chunk.length > 1 << 20) {
        deflate.write(chunk);
        chunk = "";
      }
    }
    deflate.end(chunk + `</sheetData></worksheet>`);
    await finished;
    const sheet = Buffer.concat(parts);
    const table = tableXml({ id: 1, name: "Stor", ref: `AB${ROWS - 2}:AD${ROWS}`, columns: ["H27", "H28", "H29"] });
    const bytes = makeBook({ sheets: [{ name: "Hovedbok", part: "xl/worksheets/sheet1.xml", entry: { deflated: sheet, declaredSize: 0 }, tables: [{ part: "xl/tables/table1.xml", xml: table }] }] });
    const { pkg, info } = await openWorkbookBytes(bytes, "stor.xlsx");
    const [t] = await readTables(pkg, info, ["Stor"]);
    expect(t.headers).toEqual(["H27", "H28", "H29"]);
    expect(t.rows).toEqual([
      [(ROWS - 1) * 100 + 27, (ROWS - 1) * 100 + 28, (ROWS - 1) * 100 + 29],
      [ROWS * 100 + 27, ROWS * 100 + 28, ROWS * 100 + 29],
    ]);
  }, 120_000);
});
