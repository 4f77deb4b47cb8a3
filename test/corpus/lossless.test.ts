/**
 * `kbr build --input` on every workbook of the corpus (test/corpus/README.md): the build must
 * keep everything of the user's, part for part (issue 8, docs/workbook.md "What the product owns").
 *
 * For each file, in process through runBuild/runCheck:
 * - build: `kbr build --input FILE --out OUT` exits 0 and reads the 2009 plan's tables right;
 * - parts kept: every part the build does not own is unchanged (parts.ts comparePackages);
 * - sound: the output's relationships neither dangle nor leave parts unreachable;
 * - xlsm (macro-enabled files only): without --out the output is named .xlsm, its workbook keeps
 *   the macro-enabled content type and the VBA project comes out byte for byte;
 * - rebuild: building the output again keeps the first output's user parts, drops the old
 *   generated parts cleanly (no orphans, nothing dangling);
 * - check: `kbr check` on the output exits 0.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBuild, runCheck } from "../../src/cli/commands";
import { BASE_SHEETS } from "../fixtures/sheets";
import type { Report } from "../../src/core/engine";
import { checkGraph, comparePackages, readParts, sheetsOf, workbookContentType, type Parts } from "./parts";
import { capture } from "../cli/capture";

type Check = "build" | "parts kept" | "sound" | "xlsm" | "rebuild" | "check";

/** The corpus files its README describes; every check runs on each as a plain test. */
const CORPUS_FILES = ["exceljs.xlsx", "handmade.xlsm", "libreoffice.xlsx", "openpyxl.xlsx", "variants.xlsx"];

const MACRO_ENABLED = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
/** The 2009 plan's Totalt column (kr/år), as the build must compute it from the input tables. */
const PLAN_TOTALS: Record<string, number> = {
  Hjartdal: 43747,
  Tinn: 65811,
  Notodden: 96403,
  Kongsberg: 154775,
  Flesberg: 48222,
  Rollag: 42755,
  "Nore og Uvdal": 48287,
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function build(input: string, out?: string): Promise<Run> {
  const io = capture();
  const code = await runBuild({ input, out, json: true, locale: "en-US" }, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

const files = fs
  .readdirSync(__dirname)
  .filter((f) => /\.xls[xm]$/.test(f))
  .sort();

test("the corpus has the files its README describes", () => {
  expect(files).toEqual([...CORPUS_FILES].sort());
});

describe.each(files)("%s", (file) => {
  const check = (name: Check, fn: () => Promise<void>) => test(name, fn);
  const input = path.join(__dirname, file);
  let dir: string;
  let out: string;
  let first: Run;
  let before: Parts;
  let after: Parts | null = null;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-corpus-"));
    out = path.join(dir, "out" + path.extname(file));
    before = await readParts(input);
    first = await build(input, out);
    if (first.code === 0 && fs.existsSync(out)) after = await readParts(out);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** The first build's output; a clear failure instead of a null when the build did not write. */
  const output = (): Parts => {
    if (!after) throw new Error(`kbr build wrote nothing (exit ${first.code}): ${first.stderr.trim()}`);
    return after;
  };

  check("build", async () => {
    expect({ code: first.code, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    const report = JSON.parse(first.stdout) as Report;
    expect(report.years).toEqual(["2009", "2010", "2011"]);
    const totals = Object.fromEntries(report.municipalities.map((m) => [m.name, Object.values(m.contributions)[0]]));
    expect(totals).toEqual(PLAN_TOTALS);
    expect(output().size).toBeGreaterThan(0);
  });

  check("parts kept", async () => {
    const r = comparePackages(before, output(), BASE_SHEETS);
    expect(r.violations).toEqual([]);
    // The build added its sheets, each a part of its own.
    const sheets = sheetsOf(output()).filter((s) => (BASE_SHEETS as readonly string[]).includes(s.name));
    expect(sheets.map((s) => s.name).sort()).toEqual([...BASE_SHEETS].sort());
    for (const s of sheets) expect(r.owned).toContain(s.part);
  });

  check("sound", async () => {
    expect(checkGraph(output())).toEqual([]);
  });

  if (/\.xlsm$/.test(file)) {
    check("xlsm", async () => {
      // Without --out the output goes next to the input, with the input's extension.
      const copy = path.join(dir, "bok" + path.extname(file));
      fs.copyFileSync(input, copy);
      const run = await build(copy);
      expect(run.code).toBe(0);
      const named = path.join(dir, "bok-kbr.xlsm");
      expect(fs.existsSync(named)).toBe(true);
      const parts = await readParts(named);
      expect(workbookContentType(parts)).toBe(MACRO_ENABLED);
      const vba = [...before.keys()].find((p) => /vbaProject\.bin$/i.test(p))!;
      expect(parts.get(vba)?.equals(before.get(vba)!)).toBe(true);
    });
  }

  check("rebuild", async () => {
    const once = path.join(dir, "once" + path.extname(file));
    fs.writeFileSync(once, fs.readFileSync(out)); // fails clearly when the first build wrote nothing
    const twice = path.join(dir, "twice" + path.extname(file));
    const run = await build(once, twice);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: "" });
    const first = await readParts(once);
    const second = await readParts(twice);
    expect(comparePackages(first, second, BASE_SHEETS).violations).toEqual([]);
    expect(checkGraph(second)).toEqual([]);
  });

  check("check", async () => {
    const io = capture();
    const code = await runCheck(out, { json: true, locale: "en-US" }, io);
    expect({ code, stderr: io.stderr }).toEqual({ code: 0, stderr: "" });
  });
});
