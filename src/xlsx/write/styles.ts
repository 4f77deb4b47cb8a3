/**
 * Cell styles of the generated sheets, appended to a workbook's existing `styles.xml`.
 *
 * Design: append only. Every existing font, fill, border, number format and cell format keeps
 * its index, so every cell of the user's keeps its look; the registry hands out indices past
 * the existing ones, and `apply` splices the new entries into the text before each section's
 * closing tag (and updates its `count`), without re-serialising anything else. A number format
 * that already exists with the same code (built in, or the workbook's own) is reused, because
 * its id means that code whatever else changes. Bold and italic fonts are the workbook's default
 * font (font 0) with `<b/>`/`<i/>` added, so the generated sheets look like the rest of the book.
 */
import type { PlanCell } from "../../core/workbook/types";
import { attributes, escapeRe, escapeXml } from "../package/xml";
import { NS, XML_DECLARATION } from "../package/constants";

/** The look of one cell, as far as styles.xml is concerned. */
export interface CellLook {
  numberFormat?: string;
  bold?: boolean;
  italic?: boolean;
  align?: PlanCell["align"];
  wrap?: boolean;
  fill?: string;
  borderTop?: boolean;
  /** Vertical alignment (input-table cells with wrapped text). */
  vertical?: "top" | "center" | "bottom";
  /** Font colour `#RRGGBB` (header cells over a fill). */
  color?: string;
  /** Font size in points; the default font's otherwise. */
  size?: number;
}

/** Number formats every spreadsheet program knows by id whatever its locale (ECMA-376 18.8.30). */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "# ?/?": 12,
  "# ??/??": 13,
  "@": 49,
};

/** Sections of CT_Stylesheet in schema order. */
const SECTION_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];

