/** Lays input tables out on one sheet the way a finance officer would: title, table, blank row. */
import type { CellValue, TableData } from "../workbook/types";

export interface TableSpec {
  /** Text of the title row above the table (not part of the table). */
  title: string;
  name: string;
  headers: string[];
  rows: CellValue[][];
}

/** A title cell above a table, for writers that want to print it (not part of TableData). */
export interface TitleCell {
  sheet: string;
  row: number;
  col: number;
  text: string;
}

/**
 * Stacks the tables in column A of `sheet`: title row, header row, body, one blank row, next.
 * TableData.top/left follow from that layout.
 */
export function stackTables(sheet: string, specs: readonly TableSpec[]): { tables: TableData[]; titles: TitleCell[] } {
  const tables: TableData[] = [];
  const titles: TitleCell[] = [];
  let row = 0;
  for (const s of specs) {
    titles.push({ sheet, row, col: 0, text: s.title });
    const top = row + 1;
    tables.push({ name: s.name, sheet, top, left: 0, headers: [...s.headers], rows: s.rows.map((r) => [...r]) });
    row = top + 1 + s.rows.length + 1;
  }
  return { tables, titles };
}
