import { markerName } from "../../src/core/workbook/marker";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { WriteError } from "../../src/excel/messages";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { API_LEVEL, type ApiLevel } from "./fakeApi";
import { addrOf, FakeContext, FakeExcel, type FSheet, type Target } from "./fakeExcel";
import { inputTables, makePlans, seedTables } from "./plans";

const GENERATED = ["Budsjett", "Finansieringsplan", "Kommunebidrag"];

/** An Excel at the run's API level (or `level`); `inputs` seeds the input tables the plans refer to. */
function setup(opts: { level?: ApiLevel; maxRequestBytes?: number; inputs?: boolean } = {}) {
  const fake = new FakeExcel(undefined, opts.level);
  const wb = new OfficeWorkbook(fake.run, { maxRequestBytes: opts.maxRequestBytes });
  if (opts.inputs) seedTables(fake.model, inputTables(7, 10, 6));
  return { fake, wb, model: fake.model };
}

/** Values/formulas of a sheet as a plain map, for comparing two writes. */
function content(s: FSheet) {
  return Object.fromEntries([...s.cells.entries()].map(([k, c]) => [k, c]));
}

afterEach(() => jest.restoreAllMocks());

describe("OfficeWorkbook.write: round trips", () => {
  it("does a whole build in at most 3 syncs: 7 municipalities, 3 years", async () => {
    const { fake, wb, model } = setup();
    await wb.write([], inputTables(7, 3, 6));
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    await wb.write(makePlans(7, 3, 6));
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    expect(spy).toHaveBeenCalledTimes(3); // state + writes + the rebuild journal's removal (src/excel/swap.ts)
    expect(model.sheets.map((s) => s.name)).toEqual(["Inndata", "Parametere", ...GENERATED]);
    console.log(`small build: ${spy.mock.calls.length} syncs, requests ${fake.contexts[fake.contexts.length - 1].requests.join(" + ")} bytes`);
  });

  it("does a whole build in at most 3 syncs: 357 municipalities, 10 years, 200 cost lines, within 5 MB per request (a rebuild at ExcelApi 1.7: 4)", async () => {
    const { fake, wb, model } = setup();
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    await wb.write(makePlans(357, 10, 200), inputTables(357, 10, 200));
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    const req = fake.contexts[0].requests;
    expect(Math.max(...req)).toBeLessThanOrEqual(5_000_000);
    const k = model.sheet("Kommunebidrag")!;
    expect(k.cell(358, 0)?.value).toBe("Sum");
    expect(k.cell(358, 1)?.formula).toBe("=SUM(B2:B358)");
    console.log(`large build: ${spy.mock.calls.length} syncs, requests ${req.join(" + ")} bytes`);
    // A rebuild over the marked sheets: state, their chart names, writes. At ExcelApi 1.9 the
    // writes are one request (copyFrom puts the new sheet onto the old one); at 1.7 the blocks go
    // twice (onto the new sheet, then in place), over 5 MB here, so they need a second request.
    spy.mockClear();
    await wb.write(makePlans(357, 10, 200));
    const again = fake.contexts[fake.contexts.length - 1].requests;
    console.log(`large rebuild: ${spy.mock.calls.length} syncs, requests ${again.join(" + ")} bytes`);
    // The last request removes the rebuild journal, alone (src/excel/swap.ts says why).
    const writes = again.slice(2, -1);
    expect(again[again.length - 1]).toBeLessThan(1000);
    expect(spy.mock.calls.length).toBe(3 + writes.length);
    expect(writes.length).toBe(API_LEVEL === "1.9" ? 1 : 2);
    expect(writes.length).toBe(Math.ceil(writes.reduce((a, b) => a + b, 0) / 5_000_000)); // no more than the bytes need
    expect(Math.max(...again)).toBeLessThanOrEqual(5_000_000);
    expect(fake.suspends).toBeGreaterThanOrEqual(2);
  });

  it("splits writes above the request limit into chunks, one sync each, with the same result", async () => {
    const plans = makePlans(60, 5, 40);
    const whole = setup({ inputs: true });
    await whole.wb.write(plans);
    const chunked = setup({ maxRequestBytes: 40_000, inputs: true });
    chunked.fake.requestLimit = 50_000; // the fake refuses what Excel on the web would, scaled down
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    await chunked.wb.write(plans);
    const req = chunked.fake.contexts[0].requests;
    expect(spy.mock.calls.length).toBeGreaterThan(3);
    expect(Math.max(...req)).toBeLessThanOrEqual(50_000);
    const total = req.slice(1).reduce((a, b) => a + b, 0);
    expect(req.length - 1).toBeLessThanOrEqual(Math.ceil(total / 40_000) + 3); // + the journal's removal
    for (const n of GENERATED) expect(content(chunked.model.sheet(n)!)).toEqual(content(whole.model.sheet(n)!));
    // Without chunking the same write is refused by the size limit.
    const unchunked = setup({ maxRequestBytes: 10_000_000, inputs: true });
    unchunked.fake.requestLimit = 50_000;
    await expect(unchunked.wb.write(plans)).rejects.toBeInstanceOf(WriteError);
  });
});

