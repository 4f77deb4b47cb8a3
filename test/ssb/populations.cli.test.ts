/**
 * `kbr populations` against the local fake of SSB (127.0.0.1 only; KBR_SSB_URL points at it):
 * the 2009 plan's workbook gets its Innbyggere <år> columns and source row, the sheets are
 * rebuilt and pass `kbr check`; failures write nothing.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { runBuild, runCheck } from "../../src/cli/commands";
import { runPopulations } from "../../src/cli/populations";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { workbookInfo } from "../../src/xlsx/read";
import { editInputTables } from "../../src/xlsx/write/inputTable";
import { dataRequest } from "../../src/core/ssb/pxweb";
import { capture } from "../cli/capture";
import { fakePopulation, PLAN, startFakeSsb, type FakeSsb } from "./fakeSsb";


let fake: FakeSsb;
let dir: string;
let plan: string;
beforeAll(async () => {
  fake = await startFakeSsb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-pop-"));
  plan = path.join(dir, "plan.xlsx");
  expect(await runBuild({ out: plan, locale: "en-US" }, capture())).toBe(0);
  // A saved answer of the data request, for --from.
  const res = await fetch(dataRequest(PLAN.map(([, n]) => n), fake.baseUrl).url);
  fs.writeFileSync(path.join(dir, "answer.json"), await res.text());
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  fake.mode = "ok";
  fake.requests = [];
  fake.latestYear = 2025;
});

const env = () => ({ KBR_SSB_URL: fake.baseUrl });

async function tablesOf(file: string) {
  const book = await PackageWorkbook.open(file);
  return Object.fromEntries((await book.readTables()).map((t) => [t.name, t]));
}

test("the 2009 plan by name: two requests, the comparison, the columns and the source row, a rebuild that checks clean", async () => {
  const out = path.join(dir, "by-name.xlsx");
  const io = capture();
  const code = await runPopulations(plan, { out, locale: "nb-NO", env: env(), now: () => new Date("2026-12-07T10:00:00Z") }, io);
  expect(io.stderr).toContain(`Spørring: GET ${fake.baseUrl}/tables/07459/metadata`);
  expect(code).toBe(0);
  expect(fake.requests.map((r) => r.method)).toEqual(["GET", "GET"]);
  // The comparison: 2009 uses 1.1.2008, the plan's own figures, so nothing changes.
  expect(io.stdout).toContain("Innbyggertall fra Statistisk sentralbyrå, tabell 07459 (oppdatert 2025-02-21):");
  expect(io.stdout).toMatch(/Hjartdal\s+4024\s+2009\s+1\.1\.2008\s+1 619\s+1 619\s+0/);
  expect(io.stdout).toMatch(/Skrev .*by-name\.xlsx: Innbyggere 2009, Innbyggere 2010, Innbyggere 2011 i Kommuner/);

  const t = await tablesOf(out);
  const k = t.Kommuner;
  expect(k.headers.slice(-3)).toEqual(["Innbyggere 2009", "Innbyggere 2010", "Innbyggere 2011"]);
  for (const [name, number] of PLAN) {
    const row = k.rows.find((r) => r[0] === name)!;
    expect(row.slice(-3)).toEqual([fakePopulation(number, 2008), fakePopulation(number, 2009), fakePopulation(number, 2010)]);
  }
  const source = t.Parametere.rows.find((r) => r[0] === "Kilde innbyggertall")!;
  expect(source[1]).toBe("Kilde: Statistisk sentralbyrå (SSB), tabell 07459, befolkning 1.1.2008, 1.1.2009, 1.1.2010, oppdatert 21.02.2025, hentet 07.12.2026");
  // The rebuilt sheets agree with the new inputs.
  const check = capture();
  expect(await runCheck(out, { locale: "en-US", json: true }, check)).toBe(0);
  // The input was not changed.
  expect((await tablesOf(plan)).Kommuner.headers).toEqual(["Kommune", "Innbyggere", "Ressursandel"]);
});

test("--json: one object as the spec says; with Kommunenummer only the data request; a second run overwrites the columns", async () => {
  // Give the plan a Kommunenummer column (today's numbers, one typed as a number).
  const numbered = path.join(dir, "numbered.xlsx");
  const book = await PackageWorkbook.open(plan);
  await editInputTables(book.pkg, await workbookInfo(book.pkg), [{ table: "Kommuner", header: "Kommunenummer", values: PLAN.map(([, n], i) => (i === 3 ? Number(n) : n)) }], []);
  fs.writeFileSync(numbered, await book.toBytes());

  const out = path.join(dir, "numbered-out.xlsx");
  const io = capture();
  expect(await runPopulations(numbered, { out, json: true, locale: "en-US", env: env() }, io)).toBe(0);
  expect(fake.requests).toHaveLength(1);
  const json = JSON.parse(io.stdout);
  expect(json.table).toBe("07459");
  expect(json.updated).toBe("2025-02-21T07:00:00Z");
  expect(typeof json.fetched).toBe("string");
  const kongsberg = json.municipalities.find((m: { name: string }) => m.name === "Kongsberg");
  expect(kongsberg.number).toBe("3303");
  expect(kongsberg.years["2009"]).toMatchObject({ referenceYear: "2008", population: 23997, workbook: 23997 });
  expect(kongsberg.years["2011"]).toMatchObject({ referenceYear: "2010", population: fakePopulation("3303", 2010), workbook: 23997 });
  expect(typeof kongsberg.years["2011"].contributionChange).toBe("number");
  // The contributions still add up to the year's Kommunene amount, so the changes add up to 0.
  const sum = json.municipalities.reduce((a: number, m: { years: Record<string, { contributionChange: number }> }) => a + m.years["2011"].contributionChange, 0);
  expect(sum).toBe(0);

  // Run again on the output: the existing columns are overwritten, no new ones, the source row replaced.
  fake.latestYear = 2024;
  const again = path.join(dir, "again.xlsx");
  const io2 = capture();
  expect(await runPopulations(out, { out: again, locale: "en-US", env: env(), useLatest: true }, io2)).toBe(0);
  const t = await tablesOf(again);
  expect(t.Kommuner.headers.filter((h) => h.startsWith("Innbyggere 20"))).toHaveLength(3);
  expect(t.Parametere.rows.filter((r) => r[0] === "Kilde innbyggertall")).toHaveLength(1);
});

test("a year SSB has not published is reported and left as it is; --use-latest fills it and the source row says so", async () => {
  fake.latestYear = 2009; // 1.1.2010 (budget 2011) not published
  const out = path.join(dir, "unpublished.xlsx");
  const io = capture();
  expect(await runPopulations(plan, { out, locale: "en-US", env: env() }, io)).toBe(0);
  expect(io.stdout).toMatch(/Nore og Uvdal\s+3338\s+2011\s+1\.1\.2010\s+2,534\s+not published\s+–/);
  expect(io.stdout).toContain("KBR-W-SSB-YEAR-UNPUBLISHED");
  expect((await tablesOf(out)).Kommuner.headers).toEqual(["Kommune", "Innbyggere", "Ressursandel", "Innbyggere 2009", "Innbyggere 2010"]);

  const latest = path.join(dir, "latest.xlsx");
  const io2 = capture();
  expect(await runPopulations(plan, { out: latest, locale: "nb-NO", env: env(), useLatest: true }, io2)).toBe(0);
  const t = await tablesOf(latest);
  expect(t.Kommuner.headers).toContain("Innbyggere 2011");
  expect(String(t.Parametere.rows.find((r) => r[0] === "Kilde innbyggertall")![1])).toContain("siste publiserte brukt for budsjettår 2011");
});

test("--from a saved answer: no request at all", async () => {
  const saved = path.join(dir, "answer.json");
  const out = path.join(dir, "from.xlsx");
  const io = capture();
  expect(await runPopulations(plan, { out, from: saved, locale: "en-US", env: { KBR_SSB_URL: "http://127.0.0.1:9/nowhere" } }, io)).toBe(0);
  expect(fake.requests).toEqual([]);
  expect(io.stderr).toBe("");
  expect((await tablesOf(out)).Kommuner.rows[0].slice(-1)).toEqual([fakePopulation("4024", 2010)]);
});

test("as users run it: bin/kbr.js populations --from … --json (the command is wired in cli.ts)", () => {
  const saved = path.join(dir, "answer.json");
  const out = path.join(dir, "bin-out.xlsx");
  const r = spawnSync(process.execPath, [path.join(__dirname, "../../bin/kbr.js"), "populations", plan, "--from", saved, "--out", out, "--json", "--lang", "en-US"], {
    encoding: "utf8",
    env: { ...process.env, KBR_SSB_URL: "http://127.0.0.1:9/nowhere" },
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.municipalities.map((m: { number: string }) => m.number)).toEqual(PLAN.map(([, n]) => n));
  expect(json.written).toBe(out);
});

test("failures write nothing: SSB's error, an unknown name, a cell in the way, an existing --out", async () => {
  const out = path.join(dir, "never.xlsx");
  fake.mode = "429";
  fake.retryAfterSeconds = 20;
  const io = capture();
  expect(await runPopulations(plan, { out, locale: "nb-NO", env: env() }, io)).toBe(1);
  expect(io.stderr).toContain("Prøv igjen om 20 sekunder; ingenting er skrevet.");
  expect(io.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  expect(fs.existsSync(out)).toBe(false);

  fake.mode = "ok";
  const renamed = path.join(dir, "renamed.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(plan);
  // A user's note right of the Kommuner table: the new column would cover it.
  const book = await PackageWorkbook.open(plan);
  const info = await workbookInfo(book.pkg);
  const kommuner = info.tables.find((t) => t.name === "Kommuner")!;
  const ws = wb.getWorksheet(kommuner.sheet)!;
  ws.getCell(kommuner.top + 3, kommuner.right + 2).value = "Notat";
  await wb.xlsx.writeFile(renamed);
  const io2 = capture();
  expect(await runPopulations(renamed, { out, locale: "en-US", env: env() }, io2)).toBe(1);
  expect(io2.stderr).toMatch(/Cannot extend the table "Kommuner" with "Innbyggere 2009": 'Inndata'!D2:D9 is not empty/);
  expect(fs.existsSync(out)).toBe(false);

  // An ambiguous name: a finding asking for the number, only the metadata fetched.
  const vaaler = path.join(dir, "vaaler.xlsx");
  const wb2 = new ExcelJS.Workbook();
  await wb2.xlsx.readFile(plan);
  wb2.getWorksheet(kommuner.sheet)!.getCell(kommuner.top + 2, kommuner.left + 1).value = "Våler";
  await wb2.xlsx.writeFile(vaaler);
  fake.requests = [];
  const io4 = capture();
  expect(await runPopulations(vaaler, { out, locale: "nb-NO", env: env() }, io4)).toBe(1);
  expect(io4.stdout).toContain("«Våler» passer til flere kommuner hos Statistisk sentralbyrå: Våler (Østfold) (3114), Våler (Innlandet) (3419)");
  expect(io4.stdout).toContain("(KBR-E-SSB-NAME-AMBIGUOUS)");
  expect(io4.stderr).toContain("Ingenting er skrevet.");
  expect(fake.requests).toHaveLength(1);
  expect(fs.existsSync(out)).toBe(false);

  fs.writeFileSync(out, "mine");
  const io3 = capture();
  expect(await runPopulations(plan, { out, locale: "en-US", env: env() }, io3)).toBe(2);
  expect(fs.readFileSync(out, "utf8")).toBe("mine");
});
