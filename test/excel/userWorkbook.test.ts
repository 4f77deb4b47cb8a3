/**
 * The pane in a user's real, large, linked workbook (issue 7), on the Excel double:
 * - it reads only what it owns (an unrelated 50 000 × 10 table of the user's is never loaded);
 * - every request and response stays under 5 MB, also at 2 000 municipalities × 20 years;
 * - a rebuild keeps the user's formulas, defined name and chart series that point at the
 *   generated sheets linked (no #REF!, values updated), also when it fails halfway;
 * - the anchors (KBR_BIDRAG_TOTALT, …) follow the totals.
 * The round trips and payloads measured here are printed (and by bench/excel.bench.ts).
 */
import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { a1, splitSheet } from "../../src/core/a1";
import { ANCHORS } from "../../src/core/workbook/anchors";
import { parseRect } from "../../src/excel/a1";
import { ReadError, WriteError } from "../../src/excel/messages";
import { bigRegion, region12 } from "../fixtures/regions";
import type { ApiLevel } from "./fakeApi";
import { FakeExcel, readsTouch, type FakeModel, type FChart } from "./fakeExcel";
import { addUserTable, formatCost, paneOperations, planner, workbookWith } from "./userWorkbook";

const LIMIT = 5_000_000;

/** The values of the user's sheet as Excel shows them (the double resolves plain references). */
async function shown(fake: FakeExcel, address: string): Promise<unknown[][]> {
  return fake.run(async (ctx) => {
    const { sheet, range } = splitSheet(address);
    const r = ctx.workbook.worksheets.getItem(sheet ?? "").getRange(range).load("values");
    await ctx.sync();
    return r.values;
  });
}

/** A user's sheet linking to every generated sheet, a defined name and a chart series of theirs. */
function addUserLinks(model: FakeModel): FChart {
  const mine = model.addSheet("Mine tall");
  const formulas = ["=Budsjett!A1", "=Finansieringsplan!A1", "=Kommunebidrag!A1", "=SUM(Kommunebidrag!E8:E14)", "=MittBidrag", `=${ANCHORS.contributionTotal}`];
  formulas.forEach((f, i) => Object.assign(mine.touch(i, 0), { formula: f, value: null }));
  const kb = model.sheet("Kommunebidrag")!;
  model.names.push({ name: "MittBidrag", sheet: kb, address: "$A$1" });
  const chart: FChart = { type: "Line", name: "Mitt diagram", series: [{ name: "Bidrag", values: { sheet: kb, rect: { top: 7, left: 4, bottom: 13, right: 4 } } }] };
  mine.charts.push(chart);
  return chart;
}

/** Sets the Prosjektnavn parameter in the workbook's Parametere table (the sheets' titles show it). */
function renameProject(model: FakeModel, name: string): void {
  const t = model.tables.find((x) => x.name === "Parametere")!;
  for (let r = t.rect.top + 1; r <= t.rect.bottom; r++) {
    if (t.sheet.cell(r, t.rect.left)?.value === "Prosjektnavn") t.sheet.touch(r, t.rect.left + 1).value = name;
  }
}

function expectLinked(model: FakeModel, chart: FChart): void {
  const mine = model.sheet("Mine tall")!;
  for (let i = 0; i < 6; i++) expect(mine.cell(i, 0)?.formula).not.toContain("#REF!");
  expect(model.names.find((n) => n.name === "MittBidrag")!.sheet).toBe(model.sheet("Kommunebidrag"));
  expect(chart.series[0].refError).toBeUndefined();
  expect(chart.series[0].values!.sheet).toBe(model.sheet("Kommunebidrag"));
}