/** A minimal styles part for a package that has none (Excel's defaults). */
export const DEFAULT_STYLES_XML =
  XML_DECLARATION +
  `<styleSheet xmlns="${NS.main}">` +
  `<fonts count="1"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><scheme val="minor"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

interface Section {
  /** Where the section's start tag begins and where its end (closing tag, or the self-closing tag's end) is. */
  start: number;
  /** Index of the closing tag `</fonts>`, or -1 when the element is self-closing. */
  close: number;
  /** End of the whole element. */
  end: number;
  startTag: string;
  /** The text between start and closing tag. */
  inner: string;
}

/** Finds `<p:name ...>...</p:name>` or `<p:name .../>` at top level of the stylesheet. */
function findSection(xml: string, prefix: string, name: string): Section | null {
  const open = new RegExp(`<${escapeRe(prefix + name)}(?=[\\s/>])[^>]*>`).exec(xml);
  if (!open) return null;
  const startTag = open[0];
  const start = open.index;
  if (startTag.endsWith("/>")) return { start, close: -1, end: start + startTag.length, startTag, inner: "" };
  const closeTag = `</${prefix}${name}>`;
  const close = xml.indexOf(closeTag, start + startTag.length);
  if (close < 0) throw new Error(`styles.xml: <${name}> is not closed`);
  return { start, close, end: close + closeTag.length, startTag, inner: xml.slice(start + startTag.length, close) };
}

/** How many `child` elements stand in a section's text (children do not nest in these sections). */
function countChildren(inner: string, prefix: string, child: string): number {
  return (inner.match(new RegExp(`<${escapeRe(prefix + child)}(?=[\\s/>])`, "g")) ?? []).length;
}

const ARGB = (hex: string) => "FF" + hex.replace("#", "").toUpperCase();

/**
 * Hands out cell format (xf) indices for cell looks, past the workbook's own, and splices the
 * new entries into its styles.xml. One registry per write: `xf()` for every cell, then `apply()`.
 */
export class StyleRegistry {
  private readonly prefix: string;
  private readonly base: { numFmtMax: number; fonts: number; fills: number; borders: number; xfs: number };
  private readonly hasStyleXf: boolean;
  /** Existing custom number formats by code. */
  private readonly customFormats = new Map<string, number>();
  private readonly defaultFont: string;
  /** The workbook's own entries by their exact text: a rebuild finds its earlier entries and adds none. */
  private readonly existing: Record<"font" | "fill" | "border" | "xf", Map<string, number>>;

  private readonly newFormats: { id: number; code: string }[] = [];
  private readonly newFonts: string[] = [];
  private readonly fontIndex = new Map<string, number>();
  private readonly newFills: string[] = [];
  private readonly fillIndex = new Map<string, number>();
  private readonly newBorders: string[] = [];
  private readonly borderIndex = new Map<string, number>();
  private readonly newXfs: string[] = [];
  private readonly xfIndex = new Map<string, number>();

  constructor(private readonly xml: string) {
    const root = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml);
    if (!root) throw new Error("styles.xml has no <styleSheet>");
    this.prefix = root[1] ?? "";
    const p = this.prefix;
    const sec = (n: string) => findSection(xml, p, n);
    const numFmts = sec("numFmts");
    let numFmtMax = 163; // custom formats start at 164
    for (const m of (numFmts?.inner ?? "").matchAll(new RegExp(`<${escapeRe(p)}numFmt(?=[\\s/>])[^>]*>`, "g"))) {
      const a = attributes(m[0]);
      const id = Number(a.numFmtId);
      if (!Number.isFinite(id)) continue;
      numFmtMax = Math.max(numFmtMax, id);
      if (a.formatCode !== undefined && !this.customFormats.has(a.formatCode)) this.customFormats.set(a.formatCode, id);
    }
    const fonts = sec("fonts");
    const cellStyleXfs = sec("cellStyleXfs");
    this.hasStyleXf = cellStyleXfs !== null && countChildren(cellStyleXfs.inner, p, "xf") > 0;
    this.base = {
      numFmtMax,
      fonts: fonts ? countChildren(fonts.inner, p, "font") : 0,
      fills: countSection(xml, p, "fills", "fill"),
      borders: countSection(xml, p, "borders", "border"),
      xfs: countSection(xml, p, "cellXfs", "xf"),
    };
    // Font 0 without prefix (new entries are written in the stylesheet's own prefix below).
    const first = fonts ? new RegExp(`<${escapeRe(p)}font(?=[\\s/>])[^>]*?(/>|>([\\s\\S]*?)</${escapeRe(p)}font>)`).exec(fonts.inner) : null;
    this.defaultFont = first?.[2] ?? "";
    const index = (section: string, child: string) => {
      const map = new Map<string, number>();
      const sec = findSection(xml, p, section);
      const re = new RegExp(`<${escapeRe(p + child)}(?=[\\s/>])[^>]*?(?:/>|>[\\s\\S]*?</${escapeRe(p + child)}>)`, "g");
      let i = 0;
      for (const m of (sec?.inner ?? "").matchAll(re)) {
        if (!map.has(m[0])) map.set(m[0], i);
        i++;
      }
      return map;
    };
    this.existing = { font: index("fonts", "font"), fill: index("fills", "fill"), border: index("borders", "border"), xf: index("cellXfs", "xf") };
  }

  /** The xf index for a look; 0 (the workbook's default) when the look asks for nothing. */
  xf(look: CellLook): number {
    if (!look.numberFormat && !look.bold && !look.italic && !look.color && !look.size && !look.fill && !look.borderTop && !look.align && !look.wrap && !look.vertical) return 0;
    const numFmtId = look.numberFormat ? this.numFmtId(look.numberFormat) : 0;
    const fontId = look.bold || look.italic || look.color || look.size ? this.fontId(look) : 0;
    const fillId = look.fill ? this.fillId(look.fill) : 0;
    const borderId = look.borderTop ? this.borderId() : 0;
    const horizontal = look.align === "centerAcross" ? "centerContinuous" : look.align;
    if (!numFmtId && !fontId && !fillId && !borderId && !horizontal && !look.wrap && !look.vertical) return 0;
    const key = `${numFmtId}|${fontId}|${fillId}|${borderId}|${horizontal ?? ""}|${look.wrap ? 1 : 0}|${look.vertical ?? ""}`;
    const known = this.xfIndex.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    let attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}"`;
    if (this.hasStyleXf) attrs += ` xfId="0"`;
    if (numFmtId) attrs += ` applyNumberFormat="1"`;
    if (fontId) attrs += ` applyFont="1"`;
    if (fillId) attrs += ` applyFill="1"`;
    if (borderId) attrs += ` applyBorder="1"`;
    let body = "";
    if (horizontal || look.wrap || look.vertical) {
      attrs += ` applyAlignment="1"`;
      body =
        `<${p}alignment` +
        (horizontal ? ` horizontal="${horizontal}"` : "") +
        (look.vertical ? ` vertical="${look.vertical}"` : "") +
        (look.wrap ? ` wrapText="1"` : "") +
        `/>`;
    }
    const index = this.add("xf", body ? `<${p}xf ${attrs}>${body}</${p}xf>` : `<${p}xf ${attrs}/>`, this.base.xfs, this.newXfs);
    this.xfIndex.set(key, index);
    return index;
  }

  private numFmtId(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    const existing = this.customFormats.get(code);
    if (existing !== undefined) return existing;
    const id = this.base.numFmtMax + 1 + this.newFormats.length;
    this.newFormats.push({ id, code });
    this.customFormats.set(code, id);
    return id;
  }

  private fontId(look: CellLook): number {
    const key = `${look.bold ? 1 : 0}|${look.italic ? 1 : 0}|${look.color ?? ""}|${look.size ?? ""}`;
    const known = this.fontIndex.get(key);
    if (known !== undefined) return known;
    const p = this.prefix;
    // The default font's own elements, less what this look sets (CT_Font's children come in any order).
    let inner = this.defaultFont.replace(new RegExp(`<${escapeRe(p)}(b|i)(?=[\\s/>])[^>]*?(/>|>\\s*</${escapeRe(p)}\\1>)`, "g"), "");
    if (look.color) inner = inner.replace(new RegExp(`<${escapeRe(p)}color(?=[\\s/>])[^>]*?(/>|>\\s*</${escapeRe(p)}color>)`, "g"), "");
    if (look.size) inner = inner.replace(new RegExp(`<${escapeRe(p)}sz(?=[\\s/>])[^>]*?(/>|>\\s*</${escapeRe(p)}sz>)`, "g"), "");
    if (!inner.trim()) inner = `<${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/>`;
    const add =
      (look.bold ? `<${p}b/>` : "") +
      (look.italic ? `<${p}i/>` : "") +
      (look.size ? `<${p}sz val="${look.size}"/>` : "") +
      (look.color ? `<${p}color rgb="${ARGB(look.color)}"/>` : "");
    const index = this.add("font", `<${p}font>${add}${inner}</${p}font>`, this.base.fonts, this.newFonts);
    this.fontIndex.set(key, index);
    return index;
  }

  private fillId(color: string): number {
    const argb = ARGB(color);
    const known = this.fillIndex.get(argb);
    if (known !== undefined) return known;
    const p = this.prefix;
    const fill = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    const index = this.add("fill", fill, this.base.fills, this.newFills);
    this.fillIndex.set(argb, index);
    return index;
  }

  private borderId(): number {
    const known = this.borderIndex.get("top");
    if (known !== undefined) return known;
    const p = this.prefix;
    const border = `<${p}border><${p}left/><${p}right/><${p}top style="thin"><${p}color indexed="64"/></${p}top><${p}bottom/><${p}diagonal/></${p}border>`;
    const index = this.add("border", border, this.base.borders, this.newBorders);
    this.borderIndex.set("top", index);
    return index;
  }

  /** The index of an entry: the workbook's own when one reads exactly the same, else a new one. */
  private add(kind: "font" | "fill" | "border" | "xf", text: string, base: number, added: string[]): number {
    const own = this.existing[kind].get(text);
    if (own !== undefined) return own;
    added.push(text);
    return base + added.length - 1;
  }

  /** True when some look needed a new entry. */
  get changed(): boolean {
    return this.newXfs.length + this.newFonts.length + this.newFills.length + this.newBorders.length + this.newFormats.length > 0;
  }

  /** The styles.xml text with the new entries appended to their sections (the input when nothing is new). */
  apply(): string {
    if (!this.changed) return this.xml;
    const p = this.prefix;
    let xml = this.xml;
    const formats = this.newFormats.map((f) => `<${p}numFmt numFmtId="${f.id}" formatCode="${escapeXml(f.code)}"/>`);
    xml = appendTo(xml, p, "numFmts", "numFmt", formats);
    xml = appendTo(xml, p, "fonts", "font", this.newFonts);
    xml = appendTo(xml, p, "fills", "fill", this.newFills);
    xml = appendTo(xml, p, "borders", "border", this.newBorders);
    xml = appendTo(xml, p, "cellXfs", "xf", this.newXfs);
    return xml;
  }
}

