/** Helpers for the engine tests: copy the example tables and change one thing. */
import { examplePlanTables } from "../../src/core/engine";
import type { Finding } from "../../src/core/engine";
import type { CellValue, SheetData, SheetPlan, TableData } from "../../src/core/workbook/types";

function cloneTables(tables: readonly TableData[]): TableData[] {
  return tables.map((t) => ({ ...t, headers: [...t.headers], rows: t.rows.map((r) => [...r]) }));
}

export function table(tables: readonly TableData[], name: string): TableData {
  const t = tables.find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

/** The example with `edit` applied to a copy. */
export function example(edit?: (tables: TableData[]) => void): TableData[] {
  const tables = cloneTables(examplePlanTables());
  edit?.(tables);
  return tables;
}

/** Sets a body cell by header (matched exactly) and 0-based body row. */
export function setCell(tables: TableData[], name: string, header: string, row: number, value: CellValue): void {
  const t = table(tables, name);
  const c = t.headers.indexOf(header);
  if (c < 0) throw new Error(`no column ${header} in ${name}`);
  t.rows[row][c] = value;
}

export function byId(findings: readonly Finding[], id: string): Finding[] {
  return findings.filter((f) => f.id === id);
}

/** What a workbook would hold after writing the plans and recalculating: value = expected. */
export function sheetsFromPlans(plans: readonly SheetPlan[]): SheetData[] {
  return plans.map((p) => {
    const rows: SheetData["rows"] = [];
    for (const c of p.cells) {
      const row = (rows[c.row] ??= []);
      row[c.col] = c.formula !== undefined ? { value: (c.expected ?? null) as CellValue, formula: c.formula } : { value: (c.value ?? null) as CellValue };
    }
    for (let r = 0; r < rows.length; r++) rows[r] ??= [];
    return { name: p.name, rows };
  });
}
