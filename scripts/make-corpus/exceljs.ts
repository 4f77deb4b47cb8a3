/**
 * Writes test/corpus/exceljs.xlsx with ExcelJS, and the base that handmade.ts adds its parts to.
 *
 * exceljs.xlsx: the four input tables on Inndata (TableStyleMedium2), a picture (PNG) on a user
 * sheet Bilder, notes (ExcelJS's comments), list and decimal validations, a merged title, a
 * defined name, and a user sheet with formulas referring to the tables.
 *
 * Usage: node -r ts-node/register scripts/make-corpus/exceljs.ts OUT.xlsx
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { corpusTables } from "./tables";

const ROOT = path.resolve(__dirname, "..", "..");

function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v !== null && typeof v === "object" && !(v instanceof Date)) throw new Error("no error values in the corpus");
  return v;
}

/** The four tables on `ws`, each with a title above its header row, as ExcelJS tables. */
export function addInputTables(ws: ExcelJS.Worksheet, tables: TableData[] = corpusTables()): void {
  for (const t of tables) {
    ws.getCell(t.top, t.left + 1).value = t.name;
    ws.addTable({
      name: t.name,
      ref: ws.getCell(t.top + 1, t.left + 1).address,
      headerRow: true,
      style: { theme: "TableStyleMedium2", showRowStripes: true },
      columns: t.headers.map((name) => ({ name, filterButton: true })),
      rows: t.rows.map((r) => r.map(excelValue)),
    });
  }
  ws.getColumn(1).width = 40;
}

export async function makeExcelJs(out: string): Promise<void> {
  const tables = corpusTables();
  const wb = new ExcelJS.Workbook();
  wb.creator = "exceljs-korpus";
  wb.created = new Date(Date.UTC(2009, 0, 22));
  wb.modified = wb.created;
  const ws = wb.addWorksheet("Inndata");
  addInputTables(ws, tables);
  const at = (name: string) => tables.find((t) => t.name === name)!;
  const kommuner = at("Kommuner");
  const kostnader = at("Kostnader");
  // Notes on a header and a body cell.
  ws.getCell(kommuner.top + 1, 1).note = "Innbyggere per 1.1.2008 (SSB)";
  ws.getCell(kostnader.top + 2, 1).note = { texts: [{ text: "Prosjektleder", font: { bold: true } }, { text: " i 100 % stilling" }] };
  // Validations: Art a list, Ressursandel a decimal from 0 to 1.
  for (let r = kostnader.top + 2; r <= kostnader.top + 1 + kostnader.rows.length; r++) {
    ws.getCell(r, 2).dataValidation = { type: "list", allowBlank: false, formulae: ['"Ekstern,Egeninnsats"'], showErrorMessage: true, error: "Ekstern eller Egeninnsats" };
  }
  for (let r = kommuner.top + 2; r <= kommuner.top + 1 + kommuner.rows.length; r++) {
    ws.getCell(r, 3).dataValidation = { type: "decimal", operator: "between", allowBlank: false, formulae: [0, 1], showErrorMessage: true };
  }
  wb.definedNames.add(`Inndata!$A$${kommuner.top + 2}:$A$${kommuner.top + 1 + kommuner.rows.length}`, "Kommunenavn");

  const pics = wb.addWorksheet("Bilder");
  pics.mergeCells("A1:D1");
  pics.getCell("A1").value = "Kongsbergregionen";
  pics.getCell("A1").font = { bold: true, size: 14 };
  const logo = wb.addImage({ buffer: fs.readFileSync(path.join(ROOT, "assets", "icon-64.png")), extension: "png" } as unknown as ExcelJS.Image);
  pics.addImage(logo, { tl: { col: 0, row: 2 }, ext: { width: 64, height: 64 } } as unknown as ExcelJS.ImageRange);
  pics.getCell("F3").value = { formula: "SUM(Kommuner[Innbyggere])", result: 50388 } as ExcelJS.CellFormulaValue;
  pics.getCell("F4").value = { formula: "COUNTA(Kommunenavn)", result: 7 } as ExcelJS.CellFormulaValue;
  pics.getCell("F5").value = { formula: 'SUMIFS(Kostnader[2009],Kostnader[Art],"Ekstern")', result: 1250000 } as ExcelJS.CellFormulaValue;
  pics.getCell("F5").note = "Eksterne kostnader 2009";
  await wb.xlsx.writeFile(out);
}

if (require.main === module) {
  makeExcelJs(process.argv[2]).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
