/**
 * Hand-made workbook packages for the reader tests: the parts as a given writer would store
 * them (absolute or relative targets, any sheet part names, tables with or without style info),
 * zipped by ./zipKit, independently of the package code under test.
 */
import { makeZip } from "./zipKit";
import type { KitEntry } from "./zipKit";

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships";
const T = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export interface KitSheet {
  name: string;
  /** Part name without leading slash, e.g. `xl/worksheets/Data.xml`. */
  part: string;
  /** The `<sheetData>` content. */
  rows?: string;
  /** Or the whole part (e.g. a huge sheet, pre-deflated). */
  entry?: Omit<KitEntry, "name">;
  tables?: { part: string; xml: string }[];
  state?: string;
}

export interface KitBook {
  sheets: KitSheet[];
  /** `<si>` elements of the sst, or a pre-made entry. */
  sharedStrings?: string[];
  sharedStringsEntry?: Omit<KitEntry, "name">;
  styles?: string;
  workbookPr?: string;
  definedNames?: string;
  /** Targets as openpyxl writes them (`/xl/...`) instead of relative ones. */
  absoluteTargets?: boolean;
  namespace?: string;
  extra?: KitEntry[];
}

export function tableXml(o: { id: number; name: string; ref: string; columns: string[]; header?: number; totals?: number; style?: boolean }): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><table xmlns="${MAIN_NS}" id="${o.id}" name="${o.name}" displayName="${o.name}" ref="${o.ref}"` +
    (o.header !== undefined ? ` headerRowCount="${o.header}"` : "") +
    (o.totals ? ` totalsRowCount="${o.totals}"` : "") +
    `><autoFilter ref="${o.ref}"/><tableColumns count="${o.columns.length}">` +
    o.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${c}"/>`).join("") +
    `</tableColumns>` +
    (o.style === false ? "" : `<tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/>`) +
    `</table>`
  );
}

function rels(list: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_RELS}">${list.map((r) => `<Relationship Id="${r.id}" Type="${T}/${r.type}" Target="${r.target}"/>`).join("")}</Relationships>`;
}

export function makeBook(b: KitBook): Uint8Array {
  const abs = b.absoluteTargets === true;
  const entries: KitEntry[] = [];
  const overrides: string[] = [`<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`];
  const wbRels: { id: string; type: string; target: string }[] = [];
  const rel = (fromDir: string, part: string) => (abs ? "/" + part : part.startsWith(fromDir) ? part.slice(fromDir.length) : "../" + part.slice(3));
  b.sheets.forEach((s, i) => {
    wbRels.push({ id: `rId${i + 1}`, type: "worksheet", target: rel("xl/", s.part) });
    overrides.push(`<Override PartName="/${s.part}" ContentType="${CT}.worksheet+xml"/>`);
    const body = s.entry ?? { text: `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${MAIN_NS}"><sheetData>${s.rows ?? ""}</sheetData></worksheet>` };
    entries.push({ name: s.part, ...body });
    const dir = s.part.slice(0, s.part.lastIndexOf("/") + 1);
    const sheetRels = (s.tables ?? []).map((t, k) => {
      entries.push({ name: t.part, text: t.xml });
      overrides.push(`<Override PartName="/${t.part}" ContentType="${CT}.table+xml"/>`);
      return { id: `rId${k + 1}`, type: "table", target: abs ? "/" + t.part : "../tables/" + t.part.slice(t.part.lastIndexOf("/") + 1) };
    });
    if (sheetRels.length) entries.push({ name: `${dir}_rels/${s.part.slice(dir.length)}.rels`, text: rels(sheetRels) });
  });
  if (b.sharedStrings || b.sharedStringsEntry) {
    wbRels.push({ id: "rIdS", type: "sharedStrings", target: rel("xl/", "xl/sharedStrings.xml") });
    overrides.push(`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>`);
    entries.push({
      name: "xl/sharedStrings.xml",
      ...(b.sharedStringsEntry ?? { text: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN_NS}">${b.sharedStrings!.join("")}</sst>` }),
    });
  }
  if (b.styles) {
    wbRels.push({ id: "rIdT", type: "styles", target: rel("xl/", "xl/styles.xml") });
    overrides.push(`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`);
    entries.push({ name: "xl/styles.xml", text: `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN_NS}">${b.styles}</styleSheet>` });
  }
  const ns = b.namespace ?? MAIN_NS;
  const sheetsXml = b.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`).join("");
  entries.unshift(
    {
      name: "[Content_Types].xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join("")}</Types>`,
    },
    { name: "_rels/.rels", text: rels([{ id: "rId1", type: "officeDocument", target: abs ? "/xl/workbook.xml" : "xl/workbook.xml" }]) },
    {
      name: "xl/workbook.xml",
      text: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${R_NS}">${b.workbookPr ?? ""}<sheets>${sheetsXml}</sheets>${b.definedNames ? `<definedNames>${b.definedNames}</definedNames>` : ""}</workbook>`,
    },
    { name: "xl/_rels/workbook.xml.rels", text: rels(wbRels) },
  );
  entries.push(...(b.extra ?? []));
  return makeZip(entries);
}