describe("OfficeWorkbook.write: what it writes", () => {
  it("draws a chart of kind bar as clustered bars (the Scenarier sheet), columns otherwise", async () => {
    const { wb, model } = setup();
    const plans = makePlans(7, 3, 6);
    const k = plans.find((p) => p.name === "Kommunebidrag")!;
    plans.push({ ...k, name: "Scenarier", chart: { ...k.chart!, kind: "bar" }, names: [] });
    await wb.write(plans, inputTables(7, 3, 6));
    expect(model.sheet("Scenarier")!.charts.map((c) => c.type)).toEqual(["BarClustered"]);
    expect(model.sheet("Kommunebidrag")!.charts.map((c) => c.type)).toEqual(["ColumnClustered"]);
  });

  it("writes values, formulas, formats, widths, hidden columns, freeze, chart and marker", async () => {
    const { wb, model } = setup();
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    const b = model.sheet("Budsjett")!;
    expect(b.cell(0, 2)?.value).toBe("2009"); // text kept as text (quote prefix), not the number 2009
    expect(b.cell(0, 0)).toMatchObject({ value: "Kostnadspost", bold: true, fill: "#DDEBF7", align: "Left" });
    expect(b.cell(1, 2)).toMatchObject({ formula: "=INDEX(Kostnader[2009],1)", numberFormat: "#,##0" });
    expect(b.cell(7, 3)).toMatchObject({ borderTop: true, bold: true });
    expect(b.cell(6, 3)?.borderTop).toBeUndefined();
    expect(b.widths.get(0)).toBeCloseTo((28 * 7 + 5) * 0.75);
    expect(b.frozenRows).toBe(1);
    const k = model.sheet("Kommunebidrag")!;
    expect([...k.hidden].sort((x, y) => x - y)).toEqual([6, 7, 12, 13, 18, 19]);
    expect(k.charts).toHaveLength(1);
    expect(k.charts[0]).toMatchObject({ type: "ColumnClustered", title: "Kommunebidrag per år" });
    const a = (t?: Target) => t && addrOf(t.sheet, t.rect);
    expect(k.charts[0].series.map((s) => [s.name, a(s.values), a(s.xValues)])).toEqual([
      ["2009", "Kommunebidrag!E2:E8", "Kommunebidrag!A2:A8"],
      ["2010", "Kommunebidrag!K2:K8", "Kommunebidrag!A2:A8"],
      ["2011", "Kommunebidrag!Q2:Q8", "Kommunebidrag!A2:A8"],
    ]);
    // The cross-sheet formula bound to the final Budsjett (written after the swap).
    expect(model.sheet("Finansieringsplan")!.cell(1, 2)?.formula).toBe("=Budsjett!C8-SUM(Finansiering[2009])");
    expect(await wb.sheetStatus(GENERATED)).toEqual({ Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" });
    expect(model.sheets.some((s) => s.name.startsWith("~kbr"))).toBe(false);
  });

  it("formats the same without getRanges (ExcelApi 1.7), one call per rectangle", async () => {
    const a = setup({ level: "1.9", inputs: true });
    const b = setup({ level: "1.7", inputs: true });
    await a.wb.write(makePlans(7, 3, 6));
    await b.wb.write(makePlans(7, 3, 6));
    for (const n of GENERATED) expect(content(b.model.sheet(n)!)).toEqual(content(a.model.sheet(n)!));
  });

  it("replaces marked sheets in place (same sheets, same position) and leaves the input tables untouched", async () => {
    const { wb, model } = setup();
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    model.addSheet("Notater");
    const ids = GENERATED.map((n) => model.sheet(n)!.id);
    const order = model.sheets.map((s) => s.name);
    const inputs = JSON.stringify({ t: model.tables.map((t) => [t.name, t.rect]), c: [...model.sheet("Inndata")!.cells], p: [...model.sheet("Parametere")!.cells] });
    await wb.write(makePlans(7, 3, 6));
    expect(model.sheets.map((s) => s.name)).toEqual(order);
    // The same sheets (a reference to them stays valid), with the new content.
    GENERATED.forEach((n, i) => expect(model.sheet(n)!.id).toBe(ids[i]));
    expect(model.sheet("Budsjett")!.cell(7, 0)?.value).toBe("Sum");
    expect(model.sheet("Kommunebidrag")!.charts).toHaveLength(1);
    expect(JSON.stringify({ t: model.tables.map((t) => [t.name, t.rect]), c: [...model.sheet("Inndata")!.cells], p: [...model.sheet("Parametere")!.cells] })).toBe(inputs);
    expect(model.names.filter((n) => n.name.startsWith("KBR_GENERERT_")).map((n) => [n.name, n.sheet?.name])).toEqual(
      GENERATED.map((n) => [markerName(n), n]),
    );
  });
});

describe("OfficeWorkbook.write: refusals write nothing", () => {
  it("refuses when a user's sheet is named Budsjett", async () => {
    const { wb, model } = setup();
    model.addSheet("Budsjett").touch(0, 0).value = "mine";
    const before = model.snapshot();
    const err = await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6)).catch((e) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(err.texts["nb-NO"]).toContain("«Budsjett»");
    expect(err.texts["en-US"]).toContain("nothing was written");
    expect(err.written).toEqual([]);
    expect(model.snapshot()).toEqual(before);
  });

  it("treats a renamed copy or a stale marker as a user's sheet", async () => {
    const { wb, model } = setup({ inputs: true });
    await wb.write(makePlans(7, 3, 6));
    model.sheet("Budsjett")!.name = "Budsjett gammel";
    model.addSheet("Budsjett");
    expect((await wb.sheetStatus(["Budsjett", "Budsjett gammel", "Finansieringsplan", "Nope"]))).toEqual({
      Budsjett: "user", "Budsjett gammel": "user", Finansieringsplan: "generated", Nope: "absent",
    });
  });

  it("never writes over an existing table when inserting the example data", async () => {
    const { wb, model } = setup();
    model.seedTable("Ark1", "Kommuner", 0, 0, ["Kommune", "Innbyggere"], [["Tinn", 6066]]);
    const before = model.snapshot();
    const err = await wb.write([], inputTables(7, 3, 6)).catch((e) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(err.texts["en-US"]).toContain('"Kommuner" already exists');
    expect(model.snapshot()).toEqual(before);
  });

  it("refuses a table area that is not empty on an existing sheet, within 3 syncs", async () => {
    const { wb, model } = setup();
    model.addSheet("Inndata").touch(12, 1).value = "notat";
    const before = model.snapshot();
    const spy = jest.spyOn(FakeContext.prototype, "sync");
    const err = await wb.write([], inputTables(7, 3, 6)).catch((e) => e);
    expect(err.texts["nb-NO"]).toContain("Kostnader");
    expect(spy.mock.calls.length).toBeLessThanOrEqual(3);
    expect(model.snapshot()).toEqual(before);
  });

  it("rejects bad input before touching Excel, naming the table and column", async () => {
    const { fake, wb } = setup();
    const bad: TableData = { name: "Kommuner", sheet: "Inndata", top: 0, left: 0, headers: ["Kommune", " kommune "], rows: [] };
    await expect(wb.write([], [bad])).rejects.toThrow(/Table "Kommuner": column 2/);
    const badName: SheetPlan = { name: "Bud[sjett]", cells: [], columnWidths: [], freezeRows: 0 };
    await expect(wb.write([badName])).rejects.toThrow(/not a valid sheet name/);
    expect(fake.syncs).toBe(0);
  });
});

describe("OfficeWorkbook.write: failure part-way", () => {
  it("a failure while writing the new sheets leaves the old ones intact and removes the temporary sheets", async () => {
    const { fake, wb, model } = setup();
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    const before = model.snapshot();
    let n = 0;
    fake.failWhen = (label, sync) => sync > 0 && label === "range.formulas" && ++n === 2; // the 2nd sheet's values
    const err = await wb.write(makePlans(8, 3, 6)).catch((e) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(err.written).toEqual([]);
    expect(err.texts["en-US"]).toMatch(/injected failure.*Written: sheets none/);
    expect(model.snapshot()).toEqual(before);
  });

  it.each([
    ["with copyFrom (ExcelApi 1.9)", "1.9" as ApiLevel, "range.copyFrom"],
    ["without copyFrom (ExcelApi 1.7)", "1.7" as ApiLevel, "range.clear"],
  ])("a failure halfway through the swap (%s) is finished from the complete temporary sheets, in place", async (_label, level, op) => {
    const { fake, wb, model } = setup({ level });
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    const oldIds = GENERATED.map((s) => model.sheet(s)!.id);
    const whole = setup({ level });
    await whole.wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    await whole.wb.write(makePlans(8, 3, 7));
    let n = 0;
    // Budsjett is swapped, Finansieringsplan is not: the swap stops halfway.
    fake.failWhen = (label) => label === op && ++n === 2;
    const err: WriteError = await wb.write(makePlans(8, 3, 7)).catch((e) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(err.written).toEqual(GENERATED);
    expect(err.code).toBe("finished");
    expect(err.texts["nb-NO"]).toContain("arkene «Budsjett», «Finansieringsplan», «Kommunebidrag» har nå det nye innholdet");
    // The same sheets as before, each with the whole new content: as a write that never failed.
    GENERATED.forEach((s, i) => expect(model.sheet(s)!.id).toBe(oldIds[i]));
    for (const s of GENERATED) expect(content(model.sheet(s)!)).toEqual(content(whole.model.sheet(s)!));
    expect(model.sheet("Kommunebidrag")!.charts.map((c) => c.name)).toEqual(["KBR_DIAGRAM_Kommunebidrag"]);
    expect(model.sheets.some((s) => s.name.startsWith("~kbr"))).toBe(false);
    expect(await wb.sheetStatus(GENERATED)).toEqual({ Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" });
  });

  it.each([
    ["with copyFrom (ExcelApi 1.9)", "1.9" as ApiLevel, "range.copyFrom"],
    ["without copyFrom (ExcelApi 1.7)", "1.7" as ApiLevel, "range.clear"],
  ])("when the swap cannot be finished (%s), says where the complete new content is and keeps it", async (_label, level, op) => {
    const { fake, wb, model } = setup({ level });
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    const oldIds = GENERATED.map((s) => model.sheet(s)!.id);
    let n = 0;
    // From Finansieringsplan on, every copy (1.9) or clear before the blocks (1.7) fails, in the
    // write and in the recovery.
    fake.failAlways = (label) => label === op && ++n >= 2;
    const err: WriteError = await wb.write(makePlans(8, 3, 7)).catch((e) => e);
    fake.failAlways = undefined;
    expect(err).toBeInstanceOf(WriteError);
    expect(err.code).toBe("unfinished");
    const temps = model.sheets.filter((s) => s.name.startsWith("~kbr")).map((s) => s.name);
    expect(temps).toEqual(["~kbr1 Finansieringsplan", "~kbr1 Kommunebidrag"]);
    for (const t of temps) {
      expect(err.texts["en-US"]).toContain(`"${t}"`);
      expect(err.texts["nb-NO"]).toContain(`«${t}»`);
    }
    expect(err.texts["en-US"]).toContain('New: "Budsjett".');
    expect(model.sheet("~kbr1 Finansieringsplan")!.cell(1, 0)?.value).toBe("Differanse");
    expect(model.names.some((n) => n.name === "KBR_REBUILD")).toBe(true);
    GENERATED.forEach((s, i) => expect(model.sheet(s)!.id).toBe(oldIds[i]));
    // The next build finishes the job and removes the temporary sheets and the journal.
    await wb.write(makePlans(8, 3, 7));
    expect(model.sheet("Finansieringsplan")!.cell(1, 0)?.value).toBe("Differanse");
    expect(model.sheets.filter((s) => s.name.startsWith("~kbr"))).toEqual([]);
    expect(model.names.some((n) => n.name === "KBR_REBUILD")).toBe(false);
    expect(await wb.sheetStatus(GENERATED)).toEqual({ Budsjett: "generated", Finansieringsplan: "generated", Kommunebidrag: "generated" });
  });
});

describe("OfficeWorkbook reading", () => {
  it("reads tables back as written (blanks null, errors, dates from date formats)", async () => {
    const { wb } = setup();
    const tables = inputTables(7, 3, 6);
    await wb.write([], tables);
    const read = await wb.readTables();
    expect(read).toEqual(tables);
  });

  it("tells a text reading #N/A from the error, and positions from the header address", async () => {
    const { wb, model } = setup();
    model.seedTable("Ark 1", "Kommuner", 3, 2, ["A", "B"], [["#N/A", { error: "#DIV/0!" }], [45000, true]], [[undefined, undefined], ["dd.mm.yyyy", undefined]]);
    const [t] = await wb.readTables();
    expect(t).toEqual({ name: "Kommuner", sheet: "Ark 1", top: 3, left: 2, headers: ["A", "B"], rows: [["#N/A", { error: "#DIV/0!" }], [new Date(Date.UTC(2023, 2, 15)), true]] });
  });

  it("reads generated sheets from A1 with formulas, leaving missing sheets out", async () => {
    const { wb, model } = setup();
    const s = model.addSheet("Budsjett");
    s.touch(1, 1).value = 5;
    Object.assign(s.touch(2, 2), { value: 10, formula: "=B2*2" });
    const [d, ...rest] = await wb.readSheets(["Budsjett", "Kommunebidrag"]);
    expect(rest).toEqual([]);
    expect(d.name).toBe("Budsjett");
    expect(d.rows[0]).toEqual([]);
    expect(d.rows[1]).toEqual([{ value: null }, { value: 5 }, { value: null }]);
    expect(d.rows[2][2]).toEqual({ value: 10, formula: "=B2*2" });
  });
});

describe("OfficeWorkbook.write: what an earlier rebuild left", () => {
  it("temporary sheets without a journal (an earlier version's, or a cut preparation) are removed by the next rebuild", async () => {
    const { wb, model } = setup();
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    model.addSheet("~kbr1+ Budsjett").touch(0, 0).value = "old leftover";
    model.addSheet("~kbr2 Kommunebidrag");
    model.addSheet("~kbr1 Mine notater").touch(0, 0).value = "not ours: no generated sheet of that name";
    await wb.write(makePlans(8, 3, 7));
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith("~"))).toEqual(["~kbr1 Mine notater"]);
    expect(model.names.some((n) => n.name === "KBR_REBUILD")).toBe(false);
  });

  it("an unfinished rebuild of a sheet this write does not plan is refused (code pending), nothing written", async () => {
    const { wb, model } = setup();
    await wb.write(makePlans(7, 3, 6), inputTables(7, 3, 6));
    model.addSheet("~kbr1 Scenarier").touch(0, 0).value = "complete new content";
    model.names.push({ name: "KBR_REBUILD", sheet: null, address: "", constant: "v1/abc/1n0:Scenarier", hidden: true });
    const before = model.snapshot();
    const err: WriteError = await wb.write(makePlans(8, 3, 7)).catch((e) => e);
    expect(err).toBeInstanceOf(WriteError);
    expect(err.code).toBe("pending");
    expect(err.texts["nb-NO"]).toContain("«Scenarier»");
    expect(err.texts["en-US"]).toContain('"~kbr1 Scenarier"');
    expect(model.snapshot()).toEqual(before);
  });
});
