/**
 * The seven municipalities of Kongsbergregionen as the council's 2009 project plan lists them:
 * population on 1 January 2008 and Ressursandel (the share of the joint staff resource each
 * provides, "inntil"). Embedded default data for KBR.RESOURCE_SHARE, the example workbook and tests.
 */

export interface Municipality2009 {
  name: string;
  /** Innbyggere 1.1.2008. */
  population: number;
  /** Ressursandel as a fraction (0.15 = 15 %). */
  resourceShare: number;
}

/** In the plan's order; the shares add up to 1 (10+15+20+25+10+10+10 %). */
export const REGION_2009: readonly Readonly<Municipality2009>[] = Object.freeze([
  { name: "Hjartdal", population: 1619, resourceShare: 0.1 },
  { name: "Tinn", population: 6066, resourceShare: 0.15 },
  { name: "Notodden", population: 12232, resourceShare: 0.2 },
  { name: "Kongsberg", population: 23997, resourceShare: 0.25 },
  { name: "Flesberg", population: 2521, resourceShare: 0.1 },
  { name: "Rollag", population: 1419, resourceShare: 0.1 },
  { name: "Nore og Uvdal", population: 2534, resourceShare: 0.1 },
]);

/** The plan's yearly direct contribution from the municipalities (kr), split 50 % equally. */
export const DIRECT_CONTRIBUTION_2009 = 500_000;

/** The plan's Totalt column (kr/year), in the order of REGION_2009: what SPLIT must reproduce. */
export const PLAN_TOTALS_2009: readonly number[] = Object.freeze([43747, 65811, 96403, 154775, 48222, 42755, 48287]);
