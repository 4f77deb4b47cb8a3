/**
 * Part-by-part comparison of two workbook packages, for the lossless-build tests.
 *
 * A package is read into a map of absolute part names (`/xl/workbook.xml`) to their unpacked
 * bytes. `comparePackages(before, after)` then says what was added, removed and changed, and
 * which of those a build may not do: a build owns only
 * - the generated sheets (found by name in workbook.xml) and every part reachable from them
 *   through relationships that nothing else reaches (their rels, drawings, charts, tables…);
 * - workbook.xml and its rels, [Content_Types].xml and docProps/app.xml, which it may edit (or
 *   add, with a new package relationship: the package rels may only gain relationships);
 * - styles.xml and sharedStrings.xml, append only: the old fonts, fills, borders, cell formats,
 *   differential formats and strings must be a prefix of the new lists, and every old number
 *   format must keep its id, so the user's cells keep their meaning.
 * Everything else must come out byte for byte, with the same content type; the user's sheets
 * keep their name, id, state and part, and the user's defined names their text.
 *
 * `checkGraph(pkg)` checks a package's relationships: every internal target exists, every part
 * is reachable from the package rels, every rels part has a source, every part has a content
 * type and no Override names a missing part, no defined name is `#REF!`.
 *
 * XML that must be compared by meaning (style lists, shared strings) is canonicalised with
 * @xmldom/xmldom: namespace + local name, sorted attributes (no xmlns), trimmed text.
 */
import * as fs from "fs";
import * as path from "path";
import JSZip from "jszip";
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";

export type Parts = Map<string, Buffer>;

const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** Parts the build may edit in place (besides the generated sheets' own parts). */
const EDITABLE = ["/xl/workbook.xml", "/xl/_rels/workbook.xml.rels", "/[Content_Types].xml", "/docProps/app.xml"];
/** Parts the build may only append to. */
const APPEND_ONLY = ["/xl/styles.xml", "/xl/sharedStrings.xml"];

/** Every part of a package (file or bytes), directories left out. */
export async function readParts(source: string | Uint8Array): Promise<Parts> {
  const zip = await JSZip.loadAsync(typeof source === "string" ? fs.readFileSync(source) : source);
  const parts: Parts = new Map();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    parts.set("/" + entry.name, await entry.async("nodebuffer"));
  }
  return parts;
}

interface Rel {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

function relsPartOf(part: string): string {
  if (part === "/") return "/_rels/.rels";
  const dir = path.posix.dirname(part);
  return `${dir === "/" ? "" : dir}/_rels/${path.posix.basename(part)}.rels`;
}

/** The source part of a rels part (`/` for the package rels), or null when it is not one. */
function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*)\/_rels\/([^/]*)\.rels$/.exec(relsPart);
  if (!m) return null;
  return m[2] === "" ? "/" : `${m[1]}/${m[2]}`;
}

function parse(xml: Buffer | string): Element {
  const doc = new DOMParser().parseFromString(xml.toString("utf8").replace(/^\uFEFF/, ""), "text/xml");
  if (!doc.documentElement) throw new Error("not XML");
  return doc.documentElement;
}

function children(e: Element, local?: string): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = e.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!local || (n as Element).localName === local)) out.push(n as Element);
  }
  return out;
}

function child(e: Element | undefined, local: string): Element | undefined {
  return e ? children(e, local)[0] : undefined;
}

function parseRels(xml: Buffer | string): Rel[] {
  return children(parse(xml), "Relationship").map((r) => ({
    id: r.getAttribute("Id") ?? "",
    type: r.getAttribute("Type") ?? "",
    target: r.getAttribute("Target") ?? "",
    external: r.getAttribute("TargetMode") === "External",
  }));
}

/** The absolute part a relationship target of `source` names (absolute or relative form). */
function resolveTarget(source: string, target: string): string {
  const t = decodeURI(target.split("#")[0]);
  if (t.startsWith("/")) return path.posix.normalize(t);
  const base = source === "/" ? "/" : path.posix.dirname(source);
  return path.posix.normalize(path.posix.join(base, t));
}

/** Case-insensitive lookup, as OPC part names are. */
function finder(parts: Parts): (name: string) => string | undefined {
  const byLower = new Map([...parts.keys()].map((k) => [k.toLowerCase(), k]));
  return (name) => byLower.get(name.toLowerCase());
}

function relsOf(parts: Parts, source: string): Rel[] {
  const find = finder(parts);
  const name = find(relsPartOf(source));
  return name ? parseRels(parts.get(name)!) : [];
}

