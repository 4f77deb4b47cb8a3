/**
 * Round trips and payloads of the task pane's three operations (pane start = readTables, Build =
 * update, Check = readAll) through the Office.js adapter, on the Excel double of test/excel:
 * syncs, and the largest request and response in bytes (JSON size, as the double measures them).
 * Excel on the web refuses either above 5 MB; the bench fails when one is above.
 *
 *   1. the 2009 plan in a workbook that also holds an unrelated 50 000 × 10 table of the user's;
 *   2. 357 municipalities × 10 years × 200 cost lines, rebuild at ExcelApi 1.9 and 1.7;
 *   3. 2 000 municipalities × 20 years × 200 cost lines (first build, rebuild, check);
 *   4. the 2009 plan with Kommuner's table over whole columns (A1:C1048576) and over the whole
 *      sheet (issue 13): it is read by its used rows (cells of it loaded are reported);
 *   5. 357 municipalities × 10 years with the follow-up tables: 100 000 Regnskap rows, 20 000
 *      Timer rows (issue 15).
 *
 * Runs alone (`npx ts-node --transpile-only bench/excel.bench.ts`) or from bench/index.ts.
 */
import { examplePlanTables, GENERATED_SHEETS } from "../src/core/engine";
import { bigRegion } from "../test/fixtures/regions";
import { followUpRows } from "../test/fixtures/followupRows";
import { seedFollowUp } from "../test/excel/followupTables";
import { addUserTable, formatCost, measure, paneOperations, planner, workbookWith, type Cost } from "../test/excel/userWorkbook";

const LIMIT = 5_000_000;
let failed = false;

function report(title: string, rows: [string, Cost][]): void {
  console.log(title);
  for (const [label, cost] of rows) {
    const over = cost.maxRequest > LIMIT || cost.maxResponse > LIMIT;
    if (over) failed = true;
    console.log(`${formatCost(`  ${label}`, cost)}${over ? "  ABOVE 5 MB" : ""}`);
  }
}

async function main(): Promise<void> {
  {
    const { fake, wb } = await workbookWith(examplePlanTables());
    addUserTable(fake, 50_000);
    const ops = await paneOperations(fake, wb);
    const rebuild = await measure(fake, () => wb.update(GENERATED_SHEETS, planner));
    if (fake.reads.some((r) => r.sheet === "Salgsdata")) {
      failed = true;
      console.log("  the user's table was read");
    }
    report("2009 plan + an unrelated 50 000 × 10 table of the user's:", [
      ["pane start (readTables)", ops.start.cost],
      ["Build (update), first", ops.build.cost],
      ["Build (update), rebuild", rebuild.cost],
      ["Check (readAll)", ops.check.cost],
    ]);
  }
  for (const level of ["1.9", "1.7"] as const) {
    const { fake, wb } = await workbookWith(bigRegion(), { level });
    const ops = await paneOperations(fake, wb);
    const rebuild = await measure(fake, () => wb.update(GENERATED_SHEETS, planner));
    report(`357 municipalities × 10 years × 200 cost lines, ExcelApi ${level === "1.9" ? "1.9 (copyFrom)" : "1.7 (no copyFrom)"}:`, [
      ["pane start (readTables)", ops.start.cost],
      ["Build (update), first", ops.build.cost],
      ["Build (update), rebuild", rebuild.cost],
      ["Check (readAll)", ops.check.cost],
    ]);
  }
  {
    const t0 = Date.now();
    const { fake, wb } = await workbookWith(bigRegion({ municipalities: 2000, years: 20, costLines: 200 }));
    const ops = await paneOperations(fake, wb);
    const rebuild = await measure(fake, () => wb.update(GENERATED_SHEETS, planner));
    report(`2 000 municipalities × 20 years × 200 cost lines (${((Date.now() - t0) / 1000).toFixed(0)} s on the double):`, [
      ["pane start (readTables)", ops.start.cost],
      ["Build (update), first", ops.build.cost],
      ["Build (update), rebuild", rebuild.cost],
      ["Check (readAll)", ops.check.cost],
    ]);
  }
  for (const [label, right] of [["whole columns (A1:C1048576)", 2], ["the whole sheet (A1:XFD1048576)", 16383]] as const) {
    const t0 = Date.now();
    const tables = examplePlanTables().map((t) => (t.name === "Kommuner" ? { ...t, sheet: "Kommuneliste", top: 0, left: 0 } : t));
    const { fake, wb } = await workbookWith(tables);
    const table = fake.model.tables.find((t) => t.name === "Kommuner")!;
    table.rect = { ...table.rect, bottom: 1048575, right };
    const ops = await paneOperations(fake, wb);
    const cells = (sheet: string) => fake.reads.filter((r) => r.sheet === sheet).reduce((n, { rect: r }) => n + (r.bottom - r.top + 1) * (r.right - r.left + 1), 0);
    report(`2009 plan, Kommuner over ${label} (${Date.now() - t0} ms on the double):`, [
      ["pane start (readTables)", ops.start.cost],
      ["Build (update), first", ops.build.cost],
      ["Check (readAll)", ops.check.cost],
    ]);
    console.log(`  cells of Kommuner's sheet loaded by the Check: ${cells("Kommuneliste")}`);
  }
  {
    const budget = bigRegion();
    const { fake, wb } = await workbookWith(budget);
    seedFollowUp(fake, followUpRows(budget, 100_000, 20_000));
    const ops = await paneOperations(fake, wb);
    const rebuild = await measure(fake, () => wb.update(GENERATED_SHEETS, planner));
    // The Build must have written the Oppfølging sheet, else its figures measure less than the pane does.
    if (!ops.build.result.followUp || !fake.model.sheets.some((s) => s.name === "Oppfølging")) {
      failed = true;
      console.log("  the build wrote no Oppfølging sheet");
    }
    report("357 municipalities × 10 years + 100 000 Regnskap rows and 20 000 Timer rows:", [
      ["pane start (readTables)", ops.start.cost],
      ["Build (update), first", ops.build.cost],
      ["Build (update), rebuild", rebuild.cost],
      ["Check (readAll)", ops.check.cost],
    ]);
  }
}

main().then(
  () => {
    process.exitCode = failed ? 1 : 0;
  },
  (e) => {
    console.error(e);
    process.exitCode = 1;
  },
);
