/**
 * A generated sheet's drawing part on a rebuild: the user's anchors (charts, pictures, shapes
 * they put on the sheet) stay, only our chart's anchor goes, and the new one takes its place.
 *
 * Design: the drawing part (small) is cut into its top-level children, the anchors of `wsDr`,
 * by a tokenizer that tracks depth (no DOM: every byte of a kept anchor is carried as written,
 * so a second rebuild changes nothing more). An anchor is ours when its `cNvPr` name is one of
 * ours (anchors.ts `isOurChart`, the task pane's rule), or, for a workbook built before our
 * charts had that name, when it is named "Diagram 1" and its chart has our fixed axis ids. The
 * relationships only our anchors refer to are dropped; the caller removes the parts they reach
 * unless something else reaches them.
 */
import { isOurChart } from "../../core/workbook/anchors";
import { attributes, walkXml } from "../package/xml";
import { NS } from "../package/constants";

/** One top-level child of the drawing's root: where it stands in the text. */
interface Child {
  start: number;
  end: number;
}

/** A drawing cut at our anchors: what stays, and the relationships our anchors alone used. */
export interface KeptDrawing {
  /** The text before where our chart goes (the place of our old anchor, else the end of the root). */
  head: string;
  tail: string;
  /** How many anchors of the user's stay. */
  userAnchors: number;
  /** Relationship ids only the removed anchors referred to. */
  droppedRids: Set<string>;
  /** The largest `cNvPr` id that stays (a new anchor takes a larger one). */
  maxId: number;
  /** Whether the root binds xdr and a as our anchor writes them. */
  prefixesBound: boolean;
}

const TOKEN = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>|<(\/?)[\w.:-]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(\/?)>/g;

/** The root's start tag and close, and its element children. */
function children(xml: string): { rootTag: string; rootClose: number; kids: Child[] } {
  let depth = 0;
  let rootTag = "";
  let rootClose = -1;
  let start = -1;
  const kids: Child[] = [];
  for (const m of xml.matchAll(TOKEN)) {
    const t = m[0];
    if (t.startsWith("<!") || t.startsWith("<?")) continue;
    const at = m.index;
    if (m[1] === "/") {
      depth--;
      if (depth === 1) kids.push({ start, end: at + t.length });
      else if (depth === 0) {
        rootClose = at;
        break;
      }
    } else if (m[2] === "/") {
      if (depth === 1) kids.push({ start: at, end: at + t.length });
    } else {
      if (depth === 0) rootTag = t;
      else if (depth === 1) start = at;
      depth++;
    }
  }
  if (rootClose < 0) throw new Error("drawing: no closing root tag");
  return { rootTag, rootClose, kids };
}

/** The first `cNvPr` of an anchor: its id and name (Excel's object id and name). */
function cNvPr(anchor: string): { id: number; name: string } | null {
  const m = /<(?:[\w.-]+:)?cNvPr\b[^>]*>/.exec(anchor);
  if (!m) return null;
  const a = attributes(m[0]);
  return { id: Number(a.id), name: a.name ?? "" };
}

/** The relationship ids among `ids` that an attribute of `text` names. */
function ridsIn(text: string, ids: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\s[\w.:-]+\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    const v = m[1] ?? m[2] ?? "";
    if (ids.has(v)) out.add(v);
  }
  return out;
}

/** The chart relationship id of a graphic frame anchor, if it holds a chart. */
function chartRidOf(anchor: string): string | undefined {
  const m = /<(?:[\w.-]+:)?chart\b[^>]*>/.exec(anchor);
  return m ? Object.entries(attributes(m[0])).find(([k]) => /(^|:)id$/.test(k))?.[1] : undefined;
}

/** What our chart XML (src/xlsx/chart.ts) carries and a user's chart has no reason to. */
export function isLegacyOurChartXml(chartXml: string): boolean {
  return /<c:axId val="500100001"\/>/.test(chartXml) && /<c:axId val="500100002"\/>/.test(chartXml);
}

/** The legacy name our chart had before it was named with the prefix. */
const LEGACY_NAME = "Diagram 1";

/**
 * Cuts our anchors out of `xml`. `legacyOurs(rid)` says whether the chart of that relationship
 * is ours (isLegacyOurChartXml), asked only for an anchor with the legacy name. Malformed XML
 * throws (the caller then drops the drawing whole, as before).
 */
export async function cutOurAnchors(xml: string, relIds: ReadonlySet<string>, legacyOurs: (rid: string) => Promise<boolean>): Promise<KeptDrawing> {
  walkXml(xml, {}); // well-formed, or throws
  const { rootTag, rootClose, kids } = children(xml);
  const ours: boolean[] = [];
  for (const k of kids) {
    const text = xml.slice(k.start, k.end);
    const pr = cNvPr(text);
    let mine = pr !== null && isOurChart(pr.name);
    if (!mine && pr?.name === LEGACY_NAME) {
      const rid = chartRidOf(text);
      mine = rid !== undefined && (await legacyOurs(rid));
    }
    ours.push(mine);
  }
  const slotKid = ours.indexOf(true);
  const slot = slotKid >= 0 ? kids[slotKid].start : rootClose;
  const removed = kids.filter((_, i) => ours[i]).map((k) => xml.slice(k.start, k.end)).join("");
  // No anchor straddles the slot (an anchor's start, or the root's close).
  const head = rebuild(xml, kids, ours, 0, slot);
  const tail = rebuild(xml, kids, ours, slot, xml.length);
  const keptRids = ridsIn(head + tail, relIds);
  const droppedRids = new Set([...ridsIn(removed, relIds)].filter((r) => !keptRids.has(r)));
  // Every cNvPr that stays (a group holds several): Excel wants the ids unique in the drawing.
  let maxId = 0;
  for (const m of (head + tail).matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*>/g)) {
    const id = Number(attributes(m[0]).id);
    if (Number.isFinite(id)) maxId = Math.max(maxId, id);
  }
  const a = attributes(rootTag);
  const prefixesBound = a["xmlns:xdr"] === NS.spreadsheetDrawing && a["xmlns:a"] === NS.drawingMain && /^<xdr:wsDr\b/.test(rootTag);
  return { head, tail, userAnchors: ours.filter((o) => !o).length, droppedRids, maxId, prefixesBound };
}

/** The text of xml[from, to) without our anchors. */
function rebuild(xml: string, kids: readonly Child[], ours: readonly boolean[], from: number, to: number): string {
  let out = "";
  let at = from;
  kids.forEach((k, i) => {
    if (!ours[i] || k.end <= from || k.start >= to) return;
    out += xml.slice(at, k.start);
    at = k.end;
  });
  return out + xml.slice(at, to);
}
