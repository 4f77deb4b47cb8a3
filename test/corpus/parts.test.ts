/**
 * The part-comparison helper itself: it must see every kind of damage the lossless tests are
 * there to catch, and accept what a build may do. Each case takes a corpus file, does one
 * thing to it, and looks for that thing in the report.
 */
import * as fs from "fs";
import * as path from "path";
import { checkGraph, comparePackages, readParts, sheetsOf, workbookContentType, type Parts } from "./parts";

const CORPUS = __dirname;
const GEN = ["Budsjett", "Finansieringsplan", "Kommunebidrag"];

const copy = (p: Parts): Parts => new Map([...p].map(([k, v]) => [k, Buffer.from(v)]));
const text = (p: Parts, name: string) => p.get(name)!.toString("utf8");
const put = (p: Parts, name: string, s: string) => p.set(name, Buffer.from(s, "utf8"));

let handmade: Parts;
let lo: Parts;
let openpyxl: Parts;
beforeAll(async () => {
  handmade = await readParts(path.join(CORPUS, "handmade.xlsm"));
  lo = await readParts(path.join(CORPUS, "libreoffice.xlsx"));
  openpyxl = await readParts(path.join(CORPUS, "openpyxl.xlsx"));
});

test("every corpus file is a sound package as committed", async () => {
  const files = fs.readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) {
    expect({ f, problems: checkGraph(await readParts(path.join(CORPUS, f))) }).toEqual({ f, problems: [] });
  }
  expect(workbookContentType(handmade)).toBe("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
  // openpyxl's absolute targets resolve like relative ones.
  expect(sheetsOf(openpyxl).map((s) => s.part)).toEqual(["/xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml"]);
});

test("an identical package has no violations", () => {
  const r = comparePackages(handmade, copy(handmade), GEN);
  expect(r).toEqual({ added: [], removed: [], changed: [], owned: [], violations: [] });
});

test("a changed, removed or added user part is a violation", () => {
  const after = copy(handmade);
  put(after, "/xl/worksheets/sheet1.xml", text(after, "/xl/worksheets/sheet1.xml").replace("<sheetData>", "<sheetData> "));
  after.delete("/xl/vbaProject.bin");
  put(after, "/xl/stray.xml", "<x/>");
  const r = comparePackages(handmade, after, GEN);
  expect(r.violations).toEqual(
    expect.arrayContaining(["changed: /xl/worksheets/sheet1.xml", "removed: /xl/vbaProject.bin", "added, not a generated sheet's part: /xl/stray.xml"]),
  );
});

test("the package rels may gain a relationship (app.xml added) but not lose or change one", () => {
  const gained = copy(handmade);
  put(gained, "/_rels/.rels", text(gained, "/_rels/.rels").replace("</Relationships>", '<Relationship Id="rIdX" Type="t" Target="docProps/app2.xml"/></Relationships>'));
  expect(comparePackages(handmade, gained, GEN).violations).toEqual([]);
  const lost = copy(handmade);
  put(lost, "/_rels/.rels", text(lost, "/_rels/.rels").replace(/<Relationship [^>]*thumbnail[^>]*\/>/, ""));
  expect(comparePackages(handmade, lost, GEN).violations.join("\n")).toMatch(/package relationship changed or removed \(\/_rels\/\.rels\): rId\d+ .*thumbnail/);
});

test("a .xlsm whose workbook loses the macro-enabled content type is a violation", () => {
  const after = copy(handmade);
  put(after, "/[Content_Types].xml", text(after, "/[Content_Types].xml").replace("application/vnd.ms-excel.sheet.macroEnabled.main+xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"));
  expect(comparePackages(handmade, after, GEN).violations.join("\n")).toMatch(/content type of \/xl\/workbook\.xml/);
});

test("styles: appending is allowed, changing an old entry or number format is not", () => {
  const styles = text(lo, "/xl/styles.xml");
  const appended = copy(lo);
  put(appended, "/xl/styles.xml", styles.replace("</cellXfs>", '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellXfs>').replace(/<cellXfs count="\d+"/, '<cellXfs count="999"'));
  expect(comparePackages(lo, appended, GEN).violations).toEqual([]);

  const reordered = copy(lo);
  const fonts = /<fonts[^>]*>(<font>.*?<\/font>)(<font>.*?<\/font>)/.exec(styles)!;
  put(reordered, "/xl/styles.xml", styles.replace(fonts[1] + fonts[2], fonts[2] + fonts[1]));
  expect(comparePackages(lo, reordered, GEN).violations.join("\n")).toMatch(/fonts\[0\]/);

  const fmt = copy(lo);
  put(fmt, "/xl/styles.xml", styles.replace('formatCode="[$-409]0%"', 'formatCode="0.0%"'));
  expect(comparePackages(lo, fmt, GEN).violations.join("\n")).toMatch(/numFmt 165 \(\[\$-409\]0%\) changed/);
});

