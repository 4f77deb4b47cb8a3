/**
 * Edits existing input tables of the open workbook in place, through Office.js: sets the body
 * cells of a column (adding the column at the table's right edge when it is new) and sets or adds
 * one row. The task pane uses it for what src/core/ssb/apply.ts plans: the `Innbyggere <år>`
 * columns of `Kommuner` and the `Parametere` row `Kilde innbyggertall` (the `kbr` twin is
 * src/xlsx/write/inputTable.ts).
 *
 * Why a module of its own: OfficeWorkbook writes whole generated sheets and new input tables;
 * this touches a user's table, so it changes only the cells it is asked to, and refuses (writing
 * nothing) rather than overwrite:
 * - a cell holding a formula is never replaced (the user's formula would be lost);
 * - a new column or row must land on empty cells outside every other table. Excel's
 *   `TableColumnCollection.add` / `TableRowCollection.add` insert cells (what lies right of the
 *   table in its rows, or below it in its columns, moves over by one), so another table in that
 *   band is refused too: Excel would refuse to move part of it, after other edits were made;
 * - a row is not added to a table with a totals row (it would have to go above it);
 * - the table must still have the rows the plan was made for (else: read again).
 * Merged cells are not detected (that needs ExcelApi 1.13); Excel refuses an insert through one.
 *
 * Round trips (one Excel.run): the tables (their addresses, header texts, body formulas and number
 * formats, totals flag, and the names of all tables); the bands a new column or row would take and
 * the other tables' addresses (known only after the first); then every edit in one sync.
 * Requirement sets: ExcelApi 1.1 (tables.getItem, showTotals, ranges), 1.4 (`columns.add` with a
 * null index appends); nothing above 1.7.
 */
import { both, type Localized } from "../core/i18n";
import { nameKey } from "../core/model/read";
import { overlaps, parseRect, rectA1, type Rect } from "./a1";
import { WriteError } from "./messages";
import type { BatchRunner } from "./workbook";
import type { ColumnEdit, RowEdit } from "../core/workbook/types";

