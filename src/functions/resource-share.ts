/**
 * KBR.RESOURCE_SHARE without the Office runtime: looks names up in the plan's Ressursandel
 * table (or a user's two-column table) and multiplies on the shown decimals.
 */
import type { Locale } from "../core/i18n";
import { REGION_2009 } from "../core/region2009";
import { decimalMultiply } from "../core/decimal";
import { nameKey } from "../core/names";
import { FunctionInputError } from "./errors";
import { isErrorOrDataType, messages, positionText, shown } from "./messages";
import { isOmitted } from "./split";

interface ShareRow {
  name: string;
  share: number;
  /** 1-based row in the weights range (for messages). */
  row: number;
}

/** Names match as everywhere in the product (core/names.ts): case, spaces and Unicode composition of æ, ø, å ignored. */
const normalizeName = nameKey;

const DEFAULT_TABLE: ReadonlyMap<string, ShareRow> = new Map(
  REGION_2009.map((m, i) => [normalizeName(m.name), { name: m.name, share: m.resourceShare, row: i + 1 }]),
);

/** Reads a two-column (name, share) range; rows blank in both cells are skipped (a range may be longer than the list). */
function readWeights(weights: unknown, locale: Locale): Map<string, ShareRow> {
  const rows = Array.isArray(weights) ? (weights as unknown[]) : [];
  const columns = rows.length > 0 && Array.isArray(rows[0]) ? (rows[0] as unknown[]).length : 0;
  if (columns !== 2) throw new FunctionInputError("#VALUE!", messages.weightsColumns[locale]({ columns }));
  const table = new Map<string, ShareRow>();
  rows.forEach((r, i) => {
    const [name, share] = r as unknown[];
    const row = i + 1;
    if (isOmitted(name) && isOmitted(share)) return;
    if (isOmitted(name) || (typeof name === "string" && name.trim() === "")) {
      throw new FunctionInputError("#VALUE!", messages.weightsNameBlank[locale]({ row }));
    }
    if (isErrorOrDataType(name)) throw new FunctionInputError("#VALUE!", messages.weightsNameError[locale]({ row }));
    if (typeof name !== "string") throw new FunctionInputError("#VALUE!", messages.weightsNameNotText[locale]({ row, value: shown(name, locale) }));
    if (isErrorOrDataType(share)) throw new FunctionInputError("#VALUE!", messages.weightsShareError[locale]({ row }));
    if (typeof share !== "number" || !Number.isFinite(share)) {
      throw new FunctionInputError("#VALUE!", messages.weightsShareNotNumber[locale]({ row, value: shown(share ?? "", locale) }));
    }
    if (share < 0 || share > 1) throw new FunctionInputError("#NUM!", messages.weightsShareRange[locale]({ row, value: shown(share, locale) }));
    const key = normalizeName(name);
    const earlier = table.get(key);
    if (earlier) throw new FunctionInputError("#VALUE!", messages.weightsDuplicate[locale]({ row, first: earlier.row, value: shown(name.trim(), locale) }));
    table.set(key, { name: name.trim(), share, row });
  });
  if (table.size === 0) throw new FunctionInputError("#VALUE!", messages.weightsEmpty[locale]);
  return table;
}

function knownNames(table: ReadonlyMap<string, ShareRow>): string {
  const names = [...table.values()].map((r) => r.name);
  return names.length > 10 ? `${names.slice(0, 10).join(", ")}, …` : names.join(", ");
}

/** One result cell: a number, "" for a blank name in a multi-cell range, or the error for that cell. */
export type ShareCell = number | "" | FunctionInputError;

/**
 * The cells KBR.RESOURCE_SHARE returns, in the shape of `municipality`. Argument errors
 * (amount, weights, an empty range) throw; per-name problems are returned in their cell so the
 * other names of a spilled range still show.
 */
export function computeResourceShare(municipality: unknown, amount: unknown, weights: unknown, locale: Locale): ShareCell[][] {
  let factor: number | null = null;
  if (!isOmitted(amount)) {
    if (typeof amount !== "number" || !Number.isFinite(amount)) {
      throw new FunctionInputError("#VALUE!", messages.amountNotNumber[locale]({ value: shown(amount, locale) }));
    }
    factor = amount;
  }
  const table = isOmitted(weights) ? DEFAULT_TABLE : readWeights(weights, locale);
  const grid: unknown[][] = Array.isArray(municipality)
    ? (municipality as unknown[]).map((r) => (Array.isArray(r) ? r : [r]))
    : [[municipality]];
  const single = grid.length === 1 && grid[0].length === 1;
  const onlyColumn = grid.every((r) => r.length === 1);
  return grid.map((r, i) =>
    r.map((v, j): ShareCell => {
      if (isOmitted(v) || (typeof v === "string" && v.trim() === "")) {
        return single ? new FunctionInputError("#VALUE!", messages.municipalityBlank[locale]) : "";
      }
      if (typeof v !== "string") {
        const rowAt = positionText({ axis: "row", index: i + 1 }, locale);
        const columnAt = positionText({ axis: "column", index: j + 1 }, locale);
        const at = onlyColumn ? rowAt : grid.length === 1 ? columnAt : `${rowAt}, ${columnAt}`;
        if (isErrorOrDataType(v)) return new FunctionInputError("#VALUE!", messages.municipalityError[locale]({ at }));
        return new FunctionInputError("#VALUE!", messages.municipalityNotText[locale]({ at, value: shown(v, locale) }));
      }
      const hit = table.get(normalizeName(v));
      if (!hit) return new FunctionInputError("#N/A", messages.municipalityUnknown[locale]({ value: shown(v.trim(), locale), known: knownNames(table) }));
      return factor === null ? hit.share : decimalMultiply(factor, hit.share);
    }),
  );
}
