/**
 * Writes the generated sheets into an opened package, changing only what the build owns.
 *
 * Design (python-docx's part graph, see the package model in ../package/types): the generated
 * sheets and the parts hanging off them (drawing, chart) are written as new parts; a generated
 * sheet that exists already is replaced in place: its part name, `<sheet>` entry (name, sheetId,
 * r:id, position, state) and workbook relationship stay, so the user's formulas and names that
 * refer to it stay valid, and the parts it alone pointed at (its comments and VML, tables,
 * printer settings, our old chart, anything hanging off them) are removed with their
 * relationships, while a part that something else also points at stays. Its drawing is the
 * exception when the user put charts or pictures on the sheet: that drawing part stays with the
 * user's anchors and the parts they use, only our chart's anchor (named KBR_DIAGRAM_<sheet>,
 * ./drawing) is cut out and the new one takes its place, as the task pane keeps the user's
 * charts. Cell comments (legacy VML + comments part) go with the sheet's cells. Besides those, the write edits only: workbook.xml (sheets list, defined
 * names it owns: markers, anchors, print titles; calcPr) and its rels, [Content_Types].xml (through the package), styles.xml
 * (append only, ./styles), docProps/app.xml (sheet titles) and calcChain.xml (entries of the
 * replaced sheets). Every other part is left to the package to copy as it was read.
 */
import type { PlanCell, SheetPlan } from "../../core/workbook/types";
import { a1, quoteSheet, sameName } from "../../core/a1";
import { both } from "../../core/i18n";
import { chartName } from "../../core/workbook/anchors";
import { markerName } from "../../core/workbook/marker";
import { WRITE_REFUSALS } from "../../core/workbook/messages";
import { ownedName, ownsLocalName, sheetStatus } from "../../core/workbook/ownership";
import { chartAnchorXml, chartSpec, chartXml, drawingXml } from "./chartXml";
import { LocalizedError, XLSX_MESSAGES } from "../messages";
import { workbookPartName } from "../read/workbook";
import type { Package, Relationship } from "../package/types";
import { CT, RT } from "../package/constants";
import { isRelsPart, PartNameAllocator, usualStylesPart } from "../package/packUri";
import { refuseReferencedTables } from "./droppedTables";
import { cutOurAnchors, isLegacyOurChartXml, type KeptDrawing } from "./drawing";
import { sheetXmlBytes } from "./sheetXml";
import { DEFAULT_STYLES_XML, StyleRegistry } from "./styles";
import { addSheetTitles, dropCalcChainSheets, WorkbookXml } from "./workbookXml";
import type { DefinedName, NewName } from "./workbookXml";



/** The workbook part: the package's officeDocument relationship. */
export async function workbookPart(pkg: Package): Promise<string> {
  // The reader's lookup, so the writer accepts every package the reader does.
  const part = await workbookPartName(pkg);
  if (!part) throw new LocalizedError(both(XLSX_MESSAGES.zipNotWorkbook, { file: pkg.file }), 2);
  return part;
}

/** Whether each of `names` is absent, a generated sheet (its marker names it) or a user's sheet: core's rule. */
export function statusOf(wb: WorkbookXml, names: readonly string[]): Record<string, "absent" | "generated" | "user"> {
  const workbookNames = wb.definedNames().flatMap((d) => (d.localSheetId === undefined ? [{ name: d.name, refersTo: d.text }] : []));
  return sheetStatus(wb.sheets().map((s) => s.name), workbookNames, names);
}

/** Every part reachable from `root` through internal relationships (root included). */
async function reachable(pkg: Package, roots: Iterable<string>, within?: ReadonlySet<string>): Promise<Set<string>> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    const part = queue.pop()!;
    if (seen.has(part)) continue;
    seen.add(part);
    for (const r of await pkg.rels(part)) {
      if (r.targetMode === "External") continue;
      const target = pkg.resolve(part, r.target);
      if (pkg.has(target) && !seen.has(target) && (!within || within.has(target))) queue.push(target);
    }
  }
  return seen;
}

