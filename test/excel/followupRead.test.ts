/**
 * The follow-up tables through the Office.js adapter (on the Excel double): the pane reads
 * Regnskap, Timer and Forklaringer (they are in core's table list) with their dates as dates, so
 * its build has the follow-up; and at issue 15's scale (100 000 ledger rows, 20 000 hour rows,
 * 357 municipalities × 10 years) every request and response of pane start, Build and Check stays
 * under Excel on the web's 5 MB. The sizes and syncs are printed by bench/excel.bench.ts.
 */
import { build, examplePlanTables, GENERATED_SHEETS } from "../../src/core/engine";
import { bigRegion } from "../fixtures/regions";
import { BASE_SHEETS } from "../fixtures/sheets";
import { followUpRows } from "../fixtures/followupRows";
import { seedFollowUp } from "./followupTables";
import { paneOperations, planner, workbookWith } from "./userWorkbook";

const LIMIT = 5_000_000;

describe("the follow-up tables through the Office.js adapter", () => {
  it("readTables returns Regnskap, Timer and Forklaringer with dates as dates, and the build has the follow-up", async () => {
    const budget = examplePlanTables();
    const { fake, wb } = await workbookWith(budget);
    const rows = followUpRows(budget, 40, 12);
    seedFollowUp(fake, rows);
    const tables = await wb.readTables();
    const names = tables.map((t) => t.name).sort();
    expect(names).toEqual(expect.arrayContaining(["Forklaringer", "Regnskap", "Timer"]));
    const ledger = tables.find((t) => t.name === "Regnskap")!;
    expect(ledger.rows).toHaveLength(40);
    expect(ledger.rows[0][0]).toBeInstanceOf(Date);
    expect((ledger.rows[0][0] as Date).toISOString()).toBe((rows.ledger[0][0] as Date).toISOString());
    const result = build(tables);
    expect(result.followUp).toBeDefined();
    expect(result.followUp!.tables).toEqual({ ledger: true, hours: true, explanations: true });
    expect(result.followUp!.leftOut).toEqual({ ledger: 0, hours: 0, explanations: 0 });
    // The hours read are the hours seeded: their value adds up to the in-kind actual.
    const seededValue = rows.hours.reduce((s, r) => s + (r[2] as number) * (r[3] as number), 0);
    const inKindActual = result.followUp!.costs.filter((c) => c.kind === "Egeninnsats").reduce((s, c) => s + c.actual, 0);
    expect(inKindActual).toBeCloseTo(seededValue, 2);
  });

  it("the pane's example with its invented ledger: written on two sheets, read back as written, and Build writes Oppfølging", async () => {
    const example = examplePlanTables({ followUp: true });
    const { fake, wb } = await workbookWith(example);
    const read = await wb.readTables();
    for (const t of example) {
      const back = read.find((x) => x.name === t.name)!;
      expect([back.sheet, back.headers, back.rows]).toEqual([t.sheet, t.headers, t.rows]);
    }
    await wb.update(GENERATED_SHEETS, planner);
    const sheets = fake.model.sheets.map((s) => s.name);
    expect(sheets).toEqual(expect.arrayContaining(["Inndata", "Oppfølging inndata", ...build(example).plans.map((p) => p.name)]));
    expect(sheets).toContain("Oppfølging");
  });

  it("Check (readAll) reads them too", async () => {
    const budget = examplePlanTables();
    const { fake, wb } = await workbookWith(budget);
    seedFollowUp(fake, followUpRows(budget, 5, 5));
    const snap = await wb.readAll(BASE_SHEETS);
    expect(snap.tables.map((t) => t.name)).toEqual(expect.arrayContaining(["Forklaringer", "Regnskap", "Timer"]));
  });

  it("100 000 ledger rows and 20 000 hour rows at 357 municipalities × 10 years: every request and response under 5 MB", async () => {
    const budget = bigRegion();
    const { fake, wb } = await workbookWith(budget);
    seedFollowUp(fake, followUpRows(budget, 100_000, 20_000));
    const ops = await paneOperations(fake, wb);
    expect(ops.start.result.find((t) => t.name === "Regnskap")?.rows).toHaveLength(100_000);
    expect(ops.start.result.find((t) => t.name === "Timer")?.rows).toHaveLength(20_000);
    // The Build wrote the Oppfølging sheet (a ledger error does not stop it, as in the pane).
    expect(fake.model.sheets.map((s) => s.name)).toContain("Oppfølging");
    for (const { cost } of [ops.start, ops.build, ops.check]) {
      expect(cost.maxRequest).toBeLessThanOrEqual(LIMIT);
      expect(cost.maxResponse).toBeLessThanOrEqual(LIMIT);
    }
    // The ledger alone is over 5 MB of cells: it must have come in more than one block.
    expect(ops.start.cost.syncs).toBeGreaterThan(3);
  }, 300_000);
});
