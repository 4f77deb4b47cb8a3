/**
 * The example plan's input tables as a hand-made package (./bookKit): each table on its own
 * sheet at A1, cells as inline strings and numbers, with the table's ref chosen by the test
 * (tight, whole columns, the whole sheet) and any rows or sheets added.
 */
import { colLetters } from "../../src/core/a1";
import { examplePlanTables } from "../../src/core/engine";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { makeBook, tableXml } from "./bookKit";
import type { KitSheet } from "./bookKit";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");

function cellXml(row: number, col: number, v: CellValue): string {
  const r = `${colLetters(col)}${row + 1}`;
  if (v === null) return "";
  if (typeof v === "number") return `<c r="${r}"><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${r}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) return `<c r="${r}" t="d"><v>${v.toISOString().slice(0, 10)}</v></c>`;
  if (typeof v === "object") return `<c r="${r}" t="e"><v>${v.error}</v></c>`;
  return `<c r="${r}" t="inlineStr"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
}

/** The table's header and body as `<row>` elements, from A1; `tail` is appended (more rows). */
export function rowsXml(t: TableData, tail = ""): string {
  const all = [t.headers as CellValue[], ...t.rows];
  return all.map((cells, r) => `<row r="${r + 1}">${cells.map((v, c) => cellXml(r, c, v)).join("")}</row>`).join("") + tail;
}

/** Each example table on its own sheet at A1, with the ref `ref(table)` (tight by default). */
export function exampleBook(
  ref: (t: TableData, tight: string) => string = (_t, tight) => tight,
  tail: (t: TableData) => string = () => "",
  extraSheets: KitSheet[] = [],
): Uint8Array {
  const sheets: KitSheet[] = examplePlanTables().map((t, i) => {
    const tight = `A1:${colLetters(t.headers.length - 1)}${t.rows.length + 1}`;
    return {
      name: t.name,
      part: `xl/worksheets/sheet${i + 1}.xml`,
      rows: rowsXml(t, tail(t)),
      tables: [{ part: `xl/tables/table${i + 1}.xml`, xml: tableXml({ id: i + 1, name: t.name, ref: ref(t, tight), columns: t.headers }) }],
    };
  });
  return makeBook({ sheets: [...sheets, ...extraSheets] });
}

