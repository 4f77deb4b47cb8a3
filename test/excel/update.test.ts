/**
 * Round trips of a WHOLE build (read + the real engine + write) through OfficeWorkbook.update,
 * the one-batch path the task pane's Build uses, counted with jest.spyOn(context, "sync").
 *
 * Which double carries what, and why:
 * - The whole build is counted on the hand-written fake (./fakeExcel.ts). office-addin-mock 4's
 *   OfficeMockObject cannot carry it: it has no operation queue (a property set or a method
 *   called takes effect at once, not at the next sync, so "3 syncs" would measure nothing),
 *   its `load` understands only properties seeded beforehand (a collection's `items/name`
 *   fails: an array is a scalar to it), and it has none of the methods a write calls
 *   (worksheets.add, getRange by address, tables.add, names.add, formats, charts). Modelling
 *   those would mean writing the fake again inside the mock's seed.
 * - office-addin-mock does carry the READ half: a seeded context whose collections load their
 *   `items` through the mock's own load, and whose tables hand out header/body/worksheet
 *   objects seeded as children of the context (so the context's own `sync` is what loads them).
 *   The read half of update() (up to the planner) and sheetStatus() are sync-counted on it.
 */
import { OfficeMockObject } from "office-addin-mock";
// The shared stub of office-addin-manifest is empty; the mock compares its host with OfficeApp.Outlook.
jest.mock("office-addin-manifest", () => ({ OfficeApp: { Excel: "excel", Outlook: "outlook" } }));
import { colLetters } from "../../src/core/a1";
import { build, examplePlanTables, hasErrors, type BuildResult } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { both } from "../../src/core/i18n";
import { markerName } from "../../src/core/workbook/marker";
import { WRITE_REFUSALS } from "../../src/core/workbook/messages";
import type { SheetStatus, TableData } from "../../src/core/workbook/types";
import { DATE_FORMAT } from "../../src/core/workbook/tableFormat";
import { tableInput } from "../../src/excel/layout";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { engineTables } from "./engineTables";
import { API_LEVEL } from "./fakeApi";
import { FakeContext, FakeExcel } from "./fakeExcel";

afterEach(() => jest.restoreAllMocks());

/** A fake workbook holding `tables` (written by the adapter itself, as an insert would). */
async function seeded(tables: TableData[]) {
  const fake = new FakeExcel();
  const wb = new OfficeWorkbook(fake.run);
  await wb.write([], tables);
  return { fake, wb };
}

/** The pane's planner: build, and write only when the inputs have no errors. */
const planner = (tables: TableData[]): BuildResult => {
  const result = build(tables);
  return hasErrors(result) ? { ...result, plans: [] } : result;
};

/** The same build as separate calls (state and reads twice), for comparison. */
async function separately(wb: OfficeWorkbook) {
  const tables = await wb.readTables();
  const status = await wb.sheetStatus(BASE_SHEETS);
  const result = planner(tables);
  if (result.plans.length > 0) await wb.write(result.plans);
  return { result, status };
}

