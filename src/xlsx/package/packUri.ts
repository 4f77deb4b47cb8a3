/**
 * Part names of the package (after python-docx's `opc/packuri.py`): absolute, slash-separated
 * names such as `/xl/worksheets/sheet1.xml`, their rels parts, folders and relative references,
 * and the names the writer gives new parts. Pure functions of text: call sites never join a
 * part path themselves.
 */

/** The content-types part and the package's own rels part. */
export const CONTENT_TYPES_PART = "/[Content_Types].xml";
const PACKAGE_RELS_PART = "/_rels/.rels";
/** Where a new workbook keeps its parts (Excel's names). */
export const NEW_WORKBOOK_PARTS = {
  workbook: "/xl/workbook.xml",
  styles: "/xl/styles.xml",
  theme: "/xl/theme/theme1.xml",
  app: "/docProps/app.xml",
} as const;

/** New parts beside the workbook part: `<workbook folder><folder>/<prefix><n>.xml`. */
const NUMBERED_PARTS = {
  worksheet: { folder: "worksheets", prefix: "sheet" },
  table: { folder: "tables", prefix: "table" },
  drawing: { folder: "drawings", prefix: "drawing" },
  chart: { folder: "charts", prefix: "chart" },
  styles: { folder: "", prefix: "styles" },
} as const;
export type NumberedPart = keyof typeof NUMBERED_PARTS;

/** Absolute, slash-separated, dot segments resolved. */
export function normalizePartName(name: string): string {
  const segs: string[] = [];
  for (const s of name.replace(/\\/g, "/").split("/")) {
    if (s === "" || s === ".") continue;
    if (s === "..") segs.pop();
    else segs.push(s);
  }
  return "/" + segs.join("/");
}

/** The rels part of a source part (`/` = the package). */
export function relsPartName(source: string): string {
  if (source === "/" || source === "") return PACKAGE_RELS_PART;
  const n = normalizePartName(source);
  const i = n.lastIndexOf("/");
  return `${n.slice(0, i)}/_rels/${n.slice(i + 1)}.rels`;
}

/** True for a rels part (`/xl/_rels/workbook.xml.rels`): OPC gives them the extension `.rels`. */
export function isRelsPart(part: string): boolean {
  return extensionOf(part) === "rels";
}

/** The folder of a part, with its trailing slash ("/" for the package root). */
export function folderOf(source: string): string {
  if (source === "/" || source === "") return "/";
  const n = normalizePartName(source);
  return n.slice(0, n.lastIndexOf("/") + 1);
}

/** A part in `folder` (as folderOf gives it) named `name`, which may hold sub-folders. */
function partIn(folder: string, name: string): string {
  return normalizePartName(`${folder}/${name}`);
}

/** The n-th numbered part of a kind beside the part `source` (`/xl/worksheets/sheet3.xml`). */
function numberedPart(source: string, kind: NumberedPart, n: number): string {
  const { folder, prefix } = NUMBERED_PARTS[kind];
  return partIn(folderOf(source), `${folder}/${prefix}${n}.xml`);
}

/** The styles part Excel gives a workbook part (`/xl/styles.xml` beside `/xl/workbook.xml`). */
export function usualStylesPart(workbookPart: string): string {
  return partIn(folderOf(workbookPart), "styles.xml");
}

/** The extension of a part name, lower case, without the dot. */
export function extensionOf(part: string): string {
  const base = part.slice(part.lastIndexOf("/") + 1);
  const i = base.lastIndexOf(".");
  return i < 0 ? "" : base.slice(i + 1).toLowerCase();
}

/** Relative reference from `source`'s folder to `part`, as a new relationship writes it. */
export function relativeRef(source: string, part: string): string {
  const from = folderOf(source).split("/").filter(Boolean);
  const to = normalizePartName(part).split("/").filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i].toLowerCase() === to[i].toLowerCase()) i++;
  return [...from.slice(i).map(() => ".."), ...to.slice(i)].join("/");
}

/**
 * Part names handed out during one write, so two new parts never get the same name: the lowest
 * free number of a kind beside the workbook part (names compare without case, as in OPC).
 */
export class PartNameAllocator {
  private readonly taken: Set<string>;
  constructor(existing: Iterable<string>) {
    this.taken = new Set([...existing].map((p) => p.toLowerCase()));
  }
  release(part: string): void {
    this.taken.delete(part.toLowerCase());
  }
  /** `source`: a part in the folder the kind's folder is relative to (the workbook part). */
  fresh(source: string, kind: NumberedPart): string {
    for (let n = 1; ; n++) {
      const p = numberedPart(source, kind, n);
      if (!this.taken.has(p.toLowerCase())) {
        this.taken.add(p.toLowerCase());
        return p;
      }
    }
  }
}
