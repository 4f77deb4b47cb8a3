/**
 * A table the user put on a generated sheet goes with the sheet's cells when `kbr build` replaces
 * it (README, "a generated sheet's cells are the add-in's"). That is safe only while nothing
 * refers to the table by name: a formula, a defined name or another table's calculated column
 * that names it would be left pointing at nothing (Excel repairs such a file by removing them).
 * So before anything is written, the tables on the sheets to be replaced are looked up, and the
 * build is refused (exit 2) when the rest of the workbook names one of them.
 *
 * Whether a formula refers to a table is core's rule (`refersToTable`, the one the task pane's
 * rebuild uses too), so both hosts refuse alike; this file only finds the formulas in the package.
 * Worksheets are scanned as a stream of their `<f>` elements, so a large sheet costs its reading
 * time and no more memory than one chunk.
 */
import { both, say } from "../../core/i18n";
import { refersToTable } from "../../core/workbook/ownership";
import { RT } from "../package/constants";
import type { Package, Relationship } from "../package/types";
import { attributes, unescapeXml } from "../package/xml";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import type { WorkbookXml } from "./workbookXml";

/** A table on a sheet about to be replaced. */
interface DroppedTable {
  name: string;
  sheet: string;
}

type Referrer = { kind: "sheet" | "name" | "table"; name: string };

/** The first table of `tables` that `formula` refers to (core's rule). */
function named(tables: readonly DroppedTable[], formula: string): DroppedTable | undefined {
  return tables.find((t) => refersToTable(formula, t.name));
}

async function tablesOf(pkg: Package, sheetPart: string): Promise<{ part: string; xml: string }[]> {
  const out: { part: string; xml: string }[] = [];
  for (const r of await pkg.rels(sheetPart)) {
    if (r.type !== RT.table || r.targetMode === "External") continue;
    const part = pkg.resolve(sheetPart, r.target);
    if (pkg.has(part)) out.push({ part, xml: await pkg.readText(part) });
  }
  return out;
}

const CARRY = 9000;

/** Calls `each` with the text of every `<f>` of a worksheet part, streamed; stops when it returns true. */
async function eachFormula(pkg: Package, part: string, each: (text: string) => boolean): Promise<boolean> {
  let carry = "";
  let found = false;
  // `<f>text</f>`, or a shared formula's follower `<f t="shared" si="0"/>` (no text).
  const F = /<(?:[\w.-]+:)?f(?:\s[^>]*?)?(?:\/>|>([^<]*)<\/(?:[\w.-]+:)?f>)/g;
  await pkg.streamText(part, (chunk) => {
    const text = carry + chunk;
    let end = 0;
    for (const m of text.matchAll(F)) {
      end = m.index + m[0].length;
      if (m[1] && each(unescapeXml(m[1]))) {
        found = true;
        return false;
      }
    }
    // What follows the last whole formula may begin one the chunk's end cut; a formula is at most
    // 8 192 characters, so its element starts within the last CARRY characters (linear time).
    const rest = text.slice(end);
    carry = rest.length > CARRY ? rest.slice(-CARRY) : rest;
    return true;
  });
  return found;
}

/**
 * Refuses (a LocalizedError, exit 2) when a table on one of the sheets `replaced` (part → sheet
 * name) is named by a formula of another sheet, a defined name or another table's formulas.
 */
export async function refuseReferencedTables(pkg: Package, wbPart: string, wb: WorkbookXml, wbRels: readonly Relationship[], replaced: ReadonlyMap<string, string>): Promise<void> {
  const dropped: DroppedTable[] = [];
  for (const [part, sheet] of replaced) {
    for (const t of await tablesOf(pkg, part)) {
      const tag = /<(?:[\w.-]+:)?table\b[^>]*>/.exec(t.xml);
      const a = tag ? attributes(tag[0]) : {};
      const name = a.displayName ?? a.name;
      if (name) dropped.push({ name, sheet });
    }
  }
  if (dropped.length === 0) return;

  const refuse = (t: DroppedTable, by: Referrer): never => {
    const texts = both(XLSX_MESSAGES.tableOnGeneratedSheet, { table: t.name, sheet: t.sheet, where: "" });
    for (const locale of Object.keys(texts) as (keyof typeof texts)[]) {
      texts[locale] = say(XLSX_MESSAGES.tableOnGeneratedSheet, locale, { table: t.name, sheet: t.sheet, where: say(XLSX_MESSAGES.tableReferrer, locale, by) });
    }
    throw new LocalizedError(texts, 2);
  };

  for (const n of wb.definedNames()) {
    const t = named(dropped, n.text);
    if (t) refuse(t, { kind: "name", name: n.name });
  }
  for (const s of wb.sheets()) {
    const rel = wbRels.find((r) => r.id === s.rid);
    if (!rel || rel.type !== RT.worksheet || rel.targetMode === "External") continue;
    const part = pkg.resolve(wbPart, rel.target);
    if (replaced.has(part) || !pkg.has(part)) continue;
    let hit: DroppedTable | undefined;
    if (await eachFormula(pkg, part, (f) => (hit = named(dropped, f)) !== undefined)) refuse(hit!, { kind: "sheet", name: s.name });
    for (const t of await tablesOf(pkg, part)) {
      const own = attributes(/<(?:[\w.-]+:)?table\b[^>]*>/.exec(t.xml)?.[0] ?? "");
      const formulas = [...t.xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?(?:calculatedColumnFormula|totalsRowFormula)\\b[^>]*>([^<]*)<`, "g"))].map((m) => unescapeXml(m[1]));
      for (const f of formulas) {
        const d = named(dropped, f);
        if (d) refuse(d, { kind: "table", name: own.displayName ?? own.name ?? t.part });
      }
    }
  }
}
