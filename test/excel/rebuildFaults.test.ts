/**
 * Issue 14: a rebuild cut at every point. Excel does not roll back a failed batch: the commands
 * before the failing one have taken effect, the rest have not. The double's fault plan
 * (FakeExcel.faults) cuts sync s after k commands (k = 0: refused whole); this sweep runs the
 * pane's Build (OfficeWorkbook.update) once per cut point of every sync, k = 0 … all its
 * commands, at the run's ExcelApi level (the jest projects "excel 1.9" and "excel 1.7"), for
 *  - a rebuild that changes the three sheets in place (a municipality more, so Kommunebidrag's
 *    totals and their anchors move a row; another project name in every title), and
 *  - one that also adds the Scenarier sheet the first time,
 * with a user's sheet linking to every generated sheet and to KBR_BIDRAG_TOTALT. Each point runs
 *  1. with the recovery working: the workbook is then entirely old or entirely new;
 *  2. with every later sync refused too (the cause persists: offline), and
 *  3. with the recovery's largest batch cut halfway (at every fourth k and the last, for speed);
 * and after 2 and 3 a later Build with no fault. At each point: every generated sheet equals its
 * old or its new picture (cells, formats, widths, chart), or is one the message names as part-way
 * with its temporary sheet; markers for our sheets; anchors where that sheet's content has them;
 * the user's formulas without #REF! and showing what the old or new sheet shows; after the later
 * Build, all new, no temporary sheet, no journal; the error's code and text say the state.
 * The number of cut points swept and how many hold is printed. At the time of writing (each
 * point in the three variants; k counts from 0 to all commands of the sync):
 *   ExcelApi 1.9, in place:        5 syncs (3 + 15 + 4 + 149 + 2 commands), 178 points, 178 hold;
 *   ExcelApi 1.9, Scenarier added: 5 syncs (3 + 18 + 5 + 197 + 2 commands), 230 points, 230 hold;
 *   ExcelApi 1.7, in place:        5 syncs (3 + 15 + 4 + 179 + 2 commands), 208 points, 208 hold;
 *   ExcelApi 1.7, Scenarier added: 5 syncs (3 + 18 + 5 + 236 + 2 commands), 269 points, 269 hold.
 * While the protocol was written, the sweep found a chart of ours left unnamed by a cut (now
 * recognised: strayCharts in src/excel/swap.ts).
 */
import { examplePlanTables, GENERATED_SHEETS } from "../../src/core/engine";
import { isAnchorName } from "../../src/core/workbook/anchors";
import { markerName } from "../../src/core/workbook/marker";
import { WriteError } from "../../src/excel/messages";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { scenarioTable } from "../../src/taskpane/scenarios";
import { API_LEVEL } from "./fakeApi";
import { addrOf, FakeExcel, type FakeModel, type Fault } from "./fakeExcel";
import { planner as realPlanner } from "./userWorkbook";

/** The pane's planner, remembered per input (the sweep builds the same inputs some thousand times). */
const planned = new Map<string, ReturnType<typeof realPlanner>>();
const planner = (tables: Parameters<typeof realPlanner>[0]) => {
  const key = JSON.stringify(tables);
  let r = planned.get(key);
  if (!r) planned.set(key, (r = realPlanner(tables)));
  return r;
};

const NAMES = [...GENERATED_SHEETS];
const JOURNAL = "KBR_REBUILD";
const LINKS = ["=Budsjett!A1", "=Finansieringsplan!A1", "=Kommunebidrag!A1", "=Kommunebidrag!A9", "=Budsjett!A8", "=KBR_BIDRAG_TOTALT", "=KBR_KOSTNADER_TOTALT"];
/** The generated sheet each link shows (its anchor's sheet for a name). */
const LINK_SHEET = ["Budsjett", "Finansieringsplan", "Kommunebidrag", "Kommunebidrag", "Budsjett", "Kommunebidrag", "Budsjett"];

/**
 * The inputs changed as a user would: an eighth municipality (resource share 0, so the shares
 * still add up) under the seven, so Kommunebidrag's totals row and its anchors move down a row,
 * and another project name, so every sheet's title changes.
 */
