/** The package writer's text edits on the forms other writers use: prefixes, missing or self-closing sections. */
import { attributes } from "../../src/xlsx/package/xml";
import { StyleRegistry } from "../../src/xlsx/write/styles";
import { addSheetTitles, dropCalcChainSheets, WorkbookXml } from "../../src/xlsx/write/workbookXml";

/** The formatCode of a number format id in a styles.xml text. */
function formatCode(xml: string, id: number): string | undefined {
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt(?=[\s/>])[^>]*>/g)) {
    const a = attributes(m[0]);
    if (Number(a.numFmtId) === id) return a.formatCode;
  }
  return undefined;
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

describe("StyleRegistry", () => {
  const styles =
    `<?xml version="1.0"?><x:styleSheet xmlns:x="${MAIN}"><x:numFmts count="1"><x:numFmt numFmtId="170" formatCode="0.0%"/></x:numFmts>` +
    `<x:fonts count="1"><x:font><x:sz val="10"/><x:name val="Arial"/></x:font></x:fonts>` +
    `<x:fills count="2"><x:fill><x:patternFill patternType="none"/></x:fill><x:fill><x:patternFill patternType="gray125"/></x:fill></x:fills>` +
    `<x:borders count="1"><x:border/></x:borders><x:cellStyleXfs count="1"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></x:cellStyleXfs>` +
    `<x:cellXfs count="2"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0"/></x:cellXfs></x:styleSheet>`;

  it("appends in the stylesheet's prefix past the old entries, reuses formats, bolds the default font", () => {
    const reg = new StyleRegistry(styles);
    expect(reg.xf({})).toBe(0);
    const a = reg.xf({ numberFormat: "0.0%", bold: true });
    const b = reg.xf({ numberFormat: "dd.mm.yyyy", fill: "#ddebf7", borderTop: true, align: "centerAcross", wrap: true });
    expect([a, b]).toEqual([2, 3]);
    expect(reg.xf({ bold: true, numberFormat: "0.0%" })).toBe(2);
    const out = reg.apply();
    // The old entries stand first, as they were.
    expect(out).toContain(`<x:cellXfs count="4"><x:xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf numFmtId="170" fontId="0" fillId="0" borderId="0" xfId="0"/><x:xf `);
    expect(out).toContain(`<x:numFmts count="2"><x:numFmt numFmtId="170" formatCode="0.0%"/><x:numFmt numFmtId="171"`);
    expect(out).toContain(`<x:numFmts count="2">`);
    expect(formatCode(out, 171)).toBe("dd.mm.yyyy");
    expect(out).toContain(`<x:fonts count="2">`);
    expect(out).toContain(`<x:font><x:b/><x:sz val="10"/><x:name val="Arial"/></x:font>`);
    expect(out).toContain(`<x:fgColor rgb="FFDDEBF7"/>`);
    expect(out).toContain(`<x:cellXfs count="4">`);
    expect(out).toContain(`<x:alignment horizontal="centerContinuous" wrapText="1"/>`);
    // Built again on its own output: nothing new.
    const again = new StyleRegistry(out);
    expect([again.xf({ numberFormat: "0.0%", bold: true }), again.xf({ numberFormat: "dd.mm.yyyy", fill: "#DDEBF7", borderTop: true, align: "centerAcross", wrap: true })]).toEqual([2, 3]);
    expect(again.apply()).toBe(out);
  });

  it("creates a missing numFmts section first and opens a self-closing one", () => {
    const bare = `<styleSheet xmlns="${MAIN}"><fonts count="1"><font/></fonts><fills count="0"/><cellXfs count="1"><xf/></cellXfs></styleSheet>`;
    const reg = new StyleRegistry(bare);
    expect(reg.xf({ numberFormat: "0.000", fill: "#FF0000" })).toBe(1);
    const out = reg.apply();
    expect(out.indexOf("<numFmts")).toBeLessThan(out.indexOf("<fonts"));
    expect(out).toContain(`<fills count="1"><fill>`);
    expect(out).toContain(`numFmtId="164" fontId="0" fillId="0"`);
  });
});