/** The content type of each part: Override by name, else Default by extension. */
function contentTypes(parts: Parts): { of(part: string): string | undefined; overrides: Map<string, string> } {
  const types = parts.get("/[Content_Types].xml");
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  if (types) {
    const root = parse(types);
    for (const o of children(root, "Override")) overrides.set((o.getAttribute("PartName") ?? "").toLowerCase(), o.getAttribute("ContentType") ?? "");
    for (const d of children(root, "Default")) defaults.set((d.getAttribute("Extension") ?? "").toLowerCase(), d.getAttribute("ContentType") ?? "");
  }
  return {
    overrides,
    of: (part) => overrides.get(part.toLowerCase()) ?? defaults.get(path.posix.extname(part).slice(1).toLowerCase()),
  };
}

/** The main workbook part, from the package rels (openpyxl, Excel and LibreOffice all name it differently at times). */
function workbookPart(parts: Parts): string {
  const rel = relsOf(parts, "/").find((r) => r.type.endsWith("/officeDocument"));
  if (!rel) throw new Error("no officeDocument relationship");
  return resolveTarget("/", rel.target);
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  state: string;
  /** The part its r:id resolves to. */
  part: string;
}

export function sheetsOf(parts: Parts): SheetEntry[] {
  const wb = workbookPart(parts);
  const rels = new Map(relsOf(parts, wb).map((r) => [r.id, r]));
  const sheets = child(parse(parts.get(wb)!), "sheets");
  return (sheets ? children(sheets, "sheet") : []).map((s) => {
    const rel = rels.get(s.getAttributeNS(REL_NS, "id") ?? "");
    return {
      name: s.getAttribute("name") ?? "",
      sheetId: s.getAttribute("sheetId") ?? "",
      state: s.getAttribute("state") || "visible",
      part: rel ? resolveTarget(wb, rel.target) : "(no relationship)",
    };
  });
}

interface DefinedName {
  name: string;
  /** The sheet it is scoped to, by name (localSheetId is an index and shifts when sheets are added). */
  scope: string | null;
  text: string;
}

function definedNamesOf(parts: Parts): DefinedName[] {
  const wb = workbookPart(parts);
  const root = parse(parts.get(wb)!);
  const sheets = sheetsOf(parts);
  const names = child(root, "definedNames");
  return (names ? children(names, "definedName") : []).map((d) => {
    const local = d.getAttribute("localSheetId");
    return { name: d.getAttribute("name") ?? "", scope: local === null || local === "" ? null : (sheets[Number(local)]?.name ?? `#${local}`), text: d.textContent ?? "" };
  });
}

/** Every part reachable from `from` through internal relationships (from included). */
function reach(parts: Parts, from: string[], stopAt: Set<string> = new Set()): Set<string> {
  const find = finder(parts);
  const seen = new Set<string>();
  const todo = [...from];
  while (todo.length) {
    const p = todo.pop()!;
    if (seen.has(p) || stopAt.has(p)) continue;
    seen.add(p);
    const relsName = find(relsPartOf(p));
    if (!relsName) continue;
    seen.add(relsName);
    for (const r of parseRels(parts.get(relsName)!)) {
      if (r.external) continue;
      const t = find(resolveTarget(p, r.target));
      if (t) todo.push(t);
    }
  }
  return seen;
}

/**
 * The parts a build owns in `parts`: the generated sheets' parts and whatever only they reach
 * (their rels parts included). A part the user's side also reaches is not owned.
 */
function ownedParts(parts: Parts, generatedSheets: readonly string[]): Set<string> {
  const sheetParts = generatedSheetParts(parts, generatedSheets);
  const fromGenerated = reach(parts, sheetParts);
  const fromUser = userParts(parts, generatedSheets);
  return new Set([...fromGenerated].filter((p) => !fromUser.has(p)));
}

function generatedSheetParts(parts: Parts, generatedSheets: readonly string[]): string[] {
  const wanted = new Set(generatedSheets.map((s) => s.toLowerCase()));
  return sheetsOf(parts)
    .filter((s) => wanted.has(s.name.toLowerCase()))
    .map((s) => s.part)
    .filter((p) => parts.has(p));
}

/** The parts reachable from the package rels without passing through a generated sheet. */
function userParts(parts: Parts, generatedSheets: readonly string[]): Set<string> {
  return reach(parts, ["/"], new Set(generatedSheetParts(parts, generatedSheets)));
}

// --- Canonical XML, for append-only checks.

