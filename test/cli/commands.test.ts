import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import type { Report } from "../../src/core/engine";
import { defaultOut, runBuild, runCheck } from "../../src/cli/commands";
import { localeFrom, makeProgram, parseShare } from "../../src/cli/cli";
import { colLetters as colLetter } from "../../src/core/a1";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { snapshotSheets, userWorkbook } from "../xlsx/helpers";
import { capture } from "./capture";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-cli-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function buildExample(file: string): Promise<Report> {
  const io = capture();
  expect(await runBuild({ out: file, json: true, locale: "en-US" }, io)).toBe(0);
  return JSON.parse(io.stdout) as Report;
}

/** Replaces one cell of a built workbook, as a user typing over it would. */
async function edit(file: string, sheet: string, address: string, value: ExcelJS.CellValue, out = file): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  wb.getWorksheet(sheet)!.getCell(address).value = value;
  await wb.xlsx.writeFile(out);
}

/** The address of the first cell of `sheet` that `pred` accepts. */
async function findCell(file: string, sheet: string, pred: (c: ExcelJS.Cell) => boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  let found = "";
  wb.getWorksheet(sheet)!.eachRow((row) =>
    row.eachCell((c) => {
      if (!found && pred(c)) found = c.address;
    }),
  );
  if (!found) throw new Error(`no such cell on ${sheet}`);
  return found;
}

