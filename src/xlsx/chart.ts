/**
 * Charts for the ExcelJS adapter. ExcelJS 4.4 cannot write charts, so the saved .xlsx is
 * post-processed: a DrawingML chart part, a drawing part holding it, the relationships and the
 * content types are added, and the sheet gets its `<drawing>` element. `addChartParts` is pure
 * (text parts in, changed and new parts out); `addChartsToXlsx` applies it to a zip buffer.
 */
import JSZip from "jszip";
import type { CellValue, ChartPlan, SheetPlan } from "../core/workbook/types";
import { colLetters } from "../core/a1";
import { escapeXml } from "./package/xml";
import { chartName } from "../core/workbook/anchors";

/** A chart to add, with the values the engine computed: viewers show them before recalculating. */
export interface ChartSpec {
  sheet: string;
  plan: ChartPlan;
  /** Cached category texts, one per category row. */
  categories: string[];
  /** Cached values, per series, one per row (null where the cell is blank). */
  values: (number | null)[][];
}

/** The text parts of a package by part name without leading slash (`xl/workbook.xml`). */
export type PartTexts = ReadonlyMap<string, string>;

const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const REL_DRAWING = `${NS_REL}/drawing`;
const REL_CHART = `${NS_REL}/chart`;
const REL_IMAGE = `${NS_REL}/image`;
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const NUMBER_FORMAT = "#,##0";

/** Elements of CT_Worksheet that come after `<drawing>`: it goes before the first of them. */
const AFTER_DRAWING = ["legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];

/** Element text needs only &, < and > escaped (keeps `'Sheet'!$A$1` readable in the file). */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** Attributes of one start tag, unescaped. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? "");
  return out;
}

/** `'Kommunebidrag'!$E$8:$E$14` (0-based rows and column in). */
export function sheetRange(sheet: string, col: number, fromRow: number, toRow: number): string {
  const c = colLetters(col);
  return `'${sheet.replace(/'/g, "''")}'!$${c}$${fromRow + 1}:$${c}$${toRow + 1}`;
}

/** The cached values of a chart from the plan's cells (formula cells give what the engine expects). */
export function chartSpec(p: SheetPlan): ChartSpec | null {
  const chart = p.chart;
  if (!chart) return null;
  const byCell = new Map<string, CellValue | undefined>();
  for (const c of p.cells) byCell.set(`${c.row},${c.col}`, c.formula ? c.expected : c.value);
  const at = (row: number, col: number) => byCell.get(`${row},${col}`) ?? null;
  const rows = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
  const { categories: cat } = chart;
  return {
    sheet: p.name,
    plan: chart,
    categories: rows(cat.fromRow, cat.toRow).map((r) => {
      const v = at(r, cat.col);
      return v === null ? "" : String(v);
    }),
    values: chart.series.map((s) =>
      rows(s.fromRow, s.toRow).map((r) => {
        const v = at(r, s.col);
        return typeof v === "number" ? v : null;
      }),
    ),
  };
}

