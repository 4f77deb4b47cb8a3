/**
 * The output's extension must say what the file holds: Excel refuses an .xlsx with a macro
 * project (or an .xlsm without one). And the writer finds the workbook part wherever the reader
 * does, so a file the reader accepts is never refused halfway with an internal error.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import JSZip from "jszip";
import { runBuild } from "../../src/cli/commands";
import { capture } from "./capture";

const CORPUS = path.resolve(__dirname, "..", "corpus");

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-ext-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("kbr build --out: the extension matches the content", () => {
  it.each([
    ["handmade.xlsm", "out.xlsx", "has macros (.xlsm)", "har makroer (.xlsm)"],
    ["openpyxl.xlsx", "out.xlsm", "has no macros", "har ingen makroer"],
  ])("%s to %s is refused (exit 2) in both languages, nothing written", async (input, out, en, nb) => {
    for (const [locale, text] of [["en-US", en], ["nb-NO", nb]] as const) {
      const io = capture();
      const target = path.join(dir, out);
      expect(await runBuild({ input: path.join(CORPUS, input), out: target, locale }, io)).toBe(2);
      expect(io.stderr).toContain(text);
      expect(io.stderr).toContain(target);
      expect(fs.existsSync(target)).toBe(false);
    }
  });

  it("an .xlsm to an .xlsm and an .xlsx to an .xlsx are built", async () => {
    for (const [input, out] of [["handmade.xlsm", "out.xlsm"], ["openpyxl.xlsx", "out.xlsx"]]) {
      const io = capture();
      expect(await runBuild({ input: path.join(CORPUS, input), out: path.join(dir, out), locale: "en-US" }, io)).toBe(0);
    }
  });
});

it("a package without the officeDocument relationship (but with xl/workbook.xml) is read and built, not refused by the writer", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(CORPUS, "openpyxl.xlsx")));
  const rels = await zip.file("_rels/.rels")!.async("string");
  const without = rels.replace(/<Relationship [^>]*officeDocument"[^>]*\/>/, "");
  expect(without).not.toContain("relationships/officeDocument");
  zip.file("_rels/.rels", without);
  const input = path.join(dir, "norel.xlsx");
  fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  const io = capture();
  const out = path.join(dir, "norel-out.xlsx");
  expect(await runBuild({ input, out, locale: "en-US" }, io)).toBe(0);
  const built = await JSZip.loadAsync(fs.readFileSync(out));
  expect(await built.file("xl/workbook.xml")!.async("string")).toContain('name="Kommunebidrag"');
});

it("a workbook.xml the writer cannot edit (no <sheets>) is refused in the user's language, exit 2, nothing written", async () => {
  const zip = await JSZip.loadAsync(fs.readFileSync(path.join(CORPUS, "openpyxl.xlsx")));
  const wbXml = await zip.file("xl/workbook.xml")!.async("string");
  // The reader finds the tables through the rels; the writer needs <sheets> to add its own.
  zip.file("xl/workbook.xml", wbXml.replace(/<sheets>/, "<sheetz>").replace(/<\/sheets>/, "</sheetz>"));
  const input = path.join(dir, "odd.xlsx");
  fs.writeFileSync(input, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  for (const [locale, text] of [["nb-NO", "Kan ikke endre"], ["en-US", "Cannot change"]] as const) {
    const io = capture();
    const out = path.join(dir, `odd-${locale}.xlsx`);
    expect(await runBuild({ input, out, locale }, io)).toBe(2);
    expect(io.stderr).toContain(text);
    expect(io.stderr).not.toContain("<sheets>");
    expect(fs.existsSync(out)).toBe(false);
  }
});
