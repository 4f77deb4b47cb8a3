/** Shared by the adapter, CLI and e2e tests: a user's workbook, and a cell-by-cell snapshot. */
import ExcelJS from "exceljs";
import type { CellValue, SheetCell, SheetData } from "../../src/core/workbook/types";
import { fromFileFormula } from "../../src/xlsx/fileFormula";

/** A workbook as a user would have it: own sheets, merged cells, number formats, formulas. */
export async function userWorkbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Mine tall");
  ws.getCell("A1").value = "Egne beregninger";
  ws.mergeCells("A1:B1");
  ws.getCell("A2").value = "Rente";
  ws.getCell("B2").value = 0.035;
  ws.getCell("B2").numFmt = "0.0%";
  ws.getCell("A3").value = new Date(Date.UTC(2009, 5, 30));
  ws.getCell("A3").numFmt = "dd.mm.yyyy";
  for (let r = 3; r <= 5; r++) ws.getCell(`B${r}`).value = r * 1000.5;
  ws.fillFormula("C3:C5", "B3*2", [6003, 8004, 10005]);
  ws.getCell("D6").value = { formula: "SUM(C3:C5)", result: 24012 } as ExcelJS.CellFormulaValue;
  ws.getCell("E6").value = { formula: "Notater!A2&\" ok\"", result: "tekst ok" } as ExcelJS.CellFormulaValue;
  ws.getCell("F7").value = true;
  const notes = wb.addWorksheet("Notater");
  notes.getCell("A1").value = "Notat";
  notes.getCell("A2").value = "tekst";
  notes.getCell("B2").value = { richText: [{ text: "fet", font: { bold: true } }, { text: " vanlig" }] };
  return wb;
}

/** Every non-empty cell of every sheet (but `skip`), with value, formula and number format. */
export async function snapshotSheets(wb: ExcelJS.Workbook, skip: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const ws of wb.worksheets) {
    if (skip.includes(ws.name)) continue;
    const cells: string[] = [];
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const formula = cell.type === ExcelJS.ValueType.Formula ? cell.formula : "";
        const value = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
        cells.push(`${cell.address}|${JSON.stringify(value)}|${formula}|${cell.numFmt ?? ""}|${cell.isMerged ? "merged" : ""}`);
      }),
    );
    out[ws.name] = cells;
  }
  return out;
}

/**
 * The value of a cell as ExcelJS (an independent reader) reads it, in the engine's terms:
 * formula cells give their cached result, rich text its text, an error `{ error }`.
 */
export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return plainValue(cell.type === ExcelJS.ValueType.Formula ? (cell.result as unknown) : (cell.value as unknown));
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
    if ("result" in o) return plainValue(o.result);
  }
  return String(v);
}

/** The used cells of the named sheets as ExcelJS reads them (an independent reader), row by row from A1. */
export function exceljsSheets(wb: ExcelJS.Workbook, names: readonly string[]): SheetData[] {
  const out: SheetData[] = [];
  for (const name of names) {
    const ws = wb.worksheets.find((w) => w.name.toLowerCase() === name.toLowerCase());
    if (!ws) continue;
    const rows: SheetCell[][] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: SheetCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        while (cells.length < c - 1) cells.push({ value: null });
        const sc: SheetCell = { value: cellValue(cell) };
        if (cell.type === ExcelJS.ValueType.Formula && cell.formula) sc.formula = fromFileFormula(cell.formula);
        cells[c - 1] = sc;
      });
      while (rows.length < r - 1) rows.push([]);
      rows[r - 1] = cells;
    });
    out.push({ name: ws.name, rows });
  }
  return out;
}

/** ExcelJS's reading of a package's bytes. */
export async function exceljsOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}
