/**
 * The task pane's DOM helpers: plain DOM, no framework. Every panel builds its elements with
 * `h`, so workbook text (table names, municipality names, finding messages) only ever goes
 * through text nodes, never innerHTML. Also here: the Fluent-style icons, message bars and
 * cards the panels share, and how an adapter's refusal is shown in the user's language.
 */
import type { Locale } from "../core/i18n";

export type Child = Node | string | null | undefined | false;
type Attrs = Record<string, string | boolean | undefined>;

/** The HTML lang attribute of a locale. */
export function htmlLang(locale: Locale): string {
  return locale === "nb-NO" ? "nb" : "en";
}

/** Creates an element; string children become text nodes (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

export const SVG_NS = "http://www.w3.org/2000/svg";

/** Fluent-style 16 px icons drawn as paths (no icon font, nothing fetched). */
type IconKind = "error" | "warning" | "success" | "info" | "missing" | "pending" | "active" | "chevron";

const ICON_PATHS: Record<IconKind, string> = {
  info: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm-.5 6v4.5h1V7h-1ZM8 4.25a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5Z",
  error: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.15 4.15L8 7.29 5.85 5.15l-.7.7L7.29 8l-2.14 2.15.7.7L8 8.71l2.15 2.14.7-.7L8.71 8l2.14-2.15-.7-.7Z",
  warning: "M7.13 1.5a1 1 0 0 1 1.74 0l6.5 11.5A1 1 0 0 1 14.5 14.5h-13a1 1 0 0 1-.87-1.5l6.5-11.5ZM7.5 5.5v4.5h1V5.5h-1Zm.5 6a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5Z",
  success: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm2.65 4.65L7 9.29 5.35 7.65l-.7.7L7 10.71l4.35-4.36-.7-.7Z",
  missing: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1a6 6 0 1 0 0 12A6 6 0 0 0 8 2Zm-3 5.5h6v1H5v-1Z",
  pending: "M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1Zm0 1a6 6 0 1 0 0 12A6 6 0 0 0 8 2Z",
  active: "M8 1a7 7 0 0 1 7 7h-1.5A5.5 5.5 0 0 0 8 2.5V1Z",
  chevron: "M3.65 5.65a.5.5 0 0 1 .7 0L8 9.29l3.65-3.64a.5.5 0 0 1 .7.7l-4 4a.5.5 0 0 1-.7 0l-4-4a.5.5 0 0 1 0-.7Z",
};

export function icon(kind: IconKind): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("viewBox", "0 0 16 16");
  svg.setAttribute("width", "16");
  svg.setAttribute("height", "16");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  svg.setAttribute("class", `icon icon-${kind}`);
  const path = document.createElementNS(SVG_NS, "path");
  path.setAttribute("d", ICON_PATHS[kind]);
  path.setAttribute("fill", "currentColor");
  path.setAttribute("fill-rule", "evenodd");
  svg.appendChild(path);
  return svg;
}

/**
 * A card of a tab: a section labelled by its heading, an intro line, then its content. `action`
 * (e.g. a refresh button) stands beside the heading.
 */
export function card(id: string, title: string, intro: string, action: Child, ...content: Child[]): HTMLElement {
  const heading = h("h2", { id: `h-${id}` }, title);
  return h(
    "section",
    { class: "card", "aria-labelledby": `h-${id}` },
    action ? h("div", { class: "card-head" }, heading, action) : heading,
    h("p", { class: "intro" }, intro),
    ...content,
  );
}

/** A message bar, hidden until there is something to say; `status` makes screen readers announce it. */
export function messageBar(status = true): HTMLDivElement {
  return h("div", { class: "message-bar", hidden: true, role: status ? "status" : undefined });
}

type MessageKind = "info" | "success" | "error" | "warning";

/** A Fluent MessageBar-like line; role=status so screen readers hear it. */
export function setMessage(el: HTMLElement, kind: MessageKind | null, text = ""): void {
  el.replaceChildren();
  el.className = "message-bar";
  if (!kind) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.classList.add(`message-${kind}`);
  el.append(icon(kind), h("span", { class: "message-text" }, text));
}

/** The location is shown on its own line, so a message that starts with it need not repeat it. */
export function withoutPrefix(message: string, cell: string | undefined): string {
  return cell && message.startsWith(`${cell}: `) ? message.slice(cell.length + 2) : message;
}

/**
 * The adapters' refusals (WriteError of src/excel, LocalizedError of src/xlsx) carry
 * `texts: Record<Locale, string>`: show the user's language, else the plain message.
 */
export function localizedError(e: unknown, locale: Locale): string {
  const texts = (e as { texts?: Partial<Record<Locale, unknown>> } | null)?.texts;
  const t = texts?.[locale];
  if (typeof t === "string") return t;
  return e instanceof Error ? e.message : String(e);
}