function countSection(xml: string, prefix: string, name: string, child: string): number {
  const s = findSection(xml, prefix, name);
  return s ? countChildren(s.inner, prefix, child) : 0;
}

/** Replaces or adds `count="n"` in a start tag. */
function withCount(startTag: string, n: number): string {
  const open = startTag.endsWith("/>") ? startTag.slice(0, -2).trimEnd() : startTag.slice(0, -1);
  const tag = /\scount\s*=\s*("[^"]*"|'[^']*')/.test(open) ? open.replace(/\scount\s*=\s*("[^"]*"|'[^']*')/, ` count="${n}"`) : `${open} count="${n}"`;
  return tag + ">";
}

/** Appends `items` as the last children of a section, creating the section in schema order when missing. */
function appendTo(xml: string, prefix: string, name: string, child: string, items: readonly string[]): string {
  if (items.length === 0) return xml;
  const sec = findSection(xml, prefix, name);
  if (sec) {
    const total = countChildren(sec.inner, prefix, child) + items.length;
    return xml.slice(0, sec.start) + withCount(sec.startTag, total) + sec.inner + items.join("") + `</${prefix}${name}>` + xml.slice(sec.end);
  }
  const element = `<${prefix}${name} count="${items.length}">${items.join("")}</${prefix}${name}>`;
  // Before the first section that follows it in the schema, else before the closing root tag.
  for (const later of SECTION_ORDER.slice(SECTION_ORDER.indexOf(name) + 1)) {
    const s = findSection(xml, prefix, later);
    if (s) return xml.slice(0, s.start) + element + xml.slice(s.start);
  }
  const close = xml.lastIndexOf(`</${prefix}styleSheet>`);
  if (close < 0) {
    // `<styleSheet .../>`: open it.
    const self = new RegExp(`<${escapeRe(prefix)}styleSheet\\b[^>]*/>`).exec(xml);
    if (!self) throw new Error("styles.xml has no closing </styleSheet>");
    return xml.slice(0, self.index) + self[0].slice(0, -2) + ">" + element + `</${prefix}styleSheet>` + xml.slice(self.index + self[0].length);
  }
  return xml.slice(0, close) + element + xml.slice(close);
}
