/**
 * Stable anchors for users: workbook-level defined names that point at the totals of the
 * generated sheets, so a user's formula can say `=KBR_BIDRAG_TOTALT` instead of a cell address
 * that moves when the number of municipalities or cost lines changes. The sheet plans carry them
 * as data (SheetPlan.names); both adapters write them and move them in place on a rebuild.
 * ASCII only, so the names are the same in every Excel language.
 */

/** Every anchor starts with this (the markers, KBR_GENERERT_*, are not anchors). */
const ANCHOR_PREFIX = "KBR_";

export const ANCHORS = {
  /** Direct contribution of all municipalities in one year (Kommunebidrag, totals row). */
  contributionYear: (year: string): string => `KBR_BIDRAG_${year}`,
  /** Direct contribution over all years (Kommunebidrag, totals row, Sum column). */
  contributionTotal: "KBR_BIDRAG_TOTALT",
  /** All costs over all years (Budsjett, "Sum kostnader", Sum column). */
  costsTotal: "KBR_KOSTNADER_TOTALT",
  /** All financing over all years (Finansieringsplan, "Sum finansiering", Sum column). */
  financingTotal: "KBR_FINANSIERING_TOTALT",
} as const;

/**
 * The name of our chart on a generated sheet (the drawing's `cNvPr` name, Excel's chart name):
 * both adapters write it, and a rebuild removes only the charts named with the prefix, so a
 * user's chart on the sheet stays.
 */
export const chartName = (sheet: string): string => `${ANCHOR_PREFIX}DIAGRAM_${sheet.replace(/[^A-Za-z0-9_]/g, "_")}`;
/** True for a chart of ours (see chartName); any other chart on a generated sheet is the user's. */
export const isOurChart = (name: string): boolean => name.toUpperCase().startsWith(ANCHOR_PREFIX);

const ANCHOR_PATTERN = /^KBR_(BIDRAG_([0-9]{4}|TOTALT)|KOSTNADER_TOTALT|FINANSIERING_TOTALT)$/i;

/** True for a name this add-in writes as an anchor (so a rebuild may move or remove it). */
export function isAnchorName(name: string): boolean {
  return ANCHOR_PATTERN.test(name);
}
