/**
 * The package vocabulary of the file host, in one place: XML namespaces, relationship types and
 * content types (after python-docx's `opc/constants.py`). Every part the package writer writes
 * and every relationship it follows takes its URI from here, so a URI is spelled once.
 */

/** XML namespaces. */
export const NS = {
  /** SpreadsheetML (transitional): workbook, worksheets, styles, tables. */
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  /** SpreadsheetML in ISO strict form (read only). */
  strictMain: "http://purl.oclc.org/ooxml/spreadsheetml/main",
  /** Relationship ids inside parts (`r:id`). */
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  /** The rels parts themselves. */
  packageRels: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
  drawingMain: "http://schemas.openxmlformats.org/drawingml/2006/main",
  chart: "http://schemas.openxmlformats.org/drawingml/2006/chart",
  spreadsheetDrawing: "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing",
  extendedProperties: "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
  docPropsVTypes: "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
} as const;

/** Relationship types (transitional). */
export const RT = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  table: `${NS.rel}/table`,
  theme: `${NS.rel}/theme`,
  drawing: `${NS.rel}/drawing`,
  chart: `${NS.rel}/chart`,
  calcChain: `${NS.rel}/calcChain`,
  extendedProperties: `${NS.rel}/extended-properties`,
} as const;

/** Content types. */
export const CT = {
  relationships: "application/vnd.openxmlformats-package.relationships+xml",
  xml: "application/xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  table: "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml",
  theme: "application/vnd.openxmlformats-officedocument.theme+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  extendedProperties: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
} as const;

/** The XML declaration every part the writer creates starts with. */
export const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n`;
