/**
 * A new workbook from nothing (`kbr build` without --input): the smallest valid package (content
 * types, package rels, workbook.xml and its rels, styles.xml, docProps/app.xml) holding the input
 * tables, each an Excel table (table part, TableStyleMedium2 unless the data says otherwise) on
 * its sheet, laid out as the task pane lays them out: a bold title above the header, header cells
 * bold on the header fill, the body's number formats, column widths, wrapped columns with the row
 * height their text needs, and the sheet's print setup. The generated sheets then go in through
 * ./writePlans, the same way as into a user's file; so the package writer is the only writer.
 * The theme (./theme) gives the chart and the table style their colours.
 */
import type { CellValue, TableData } from "../../core/workbook/types";
import { a1, sameName } from "../../core/a1";
import { dateToSerial } from "../../core/workbook/dates";
import { bodyFormat, inputColumnChars } from "../../core/workbook/tableFormat";
import { CT, NS, RT, XML_DECLARATION } from "../package/constants";
import { emptyPackage } from "../package/opc";
import { NEW_WORKBOOK_PARTS, PartNameAllocator } from "../package/packUri";
import type { Package, Relationship } from "../package/types";
import { escapeXml, ooxmlAttr, ooxmlText } from "../package/xml";
import { sheetXmlBytes, type OutCell } from "./sheetXml";
import { StyleRegistry, type CellLook } from "./styles";
import { THEME_XML } from "./theme";

/** The styles of a new workbook: Excel's defaults, every font naming Calibri itself. */
const NEW_STYLES_XML =
  XML_DECLARATION +
  `<styleSheet xmlns="${NS.main}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

const DEFAULT_TABLE_STYLE = "TableStyleMedium2";
/** Points per line of a wrapped row (Calibri 11). */
const LINE_POINTS = 15;

type InputCell = OutCell & CellLook;

/** One sheet of input tables, in the order the tables first name it. */
interface InputSheet {
  name: string;
  tables: TableData[];
}

function sheetsOf(tables: readonly TableData[]): InputSheet[] {
  const out: InputSheet[] = [];
  for (const t of tables) {
    let s = out.find((x) => sameName(x.name, t.sheet));
    if (!s) out.push((s = { name: t.sheet, tables: [] }));
    s.tables.push(t);
  }
  return out;
}

function cellValueOut(v: CellValue): OutCell["value"] {
  if (v instanceof Date) return dateToSerial(v);
  return v;
}

/** The cells, widths and row heights of one input sheet. */
function layOut(sheet: InputSheet): { cells: InputCell[]; columnWidths: number[]; rowHeights: { row: number; points: number }[] } {
  const cells: InputCell[] = [];
  const taken = new Set<string>();
  const put = (c: InputCell) => {
    cells.push(c);
    taken.add(`${c.row},${c.col}`);
  };
  const columnWidths: number[] = [];
  const heights = new Map<number, number>();
  for (const t of sheet.tables) {
    for (let r = -1; r < t.rows.length; r++) for (let i = 0; i < t.headers.length; i++) taken.add(`${t.top + 1 + r},${t.left + i}`);
  }
  for (const t of sheet.tables) {
    // The title above the header, unless that cell holds something already.
    if (t.title && t.top > 0 && !taken.has(`${t.top - 1},${t.left}`)) put({ row: t.top - 1, col: t.left, value: t.title, bold: true, size: 12 });
    const widths = t.headers.map((_, i) => t.columnWidths?.[i] ?? inputColumnChars(t, i));
    widths.forEach((w, i) => (columnWidths[t.left + i] = Math.max(columnWidths[t.left + i] ?? 0, w)));
    t.headers.forEach((h, i) => {
      // Black set explicitly: an automatic colour would take the table style's white header text.
      // A column with a number format holds numbers: its head stands right, over them.
      const look: CellLook = t.headerFill ? { bold: true, color: "#000000", fill: t.headerFill, align: t.numberFormats?.[i] ? "right" : undefined } : {};
      cells.push({ row: t.top, col: t.left + i, value: h, ...look });
    });
    // A table with wrapped text aligns its rows at the top, so labels stay beside their first line.
    const anyWrap = t.headers.some((_, i) => t.wrapColumns?.[i] === true);
    t.rows.forEach((row, r) => {
      let lines = 1;
      t.headers.forEach((_, i) => {
        const v = row[i] ?? null;
        const fmt = bodyFormat(t, r, i);
        const wrap = t.wrapColumns?.[i] === true;
        const cell: InputCell = { row: t.top + 1 + r, col: t.left + i, value: cellValueOut(v) };
        if (fmt) cell.numberFormat = fmt;
        if (anyWrap) {
          cell.vertical = "top";
          if (wrap) cell.wrap = true;
        }
        if (v !== null || fmt || anyWrap) cells.push(cell);
        if (wrap && typeof v === "string") lines = Math.max(lines, Math.ceil(v.length / Math.max(1, columnWidths[t.left + i])));
      });
      if (lines > 1) heights.set(t.top + 1 + r, lines * LINE_POINTS);
    });
  }
  for (let i = 0; i < columnWidths.length; i++) columnWidths[i] ??= 0;
  return { cells, columnWidths, rowHeights: [...heights].map(([row, points]) => ({ row, points })) };
}

/**
 * A table part (CT_Table): header row, no totals row, a filter button per column. The header
 * row's count is written although 1 is the default: some readers (ExcelJS 4) take it as absent.
 */
function tableXml(t: TableData, id: number): string {
  const last = Math.max(t.rows.length, 1); // a table has at least one body row
  const ref = `${a1(t.top, t.left)}:${a1(t.top + last, t.left + t.headers.length - 1)}`;
  const columns = t.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${ooxmlAttr(h)}"/>`).join("");
  return (
    XML_DECLARATION +
    `<table xmlns="${NS.main}" id="${id}" name="${escapeXml(t.name)}" displayName="${escapeXml(t.name)}" ref="${ref}" headerRowCount="1" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.headers.length}">${columns}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(t.style ?? DEFAULT_TABLE_STYLE)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>` +
    `</table>`
  );
}