/**
 * The parts to remove with the old generated sheets `roots` and the parts `also` (our old charts
 * cut out of a drawing that stays): what only they reach. A part that a relationship from
 * anywhere else points at stays, and so does what it reaches; so do the parts `keep` (a drawing
 * with the user's anchors) and what they reach.
 */
async function ownedParts(pkg: Package, roots: readonly string[], also: readonly string[] = [], keep: readonly string[] = []): Promise<Set<string>> {
  const closure = await reachable(pkg, [...roots, ...also]);
  const rootSet = new Set(roots);
  const sharedRoots: string[] = [...keep];
  const sources = ["/", ...pkg.partNames().filter((p) => !isRelsPart(p) && !closure.has(p))];
  for (const source of sources) {
    for (const r of await pkg.rels(source)) {
      if (r.targetMode === "External") continue;
      const target = pkg.resolve(source, r.target);
      // The workbook's relationship to a replaced sheet stays: the sheet is rewritten in place.
      if (closure.has(target) && !rootSet.has(target)) sharedRoots.push(target);
    }
  }
  const shared = await reachable(pkg, sharedRoots, closure);
  for (const p of shared) closure.delete(p);
  return closure;
}

/**
 * The drawing of the old generated sheet `sheet` when it has anchors of the user's: its rels
 * are cut to what those anchors use (the rels part is rewritten now, so the ownership walk sees
 * the graph as it will be), with the parts the dropped relationships pointed at. Null when the
 * sheet has no drawing, only ours, or one that cannot be read (it then goes whole, as before).
 */
async function keepUserDrawing(pkg: Package, sheet: string): Promise<{ drawing: { part: string; cut: KeptDrawing; rels: Relationship[] }; dropped: string[] } | null> {
  const rel = (await pkg.rels(sheet)).find((r) => r.type === RT.drawing && r.targetMode !== "External");
  if (!rel) return null;
  const part = pkg.resolve(sheet, rel.target);
  if (!pkg.has(part)) return null;
  const rels = await pkg.rels(part);
  const byId = new Map(rels.map((r) => [r.id, r]));
  let cut: KeptDrawing;
  try {
    cut = await cutOurAnchors(await pkg.readText(part), new Set(byId.keys()), async (rid) => {
      const r = byId.get(rid);
      const chart = r && r.targetMode !== "External" ? pkg.resolve(part, r.target) : null;
      return chart !== null && pkg.has(chart) && isLegacyOurChartXml(await pkg.readText(chart));
    });
  } catch (e) {
    if (e instanceof LocalizedError) throw e; // past the read limits: the user must hear it
    return null;
  }
  if (cut.userAnchors === 0) return null;
  const keptRels = rels.filter((r) => !cut.droppedRids.has(r.id));
  const dropped = rels.filter((r) => cut.droppedRids.has(r.id) && r.targetMode !== "External").map((r) => pkg.resolve(part, r.target));
  pkg.setRels(part, keptRels);
  return { drawing: { part, cut, rels: keptRels }, dropped };
}

