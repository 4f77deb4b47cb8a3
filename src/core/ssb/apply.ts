/**
 * From SSB's figures to the workbook: which rows of `Kommuner` ask for which municipality, which
 * budget years there are, what would change (each municipality's figure and contribution per
 * year, the preview of the pane and of `kbr populations`), and the edits to make: the
 * `Innbyggere <år>` columns and the `Parametere` row `Kilde innbyggertall`. Pure: the adapters
 * (src/xlsx/write/inputTable.ts, later the pane) carry the edits out.
 */
import { build } from "../engine";
import type { CellValue, TableData } from "../workbook/types";
import { cellWhere, nameKey, TABLES, YEAR_HEADER } from "../model/read";
import type { MunicipalityRow, PopulationsResult } from "./pxweb";
import { sourceText } from "./pxweb";

const NUMBER_HEADER = "Kommunenummer";
const SOURCE_PARAMETER = "Kilde innbyggertall";

const find = (tables: readonly TableData[], name: string) => tables.find((t) => nameKey(t.name) === nameKey(name)) ?? null;
const col = (t: TableData, header: string) => t.headers.findIndex((h) => nameKey(h) === nameKey(header));
const yearHeader = (y: string) => `Innbyggere ${y}`;

/** The rows of `Kommuner` with a name, as the SSB client takes them (`number` only when the table has `Kommunenummer`). */
export function municipalityRows(tables: readonly TableData[]): { rows: MunicipalityRow[]; bodyRows: number[] } {
  const t = find(tables, TABLES.municipalities.name);
  if (!t) return { rows: [], bodyRows: [] };
  const nameCol = col(t, "Kommune");
  const numberCol = col(t, NUMBER_HEADER);
  if (nameCol < 0) return { rows: [], bodyRows: [] };
  const rows: MunicipalityRow[] = [];
  const bodyRows: number[] = [];
  t.rows.forEach((r, i) => {
    const name = r[nameCol];
    if (typeof name !== "string" || name.trim() === "") return;
    const row: MunicipalityRow = { name: name.trim(), where: cellWhere(t, i, nameCol) };
    if (numberCol >= 0) row.number = r[numberCol];
    rows.push(row);
    bodyRows.push(i);
  });
  return { rows, bodyRows };
}

/** The budget years: the year columns of Kostnader and Finansiering, ascending. */
export function budgetYears(tables: readonly TableData[]): string[] {
  const years = new Set<string>();
  for (const name of [TABLES.costs.name, TABLES.financing.name]) {
    for (const h of find(tables, name)?.headers ?? []) if (YEAR_HEADER.test(h.trim())) years.add(h.trim());
  }
  return [...years].sort();
}

/** One column to write into Kommuner: its header and a value per body row (null: leave the cell). */
interface ColumnWrite {
  table: string;
  header: string;
  /** The column's header as the table has it, or null when the column is new. */
  existing: string | null;
  values: (number | null)[];
}

/** The Parametere row to set (found by its Parameter text, else added under the table). */
interface RowWrite {
  table: string;
  keyColumn: string;
  key: string;
  valueColumn: string;
  value: string;
  /** The body row (0-based) that has it already, or null: a row is added under the table. */
  row: number | null;
}

interface ComparisonYear {
  referenceYear: string;
  /** SSB's figure, or null (not published, missing). */
  population: number | null;
  /** The figure the workbook uses for that year now (`Innbyggere <år>`, else `Innbyggere`), or null. */
  workbook: number | null;
  /** Contribution with SSB's figures minus the contribution now (kr), or null when either cannot be computed. */
  contributionChange: number | null;
  latest: boolean;
  unpublished: boolean;
}

export interface Comparison {
  name: string;
  number: string;
  ssbName: string;
  years: Record<string, ComparisonYear>;
}

export interface PopulationWrite {
  columns: ColumnWrite[];
  source: RowWrite | null;
  /** The input tables with the edits made (what the rebuild reads). */
  tables: TableData[];
  comparison: Comparison[];
}

const num = (v: CellValue): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * The edits for a result without errors: one column per budget year that has figures (a year SSB
 * has not published is left out unless the latest was chosen), the source row, the tables as they
 * will be, and the comparison (contributions computed by the engine before and after).
 */
