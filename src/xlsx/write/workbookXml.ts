/**
 * Text edits of `xl/workbook.xml`, `docProps/app.xml` and `xl/calcChain.xml` for the package
 * writer: the sheets list, defined names and calcPr are found with narrow patterns and spliced,
 * so everything else in these parts (the user's names, views, pivot caches, extensions) stays
 * byte for byte as it was. Pure functions of text.
 */
import { foldName } from "../../core/names";
import { attributes, escapeRe, escapeText, escapeXml, unescapeXml } from "../package/xml";
import { NS } from "../package/constants";

/** The element prefix of the root (`x:` in `<x:workbook>`, "" for the default namespace). */
function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}(?=[\\s>/])`).exec(xml);
  if (!m) throw new Error(`no <${local}> element`);
  return m[1] ?? "";
}

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** Relationship id of the sheet's part in the workbook's rels. */
  rid: string;
  /** The `<sheet>` tag as written. */
  tag: string;
}

export interface DefinedName {
  name: string;
  /** 0-based index into the sheets list, for a name local to one sheet. */
  localSheetId?: number;
  /** The formula, unescaped (`'Budsjett'!$A$1`). */
  text: string;
  /** The element as written. */
  element: string;
}

/** A defined name to add. */
export interface NewName {
  name: string;
  localSheetId?: number;
  text: string;
}

/** Elements of CT_Workbook after `definedNames`, in schema order: new elements go before the first present. */
const AFTER_DEFINED_NAMES = ["calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"];
const AFTER_CALC_PR = AFTER_DEFINED_NAMES.slice(1);

/** workbook.xml as text, with the edits the build makes. */
export class WorkbookXml {
  private readonly p: string;
  /** The prefix the root binds to the relationships namespace (`r`). */
  private readonly rp: string;

  constructor(public xml: string) {
    this.p = rootPrefix(xml, "workbook");
    const root = new RegExp(`<${escapeRe(this.p)}workbook\\b[^>]*>`).exec(xml)![0];
    const bound = /\sxmlns:([\w.-]+)\s*=\s*"([^"]*)"/g;
    let rp = "";
    for (const m of root.matchAll(bound)) if (m[2] === NS.rel) rp = m[1];
    if (!rp) {
      // Declare it on the root, so new <sheet> tags can use r:id.
      rp = "r";
      const at = root.endsWith("/>") ? root.length - 2 : root.length - 1;
      const newRoot = root.slice(0, at) + ` xmlns:r="${NS.rel}"` + root.slice(at);
      this.xml = xml.replace(root, newRoot);
    }
    this.rp = rp;
  }

  private el(local: string): RegExp {
    return new RegExp(`<${escapeRe(this.p + local)}(?=[\\s>/])`, "g");
  }

  sheets(): SheetEntry[] {
    const out: SheetEntry[] = [];
    for (const m of this.xml.matchAll(new RegExp(`<${escapeRe(this.p)}sheet(?=[\\s>/])[^>]*>`, "g"))) {
      const a = attributes(m[0]);
      out.push({ name: a.name ?? "", sheetId: Number(a.sheetId), rid: a[`${this.rp}:id`] ?? "", tag: m[0] });
    }
    return out;
  }

  /** Appends a `<sheet>` at the end of the sheets list. */
  appendSheet(name: string, sheetId: number, rid: string): void {
    const tag = `<${this.p}sheet name="${escapeXml(name)}" sheetId="${sheetId}" ${this.rp}:id="${escapeXml(rid)}"/>`;
    const close = `</${this.p}sheets>`;
    const at = this.xml.indexOf(close);
    if (at >= 0) {
      this.xml = this.xml.slice(0, at) + tag + this.xml.slice(at);
      return;
    }
    const self = new RegExp(`<${escapeRe(this.p)}sheets\\b[^>]*/>`).exec(this.xml);
    if (!self) throw new Error("workbook.xml has no <sheets>");
    this.xml = this.xml.slice(0, self.index) + self[0].slice(0, -2) + ">" + tag + close + this.xml.slice(self.index + self[0].length);
  }

  definedNames(): DefinedName[] {
    const re = new RegExp(`<${escapeRe(this.p)}definedName(?=[\\s>/])[^>]*?(?:/>|>([\\s\\S]*?)</${escapeRe(this.p)}definedName>)`, "g");
    const out: DefinedName[] = [];
    for (const m of this.xml.matchAll(re)) {
      const a = attributes(m[0].slice(0, m[0].indexOf(">") + 1));
      const local = a.localSheetId === undefined ? undefined : Number(a.localSheetId);
      out.push({ name: a.name ?? "", localSheetId: local, text: unescapeXml(m[1] ?? ""), element: m[0] });
    }
    return out;
  }

  /** Removes the defined names `drop` accepts and appends `add`. */
  editNames(drop: (n: DefinedName) => boolean, add: readonly NewName[]): void {
    for (const n of this.definedNames()) if (drop(n)) this.xml = this.xml.replace(n.element, "");
    const p = this.p;
    const added = add
      .map((n) => `<${p}definedName name="${escapeXml(n.name)}"${n.localSheetId === undefined ? "" : ` localSheetId="${n.localSheetId}"`}>${escapeText(n.text)}</${p}definedName>`)
      .join("");
    const close = `</${p}definedNames>`;
    const at = this.xml.indexOf(close);
    if (at >= 0) {
      this.xml = this.xml.slice(0, at) + added + this.xml.slice(at);
    } else {
      const self = new RegExp(`<${escapeRe(p)}definedNames\\b[^>]*/>`).exec(this.xml);
      if (self) this.xml = this.xml.slice(0, self.index) + this.xml.slice(self.index + self[0].length);
      if (added) this.insertBefore(AFTER_DEFINED_NAMES, `<${p}definedNames>${added}</${p}definedNames>`);
    }
    // An emptied list is not valid (definedName minOccurs 1): drop it.
    this.xml = this.xml.replace(new RegExp(`<${escapeRe(p)}definedNames\\b[^>]*>\\s*</${escapeRe(p)}definedNames>`), "");
  }

  /** `<calcPr fullCalcOnLoad="1">`: Excel recalculates every formula when it opens the file. */
  setFullCalcOnLoad(): void {
    const m = new RegExp(`<${escapeRe(this.p)}calcPr(?=[\\s>/])[^>]*>`).exec(this.xml);
    if (!m) {
      this.insertBefore(AFTER_CALC_PR, `<${this.p}calcPr fullCalcOnLoad="1"/>`);
      return;
    }
    const tag = m[0];
    let next: string;
    if (/\sfullCalcOnLoad\s*=/.test(tag)) next = tag.replace(/\sfullCalcOnLoad\s*=\s*("[^"]*"|'[^']*')/, ` fullCalcOnLoad="1"`);
    else {
      const at = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
      next = tag.slice(0, at).trimEnd() + ` fullCalcOnLoad="1"` + tag.slice(at);
    }
    this.xml = this.xml.slice(0, m.index) + next + this.xml.slice(m.index + tag.length);
  }

  private insertBefore(laterElements: readonly string[], element: string): void {
    let at = -1;
    for (const local of laterElements) {
      const re = this.el(local);
      const m = re.exec(this.xml);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at < 0) at = this.xml.lastIndexOf(`</${this.p}workbook>`);
    if (at < 0) throw new Error("workbook.xml has no </workbook>");
    this.xml = this.xml.slice(0, at) + element + this.xml.slice(at);
  }
}

/**
 * docProps/app.xml with `names` added to the worksheet titles: the heading pair whose titles
 * include one of `existing` (the workbook's worksheet names) gets them at its end, its count and
 * the vector size go up. Unchanged when the part has no such pair (the list is informative only).
 */
export function addSheetTitles(xml: string, existing: readonly string[], names: readonly string[]): string {
  if (names.length === 0) return xml;
  const heading = /<HeadingPairs>\s*<vt:vector\b[^>]*>([\s\S]*?)<\/vt:vector>\s*<\/HeadingPairs>/.exec(xml);
  const titles = /<TitlesOfParts>\s*(<vt:vector\b[^>]*>)([\s\S]*?)<\/vt:vector>\s*<\/TitlesOfParts>/.exec(xml);
  if (!heading || !titles) return xml;
  const variants = [...heading[1].matchAll(/<vt:variant>([\s\S]*?)<\/vt:variant>/g)].map((m) => m[1]);
  const pairs: { countMatch: RegExpExecArray | null; count: number }[] = [];
  for (let i = 0; i + 1 < variants.length; i += 2) {
    const c = /<vt:i4>(\d+)<\/vt:i4>/.exec(variants[i + 1]);
    pairs.push({ countMatch: c, count: c ? Number(c[1]) : 0 });
  }
  const lp = [...titles[2].matchAll(/<vt:lpstr>([\s\S]*?)<\/vt:lpstr>|<vt:lpstr\/>/g)].map((m) => ({ text: unescapeXml(m[1] ?? ""), end: m.index + m[0].length }));
  const known = new Set(existing.map(foldName));
  let from = 0;
  for (let k = 0; k < pairs.length; k++) {
    const group = lp.slice(from, from + pairs[k].count);
    if (group.some((t) => known.has(foldName(t.text))) && group.length === pairs[k].count && group.length > 0) {
      const insertAt = titles.index + titles[0].indexOf(titles[2]) + group[group.length - 1].end;
      const added = names.map((n) => `<vt:lpstr>${escapeText(n)}</vt:lpstr>`).join("");
      let out = xml.slice(0, insertAt) + added + xml.slice(insertAt);
      // The vector's size, then the pair's count (the heading comes before the titles in the part).
      out = out.replace(titles[1], titles[1].replace(/size="(\d+)"/, (_, s: string) => `size="${Number(s) + names.length}"`));
      let seen = -1;
      out = out.replace(/<HeadingPairs>[\s\S]*?<\/HeadingPairs>/, (hp) =>
        hp.replace(/<vt:variant>([\s\S]*?)<\/vt:variant>/g, (v) => {
          seen++;
          return seen === 2 * k + 1 ? v.replace(/<vt:i4>(\d+)<\/vt:i4>/, (_, n: string) => `<vt:i4>${Number(n) + names.length}</vt:i4>`) : v;
        }),
      );
      return out;
    }
    from += pairs[k].count;
  }
  return xml;
}

/**
 * calcChain.xml without the entries of the given sheets (by sheetId): their cells are written
 * anew, and a chain naming cells that no longer hold formulas makes Excel repair the file. An
 * entry without `i` belongs to the sheet of the entry before it, so kept entries get theirs
 * written out. Null when no entry is left (the part should go).
 */
export function dropCalcChainSheets(xml: string, sheetIds: ReadonlySet<number>): string | null {
  let current = NaN;
  let kept = 0;
  const out = xml.replace(/<c(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g, (entry) => {
    const tag = entry.slice(0, entry.indexOf(">") + 1);
    const a = attributes(tag);
    const explicit = a.i !== undefined;
    if (explicit) current = Number(a.i);
    if (sheetIds.has(current)) return "";
    kept++;
    if (explicit || Number.isNaN(current)) return entry;
    return entry.replace(/^<c/, `<c i="${current}"`);
  });
  return kept === 0 ? null : out;
}