test("shared strings: appending is allowed, rewriting is not", () => {
  const ss = text(lo, "/xl/sharedStrings.xml");
  const appended = copy(lo);
  put(appended, "/xl/sharedStrings.xml", ss.replace("</sst>", "<si><t>Budsjett</t></si></sst>"));
  expect(comparePackages(lo, appended, GEN).violations).toEqual([]);
  const rewritten = copy(lo);
  put(rewritten, "/xl/sharedStrings.xml", ss.replace("Hjartdal", "Hjartdal kommune"));
  expect(comparePackages(lo, rewritten, GEN).violations.join("\n")).toMatch(/sharedStrings\.xml: string \d+ changed/);
});

test("a generated sheet's own parts may come and go; the user's sheets and names must stay", () => {
  const after = copy(handmade);
  const wb = text(after, "/xl/workbook.xml");
  put(after, "/xl/workbook.xml", wb.replace("</sheets>", '<sheet name="Budsjett" sheetId="9" r:id="rId99"/></sheets>'));
  put(after, "/xl/_rels/workbook.xml.rels", text(after, "/xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/></Relationships>'));
  put(after, "/xl/worksheets/sheet9.xml", "<worksheet/>");
  put(after, "/xl/worksheets/_rels/sheet9.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/table" Target="../tables/table9.xml"/></Relationships>');
  put(after, "/xl/tables/table9.xml", "<table/>");
  const ok = comparePackages(handmade, after, GEN);
  expect(ok.violations).toEqual([]);
  expect(ok.owned).toEqual(["/xl/tables/table9.xml", "/xl/worksheets/_rels/sheet9.xml.rels", "/xl/worksheets/sheet9.xml"]);

  const lost = copy(handmade);
  put(lost, "/xl/workbook.xml", wb.replace(/<sheet name="Makro1"[^>]*\/>/, "").replace(/<definedName name="Regnskap2008">[^<]*<\/definedName>/, ""));
  const v = comparePackages(handmade, lost, GEN).violations.join("\n");
  expect(v).toMatch(/sheet Makro1 is gone/);
  expect(v).toMatch(/defined name Regnskap2008/);
});

test("a user's part taken over by a generated sheet under the same name is a violation", () => {
  // The chart sheet goes, and a generated sheet's drawing now points at the user's chart part.
  const after = copy(handmade);
  const wb = text(after, "/xl/workbook.xml").replace(/<sheet name="Diagram"[^>]*\/>/, '<sheet name="Kommunebidrag" sheetId="9" r:id="rId99"/>');
  put(after, "/xl/workbook.xml", wb);
  put(after, "/xl/_rels/workbook.xml.rels", text(after, "/xl/_rels/workbook.xml.rels").replace("</Relationships>", '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet9.xml"/></Relationships>'));
  put(after, "/xl/worksheets/sheet9.xml", "<worksheet/>");
  put(after, "/xl/worksheets/_rels/sheet9.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/drawing" Target="../drawings/drawing1.xml"/></Relationships>');
  put(after, "/xl/charts/chart1.xml", "<chartSpace/>");
  const v = comparePackages(handmade, after, GEN).violations;
  expect(v).toEqual(expect.arrayContaining(["changed: /xl/charts/chart1.xml", "sheet Diagram is gone from workbook.xml"]));
});

test("the graph check finds dangling relationships, orphan parts, missing content types and #REF! names", () => {
  const broken = copy(handmade);
  broken.delete("/xl/persons/person.xml");
  put(broken, "/xl/orphan.xml", "<x/>");
  put(broken, "/xl/workbook.xml", text(broken, "/xl/workbook.xml").replace("[1]Drift!$B$2", "#REF!"));
  broken.delete("/xl/charts/chart1.xml");
  const p = checkGraph(broken).join("\n");
  expect(p).toMatch(/dangling relationship \/xl\/_rels\/workbook\.xml\.rels rId\d+ -> \/xl\/persons\/person\.xml/);
  expect(p).toMatch(/orphan part \/xl\/orphan\.xml/);
  expect(p).toMatch(/Override for missing part \/xl\/charts\/chart1\.xml/);
  expect(p).toMatch(/defined name Regnskap2008 is #REF!/);
});
