/**
 * The package writer on a user's workbook: every part it does not own comes out byte for byte,
 * styles.xml only grows, a rebuild leaves no orphan part or dangling name, and ExcelJS (an
 * independent reader) sees the planned sheets.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { build, examplePlanTables } from "../../src/core/engine";
import { BASE_SHEETS } from "../fixtures/sheets";
import type { SheetPlan } from "../../src/core/workbook/types";
import { markerName } from "../../src/core/workbook/marker";
import { colLetters } from "../../src/core/a1";
import { LocalizedError } from "../../src/xlsx/messages";
import { openPackage } from "../../src/xlsx/package/opc";
import { writePlans } from "../../src/xlsx/write/writePlans";
import { cellValue } from "./helpers";
import { makeBook } from "./bookKit";
import { addPart, addRel, PNG, contentTypeOf, CT_MACRO_WORKBOOK, definedNamesOf, graphProblems, reachableParts, relsOf, resolve, richWorkbook, sheetsOf, styleEntries, unzip } from "./packageKit";

const plans: SheetPlan[] = build(examplePlanTables()).plans;

/** Parts the build may edit (besides the generated sheets and what hangs off them). */
const EDITABLE = new Set(["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "docProps/app.xml", "xl/calcChain.xml"]);

async function buildInto(bytes: Uint8Array, p: readonly SheetPlan[] = plans): Promise<Uint8Array> {
  const pkg = await openPackage(bytes);
  await writePlans(pkg, p);
  return pkg.save();
}

/** Parts of `files` that belong to generated sheets: the sheets and everything only they reach. */
function generatedParts(files: Map<string, Uint8Array>): Set<string> {
  const sheets = sheetsOf(files).filter((s) => BASE_SHEETS.some((g) => g.toLowerCase() === s.name.toLowerCase()));
  const out = reachableParts(files, sheets.map((s) => s.part));
  for (const s of sheets) out.add(s.part);
  for (const p of [...out]) {
    const i = p.lastIndexOf("/");
    out.add(`${p.slice(0, i + 1)}_rels/${p.slice(i + 1)}.rels`);
  }
  return out;
}

/** Parts neither owned nor editable that differ or vanished between `before` and `after`. */
function changedUserParts(before: Map<string, Uint8Array>, after: Map<string, Uint8Array>): string[] {
  const owned = generatedParts(before);
  const out: string[] = [];
  for (const [name, bytes] of before) {
    if (EDITABLE.has(name) || owned.has(name)) continue;
    const got = after.get(name);
    if (!got) out.push(`${name} vanished`);
    else if (Buffer.compare(Buffer.from(got), Buffer.from(bytes)) !== 0) out.push(`${name} changed`);
  }
  return out;
}

/** styles.xml of `after` starts, section by section, with every entry of `before` unchanged. */
function stylesKept(before: string, after: string): string[] {
  const out: string[] = [];
  for (const [section, child] of [["numFmts", "numFmt"], ["fonts", "font"], ["fills", "fill"], ["borders", "border"], ["cellXfs", "xf"], ["cellStyleXfs", "xf"], ["cellStyles", "cellStyle"], ["dxfs", "dxf"]]) {
    const a = styleEntries(before, section, child);
    const b = styleEntries(after, section, child);
    if (JSON.stringify(b.slice(0, a.length)) !== JSON.stringify(a)) out.push(`${section}: the old entries changed`);
    const count = new RegExp(`<${section}\\b[^>]*count="(\\d+)"`).exec(after);
    if (count && Number(count[1]) !== b.length) out.push(`${section}: count ${count[1]} for ${b.length} entries`);
  }
  return out;
}

const str = (b: Uint8Array | undefined) => Buffer.from(b ?? new Uint8Array()).toString("utf8");

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe.each([
  ["a first build", { builtBefore: false }],
  ["a workbook built by the earlier ExcelJS writer (a committed fixture)", { builtBefore: true }],
])("writePlans into %s", (_, opts) => {
  let input: Map<string, Uint8Array>;
  let once: Map<string, Uint8Array>;
  let onceBytes: Uint8Array;
  let twice: Map<string, Uint8Array>;
  let thrice: Map<string, Uint8Array>;

  beforeAll(async () => {
    const bytes = await richWorkbook({ ...opts, macros: true });
    input = await unzip(bytes);
    onceBytes = await buildInto(bytes);
    once = await unzip(onceBytes);
    // The rebuild plans a changed value: the sheet must really be rewritten.
    const changed = plans.map((p) => (p.name === "Budsjett" ? { ...p, cells: [...p.cells, { row: 60, col: 0, value: "ny linje" }] } : p));
    const twiceBytes = await buildInto(onceBytes, changed);
    twice = await unzip(twiceBytes);
    thrice = await unzip(await buildInto(twiceBytes));
  });

  test("every part it does not own comes out byte for byte", () => {
    expect(changedUserParts(input, once)).toEqual([]);
    expect(changedUserParts(once, twice)).toEqual([]);
    expect(changedUserParts(input, thrice)).toEqual([]);
    // The hand-made parts are among them.
    for (const part of ["xl/vbaProject.bin", "xl/chartsheets/sheet1.xml", "xl/charts/chart90.xml", "xl/threadedComments/threadedComment1.xml", "xl/persons/person.xml", "docProps/custom.xml", "docProps/thumbnail.jpeg", "xl/comments1.xml", "xl/sharedStrings.xml"]) {
      expect([part, thrice.has(part)]).toEqual([part, true]);
    }
  });

  test("an .xlsm stays macro-enabled", () => {
    for (const files of [once, twice, thrice]) expect(contentTypeOf(files, "xl/workbook.xml")).toBe(CT_MACRO_WORKBOOK);
  });

  test("styles.xml keeps every old entry at its index; a rebuild adds none", () => {
    expect(stylesKept(str(input.get("xl/styles.xml")), str(once.get("xl/styles.xml")))).toEqual([]);
    expect(stylesKept(str(once.get("xl/styles.xml")), str(thrice.get("xl/styles.xml")))).toEqual([]);
    expect(str(thrice.get("xl/styles.xml"))).toBe(str(twice.get("xl/styles.xml")));
  });

  test("no orphan parts, no dangling relationships or names, after each build", () => {
    for (const files of [once, twice, thrice]) expect(graphProblems(files)).toEqual([]);
    // A rebuild does not pile up parts.
    expect([...thrice.keys()].sort()).toEqual([...twice.keys()].sort());
  });

  test("the user's sheets, the chart sheet and the order stay; generated sheets keep sheetId, r:id and part", () => {
    const s1 = sheetsOf(once);
    const s3 = sheetsOf(thrice);
    expect(s3).toEqual(s1);
    const before = sheetsOf(input);
    for (const s of before) expect(s1.find((x) => x.name === s.name)).toEqual(s);
    expect(s1.map((s) => s.name)).toEqual(expect.arrayContaining([...BASE_SHEETS, "Diagram", "Mine tall", "Oppsummering"]));
  });

  test("names: one marker per generated sheet, print titles local to it, the user's name kept", () => {
    const names = definedNamesOf(thrice);
    const order = sheetsOf(thrice).map((s) => s.name);
    for (const g of BASE_SHEETS) {
      expect(names.filter((n) => n.name === markerName(g))).toEqual([{ name: markerName(g), local: undefined, text: `'${g}'!$A$1` }]);
      expect(names.filter((n) => n.name === "_xlnm.Print_Titles" && n.local === order.indexOf(g))).toHaveLength(1);
    }
    expect(names.filter((n) => n.name === "MittBidrag")).toEqual([{ name: "MittBidrag", local: undefined, text: "Kommunebidrag!$E$8" }]);
    // The anchors users link to: once each, on their cell.
    const anchors = plans.flatMap((p) => (p.names ?? []).map((a) => ({ name: a.name, local: undefined, text: `'${p.name}'!$${colLetters(a.col)}$${a.row + 1}` })));
    expect(anchors.length).toBeGreaterThan(3);
    for (const a of anchors) expect(names.filter((n) => n.name === a.name)).toEqual([a]);
    expect(str(thrice.get("xl/workbook.xml"))).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
  });

  test("ExcelJS reads the planned values, formulas, formats and the user's formulas", async () => {
    const wb = await load(onceBytes);
    for (const p of plans) {
      const ws = wb.getWorksheet(p.name)!;
      for (const c of p.cells) {
        const cell = ws.getCell(c.row + 1, c.col + 1);
        if (c.formula) {
          expect([p.name, c.row, c.col, cellValue(cell)]).toEqual([p.name, c.row, c.col, c.expected ?? null]);
        } else expect([p.name, c.row, c.col, cellValue(cell)]).toEqual([p.name, c.row, c.col, c.value ?? null]);
        if (c.numberFormat) expect(cell.numFmt).toBe(c.numberFormat);
        if (c.bold) expect(cell.font?.bold).toBe(true);
      }
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: p.freezeRows });
    }
    const sum = wb.getWorksheet("Oppsummering")!;
    expect(sum.getCell("B1").formula).toBe("Kommunebidrag!L8");
    expect(wb.getWorksheet("Mine tall")!.getCell("B2").numFmt).toBe("0.0%");
  });
});

