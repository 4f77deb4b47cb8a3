/**
 * The Excel double refuses what Excel refuses (API level, formulas, names), so that the adapter's
 * tests can fail where Excel would. Runs at both levels (jest projects "excel 1.9", "excel 1.7").
 */
import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import { checkRequirements } from "../../src/excel/requirements";
import { OfficeWorkbook } from "../../src/excel/workbook";
import { WriteError } from "../../src/excel/messages";
import { readFileSync } from "node:fs";
import { API_LEVEL, apiNotFound, MEMBER_LEVELS } from "./fakeApi";
import { FakeExcel } from "./fakeExcel";
import { checkFormula, parseStructured, type FormulaWorkbook } from "./fakeFormulas";

/** Runs one batch against `fake` and syncs. */
async function batch(fake: FakeExcel, f: (ctx: Excel.RequestContext) => void): Promise<void> {
  await fake.run(async (ctx) => {
    f(ctx);
    await ctx.sync();
  });
}

describe(`the double at the run's level (ExcelApi ${API_LEVEL})`, () => {
  it("answers isSetSupported for its level, and the pane's requirement check follows it", () => {
    const fake = new FakeExcel();
    expect(fake.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(fake.isSetSupported("ExcelApi", "1.9")).toBe(API_LEVEL === "1.9");
    expect(fake.isSetSupported("ExcelApi", "1.10")).toBe(false);
    const check = checkRequirements();
    expect(check.ok).toBe(true);
    expect(check.missingOptional).toEqual(API_LEVEL === "1.9" ? [] : ["ExcelApi 1.9"]);
  });

  it("an adapter forced to use getRanges and pageLayout works only at 1.9; with its defaults it works at both", async () => {
    const forced = new FakeExcel();
    const wb = new OfficeWorkbook(forced.run, { useRangeAreas: true, usePageLayout: true });
    const insert = wb.write([], examplePlanTables());
    if (API_LEVEL === "1.9") await expect(insert).resolves.toBeUndefined();
    else await expect(insert).rejects.toThrow(/ApiNotFound.*worksheet\.pageLayout.*ExcelApi 1\.9/);

    const fake = new FakeExcel();
    const ok = new OfficeWorkbook(fake.run);
    await ok.write([], examplePlanTables());
    await ok.write(build(await ok.readTables()).plans);
    expect(await ok.sheetStatus(BASE_SHEETS)).toEqual(Object.fromEntries(BASE_SHEETS.map((n) => [n, "generated"])));
    expect(fake.model.sheets.every((s) => (s.page !== undefined) === (API_LEVEL === "1.9") || !BASE_SHEETS.includes(s.name as never))).toBe(true);
  });
});

describe("the double at an explicit level", () => {
  it("1.7: getRanges and pageLayout fail at the sync with ApiNotFound, nothing of the batch is applied after", async () => {
    const fake = new FakeExcel(undefined, "1.7");
    fake.model.addSheet("Ark");
    await expect(batch(fake, (ctx) => ctx.workbook.worksheets.getItem("Ark").getRanges("A1:B2, D4").format.font.bold = true)).rejects.toThrow(/ApiNotFound/);
    await expect(batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Ark").pageLayout.orientation = "Landscape"))).rejects.toThrow(/ApiNotFound/);
    expect(fake.model.sheet("Ark")!.cell(0, 0)?.bold).toBeUndefined();
    expect(fake.model.sheet("Ark")!.page).toBeUndefined();
  });

  it("1.9: the same calls work", async () => {
    const fake = new FakeExcel(undefined, "1.9");
    fake.model.addSheet("Ark");
    await batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Ark").getRanges("A1:B2, D4").format.font.bold = true));
    await batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Ark").pageLayout.orientation = "Landscape"));
    expect(fake.model.sheet("Ark")!.cell(3, 3)?.bold).toBe(true);
    expect(fake.model.sheet("Ark")!.page?.orientation).toBe("Landscape");
  });
});

describe("formulas Excel refuses (InvalidArgument)", () => {
  const headers = ["Kommune", " Innbyggere ", "Beløp [kr]", "#Nr", "Bob's", "a.b"];
  const wb: FormulaWorkbook = {
    sheetExists: (n) => ["Inndata", "Mitt ark", "Bob's"].some((s) => s.toLowerCase() === n.toLowerCase()),
    tableColumns: (n) => (n.toLowerCase() === "kommuner" ? headers : undefined),
    tableAtCell: () => "Kommuner",
  };
  const accepted = [
    "=SUM(Kommuner[Kommune])",
    "=SUM(kommuner[KOMMUNE])",
    "=SUM(Kommuner[[ Innbyggere ]])",
    "=SUM(Kommuner[[Beløp '[kr']]])",
    "=SUM(Kommuner['#Nr])",
    "=SUM(Kommuner[[Bob''s]])",
    "=SUM(Kommuner[[a.b]])",
    "=Kommuner[[#This Row],[ Innbyggere ]]",
    "=Kommuner[@[ Innbyggere ]]",
    "=[@Kommune]",
    "=SUM(Kommuner[[Kommune]:['#Nr]])",
    "=SUM(Kommuner[#Totals])",
    "=SUM(Kommuner[ [#Data], [a.b] ])",
    "=Inndata!A1+'Mitt ark'!$B$2+'Bob''s'!C3",
    '=IF(A1="a;b",SUMIFS(Kommuner[Kommune],Kommuner[[a.b]],"x"),0)',
    "=SUM({1,2;3,4})",
    "=_xlfn.RANK.EQ(A1,A1:A3)+KBR.SPLIT(A1:A7)",
    "=1.5E+3*ROUND(A1,0)",
  ];
  it.each(accepted)("accepts %s", (f) => expect(() => checkFormula(f, wb)).not.toThrow());

  const refused: [string, RegExp][] = [
    ["=SUM(A1;A2)", /separates arguments with ;/],
    ["=SUMM(A1:A2)", /SUMM is not an Excel function/],
    ["=SUM(Kommunr[Kommune])", /no table Kommunr/],
    ["=SUM(Kommuner[Innbyggere])", /no column "Innbyggere"/],
    ["=SUM(Kommuner[ Innbyggere ])", /no column "Innbyggere"/],
    ["=SUM(Kommuner[[Innbyggere]])", /no column "Innbyggere"/],
    ["=SUM(Kommuner[a.b])", /needs double brackets/],
    ["=SUM(Kommuner[[Beløp [kr]]])", /unescaped/],
    ["=SUM(Kommuner[#Alle])", /unknown item specifier/],
    ["=Budsjett!A1", /no sheet Budsjett/],
    ["='Mitt  ark'!A1", /no sheet Mitt {2}ark/],
    ['="open', /closing quote/],
  ];
  it.each(refused)("refuses %s", (f, why) => expect(() => checkFormula(f, wb)).toThrow(why));

  it("parses the parts of a structured reference", () => {
    expect(parseStructured("[#This Row],[ Innbyggere ]")).toEqual([{ keyword: "#this row" }, { column: " Innbyggere " }]);
    expect(parseStructured(" Innbyggere ")).toEqual([{ column: "Innbyggere" }]);
    expect(parseStructured("@[a'#b]")).toEqual([{ keyword: "#this row" }, { column: "a#b" }]);
  });

  it("a refused formula fails the sync and leaves the range as it was", async () => {
    const fake = new FakeExcel();
    fake.model.seedTable("Inndata", "Kommuner", 0, 0, ["Kommune", " Innbyggere "], [["Tinn", 6066]]);
    fake.model.sheet("Inndata")!.touch(5, 0).value = "før";
    await expect(batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Inndata").getRange("A6:B6").formulas = [["=1", "=SUM(Kommuner[Innbyggere])"]]))).rejects.toThrow(/InvalidArgument/);
    expect(fake.model.sheet("Inndata")!.cell(5, 0)?.value).toBe("før");
    // values are parsed as typed: a text starting with = is a formula there too.
    await expect(batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Inndata").getRange("A6").values = [["=SUM(B2;B3)"]]))).rejects.toThrow(/;/);
    await batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Inndata").getRange("A6").formulas = [["=SUM(Kommuner[[ Innbyggere ]])"]]));
    expect(fake.model.sheet("Inndata")!.cell(5, 0)?.formula).toBe("=SUM(Kommuner[[ Innbyggere ]])");
  });
});

describe("sheet names and the namespace of tables and defined names", () => {
  it.each([
    ["x".repeat(32), /1 to 31/],
    ["", /1 to 31/],
    ["Bud/sjett", /contains/],
    ["Ark[1]", /contains/],
    ["Hva?", /contains/],
    ["'Ark", /starts or ends/],
    ["Ark'", /starts or ends/],
    ["history", /History is reserved/],
    ["INNDATA", /already called/],
  ])("refuses the sheet name %j, on add and on rename", async (name, why) => {
    const fake = new FakeExcel();
    fake.model.addSheet("Inndata");
    fake.model.addSheet("Ark");
    await expect(batch(fake, (ctx) => void ctx.workbook.worksheets.add(name))).rejects.toThrow(why);
    await expect(batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Ark").name = name))).rejects.toThrow(why);
    expect(fake.model.sheets.map((s) => s.name)).toEqual(["Inndata", "Ark"]);
  });

  it("takes a 31-character name, and a rename to its own name in other case", async () => {
    const fake = new FakeExcel();
    fake.model.addSheet("Ark");
    await batch(fake, (ctx) => void ctx.workbook.worksheets.add("x".repeat(31)));
    await batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("Ark").name = "ARK"));
    expect(fake.model.sheets.map((s) => s.name)).toEqual(["ARK", "x".repeat(31)]);
  });

  it("refuses a table named like a defined name, and a defined name like a table", async () => {
    const fake = new FakeExcel();
    const s = fake.model.addSheet("Ark");
    fake.model.seedTable("Ark", "Kostnader", 5, 0, ["A"], [[1]]);
    fake.model.names.push({ name: "Kommuner", sheet: s, address: "$A$1" });
    await expect(
      batch(fake, (ctx) => {
        const t = ctx.workbook.worksheets.getItem("Ark").tables.add(ctx.workbook.worksheets.getItem("Ark").getRange("A1:B2") as never, true);
        t.name = "kommuner";
      }),
    ).rejects.toThrow(/defined name is already called kommuner/);
    await expect(batch(fake, (ctx) => ctx.workbook.names.add("KOSTNADER", ctx.workbook.worksheets.getItem("Ark").getRange("A1")))).rejects.toThrow(/table is already called KOSTNADER/);
    expect(fake.model.names.map((n) => n.name)).toEqual(["Kommuner"]);
  });

  it.each(["Kommuner", "PARAMETERE"])("inserting the example next to a defined name %s: the adapter names it, in one read, and writes nothing", async (name) => {
    const fake = new FakeExcel();
    const s = fake.model.addSheet("Ark");
    fake.model.names.push({ name, sheet: s, address: "$A$1" });
    const before = fake.model.snapshot();
    const err = await new OfficeWorkbook(fake.run).write([], examplePlanTables()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WriteError);
    const table = examplePlanTables().find((t) => t.name.toLowerCase() === name.toLowerCase())!.name;
    expect((err as WriteError).texts["nb-NO"]).toContain(`definert navn «${table}»`);
    expect((err as WriteError).texts["en-US"]).toContain(`defined name "${table}"`);
    expect((err as WriteError).texts["en-US"]).toContain("nothing was written");
    expect(fake.syncs).toBe(1);
    expect(fake.model.snapshot()).toEqual(before);
  });
});

describe("the double's API levels are Office's", () => {
  // MEMBER_LEVELS is copied from @types/office-js: each entry must say the set its remark says.
  const OWNER: Record<string, string> = {
    worksheet: "Worksheet",
    range: "Range",
    format: "RangeFormat",
    chart: "Chart",
    "chart.series": "ChartSeriesCollection",
    series: "ChartSeries",
    namedItem: "NamedItem",
    freezePanes: "WorksheetFreezePanes",
    tableColumns: "TableColumnCollection",
    tableRows: "TableRowCollection",
  };
  const dts = readFileSync(require.resolve("@types/office-js/index.d.ts"), "utf8").split("\n");

  /** The `[Api set: ExcelApi x.y]` of `member` in Excel's class `cls` (first declaration). */
  function levelOf(cls: string, member: string): string | null {
    const start = dts.findIndex((l) => l.startsWith(`    class ${cls} extends OfficeExtension.ClientObject {`));
    if (start < 0) return null;
    const decl = new RegExp(`^\\s{8}(readonly )?${member}[?]?[:(]`);
    for (let i = start + 1; i < dts.length && !dts[i].startsWith("    }"); i++) {
      if (!decl.test(dts[i])) continue;
      for (let j = i - 1; j > start && !dts[j].includes("/**"); j--) {
        const m = /\[Api set: ExcelApi (\d+\.\d+)/.exec(dts[j]);
        if (m) return m[1];
      }
      return null;
    }
    return null;
  }

  it.each(Object.entries(MEMBER_LEVELS))("%s: ExcelApi %s", (member, level) => {
    const dot = member.lastIndexOf(".");
    const cls = OWNER[member.slice(0, dot)];
    expect(cls).toBeDefined();
    expect(levelOf(cls, member.slice(dot + 1))).toBe(level);
  });

  it("a member above 1.7 fails at 1.7 with ApiNotFound: unfreeze is 1.7 and does not", () => {
    expect(apiNotFound("range.copyFrom", "1.7")?.message).toMatch(/ApiNotFound.*range\.copyFrom.*ExcelApi 1\.9/);
    expect(apiNotFound("freezePanes.unfreeze", "1.7")).toBeNull();
    expect(apiNotFound("namedItem.formula", "1.7")).toBeNull();
  });
});

describe("objects belong to their batch (Excel.run)", () => {
  it("a proxy kept from an Excel.run that has ended cannot queue work", async () => {
    const fake = new FakeExcel();
    fake.model.addSheet("Ark");
    let kept: Excel.Worksheet | undefined;
    await batch(fake, (ctx) => void (kept = ctx.workbook.worksheets.getItem("Ark")));
    await expect(
      fake.run(async (ctx) => {
        kept!.getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toThrow(/InvalidObjectPath/);
    expect(fake.model.sheet("Ark")!.cell(0, 0)).toBeUndefined();
  });

  it("a range of one batch handed to a call of another is refused at that batch's sync", async () => {
    const fake = new FakeExcel();
    fake.model.addSheet("Ark");
    await expect(
      fake.run(async (a) => {
        const range = a.workbook.worksheets.getItem("Ark").getRange("A1:B2");
        await fake.run(async (b) => {
          b.workbook.worksheets.getItem("Ark").tables.add(range, true);
          await b.sync();
        });
      }),
    ).rejects.toThrow(/InvalidObjectPath/);
    expect(fake.model.tables).toEqual([]);
  });
});

describe("the fault plan: a batch cut after any command, as Excel does", () => {
  /** One sync of three commands: A1, A2, A3 set in order. */
  const three = (ctx: Excel.RequestContext) => {
    const ws = ctx.workbook.worksheets.getItem("S");
    for (const a of ["A1", "A2", "A3"]) ws.getRange(a).values = [[a]];
  };

  it.each([0, 1, 2, 3, 4, 9])("sync 1 cut after %i commands: that prefix applied, nothing after, and the sync fails", async (k) => {
    const fake = new FakeExcel();
    fake.model.addSheet("S");
    fake.faults = [{ sync: 1, after: k }];
    await expect(batch(fake, three)).rejects.toMatchObject({ code: "GeneralException" });
    expect(fake.commands).toEqual([4]); // getItem + three sets
    const set = ["A1", "A2", "A3"].filter((_, i) => fake.model.sheet("S")!.cell(i, 0)?.value);
    expect(set).toEqual(["A1", "A2", "A3"].slice(0, Math.max(0, Math.min(k, 4) - 1)));
  });

  it("cuts only the planned sync; the others run whole (a recovery's sync can be cut too)", async () => {
    const fake = new FakeExcel();
    fake.model.addSheet("S");
    fake.faults = [{ sync: 2, after: 0, code: "ConnectionFailure" }];
    await batch(fake, three);
    await expect(batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("S").getRange("B1").values = [["x"]]))).rejects.toMatchObject({ code: "ConnectionFailure" });
    await batch(fake, (ctx) => void (ctx.workbook.worksheets.getItem("S").getRange("C1").values = [["y"]]));
    const s = fake.model.sheet("S")!;
    expect([s.cell(0, 0)?.value, s.cell(0, 1)?.value, s.cell(0, 2)?.value]).toEqual(["A1", undefined, "y"]);
  });

  it("a defined name holds a text constant (at most 255 characters), can be hidden and replaced in one command", async () => {
    const fake = new FakeExcel();
    await batch(fake, (ctx) => void (ctx.workbook.names.add("J", '="a ""b"""').visible = false));
    expect(fake.model.names).toEqual([{ name: "J", sheet: null, address: "", constant: 'a "b"', hidden: true, comment: undefined }]);
    await batch(fake, (ctx) => void (ctx.workbook.names.getItem("J").formula = '="c"'));
    expect(fake.model.names[0].constant).toBe("c");
    await expect(batch(fake, (ctx) => void ctx.workbook.names.add("K", `="${"x".repeat(256)}"`))).rejects.toThrow(/255/);
    const loaded = await fake.run(async (ctx) => {
      const n = ctx.workbook.names.load("items/name,items/type,items/value");
      await ctx.sync();
      return n.items.map((x) => [x.name, x.type, x.value]);
    });
    expect(loaded).toEqual([["J", "String", "c"]]);
  });
});
