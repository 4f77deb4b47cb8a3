/**
 * A table of the user's on a generated sheet (issue 12, item 7): `kbr build --input` replaces the
 * sheet and the table with it; while a formula, a defined name or another table's calculated
 * column names the table, it refuses instead (exit 2, nothing written), naming table and sheet.
 * Inputs are made with ExcelJS (another writer than the one under test).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runBuild } from "../../src/cli/commands";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { capture } from "./capture";

let dir: string;
let built: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-table-on-generated-"));
  built = path.join(dir, "plan.xlsx");
  expect(await runBuild({ out: built, json: true, locale: "en-US" }, capture())).toBe(0);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The built example with a table `Mine` on Kommunebidrag (at N30), changed further by `more`. */
async function input(name: string, more: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(built);
  wb.getWorksheet("Kommunebidrag")!.addTable({
    name: "Mine",
    ref: "N30",
    headerRow: true,
    columns: [{ name: "Tall" }, { name: "Dobbel" }],
    rows: [
      [1, 2],
      [3, 6],
    ],
  });
  wb.addWorksheet("Oppsummering").getCell("A1").value = "Mitt ark";
  more(wb);
  const file = path.join(dir, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

/** `file` with a defined name added to workbook.xml by hand (ExcelJS writes only range names). */
async function withName(file: string, name: string, formula: string): Promise<string> {
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await zip.file("xl/workbook.xml")!.async("string");
  zip.file("xl/workbook.xml", xml.replace("</definedNames>", `<definedName name="${name}">${formula}</definedName></definedNames>`));
  fs.writeFileSync(file, await zip.generateAsync({ type: "uint8array" }));
  return file;
}

async function build(file: string, locale: "nb-NO" | "en-US") {
  const io = capture();
  const out = file.replace(/\.xlsx$/, `-${locale}-ut.xlsx`);
  const code = await runBuild({ input: file, out, locale }, io);
  return { code, io, written: fs.existsSync(out), out };
}

test.each([
  ["a formula on another sheet", (wb: ExcelJS.Workbook) => (wb.getWorksheet("Oppsummering")!.getCell("B1").value = { formula: "SUM(Mine[Tall])", result: 4 }), 'a formula on the sheet "Oppsummering"', "en formel på arket «Oppsummering»"],
  ["the bare table name", (wb: ExcelJS.Workbook) => (wb.getWorksheet("Oppsummering")!.getCell("B2").value = { formula: "ROWS(mine)", result: 2 }), 'a formula on the sheet "Oppsummering"', "en formel på arket «Oppsummering»"],
  ["a defined name", "Doblinger", 'the defined name "Doblinger"', "det definerte navnet «Doblinger»"],
] as const)("refuses when %s refers to the table, in both languages, writing nothing", async (label, more, en, nb) => {
  let file = await input(label.replace(/\W+/g, "-"), typeof more === "function" ? more : () => undefined);
  if (typeof more === "string") file = await withName(file, more, "Mine[Dobbel]");
  const english = await build(file, "en-US");
  expect(english.code).toBe(2);
  expect(english.written).toBe(false);
  expect(english.io.stderr).toContain('The table "Mine" is on the generated sheet "Kommunebidrag"');
  expect(english.io.stderr).toContain(en);
  expect(english.io.stderr).not.toMatch(/\n\s+at /);
  const norwegian = await build(file, "nb-NO");
  expect(norwegian.code).toBe(2);
  expect(norwegian.written).toBe(false);
  expect(norwegian.io.stderr).toContain("Tabellen «Mine» står på det genererte arket «Kommunebidrag»");
  expect(norwegian.io.stderr).toContain(nb);
});

test("finds the reference after a long sheet of other formulas (read in chunks)", async () => {
  const file = await input("long", (wb) => {
    const ws = wb.getWorksheet("Oppsummering")!;
    for (let r = 1; r <= 8000; r++) ws.getCell(r, 1).value = r;
    // Shared formulas: one master, the rest followers without text.
    ws.fillFormula("B1:B8000", "A1*2", (row) => row * 2);
    ws.getCell("C8000").value = { formula: 'IF(A1>0,"Mine[Tall]",SUM(Mine[Dobbel]))', result: "Mine[Tall]" };
  });
  expect(fs.statSync(file).size).toBeGreaterThan(40_000);
  const r = await build(file, "en-US");
  expect(r.code).toBe(2);
  expect(r.written).toBe(false);
  expect(r.io.stderr).toContain('a formula on the sheet "Oppsummering"');
}, 60_000);

test("refuses when another table's calculated column names it", async () => {
  // A hand-made calculated column (ExcelJS writes no calculatedColumnFormula): patch the table part.
  const file = await input("calculated", (wb) =>
    wb.getWorksheet("Oppsummering")!.addTable({ name: "Andre", ref: "A3", headerRow: true, columns: [{ name: "Sum" }], rows: [[4]] }),
  );
  const JSZip = (await import("jszip")).default;
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/tables\/table\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async("string");
    if (xml.includes('name="Andre"')) zip.file(name, xml.replace(/<tableColumn ([^>]*?)\/>/, '<tableColumn $1><calculatedColumnFormula>SUM(Mine[Tall])</calculatedColumnFormula></tableColumn>'));
  }
  fs.writeFileSync(file, await zip.generateAsync({ type: "uint8array" }));
  const r = await build(file, "en-US");
  expect(r.code).toBe(2);
  expect(r.written).toBe(false);
  expect(r.io.stderr).toContain('a calculated column of the table "Andre"');
});

test.each([
  ["nothing names it", () => undefined],
  ["only a text and a sheet name hold its name", (wb: ExcelJS.Workbook) => (wb.getWorksheet("Oppsummering")!.getCell("B1").value = { formula: '"Mine[Tall]"&\'Mine ark\'!A1&MineX', result: "" })],
] as const)("builds when %s, and the table goes with the sheet's cells (README)", async (label, more) => {
  const file = await input(label.replace(/\W+/g, "-"), more as (wb: ExcelJS.Workbook) => void);
  const r = await build(file, "en-US");
  expect(r.io.stderr).toBe("");
  expect(r.code).toBe(0);
  // Read by ExcelJS: the input tables are there, "Mine" is gone with the old sheet.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(r.out);
  const names = wb.worksheets.flatMap((ws) => ws.getTables().map((t) => (t as unknown as { table: { name: string } }).table.name));
  expect(names).toEqual(expect.arrayContaining(["Kommuner", "Kostnader", "Finansiering", "Parametere"]));
  expect(names).not.toContain("Mine");
  expect((await (await PackageWorkbook.open(r.out)).readTables()).length).toBe(4);
});