test("a user's sheet under a generated name: refused in both languages, the package unchanged", async () => {
  const bytes = await richWorkbook();
  const pkg = await openPackage(bytes);
  const base = new ExcelJS.Workbook();
  await base.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  // Rename "Oppsummering" to a generated name, so it is a user's sheet called Budsjett.
  const files = await unzip(bytes);
  const wbXml = str(files.get("xl/workbook.xml")).replace('name="Oppsummering"', 'name="budsjett"');
  pkg.setPart("/xl/workbook.xml", wbXml);
  const before = await unzip(await pkg.save());
  const err = await writePlans(pkg, plans).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(LocalizedError);
  expect((err as LocalizedError).texts["nb-NO"]).toContain("«budsjett»");
  expect((err as LocalizedError).texts["en-US"]).toContain('"budsjett"');
  const after = await unzip(await pkg.save());
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [name, b] of before) expect([name, Buffer.compare(Buffer.from(after.get(name)!), Buffer.from(b))]).toEqual([name, 0]);
});

test("a rebuild drops an anchor of ours that points at a year gone, and keeps a user's name on the same cell", async () => {
  const pkg = await openPackage(await buildInto(await richWorkbook()));
  const wbXml = Buffer.from(await pkg.readBytes("/xl/workbook.xml")).toString("utf8");
  pkg.setPart(
    "/xl/workbook.xml",
    wbXml.replace("</definedNames>", `<definedName name="KBR_BIDRAG_1999">'Kommunebidrag'!$C$9</definedName><definedName name="KBR_EGET">'Kommunebidrag'!$C$9</definedName></definedNames>`),
  );
  await writePlans(pkg, plans);
  const files = await unzip(await pkg.save());
  const names = definedNamesOf(files).map((n) => n.name);
  expect(names).not.toContain("KBR_BIDRAG_1999");
  expect(names).toContain("KBR_EGET");
  expect(graphProblems(files)).toEqual([]);
});