describe("OfficeWorkbook.update: a whole build (read, engine, write) in one batch", () => {
  // The last: the write requests of a rebuild at ExcelApi 1.7, where the blocks go twice (onto
  // the new sheet, then in place; about 4.7 MB at 357 municipalities, over the adapter's
  // conservative 5 MB estimate). At 1.9 copyFrom sends them once: one request.
  const cases: [string, () => TableData[], number][] = [
    ["the 2009 example (7 municipalities)", () => examplePlanTables(), 1],
    ["357 municipalities × 10 years × 200 cost lines", () => engineTables(357, 10, 200), 2],
  ];

  it.each(cases)("%s: 5 syncs, first build and rebuild (at ExcelApi 1.7 one more per 5 MB the blocks written twice need), same workbook as the separate calls", async (label, tables, writesAt17) => {
    const one = await seeded(tables());
    const apart = await seeded(tables());
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    let seen: Record<string, SheetStatus> | null = null;
    const result = await one.wb.update(BASE_SHEETS, (read, status) => {
      seen = status;
      return planner(read);
    });
    const syncs = spy.mock.calls.length;
    expect(syncs).toBe(5); // state, table dimensions, table bodies, writes, the rebuild journal's removal (src/excel/swap.ts)
    expect(Math.max(...one.fake.contexts[one.fake.contexts.length - 1].requests)).toBeLessThanOrEqual(5_000_000);
    expect(result.plans.map((p) => p.name)).toEqual([...BASE_SHEETS]);
    expect(seen).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "absent"])));

    spy.mockClear();
    const expected = await separately(apart.wb);
    const separateSyncs = spy.mock.calls.length;
    expect(result).toEqual(expected.result);
    expect(one.fake.model.snapshot()).toEqual(apart.fake.model.snapshot());

    // A rebuild over the marked sheets (in place): still 5, and again the same as the separate calls.
    spy.mockClear();
    const again = await one.wb.update(BASE_SHEETS, (read, status) => {
      seen = status;
      return planner(read);
    });
    const rebuildSyncs = spy.mock.calls.length;
    const rebuildReq = one.fake.contexts[one.fake.contexts.length - 1].requests;
    // State, dimensions + chart names, bodies, writes (at ExcelApi 1.7 maybe two requests), the journal's removal.
    const writes = rebuildReq.slice(3, -1);
    expect(rebuildSyncs).toBe(4 + writes.length);
    expect(writes.length).toBe(API_LEVEL === "1.9" ? 1 : writesAt17);
    expect(Math.max(...rebuildReq)).toBeLessThanOrEqual(5_000_000);
    expect(seen).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "generated"])));
    await separately(apart.wb);
    expect(again).toEqual(result);
    expect(one.fake.model.snapshot()).toEqual(apart.fake.model.snapshot());
    console.log(`${label}: update ${syncs} syncs (rebuild ${rebuildSyncs}; separate calls ${separateSyncs}), rebuild requests ${rebuildReq.join(" + ")} bytes`);
  });

  it("above the request limit the writes are chunked: more syncs, the same workbook", async () => {
    const tables = engineTables(60, 5, 40);
    const whole = await seeded(tables);
    const chunked = await seeded(tables);
    const small = new OfficeWorkbook(chunked.fake.run, { maxRequestBytes: 40_000 });
    chunked.fake.requestLimit = 50_000;
    await whole.wb.update(BASE_SHEETS, planner);
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    await small.update(BASE_SHEETS, planner);
    expect(spy.mock.calls.length).toBeGreaterThan(4);
    expect(Math.max(...chunked.fake.contexts[chunked.fake.contexts.length - 1].requests)).toBeLessThanOrEqual(50_000);
    expect(chunked.fake.model.snapshot()).toEqual(whole.fake.model.snapshot());
  });

  it("a planner returning null (or no plans) writes nothing, in 3 syncs", async () => {
    const { fake, wb } = await seeded(examplePlanTables());
    const before = fake.model.snapshot();
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const tablesSeen: string[] = [];
    expect(await wb.update(BASE_SHEETS, (read) => (tablesSeen.push(...read.map((t) => t.name)), null))).toBeNull();
    const empty = await wb.update(BASE_SHEETS, () => ({ plans: [] }));
    expect(empty).toEqual({ plans: [] });
    expect(spy).toHaveBeenCalledTimes(6);
    expect(tablesSeen.sort()).toEqual(["Finansiering", "Kommuner", "Kostnader", "Parametere"]);
    expect(fake.model.snapshot()).toEqual(before);
  });

  it("refuses a user's sheet under a generated name with write()'s error, writing nothing", async () => {
    const { fake, wb } = await seeded(examplePlanTables());
    fake.model.addSheet("Finansieringsplan").touch(0, 0).value = "mine";
    const before = fake.model.snapshot();
    let status: Record<string, SheetStatus> = {};
    await expect(
      wb.update(BASE_SHEETS, (read, s) => {
        status = s;
        return build(read);
      }),
    ).rejects.toMatchObject({ name: "WriteError", texts: both(WRITE_REFUSALS.userSheet, { sheet: "Finansieringsplan" }) });
    expect(status.Finansieringsplan).toBe("user");
    expect(fake.model.snapshot()).toEqual(before);
  });

  it("input tables from the planner go in with the sheets (an insert-and-build)", async () => {
    const fake = new FakeExcel();
    const wb = new OfficeWorkbook(fake.run);
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const result = await wb.update(BASE_SHEETS, (read) => {
      expect(read).toEqual([]);
      const tables = examplePlanTables();
      return { ...build(tables), inputTables: tables };
    });
    // An empty workbook: the state, then (no table to read, new sheets for the inputs) the writes, and the journal's removal.
    expect(spy).toHaveBeenCalledTimes(3);
    expect(fake.model.tables.map((t) => t.name).sort()).toEqual(["Finansiering", "Kommuner", "Kostnader", "Parametere"]);
    expect(result.plans).toHaveLength(BASE_SHEETS.length);
    expect(await wb.sheetStatus(BASE_SHEETS)).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "generated"])));
  });
});