function changeInputs(model: FakeModel): void {
  const k = model.tables.find((x) => x.name === "Kommuner")!;
  k.rect = { ...k.rect, bottom: k.rect.bottom + 1 };
  ["Ny kommune", 1000, 0].forEach((v, j) => (k.sheet.touch(k.rect.bottom, k.rect.left + j).value = v));
  const p = model.tables.find((x) => x.name === "Parametere")!;
  for (let r = p.rect.top + 1; r <= p.rect.bottom; r++) {
    if (p.sheet.cell(r, p.rect.left)?.value === "Prosjektnavn") p.sheet.touch(r, p.rect.left + 1).value = "Nytt navn";
  }
}

/** A generated sheet as a comparable text (null when absent): cells, formats, layout, charts. */
function picture(m: FakeModel, name: string): string | null {
  const s = m.sheet(name);
  if (!s) return null;
  const cells = [...s.cells.entries()].filter(([, c]) => Object.keys(c).some((k) => k !== "value") || c.value !== null).sort();
  const charts = s.charts.map((c) => ({ ...c, series: c.series.map((x) => ({ name: x.name, v: x.values && addrOf(x.values.sheet, x.values.rect), x: x.xValues && addrOf(x.xValues.sheet, x.xValues.rect), e: x.refError })) }));
  return JSON.stringify({ cells, widths: [...s.widths].sort(), heights: [...s.heights].sort(), hidden: [...s.hidden].sort(), frozen: s.frozenRows, page: s.page ?? null, charts });
}

/** Anchors by name: `sheet!$C$R`, or #REF!. */
function anchors(m: FakeModel): Record<string, string> {
  return Object.fromEntries(m.names.filter((n) => isAnchorName(n.name)).map((n) => [n.name, n.sheet ? `${n.sheet.name}!${n.address}` : "#REF!"]));
}

async function shown(fake: FakeExcel): Promise<unknown[]> {
  return fake.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem("Mine tall").getRange(`A1:A${LINKS.length}`).load("values");
    await ctx.sync();
    return r.values.map((x) => x[0]);
  });
}

interface Reference {
  pictures: Record<string, string | null>;
  anchors: Record<string, string>;
  shown: unknown[];
}

async function reference(model: FakeModel): Promise<Reference> {
  const fake = new FakeExcel(model);
  return { pictures: Object.fromEntries(NAMES.map((n) => [n, picture(model, n)])), anchors: anchors(model), shown: await shown(fake) };
}

/** The workbook before the rebuild (old sheets, changed inputs), its old and new references, and the cut points. */
async function scenario(withScenarios: boolean) {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], examplePlanTables());
  await wb.update(NAMES, planner);
  const mine = fake.model.addSheet("Mine tall");
  LINKS.forEach((f, i) => Object.assign(mine.touch(i, 0), { formula: f, value: null }));
  const old = await reference(fake.model);
  changeInputs(fake.model);
  if (withScenarios) await wb.write([], [scenarioTable([0, 0.5], await wb.readTables())]);
  const start = fake.model.clone();
  const ref = new FakeExcel(start.clone());
  ref.resetStats();
  await new OfficeWorkbook(ref.run).update(NAMES, planner);
  const commands = [...ref.commands];
  return { start, old, neu: await reference(ref.model), commands };
}

type Scenario = Awaited<ReturnType<typeof scenario>>;