function strCache(values: readonly string[]): string {
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${escapeText(v)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>${escapeText(NUMBER_FORMAT)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function richTitle(text: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="nb-NO" sz="${size}" b="1"/><a:t>${escapeText(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
    `<c:overlay val="0"/></c:title>`
  );
}

/**
 * xl/charts/chartN.xml: clustered columns (or horizontal bars for kind `bar`), one series per
 * planned series, legend at the bottom.
 */
export function chartXml(spec: ChartSpec): string {
  const { plan, sheet } = spec;
  const cat = plan.categories;
  const catRef = sheetRange(sheet, cat.col, cat.fromRow, cat.toRow);
  const series = plan.series
    .map((s, i) => {
      const values = spec.values[i] ?? [];
      return (
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:v>${escapeText(s.name)}</c:v></c:tx>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${escapeText(catRef)}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${escapeText(sheetRange(sheet, s.col, s.fromRow, s.toRow))}</c:f>${numCache(values)}</c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  // Bars: categories down the left in table order (maxMin), amounts along the bottom.
  const bar = plan.kind === "bar";
  const catAxId = 500100001;
  const valAxId = 500100002;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="${NS_REL}">` +
    `<c:roundedCorners val="0"/>` +
    `<c:chart>${richTitle(plan.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="${plan.kind === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="150"/><c:axId val="${catAxId}"/><c:axId val="${valAxId}"/></c:barChart>` +
    `<c:catAx><c:axId val="${catAxId}"/><c:scaling><c:orientation val="${bar ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${bar ? "l" : "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="${valAxId}"/><c:crosses val="autoZero"/><c:auto val="1"/>` +
    `<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="${valAxId}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${bar ? "b" : "l"}"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(NUMBER_FORMAT)}" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="${catAxId}"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>` +
    `<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

export const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
export const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";

/**
 * One two-cell anchor holding the chart of relationship `rid`. With `declare`, the anchor
 * declares the xdr and a prefixes itself (for a drawing part whose root binds them otherwise).
 */
export function chartAnchorXml(plan: ChartPlan, name: string, id: number, rid: string, declare = false): string {
  const a = plan.anchor;
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const ns = declare ? ` xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"` : "";
  return (
    `<xdr:twoCellAnchor${ns} editAs="oneCell">${marker("from", a.col, a.row)}${marker("to", a.col + a.cols, a.row + a.rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">` +
    `<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${NS_REL}" r:id="${escapeXml(rid)}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** xl/drawings/drawingN.xml: one two-cell anchor holding the chart (relationship `rId1`). */
export function drawingXml(plan: ChartPlan, name: string, id: number): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${chartAnchorXml(plan, name, id, "rId1")}</xdr:wsDr>`
  );
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** The relationships of a .rels part. */
export function parseRels(xml: string): Rel[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => {
    const a = attributes(m[0]);
    return { id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" };
  });
}

function relsXml(existing: string | undefined, add: Rel): string {
  const rel = `<Relationship Id="${escapeXml(add.id)}" Type="${escapeXml(add.type)}" Target="${escapeXml(add.target)}"/>`;
  if (existing && existing.includes("</Relationships>")) return existing.replace("</Relationships>", `${rel}</Relationships>`);
  if (existing && /<Relationships\b[^>]*\/>/.test(existing)) return existing.replace(/<Relationships\b([^>]*)\/>/, `<Relationships$1>${rel}</Relationships>`);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG_REL}">${rel}</Relationships>`;
}

/** An rId not used in `rels`. */
function freshId(rels: readonly Rel[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** Resolves a relationship target against the folder of its source part (`xl/` for the workbook). */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = sourcePart.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** The rels part of a part: `xl/worksheets/sheet3.xml` -> `xl/worksheets/_rels/sheet3.xml.rels`. */
export function relsPartOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** The worksheet part of the sheet called `name` (compared as Excel does, without case). */
export function sheetPart(parts: PartTexts, name: string): string | null {
  const wb = parts.get("xl/workbook.xml");
  const rels = parts.get("xl/_rels/workbook.xml.rels");
  if (!wb || !rels) return null;
  const sheet = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => attributes(m[0])).find((a) => (a.name ?? "").toLowerCase() === name.toLowerCase());
  const rid = sheet?.["r:id"];
  if (!rid) return null;
  const rel = parseRels(rels).find((r) => r.id === rid);
  return rel ? resolveTarget("xl/workbook.xml", rel.target) : null;
}

/** Inserts `<drawing r:id>` into a worksheet's XML where CT_Worksheet wants it. */
export function insertDrawing(sheetXml: string, rid: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("the sheet has a drawing already");
  const rootDeclaresR = /<worksheet\b[^>]*\sxmlns:r\s*=/.test(sheetXml);
  const el = rootDeclaresR ? `<drawing r:id="${rid}"/>` : `<drawing xmlns:r="${NS_REL}" r:id="${rid}"/>`;
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const m = new RegExp(`<${name}[\\s/>]`).exec(sheetXml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = sheetXml.lastIndexOf("</worksheet>");
  if (at < 0) throw new Error("no </worksheet> in the sheet");
  return sheetXml.slice(0, at) + el + sheetXml.slice(at);
}

function addOverride(types: string, partName: string, contentType: string): string {
  if (types.includes(`PartName="${partName}"`)) return types;
  return types.replace("</Types>", `<Override PartName="${partName}" ContentType="${contentType}"/></Types>`);
}

/** The first `prefix<N>.xml` under `folder` that no part uses. */
function freshPart(parts: PartTexts, out: Map<string, string>, folder: string, prefix: string): string {
  for (let n = 1; ; n++) {
    const p = `${folder}/${prefix}${n}.xml`;
    if (!parts.has(p) && !out.has(p)) return p;
  }
}

/**
 * Adds one chart per spec. Takes the package's text parts (at least the workbook, its rels,
 * [Content_Types].xml and the sheets named) and returns the parts to write: new and changed.
 */
export function addChartParts(parts: PartTexts, specs: readonly ChartSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  const get = (p: string) => out.get(p) ?? parts.get(p);
  let types = get("[Content_Types].xml");
  if (!types) throw new Error("[Content_Types].xml is missing");
  specs.forEach((spec) => {
    const sheet = sheetPart(parts, spec.sheet);
    if (!sheet) throw new Error(`no worksheet part for ${spec.sheet}`);
    const chart = freshPart(parts, out, "xl/charts", "chart");
    out.set(chart, chartXml(spec));
    const sheetRels = relsPartOf(sheet);
    const oldRels = get(sheetRels);
    const placeholder = placeholderDrawing(sheet, oldRels);
    let drawing: string;
    if (placeholder) {
      // The adapter anchored a placeholder picture, so ExcelJS already wrote the sheet's
      // <drawing> and its relationship: only the small drawing part changes, and the sheet
      // (megabytes for a big region) keeps its compressed bytes.
      drawing = placeholder;
    } else {
      const sheetXml = get(sheet);
      if (!sheetXml) throw new Error(`no worksheet part for ${spec.sheet}`);
      drawing = freshPart(parts, out, "xl/drawings", "drawing");
      const rid = freshId(oldRels ? parseRels(oldRels) : []);
      out.set(sheetRels, relsXml(oldRels, { id: rid, type: REL_DRAWING, target: `../drawings/${drawing.split("/").pop()}` }));
      out.set(sheet, insertDrawing(sheetXml, rid));
    }
    out.set(drawing, drawingXml(spec.plan, chartName(spec.sheet), 2));
    out.set(relsPartOf(drawing), relsXml(undefined, { id: "rId1", type: REL_CHART, target: `../charts/${chart.split("/").pop()}` }));
    types = addOverride(addOverride(types!, `/${chart}`, CT_CHART), `/${drawing}`, CT_DRAWING);
  });
  out.set("[Content_Types].xml", types);
  return out;
}

/**
 * The drawing part of a sheet whose only drawing relationship is the adapter's placeholder
 * picture (see PLACEHOLDER_PNG), or null. ExcelJS writes a drawing for a sheet's pictures; a
 * generated sheet has no pictures but the placeholder, so its drawing can be replaced whole.
 */
function placeholderDrawing(sheet: string, sheetRels: string | undefined): string | null {
  const rel = sheetRels ? parseRels(sheetRels).find((r) => r.type === REL_DRAWING) : undefined;
  return rel ? resolveTarget(sheet, rel.target) : null;
}

/** A 1 x 1 transparent PNG: the picture the adapter anchors where a chart goes (replaced on save). */
export const PLACEHOLDER_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The charts added to a saved .xlsx (a zip): a new buffer; the input unchanged when there are none. */
export async function addChartsToXlsx(xlsx: Uint8Array, specs: readonly ChartSpec[]): Promise<Uint8Array> {
  if (specs.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = new Map<string, string>();
  for (const [name, file] of Object.entries(zip.files)) {
    // Text parts only; sheets not named by a spec are not needed (and can be large).
    if (file.dir || !/\.(xml|rels)$/.test(name)) continue;
    if (name.startsWith("xl/worksheets/") && !name.includes("/_rels/")) continue;
    parts.set(name, await file.async("string"));
  }
  for (const spec of specs) {
    const sheet = sheetPart(parts, spec.sheet);
    if (!sheet || placeholderDrawing(sheet, parts.get(relsPartOf(sheet)))) continue; // the sheet stays as written
    const file = zip.file(sheet);
    if (file) parts.set(sheet, await file.async("string"));
  }
  const changed = addChartParts(parts, specs);
  // The placeholder pictures go with the drawings that referred to them.
  for (const [name, text] of parts) {
    if (!name.startsWith("xl/drawings/_rels/") || !changed.has(name)) continue;
    const drawing = name.replace("_rels/", "").replace(/\.rels$/, "");
    for (const r of parseRels(text)) if (r.type === REL_IMAGE) zip.remove(resolveTarget(drawing, r.target));
  }
  for (const [name, text] of changed) zip.file(name, text);
  if (zip.folder("xl/media")?.filter(() => true).length === 0) zip.remove("xl/media");
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
