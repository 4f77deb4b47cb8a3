/**
 * `kbr`'s writer runs core's plan validation before any edit, as the task pane does: an invalid
 * plan is refused with the rule's message in both languages and the package is left as it was.
 */
import { build, examplePlanTables } from "../../src/core/engine";
import { both } from "../../src/core/i18n";
import { PLAN_ERRORS } from "../../src/core/workbook/messages";
import type { SheetPlan } from "../../src/core/workbook/types";
import { LocalizedError } from "../../src/xlsx/messages";
import { openPackage } from "../../src/xlsx/package/opc";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { richWorkbook, unzip } from "./packageKit";

const plans: SheetPlan[] = build(examplePlanTables()).plans;

describe("kbr's write path validates the plan", () => {
  it("refuses a plan with an invalid sheet name, naming it, and changes nothing", async () => {
    const bytes = await richWorkbook();
    const book = new PackageWorkbook(await openPackage(bytes));
    const bad = [...plans.slice(0, 1), { ...plans[1], name: "Finans/plan" }];
    const err = await book.write(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocalizedError);
    expect((err as LocalizedError).texts).toEqual(both(PLAN_ERRORS.badSheetName, { sheet: "Finans/plan" }));
    // Nothing written: not even the valid first plan's sheet.
    const before = await unzip(bytes);
    const after = await unzip(await book.toBytes());
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, data] of before) expect(Buffer.compare(Buffer.from(after.get(name)!), Buffer.from(data))).toBe(0);
  });

  it("refuses two plans for one sheet", async () => {
    const book = new PackageWorkbook(await openPackage(await richWorkbook()));
    await expect(book.write([plans[0], { ...plans[0], name: plans[0].name.toUpperCase() }])).rejects.toMatchObject({ texts: both(PLAN_ERRORS.duplicateSheet, { sheet: plans[0].name.toUpperCase() }) });
  });

  it("writes the same plans when they are valid", async () => {
    const book = new PackageWorkbook(await openPackage(await richWorkbook()));
    await book.write(plans);
    expect(await book.sheetStatus(plans.map((p) => p.name))).toEqual(Object.fromEntries(plans.map((p) => [p.name, "generated"])));
  });
});
