/**
 * The package reader on the corpus (test/corpus: workbooks written by LibreOffice, openpyxl,
 * ExcelJS and by hand): the four input tables read as the plan has them, only the parts that
 * hold them are unpacked, and a package saved unchanged is the same part for part.
 */
import * as fs from "fs";
import * as path from "path";
import { openWorkbookFile } from "../../src/xlsx/read/open";
import ExcelJS from "exceljs";
import { openWorkbookBytes } from "../../src/xlsx/read/open";
import { readSheetCells, readTables } from "../../src/xlsx/read/tables";
import { exceljsSheets, userWorkbook } from "./helpers";
import type { SheetData } from "../../src/core/workbook/types";
import { openPackage } from "../../src/xlsx/package/opc";
import { readCentralDirectory, compressedData } from "../../src/xlsx/package/zip";
import { corpusTables } from "../../scripts/make-corpus/tables";
import { readParts } from "../corpus/parts";

const CORPUS = path.join(__dirname, "..", "corpus");
const FILES = ["libreoffice.xlsx", "openpyxl.xlsx", "exceljs.xlsx", "handmade.xlsm"];

describe.each(FILES)("%s", (file) => {
  test("the four input tables read as the plan has them, unpacking only their parts", async () => {
    const { pkg, info } = await openWorkbookFile(path.join(CORPUS, file));
    const read: string[] = [];
    for (const m of ["readBytes", "streamText"] as const) {
      const orig = pkg[m].bind(pkg) as (...a: unknown[]) => Promise<unknown>;
      (pkg as unknown as Record<string, unknown>)[m] = (part: string, ...rest: unknown[]) => {
        read.push(part);
        return orig(part, ...rest);
      };
    }
    const want = corpusTables();
    const got = await readTables(pkg, info, want.map((t) => t.name.toUpperCase()));
    for (const w of want) {
      const t = got.find((x) => x.name === w.name);
      expect(t && { ...t, cellIssues: t.cellIssues ?? [] }).toEqual({ ...w, cellIssues: [] });
    }
    // Only the sheet of the tables, and the shared strings and styles their cells need.
    const sheetParts = new Set(info.tables.map((t) => t.sheetPart));
    expect(sheetParts.size).toBe(1);
    for (const part of read) expect([part, [...sheetParts, info.sharedStringsPart, info.stylesPart].includes(part)]).toEqual([part, true]);
  });

  test("saved unchanged, every entry is the same bytes as stored", async () => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(CORPUS, file)));
    const out = await (await openPackage(bytes)).save();
    const before = readCentralDirectory(bytes, 10_000);
    const after = readCentralDirectory(out, 10_000);
    expect(after.map((e) => e.name)).toEqual(before.map((e) => e.name));
    before.forEach((b, i) => {
      expect([b.name, Buffer.from(compressedData(out, after[i])).equals(Buffer.from(compressedData(bytes, b))), after[i].crc]).toEqual([b.name, true, b.crc]);
    });
    // And an independent reader (JSZip, via the corpus helpers) sees the same parts.
    const [p, q] = await Promise.all([readParts(bytes), readParts(out)]);
    expect([...q.keys()]).toEqual([...p.keys()]);
    for (const [k, v] of p) expect([k, q.get(k)!.equals(v)]).toEqual([k, true]);
  });
});

/** Rows without their trailing empty cells (ExcelJS lists merged cells as empty ones). */
function trimmed(sheets: SheetData[]): SheetData[] {
  return sheets.map((s) => ({
    name: s.name,
    rows: s.rows.map((r) => {
      const row = [...r];
      while (row.length && row[row.length - 1].value === null && row[row.length - 1].formula === undefined) row.pop();
      return row;
    }),
  }));
}

// openpyxl's file is left out: ExcelJS cannot read its absolute part names (issue 8).
test.each(["libreoffice.xlsx", "exceljs.xlsx", "handmade.xlsm"])("%s: every worksheet reads as ExcelJS reads it", async (file) => {
  const { pkg, info } = await openWorkbookFile(path.join(CORPUS, file));
  const names = info.sheets.filter((s) => s.kind === "worksheet").map((s) => s.name);
  const mine = await readSheetCells(pkg, info, names);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(CORPUS, file));
  const theirs = exceljsSheets(wb, names);
  expect(mine.map((s) => s.name)).toEqual(names);
  expect(trimmed(mine)).toEqual(trimmed(theirs));
});

test("a user's workbook by ExcelJS (shared formulas, dates, rich text, merged cells) reads as ExcelJS reads it", async () => {
  const bytes = new Uint8Array((await (await userWorkbook()).xlsx.writeBuffer()) as ArrayBuffer);
  const { pkg, info } = await openWorkbookBytes(bytes, "bruker.xlsx");
  const mine = await readSheetCells(pkg, info, ["Mine tall", "Notater"]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const theirs = exceljsSheets(wb, ["Mine tall", "Notater"]);
  expect(trimmed(mine)).toEqual(trimmed(theirs));
  // The shared formula's followers are there, moved.
  expect(mine[0].rows[4][2]).toEqual({ value: 10005, formula: "=B5*2" });
});
