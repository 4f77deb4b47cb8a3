/**
 * Benchmark input workbooks, written as XML straight into a streaming zip (zip.ts), never held
 * in memory: the input tables (real Excel tables with style info) on their sheets, optionally a
 * user's ledger sheet of millions of cells, optionally a padded part that unpacks to gigabytes
 * (a zip bomb in the sheet the build must read).
 *
 * Strings go to sharedStrings.xml as Excel writes them (the ledger draws its texts from small
 * vocabularies, so the string table stays small); dates are serial numbers with a date format.
 */
import { colLetters } from "../../src/core/a1";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { prng } from "../../test/fixtures/regions";
import { ZipWriter, type Chunks } from "./zip";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A user's sheet given as rows, produced lazily. */
interface RowSheet {
  name: string;
  rows: () => Iterable<CellValue[]>;
}

export interface BenchWorkbook {
  tables: TableData[];
  extraSheets?: RowSheet[];
  /** Pads the first table sheet with this many bytes of whitespace inside sheetData. */
  bombBytes?: number;
  /** With bombBytes: the uncompressed size the zip headers claim for that sheet (a lie). */
  bombDeclaredBytes?: number;
  /** With bombBytes: the whitespace comes right after `<sheetData>`, before the rows (default: after them). */
  bombFirst?: boolean;
  /** Each table's ref from its tight one (e.g. whole columns `A1:C1048576`); tight by default. */
  tableRef?: (t: TableData, tight: string) => string;
}

class Strings {
  readonly index = new Map<string, number>();
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.index.size;
      this.index.set(s, i);
    }
    return i;
  }
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function cellXml(ref: string, v: CellValue, strings: Strings): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}" t="b"><v>${v ? 1 : 0}</v></c>`;
  if (v instanceof Date) return `<c r="${ref}" s="1"><v>${(v.getTime() - EXCEL_EPOCH) / 86_400_000}</v></c>`;
  if (typeof v === "string") return `<c r="${ref}" t="s"><v>${strings.id(v)}</v></c>`;
  return `<c r="${ref}" t="e"><v>${esc(v.error)}</v></c>`;
}

function* whitespace(bytes: number): Generator<Buffer> {
  const pad = Buffer.alloc(16 * 1024 * 1024, 0x20);
  for (let left = bytes; left > 0; left -= pad.length) yield left >= pad.length ? pad : pad.subarray(0, left);
}

function* sheetXml(rows: Iterable<[number, CellValue[], number]>, strings: Strings, bombBytes = 0, bombFirst = false): Generator<string | Buffer> {
  yield `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`;
  if (bombFirst) yield* whitespace(bombBytes);
  let buf: string[] = [];
  for (const [r, cells, left] of rows) {
    let row = `<row r="${r + 1}">`;
    cells.forEach((v, j) => (row += cellXml(`${colLetters(left + j)}${r + 1}`, v, strings)));
    buf.push(row + "</row>");
    if (buf.length >= 2000) {
      yield buf.join("");
      buf = [];
    }
  }
  yield buf.join("");
  if (!bombFirst) yield* whitespace(bombBytes);
  yield "</sheetData>";
}

/** The rows of the tables on one sheet, in row order: [row, cells, first column]. */
function tableRows(tables: TableData[]): [number, CellValue[], number][] {
  const byRow = new Map<number, { left: number; cells: CellValue[] }[]>();
  const put = (r: number, left: number, cells: CellValue[]) => {
    const list = byRow.get(r) ?? [];
    list.push({ left, cells });
    byRow.set(r, list);
  };
  for (const t of tables) {
    if (t.title && t.top > 0) put(t.top - 1, t.left, [t.title]);
    put(t.top, t.left, t.headers);
    t.rows.forEach((row, i) => put(t.top + 1 + i, t.left, row));
  }
  return [...byRow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([r, parts]) => {
      // Merge the pieces of one row into one cell list from its leftmost column.
      parts.sort((a, b) => a.left - b.left);
      const left = parts[0].left;
      const cells: CellValue[] = [];
      for (const p of parts) p.cells.forEach((v, j) => (cells[p.left - left + j] = v));
      return [r, Array.from(cells, (v) => v ?? null), left];
    });
}

