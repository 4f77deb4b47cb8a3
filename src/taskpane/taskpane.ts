/**
 * Placeholder task pane: says in both languages whether it runs inside Excel. The real task
 * pane replaces this file; the page also hosts the custom functions (shared runtime).
 */
import type { Localized } from "../core/i18n";

const TEXTS = {
  ready: {
    "nb-NO": "KBR budsjett er klar: bruk =KBR.SPLIT og =KBR.RESOURCE_SHARE i cellene.",
    "en-US": "KBR budget is ready: use =KBR.SPLIT and =KBR.RESOURCE_SHARE in cells.",
  },
  notInExcel: {
    "nb-NO": "Åpne denne siden fra tillegget KBR budsjett i Excel.",
    "en-US": "Open this page from the KBR budget add-in in Excel.",
  },
} satisfies Record<string, Localized>;

function show(key: keyof typeof TEXTS): void {
  const status = document.getElementById("status");
  // Both languages on one line: the page cannot know the user's language outside Excel.
  if (status) status.textContent = `${TEXTS[key]["nb-NO"]} / ${TEXTS[key]["en-US"]}`;
}

if (typeof Office === "undefined") {
  // office.js did not load (offline, blocked): this is not Excel.
  show("notInExcel");
} else {
  Office.onReady((info) => show(info.host ? "ready" : "notInExcel")).catch(() => show("notInExcel"));
}
