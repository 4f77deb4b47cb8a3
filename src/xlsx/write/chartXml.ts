/**
 * The chart of a generated sheet as DrawingML: the chart part (clustered columns or bars, with
 * the values the engine computed as caches, so viewers show them before recalculating) and the
 * drawing anchor that places it. Every text from the workbook (municipality and series names)
 * goes through ooxmlText, so a control character in a name is stored as `_xHHHH_`, not raw.
 */
import type { CellValue, ChartPlan, SheetPlan } from "../../core/workbook/types";
import { colLetters, quoteSheet } from "../../core/a1";
import { NS, XML_DECLARATION } from "../package/constants";
import { escapeXml, ooxmlText } from "../package/xml";

const NUMBER_FORMAT = "#,##0";

/** A chart to add, with the values the engine computed: viewers show them before recalculating. */
export interface ChartSpec {
  sheet: string;
  plan: ChartPlan;
  /** Cached category texts, one per category row. */
  categories: string[];
  /** Cached values, per series, one per row (null where the cell is blank). */
  values: (number | null)[][];
}

/**
 * `'Kommunebidrag'!$E$8:$E$14` (0-based rows and column in).
 * @internal
 */
export function sheetRange(sheet: string, col: number, fromRow: number, toRow: number): string {
  const c = colLetters(col);
  return `${quoteSheet(sheet)}!$${c}$${fromRow + 1}:$${c}$${toRow + 1}`;
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
  const pts = values.map((v, i) => `<c:pt idx="${i}"><c:v>${ooxmlText(v)}</c:v></c:pt>`).join("");
  return `<c:strCache><c:ptCount val="${values.length}"/>${pts}</c:strCache>`;
}

function numCache(values: readonly (number | null)[]): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>${ooxmlText(NUMBER_FORMAT)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function richTitle(text: string, size: number): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="nb-NO" sz="${size}" b="1"/><a:t>${ooxmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>` +
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
        `<c:tx><c:v>${ooxmlText(s.name)}</c:v></c:tx>` +
        `<c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${ooxmlText(catRef)}</c:f>${strCache(spec.categories)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${ooxmlText(sheetRange(sheet, s.col, s.fromRow, s.toRow))}</c:f>${numCache(values)}</c:numRef></c:val>` +
        `</c:ser>`
      );
    })
    .join("");
  // Bars: categories down the left in table order (maxMin), amounts along the bottom.
  const bar = plan.kind === "bar";
  const catAxId = 500100001;
  const valAxId = 500100002;
  return (
    `${XML_DECLARATION}` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.drawingMain}" xmlns:r="${NS.rel}">` +
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

/**
 * One two-cell anchor holding the chart of relationship `rid`. With `declare`, the anchor
 * declares the xdr and a prefixes itself (for a drawing part whose root binds them otherwise).
 */
export function chartAnchorXml(plan: ChartPlan, name: string, id: number, rid: string, declare = false): string {
  const a = plan.anchor;
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const ns = declare ? ` xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}"` : "";
  return (
    `<xdr:twoCellAnchor${ns} editAs="oneCell">${marker("from", a.col, a.row)}${marker("to", a.col + a.cols, a.row + a.rows)}` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id}" name="${escapeXml(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS.chart}">` +
    `<c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${escapeXml(rid)}"/>` +
    `</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** xl/drawings/drawingN.xml: one two-cell anchor holding the chart (relationship `rId1`). */
export function drawingXml(plan: ChartPlan, name: string, id: number): string {
  return (
    `${XML_DECLARATION}` +
    `<xdr:wsDr xmlns:xdr="${NS.spreadsheetDrawing}" xmlns:a="${NS.drawingMain}">${chartAnchorXml(plan, name, id, "rId1")}</xdr:wsDr>`
  );
}