describe("OfficeWorkbook.readAll: the Check's read in one batch", () => {
  it("gives what readTables + sheetStatus + readSheets (of our sheets only) give, in 3 syncs instead of 7", async () => {
    const { fake, wb } = await seeded(examplePlanTables());
    await wb.update(BASE_SHEETS, planner);
    fake.model.sheet("Kommunebidrag")!.touch(3, 3).value = 42; // typed over
    fake.model.addSheet("Budsjett2");
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const names = [...BASE_SHEETS, "Budsjett2", "Nowhere"];
    const all = await wb.readAll(names);
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockClear();
    const tables = await wb.readTables();
    const status = await wb.sheetStatus(names);
    const sheets = await wb.readSheets(names.filter((n) => status[n] === "generated"));
    expect(spy).toHaveBeenCalledTimes(7);
    expect(all).toEqual({ tables, status, sheets });
    expect(status).toMatchObject({ Kommunebidrag: "generated", Budsjett2: "user", Nowhere: "absent" });
    // A user's sheet under a generated name is never read.
    expect(sheets.map((s) => s.name)).toEqual([...BASE_SHEETS]);
    expect(fake.reads.some((r) => r.sheet === "Budsjett2")).toBe(false);
  });
});

// ------------------------------------------------------------------ office-addin-mock

/** Office's view of a table's body: values as read, their types, and formats (dates are serials). */
function officeBody(t: TableData) {
  return {
    // Texts read back as typed (tableInput's leading apostrophe is for writing only).
    values: t.rows.map((r) => r.map((v) => (v === null ? "" : typeof v === "string" ? v : tableInput(v)))),
    valueTypes: t.rows.map((r) => r.map((v) => (v === null ? "Empty" : typeof v === "string" ? "String" : typeof v === "boolean" ? "Boolean" : v instanceof Date || typeof v === "number" ? "Double" : "Error"))),
    numberFormat: t.rows.map((r) => r.map((v) => (v instanceof Date ? DATE_FORMAT : "General"))),
  };
}

/**
 * An OfficeMockObject standing for Excel.RequestContext, seeded with sheets, marker names and
 * tables. Collections load their `items` through the mock's own load (so they are readable only
 * after the context's sync); each table's parts are children of the context under `parts`.
 */