function canonical(n: Node): string {
  if (n.nodeType === 3 || n.nodeType === 4) return (n.nodeValue ?? "").trim();
  if (n.nodeType !== 1) return "";
  const e = n as Element;
  const attrs: string[] = [];
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes.item(i)!;
    if (a.name === "xmlns" || a.name.startsWith("xmlns:")) continue;
    attrs.push(`{${a.namespaceURI ?? ""}}${a.localName}=${JSON.stringify(a.value)}`);
  }
  attrs.sort();
  let inner = "";
  for (let c: Node | null = e.firstChild; c; c = c.nextSibling) inner += canonical(c);
  return `<{${e.namespaceURI ?? ""}}${e.localName} ${attrs.join(" ")}>${inner}</>`;
}

function listOf(root: Element, container: string, item: string): string[] {
  const c = child(root, container);
  return c ? children(c, item).map(canonical) : [];
}

function isPrefix(old: string[], now: string[]): number {
  for (let i = 0; i < old.length; i++) if (old[i] !== now[i]) return i;
  return -1;
}

/** Why `after` is not `before` with things appended to it ([] when it is). */
function stylesAppendOnly(before: Buffer, after: Buffer): string[] {
  const a = parse(before);
  const b = parse(after);
  const problems: string[] = [];
  for (const [container, item] of [["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellStyleXfs", "xf"], ["cellXfs", "xf"], ["dxfs", "dxf"]] as const) {
    const at = isPrefix(listOf(a, container, item), listOf(b, container, item));
    if (at >= 0) problems.push(`styles.xml: ${container}[${at}] changed or removed (old entries must stay a prefix)`);
  }
  const fmts = (root: Element) => new Map((child(root, "numFmts") ? children(child(root, "numFmts")!, "numFmt") : []).map((f) => [f.getAttribute("numFmtId"), f.getAttribute("formatCode")]));
  const newFmts = fmts(b);
  for (const [id, code] of fmts(a)) if (newFmts.get(id) !== code) problems.push(`styles.xml: numFmt ${id} (${code}) changed or removed`);
  return problems;
}

function sharedStringsAppendOnly(before: Buffer, after: Buffer): string[] {
  const old = children(parse(before), "si").map(canonical);
  const now = children(parse(after), "si").map(canonical);
  const at = isPrefix(old, now);
  return at >= 0 ? [`sharedStrings.xml: string ${at} changed or removed (old strings must stay a prefix)`] : [];
}

export interface Comparison {
  added: string[];
  removed: string[];
  changed: string[];
  /** Parts the build owns in either package. */
  owned: string[];
  /** Everything the build was not allowed to do; [] when the build kept the user's package. */
  violations: string[];
}