describe("the user's links survive a rebuild", () => {
  it("the double can tell: deleting a generated sheet (the old way) breaks every kind of link", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    await wb.update(BASE_SHEETS, planner);
    const chart = addUserLinks(model);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Kommunebidrag").delete();
      await ctx.sync();
    });
    expect(model.sheet("Mine tall")!.cell(2, 0)?.formula).toBe("=#REF!A1");
    expect(model.sheet("Mine tall")!.cell(3, 0)?.formula).toBe("=SUM(#REF!E8:E14)");
    expect(model.names.find((n) => n.name === "MittBidrag")!.sheet).toBeNull();
    expect(chart.series[0].refError).toBe(true);
    expect((await shown(fake, "'Mine tall'!A3:A3"))[0][0]).toBe("#REF!");
  });

  // Both ways of rebuilding in place, whatever the run's level: each in an Excel that has it.
  it.each([
    ["ExcelApi 1.9 (copyFrom)", "1.9" as ApiLevel],
    ["ExcelApi 1.7 (blocks written in place)", "1.7" as ApiLevel],
  ])("formulas, a defined name and a chart series stay linked and show the new values (%s)", async (_label, level) => {
    const { fake, wb, model } = await workbookWith(examplePlanTables(), { level });
    await wb.update(BASE_SHEETS, planner);
    const chart = addUserLinks(model);
    const before = (await shown(fake, "'Mine tall'!A1:A3")).map((r) => r[0]);
    expect(new Set(before).size).toBe(1); // the project name, on each sheet
    renameProject(model, "Nytt navn på prosjektet");
    await wb.update(BASE_SHEETS, planner);
    expectLinked(model, chart);
    expect((await shown(fake, "'Mine tall'!A1:A3")).map((r) => r[0])).toEqual(["Nytt navn på prosjektet", "Nytt navn på prosjektet", "Nytt navn på prosjektet"]);
    expect(model.sheet("Mine tall")!.cell(4, 0)?.formula).toBe("=MittBidrag");
    expect((await shown(fake, "'Mine tall'!A5:A5"))[0][0]).toBe("Nytt navn på prosjektet");
    // Only our chart was redrawn; the sheets are the same, nothing temporary is left.
    expect(model.sheet("Kommunebidrag")!.charts.map((c) => c.name)).toEqual(["KBR_DIAGRAM_Kommunebidrag"]);
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith("~"))).toEqual([]);
  });

  it("a rebuild that fails while writing the new sheets leaves the old sheets and the links as they were", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    await wb.update(BASE_SHEETS, planner);
    const chart = addUserLinks(model);
    const before = model.snapshot();
    renameProject(model, "Nytt navn");
    const inputs = model.snapshot();
    let n = 0;
    fake.failWhen = (label) => label === "range.formulas" && ++n === 2;
    await expect(wb.update(BASE_SHEETS, planner)).rejects.toBeInstanceOf(WriteError);
    expect(model.snapshot()).toEqual(inputs);
    expect(model.snapshot()).not.toEqual(before); // only the parameter the test changed
    expectLinked(model, chart);
    expect((await shown(fake, "'Mine tall'!A1:A1"))[0][0]).not.toBe("Nytt navn");
  });

  it.each([
    ["ExcelApi 1.9: the second copyFrom", "1.9" as ApiLevel, "range.copyFrom"],
    ["ExcelApi 1.7: the second sheet cleared for its blocks", "1.7" as ApiLevel, "range.clear"],
  ])("a rebuild that fails halfway through the swap (%s) is finished in place: links intact, new values", async (_label, level, op) => {
    const { fake, wb, model } = await workbookWith(examplePlanTables(), { level });
    await wb.update(BASE_SHEETS, planner);
    const chart = addUserLinks(model);
    const ids = BASE_SHEETS.map((s) => model.sheet(s)!.id);
    renameProject(model, "Nytt navn");
    let n = 0;
    fake.failWhen = (label) => label === op && ++n === 2;
    await expect(wb.update(BASE_SHEETS, planner)).rejects.toBeInstanceOf(WriteError);
    BASE_SHEETS.forEach((s, i) => expect(model.sheet(s)!.id).toBe(ids[i]));
    expectLinked(model, chart);
    expect((await shown(fake, "'Mine tall'!A1:A3")).map((r) => r[0])).toEqual(["Nytt navn", "Nytt navn", "Nytt navn"]);
  });

  it("the anchors follow the totals to a new layout; a year that is gone loses its anchor", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    await wb.update(BASE_SHEETS, planner);
    const mine = model.addSheet("Mine tall");
    mine.touch(0, 0).formula = `=${ANCHORS.contributionTotal}`;
    const where = (name: string) => {
      const n = model.names.find((x) => x.name === name);
      return n && n.sheet ? `${n.sheet.name}!${n.address}` : null;
    };
    const first = build(examplePlanTables()).plans;
    expect(first.flatMap((p) => p.names ?? []).length).toBe(3 + 3); // 3 years, 3 totals
    for (const p of first) for (const a of p.names ?? []) expect(where(a.name)).toBe(`${p.name}!${a1(a.row, a.col, true)}`);
    const totalBefore = where(ANCHORS.contributionTotal);
    // A rebuild for another region: 13 municipalities, the years 2022-2025. The user replaces
    // the input tables (their sheets deleted, the new region's tables written) so that the new
    // plans' formulas name tables and columns that exist, as Excel requires.
    const inputSheets = [...new Set(model.tables.map((t) => t.sheet.name))];
    await fake.run(async (ctx) => {
      for (const s of inputSheets) ctx.workbook.worksheets.getItem(s).delete();
      await ctx.sync();
    });
    expect(model.tables.map((t) => t.name)).toEqual([]);
    const other = build(region12()).plans;
    await wb.write(other, region12());
    for (const p of other) {
      for (const a of p.names ?? []) {
        const n = model.names.find((x) => x.name === a.name)!;
        expect(n.sheet?.name).toBe(p.name);
        expect(parseRect(n.address)).toMatchObject({ top: a.row, left: a.col });
      }
    }
    expect(where(ANCHORS.contributionTotal)).not.toBe(totalBefore);
    expect(where(ANCHORS.contributionYear("2009"))).toBeNull();
    expect(model.names.some((n) => n.name === ANCHORS.contributionYear("2009"))).toBe(false);
    expect(mine.cell(0, 0)?.formula).toBe(`=${ANCHORS.contributionTotal}`);
    expect(fake.model.names.filter((n) => n.name === ANCHORS.contributionTotal)).toHaveLength(1);
  });
});