const INPUT_EDIT_MESSAGES = {
  tableMissing: {
    "nb-NO": ({ table }) => `Fant ikke tabellen «${table}» i arbeidsboken; ingenting er skrevet.`,
    "en-US": ({ table }) => `The table "${table}" is not in the workbook; nothing was written.`,
  } as Localized<{ table: string }>,
  changed: {
    "nb-NO": ({ table }) => `Tabellen «${table}» er endret siden den ble lest (antall rader). Hent tallene på nytt; ingenting er skrevet.`,
    "en-US": ({ table }) => `The table "${table}" has changed since it was read (its number of rows). Fetch the figures again; nothing was written.`,
  } as Localized<{ table: string }>,
  formulaCell: {
    "nb-NO": ({ table, cell }) =>
      `Cellen ${cell} i tabellen «${table}» har en formel, som ikke blir skrevet over. Fjern formelen (eller skriv tallet selv) og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, cell }) =>
      `The cell ${cell} of the table "${table}" holds a formula, which is not overwritten. Remove the formula (or type the figure yourself) and try again; nothing was written.`,
  } as Localized<{ table: string; cell: string }>,
  notFree: {
    "nb-NO": ({ table, range, what }) =>
      `Kan ikke utvide tabellen «${table}» med «${what}»: ${range} er ikke tomt (eller hører til en annen tabell, eller en annen tabell ville blitt flyttet). Flytt innholdet, eller legg til «${what}» i tabellen selv, og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, range, what }) =>
      `Cannot extend the table "${table}" with "${what}": ${range} is not empty (or belongs to another table, or another table would be moved). Move that content, or add "${what}" to the table yourself, and try again; nothing was written.`,
  } as Localized<{ table: string; range: string; what: string }>,
  totalsRow: {
    "nb-NO": ({ table, key }) => `Tabellen «${table}» har en summeringsrad; legg til raden «${key}» selv (over summeringsraden) og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, key }) => `The table "${table}" has a totals row; add the row "${key}" yourself (above the totals row) and try again; nothing was written.`,
  } as Localized<{ table: string; key: string }>,
  failed: {
    "nb-NO": ({ reason }) => `Excel kunne ikke skrive til tabellene (${reason}). Sjekk tabellene Kommuner og Parametere.`,
    "en-US": ({ reason }) => `Excel could not write to the tables (${reason}). Check the tables Kommuner and Parametere.`,
  } as Localized<{ reason: string }>,
};

const M = INPUT_EDIT_MESSAGES;


interface Loaded {
  name: string;
  table: Excel.Table;
  range: Excel.Range;
  header: Excel.Range;
  body: Excel.Range;
}

interface Known {
  name: string;
  table: Excel.Table;
  sheet: string;
  rect: Rect;
  headers: string[];
  formulas: unknown[][];
  formats: unknown[][];
  totals: boolean;
}

const isFormula = (f: unknown): boolean => typeof f === "string" && f.startsWith("=");
const isEmpty = (f: unknown): boolean => f === "" || f === null || f === undefined;
/** Text that Excel would read as a formula is written as text (a leading apostrophe). */
const cellInput = (v: string | number | null): string | number => (v === null ? "" : typeof v === "string" && /^[=+\-@]/.test(v) ? `'${v}` : v);

function sheetOf(address: string): string {
  const i = address.lastIndexOf("!");
  const s = i < 0 ? "" : address.slice(0, i);
  return s.startsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function reasonOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Carries out the column and row edits, or refuses with a WriteError (in both languages) before
 * anything is written. `expectRows` (table name → body rows) guards against a table that changed
 * since the edits were planned.
 */
export async function editInputTables(
  run: BatchRunner,
  columns: readonly ColumnEdit[],
  rows: readonly RowEdit[],
  expectRows: Record<string, number> = {},
): Promise<void> {
  const names = [...new Map([...columns, ...rows].map((e) => [nameKey(e.table), e.table])).values()];
  if (names.length === 0) return;
  await run(async (ctx) => {
    // 1. The tables to edit, and the names of all tables.
    const all = ctx.workbook.tables.load("items/name");
    const loaded: Loaded[] = names.map((name) => {
      const table = ctx.workbook.tables.getItem(name);
      table.load("showTotals");
      return {
        name,
        table,
        range: table.getRange().load("address"),
        header: table.getHeaderRowRange().load("values"),
        body: table.getDataBodyRange().load("formulas,numberFormat"),
      };
    });
    try {
      await ctx.sync();
    } catch (e) {
      if ((e as { code?: string }).code === "ItemNotFound" || /ItemNotFound/.test(reasonOf(e))) {
        throw new WriteError(both(M.tableMissing, { table: names.join(", ") }), [], [], e);
      }
      throw new WriteError(both(M.failed, { reason: reasonOf(e) }), [], [], e);
    }
    const known = new Map<string, Known>();
    for (const l of loaded) {
      const rect = parseRect(l.range.address);
      if (!rect) throw new WriteError(both(M.failed, { reason: `address ${l.range.address}` }));
      known.set(nameKey(l.name), {
        name: l.name,
        table: l.table,
        sheet: sheetOf(l.range.address),
        rect,
        headers: (l.header.values[0] ?? []).map((h) => String(h)),
        formulas: l.body.formulas,
        formats: l.body.numberFormat,
        totals: l.table.showTotals,
      });
    }
    for (const [key, n] of Object.entries(expectRows)) {
      const k = known.get(nameKey(key));
      if (k && k.formulas.length !== n) throw new WriteError(both(M.changed, { table: k.name }));
    }

    // 2. The bands new columns and rows take, and where the other tables are.
    const others = all.items.filter((t) => !known.has(nameKey(t.name))).map((t) => t.getRange().load("address"));
    const bands: { k: Known; what: string; rect: Rect; shift: Rect; range: Excel.Range }[] = [];
    const newCols = new Map<string, ColumnEdit[]>();
    for (const c of columns) {
      const k = known.get(nameKey(c.table))!;
      if (k.headers.some((h) => nameKey(h) === nameKey(c.header))) continue;
      const list = newCols.get(nameKey(c.table)) ?? [];
      list.push(c);
      newCols.set(nameKey(c.table), list);
    }
    for (const [key, list] of newCols) {
      const k = known.get(key)!;
      const rect = { top: k.rect.top, bottom: k.rect.bottom, left: k.rect.right + 1, right: k.rect.right + list.length };
      const shift = { ...rect, right: Number.MAX_SAFE_INTEGER };
      bands.push({ k, what: list.map((c) => c.header).join(", "), rect, shift, range: k.table.worksheet.getRange(rectA1(rect)).load("formulas") });
    }
    for (const r of rows) {
      if (r.row !== null) continue;
      const k = known.get(nameKey(r.table))!;
      const key = String(Object.values(r.values)[0] ?? "");
      if (k.totals) throw new WriteError(both(M.totalsRow, { table: k.name, key }));
      const width = (newCols.get(nameKey(r.table))?.length ?? 0) + k.rect.right;
      const rect = { top: k.rect.bottom + 1, bottom: k.rect.bottom + 1, left: k.rect.left, right: width };
      const shift = { ...rect, bottom: Number.MAX_SAFE_INTEGER };
      bands.push({ k, what: key, rect, shift, range: k.table.worksheet.getRange(rectA1(rect)).load("formulas") });
    }

    // The cells to set in place: never over a formula.
    const sets: { k: Known; col: number; values: (string | number | null)[] }[] = [];
    for (const c of columns) {
      const k = known.get(nameKey(c.table))!;
      const col = k.headers.findIndex((h) => nameKey(h) === nameKey(c.header));
      if (col < 0) continue;
      if (c.values.length !== k.formulas.length) throw new WriteError(both(M.changed, { table: k.name }));
      c.values.forEach((v, i) => {
        if (v !== null && isFormula(k.formulas[i]?.[col])) throw new WriteError(both(M.formulaCell, { table: k.name, cell: rectA1({ top: k.rect.top + 1 + i, bottom: k.rect.top + 1 + i, left: k.rect.left + col, right: k.rect.left + col }) }));
      });
      sets.push({ k, col, values: c.values });
    }
    for (const r of rows) {
      if (r.row === null) continue;
      const k = known.get(nameKey(r.table))!;
      if (r.row >= k.formulas.length) throw new WriteError(both(M.changed, { table: k.name }));
      for (const [header, v] of Object.entries(r.values)) {
        const col = k.headers.findIndex((h) => nameKey(h) === nameKey(header));
        if (col < 0) throw new WriteError(both(M.changed, { table: k.name }));
        const cell = rectA1({ top: k.rect.top + 1 + r.row, bottom: k.rect.top + 1 + r.row, left: k.rect.left + col, right: k.rect.left + col });
        if (isFormula(k.formulas[r.row][col])) throw new WriteError(both(M.formulaCell, { table: k.name, cell }));
        const values: (string | number | null)[] = k.formulas.map(() => null);
        values[r.row] = v;
        sets.push({ k, col, values });
      }
    }

    if (bands.length > 0) {
      try {
        await ctx.sync();
      } catch (e) {
        throw new WriteError(both(M.failed, { reason: reasonOf(e) }), [], [], e);
      }
      const otherRects = others.map((o) => ({ sheet: sheetOf(o.address), rect: parseRect(o.address) }));
      const knownRects = [...known.values()].map((k) => ({ sheet: k.sheet, rect: k.rect as Rect | null }));
      for (const b of bands) {
        const inTheWay =
          b.range.formulas.some((row) => row.some((f) => !isEmpty(f))) ||
          [...otherRects, ...knownRects].some((o) => o.rect && o.rect !== b.k.rect && nameKey(o.sheet) === nameKey(b.k.sheet) && overlaps(o.rect, b.shift));
        if (inTheWay) throw new WriteError(both(M.notFree, { table: b.k.name, range: `${b.k.sheet}!${rectA1(b.rect)}`, what: b.what }));
      }
    }

    // 3. Every edit in one sync: cells in place, then new columns, then new rows.
    for (const s of sets) {
      const { k } = s;
      const range = k.table.worksheet.getRange(rectA1({ top: k.rect.top + 1, bottom: k.rect.top + k.formulas.length, left: k.rect.left + s.col, right: k.rect.left + s.col }));
      range.values = s.values.map((v) => [v === null ? null : cellInput(v)]) as unknown[][] as string[][];
    }
    for (const [key, list] of newCols) {
      const k = known.get(key)!;
      for (const c of list) {
        const col = k.table.columns.add(null as unknown as number, [[c.header], ...c.values.map((v) => [cellInput(v)])]);
        const from = c.styleFrom ? k.headers.findIndex((h) => nameKey(h) === nameKey(c.styleFrom!)) : -1;
        if (from >= 0 && k.formats.length > 0) col.getDataBodyRange().numberFormat = k.formats.map((r) => [r[from]]) as string[][];
      }
    }
    for (const r of rows) {
      if (r.row !== null) continue;
      const k = known.get(nameKey(r.table))!;
      const headers = [...k.headers, ...(newCols.get(nameKey(r.table)) ?? []).map((c) => c.header)];
      const line = headers.map((h) => {
        const hit = Object.entries(r.values).find(([name]) => nameKey(name) === nameKey(h));
        return hit ? cellInput(hit[1]) : "";
      });
      k.table.rows.add(null as unknown as number, [line]);
    }
    try {
      await ctx.sync();
    } catch (e) {
      throw new WriteError(both(M.failed, { reason: reasonOf(e) }), [], [], e);
    }
  });
}
