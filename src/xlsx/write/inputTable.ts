/**
 * Edits an existing input table of a user's package in place: sets the cells of a column (adding
 * the column at the table's right edge when it is new) and sets or adds one row. Used by
 * `kbr populations` for the `Innbyggere <år>` columns of `Kommuner` and the `Parametere` row
 * `Kilde innbyggertall` (src/core/ssb/apply.ts plans them).
 *
 * Why a module of its own: writePlans replaces whole generated sheets; this touches a user's
 * sheet, so it changes only the cells it is asked to and refuses rather than overwrite:
 * - a cell holding a formula is never replaced (the user's formula would be lost);
 * - a new column or row must land on empty cells, outside every other table and merged range;
 * - a row is not added to a table with a totals row (it would have to move it).
 * The worksheet and table parts are edited as DOM (@xmldom/xmldom) and written back; every
 * other part stays as it was read. Strings go in as inline strings (the shared-string table is
 * not touched), numbers as numbers; new cells take the style of the cell beside them (the
 * `Innbyggere` column's for a population, the row above's for a new row).
 */
import { DOMParser, XMLSerializer, type Document, type Element } from "@xmldom/xmldom";
import { a1, colLetters, parseA1, quoteSheet, sameName } from "../../core/a1";
import { both, type Localized } from "../../core/i18n";
import { nameKey } from "../../core/model/read";
import type { Package } from "../package/types";
import type { TableInfo, WorkbookInfo } from "../read/types";
import { LocalizedError } from "../messages";
import type { ColumnEdit, RowEdit } from "../../core/workbook/types";

const INPUT_TABLE_MESSAGES = {
  tableMissing: {
    "nb-NO": ({ table }) => `Fant ikke tabellen «${table}» i arbeidsboken; ingenting er skrevet.`,
    "en-US": ({ table }) => `The table "${table}" is not in the workbook; nothing was written.`,
  } as Localized<{ table: string }>,
  formulaCell: {
    "nb-NO": ({ table, cell }) => `Cellen ${cell} i tabellen «${table}» har en formel, som ikke blir skrevet over. Fjern formelen (eller skriv tallet selv) og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, cell }) => `The cell ${cell} of the table "${table}" holds a formula, which is not overwritten. Remove the formula (or type the figure yourself) and try again; nothing was written.`,
  } as Localized<{ table: string; cell: string }>,
  notFree: {
    "nb-NO": ({ table, range, what }) =>
      `Kan ikke utvide tabellen «${table}» med «${what}»: ${range} er ikke tomt (eller hører til en annen tabell eller en flettet celle). Flytt innholdet, eller legg til «${what}» i tabellen selv, og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, range, what }) =>
      `Cannot extend the table "${table}" with "${what}": ${range} is not empty (or belongs to another table or a merged cell). Move that content, or add "${what}" to the table yourself, and try again; nothing was written.`,
  } as Localized<{ table: string; range: string; what: string }>,
  noHeader: {
    "nb-NO": ({ table }) => `Tabellen «${table}» har ingen overskriftsrad, så en ny kolonne kan ikke få navn; ingenting er skrevet.`,
    "en-US": ({ table }) => `The table "${table}" has no header row, so a new column cannot be named; nothing was written.`,
  } as Localized<{ table: string }>,
  totalsRow: {
    "nb-NO": ({ table, key }) => `Tabellen «${table}» har en summeringsrad; legg til raden «${key}» selv (over summeringsraden) og prøv igjen; ingenting er skrevet.`,
    "en-US": ({ table, key }) => `The table "${table}" has a totals row; add the row "${key}" yourself (above the totals row) and try again; nothing was written.`,
  } as Localized<{ table: string; key: string }>,
};

const M = INPUT_TABLE_MESSAGES;


interface SheetDom {
  doc: Document;
  ns: string;
  prefix: string | null;
  sheetData: Element;
  /** Row number (0-based) → row element. */
  rows: Map<number, Element>;
  changed: boolean;
  /** Cells written, for the dimension. */
  written: { row: number; col: number }[];
}

function parse(xml: string): Document {
  return new DOMParser().parseFromString(xml.replace(/^\uFEFF/, ""), "text/xml") as unknown as Document;
}

