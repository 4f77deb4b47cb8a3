/**
 * The workbook's map, read without touching any sheet: workbook.xml (sheets, defined names,
 * the date system), its rels, and for each worksheet its rels and table parts. Sheet parts
 * themselves are read later (./cells), only those that hold a wanted table.
 */
import { both } from "../../core/i18n";
import { parseA1 } from "../../core/a1";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import type { Package } from "../package/types";
import { NS } from "../package/constants";
import { NEW_WORKBOOK_PARTS } from "../package/packUri";
import { attr, walkXml, XmlError } from "../package/xml";
import type { XmlHandlers } from "../package/xml";
import type { DefinedName, SheetInfo, SheetKind, TableInfo, WorkbookInfo } from "./types";

/** Parts parsed whole are small; a larger one is damaged or hostile. */
const SMALL_PART_BYTES = 64 * 1024 * 1024;

const STRICT_NS = NS.strictMain;
const OFFICE_DOCUMENT = /\/officeDocument$/;

/** The last segment of a relationship type (`.../relationships/worksheet` → `worksheet`). */
function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

/** Reads a small part whole and walks it; malformed XML is a bilingual refusal naming the part. */
export async function walkPart(pkg: Package, part: string, h: XmlHandlers): Promise<void> {
  const text = await pkg.readText(part, SMALL_PART_BYTES);
  try {
    walkXml(text, h);
  } catch (e) {
    if (e instanceof XmlError) throw new LocalizedError(both(XLSX_MESSAGES.badXml, { file: pkg.file, part }), 2);
    throw e;
  }
}

/** `_x000A_` escapes of OOXML strings (column names, shared strings) decoded. */
export function decodeOoxmlEscapes(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function sheetKind(type: string): SheetKind {
  switch (relKind(type)) {
    case "worksheet":
      return "worksheet";
    case "chartsheet":
      return "chartsheet";
    case "dialogsheet":
      return "dialogsheet";
    case "xlMacrosheet":
    case "xlIntlMacrosheet":
      return "macrosheet";
    default:
      return "other";
  }
}

function truthy(v: string | undefined): boolean {
  return v === "1" || v === "true";
}

/** The workbook part: the package's officeDocument relationship (else the usual name). */
export async function workbookPartName(pkg: Package): Promise<string | undefined> {
  for (const r of await pkg.rels("/")) {
    if (OFFICE_DOCUMENT.test(r.type) && r.targetMode !== "External") {
      const part = pkg.resolve("/", r.target);
      if (pkg.has(part)) return part;
    }
  }
  return pkg.has(NEW_WORKBOOK_PARTS.workbook) ? pkg.resolve("/", NEW_WORKBOOK_PARTS.workbook) : undefined;
}

export async function workbookInfo(pkg: Package): Promise<WorkbookInfo> {
  const workbookPart = await workbookPartName(pkg);
  if (!workbookPart) throw new LocalizedError(both(XLSX_MESSAGES.zipNotWorkbook, { file: pkg.file }), 2);
  const rels = await pkg.rels(workbookPart);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const raw: { name: string; sheetId: number; rId: string; state: string }[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  let strict = false;
  let inName: DefinedName | null = null;
  let depth = 0;
  await walkPart(pkg, workbookPart, {
    open: (name, attrs) => {
      depth++;
      if (depth === 1) strict = Object.values(attrs).includes(STRICT_NS);
      if (name === "sheet") {
        raw.push({
          name: attr(attrs, "name") ?? "",
          sheetId: Number(attr(attrs, "sheetId") ?? 0),
          // `r:id` (or any prefix bound to the relationships namespace).
          rId: attrs["r:id"] ?? attr(attrs, "id") ?? "",
          state: attr(attrs, "state") ?? "visible",
        });
      } else if (name === "workbookPr") {
        date1904 = truthy(attr(attrs, "date1904"));
      } else if (name === "definedName") {
        const local = attr(attrs, "localSheetId");
        inName = { name: attr(attrs, "name") ?? "", value: "" };
        if (local !== undefined) inName.localSheetId = Number(local);
        if (truthy(attr(attrs, "hidden"))) inName.hidden = true;
      }
    },
    text: (t) => {
      if (inName) inName.value += t;
    },
    close: (name) => {
      depth--;
      if (name === "definedName" && inName) {
        definedNames.push(inName);
        inName = null;
      }
    },
  });
  if (strict) throw new LocalizedError(both(XLSX_MESSAGES.strictOpenXml, { file: pkg.file }), 2);

  const sheets: SheetInfo[] = raw.map((s) => {
    const r = relById.get(s.rId);
    const part = r && r.targetMode !== "External" ? pkg.resolve(workbookPart, r.target) : undefined;
    return {
      name: s.name,
      sheetId: s.sheetId,
      rId: s.rId,
      part: part && pkg.has(part) ? part : undefined,
      kind: r ? sheetKind(r.type) : "other",
      state: s.state === "hidden" || s.state === "veryHidden" ? s.state : "visible",
    };
  });

  const related = (kind: string): string | undefined => {
    const r = rels.find((x) => relKind(x.type) === kind && x.targetMode !== "External");
    const part = r ? pkg.resolve(workbookPart, r.target) : undefined;
    return part && pkg.has(part) ? part : undefined;
  };

  const tables: TableInfo[] = [];
  for (const s of sheets) {
    if (s.kind !== "worksheet" || !s.part) continue;
    for (const r of await pkg.rels(s.part)) {
      if (relKind(r.type) !== "table" || r.targetMode === "External") continue;
      const part = pkg.resolve(s.part, r.target);
      if (!pkg.has(part)) continue;
      tables.push(await readTablePart(pkg, part, s.name, s.part, r.id));
    }
  }

  return {
    workbookPart,
    sheets,
    definedNames,
    date1904,
    tables,
    sharedStringsPart: related("sharedStrings"),
    stylesPart: related("styles"),
  };
}

async function readTablePart(pkg: Package, part: string, sheet: string, sheetPart: string, rId: string): Promise<TableInfo> {
  const info: TableInfo = {
    name: "",
    partName: "",
    sheet,
    sheetPart,
    part,
    rId,
    ref: "",
    top: 0,
    left: 0,
    bottom: 0,
    right: 0,
    headerRowCount: 1,
    totalsRowCount: 0,
    columns: [],
    hasStyleInfo: false,
  };
  await walkPart(pkg, part, {
    open: (name, attrs) => {
      if (name === "table") {
        info.partName = attr(attrs, "name") ?? "";
        info.name = attr(attrs, "displayName") ?? info.partName;
        const id = attr(attrs, "id");
        if (id !== undefined) info.id = Number(id);
        info.ref = attr(attrs, "ref") ?? "";
        const h = attr(attrs, "headerRowCount");
        if (h !== undefined) info.headerRowCount = Number(h) || 0;
        const t = attr(attrs, "totalsRowCount");
        if (t !== undefined) info.totalsRowCount = Number(t) || 0;
      } else if (name === "tableColumn") {
        info.columns.push(decodeOoxmlEscapes(attr(attrs, "name") ?? ""));
      } else if (name === "tableStyleInfo") {
        info.hasStyleInfo = true;
      }
    },
  });
  const [a, b] = info.ref.replace(/\$/g, "").split(":");
  const tl = parseA1(a ?? "");
  const br = b ? parseA1(b) : tl;
  if (!tl || !br) throw new LocalizedError(both(XLSX_MESSAGES.badTableRef, { table: info.name || part, ref: info.ref }), 2);
  info.top = tl.row;
  info.left = tl.col;
  info.bottom = br.row;
  info.right = br.col;
  return info;
}