/** What happened between `before` and `after` and which of it breaks the lossless rule. */
export function comparePackages(before: Parts, after: Parts, generatedSheets: readonly string[]): Comparison {
  const added = [...after.keys()].filter((p) => !before.has(p)).sort();
  const removed = [...before.keys()].filter((p) => !after.has(p)).sort();
  const changed = [...before.keys()].filter((p) => after.has(p) && !before.get(p)!.equals(after.get(p)!)).sort();
  // A part that was the user's in `before` never becomes the build's, even if only a generated
  // sheet reaches it afterwards (a user's chart overwritten by a generated one under its name).
  const userBefore = userParts(before, generatedSheets);
  const owned = new Set([...ownedParts(before, generatedSheets), ...ownedParts(after, generatedSheets)].filter((p) => !userBefore.has(p)));
  const violations: string[] = [];
  const wbBefore = workbookPart(before);
  const editable = new Set([...EDITABLE, wbBefore, relsPartOf(wbBefore)]);
  for (const p of removed) if (!owned.has(p)) violations.push(`removed: ${p}`);
  for (const p of changed) {
    if (owned.has(p) || editable.has(p)) continue;
    if (p === "/_rels/.rels") {
      // Only to add a relationship (docProps/app.xml when the input had none): the old ones stay.
      const now = parseRels(after.get(p)!).map((r) => JSON.stringify(r));
      for (const r of parseRels(before.get(p)!)) if (!now.includes(JSON.stringify(r))) violations.push(`package relationship changed or removed (/_rels/.rels): ${r.id} ${r.type} ${r.target}`);
      continue;
    }
    if (APPEND_ONLY.includes(p)) {
      violations.push(...(p.endsWith("styles.xml") ? stylesAppendOnly : sharedStringsAppendOnly)(before.get(p)!, after.get(p)!));
      continue;
    }
    violations.push(`changed: ${p}`);
  }
  // A part the build may edit may also be added when the input had none (app.xml, sharedStrings.xml).
  for (const p of added) if (!owned.has(p) && !EDITABLE.includes(p) && !APPEND_ONLY.includes(p)) violations.push(`added, not a generated sheet's part: ${p}`);

  // Content types of every part kept must stay (a .xlsm's workbook stays macro-enabled).
  const ctBefore = contentTypes(before);
  const ctAfter = contentTypes(after);
  for (const p of before.keys()) {
    if (!after.has(p) || p === "/[Content_Types].xml" || owned.has(p)) continue;
    const was = ctBefore.of(p);
    const is = ctAfter.of(p);
    if (was !== is) violations.push(`content type of ${p}: ${was} -> ${is}`);
  }

  // The user's sheets and names, by meaning (workbook.xml itself may be edited).
  const generated = new Set(generatedSheets.map((s) => s.toLowerCase()));
  const sheetsAfter = new Map(sheetsOf(after).map((s) => [s.name, s]));
  for (const s of sheetsOf(before)) {
    if (generated.has(s.name.toLowerCase())) continue;
    const now = sheetsAfter.get(s.name);
    if (!now) violations.push(`sheet ${s.name} is gone from workbook.xml`);
    else if (now.sheetId !== s.sheetId || now.state !== s.state || now.part !== s.part) {
      violations.push(`sheet ${s.name}: ${JSON.stringify(s)} -> ${JSON.stringify(now)}`);
    }
  }
  const namesAfter = definedNamesOf(after);
  for (const d of definedNamesOf(before)) {
    if (/^_?KBR_/i.test(d.name)) continue;
    if (!namesAfter.some((n) => n.name === d.name && n.scope === d.scope && n.text === d.text)) {
      violations.push(`defined name ${d.name}${d.scope ? ` (${d.scope})` : ""} = ${d.text} changed or removed`);
    }
  }
  // The workbook's other relationships (VBA project, external links, persons, pivot caches…) keep their targets.
  const relKey = (parts: Parts, r: Rel) => `${r.type} ${r.external ? r.target : resolveTarget(workbookPart(parts), r.target)}`;
  const relsAfter = new Set(relsOf(after, workbookPart(after)).map((r) => relKey(after, r)));
  for (const r of relsOf(before, wbBefore)) {
    const key = relKey(before, r);
    const target = r.external ? null : resolveTarget(wbBefore, r.target);
    if (target && owned.has(target)) continue;
    if (!relsAfter.has(key)) violations.push(`workbook relationship lost: ${key}`);
  }
  return { added, removed, changed, owned: [...owned].sort(), violations };
}

/** Relationship graph problems of one package ([] when it is sound). */
export function checkGraph(parts: Parts): string[] {
  const problems: string[] = [];
  const find = finder(parts);
  for (const relsName of [...parts.keys()].filter((p) => p.endsWith(".rels"))) {
    const source = sourceOfRels(relsName);
    if (source === null) {
      problems.push(`${relsName} is not in a _rels folder`);
      continue;
    }
    if (source !== "/" && !find(source)) problems.push(`orphan rels part ${relsName}: no part ${source}`);
    let rels: Rel[];
    try {
      rels = parseRels(parts.get(relsName)!);
    } catch {
      problems.push(`${relsName} is not XML`);
      continue;
    }
    const ids = new Set<string>();
    for (const r of rels) {
      if (ids.has(r.id)) problems.push(`${relsName}: duplicate relationship id ${r.id}`);
      ids.add(r.id);
      if (r.external) continue;
      const target = resolveTarget(source, r.target);
      if (!find(target)) problems.push(`dangling relationship ${relsName} ${r.id} -> ${target}`);
    }
  }
  const reachable = reach(parts, ["/"]);
  for (const p of parts.keys()) {
    if (p === "/[Content_Types].xml" || p === "/_rels/.rels" || reachable.has(p)) continue;
    problems.push(`orphan part ${p} (no relationship reaches it)`);
  }
  const ct = contentTypes(parts);
  for (const p of parts.keys()) {
    if (p === "/[Content_Types].xml" || p.endsWith(".rels")) continue;
    if (!ct.of(p)) problems.push(`no content type for ${p}`);
  }
  for (const o of ct.overrides.keys()) if (!find(o)) problems.push(`content type Override for missing part ${o}`);
  // Every sheet in workbook.xml resolves to a part, and no defined name lost its target.
  for (const s of sheetsOf(parts)) if (!find(s.part)) problems.push(`sheet ${s.name} points at missing part ${s.part}`);
  for (const d of definedNamesOf(parts)) if (d.text.includes("#REF!")) problems.push(`defined name ${d.name} is ${d.text}`);
  return problems;
}

/** The main content type of the workbook part. */
export function workbookContentType(parts: Parts): string | undefined {
  return contentTypes(parts).of(workbookPart(parts));
}