function serialize(doc: Document): string {
  const s = new XMLSerializer().serializeToString(doc as never);
  return s.startsWith("<?xml") ? s : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`;
}

function children(el: Element, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1 && (n as Element).localName === local) out.push(n as Element);
  return out;
}

function child(el: Element, local: string): Element | undefined {
  return children(el, local)[0];
}

function qname(dom: SheetDom, local: string): string {
  return dom.prefix ? `${dom.prefix}:${local}` : local;
}

/** Gives every row and cell of sheetData an explicit `r` (implicit ones count on from the previous). */
function indexRows(dom: SheetDom): void {
  let next = 0;
  for (const row of children(dom.sheetData, "row")) {
    const r = row.getAttribute("r");
    const idx = r ? Number(r) - 1 : next;
    if (!r) row.setAttribute("r", String(idx + 1));
    dom.rows.set(idx, row);
    next = idx + 1;
  }
}

function cellsOf(row: Element): Map<number, Element> {
  const out = new Map<number, Element>();
  let next = 0;
  const rowIdx = Number(row.getAttribute("r")) - 1;
  for (const c of children(row, "c")) {
    const r = c.getAttribute("r");
    const col = r ? (parseA1(r)?.col ?? next) : next;
    if (!r) c.setAttribute("r", a1(rowIdx, col));
    out.set(col, c);
    next = col + 1;
  }
  return out;
}

function findCell(dom: SheetDom, row: number, col: number): Element | undefined {
  const r = dom.rows.get(row);
  return r ? cellsOf(r).get(col) : undefined;
}

/** True when a cell holds nothing (a style alone is nothing). */
function isEmptyCell(c: Element | undefined): boolean {
  if (!c) return true;
  if (child(c, "f")) return false;
  const v = child(c, "v");
  if (v && (v.textContent ?? "") !== "") return false;
  const is = child(c, "is");
  return !(is && (is.textContent ?? "") !== "");
}

/** The cell at (row, col), created in its place (rows and cells ascending) when missing. */
function ensureCell(dom: SheetDom, row: number, col: number): Element {
  let rowEl = dom.rows.get(row);
  if (!rowEl) {
    rowEl = dom.doc.createElementNS(dom.ns, qname(dom, "row")) as unknown as Element;
    rowEl.setAttribute("r", String(row + 1));
    const after = [...dom.rows.keys()].filter((k) => k > row).sort((a, b) => a - b)[0];
    dom.sheetData.insertBefore(rowEl as never, (after === undefined ? null : dom.rows.get(after)!) as never);
    dom.rows.set(row, rowEl);
  }
  const cells = cellsOf(rowEl);
  const existing = cells.get(col);
  if (existing) return existing;
  // "spans" is an optimisation hint that the new cell may fall outside of.
  rowEl.removeAttribute("spans");
  const c = dom.doc.createElementNS(dom.ns, qname(dom, "c")) as unknown as Element;
  c.setAttribute("r", a1(row, col));
  const after = [...cells.keys()].filter((k) => k > col).sort((a, b) => a - b)[0];
  rowEl.insertBefore(c as never, (after === undefined ? null : cells.get(after)!) as never);
  return c;
}

function setValue(dom: SheetDom, cell: Element, value: string | number, style: string | null): void {
  while (cell.firstChild) cell.removeChild(cell.firstChild);
  if (style !== null && !cell.getAttribute("s")) cell.setAttribute("s", style);
  if (typeof value === "number") {
    cell.removeAttribute("t");
    const v = dom.doc.createElementNS(dom.ns, qname(dom, "v")) as unknown as Element;
    v.appendChild(dom.doc.createTextNode(String(value)) as never);
    cell.appendChild(v as never);
  } else {
    cell.setAttribute("t", "inlineStr");
    const is = dom.doc.createElementNS(dom.ns, qname(dom, "is")) as unknown as Element;
    const t = dom.doc.createElementNS(dom.ns, qname(dom, "t")) as unknown as Element;
    if (value !== value.trim()) t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve");
    t.appendChild(dom.doc.createTextNode(value) as never);
    is.appendChild(t as never);
    cell.appendChild(is as never);
  }
  dom.changed = true;
  const ref = parseA1(cell.getAttribute("r") ?? "");
  if (ref) dom.written.push(ref);
}

function rangeText(top: number, left: number, bottom: number, right: number): string {
  const a = a1(top, left);
  const b = a1(bottom, right);
  return a === b ? a : `${a}:${b}`;
}

function parseRange(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [a, b] = ref.split(":");
  const p = parseA1(a);
  const q = parseA1(b ?? a);
  return p && q ? { top: p.row, left: p.col, bottom: q.row, right: q.col } : null;
}

const intersects = (
  x: { top: number; left: number; bottom: number; right: number },
  y: { top: number; left: number; bottom: number; right: number },
) => x.top <= y.bottom && y.top <= x.bottom && x.left <= y.right && y.left <= x.right;

/** Edits the tables of a package. Everything is checked before any part is replaced, so a refusal changes nothing. */
export async function editInputTables(pkg: Package, info: WorkbookInfo, columns: readonly ColumnEdit[], rows: readonly RowEdit[]): Promise<void> {
  const sheets = new Map<string, SheetDom>();
  const tableDocs = new Map<string, Document>();
  const tables = new Map<string, TableInfo>();
  const tableOf = (name: string): TableInfo => {
    const t0 = info.tables.find((t) => sameName(t.name, name));
    if (!t0) throw new LocalizedError(both(M.tableMissing, { table: name }), 1);
    if (!tables.has(t0.part)) tables.set(t0.part, { ...t0, columns: [...t0.columns] });
    return tables.get(t0.part)!;
  };
  const sheetOf = async (part: string): Promise<SheetDom> => {
    let dom = sheets.get(part);
    if (!dom) {
      const doc = parse(await pkg.readText(part));
      const root = doc.documentElement as unknown as Element;
      const sheetData = child(root, "sheetData");
      if (!sheetData) throw new Error(`no sheetData in ${part}`);
      dom = { doc, ns: root.namespaceURI ?? "", prefix: root.prefix ?? null, sheetData, rows: new Map(), changed: false, written: [] };
      indexRows(dom);
      sheets.set(part, dom);
    }
    return dom;
  };
  const tableDoc = async (t: TableInfo): Promise<Document> => {
    let d = tableDocs.get(t.part);
    if (!d) {
      d = parse(await pkg.readText(t.part));
      tableDocs.set(t.part, d);
    }
    return d;
  };
  /** Nothing in the way of a new range: empty cells, no other table, no merged range. */
  const free = (dom: SheetDom, t: TableInfo, area: { top: number; left: number; bottom: number; right: number }): boolean => {
    for (const other of info.tables) if (other.sheetPart === t.sheetPart && other.part !== t.part && intersects(other, area)) return false;
    const merges = child(dom.doc.documentElement as unknown as Element, "mergeCells");
    for (const m of merges ? children(merges, "mergeCell") : []) {
      const r = parseRange(m.getAttribute("ref") ?? "");
      if (r && intersects(r, area)) return false;
    }
    for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) if (!isEmptyCell(findCell(dom, r, c))) return false;
    return true;
  };
  const resize = async (t: TableInfo, bottom: number, right: number, newColumn?: string) => {
    const doc = await tableDoc(t);
    const root = doc.documentElement as unknown as Element;
    const ref = rangeText(t.top, t.left, bottom, right);
    root.setAttribute("ref", ref);
    const af = child(root, "autoFilter");
    if (af) af.setAttribute("ref", rangeText(t.top, t.left, bottom - t.totalsRowCount, right));
    if (newColumn !== undefined) {
      const cols = child(root, "tableColumns")!;
      const list = children(cols, "tableColumn");
      const id = Math.max(0, ...list.map((c) => Number(c.getAttribute("id")) || 0)) + 1;
      const tc = doc.createElementNS(root.namespaceURI ?? "", root.prefix ? `${root.prefix}:tableColumn` : "tableColumn") as unknown as Element;
      tc.setAttribute("id", String(id));
      tc.setAttribute("name", newColumn);
      cols.appendChild(tc as never);
      cols.setAttribute("count", String(list.length + 1));
      t.columns.push(newColumn);
    }
    t.bottom = bottom;
    t.right = right;
  };

  for (const edit of columns) {
    const t = tableOf(edit.table);
    const dom = await sheetOf(t.sheetPart);
    const first = t.top + t.headerRowCount;
    let idx = t.columns.findIndex((c) => nameKey(c) === nameKey(edit.header));
    const styleIdx = edit.styleFrom === undefined ? -1 : t.columns.findIndex((c) => nameKey(c) === nameKey(edit.styleFrom!));
    const styleAt = (row: number) => (styleIdx < 0 ? null : (findCell(dom, row, t.left + styleIdx)?.getAttribute("s") ?? null));
    if (idx < 0) {
      if (t.headerRowCount < 1) throw new LocalizedError(both(M.noHeader, { table: t.name }), 1);
      const c = t.right + 1;
      const area = { top: t.top, left: c, bottom: t.bottom, right: c };
      if (!free(dom, t, area)) {
        throw new LocalizedError(both(M.notFree, { table: t.name, range: `${quoteSheet(t.sheet)}!${rangeText(area.top, c, area.bottom, c)}`, what: edit.header }), 1);
      }
      setValue(dom, ensureCell(dom, t.top, c), edit.header, styleAt(t.top));
      await resize(t, t.bottom, c, edit.header);
      idx = t.columns.length - 1;
    }
    const c = t.left + idx;
    for (let i = 0; i < edit.values.length; i++) {
      const v = edit.values[i];
      if (v === null) continue;
      const row = first + i;
      const existing = findCell(dom, row, c);
      if (existing && child(existing, "f")) throw new LocalizedError(both(M.formulaCell, { table: t.name, cell: `${quoteSheet(t.sheet)}!${a1(row, c)}` }), 1);
      setValue(dom, ensureCell(dom, row, c), v, styleAt(row));
    }
  }

  for (const edit of rows) {
    const t = tableOf(edit.table);
    const dom = await sheetOf(t.sheetPart);
    let row: number;
    if (edit.row === null) {
      if (t.totalsRowCount > 0) throw new LocalizedError(both(M.totalsRow, { table: t.name, key: String(Object.values(edit.values)[0]) }), 1);
      row = t.bottom + 1;
      const area = { top: row, left: t.left, bottom: row, right: t.right };
      if (!free(dom, t, area)) {
        throw new LocalizedError(
          both(M.notFree, { table: t.name, range: `${quoteSheet(t.sheet)}!${rangeText(row, t.left, row, t.right)}`, what: String(Object.values(edit.values)[0]) }),
          1,
        );
      }
      await resize(t, row, t.right);
    } else row = t.top + t.headerRowCount + edit.row;
    for (const [header, value] of Object.entries(edit.values)) {
      const idx = t.columns.findIndex((c) => nameKey(c) === nameKey(header));
      if (idx < 0) continue;
      const c = t.left + idx;
      const existing = findCell(dom, row, c);
      if (existing && child(existing, "f")) throw new LocalizedError(both(M.formulaCell, { table: t.name, cell: `${quoteSheet(t.sheet)}!${a1(row, c)}` }), 1);
      const above = edit.row === null ? (findCell(dom, row - 1, c)?.getAttribute("s") ?? null) : null;
      setValue(dom, ensureCell(dom, row, c), value, above);
    }
  }

  // Everything checked: write the parts.
  for (const [part, dom] of sheets) {
    if (!dom.changed) continue;
    const root = dom.doc.documentElement as unknown as Element;
    const dim = child(root, "dimension");
    if (dim) {
      const r = parseRange(dim.getAttribute("ref") ?? "");
      if (r) {
        for (const w of dom.written) {
          r.top = Math.min(r.top, w.row);
          r.left = Math.min(r.left, w.col);
          r.bottom = Math.max(r.bottom, w.row);
          r.right = Math.max(r.right, w.col);
        }
        dim.setAttribute("ref", `${colLetters(r.left)}${r.top + 1}:${colLetters(r.right)}${r.bottom + 1}`);
      }
    }
    pkg.setPart(part, serialize(dom.doc));
  }
  for (const [part, doc] of tableDocs) pkg.setPart(part, serialize(doc));
}
