/**
 * Small XML helpers of the package model: an element walk over a whole text or a stream of
 * chunks (saxes, no DOM), and escaping for the XML the package writes itself.
 * Names are given without their namespace prefix (`x:c` → `c`): writers differ in prefixes,
 * never in local names, and the parts read here have one namespace that matters.
 */
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  open?: (name: string, attrs: Record<string, string>) => void;
  close?: (name: string) => void;
  text?: (text: string) => void;
}

/** Strips a namespace prefix. */
function localName(qname: string): string {
  const i = qname.indexOf(":");
  return i < 0 ? qname : qname.slice(i + 1);
}

/** Attribute by local name (`r:id` and `id` differ: pass the exact qualified name when it matters). */
export function attr(attrs: Record<string, string>, name: string): string | undefined {
  if (name in attrs) return attrs[name];
  for (const k in attrs) if (localName(k) === name && !k.startsWith("xmlns")) return attrs[k];
  return undefined;
}

/** Thrown for malformed XML; the package layer names the part in the user's language. */
export class XmlError extends Error {
  constructor(readonly detail: string) {
    super(`xml: ${detail}`);
    this.name = "XmlError";
  }
}

/**
 * A push parser: write() chunks, then close(). Text events give decoded text (entities
 * resolved). With `capture`, text is delivered only while capture(true) is in force: saxes
 * gathers a text node whole before handing it over, so a sheet of 500 MB of whitespace would
 * be one 500 MB string; without a handler it gathers nothing.
 */
export function xmlParser(h: XmlHandlers): { write(chunk: string): void; close(): void; capture(on: boolean): void } {
  const p = new SaxesParser({ position: false });
  p.on("error", (e) => {
    throw new XmlError(e.message);
  });
  if (h.open) {
    const open = h.open;
    p.on("opentag", (node) => open(localName(node.name), node.attributes as Record<string, string>));
  }
  if (h.close) {
    const close = h.close;
    p.on("closetag", (node) => close(localName(node.name)));
  }
  let capturing = false;
  const capture = (on: boolean) => {
    if (!h.text || on === capturing) return;
    capturing = on;
    if (on) {
      p.on("text", h.text);
      p.on("cdata", h.text);
    } else {
      p.off("text");
      p.off("cdata");
    }
  };
  return {
    write: (chunk) => void p.write(chunk),
    close: () => void p.close(),
    capture,
  };
}

/** Walks a whole XML text. */
export function walkXml(text: string, h: XmlHandlers): void {
  const p = xmlParser(h);
  p.capture(true);
  p.write(text);
  p.close();
}

/** Escapes attribute values (and text): &, <, >, " and ' (so either quote may delimit the value). */
export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** Escapes a text (an element prefix or name) for use inside a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Element text needs only &, < and > escaped (keeps `'Sheet'!$A$1` readable in the file). */
export function escapeText(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeXml(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, "&");
}

/** Attributes of one start tag, unescaped. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[3] ?? m[4] ?? "");
  return out;
}

// Characters XML 1.0 cannot hold; OOXML writes them as _xHHHH_ (ST_Xstring, ECMA-376 22.9.2.19).
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/**
 * A text as OOXML stores it: characters XML cannot hold as `_xHHHH_`, a literal `_xHHHH_` in the
 * text guarded by escaping its underscore (`_x005F_`), so a reader gets the text back unchanged.
 * Not yet escaped for XML: see ooxmlText and ooxmlAttr.
 */
function ooxmlString(s: string): string {
  return s
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1")
    .replace(INVALID_XML, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

/** A text for element content of any part the writer makes (cells, chart texts, titles). */
export function ooxmlText(s: string): string {
  return escapeText(ooxmlString(s));
}

/** A text for an attribute value of any part the writer makes (table and column names). */
export function ooxmlAttr(s: string): string {
  return escapeXml(ooxmlString(s));
}