describe.each([false, true])("a bare package (no styles, app.xml, names or calcPr; absolute targets: %s)", (absoluteTargets) => {
  let files: Map<string, Uint8Array>;
  let bytes: Uint8Array;
  beforeAll(async () => {
    const input = makeBook({ absoluteTargets, sheets: [{ name: "Data", part: "xl/worksheets/Data.xml", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` }] });
    bytes = await buildInto(input);
    files = await unzip(bytes);
  });

  test("gets a styles part, its relationship and content type, and a sound graph", () => {
    expect(graphProblems(files)).toEqual([]);
    expect(contentTypeOf(files, "xl/styles.xml")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
    expect(str(files.get("xl/_rels/workbook.xml.rels"))).toContain("relationships/styles");
    expect(sheetsOf(files).map((s) => s.name)).toEqual(["Data", ...BASE_SHEETS]);
    const wb = str(files.get("xl/workbook.xml"));
    expect(wb.indexOf("</sheets>")).toBeLessThan(wb.indexOf("<definedNames>"));
    expect(wb.indexOf("</definedNames>")).toBeLessThan(wb.indexOf("<calcPr"));
  });

  test("ExcelJS reads it (relative targets), formats included", async () => {
    if (absoluteTargets) return; // ExcelJS cannot read absolute part names
    const wb = await load(bytes);
    const kb = plans.find((p) => p.name === "Kommunebidrag")!;
    const c = kb.cells.find((x) => x.formula && x.numberFormat)!;
    const cell = wb.getWorksheet("Kommunebidrag")!.getCell(c.row + 1, c.col + 1);
    expect([cellValue(cell), cell.numFmt]).toEqual([c.expected, c.numberFormat]);
    // (ExcelJS does not find a sheet part not named sheetN.xml; the user's part is checked as bytes.)
    expect(str(files.get("xl/worksheets/Data.xml"))).toContain(`<c r="A1"><v>1</v></c>`);
  });
});

describe.each([
  ["our chart named KBR_DIAGRAM_Kommunebidrag", false],
  ["our chart with the name kbr wrote before (Diagram 1)", true],
])("a user's chart and picture in a generated sheet's drawing (%s)", (_, legacyName) => {
  const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  const userChart = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>Kommunebidrag!$E$8:$E$14</c:f></c:numRef></c:val></c:ser><c:axId val="7"/><c:axId val="8"/></c:barChart><c:catAx><c:axId val="7"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="b"/><c:crossAx val="8"/></c:catAx><c:valAx><c:axId val="8"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:axPos val="l"/><c:crossAx val="7"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`;
  const userStyle = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cs:chartStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle" id="201"/>`;
  const chartAnchor = `<xdr:twoCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>30</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>45</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="3" name="Diagram 2"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="${REL_NS}" r:id="rId7"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
  const picAnchor = `<xdr:oneCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>30</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="952500"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="4" name="Bilde 1"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill><a:blip xmlns:r="${REL_NS}" r:embed="rId8"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`;
  // The rebuild plans a new chart title: our chart must really be replaced.
  const retitled = plans.map((p) => (p.chart ? { ...p, chart: { ...p.chart, title: `${p.chart.title} (ny)` } } : p));
  const KB = "Kommunebidrag";
  let input: Map<string, Uint8Array>;
  let once: Map<string, Uint8Array>;
  let twice: Map<string, Uint8Array>;

  /** The drawing part of Kommunebidrag and its relationships, resolved. */
  const drawingOf = (files: Map<string, Uint8Array>) => {
    const sheet = sheetsOf(files).find((s) => s.name === KB)!;
    const rel = relsOf(files, sheet.part).find((r) => r.type === `${REL_NS}/drawing`)!;
    const part = resolve(sheet.part, rel.target);
    const rels = new Map(relsOf(files, part).map((r) => [r.id, resolve(part, r.target)]));
    return { part, xml: str(files.get(part)), rels };
  };
  const anchorNames = (xml: string) => [...xml.matchAll(/<xdr:cNvPr id="\d+" name="([^"]*)"/g)].map((m) => m[1]);

  beforeAll(async () => {
    const built = await unzip(await buildInto(await richWorkbook()));
    const zip = new JSZip();
    for (const [name, bytes] of built) zip.file(name, bytes);
    const types = { xml: str(built.get("[Content_Types].xml")) };
    const { part } = drawingOf(built);
    let xml = str(built.get(part)).replace("</xdr:wsDr>", `${chartAnchor}${picAnchor}</xdr:wsDr>`);
    if (legacyName) xml = xml.replace(`name="KBR_DIAGRAM_${KB}"`, 'name="Diagram 1"');
    zip.file(part, xml);
    addPart(zip, types, "xl/charts/chart77.xml", userChart, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    addPart(zip, types, "xl/charts/style77.xml", userStyle, "application/vnd.ms-office.chartstyle+xml");
    addPart(zip, types, "xl/media/image77.png", PNG, "image/png");
    await addRel(zip, "xl/charts/chart77.xml", { id: "rId1", type: "http://schemas.microsoft.com/office/2011/relationships/chartStyle", target: "style77.xml" });
    await addRel(zip, part, { id: "rId7", type: `${REL_NS}/chart`, target: "../charts/chart77.xml" });
    await addRel(zip, part, { id: "rId8", type: `${REL_NS}/image`, target: "../media/image77.png" });
    zip.file("[Content_Types].xml", types.xml);
    const withUser = await zip.generateAsync({ type: "uint8array" });
    input = await unzip(withUser);
    expect(graphProblems(input)).toEqual([]);
    const onceBytes = await buildInto(withUser, retitled);
    once = await unzip(onceBytes);
    twice = await unzip(await buildInto(onceBytes, retitled));
  });

  test("the user's chart, its style and the picture stay byte for byte, still anchored", () => {
    for (const files of [once, twice]) {
      for (const p of ["xl/charts/chart77.xml", "xl/charts/style77.xml", "xl/media/image77.png", "xl/charts/_rels/chart77.xml.rels"]) {
        expect([p, Buffer.compare(Buffer.from(files.get(p) ?? []), Buffer.from(input.get(p)!))]).toEqual([p, 0]);
      }
      const d = drawingOf(files);
      expect(d.xml).toContain(chartAnchor);
      expect(d.xml).toContain(picAnchor);
      expect(d.rels.get("rId7")).toBe("xl/charts/chart77.xml");
      expect(d.rels.get("rId8")).toBe("xl/media/image77.png");
      expect(graphProblems(files)).toEqual([]);
    }
  });

  test("ours is replaced: one anchor named KBR_DIAGRAM_Kommunebidrag, its chart the new one, the old chart gone", () => {
    const title = retitled.find((p) => p.name === KB)!.chart!.title;
    for (const files of [once, twice]) {
      const d = drawingOf(files);
      expect(anchorNames(d.xml).sort()).toEqual(["Bilde 1", "Diagram 2", `KBR_DIAGRAM_${KB}`]);
      const ids = [...d.xml.matchAll(/<xdr:cNvPr id="(\d+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      const ourRid = /name="KBR_DIAGRAM_Kommunebidrag"[\s\S]*?r:id="([^"]+)"/.exec(d.xml)![1];
      expect(str(files.get(d.rels.get(ourRid)!))).toContain(`(ny)`);
      expect(str(files.get(d.rels.get(ourRid)!))).toContain(title.replace(/&/g, "&amp;"));
      // Exactly one chart of ours: the old one left the package.
      const ourCharts = [...files.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p) && str(files.get(p)).includes("500100001"));
      expect(ourCharts.filter((p) => [...d.rels.values()].includes(p))).toHaveLength(1);
      expect(ourCharts.filter((p) => str(files.get(p)).includes(title)).length).toBeGreaterThan(0);
    }
    // The old chart of ours (no "(ny)") is nowhere: no orphan.
    const oldOurs = [...once.keys()].filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p) && str(once.get(p)).includes("500100001") && str(once.get(p)).includes(`<c:f>'${KB}'`) && !str(once.get(p)).includes("(ny)"));
    expect(oldOurs).toEqual([]);
  });

  test("a second rebuild changes nothing more", () => {
    expect([...twice.keys()].sort()).toEqual([...once.keys()].sort());
    const d1 = drawingOf(once);
    const d2 = drawingOf(twice);
    expect(d2.part).toBe(d1.part);
    expect(d2.xml).toBe(d1.xml);
    expect([...d2.rels]).toEqual([...d1.rels]);
  });
});
