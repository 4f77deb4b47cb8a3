/**
 * Writes test/corpus/variants.xlsx: a package written by hand (JSZip) in shapes that spreadsheet
 * writers other than Excel produce and a reader must take, with the 2009 plan's tables:
 *
 * - part names other than sheetN.xml / tableN.xml (`xl/worksheets/inndata.xml`,
 *   `xl/tables/kommuner.xml`), no docProps at all;
 * - the 1904 date system (`date1904="1"`: Befolkningsdato is serial 37986, 2008-01-01);
 * - inline strings (`t="inlineStr"`) for most texts, shared strings with rich-text runs for others;
 * - shared formulas (`t="shared"`) with cached values in Kostnader's 2010 and 2011 columns;
 * - a table with a totals row (Kommuner: `totalsRowCount="1"`, SUBTOTAL formulas), tables
 *   without `tableStyleInfo`;
 * - a user's sheet `Oversikt` with formulas on the tables.
 *
 * Usage: node -r ts-node/register scripts/make-corpus/variants.ts OUT.xlsx
 */
import * as fs from "fs";
import JSZip from "jszip";
import { colLetters } from "../../src/core/a1";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { corpusTables } from "./tables";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Days from 1904-01-01, the 1904 date system's day 0. */
const serial1904 = (d: Date) => (d.getTime() - Date.UTC(1904, 0, 1)) / 86_400_000;

/** Texts written as shared strings with two runs (the rest are inline strings). */
const RICH = new Set(["Kongsberg", "Ekstern"]);