describe("WorkbookXml", () => {
  it("adds sheets, names and calcPr in schema order, in the workbook's prefixes", () => {
    const wb = new WorkbookXml(`<x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}"><x:sheets><x:sheet name="A" sheetId="3" rel:id="rId1"/></x:sheets><x:pivotCaches/></x:workbook>`);
    wb.appendSheet("Budsjett & co", 4, "rId9");
    expect(wb.sheets().map((s) => [s.name, s.sheetId, s.rid])).toEqual([["A", 3, "rId1"], ["Budsjett & co", 4, "rId9"]]);
    wb.editNames(() => false, [{ name: "N", text: "'Budsjett & co'!$A$1" }]);
    wb.setFullCalcOnLoad();
    expect(wb.xml).toContain(`<x:definedNames><x:definedName name="N">'Budsjett &amp; co'!$A$1</x:definedName></x:definedNames><x:calcPr fullCalcOnLoad="1"/><x:pivotCaches/>`);
    expect(wb.definedNames()).toEqual([{ name: "N", localSheetId: undefined, text: "'Budsjett & co'!$A$1", element: expect.any(String) }]);
    wb.editNames((n) => n.name === "N", []);
    expect(wb.xml).not.toContain("definedNames");
  });

  it("sets fullCalcOnLoad on an existing calcPr and declares r: when the root lacks it", () => {
    const wb = new WorkbookXml(`<workbook xmlns="${MAIN}"><sheets/><calcPr calcId="1" fullCalcOnLoad="0"/></workbook>`);
    wb.setFullCalcOnLoad();
    wb.appendSheet("X", 1, "rId1");
    expect(wb.xml).toBe(`<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets><sheet name="X" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="1" fullCalcOnLoad="1"/></workbook>`);
  });
});

test("app.xml: new titles join the worksheet group, counts follow; other groups keep theirs", () => {
  const app =
    `<Properties><HeadingPairs><vt:vector size="4" baseType="variant"><vt:variant><vt:lpstr>Regneark</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant>` +
    `<vt:variant><vt:lpstr>Navngitte områder</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="3" baseType="lpstr"><vt:lpstr>Inndata</vt:lpstr><vt:lpstr>Ark2</vt:lpstr><vt:lpstr>Inndata!Print_Area</vt:lpstr></vt:vector></TitlesOfParts></Properties>`;
  const out = addSheetTitles(app, ["Inndata", "Ark2"], ["Budsjett"]);
  expect(out).toContain(`<vt:i4>3</vt:i4></vt:variant><vt:variant><vt:lpstr>Navngitte områder</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4>`);
  expect(out).toContain(`<vt:vector size="4" baseType="lpstr"><vt:lpstr>Inndata</vt:lpstr><vt:lpstr>Ark2</vt:lpstr><vt:lpstr>Budsjett</vt:lpstr><vt:lpstr>Inndata!Print_Area</vt:lpstr>`);
  expect(addSheetTitles("<Properties/>", ["A"], ["B"])).toBe("<Properties/>");
});

test("calcChain: the rewritten sheets' entries go, an inherited sheet index is written out", () => {
  const chain = `<calcChain xmlns="${MAIN}"><c r="A1" i="1"/><c r="A2"/><c r="B1" i="2"/><c r="B2"/><c r="C1" i="3" l="1"/></calcChain>`;
  expect(dropCalcChainSheets(chain, new Set([1]))).toBe(`<calcChain xmlns="${MAIN}"><c r="B1" i="2"/><c i="2" r="B2"/><c r="C1" i="3" l="1"/></calcChain>`);
  expect(dropCalcChainSheets(chain, new Set([1, 2, 3]))).toBeNull();
});