function tableXml(t: TableData, id: number, tableRef?: BenchWorkbook["tableRef"]): string {
  const tight = `${colLetters(t.left)}${t.top + 1}:${colLetters(t.left + t.headers.length - 1)}${t.top + 1 + Math.max(1, t.rows.length)}`;
  const ref = tableRef ? tableRef(t, tight) : tight;
  const cols = t.headers.map((h, i) => `<tableColumn id="${i + 1}" name="${esc(h)}"/>`).join("");
  return (
    `${XML}<table xmlns="${MAIN}" id="${id}" name="${esc(t.name)}" displayName="${esc(t.name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${t.headers.length}">${cols}</tableColumns>` +
    `<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}

const STYLES =
  `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** Writes the workbook; returns the number of cells written. */
export async function writeBenchWorkbook(file: string, wb: BenchWorkbook): Promise<number> {
  const zip = new ZipWriter(file);
  const strings = new Strings();
  const sheetNames = [...new Set(wb.tables.map((t) => t.sheet))];
  const sheets: { name: string; tables: TableData[] }[] = sheetNames.map((name) => ({ name, tables: wb.tables.filter((t) => t.sheet === name) }));
  const overrides: string[] = [];
  let cells = 0;
  let tableId = 0;
  let n = 0;
  for (const s of sheets) {
    n++;
    const rows = tableRows(s.tables);
    for (const [, r] of rows) cells += r.filter((v) => v !== null).length;
    const rels: string[] = [];
    const parts: string[] = [];
    for (const t of s.tables) {
      tableId++;
      await zip.add(`xl/tables/table${tableId}.xml`, [tableXml(t, tableId, wb.tableRef)]);
      overrides.push(`<Override PartName="/xl/tables/table${tableId}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`);
      rels.push(`<Relationship Id="rId${rels.length + 1}" Type="${REL}/table" Target="../tables/table${tableId}.xml"/>`);
      parts.push(`<tablePart r:id="rId${rels.length}"/>`);
    }
    const body = sheetXml(rows, strings, n === 1 ? wb.bombBytes : 0, wb.bombFirst);
    await zip.add(
      `xl/worksheets/sheet${n}.xml`,
      (function* () {
        yield* body;
        yield `<tableParts count="${parts.length}">${parts.join("")}</tableParts></worksheet>`;
      })(),
      6,
      n === 1 && wb.bombBytes ? wb.bombDeclaredBytes : undefined,
    );
    await zip.add(`xl/worksheets/_rels/sheet${n}.xml.rels`, [`${XML}<Relationships xmlns="${PKG}">${rels.join("")}</Relationships>`]);
  }
  const all = [...sheets.map((s) => s.name)];
  for (const extra of wb.extraSheets ?? []) {
    n++;
    all.push(extra.name);
    const counted = function* (): Iterable<[number, CellValue[], number]> {
      let r = 0;
      for (const row of extra.rows()) {
        cells += row.length;
        yield [r++, row, 0];
      }
    };
    const body: Chunks = (function* () {
      yield* sheetXml(counted(), strings);
      yield "</worksheet>";
    })();
    await zip.add(`xl/worksheets/sheet${n}.xml`, body);
  }
  const sheetEntries = all.map((name, i) => `<sheet name="${esc(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  await zip.add("xl/workbook.xml", [`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${sheetEntries}</sheets></workbook>`]);
  const wbRels = all.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`);
  wbRels.push(`<Relationship Id="rId${all.length + 1}" Type="${REL}/styles" Target="styles.xml"/>`);
  wbRels.push(`<Relationship Id="rId${all.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  await zip.add("xl/_rels/workbook.xml.rels", [`${XML}<Relationships xmlns="${PKG}">${wbRels.join("")}</Relationships>`]);
  await zip.add("xl/styles.xml", [STYLES]);
  const si = [...strings.index.keys()].map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join("");
  await zip.add("xl/sharedStrings.xml", [`${XML}<sst xmlns="${MAIN}" count="${strings.index.size}" uniqueCount="${strings.index.size}">${si}</sst>`]);
  const sheetOverrides = all.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
  await zip.add("[Content_Types].xml", [
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      sheetOverrides.join("") +
      overrides.join("") +
      `</Types>`,
  ]);
  await zip.add("_rels/.rels", [`${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`]);
  zip.close();
  return cells;
}

/** The ledger's columns. */
export const LEDGER_HEADERS = ["Bilag", "Dato", "Konto", "Kontonavn", "Avdeling", "Prosjekt", "MVA-kode", "Beløp", "Valuta", "Tekst"];

/**
 * A user's general ledger: `rows` rows of LEDGER_HEADERS (10 columns) plus the header row,
 * deterministic. Dates are serial numbers (2008-2009); texts come from small vocabularies.
 */
export function* ledgerRows(rows: number, seed = 2008): Generator<CellValue[]> {
  const rnd = prng(seed);
  const accounts = Array.from({ length: 40 }, (_, i) => [4000 + i * 25, `Konto ${4000 + i * 25}`] as const);
  const departments = ["Adm", "Næring", "Plan", "Kultur", "Skole", "Helse", "Teknisk", "Eiendom", "IT", "Økonomi", "Personal", "Politisk"];
  const projects = Array.from({ length: 30 }, (_, i) => `P${String(2009000 + i)}`);
  const texts = Array.from({ length: 200 }, (_, i) => `Faktura leverandør ${i + 1}`);
  yield LEDGER_HEADERS;
  const day0 = Date.UTC(2008, 0, 1);
  for (let i = 0; i < rows; i++) {
    const [account, accountName] = accounts[Math.floor(rnd() * accounts.length)];
    const serial = (day0 - EXCEL_EPOCH) / 86_400_000 + Math.floor(rnd() * 730);
    yield [
      100000 + i,
      serial,
      account,
      accountName,
      departments[Math.floor(rnd() * departments.length)],
      projects[Math.floor(rnd() * projects.length)],
      [0, 1, 3, 5, 6][Math.floor(rnd() * 5)],
      Math.round((rnd() - 0.3) * 2_000_000) / 100,
      "NOK",
      texts[Math.floor(rnd() * texts.length)],
    ];
  }
}
