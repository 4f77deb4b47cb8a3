/** Lays input tables out on one sheet the way a finance officer would: title, table, blank row. */
import type { CellValue, TableData } from "../workbook/types";

/** How a table is written: formats, widths, wrapping, style (see TableData). */
type TablePresentation = Pick<TableData, "numberFormats" | "cellFormats" | "columnWidths" | "wrapColumns" | "style" | "headerFill" | "page">;

export interface TableSpec extends TablePresentation {
  /** Text of the title row above the table (not part of the table's cells). */
  title: string;
  name: string;
  headers: string[];
  rows: CellValue[][];
}

/**
 * Stacks the tables in column A of `sheet`: title row, header row, body, one blank row, next.
 * TableData.top/left follow from that layout; the title goes in TableData.title, which both
 * writers put in the cell above the header.
 */
export function stackTables(sheet: string, specs: readonly TableSpec[]): TableData[] {
  const tables: TableData[] = [];
  let row = 0;
  for (const s of specs) {
    const top = row + 1;
    const { title, name, headers, rows, ...presentation } = s;
    tables.push({ name, sheet, top, left: 0, headers: [...headers], rows: rows.map((r) => [...r]), title, ...presentation });
    row = top + 1 + s.rows.length + 1;
  }
  return tables;
}
