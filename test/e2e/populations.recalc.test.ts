/**
 * End to end: `kbr populations` edits the input tables in place (new `Innbyggere <år>` columns
 * in Kommuner, a new row in Parametere) and rebuilds; LibreOffice, as an independent engine,
 * opens the result, recalculates every formula and must get what the engine planned from the
 * new populations. The figures come from the local fake of SSB (127.0.0.1), never the internet.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { build } from "../../src/core/engine";
import { runBuild } from "../../src/cli/commands";
import { runPopulations } from "../../src/cli/populations";
import { PackageWorkbook } from "../../src/xlsx/packageWorkbook";
import { cellValue } from "../xlsx/helpers";
import { capture } from "../cli/capture";
import { startFakeSsb, fakePopulation, type FakeSsb } from "../ssb/fakeSsb";
import { recalculate } from "./libreoffice";
import { mismatches } from "./compare";

let fake: FakeSsb;
let dir: string;
beforeAll(async () => {
  fake = await startFakeSsb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-pop-e2e-"));
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("the rebuilt sheets, recalculated by LibreOffice, equal the engine's with SSB's figures", async () => {
  const plan = path.join(dir, "plan.xlsx");
  expect(await runBuild({ out: plan, locale: "en-US" }, capture())).toBe(0);
  const out = path.join(dir, "populations.xlsx");
  const io = capture();
  expect(await runPopulations(plan, { out, locale: "en-US", env: { KBR_SSB_URL: fake.baseUrl } }, io)).toBe(0);

  const tables = await new PackageWorkbook((await PackageWorkbook.open(out)).pkg).readTables();
  const planned = build(tables);
  expect(planned.model!.municipalities.find((m) => m.name === "Kongsberg")!.populationByYear).toEqual({
    "2009": 23997,
    "2010": fakePopulation("3303", 2009),
    "2011": fakePopulation("3303", 2010),
  });
  const [recalculated] = recalculate([out], path.join(dir, "recalculated"));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(recalculated);
  expect(mismatches(planned.plans, wb)).toEqual([]);
  // The new column is part of the Kommuner table for LibreOffice too: its header and a figure.
  const k = tables.find((t) => t.name === "Kommuner")!;
  const ws = wb.getWorksheet(k.sheet)!;
  expect(cellValue(ws.getCell(k.top + 1, k.left + 4))).toBe("Innbyggere 2009");
  expect(cellValue(ws.getCell(k.top + 2, k.left + 4))).toBe(1619);
  // Kommunebidrag says the source under its totals: LibreOffice computes the live lookup into Parametere.
  const kb = planned.plans.find((p) => p.name === "Kommunebidrag")!;
  const src = kb.cells.find((c) => c.formula?.includes('"Kilde innbyggertall"'))!;
  expect(src.formula).toMatch(/^=INDEX\(Parametere\[Verdi\],MATCH\(/);
  expect(cellValue(wb.getWorksheet("Kommunebidrag")!.getCell(src.row + 1, src.col + 1))).toBe(src.expected);
  expect(String(src.expected)).toMatch(/^Kilde: Statistisk sentralbyrå \(SSB\), tabell 07459, befolkning 1\.1\.2008, 1\.1\.2009, 1\.1\.2010/);
});
