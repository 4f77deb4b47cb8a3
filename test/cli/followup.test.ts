/** kbr and the budget follow-up: the Oppfølging sheet, `followUp` in --json, the checks, the status table. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { Report } from "../../src/core/engine";
import { runBuild, runCheck } from "../../src/cli/commands";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { capture } from "./capture";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-fu-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function buildWithFollowUp(file: string, json = true, locale: "nb-NO" | "en-US" = "en-US") {
  const io = capture();
  const code = await runBuild({ out: file, json, withFollowUp: true, locale }, io);
  return { code, io };
}

describe("kbr build --with-follow-up", () => {
  test("writes the Oppfølging sheet and the example's ledger tables; --json has followUp in the documented shape", async () => {
    const out = path.join(dir, "fu.xlsx");
    const { code, io } = await buildWithFollowUp(out);
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout) as Report;
    const f = report.followUp!;
    expect(Object.keys(f).sort()).toEqual(["asOf", "costs", "financing", "inKind", "municipalities"]);
    expect(f.asOf).toBe("2011-12-31");
    expect(Object.keys(f.costs[0]).sort()).toEqual(["actual", "budget", "deviation", "explained", "flagged", "post", "year"]);
    expect(f.costs.find((c) => c.post === "Konsulenttjenester" && c.year === 2009)).toEqual({
      post: "Konsulenttjenester", year: 2009, budget: 200000, actual: 262500, deviation: 62500, explained: true, flagged: true,
    });
    expect(f.municipalities.find((m) => m.name === "Rollag" && m.year === 2010)).toEqual({ name: "Rollag", year: 2010, due: 42755, paid: 40000 });
    expect(report.findings.map((x) => x.id).sort()).toEqual(["KBR-W-DEVIATION-UNEXPLAINED", "KBR-W-PAYMENT-SHORT"]);

    const book = await PackageWorkbook.open(out);
    expect((await book.readTables()).map((t) => t.name).sort()).toEqual(["Finansiering", "Forklaringer", "Kommuner", "Kostnader", "Parametere", "Regnskap", "Timer"]);
    const status = await book.sheetStatus(["Oppfølging"]);
    expect(status["Oppfølging"]).toBe("generated");
    const { sheets } = await book.readAll(["Oppfølging"]);
    const cells = sheets[0].rows.flat();
    expect(cells.some((c) => c?.formula?.includes("Regnskap[Beløp]"))).toBe(true);
  });

  test("the sheet prints as the status report (landscape, title, project, report date, page numbers) with its chart", async () => {
    const out = path.join(dir, "fu.xlsx");
    await buildWithFollowUp(out);
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map(async (n) => ({ n, xml: await zip.file(n)!.async("string") })));
    const ours = sheets.filter((s) => s.xml.includes("<oddHeader>"));
    expect(ours.length).toBe(1);
    const xml = ours[0].xml;
    expect(xml).toMatch(/<oddHeader>&amp;LSamordnet næringsapparat i Kongsbergregionen&amp;C&amp;BOppfølging av budsjettet&amp;RSkrevet ut &amp;D<\/oddHeader>/);
    // The report date prints from the repeated title rows 1–3 (row 3 holds the live Rapportdato).
    const printTitles = /<definedName name="_xlnm\.Print_Titles" localSheetId="(\d+)">([^<]*)<\/definedName>/g;
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect([...workbook.matchAll(printTitles)].map((m) => m[2])).toContain("'Oppfølging'!$1:$3");
    expect(xml).toMatch(/<oddFooter>&amp;L&amp;A&amp;RSide &amp;P av &amp;N<\/oddFooter>/);
    expect(xml).toMatch(/<pageSetup [^>]*orientation="landscape"/);
    expect(xml).toMatch(/<drawing r:id="/);
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    const texts = await Promise.all(charts.map((n) => zip.file(n)!.async("string")));
    expect(texts.some((t) => t.includes("Budsjett og regnskap per år"))).toBe(true);
  });

  test("the note in Parametere says the ledger is invented", async () => {
    const out = path.join(dir, "fu.xlsx");
    await buildWithFollowUp(out);
    const tables = await (await PackageWorkbook.open(out)).readTables();
    const note = tables.find((t) => t.name === "Parametere")!.rows.find((r) => r[0] === "Merknad")![1];
    expect(String(note)).toMatch(/oppdiktede eksempler/);
  });

  test.each([
    ["nb-NO", /Oppfølging per 31\.12\.2011 \(kr\):\nÅr\s+Budsjett\s+Regnskap\s+Avvik\s+Ubetalt bidrag\n2009\s+2 500 000\s+2 512 900\s+12 900\s+0\n/, /Avvik over grensen uten forklaring: 1/],
    ["en-US", /Follow-up as of 12\/31\/2011 \(NOK\):\nYears\s+Budget\s+Actual\s+Deviation\s+Unpaid contributions\n/, /2010\s+2,500,000\s+2,470,900\s+-29,100\s+2,755\n/],
  ] as const)("the printed summary has the status table (%s)", async (locale, a, b) => {
    const { code, io } = await buildWithFollowUp(path.join(dir, "fu.xlsx"), false, locale);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(a);
    expect(io.stdout).toMatch(b);
  });

  test("without it the example has no follow-up: no sheet, no followUp, no status table", async () => {
    const out = path.join(dir, "plain.xlsx");
    const io = capture();
    expect(await runBuild({ out, json: true, locale: "en-US" }, io)).toBe(0);
    expect(JSON.parse(io.stdout)).not.toHaveProperty("followUp");
    expect((await (await PackageWorkbook.open(out)).sheetStatus(["Oppfølging"]))["Oppfølging"]).toBe("absent");
  });

  test.each(["nb-NO", "en-US"] as const)("with --input it is refused, nothing written (%s)", async (locale) => {
    const plain = path.join(dir, "plain.xlsx");
    expect(await runBuild({ out: plain, locale }, capture())).toBe(0);
    const io = capture();
    const out = path.join(dir, "x.xlsx");
    expect(await runBuild({ input: plain, out, withFollowUp: true, locale }, io)).toBe(2);
    expect(io.stderr).toMatch(locale === "nb-NO" ? /gjelder bare eksempelet/ : /applies to the example only/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("kbr build --input and kbr check with follow-up tables", () => {
  test("a rebuild follows an edited ledger row; check reports the follow-up findings and a stale Oppfølging sheet", async () => {
    const first = path.join(dir, "fu.xlsx");
    await buildWithFollowUp(first);
    // The user corrects the 2009 meeting costs: 61 000 → 95 000 (no longer over the limit).
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    const ws = wb.getWorksheet("Oppfølging inndata")!;
    let edited = 0;
    ws.eachRow((row) => {
      if (row.getCell(2).value === "Møter og reiser" && row.getCell(5).value === "Regionrådsmøte 1" && (row.getCell(1).value as Date).getUTCFullYear() === 2009) {
        row.getCell(3).value = 65_000;
        edited++;
      }
    });
    expect(edited).toBe(1);
    const editedFile = path.join(dir, "edited.xlsx");
    await wb.xlsx.writeFile(editedFile);

    const checked = capture();
    expect(await runCheck(editedFile, { json: true, locale: "en-US" }, checked)).toBe(1);
    const before = JSON.parse(checked.stdout) as Report;
    expect(before.findings.some((x) => x.id === "KBR-E-SHEET-STALE" && x.where.includes("Oppfølging"))).toBe(true);
    expect(before.findings.some((x) => x.id === "KBR-W-DEVIATION-UNEXPLAINED")).toBe(false);
    expect(before.findings.some((x) => x.id === "KBR-W-PAYMENT-SHORT")).toBe(true);

    const rebuilt = path.join(dir, "rebuilt.xlsx");
    const io = capture();
    expect(await runBuild({ input: editedFile, out: rebuilt, json: true, locale: "en-US" }, io)).toBe(0);
    const report = JSON.parse(io.stdout) as Report;
    expect(report.followUp!.costs.find((c) => c.post === "Møter og reiser" && c.year === 2009)!.actual).toBe(95_000);
    const after = capture();
    expect(await runCheck(rebuilt, { json: true, locale: "en-US" }, after)).toBe(0);
    expect((JSON.parse(after.stdout) as Report).findings.map((x) => x.id)).toEqual(["KBR-W-PAYMENT-SHORT"]);
  });
});
