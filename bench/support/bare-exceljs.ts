/**
 * The "bare ExcelJS" side of the memory benchmarks, run as a child process by measure.ts: ExcelJS
 * writing the same cells as `kbr build` does (the input tables, the generated sheets' values and
 * formulas, and for the ledger case the ledger), with no styles, tables or markers. The engine
 * runs here too, to get the generated cells, as it does in kbr.
 *
 *   bare-exceljs.ts ledger OUT ROWS   ExcelJS's streaming writer (3 million cells in memory would
 *                                     take ExcelJS's in-memory model several GB and minutes)
 *   bare-exceljs.ts region OUT M Y C  ExcelJS's in-memory workbook, as bench/build.bench.ts
 */
import ExcelJS from "exceljs";
import { build } from "../../src/core/engine";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { toFileFormula } from "../../src/xlsx/fileFormula";
import { bigRegion, plan2009 } from "../../test/fixtures/regions";
import { ledgerRows } from "./workbook";

type Cell = ExcelJS.CellValue;

function planned(tables: TableData[]): SheetPlan[] {
  const result = build(tables);
  if (result.findings.some((f) => f.severity === "error")) throw new Error("bench input has errors");
  return result.plans;
}

function planCell(c: SheetPlan["cells"][number]): Cell {
  return c.formula ? ({ formula: toFileFormula(c.formula), result: c.expected ?? undefined } as ExcelJS.CellFormulaValue) : ((c.value ?? null) as Cell);
}

/** The rows of a sheet plan in order, for the streaming writer. */
function planRows(p: SheetPlan): Map<number, Map<number, Cell>> {
  const rows = new Map<number, Map<number, Cell>>();
  for (const c of p.cells) {
    const row = rows.get(c.row) ?? new Map<number, Cell>();
    row.set(c.col, planCell(c));
    rows.set(c.row, row);
  }
  return rows;
}

function tableRows(tables: TableData[]): Map<number, Map<number, Cell>> {
  const rows = new Map<number, Map<number, Cell>>();
  const put = (r: number, c: number, v: Cell) => {
    const row = rows.get(r) ?? new Map<number, Cell>();
    row.set(c, v);
    rows.set(r, row);
  };
  for (const t of tables) {
    t.headers.forEach((h, j) => put(t.top, t.left + j, h));
    t.rows.forEach((r, i) => r.forEach((v, j) => put(t.top + 1 + i, t.left + j, v as Cell)));
  }
  return rows;
}

async function ledger(out: string, rows: number): Promise<number> {
  const tables = plan2009();
  const plans = planned(tables);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: true, useStyles: false });
  let cells = 0;
  const writeRows = (ws: ExcelJS.Worksheet, rowsMap: Map<number, Map<number, Cell>>) => {
    for (const r of [...rowsMap.keys()].sort((a, b) => a - b)) {
      const row = ws.getRow(r + 1);
      for (const [c, v] of rowsMap.get(r)!) {
        row.getCell(c + 1).value = v;
        cells++;
      }
      row.commit();
    }
  };
  writeRows(wb.addWorksheet("Inndata"), tableRows(tables));
  const ledgerSheet = wb.addWorksheet("Hovedbok");
  let r = 1;
  for (const values of ledgerRows(rows)) {
    const row = ledgerSheet.getRow(r++);
    row.values = values as Cell[];
    cells += values.length;
    row.commit();
  }
  ledgerSheet.commit();
  for (const p of plans) {
    const ws = wb.addWorksheet(p.name);
    writeRows(ws, planRows(p));
    ws.commit();
  }
  await wb.commit();
  return cells;
}

async function region(out: string, municipalities: number, years: number, costLines: number): Promise<number> {
  const tables = bigRegion({ municipalities, years, costLines });
  const plans = planned(tables);
  const wb = new ExcelJS.Workbook();
  let cells = 0;
  const input = wb.addWorksheet("Inndata");
  for (const [r, row] of tableRows(tables)) for (const [c, v] of row) {
    input.getCell(r + 1, c + 1).value = v;
    cells++;
  }
  for (const p of plans) {
    const ws = wb.addWorksheet(p.name);
    for (const c of p.cells) {
      ws.getCell(c.row + 1, c.col + 1).value = planCell(c);
      cells++;
    }
  }
  await wb.xlsx.writeFile(out);
  return cells;
}

const [mode, out, ...n] = process.argv.slice(2);
const run = mode === "ledger" ? ledger(out, Number(n[0])) : region(out, Number(n[0]), Number(n[1]), Number(n[2]));
run
  .then((cells) => console.log(`cells=${cells}`))
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