describe("kbr build", () => {
  test("without --input builds the 2009 plan: JSON as docs/cli.md says, the plan's contributions, one object on stdout", async () => {
    const out = path.join(dir, "plan.xlsx");
    const report = await buildExample(out);
    expect(report.years).toEqual(["2009", "2010", "2011"]);
    const byName = Object.fromEntries(report.municipalities.map((m) => [m.name, m]));
    expect(byName.Hjartdal.contributions["2009"]).toBe(43747);
    expect(byName.Kongsberg.contributions["2011"]).toBe(154775);
    expect(byName.Tinn.resourceShare).toBe(0.15);
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
    for (const key of ["years", "municipalities", "budget", "findings"]) expect(report).toHaveProperty(key);

    const book = await PackageWorkbook.open(out);
    expect((await book.readTables()).map((t) => t.name).sort()).toEqual(["Finansiering", "Kommuner", "Kostnader", "Parametere"]);
    expect(await book.sheetStatus(["Budsjett", "Finansieringsplan", "Kommunebidrag"])).toEqual({
      Budsjett: "generated",
      Finansieringsplan: "generated",
      Kommunebidrag: "generated",
    });
    expect(fs.readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  test("human output is a short nb-NO summary with nb-NO numbers", async () => {
    const io = capture();
    expect(await runBuild({ out: path.join(dir, "a.xlsx"), locale: "nb-NO" }, io)).toBe(0);
    expect(io.stdout).toContain("Skrev");
    expect(io.stdout).toMatch(/Hjartdal +43 747/);
    expect(io.stdout).toContain("500 000");
    expect(io.stdout).toContain("Funn: 0 feil");
  });

  test("with --input writes <name>-kbr.xlsx next to it and never touches the input", async () => {
    const input = path.join(dir, "inndata.xlsx");
    await buildExample(input);
    const before = fs.readFileSync(input);
    const io = capture();
    expect(await runBuild({ input, json: true, locale: "en-US" }, io)).toBe(0);
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    const out = path.join(dir, "inndata-kbr.xlsx");
    expect(defaultOut(input)).toBe(out);
    expect(fs.existsSync(out)).toBe(true);
    expect((JSON.parse(io.stdout) as Report).municipalities).toHaveLength(7);
  });

  test("keeps the user's own sheets cell for cell", async () => {
    const input = path.join(dir, "egen.xlsx");
    await buildExample(path.join(dir, "plan.xlsx"));
    // The user's workbook gets the input tables by copying the built file's and adding own sheets.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "plan.xlsx"));
    const mine = await userWorkbook();
    for (const src of mine.worksheets) {
      const ws = wb.addWorksheet(src.name);
      src.eachRow((row, r) => row.eachCell((c, col) => (ws.getRow(r).getCell(col).value = c.value)));
      if (src.name === "Mine tall") {
        ws.getCell("B2").numFmt = "0.0%";
        ws.mergeCells("A1:B1");
      }
    }
    await wb.xlsx.writeFile(input);
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.readFile(input);
    const before = await snapshotSheets(saved, ["Budsjett", "Finansieringsplan", "Kommunebidrag"]);
    expect(before["Mine tall"].length).toBeGreaterThan(5);

    const out = path.join(dir, "ut.xlsx");
    expect(await runBuild({ input, out, locale: "en-US" }, capture())).toBe(0);
    const after = new ExcelJS.Workbook();
    await after.xlsx.readFile(out);
    expect(await snapshotSheets(after, ["Budsjett", "Finansieringsplan", "Kommunebidrag"])).toEqual(before);
  });

  test("bad input (text population) exits 1, names the place, writes nothing", async () => {
    const input = path.join(dir, "plan.xlsx");
    await buildExample(input);
    const t = (await (await PackageWorkbook.open(input)).readTables()).find((x) => x.name === "Kommuner")!;
    const sheet = t.sheet;
    const col = t.headers.findIndex((h) => h.trim().toLowerCase() === "innbyggere");
    const cell = `${colLetter(t.left + col)}${t.top + 3}`; // second body row (1-based: header + 2)
    await edit(input, sheet, cell, "mange");
    const out = path.join(dir, "ut.xlsx");
    const io = capture();
    expect(await runBuild({ input, out, locale: "en-US" }, io)).toBe(1);
    expect(fs.existsSync(out)).toBe(false);
    expect(io.stdout + io.stderr).toMatch(/Kommuner|Innbyggere/);
    expect(io.stderr).toContain("Nothing was written");
    expect(io.stdout + io.stderr).not.toMatch(/\n\s+at /);
  });

  test("a user's sheet named like a generated one: exit 1, message names it, no file", async () => {
    const input = path.join(dir, "plan.xlsx");
    const wb = new ExcelJS.Workbook();
    await buildExample(input);
    await wb.xlsx.readFile(input);
    wb.removeWorksheet(wb.getWorksheet("Budsjett")!.id);
    wb.definedNames.model = wb.definedNames.model.filter((d) => !d.name.endsWith("Budsjett"));
    wb.addWorksheet("Budsjett").getCell("A1").value = "mitt budsjett";
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "ut.xlsx");
    const io = capture();
    expect(await runBuild({ input, out, locale: "nb-NO" }, io)).toBe(1);
    expect(io.stdout + io.stderr).toContain("«Budsjett»");
    expect(fs.existsSync(out)).toBe(false);
  });

  test("an unreadable input exits 2 without a stack trace", async () => {
    const input = path.join(dir, "tekst.xlsx");
    fs.writeFileSync(input, "ikke en arbeidsbok");
    const io = capture();
    expect(await runBuild({ input, out: path.join(dir, "ut.xlsx"), locale: "nb-NO" }, io)).toBe(2);
    expect(io.stderr).toContain("er ikke en Excel-arbeidsbok (.xlsx)");
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(io.stderr).not.toMatch(/jszip|central directory/i);
    expect(fs.readdirSync(dir)).toEqual(["tekst.xlsx"]);
  });
});

describe("kbr build --scenario", () => {
  test("reads 0.3, 0,3, 30% and 30 % as the same share; anything else is not a share", () => {
    for (const t of ["0.3", "0,3", "30%", "30 %", " .3 "]) expect(parseShare(t)).toBe(0.3);
    expect(parseShare("0")).toBe(0);
    expect(parseShare("100%")).toBe(1);
    expect(parseShare("12,5 %")).toBe(0.125);
    for (const t of ["1.5", "-0.1", "101%", "abc", "", "0.3.1", "1e-1", "%"]) expect(parseShare(t)).toBeNaN();
  });

  test("adds the scenarios to the JSON, named by their share, without changing the workbook written", async () => {
    const plain = path.join(dir, "plain.xlsx");
    const withScen = path.join(dir, "scen.xlsx");
    const base = await buildExample(plain);
    const io = capture();
    expect(await runBuild({ out: withScen, json: true, scenario: [0, 0.3, 1, 0.3], locale: "nb-NO" }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as Report;
    expect(base.scenarios).toBeUndefined();
    expect(report.scenarios!.map((s) => [s.name, s.equalShare])).toEqual([
      ["0 %", 0],
      ["30 %", 0.3],
      ["100 %", 1],
    ]);
    // 100 %: 500 000 split equally between 7, the first four rows one krone more.
    expect(report.scenarios![2].contributions.Hjartdal).toEqual({ "2009": 71429, "2010": 71429, "2011": 71429 });
    expect(report.scenarios![2].contributions["Nore og Uvdal"]["2011"]).toBe(71428);
    const a = await PackageWorkbook.open(plain);
    const b = await PackageWorkbook.open(withScen);
    expect(await b.readTables()).toEqual(await a.readTables());
    const excel = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      return wb;
    };
    const [wa, wb] = [await excel(plain), await excel(withScen)];
    expect(wb.worksheets.map((w) => w.name)).toEqual(wa.worksheets.map((w) => w.name));
    expect(wb.worksheets.map((w) => w.name)).not.toContain("Scenarier");
    expect(await snapshotSheets(wb)).toEqual(await snapshotSheets(wa));
  });

  test("prints one table of totals per municipality: today's key and each scenario", async () => {
    const io = capture();
    expect(await runBuild({ out: path.join(dir, "s.xlsx"), scenario: [0, 1], locale: "nb-NO" }, io)).toBe(0);
    const lines = io.stdout.split("\n");
    const head = lines.findIndex((l) => l.startsWith("Scenarier, bidrag i alt per kommune (kr):"));
    expect(head).toBeGreaterThan(0);
    expect(lines[head + 1]).toMatch(/^Kommune\s+Dagens nøkkel\s+0 %\s+100 %$/);
    expect(lines[head + 2]).toMatch(/^Hjartdal\s+131 241\s+48 195\s+214 287$/);
    expect(lines[head + 9]).toMatch(/^Sum\s+1 500 000\s+1 500 000\s+1 500 000$/);
  });
});

describe("kbr check", () => {
  test("a fresh build checks clean (exit 0)", async () => {
    const file = path.join(dir, "plan.xlsx");
    await buildExample(file);
    const io = capture();
    expect(await runCheck(file, { json: true, locale: "en-US" }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as Report;
    expect(report.findings.filter((f) => f.severity === "error")).toEqual([]);
  });

  test("a typed-over contribution is an error naming its cell (exit 1)", async () => {
    const file = path.join(dir, "plan.xlsx");
    await buildExample(file);
    const address = await findCell(file, "Kommunebidrag", (c) => c.type === ExcelJS.ValueType.Formula && c.result === 43747);
    await edit(file, "Kommunebidrag", address, 43747);
    const io = capture();
    expect(await runCheck(file, { json: true, locale: "en-US" }, io)).toBe(1);
    const report = JSON.parse(io.stdout) as Report;
    const errors = report.findings.filter((f) => f.severity === "error");
    expect(errors.some((f) => f.where.includes(address))).toBe(true);
  });

  test("a file that is not a workbook exits 2 with a clear message", async () => {
    const file = path.join(dir, "x.xlsx");
    fs.writeFileSync(file, "hei");
    const io = capture();
    expect(await runCheck(file, { locale: "en-US" }, io)).toBe(2);
    expect(io.stderr).toContain(`${file} is not an Excel workbook (.xlsx)`);
    expect(await runCheck(path.join(dir, "borte.xlsx"), { json: true, locale: "en-US" }, io)).toBe(2);
    expect(io.stdout).toBe("");
  });
});

describe("language", () => {
  test("--lang wins, then LC_ALL, LC_MESSAGES, LANG", () => {
    expect(localeFrom(["build", "--lang", "nb-NO"], { LANG: "en_US.UTF-8" })).toBe("nb-NO");
    expect(localeFrom(["--lang=en-US"], { LANG: "nb_NO.UTF-8" })).toBe("en-US");
    expect(localeFrom([], { LC_ALL: "nb_NO.UTF-8", LANG: "en_US" })).toBe("nb-NO");
    expect(localeFrom([], { LC_MESSAGES: "no_NO", LANG: "C" })).toBe("nb-NO");
    expect(localeFrom([], { LANG: "C.UTF-8" })).toBe("en-US");
    expect(localeFrom([], {})).toBe("en-US");
  });

  test("help is in the user's language", () => {
    const nb = makeProgram("nb-NO", () => undefined).helpInformation();
    expect(nb).toContain("Bruk: kbr [valg] [kommando]");
    expect(nb).toContain("Kommandoer:");
    expect(nb).toContain("check [valg] <fil>");
    const en = makeProgram("en-US", () => undefined).helpInformation();
    expect(en).toContain("Usage: kbr [options] [command]");
    expect(en).toContain("Check a workbook");
  });
});
