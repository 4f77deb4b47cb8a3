/**
 * A control character in a municipality's name (issue 13): stored validly as `_x0007_` in the
 * input's shared strings, it must come out as OOXML's `_xHHHH_` in every part the build writes
 * (the sheets' cells and the chart's caches), never raw: XML 1.0 cannot hold it. The output is
 * re-read by independent readers: a strict XML parser (@xmldom/xmldom) for every part, and ExcelJS.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { DOMParser } from "@xmldom/xmldom";
import { examplePlanTables } from "../../src/core/engine";
import { runBuild, runCheck } from "../../src/cli/commands";
import { capture } from "../cli/capture";
import { addInputTables } from "../../scripts/make-corpus/exceljs";
import { cellValue } from "./helpers";

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-control-"))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The example's input tables by ExcelJS, with "Tinn" stored as "Tinn_x0007_" in sharedStrings.xml. */
async function inputWithBell(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addInputTables(wb.addWorksheet("Inndata"), examplePlanTables());
  const zip = await JSZip.loadAsync((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const ss = await zip.file("xl/sharedStrings.xml")!.async("string");
  expect(ss).toContain("<t>Tinn</t>");
  zip.file("xl/sharedStrings.xml", ss.replace("<t>Tinn</t>", "<t>Tinn_x0007_</t>"));
  const file = path.join(dir, "bjelle.xlsx");
  fs.writeFileSync(file, await zip.generateAsync({ type: "uint8array" }));
  return file;
}

/** Every XML part that a strict parser refuses, with its first complaint. */
async function badXml(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const bad: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => /\.(xml|rels)$/.test(n))) {
    const text = await zip.file(name)!.async("string");
    try {
      new DOMParser({
        onError: (level, msg) => {
          if (level !== "warning") throw new Error(msg);
        },
      }).parseFromString(text, "text/xml");
    } catch (e) {
      bad.push(`${name}: ${(e as Error).message.split("\n")[0]}`);
    }
  }
  return bad;
}

test("a control character in a name is written as _xHHHH_ everywhere, and the output reads back", async () => {
  const input = await inputWithBell();
  const out = path.join(dir, "ut.xlsx");
  const io = capture();
  expect(await runBuild({ input, out, locale: "en-US" }, io)).toBe(0);

  // eslint-disable-next-line no-control-regex
  const raw = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
  const zip = await JSZip.loadAsync(fs.readFileSync(out));
  for (const name of Object.keys(zip.files).filter((n) => /\.xml$/.test(n))) {
    expect({ name, raw: raw.test(await zip.file(name)!.async("string")) }).toEqual({ name, raw: false });
  }
  expect(await badXml(out)).toEqual([]);
  const chart = Object.keys(zip.files).find((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))!;
  expect(await zip.file(chart)!.async("string")).toContain("<c:v>Tinn_x0007_</c:v>");

  // ExcelJS opens it and finds the name on Kommunebidrag as the sheet stores it.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const names: string[] = [];
  wb.getWorksheet("Kommunebidrag")!.getColumn(1).eachCell((c) => names.push(String(cellValue(c))));
  expect(names.filter((n) => n.startsWith("Tinn"))).toHaveLength(1);
  // And our own check reads its build back (the name decoded again) without an error.
  expect(await runCheck(out, { json: true, locale: "en-US" }, capture())).toBe(0);
});