/** An rId not among `rels`. */
function freshRid(rels: readonly Relationship[]): string {
  const used = new Set(rels.map((r) => r.id));
  let n = 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/**
 * Writes `plans` into the package: each replaces the generated sheet of its name, or is added at
 * the end. Refuses, before changing anything, when a sheet of that name is a user's.
 */
export async function writePlans(pkg: Package, plans: readonly SheetPlan[]): Promise<void> {
  if (plans.length === 0) return;
  const wbPart = await workbookPart(pkg);
  const wb = new WorkbookXml(await pkg.readText(wbPart));
  let wbRels = await pkg.rels(wbPart);

  const status = statusOf(wb, plans.map((p) => p.name));
  const sheetsBefore = wb.sheets();
  for (const p of plans) {
    if (status[p.name] === "user") {
      const name = sheetsBefore.find((s) => sameName(s.name, p.name))?.name ?? p.name;
      throw new LocalizedError(both(WRITE_REFUSALS.userSheet, { sheet: name }));
    }
  }

  // Old generated sheets: where each stands, and the parts that go with it.
  const replaced = new Map<string, { part: string; sheetId: number; name: string }>();
  for (const p of plans) {
    if (status[p.name] !== "generated") continue;
    const entry = sheetsBefore.find((s) => sameName(s.name, p.name))!;
    const rel = wbRels.find((r) => r.id === entry.rid);
    if (!rel) throw new Error(`workbook.xml: no relationship ${entry.rid} for the sheet ${entry.name}`);
    replaced.set(p.name, { part: pkg.resolve(wbPart, rel.target), sheetId: entry.sheetId, name: entry.name });
    // The sheet is a worksheet from now on, whatever it was (a marked chart sheet, say).
    if (rel.type !== RT.worksheet) wbRels = wbRels.map((r) => (r.id === entry.rid ? { ...r, type: RT.worksheet } : r));
  }
  // A table of the user's on a replaced sheet goes with it: refused while something names it.
  await refuseReferencedTables(pkg, wbPart, wb, wbRels, new Map([...replaced.values()].map((r) => [r.part, r.name])));
  // A drawing of a replaced sheet with the user's anchors stays, without our chart's anchor.
  const keptDrawings = new Map<string, { part: string; cut: KeptDrawing; rels: Relationship[] }>();
  const cutTargets: string[] = [];
  for (const [planName, r] of replaced) {
    const kept = await keepUserDrawing(pkg, r.part);
    if (!kept) continue;
    keptDrawings.set(planName, kept.drawing);
    cutTargets.push(...kept.dropped);
  }
  const names = new PartNameAllocator(pkg.partNames());
  if (replaced.size > 0) {
    const keep = [...keptDrawings.values()].map((d) => d.part);
    for (const part of await ownedParts(pkg, [...replaced.values()].map((r) => r.part), cutTargets, keep)) {
      pkg.removePart(part);
      names.release(part);
    }
  }

  // Styles: appended to the workbook's own.
  let stylesPart = wbRels.find((r) => r.type === RT.styles);
  const stylesName = stylesPart
    ? pkg.resolve(wbPart, stylesPart.target)
    : pkg.has(usualStylesPart(wbPart))
      ? names.fresh(wbPart, "styles")
      : usualStylesPart(wbPart);
  const styles = new StyleRegistry(stylesPart && pkg.has(stylesName) ? await pkg.readText(stylesName) : DEFAULT_STYLES_XML);
  // A plan cell is a look already (same fields): no object per cell.
  const styleOf = (c: PlanCell) => styles.xf(c);

  const addedNames: NewName[] = [];
  const newTitles: string[] = [];
  let nextSheetId = Math.max(0, ...sheetsBefore.map((s) => (Number.isFinite(s.sheetId) ? s.sheetId : 0))) + 1;
  for (const plan of plans) {
    const old = replaced.get(plan.name);
    let part: string;
    let sheetName = plan.name;
    if (old) {
      part = old.part;
      // Keep the name as the user sees it (formulas refer to it; Excel compares without case).
      sheetName = old.name;
    } else {
      part = names.fresh(wbPart, "worksheet");
      const rid = freshRid(wbRels);
      wbRels = [...wbRels, { id: rid, type: RT.worksheet, target: pkg.relativeTarget(wbPart, part) }];
      wb.appendSheet(plan.name, nextSheetId++, rid);
      newTitles.push(plan.name);
    }
    const sheetRels: Relationship[] = [];
    const spec = chartSpec({ ...plan, name: sheetName });
    const kept = keptDrawings.get(plan.name);
    if (kept) {
      // The user's anchors stay where they were; ours goes where the old one stood.
      const { part: drawing, cut } = kept;
      let rels = kept.rels;
      let anchor = "";
      if (spec) {
        const chart = names.fresh(wbPart, "chart");
        const rid = freshRid(rels);
        pkg.setPart(chart, chartXml(spec), CT.chart);
        rels = [...rels, { id: rid, type: RT.chart, target: pkg.relativeTarget(drawing, chart) }];
        anchor = chartAnchorXml(spec.plan, chartName(plan.name), cut.maxId + 1, rid, !cut.prefixesBound);
      }
      pkg.setPart(drawing, cut.head + anchor + cut.tail);
      pkg.setRels(drawing, rels);
      sheetRels.push({ id: "rId1", type: RT.drawing, target: pkg.relativeTarget(part, drawing) });
    } else if (spec) {
      const drawing = names.fresh(wbPart, "drawing");
      const chart = names.fresh(wbPart, "chart");
      pkg.setPart(chart, chartXml(spec), CT.chart);
      pkg.setPart(drawing, drawingXml(spec.plan, chartName(plan.name), 2), CT.drawing);
      pkg.setRels(drawing, [{ id: "rId1", type: RT.chart, target: pkg.relativeTarget(drawing, chart) }]);
      sheetRels.push({ id: "rId1", type: RT.drawing, target: pkg.relativeTarget(part, drawing) });
    }
    pkg.setPart(part, sheetXmlBytes(plan, styleOf, { drawingRid: sheetRels.length > 0 ? "rId1" : undefined }), CT.worksheet);
    pkg.setRels(part, sheetRels);
  }

  // Defined names: the markers, print titles and the plans' own names, replacing the old ones.
  const order = wb.sheets();
  const indexOf = (name: string) => order.findIndex((s) => sameName(s.name, name));
  // Names the build owns (core's rule): the markers, the plans' anchors, any anchor that points
  // at a rewritten sheet (a year that is gone), and a rewritten sheet's print titles and area; a
  // user's name is never touched.
  const ownIndices = new Set(plans.map((p) => indexOf(p.name)));
  const drop = (n: DefinedName) =>
    n.localSheetId === undefined ? ownedName({ name: n.name, refersTo: n.text }, plans) !== null : ownIndices.has(n.localSheetId) && ownsLocalName(n.name);
  for (const plan of plans) {
    const sheet = order[indexOf(plan.name)];
    addedNames.push({ name: markerName(plan.name), text: `${quoteSheet(sheet.name)}!$A$1` });
    for (const a of plan.names ?? []) addedNames.push({ name: a.name, text: `${quoteSheet(sheet.name)}!${a1(a.row, a.col, true)}` });
    const t = plan.page?.titleRows;
    if (t) addedNames.push({ name: "_xlnm.Print_Titles", localSheetId: indexOf(plan.name), text: `${quoteSheet(sheet.name)}!$${t.from + 1}:$${t.to + 1}` });
  }
  wb.editNames(drop, addedNames);
  wb.setFullCalcOnLoad();

  // calcChain: the replaced sheets' entries go (their cells are new).
  const calcRel = wbRels.find((r) => r.type === RT.calcChain);
  if (calcRel && replaced.size > 0) {
    const calcPart = pkg.resolve(wbPart, calcRel.target);
    if (pkg.has(calcPart)) {
      const kept = dropCalcChainSheets(await pkg.readText(calcPart), new Set([...replaced.values()].map((r) => r.sheetId)));
      if (kept === null) {
        pkg.removePart(calcPart);
        wbRels = wbRels.filter((r) => r !== calcRel);
      } else pkg.setPart(calcPart, kept);
    }
  }

  if (styles.changed) {
    if (stylesPart && pkg.has(stylesName)) pkg.setPart(stylesName, styles.apply());
    else {
      pkg.setPart(stylesName, styles.apply(), CT.styles);
      if (!stylesPart) {
        stylesPart = { id: freshRid(wbRels), type: RT.styles, target: pkg.relativeTarget(wbPart, stylesName) };
        wbRels = [...wbRels, stylesPart];
      }
    }
  }

  pkg.setPart(wbPart, wb.xml);
  pkg.setRels(wbPart, wbRels);

  if (newTitles.length > 0) {
    const appRel = (await pkg.rels("/")).find((r) => r.type === RT.extendedProperties);
    const app = appRel ? pkg.resolve("/", appRel.target) : null;
    if (app && pkg.has(app)) {
      const xml = await pkg.readText(app);
      const next = addSheetTitles(
        xml,
        sheetsBefore.map((s) => s.name),
        newTitles,
      );
      if (next !== xml) pkg.setPart(app, next);
    }
  }
}