/** The en-US list after `label` in a message (`New: "A", "B".`). */
function listAfter(text: string, label: string): string[] {
  const m = new RegExp(`${label} ((?:"[^"]+"(?:, )?)+)`).exec(text);
  return m ? [...m[1].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
}

/** Checks the workbook against what the error says; returns the problems found (empty: the point holds). */
async function check(sc: Scenario, fake: FakeExcel, err: unknown, after: "recovered" | "double"): Promise<string[]> {
  const problems: string[] = [];
  const m = fake.model;
  const fail = (p: string) => problems.push(p);
  if (!(err instanceof WriteError)) return [`not a WriteError: ${String(err)}`];
  const en = err.texts["en-US"];
  const nb = err.texts["nb-NO"];
  if (/«»|""|\(\)|: \.|i \./.test(en + nb)) fail(`empty list in message: ${en}`);
  const state: Record<string, "old" | "new" | "other"> = {};
  const same = new Set<string>();
  for (const n of NAMES) {
    const p = picture(m, n);
    state[n] = p === sc.neu.pictures[n] ? "new" : p === sc.old.pictures[n] ? "old" : "other";
    // A sheet the rebuild leaves as it was (Scenarier when not planned) is both.
    if (sc.neu.pictures[n] === sc.old.pictures[n] && state[n] !== "other") same.add(n);
  }
  const temps = m.sheets.filter((s) => s.name.startsWith("~kbr")).map((s) => s.name);
  const journal = m.names.some((n) => n.name === JOURNAL);
  // Sheets the message names as possibly part-way through their run (their temporary sheet
  // holds the new content): neither old nor new until the next Build.
  const partly = err.code === "unfinished" ? listAfter(en, "May be partly replaced:") : err.code === "unknown" ? listAfter(en, "The sheets") : [];
  const expect = (want: Record<string, string>) => {
    for (const n of NAMES) if (want[n] && state[n] !== want[n] && !same.has(n)) fail(`${n} is ${state[n]}, expected ${want[n]} (${err.code})`);
  };
  const all = (s: string) => Object.fromEntries(NAMES.map((n) => [n, s]));
  switch (err.code) {
    case "unchanged":
      expect(all("old"));
      if (journal && after === "recovered") fail("journal left");
      if (after === "recovered" && temps.length > 0) fail(`temporary sheets left: ${temps}`);
      break;
    case "finished":
      expect(all("new"));
      if (journal || temps.length > 0) fail(`leftovers after a finished recovery: ${temps} ${journal}`);
      if (!NAMES.every((n) => m.sheet(n) === undefined || en.includes(`"${n}"`) || sc.neu.pictures[n] === null)) fail(`finished message does not name the sheets: ${en}`);
      break;
    case "unfinished": {
      if (after === "recovered") fail(`unfinished although the recovery worked: ${en}`);
      expect(Object.fromEntries(listAfter(en, "New:").map((n) => [n, "new"])));
      expect(Object.fromEntries(listAfter(en, "Unchanged:").map((n) => [n, "old"])));
      const named = listAfter(en, "the complete new content is in");
      for (const t of named) if (!temps.includes(t)) fail(`message names a missing temporary sheet ${t}`);
      if (!journal) fail("unfinished without a journal");
      for (const n of NAMES) if (state[n] === "other" && !partly.includes(n)) fail(`${n} is part-way but not named: ${en}`);
      break;
    }
    case "unknown":
      if (after === "recovered") fail(`unknown although the recovery worked: ${en}`);
      for (const n of NAMES) if (state[n] === "other" && !partly.includes(n)) fail(`${n} is part-way but not named: ${en}`);
      break;
    default:
      fail(`code ${err.code}: ${en}`);
  }
  // Markers: every generated sheet there is ours; anchors where its content has them.
  for (const n of NAMES) {
    const s = m.sheet(n);
    if (s && !m.names.some((x) => x.name === markerName(n) && x.sheet === s && x.address === "$A$1")) fail(`${n} has no marker`);
  }
  const now = anchors(m);
  for (const [name, want] of [...Object.entries(sc.old.anchors), ...Object.entries(sc.neu.anchors)]) {
    const sheet = want.split("!")[0];
    if (state[sheet] === "other" || same.has(sheet) || partly.includes(sheet)) continue;
    const ref = state[sheet] === "new" ? sc.neu.anchors : sc.old.anchors;
    if (now[name] !== ref[name]) fail(`${name} at ${now[name]}, ${sheet} is ${state[sheet]} (there ${ref[name]})`);
  }
  // The user's links: never #REF!, and showing what the sheet's content shows.
  const mine = m.sheet("Mine tall")!;
  LINKS.forEach((f, i) => mine.cell(i, 0)?.formula !== f && fail(`link ${f} became ${mine.cell(i, 0)?.formula}`));
  const values = await shown(fake);
  values.forEach((v, i) => {
    const st = state[LINK_SHEET[i]];
    if (st === "other" || partly.includes(LINK_SHEET[i])) return;
    const want = (st === "new" ? sc.neu : sc.old).shown[i];
    if (v !== want) fail(`link ${LINKS[i]} shows ${String(v)}, the ${st} sheet ${String(want)}`);
  });
  return problems;
}

/** After a double failure: a Build with no fault finishes, leaving no leftovers. */
async function laterBuild(sc: Scenario, fake: FakeExcel): Promise<string[]> {
  const problems: string[] = [];
  await new OfficeWorkbook(fake.run).update(NAMES, planner);
  const m = fake.model;
  for (const n of NAMES) if (picture(m, n) !== sc.neu.pictures[n]) problems.push(`later Build: ${n} not new`);
  if (JSON.stringify(anchors(m)) !== JSON.stringify(sc.neu.anchors)) problems.push(`later Build: anchors ${JSON.stringify(anchors(m))}`);
  const temps = m.sheets.filter((s) => s.name.startsWith("~kbr")).map((s) => s.name);
  if (temps.length > 0) problems.push(`later Build left ${temps}`);
  if (m.names.some((n) => n.name === JOURNAL)) problems.push("later Build left the journal");
  if (JSON.stringify(await shown(fake)) !== JSON.stringify(sc.neu.shown)) problems.push(`later Build: links show ${JSON.stringify(await shown(fake))}`);
  return problems;
}

/** One cut point in the three variants; returns the problems (empty: it holds). */
async function point(sc: Scenario, s: number, k: number): Promise<string[]> {
  const run = async (faults: Fault[]) => {
    const fake = new FakeExcel(sc.start.clone());
    fake.resetStats();
    fake.faults = faults;
    const err = await new OfficeWorkbook(fake.run).update(NAMES, planner).then(
      () => null,
      (e: unknown) => e,
    );
    fake.faults = [];
    return { fake, err, commands: [...fake.commands] };
  };
  const tag = (v: string, ps: string[]) => ps.map((p) => `sync ${s} after ${k}, ${v}: ${p}`);
  const ok = await run([{ sync: s, after: k }]);
  const problems = tag("recovery works", await check(sc, ok.fake, ok.err, "recovered"));
  // The cause persists: every later sync refused whole.
  const offline = await run([{ sync: s, after: k }, ...Array.from({ length: 8 }, (_, i) => ({ sync: s + 1 + i, after: 0 }))]);
  problems.push(...tag("offline", [...(await check(sc, offline.fake, offline.err, "double")), ...(await laterBuild(sc, offline.fake))]));
  // The recovery's largest batch cut halfway: at every fourth k (and the last), to keep the suite fast.
  const after = ok.commands.slice(s);
  if (after.length > 0 && (k % 4 === 0 || k === sc.commands[s - 1])) {
    const r = after.indexOf(Math.max(...after));
    const cut = await run([{ sync: s, after: k }, { sync: s + 1 + r, after: Math.floor(after[r] / 2) }]);
    problems.push(...tag(`recovery cut at sync ${s + 1 + r}`, [...(await check(sc, cut.fake, cut.err, "double")), ...(await laterBuild(sc, cut.fake))]));
  }
  return problems;
}

export const __scenario = scenario;
describe(`a Build cut at every point (ExcelApi ${API_LEVEL})`, () => {
  it.each([
    ["the three sheets rebuilt in place", false],
    ["Scenarier added the first time", true],
  ])("%s: every sheet old or new, anchors and links right, the message says the state, the next Build finishes", async (label, withScenarios) => {
    const sc = await scenario(withScenarios);
    // The rebuild's new content really differs, and its anchors move (the sweep can tell).
    expect(sc.neu.pictures.Kommunebidrag).not.toBe(sc.old.pictures.Kommunebidrag);
    expect(sc.neu.anchors.KBR_BIDRAG_TOTALT).not.toBe(sc.old.anchors.KBR_BIDRAG_TOTALT);
    expect(sc.neu.pictures.Scenarier === null).toBe(!withScenarios);
    let swept = 0;
    let held = 0;
    const problems: string[] = [];
    for (let s = 1; s <= sc.commands.length; s++) {
      for (let k = 0; k <= sc.commands[s - 1]; k++) {
        swept++;
        const p = await point(sc, s, k);
        if (p.length === 0) held++;
        problems.push(...p);
      }
    }
    console.log(`${label}, ExcelApi ${API_LEVEL}: ${sc.commands.length} syncs (${sc.commands.join(" + ")} commands), ${swept} cut points swept, ${held} hold`);
    expect(problems.slice(0, 20)).toEqual([]);
    expect(held).toBe(swept);
  }, 600_000);
});
