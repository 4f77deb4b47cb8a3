/**
 * The follow-up tables of test/fixtures/followupRows.ts seeded into the Excel double as a user's
 * tables would be: dates as serials with a date format (as Excel stores them), so the adapter's
 * read turns them into dates. Shared by test/excel/followupRead.test.ts and bench/excel.bench.ts.
 */
import { dateToSerial } from "../../src/core/workbook/dates";
import type { CellValue } from "../../src/core/workbook/types";
import { followUpTableData, type FollowUpRows } from "../fixtures/followupRows";
import type { FakeExcel, FCell } from "./fakeExcel";

/** Excel's form of a date cell: a serial with a date format. */
const DATE_FORMAT = "yyyy-mm-dd";
function asExcel(rows: CellValue[][]): { values: CellValue[][]; formats: (string | undefined)[][] } {
  const formats: (string | undefined)[][] = [];
  const values = rows.map((r) => {
    const f: (string | undefined)[] = [];
    const v = r.map((c, j) => {
      if (c instanceof Date) {
        f[j] = DATE_FORMAT;
        return dateToSerial(c);
      }
      return c;
    });
    formats.push(f);
    return v;
  });
  return { values, formats };
}

/** Seeds the three tables where followUpTableData puts them, on a sheet of the double. */
export function seedFollowUp(fake: FakeExcel, rows: FollowUpRows): void {
  for (const t of followUpTableData(rows)) {
    const x = asExcel(t.rows);
    fake.model.seedTable(t.sheet, t.name, t.top, t.left, t.headers, x.values as FCell["value"][][], x.formats);
  }
}
