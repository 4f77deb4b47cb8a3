/**
 * Test kit for the package writer: a user's workbook with everything a build must keep (made by
 * ExcelJS, then hand-made parts added with JSZip), and an independent look at a package's part
 * graph (JSZip and plain patterns, none of the code under test).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { examplePlanTables } from "../../src/core/engine";
import { addInputTables } from "../../scripts/make-corpus/exceljs";
import { userWorkbook } from "./helpers";

/** A 1 x 1 transparent PNG (the user's picture). */
export const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

/**
 * richWorkbook({ builtBefore: true, macros: true }) as the code of commit 6d7ac49 made it: the
 * generated sheets written by the ExcelJS writer that `kbr build` used before (its chart added
 * to ExcelJS's package, a placeholder picture swapped for it).
 */
const BUILT_BEFORE = path.join(__dirname, "..", "fixtures", "rich-built-6d7ac49.xlsm");

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const CT_MACRO_WORKBOOK = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

/** Every file of a zip, by name. */
export async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir) out.set(name, await f.async("uint8array"));
  return out;
}

const text = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString("utf8") : "");

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out[m[1]] = m[2].replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return out;
}

function relsName(part: string): string {
  if (part === "") return "_rels/.rels";
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export function resolve(source: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(source || "x"), target)).replace(/^\.\//, "");
}

export interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function relsOf(files: Map<string, Uint8Array>, part: string): Rel[] {
  return [...text(files.get(relsName(part))).matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    return { id: a.Id, type: a.Type, target: a.Target, external: a.TargetMode === "External" };
  });
}

/** Sheets of workbook.xml in order, with the part each resolves to. */
export function sheetsOf(files: Map<string, Uint8Array>): { name: string; sheetId: string; rid: string; part: string }[] {
  const wb = text(files.get("xl/workbook.xml"));
  const rels = relsOf(files, "xl/workbook.xml");
  return [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const a = attrs(m[0]);
    const rel = rels.find((r) => r.id === a["r:id"]);
    return { name: a.name, sheetId: a.sheetId, rid: a["r:id"], part: rel ? resolve("xl/workbook.xml", rel.target) : "" };
  });
}

export function definedNamesOf(files: Map<string, Uint8Array>): { name: string; local?: number; text: string }[] {
  const wb = text(files.get("xl/workbook.xml"));
  return [...wb.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)].map((m) => {
    const a = attrs(`<x ${m[1]}>`);
    return { name: a.name, local: a.localSheetId === undefined ? undefined : Number(a.localSheetId), text: attrs(`<x v="${m[2]}">`).v };
  });
}

/** Parts reachable from the package relationships (internal ones). */
export function reachableParts(files: Map<string, Uint8Array>, roots: string[] = [""]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const p = queue.pop()!;
    for (const r of relsOf(files, p)) {
      if (r.external) continue;
      const t = resolve(p, r.target);
      if (!seen.has(t)) {
        seen.add(t);
        queue.push(t);
      }
    }
  }
  return seen;
}

/** What is wrong with the part graph: orphans, dangling relationships and names, missing content types. */
export function graphProblems(files: Map<string, Uint8Array>): string[] {
  const out: string[] = [];
  const reach = reachableParts(files);
  for (const name of files.keys()) {
    if (name === "[Content_Types].xml" || /(^|\/)_rels\/[^/]*\.rels$/.test(name)) continue;
    if (!reach.has(name)) out.push(`orphan part ${name}`);
  }
  for (const name of files.keys()) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (!m) continue;
    const source = m[1] + m[2];
    if (source !== "" && !files.has(source)) out.push(`rels of a missing part ${name}`);
    for (const r of relsOf(files, source)) if (!r.external && !files.has(resolve(source, r.target))) out.push(`dangling relationship ${name} ${r.id} -> ${r.target}`);
  }
  const sheets = sheetsOf(files);
  const sheetNames = new Set(sheets.map((s) => s.name.toLowerCase()));
  for (const d of definedNamesOf(files)) {
    if (d.local !== undefined && d.local >= sheets.length) out.push(`defined name ${d.name} local to sheet ${d.local} of ${sheets.length}`);
    for (const m of d.text.matchAll(/(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!/g)) {
      const s = (m[1] ?? m[2]).replace(/''/g, "'");
      if (!sheetNames.has(s.toLowerCase())) out.push(`defined name ${d.name} refers to a missing sheet ${s}`);
    }
  }
  const types = text(files.get("[Content_Types].xml"));
  const defaults = new Set([...types.matchAll(/<Default\b[^>]*>/g)].map((m) => attrs(m[0]).Extension.toLowerCase()));
  const overrides = [...types.matchAll(/<Override\b[^>]*>/g)].map((m) => attrs(m[0]).PartName);
  for (const o of overrides) if (!files.has(o.slice(1))) out.push(`content type of a missing part ${o}`);
  const overridden = new Set(overrides.map((o) => o.slice(1).toLowerCase()));
  for (const name of files.keys()) {
    if (name === "[Content_Types].xml") continue;
    const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
    if (!overridden.has(name.toLowerCase()) && !defaults.has(ext)) out.push(`no content type for ${name}`);
  }
  return out;
}

