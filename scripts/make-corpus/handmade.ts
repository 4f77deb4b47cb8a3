/**
 * Writes test/corpus/handmade.xlsm: an ExcelJS workbook with the four input tables, into which
 * parts no library here writes are added by hand with JSZip, following the Open XML formats
 * (ECMA-376, MS-XLSX, MS-OFFMACRO2):
 *
 * - a VBA project (xl/vbaProject.bin, see vba.ts) with the macro-enabled workbook content type;
 * - a chart sheet "Diagram" (xl/chartsheets/sheet1.xml → drawing → chart of Kommuner's
 *   populations);
 * - a threaded comment with a reply on Inndata!A2 (xl/threadedComments/threadedComment1.xml)
 *   and its persons (xl/persons/person.xml), beside the legacy note Excel keeps for old readers;
 * - custom document properties (docProps/custom.xml) and a thumbnail (docProps/thumbnail.jpeg);
 * - an external link (xl/externalLinks/externalLink1.xml, to a file on another disk) used by a
 *   defined name and a formula on the user's sheet Regnskap;
 * - a dialog sheet (xl/dialogsheets/sheet1.xml) and an Excel 4 macro sheet
 *   (xl/macrosheets/sheet1.xml).
 *
 * Usage: node -r ts-node/register scripts/make-corpus/handmade.ts OUT.xlsm
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { addInputTables } from "./exceljs";
import { corpusTables } from "./tables";
import { vbaProject } from "./vba";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_TC = "http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const PERSON = "{8A1D2C33-2009-4E6B-A1B2-4B5252000101}";
const PERSON2 = "{8A1D2C33-2009-4E6B-A1B2-4B5252000102}";
const THREAD = "{3C2B1A00-2009-4E6B-A1B2-4B5252000201}";
const REPLY = "{3C2B1A00-2009-4E6B-A1B2-4B5252000202}";
const COMMENT_TEXT = "Tallene er fra SSB per 1.1.2008.";
const REPLY_TEXT = "Oppdateres når 2009-tallene kommer.";

async function base(): Promise<Buffer> {
  const tables = corpusTables();
  const wb = new ExcelJS.Workbook();
  wb.creator = "handmade-korpus";
  wb.created = new Date(Date.UTC(2009, 0, 22));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Inndata");
  addInputTables(ws, tables);
  const kommuner = tables.find((t) => t.name === "Kommuner")!;
  // The legacy note Excel writes next to a threaded comment, for readers without threads.
  ws.getCell(kommuner.top + 1, 1).note = [
    "[Threaded comment]",
    "",
    "Your version of Excel allows you to read this threaded comment; however, any edits to it will get removed if the file is opened in a newer version of Excel. Learn more: https://go.microsoft.com/fwlink/?linkid=870924",
    "",
    `Comment:\n    ${COMMENT_TEXT}\nReply:\n    ${REPLY_TEXT}`,
  ].join("\n");
  const acc = wb.addWorksheet("Regnskap");
  acc.getCell("A1").value = "Driftsresultat 2008 (fra regnskapet)";
  acc.getCell("B1").value = { formula: "[1]Drift!$B$2", result: 1234567 } as ExcelJS.CellFormulaValue;
  acc.getCell("A2").value = "Via navn";
  acc.getCell("B2").value = { formula: "Regnskap2008", result: 1234567 } as ExcelJS.CellFormulaValue;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function maxRid(rels: string): number {
  return Math.max(0, ...[...rels.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1])));
}

function addRel(rels: string, id: string, type: string, target: string, external = false): string {
  const mode = external ? ' TargetMode="External"' : "";
  return rels.replace("</Relationships>", `<Relationship Id="${id}" Type="${type}" Target="${target}"${mode}/></Relationships>`);
}

function relsPart(rels: string): string {
  return `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}

async function text(zip: JSZip, name: string): Promise<string> {
  const f = zip.file(name);
  if (!f) throw new Error(`base workbook has no ${name}`);
  return f.async("string");
}

function chartXml(): string {
  const ref = (col: string) => `Inndata!$${col}$3:$${col}$9`;
  return (
    `${XML}<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${REL}">` +
    `<c:roundedCorners val="0"/><c:chart><c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r><a:t>Innbyggere 1.1.2008</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>` +
    `<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:barChart><c:barDir val="bar"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Inndata!$B$2</c:f></c:strRef></c:tx>` +
    `<c:cat><c:strRef><c:f>${ref("A")}</c:f></c:strRef></c:cat><c:val><c:numRef><c:f>${ref("B")}</c:f></c:numRef></c:val></c:ser>` +
    `<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1002"/></c:catAx>` +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/><c:numFmt formatCode="#,##0" sourceLinked="0"/><c:crossAx val="1001"/></c:valAx>` +
    `</c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`
  );
}

function chartsheetDrawingXml(): string {
  return (
    `${XML}<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">` +
    `<xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8667750" cy="6286500"/>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram 1"/><xdr:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic>` +
    `</xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`
  );
}

const PAGE = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';

export async function makeHandmade(out: string): Promise<void> {
  const zip = await JSZip.loadAsync(await base());
  for (const p of ["xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/chartsheets/sheet1.xml"]) {
    if (zip.file(p)) throw new Error(`base workbook already has ${p}`);
  }

  // --- Parts.
  zip.file("xl/vbaProject.bin", vbaProject());
  zip.file(
    "xl/chartsheets/sheet1.xml",
    `${XML}<chartsheet xmlns="${NS_MAIN}" xmlns:r="${REL}"><sheetPr/><sheetViews><sheetView zoomScale="100" workbookViewId="0" zoomToFit="1"/></sheetViews>${PAGE}<drawing r:id="rId1"/></chartsheet>`,
  );
  zip.file("xl/chartsheets/_rels/sheet1.xml.rels", relsPart(`<Relationship Id="rId1" Type="${REL}/drawing" Target="../drawings/drawing1.xml"/>`));
  zip.file("xl/drawings/drawing1.xml", chartsheetDrawingXml());
  zip.file("xl/drawings/_rels/drawing1.xml.rels", relsPart(`<Relationship Id="rId1" Type="${REL}/chart" Target="../charts/chart1.xml"/>`));
  zip.file("xl/charts/chart1.xml", chartXml());

  zip.file(
    "xl/threadedComments/threadedComment1.xml",
    `${XML}<ThreadedComments xmlns="${NS_TC}" xmlns:x="${NS_MAIN}">` +
      `<threadedComment ref="A2" dT="2009-01-22T09:15:00.00" personId="${PERSON}" id="${THREAD}"><text>${COMMENT_TEXT}</text></threadedComment>` +
      `<threadedComment ref="A2" dT="2009-01-23T13:40:00.00" personId="${PERSON2}" id="${REPLY}" parentId="${THREAD}"><text>${REPLY_TEXT}</text></threadedComment>` +
      `</ThreadedComments>`,
  );
  zip.file(
    "xl/persons/person.xml",
    `${XML}<personList xmlns="${NS_TC}" xmlns:x="${NS_MAIN}">` +
      `<person displayName="Kari Nordmann" id="${PERSON}" userId="kari.nordmann@example.no" providerId="None"/>` +
      `<person displayName="Ola Nordmann" id="${PERSON2}" userId="ola.nordmann@example.no" providerId="None"/>` +
      `</personList>`,
  );

  zip.file(
    "xl/externalLinks/externalLink1.xml",
    `${XML}<externalLink xmlns="${NS_MAIN}" xmlns:r="${REL}"><externalBook r:id="rId1"><sheetNames><sheetName val="Drift"/></sheetNames>` +
      `<sheetDataSet><sheetData sheetId="0"><row r="2"><cell r="B2"><v>1234567</v></cell></row></sheetData></sheetDataSet></externalBook></externalLink>`,
  );
  zip.file(
    "xl/externalLinks/_rels/externalLink1.xml.rels",
    relsPart(`<Relationship Id="rId1" Type="${REL}/externalLinkPath" Target="file:///C:/Regnskap/Regnskap2008.xlsx" TargetMode="External"/>`),
  );

  zip.file(
    "xl/dialogsheets/sheet1.xml",
    `${XML}<dialogsheet xmlns="${NS_MAIN}" xmlns:r="${REL}"><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>${PAGE}</dialogsheet>`,
  );
  zip.file(
    "xl/macrosheets/sheet1.xml",
    `${XML}<xm:macrosheet xmlns="${NS_MAIN}" xmlns:r="${REL}" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
      `<dimension ref="A1:A3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
      `<sheetData><row r="1"><c r="A1" t="str"><v>Hei</v></c></row><row r="2"><c r="A2" t="b"><f>ALERT("Hei fra Kongsbergregionen")</f><v>1</v></c></row><row r="3"><c r="A3" t="b"><f>RETURN()</f><v>1</v></c></row></sheetData>` +
      `${PAGE}</xm:macrosheet>`,
  );

  zip.file(
    "docProps/custom.xml",
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Saksnummer"><vt:lpwstr>2009/0142</vt:lpwstr></property>` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="Vedtatt"><vt:bool>true</vt:bool></property>` +
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="4" name="Versjon"><vt:i4>3</vt:i4></property>` +
      `</Properties>`,
  );
  zip.file("docProps/thumbnail.jpeg", fs.readFileSync(path.join(__dirname, "thumbnail.jpeg")));

  // --- Relationships.
  let wbRels = await text(zip, "xl/_rels/workbook.xml.rels");
  let n = maxRid(wbRels);
  const id = () => `rId${++n}`;
  const ids = { vba: id(), chart: id(), dialog: id(), macro: id(), ext: id(), person: id() };
  wbRels = addRel(wbRels, ids.vba, "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin");
  wbRels = addRel(wbRels, ids.chart, `${REL}/chartsheet`, "chartsheets/sheet1.xml");
  wbRels = addRel(wbRels, ids.dialog, `${REL}/dialogsheet`, "dialogsheets/sheet1.xml");
  wbRels = addRel(wbRels, ids.macro, "http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet", "macrosheets/sheet1.xml");
  wbRels = addRel(wbRels, ids.ext, `${REL}/externalLink`, "externalLinks/externalLink1.xml");
  wbRels = addRel(wbRels, ids.person, "http://schemas.microsoft.com/office/2017/10/relationships/person", "persons/person.xml");
  zip.file("xl/_rels/workbook.xml.rels", wbRels);

  const sheetRelsName = "xl/worksheets/_rels/sheet1.xml.rels";
  let sheetRels = await text(zip, sheetRelsName);
  sheetRels = addRel(sheetRels, `rId${maxRid(sheetRels) + 1}`, "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", "../threadedComments/threadedComment1.xml");
  zip.file(sheetRelsName, sheetRels);

  let pkgRels = await text(zip, "_rels/.rels");
  const p = maxRid(pkgRels);
  pkgRels = addRel(pkgRels, `rId${p + 1}`, `${REL}/custom-properties`, "docProps/custom.xml");
  pkgRels = addRel(pkgRels, `rId${p + 2}`, "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail", "docProps/thumbnail.jpeg");
  zip.file("_rels/.rels", pkgRels);

  // --- The workbook: new sheets, the external reference and a name that uses it.
  let wbXml = await text(zip, "xl/workbook.xml");
  let sheetId = Math.max(...[...wbXml.matchAll(/sheetId="(\d+)"/g)].map((m) => Number(m[1])));
  const sheet = (name: string, rid: string) => `<sheet name="${name}" sheetId="${++sheetId}" r:id="${rid}"/>`;
  wbXml = wbXml.replace(
    "</sheets>",
    sheet("Diagram", ids.chart) + sheet("Dialog1", ids.dialog) + sheet("Makro1", ids.macro) + `</sheets><externalReferences><externalReference r:id="${ids.ext}"/></externalReferences>`,
  );
  const name = '<definedName name="Regnskap2008">[1]Drift!$B$2</definedName>';
  wbXml = wbXml.includes("<definedNames>") ? wbXml.replace("<definedNames>", `<definedNames>${name}`) : wbXml.replace("<calcPr", `<definedNames>${name}</definedNames><calcPr`);
  // The workbook's code name, which the VBA project's ThisWorkbook module belongs to.
  wbXml = wbXml.replace(/<workbookPr([^>]*?)\/>/, '<workbookPr codeName="ThisWorkbook"$1/>');
  zip.file("xl/workbook.xml", wbXml);

  // --- Content types.
  let types = await text(zip, "[Content_Types].xml");
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  types = types
    .replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    .replace(
      "</Types>",
      '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>' +
        '<Default Extension="jpeg" ContentType="image/jpeg"/>' +
        override("/xl/chartsheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml") +
        override("/xl/drawings/drawing1.xml", "application/vnd.openxmlformats-officedocument.drawing+xml") +
        override("/xl/charts/chart1.xml", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml") +
        override("/xl/threadedComments/threadedComment1.xml", "application/vnd.ms-excel.threadedcomments+xml") +
        override("/xl/persons/person.xml", "application/vnd.ms-excel.person+xml") +
        override("/xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml") +
        override("/xl/dialogsheets/sheet1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.dialogsheet+xml") +
        override("/xl/macrosheets/sheet1.xml", "application/vnd.ms-excel.macrosheet+xml") +
        override("/docProps/custom.xml", "application/vnd.openxmlformats-officedocument.custom-properties+xml") +
        "</Types>",
    );
  if (types.includes('Extension="jpeg" ContentType="image/jpeg"/><Default Extension="jpeg"')) throw new Error("duplicate jpeg default");
  zip.file("[Content_Types].xml", types);

  const data = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", compressionOptions: { level: 9 } });
  fs.writeFileSync(out, data);
}

if (require.main === module) {
  makeHandmade(process.argv[2]).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