/** docProps/app.xml naming the worksheets (./workbookXml addSheetTitles adds the generated ones). */
function appXml(sheets: readonly string[]): string {
  return (
    XML_DECLARATION +
    `<Properties xmlns="${NS.extendedProperties}" xmlns:vt="${NS.docPropsVTypes}"><Application>Microsoft Excel</Application>` +
    `<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>${sheets.length}</vt:i4></vt:variant></vt:vector></HeadingPairs>` +
    `<TitlesOfParts><vt:vector size="${sheets.length}" baseType="lpstr">${sheets.map((s) => `<vt:lpstr>${ooxmlText(s)}</vt:lpstr>`).join("")}</vt:vector></TitlesOfParts>` +
    `</Properties>`
  );
}

/** A new package holding `tables` on their sheets; `file` names it in messages. */
export function newWorkbookPackage(tables: readonly TableData[], file: string): Package {
  const pkg = emptyPackage(file);
  const wbPart = NEW_WORKBOOK_PARTS.workbook;
  const names = new PartNameAllocator(Object.values(NEW_WORKBOOK_PARTS));
  const styles = new StyleRegistry(NEW_STYLES_XML);
  const wbRels: Relationship[] = [];
  const sheetTags: string[] = [];
  const sheets = sheetsOf(tables);
  let tableId = 0;
  sheets.forEach((sheet, k) => {
    const part = names.fresh(wbPart, "worksheet");
    const rid = `rId${wbRels.length + 1}`;
    wbRels.push({ id: rid, type: RT.worksheet, target: pkg.relativeTarget(wbPart, part) });
    sheetTags.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${k + 1}" r:id="${rid}"/>`);
    const sheetRels: Relationship[] = [];
    for (const t of sheet.tables) {
      const tablePart = names.fresh(wbPart, "table");
      pkg.setPart(tablePart, tableXml(t, ++tableId), CT.table);
      sheetRels.push({ id: `rId${sheetRels.length + 1}`, type: RT.table, target: pkg.relativeTarget(part, tablePart) });
    }
    const layout = layOut(sheet);
    // The print setup of the first table that has one (the writer creates the sheet with it).
    const page = sheet.tables.find((t) => t.page)?.page;
    const bytes = sheetXmlBytes({ ...layout, freezeRows: 0, page }, (c) => styles.xf(c), { tableRids: sheetRels.map((r) => r.id) });
    pkg.setPart(part, bytes, CT.worksheet);
    pkg.setRels(part, sheetRels);
  });
  wbRels.push({ id: `rId${wbRels.length + 1}`, type: RT.styles, target: pkg.relativeTarget(wbPart, NEW_WORKBOOK_PARTS.styles) });
  pkg.setPart(NEW_WORKBOOK_PARTS.styles, styles.apply(), CT.styles);
  wbRels.push({ id: `rId${wbRels.length + 1}`, type: RT.theme, target: pkg.relativeTarget(wbPart, NEW_WORKBOOK_PARTS.theme) });
  pkg.setPart(NEW_WORKBOOK_PARTS.theme, THEME_XML, CT.theme);
  pkg.setPart(
    wbPart,
    XML_DECLARATION +
      `<workbook xmlns="${NS.main}" xmlns:r="${NS.rel}"><bookViews><workbookView/></bookViews><sheets>${sheetTags.join("")}</sheets><calcPr fullCalcOnLoad="1"/></workbook>`,
    CT.workbook,
  );
  pkg.setRels(wbPart, wbRels);
  pkg.setPart(NEW_WORKBOOK_PARTS.app, appXml(sheets.map((s) => s.name)), CT.extendedProperties);
  pkg.setRels("/", [
    { id: "rId1", type: RT.officeDocument, target: pkg.relativeTarget("/", wbPart) },
    { id: "rId2", type: RT.extendedProperties, target: pkg.relativeTarget("/", NEW_WORKBOOK_PARTS.app) },
  ]);
  return pkg;
}