/** The content type the package gives a part. */
export function contentTypeOf(files: Map<string, Uint8Array>, part: string): string | undefined {
  const types = text(files.get("[Content_Types].xml"));
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.PartName.toLowerCase() === `/${part}`.toLowerCase()) return a.ContentType;
  }
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  for (const m of types.matchAll(/<Default\b[^>]*>/g)) {
    const a = attrs(m[0]);
    if (a.Extension.toLowerCase() === ext) return a.ContentType;
  }
  return undefined;
}

/** The children of a styles.xml section as texts (`fonts` -> each `<font>`). */
export function styleEntries(xml: string, section: string, child: string): string[] {
  const m = new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(xml);
  if (!m) return [];
  return [...m[1].matchAll(new RegExp(`<${child}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${child}>)`, "g"))].map((x) => x[0]);
}

/** Adds a part to the zip and its content type (Override). */
export function addPart(zip: JSZip, types: { xml: string }, name: string, data: string | Uint8Array, contentType?: string): void {
  zip.file(name, data);
  if (contentType) types.xml = types.xml.replace("</Types>", `<Override PartName="/${name}" ContentType="${contentType}"/></Types>`);
}

export async function addRel(zip: JSZip, source: string, rel: { id: string; type: string; target: string }): Promise<void> {
  const name = relsName(source);
  const old = (await zip.file(name)?.async("string")) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`;
  zip.file(name, old.replace("</Relationships>", `<Relationship Id="${rel.id}" Type="${rel.type}" Target="${rel.target}"/></Relationships>`));
}

export interface RichOptions {
  /** The generated sheets built by the earlier ExcelJS writer first (a committed fixture; needs `macros`). */
  builtBefore?: boolean;
  /** Make it an .xlsm with a macro project. */
  macros?: boolean;
}

/**
 * A user's workbook: own sheets (formulas, merges, formats), the input tables, a note, data
 * validation, conditional formatting, a picture, a sheet whose formulas refer to Kommunebidrag, a
 * defined name of the user's; then hand-made parts: a chart sheet with its chart, a threaded
 * comment with its persons part, custom properties, a thumbnail and (optionally) a macro project.
 */
export async function richWorkbook(opts: RichOptions = {}): Promise<Uint8Array> {
  if (opts.builtBefore) {
    if (!opts.macros) throw new Error("richWorkbook: the built-before fixture is the .xlsm");
    return new Uint8Array(fs.readFileSync(BUILT_BEFORE));
  }
  const wb = await userWorkbook();
  // The input tables, written by ExcelJS (another writer than the one under test).
  addInputTables(wb.addWorksheet("Inndata"), examplePlanTables());
  const ws = wb.getWorksheet("Mine tall")!;
  ws.getCell("B2").note = "Renten fra banken";
  ws.getCell("B3").dataValidation = { type: "decimal", operator: "greaterThan", allowBlank: true, formulae: [0] };
  ws.addConditionalFormatting({
    ref: "B3:B5",
    rules: [{ type: "cellIs", operator: "greaterThan", priority: 1, formulae: [2000], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } }],
  });
  const image = wb.addImage({ buffer: PNG, extension: "png" } as unknown as ExcelJS.Image);
  ws.addImage(image, "H2:I4");
  const sum = wb.addWorksheet("Oppsummering");
  sum.getCell("A1").value = "Hjartdal totalt";
  sum.getCell("B1").value = { formula: "Kommunebidrag!L8", result: 131241 } as ExcelJS.CellFormulaValue;
  sum.getCell("B2").value = { formula: "SUM(Kommunebidrag!E8:E14)", result: 500000 } as ExcelJS.CellFormulaValue;
  sum.getCell("B3").value = { formula: "MittBidrag*2", result: 87494 } as ExcelJS.CellFormulaValue;
  // An anchor the build writes (a user who read the README links to it).
  sum.getCell("B4").value = { formula: "KBR_BIDRAG_TOTALT", result: 0 } as ExcelJS.CellFormulaValue;
  wb.definedNames.add("Kommunebidrag!$E$8", "MittBidrag");
  const bytes: Uint8Array = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);

  const zip = await JSZip.loadAsync(bytes);
  const types = { xml: await zip.file("[Content_Types].xml")!.async("string") };
  // A chart sheet, its drawing and chart.
  const chartRange = "'Mine tall'!$B$3:$B$5";
  addPart(zip, types, "xl/charts/chart90.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>${chartRange}</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
  addPart(zip, types, "xl/drawings/drawing90.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:absoluteAnchor><xdr:pos x="0" y="0"/><xdr:ext cx="8000000" cy="5000000"/><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="Diagram"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL}" r:id="rId1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:absoluteAnchor></xdr:wsDr>`, "application/vnd.openxmlformats-officedocument.drawing+xml");
  await addRel(zip, "xl/drawings/drawing90.xml", { id: "rId1", type: `${REL}/chart`, target: "../charts/chart90.xml" });
  addPart(zip, types, "xl/chartsheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<chartsheet xmlns="${NS_MAIN}" xmlns:r="${REL}"><sheetPr/><sheetViews><sheetView workbookViewId="0"/></sheetViews><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><drawing r:id="rId1"/></chartsheet>`, "application/vnd.openxmlformats-officedocument.spreadsheetml.chartsheet+xml");
  await addRel(zip, "xl/chartsheets/sheet1.xml", { id: "rId1", type: `${REL}/drawing`, target: "../drawings/drawing90.xml" });
  await addRel(zip, "xl/workbook.xml", { id: "rId90", type: `${REL}/chartsheet`, target: "chartsheets/sheet1.xml" });
  let wbXml = await zip.file("xl/workbook.xml")!.async("string");
  wbXml = wbXml.replace("</sheets>", `<sheet name="Diagram" sheetId="90" r:id="rId90"/></sheets>`);
  zip.file("xl/workbook.xml", wbXml);
  // A threaded comment on "Mine tall" and the persons part.
  const mine = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n) && n.endsWith("sheet1.xml"))!;
  addPart(zip, types, "xl/threadedComments/threadedComment1.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><threadedComment ref="B2" dT="2026-01-05T10:00:00.00" personId="{A1B2C3D4-0000-0000-0000-000000000001}" id="{A1B2C3D4-0000-0000-0000-000000000002}"><text>Sjekk renten med banken</text></threadedComment></ThreadedComments>`, "application/vnd.ms-excel.threadedcomments+xml");
  await addRel(zip, mine, { id: "rId90", type: "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment", target: "../threadedComments/threadedComment1.xml" });
  addPart(zip, types, "xl/persons/person.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments"><person displayName="Kari Nordmann" id="{A1B2C3D4-0000-0000-0000-000000000001}" userId="kari@example.no" providerId="AD"/></personList>`, "application/vnd.ms-excel.person+xml");
  await addRel(zip, "xl/workbook.xml", { id: "rId91", type: "http://schemas.microsoft.com/office/2017/10/relationships/person", target: "persons/person.xml" });
  // Custom properties and a thumbnail.
  addPart(zip, types, "docProps/custom.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Saksnummer"><vt:lpwstr>2026/17</vt:lpwstr></property></Properties>`, "application/vnd.openxmlformats-officedocument.custom-properties+xml");
  await addRel(zip, "", { id: "rId90", type: `${REL}/custom-properties`, target: "docProps/custom.xml" });
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 64 }, (_, i) => (i * 37) & 0xff), 0xff, 0xd9]);
  addPart(zip, types, "docProps/thumbnail.jpeg", jpeg, "image/jpeg");
  await addRel(zip, "", { id: "rId91", type: "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail", target: "docProps/thumbnail.jpeg" });
  if (opts.macros) {
    const vba = Uint8Array.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) & 0xff));
    addPart(zip, types, "xl/vbaProject.bin", vba, "application/vnd.ms-office.vbaProject");
    await addRel(zip, "xl/workbook.xml", { id: "rId92", type: "http://schemas.microsoft.com/office/2006/relationships/vbaProject", target: "vbaProject.bin" });
    types.xml = types.xml.replace(/(PartName="\/xl\/workbook\.xml" ContentType=")[^"]*"/, `$1${CT_MACRO_WORKBOOK}"`);
  }
  zip.file("[Content_Types].xml", types.xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