function mockContext(sheets: string[], markers: string[], tables: TableData[]) {
  function loadItems(this: OfficeMockObject): OfficeMockObject {
    OfficeMockObject.prototype.load.call(this, "items");
    return this;
  }
  // Items of an array are plain values to the mock: the sheets' (empty) chart and table lists are plain too.
  const noCharts = () => ({ items: [], load() {
    return this;
  } });
  const tableItems: unknown[] = [];
  const parts: Record<string, unknown> = {};
  tables.forEach((t, i) => {
    const right = colLetters(t.left + t.headers.length - 1);
    parts[`header${i}`] = { address: `${t.sheet}!${colLetters(t.left)}${t.top + 1}:${right}${t.top + 1}`, values: [t.headers] };
    const bottom = t.top + 1 + t.rows.length;
    parts[`body${i}`] = { address: `${t.sheet}!${colLetters(t.left)}${t.top + 2}:${right}${bottom}` };
    // The adapter reads the header row with the body; the sheet's used range is the table.
    const body = officeBody(t);
    parts[`block${i}`] = { values: [t.headers, ...body.values], valueTypes: [t.headers.map(() => "String"), ...body.valueTypes], numberFormat: [t.headers.map(() => "General"), ...body.numberFormat] };
    parts[`used${i}`] = { address: `${t.sheet}!${colLetters(t.left)}${t.top + 1}:${right}${bottom}` };
    parts[`sheet${i}`] = { name: t.sheet };
  });
  const ctx = new OfficeMockObject({
    workbook: {
      worksheets: { items: sheets.map((name, i) => ({ name, id: `{${i}}`, position: i, charts: noCharts(), tables: noCharts() })), load: loadItems },
      tables: { items: tableItems, load: loadItems },
      names: { items: markers.map((s) => ({ name: markerName(s), type: "Range", value: `${s}!$A$1` })), load: loadItems },
    },
    parts,
  });
  // The array is held by reference: the items can point at the context's seeded children now.
  // A block read through the sheet gives the header and the whole body: the mock knows no
  // addresses (these tables are read in one block each, so that is what the adapter asks for).
  tables.forEach((_, i) => {
    ctx.parts[`sheet${i}`].getRange = () => ctx.parts[`block${i}`];
    ctx.parts[`sheet${i}`].getUsedRangeOrNullObject = () => ctx.parts[`used${i}`];
    // Office.js gives isNullObject with any load; the mock would want it loaded by name.
    ctx.parts[`used${i}`].isNullObject = false;
  });
  tables.forEach((t, i) =>
    tableItems.push({
      name: t.name,
      worksheet: ctx.parts[`sheet${i}`],
      getHeaderRowRange: () => ctx.parts[`header${i}`],
      getDataBodyRange: () => ctx.parts[`body${i}`],
    }),
  );
  const run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => batch(ctx as unknown as Excel.RequestContext);
  return { ctx, run };
}

describe("OfficeWorkbook on office-addin-mock's OfficeMockObject (the read half)", () => {
  const cases: [string, () => TableData[]][] = [
    ["the 2009 example", () => examplePlanTables()],
    ["357 municipalities × 10 years × 200 cost lines", () => engineTables(357, 10, 200)],
  ];

  it.each(cases)("%s: update reads tables and status in 3 syncs and hands the planner what readTables gives", async (_label, make) => {
    const tables = make();
    const { ctx, run } = mockContext(["Inndata", "Parametere", "Budsjett", "Kommunebidrag"], ["Budsjett"], tables);
    const wb = new OfficeWorkbook(run, { useRangeAreas: true });
    const spy = jest.spyOn(ctx, "sync");
    let seen: { tables: TableData[]; status: Record<string, SheetStatus> } | null = null;
    const out = await wb.update(BASE_SHEETS, (read, status) => {
      seen = { tables: read, status };
      return null;
    });
    expect(out).toBeNull();
    expect(spy).toHaveBeenCalledTimes(3);
    expect(seen!.status).toEqual({ Budsjett: "generated", Finansieringsplan: "absent", Kommunebidrag: "user" });
    // The mock hands back exactly what was seeded: the engine's input, dates included.
    expect(seen!.tables).toEqual(tables.map(({ name, sheet, top, left, headers, rows }) => ({ name, sheet, top, left, headers, rows })));
    expect(build(seen!.tables).findings.filter((f) => f.severity === "error")).toEqual([]);
    spy.mockClear();
    expect(await wb.readTables()).toEqual(seen!.tables);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it("sheetStatus (markers) is one sync", async () => {
    const { ctx, run } = mockContext(["Budsjett", "Kommunebidrag", "Inndata"], ["Budsjett", "Finansieringsplan"], []);
    const spy = jest.spyOn(ctx, "sync");
    const status = await new OfficeWorkbook(run, { useRangeAreas: true }).sheetStatus(BASE_SHEETS);
    expect(spy).toHaveBeenCalledTimes(1);
    // Finansieringsplan's marker is stale (no such sheet): absent, not generated.
    expect(status).toEqual({ Budsjett: "generated", Finansieringsplan: "absent", Kommunebidrag: "user" });
  });

  it("reading before the sync fails, as in Excel: the mock enforces load-then-sync", async () => {
    const { ctx } = mockContext(["Inndata"], [], examplePlanTables());
    const c = ctx as unknown as Excel.RequestContext;
    const sheets = c.workbook.worksheets.load("items/name");
    expect(Array.isArray(sheets.items)).toBe(false);
    await c.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(["Inndata"]);
  });
});