export function planPopulationWrite(tables: readonly TableData[], result: PopulationsResult, fetched: Date): PopulationWrite {
  const kommuner = find(tables, TABLES.municipalities.name);
  const params = find(tables, TABLES.parameters.name);
  if (!kommuner) return { columns: [], source: null, tables: [...tables], comparison: [] };
  const years = [...new Set(result.municipalities.flatMap((m) => Object.keys(m.years)))].sort();
  const { bodyRows } = municipalityRows(tables);
  const baseCol = col(kommuner, "Innbyggere");
  const columns: ColumnWrite[] = [];
  for (const y of years) {
    const written = result.municipalities.filter((m) => m.years[y]?.population !== null && m.years[y] !== undefined);
    if (written.length === 0) continue;
    const existingIdx = col(kommuner, yearHeader(y));
    const values: (number | null)[] = kommuner.rows.map(() => null);
    for (const m of result.municipalities) {
      const p = m.years[y]?.population;
      if (p !== null && p !== undefined) values[bodyRows[m.row]] = p;
    }
    columns.push({ table: kommuner.name, header: yearHeader(y), existing: existingIdx >= 0 ? kommuner.headers[existingIdx] : null, values });
  }
  // The tables after the edits.
  const headers = [...kommuner.headers];
  const rows = kommuner.rows.map((r) => [...r]);
  for (const c of columns) {
    let idx = col({ ...kommuner, headers }, c.header);
    if (idx < 0) {
      headers.push(c.header);
      rows.forEach((r) => r.push(null));
      idx = headers.length - 1;
    }
    c.values.forEach((v, i) => {
      if (v !== null) rows[i][idx] = v;
    });
  }
  const newKommuner: TableData = { ...kommuner, headers, rows, cellIssues: kommuner.cellIssues?.filter((ci) => !columns.some((c) => nameKey(kommuner.headers[ci.col] ?? "") === nameKey(c.header))) };
  let source: RowWrite | null = null;
  let newParams = params;
  if (params && columns.length > 0) {
    const keyCol = col(params, "Parameter");
    const valCol = col(params, "Verdi");
    if (keyCol >= 0 && valCol >= 0) {
      const value = sourceText(result, fetched);
      const at = params.rows.findIndex((r) => typeof r[keyCol] === "string" && nameKey(r[keyCol] as string) === nameKey(SOURCE_PARAMETER));
      source = { table: params.name, keyColumn: params.headers[keyCol], key: SOURCE_PARAMETER, valueColumn: params.headers[valCol], value, row: at >= 0 ? at : null };
      const prows = params.rows.map((r) => [...r]);
      if (at >= 0) prows[at][valCol] = value;
      else {
        const r: CellValue[] = params.headers.map(() => null);
        r[keyCol] = SOURCE_PARAMETER;
        r[valCol] = value;
        prows.push(r);
      }
      newParams = { ...params, rows: prows };
    }
  }
  const newTables = tables.map((t) => (t === kommuner ? newKommuner : t === params && newParams ? newParams : t));

  // The comparison: the figure each year uses now, and the contribution before and after.
  const before = build(tables);
  const after = build(newTables);
  const contribution = (r: ReturnType<typeof build>, name: string, y: string): number | null =>
    r.model === null ? null : (r.contributions.find((c) => nameKey(c.name) === nameKey(name))?.contributions[y] ?? null);
  const comparison: Comparison[] = result.municipalities.map((m) => {
    const body = kommuner.rows[bodyRows[m.row]] ?? [];
    const out: Comparison = { name: m.name, number: m.number, ssbName: m.ssbName, years: {} };
    for (const [y, yp] of Object.entries(m.years)) {
      const yi = col(kommuner, yearHeader(y));
      const workbook = num(body[yi >= 0 ? yi : baseCol] ?? null);
      const b = contribution(before, m.name, y);
      const a = yp.population === null ? null : contribution(after, m.name, y);
      out.years[y] = {
        referenceYear: yp.referenceYear,
        population: yp.population,
        workbook,
        contributionChange: a !== null && b !== null ? a - b : null,
        latest: yp.latest,
        unpublished: yp.unpublished,
      };
    }
    return out;
  });
  return { columns, source, tables: newTables, comparison };
}
