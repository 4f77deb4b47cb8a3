/**
 * Stable anchors for users: workbook-level defined names that point at the totals of the
 * generated sheets, so a user's formula can say `=KBR_BIDRAG_TOTALT` instead of a cell address
 * that moves when the number of municipalities or cost lines changes. The sheet plans carry them
 * as data (SheetPlan.names); both adapters write them and move them in place on a rebuild.
 * ASCII only, so the names are the same in every Excel language.
 */

/** Every anchor starts with this (the markers, KBR_GENERERT_*, are not anchors). */
export const ANCHOR_PREFIX = "KBR_";

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

const ANCHOR_PATTERN = /^KBR_(BIDRAG_([0-9]{4}|TOTALT)|KOSTNADER_TOTALT|FINANSIERING_TOTALT)$/i;

/** True for a name this add-in writes as an anchor (so a rebuild may move or remove it). */
export function isAnchorName(name: string): boolean {
  return ANCHOR_PATTERN.test(name);
}
