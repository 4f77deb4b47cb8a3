import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { build, examplePlanTables } from "../../src/core/engine";
import type { ChartPlan, SheetPlan } from "../../src/core/workbook/types";
import { runBuild, runCheck, type Io } from "../../src/cli/commands";
import { chartXml as chartPartXml, sheetRange } from "../../src/xlsx/write/chartXml";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import type { TableData } from "../../src/core/workbook/types";

const SHEET = "Kommunebidrag";
const quiet: Io = { out: () => undefined, err: () => undefined };

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-chart-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function unescape(s: string): string {
  return s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]) : undefined;
}

function rels(xml: string): { id: string; type: string; target: string }[] {
  return [...xml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => ({ id: attr(m[0], "Id")!, type: attr(m[0], "Type")!, target: attr(m[0], "Target")! }));
}

/** `xl/worksheets/sheet4.xml` + `../drawings/drawing1.xml` -> `xl/drawings/drawing1.xml`. */
function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = from.split("/").slice(0, -1);
  for (const seg of target.split("/")) if (seg === "..") parts.pop();
  else parts.push(seg);
  return parts.join("/");
}

function relsOf(part: string): string {
  const i = part.lastIndexOf("/");
  return `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
}

async function text(zip: JSZip, part: string): Promise<string> {
  const f = zip.file(part);
  if (!f) throw new Error(`${part} missing`);
  return f.async("string");
}

/** Follows workbook -> sheet -> drawing -> chart through the relationships, as a reader would. */
async function chartOf(zip: JSZip, sheet: string): Promise<{ sheetPart: string; sheetXml: string; drawingXml: string; chartPart: string; chartXml: string }> {
  const wb = await text(zip, "xl/workbook.xml");
  const tag = [...wb.matchAll(/<sheet\b[^>]*>/g)].map((m) => m[0]).find((t) => attr(t, "name") === sheet);
  expect(tag).toBeDefined();
  const wbRel = rels(await text(zip, "xl/_rels/workbook.xml.rels")).find((r) => r.id === attr(tag!, "r:id"))!;
  const sheetPart = resolve("xl/workbook.xml", wbRel.target);
  const sheetXml = await text(zip, sheetPart);
  const drawingId = /<drawing r:id="([^"]+)"\/>/.exec(sheetXml)?.[1];
  expect(drawingId).toBeDefined();
  const dRel = rels(await text(zip, relsOf(sheetPart))).find((r) => r.id === drawingId)!;
  expect(dRel.type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing");
  const drawingPart = resolve(sheetPart, dRel.target);
  const drawingXml = await text(zip, drawingPart);
  const chartId = /<c:chart [^>]*r:id="([^"]+)"/.exec(drawingXml)?.[1];
  const cRel = rels(await text(zip, relsOf(drawingPart))).find((r) => r.id === chartId)!;
  expect(cRel.type).toBe("http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart");
  const chartPart = resolve(drawingPart, cRel.target);
  const types = await text(zip, "[Content_Types].xml");
  expect(types).toContain(`<Override PartName="/${chartPart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
  expect(types).toContain(`<Override PartName="/${drawingPart}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
  return { sheetPart, sheetXml, drawingXml, chartPart, chartXml: await text(zip, chartPart) };
}

/** A new workbook from `tables` with `plans`, saved to `file` (the package writer, as `kbr build`). */
async function save(tables: readonly TableData[], plans: readonly SheetPlan[], file: string): Promise<void> {
  const book = await PackageWorkbook.create(tables);
  await book.write(plans);
  fs.writeFileSync(file, await book.toBytes());
}

function planOf(plans: readonly SheetPlan[]): SheetPlan & { chart: ChartPlan } {
  const p = plans.find((x) => x.name === SHEET);
  if (!p?.chart) throw new Error("no chart planned");
  return p as SheetPlan & { chart: ChartPlan };
}

describe("bar charts (the Scenarier sheet)", () => {
  it("a plan of kind bar is drawn with horizontal bars, categories down the left in table order", async () => {
    const tables = [...examplePlanTables(), { name: "Scenarier", sheet: "S", top: 0, left: 0, headers: ["Scenario", "Andel likt fordelt"], rows: [["Likt", 1], ["Folketall", 0]] }];
    const result = build(tables);
    const file = path.join(dir, "bar.xlsx");
    await save(tables, result.plans, file);
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const bar = (await chartOf(zip, "Scenarier")).chartXml;
    expect(bar).toMatch(/<c:barChart><c:barDir val="bar"\/><c:grouping val="clustered"\/>/);
    expect(bar).toMatch(/<c:catAx>.*<c:orientation val="maxMin"\/>.*<c:axPos val="l"\/>.*<\/c:catAx>/);
    expect(bar).toMatch(/<c:valAx>.*<c:axPos val="b"\/>.*<\/c:valAx>/);
    expect((bar.match(/<c:ser>/g) ?? []).length).toBe(2);
    const col = (await chartOf(zip, SHEET)).chartXml;
    expect(col).toMatch(/<c:barDir val="col"\/>/);
    expect(col).toMatch(/<c:catAx>.*<c:axPos val="b"\/>.*<\/c:catAx>/);
  });
});

describe("chart in the saved workbook", () => {
  const result = build(examplePlanTables());
  const plan = planOf(result.plans);
  let file: string;

  beforeAll(async () => {
    file = path.join(dir, "plan.xlsx");
    await save(examplePlanTables(), result.plans, file);
  });

  it("adds chart, drawing, relationships and content types that resolve", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const { sheetXml, drawingXml, chartXml } = await chartOf(zip, SHEET);
    // Schema order: after headerFooter, before tableParts/extLst if any.
    expect(sheetXml.indexOf("<drawing ")).toBeGreaterThan(sheetXml.indexOf("<headerFooter"));
    expect(sheetXml.indexOf("<drawing ")).toBeGreaterThan(sheetXml.indexOf("<pageMargins"));
    expect(chartXml).toMatch(/<c:barChart><c:barDir val="col"\/><c:grouping val="clustered"\/>/);
    expect(chartXml).toContain(`<c:legendPos val="b"/>`);
    expect(chartXml).toContain(plan.chart.title);
    const a = plan.chart.anchor;
    expect(drawingXml).toContain(`<xdr:from><xdr:col>${a.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row}</xdr:row>`);
    expect(drawingXml).toContain(`<xdr:to><xdr:col>${a.col + a.cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${a.row + a.rows}</xdr:row>`);
    // The drawing holds the chart alone, and there is no picture.
    expect(drawingXml).not.toContain("<xdr:pic>");
    expect(Object.keys(zip.files).filter((n) => n.startsWith("xl/media/") && !zip.files[n].dir)).toEqual([]);
  });

  it("refers each series to the names column and its contribution column, with the engine's values cached", async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(file));
    const { chartXml } = await chartOf(zip, SHEET);
    const sers = [...chartXml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)].map((m) => m[1]);
    expect(sers).toHaveLength(plan.chart.series.length);
    // The 2009 plan: names in A8:A14, the yearly contributions in E, H and K.
    expect(plan.chart.series.length).toBe(3);
    const cells = new Map(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
    sers.forEach((ser, i) => {
      const s = plan.chart.series[i];
      expect(/<c:tx><c:v>([^<]*)<\/c:v><\/c:tx>/.exec(ser)?.[1]).toBe(s.name);
      const [catF, valF] = [...ser.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((m) => unescape(m[1]));
      expect(catF).toBe("'Kommunebidrag'!$A$8:$A$14");
      expect(valF).toBe(`'Kommunebidrag'!$${["E", "H", "K"][i]}$8:$${["E", "H", "K"][i]}$14`);
      const cachedNames = [.../<c:strCache>(.*?)<\/c:strCache>/.exec(ser)![1].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]);
      expect(cachedNames).toEqual(["Hjartdal", "Tinn", "Notodden", "Kongsberg", "Flesberg", "Rollag", "Nore og Uvdal"]);
      const cachedValues = [.../<c:numCache>(.*?)<\/c:numCache>/.exec(ser)![1].matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => Number(m[1]));
      const want = Array.from({ length: s.toRow - s.fromRow + 1 }, (_, k) => cells.get(`${s.fromRow + k},${s.col}`)?.expected);
      expect(cachedValues).toEqual(want);
      expect(cachedValues).toEqual([43747, 65811, 96403, 154775, 48222, 42755, 48287]);
    });
    expect(chartXml).toContain(`<c:valAx>`);
    expect(/<c:valAx>.*<c:numFmt formatCode="#,##0"/.test(chartXml)).toBe(true);
  });

  it("still loads in ExcelJS and checks clean", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet(SHEET)).toBeDefined();
    expect(await runCheck(file, { json: true, locale: "en-US" }, quiet)).toBe(0);
  });

  it("rebuilding a built workbook leaves exactly one chart, no orphan parts", async () => {
    const again = path.join(dir, "again.xlsx");
    expect(await runBuild({ input: file, out: again, json: true, locale: "en-US" }, quiet)).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(again));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names.filter((n) => n.startsWith("xl/charts/"))).toEqual(["xl/charts/chart1.xml"]);
    expect(names.filter((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n))).toEqual(["xl/drawings/drawing1.xml"]);
    const { chartPart } = await chartOf(zip, SHEET);
    expect(chartPart).toBe("xl/charts/chart1.xml");
    expect(await runCheck(again, { json: true, locale: "en-US" }, quiet)).toBe(0);
  });

  it("takes fresh part names and rIds beside a user's picture", async () => {
    // A workbook with the input tables and, made by ExcelJS (another writer), a user's sheet with a picture.
    const input = path.join(dir, "picture-in.xlsx");
    fs.writeFileSync(input, await (await PackageWorkbook.create(examplePlanTables())).toBytes());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    const mine = wb.addWorksheet("Mine tall");
    // A 1x1 PNG: ExcelJS writes it as xl/drawings/drawing1.xml with its own rels.
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
    mine.addImage(wb.addImage({ buffer: png, extension: "png" } as unknown as ExcelJS.Image), "B2:C3");
    await wb.xlsx.writeFile(input);
    const f = path.join(dir, "picture.xlsx");
    expect(await runBuild({ input, out: f, json: true, locale: "en-US" }, quiet)).toBe(0);
    const zip = await JSZip.loadAsync(fs.readFileSync(f));
    const { chartXml, sheetPart } = await chartOf(zip, SHEET);
    expect(chartXml).toContain("<c:barChart>");
    const d = rels(await text(zip, relsOf(sheetPart))).find((r) => r.type.endsWith("/drawing"))!;
    expect(d.target).not.toBe("../drawings/drawing1.xml");
    // The picture's drawing is untouched.
    expect(await text(zip, "xl/drawings/drawing1.xml")).toContain("<xdr:pic>");
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(f);
    expect(back.getWorksheet("Mine tall")!.getImages()).toHaveLength(1);
  });
});

describe("chartXml", () => {
  const chart: ChartPlan = {
    title: "T & co",
    categories: { fromRow: 1, toRow: 2, col: 0 },
    series: [{ name: "S <1>", fromRow: 1, toRow: 2, col: 1 }],
    anchor: { row: 4, col: 0, rows: 10, cols: 6 },
  };
  const spec = { sheet: "Ola's ark", plan: chart, categories: ["a", "b"], values: [[1, null]] };

  it("quotes the sheet, escapes the texts and leaves a blank value out of the cache", () => {
    const c = chartPartXml(spec);
    expect(c).toContain(`<c:f>'Ola''s ark'!$A$2:$A$3</c:f>`);
    expect(c).toContain(`<c:f>'Ola''s ark'!$B$2:$B$3</c:f>`);
    expect(c).toContain("T &amp; co");
    expect(c).toContain("<c:v>S &lt;1&gt;</c:v>");
    // A blank value is left out of the cache, not written as 0.
    expect(c).toMatch(/<c:ptCount val="2"\/><c:pt idx="0"><c:v>1<\/c:v><\/c:pt><\/c:numCache>/);
    expect(sheetRange("Kommunebidrag", 4, 7, 13)).toBe("'Kommunebidrag'!$E$8:$E$14");
  });

  it("stores a control character in a name as OOXML's _xHHHH_, and a literal _xHHHH_ guarded", () => {
    const c = chartPartXml({ ...spec, categories: ["Bø\u0007", "a_x0041_b"], plan: { ...chart, series: [{ ...chart.series[0], name: "S\u0001" }] } });
    expect(c).toContain("<c:v>Bø_x0007_</c:v>");
    expect(c).toContain("<c:v>a_x005F_x0041_b</c:v>");
    expect(c).toContain("<c:v>S_x0001_</c:v>");
    // eslint-disable-next-line no-control-regex
    expect(c).not.toMatch(/[\u0000-\u0008]/);
  });
});