export async function makeVariants(out: string): Promise<void> {
  const tables = corpusTables();
  const shared: string[] = [];
  const rows = new Map<number, string[]>();
  const put = (r: number, c: number, xml: string) => {
    const list = rows.get(r) ?? [];
    list[c] = xml;
    rows.set(r, list);
  };
  const cell = (r: number, c: number, v: CellValue, style = 0): string => {
    const ref = `${colLetters(c)}${r + 1}`;
    const s = style ? ` s="${style}"` : "";
    if (typeof v === "number") return `<c r="${ref}"${s}><v>${v}</v></c>`;
    if (v instanceof Date) return `<c r="${ref}" s="1"><v>${serial1904(v)}</v></c>`;
    if (typeof v === "string" && RICH.has(v)) {
      let i = shared.indexOf(v);
      if (i < 0) i = shared.push(v) - 1;
      return `<c r="${ref}" t="s"${s}><v>${i}</v></c>`;
    }
    if (typeof v === "string") return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
    throw new Error(`unexpected ${String(v)}`);
  };

  const tableParts: { name: string; xml: string }[] = [];
  for (const t of tables) {
    put(t.top - 1, t.left, cell(t.top - 1, t.left, t.name));
    t.headers.forEach((h, j) => put(t.top, t.left + j, cell(t.top, t.left + j, h)));
    t.rows.forEach((row, i) =>
      row.forEach((v, j) => {
        const r = t.top + 1 + i;
        const c = t.left + j;
        // Kostnader's 2010 and 2011 columns: shared formulas repeating 2009, with cached values.
        if (t.name === "Kostnader" && j >= 3) {
          const f = i === 0 ? `<f t="shared" ref="${colLetters(c)}${r + 1}:${colLetters(c)}${t.top + t.rows.length + 1}" si="${j - 3}">${colLetters(c - 1)}${r + 1}</f>` : `<f t="shared" si="${j - 3}"/>`;
          put(r, c, `<c r="${colLetters(c)}${r + 1}">${f}<v>${v as number}</v></c>`);
          return;
        }
        put(r, c, cell(r, c, v, t.name === "Kommuner" && j === 2 ? 2 : 0));
      }),
    );
    tableParts.push({ name: t.name.toLowerCase(), xml: tableXml(t) });
  }
  // Kommuner's totals row.
  const k = tables.find((t) => t.name === "Kommuner")!;
  const totalsRow = k.top + 1 + k.rows.length;
  put(totalsRow, k.left, cell(totalsRow, k.left, "Sum"));
  const total = (j: number, col: string, value: number, style = 0) =>
    put(totalsRow, k.left + j, `<c r="${colLetters(k.left + j)}${totalsRow + 1}"${style ? ` s="${style}"` : ""}><f>SUBTOTAL(109,Kommuner[${col}])</f><v>${value}</v></c>`);
  total(1, "Innbyggere", k.rows.reduce((a, r) => a + (r[1] as number), 0));
  total(2, "Ressursandel", 1, 2);

  const sheetXml = (rowsMap: Map<number, string[]>, extra = "") => {
    const body = [...rowsMap.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([r, cells]) => `<row r="${r + 1}">${cells.filter(Boolean).join("")}</row>`)
      .join("");
    return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${body}</sheetData>${extra}</worksheet>`;
  };
  const parts = tableParts.map((_, i) => `<tablePart r:id="rT${i + 1}"/>`).join("");

  const overview = new Map<number, string[]>();
  overview.set(0, [cell(0, 0, "Sum innbyggere"), `<c r="B1"><f>SUM(Kommuner[Innbyggere])</f><v>50388</v></c>`]);
  overview.set(1, [cell(1, 0, "Befolkningsdato"), `<c r="B2" s="1"><f>INDEX(Parametere[Verdi],2)</f><v>${serial1904(new Date(Date.UTC(2008, 0, 1)))}</v></c>`]);

  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      `<Override PartName="/xl/worksheets/inndata.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/worksheets/oversikt.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
      tableParts.map((t) => `<Override PartName="/xl/tables/${t.name}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>`).join("") +
      `</Types>`,
  );
  zip.file("_rels/.rels", `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  zip.file(
    "xl/workbook.xml",
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr date1904="1"/><bookViews><workbookView activeTab="0"/></bookViews>` +
      `<sheets><sheet name="Inndata" sheetId="7" r:id="rS1"/><sheet name="Oversikt" sheetId="3" r:id="rS2"/></sheets><calcPr calcId="191029"/></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `${XML}<Relationships xmlns="${PKG}"><Relationship Id="rS1" Type="${REL}/worksheet" Target="worksheets/inndata.xml"/><Relationship Id="rS2" Type="${REL}/worksheet" Target="worksheets/oversikt.xml"/>` +
      `<Relationship Id="rSt" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rSs" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file("xl/worksheets/inndata.xml", sheetXml(rows, `<tableParts count="${tableParts.length}">${parts}</tableParts>`));
  zip.file(
    "xl/worksheets/_rels/inndata.xml.rels",
    `${XML}<Relationships xmlns="${PKG}">${tableParts.map((t, i) => `<Relationship Id="rT${i + 1}" Type="${REL}/table" Target="../tables/${t.name}.xml"/>`).join("")}</Relationships>`,
  );
  zip.file("xl/worksheets/oversikt.xml", sheetXml(overview));
  for (const t of tableParts) zip.file(`xl/tables/${t.name}.xml`, t.xml);
  zip.file(
    "xl/sharedStrings.xml",
    `${XML}<sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">` +
      shared.map((s) => `<si><r><t>${esc(s.slice(0, 3))}</t></r><r><rPr><b/></rPr><t>${esc(s.slice(3))}</t></r></si>`).join("") +
      `</sst>`,
  );
  zip.file(
    "xl/styles.xml",
    `${XML}<styleSheet xmlns="${MAIN}"><fonts count="1"><font><sz val="10"/><name val="Arial"/></font></fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
      `</styleSheet>`,
  );
  fs.writeFileSync(out, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

function tableXml(t: TableData): string {
  const totals = t.name === "Kommuner";
  const last = t.top + t.rows.length + (totals ? 2 : 1);
  const ref = `${colLetters(t.left)}${t.top + 1}:${colLetters(t.left + t.headers.length - 1)}${last}`;
  const id = ["Kommuner", "Kostnader", "Finansiering", "Parametere"].indexOf(t.name) + 1;
  const cols = t.headers
    .map((h, i) => {
      if (!totals) return `<tableColumn id="${i + 1}" name="${esc(h)}"/>`;
      return i === 0 ? `<tableColumn id="1" name="${esc(h)}" totalsRowLabel="Sum"/>` : `<tableColumn id="${i + 1}" name="${esc(h)}" totalsRowFunction="sum"/>`;
    })
    .join("");
  const filterRef = totals ? `${colLetters(t.left)}${t.top + 1}:${colLetters(t.left + t.headers.length - 1)}${last - 1}` : ref;
  return (
    `${XML}<table xmlns="${MAIN}" id="${id}" name="${t.name}" displayName="${t.name}" ref="${ref}"${totals ? ' totalsRowCount="1"' : ""}>` +
    `<autoFilter ref="${filterRef}"/><tableColumns count="${t.headers.length}">${cols}</tableColumns></table>`
  );
}

if (require.main === module) {
  makeVariants(process.argv[2]).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
