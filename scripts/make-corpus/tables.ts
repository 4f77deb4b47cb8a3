/**
 * The corpus's input data: the 2009 plan's four tables (src/core/example/plan2009.ts), as JSON
 * for the Python generators (`node -r ts-node/register scripts/make-corpus/tables.ts`) and as
 * TableData for the Node ones. Dates become `{ "date": "YYYY-MM-DD" }` in the JSON.
 */
import { examplePlanTables } from "../../src/core/engine";
import type { TableData } from "../../src/core/workbook/types";

export function corpusTables(): TableData[] {
  return examplePlanTables().map((t) => ({ name: t.name, sheet: t.sheet, top: t.top, left: t.left, headers: t.headers, rows: t.rows }));
}

if (require.main === module) {
  const json = corpusTables().map((t) => ({
    ...t,
    rows: t.rows.map((r) => r.map((v) => (v instanceof Date ? { date: v.toISOString().slice(0, 10) } : v))),
  }));
  process.stdout.write(JSON.stringify(json, null, 1) + "\n");
}
