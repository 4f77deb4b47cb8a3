/**
 * The SSB client's failures as data: a fetch that fails as a whole (no network, time-out, an HTTP
 * error, an answer too large or not JSON-stat 2) is one SsbError with a code and a message in
 * both languages, and nothing is written. Sources and choices: ./pxweb.ts's header, docs/ssb.md.
 */
import { both, type Locale } from "../i18n";
import { SSB_MESSAGES as M } from "./messages";

export type SsbErrorCode =
  | "KBR-E-SSB-NETWORK"
  | "KBR-E-SSB-TIMEOUT"
  | "KBR-E-SSB-400"
  | "KBR-E-SSB-404"
  | "KBR-E-SSB-429"
  | "KBR-E-SSB-503"
  | "KBR-E-SSB-HTTP"
  | "KBR-E-SSB-MALFORMED"
  | "KBR-E-SSB-TOO-LARGE";

/** A fetch that failed as a whole: nothing may be written. `message` is English (for logs); `messages` has both. */
export class SsbError extends Error {
  constructor(
    readonly code: SsbErrorCode,
    readonly messages: Record<Locale, string>,
    readonly details: { status?: number; retryAfterSeconds?: number | null; url?: string } = {},
  ) {
    super(messages["en-US"]);
    this.name = "SsbError";
  }
  text(locale: Locale): string {
    return this.messages[locale];
  }
}

/**
 * `Retry-After` as seconds from `now`: delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when absent or unreadable.
 * @internal
 */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  const h = (header ?? "").trim();
  if (h === "") return null;
  if (/^\d+$/.test(h)) return Number(h);
  const t = Date.parse(h);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.ceil((t - now.getTime()) / 1000));
}

/** Plain text from an answer, short and on one line, for a message (never HTML). */
export function snippet(s: unknown, max = 160): string {
  if (typeof s !== "string") return "";
  // Control characters (and every other kind of space) become one space.
  const t = [...s].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? " " : c)).join("").replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "…" : t;
}

/**
 * The SsbError for an HTTP answer that is not 200, or null for 200. `body` is the answer's text
 * (already size-bounded); 400 answers carry RFC 7807 JSON whose `title`/`detail` say why.
 */
export function errorForStatus(
  status: number,
  retryAfter: string | null,
  body: string,
  ctx: { url: string; numbers: readonly string[]; now: Date },
): SsbError | null {
  if (status >= 200 && status < 300) return null;
  const retryAfterSeconds = parseRetryAfter(retryAfter, ctx.now);
  switch (status) {
    case 400: {
      let detail: string;
      try {
        const j = JSON.parse(body) as Record<string, unknown>;
        detail = [snippet(j.title), snippet(j.detail)].filter((s) => s !== "").join(" – ");
      } catch {
        detail = snippet(body);
      }
      const numbers = ctx.numbers.length > 12 ? `${ctx.numbers.slice(0, 12).join(", ")} …` : ctx.numbers.join(", ");
      return new SsbError("KBR-E-SSB-400", both(M.badRequest, { detail, numbers: numbers || "–" }), { status, url: ctx.url });
    }
    case 404:
      return new SsbError("KBR-E-SSB-404", both(M.notFound, { url: shortUrl(ctx.url) }), { status, url: ctx.url });
    case 429:
      return new SsbError("KBR-E-SSB-429", both(M.rateLimited, { retryAfterSeconds }), { status, retryAfterSeconds, url: ctx.url });
    case 503:
      return new SsbError("KBR-E-SSB-503", both(M.unavailable, { retryAfterSeconds }), { status, retryAfterSeconds, url: ctx.url });
    default:
      return new SsbError("KBR-E-SSB-HTTP", both(M.httpStatus, { status }), { status, url: ctx.url });
  }
}

/** The address without its query (the selection), short enough for a message. */
function shortUrl(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
}

export function networkError(url: string): SsbError {
  return new SsbError("KBR-E-SSB-NETWORK", both(M.network, { url: shortUrl(url) }), { url });
}
export function timeoutError(url: string, timeoutMs: number): SsbError {
  return new SsbError("KBR-E-SSB-TIMEOUT", both(M.timeout, { seconds: Math.round(timeoutMs / 100) / 10 }), { url });
}
export function tooLargeError(url: string, limit: number): SsbError {
  return new SsbError("KBR-E-SSB-TOO-LARGE", both(M.tooLarge, { limit }), { url });
}
export function malformedError(detail: string): SsbError {
  return new SsbError("KBR-E-SSB-MALFORMED", both(M.malformed, { detail }));
}

