/**
 * The one setting for where the add-in is served in production. Sources (manifest.xml, the
 * @helpurl tags) use https://localhost:3000/; a production build rewrites every such URL to
 * KBR_PUBLIC_URL. The default is a placeholder: set KBR_PUBLIC_URL before a real deployment.
 */
"use strict";

const DEV_BASE_URL = "https://localhost:3000/";
const PLACEHOLDER_PUBLIC_URL = "https://kbr-budsjett.example.no/";

/** KBR_PUBLIC_URL (or the placeholder), checked to be https and ending in "/". */
function publicBaseUrl(env = process.env) {
  const raw = (env.KBR_PUBLIC_URL || "").trim() || PLACEHOLDER_PUBLIC_URL;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`KBR_PUBLIC_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== "https:") throw new Error(`KBR_PUBLIC_URL must be https: ${raw}`);
  if (url.search || url.hash) throw new Error(`KBR_PUBLIC_URL must not have a query or fragment: ${raw}`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Replaces every https://localhost:3000 URL in `text` with the same path under `base`. */
function rewriteDevUrls(text, base) {
  const root = base.endsWith("/") ? base : `${base}/`;
  // The AppDomain is written without a trailing slash: keep that form too.
  return text.replace(/https:\/\/localhost:3000(\/?)/g, (_, slash) => (slash ? root : root.slice(0, -1)));
}

module.exports = { DEV_BASE_URL, PLACEHOLDER_PUBLIC_URL, publicBaseUrl, rewriteDevUrls };