describe("reads only what it owns, within 5 MB each way", () => {
  it("an unrelated 50 000 × 10 table of the user's is never loaded (pane start, Build, Check)", async () => {
    const { fake, wb } = await workbookWith(examplePlanTables());
    const user = addUserTable(fake, 50_000);
    const ops = await paneOperations(fake, wb);
    expect(readsTouch(fake.reads, "Salgsdata", user.rect)).toBe(false);
    const all = [ops.start, ops.build, ops.check];
    for (const { cost } of all) {
      expect(cost.maxRequest).toBeLessThanOrEqual(LIMIT);
      expect(cost.maxResponse).toBeLessThanOrEqual(LIMIT);
    }
    expect(ops.start.result.map((t) => t.name).sort()).toEqual(["Finansiering", "Kommuner", "Kostnader", "Parametere"]);
    expect(ops.check.result.sheets.map((s) => s.name)).toEqual([...BASE_SHEETS]);
    // Every read of the whole run, not only the last operation's: nothing of the user's table.
    fake.resetStats();
    await wb.readAll(BASE_SHEETS);
    expect(fake.reads.every((r) => r.sheet !== "Salgsdata")).toBe(true);
    console.log(
      [
        "2009 plan + the user's 50 000 × 10 table:",
        formatCost("  pane start (readTables)", ops.start.cost),
        formatCost("  Build (update)", ops.build.cost),
        formatCost("  Check (readAll)", ops.check.cost),
      ].join("\n"),
    );
  });

  it("a user's sheet under a generated name is never read by Check", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    model.addSheet("Kommunebidrag").touch(0, 0).value = "mine";
    const snap = await wb.readAll(BASE_SHEETS);
    expect(snap.status.Kommunebidrag).toBe("user");
    expect(snap.sheets).toEqual([]);
    expect(fake.reads.some((r) => r.sheet === "Kommunebidrag")).toBe(false);
  });

  it("a response Excel refuses as too large is read again in smaller blocks", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    // Long texts the estimate per cell does not expect: 40 KB in each of 200 municipality names.
    const t = model.tables.find((x) => x.name === "Kommuner")!;
    const expected = (await wb.readTables()).find((x) => x.name === "Kommuner")!;
    for (let r = t.rect.top + 1; r <= t.rect.bottom; r++) t.sheet.touch(r, t.rect.left).value = `${String(t.sheet.cell(r, t.rect.left)?.value)} ${"x".repeat(40_000)}`;
    fake.responseLimit = 150_000;
    fake.resetStats();
    const read = (await wb.readTables()).find((x) => x.name === "Kommuner")!;
    expect(read.rows.map((r) => String(r[0]).split(" x")[0])).toEqual(expected.rows.map((r) => String(r[0])));
    expect(read.rows.map((r) => r.slice(1))).toEqual(expected.rows.map((r) => r.slice(1)));
    expect(fake.maxResponse).toBeGreaterThan(150_000); // refused at least once, then fitted
    expect(fake.syncs).toBeGreaterThan(3);
  });

  it("a single row too large for any response is a clear, bilingual error naming the sheet and row", async () => {
    const { fake, wb, model } = await workbookWith(examplePlanTables());
    const t = model.tables.find((x) => x.name === "Kommuner")!;
    t.sheet.touch(t.rect.top + 3, t.rect.left).value = "x".repeat(60_000);
    fake.responseLimit = 50_000;
    const err = await wb.readTables().catch((e) => e);
    expect(err).toBeInstanceOf(ReadError);
    const row = t.rect.top + 4; // 1-based sheet row of the long cell
    expect(err.texts["nb-NO"]).toBe(`Rad ${row} på arket «${t.sheet.name}» er for stor til at Excel kan sende den (over 5 MB).`);
    expect(err.texts["en-US"]).toContain(`Row ${row} of the sheet "${t.sheet.name}"`);
  });

  it("Build and Check at 2 000 municipalities × 20 years: every request and response under 5 MB", async () => {
    const tables = bigRegion({ municipalities: 2000, years: 20, costLines: 200 });
    const { fake, wb, model } = await workbookWith(tables);
    const ops = await paneOperations(fake, wb);
    for (const { cost } of [ops.start, ops.build, ops.check]) {
      expect(cost.maxRequest).toBeLessThanOrEqual(LIMIT);
      expect(cost.maxResponse).toBeLessThanOrEqual(LIMIT);
    }
    expect(ops.build.result.plans).toHaveLength(3);
    const kb = ops.check.result.sheets.find((s) => s.name === "Kommunebidrag")!;
    const plan = ops.build.result.plans.find((p) => p.name === "Kommunebidrag")!;
    const formulas = plan.cells.filter((c) => c.formula !== undefined);
    // Read back whole: every planned formula is where it was written.
    expect(formulas.every((c) => kb.rows[c.row]?.[c.col]?.formula === c.formula)).toBe(true);
    const rebuild = await (async () => {
      fake.resetStats();
      await wb.update(BASE_SHEETS, planner);
      return { syncs: fake.syncs, maxRequest: fake.maxRequest, maxResponse: fake.maxResponse };
    })();
    expect(rebuild.maxRequest).toBeLessThanOrEqual(LIMIT);
    expect(rebuild.maxResponse).toBeLessThanOrEqual(LIMIT);
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith("~"))).toEqual([]);
    console.log(
      [
        "2 000 municipalities × 20 years × 200 cost lines:",
        formatCost("  pane start (readTables)", ops.start.cost),
        formatCost("  Build (update), first", ops.build.cost),
        formatCost("  Build (update), rebuild", rebuild),
        formatCost("  Check (readAll)", ops.check.cost),
      ].join("\n"),
    );
  }, 600_000);
});
