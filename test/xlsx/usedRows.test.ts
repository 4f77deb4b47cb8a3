/**
 * Tables read by their used rows: a table over whole columns (`A1:C1048576`, as Excel makes it
 * when a user formats whole columns as a table) or over the whole sheet (`A1:XFD1048576`) is read
 * as the rows and columns that hold something, and `kbr build` computes the same plan as from
 * the tight table. Trailing blank rows of any kind (no cells, styled empty cells, empty or
 * whitespace text) never reach the model.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { runBuild } from "../../src/cli/commands";
import { build, examplePlanTables, toReport } from "../../src/core/engine";
import { readModel } from "../../src/core/model/read";
import { withoutTrailingBlankRows } from "../../src/core/workbook/usedRows";
import type { CellValue, TableData } from "../../src/core/workbook/types";
import { colLetters } from "../../src/core/a1";
import { openWorkbookBytes } from "../../src/xlsx/read/open";
import { readTables } from "../../src/xlsx/read/tables";
import { makeBook, tableXml } from "./bookKit";
import { exampleBook, rowsXml } from "./exampleKit";
import { capture } from "../cli/capture";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-used-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function buildJson(bytes: Uint8Array, name: string): Promise<{ code: number; report: { municipalities: unknown; findings: unknown[] } }> {
  const input = path.join(dir, name);
  fs.writeFileSync(input, bytes);
  const io = capture();
  const code = await runBuild({ input, out: path.join(dir, `ut-${name}`), json: true, locale: "en-US" }, io);
  return { code, report: JSON.parse(io.stdout) };
}

describe("whole-column and whole-sheet tables", () => {
  const expected = toReport(build(examplePlanTables()), "en-US");

  test.each([
    ["whole columns (A1:C1048576)", (t: TableData) => `A1:${colLetters(t.headers.length - 1)}1048576`],
    ["the whole sheet (A1:XFD1048576)", () => "A1:XFD1048576"],
  ])("a table over %s is read by its used rows, and kbr build gives the plan of the tight tables", async (_label, ref) => {
    const bytes = exampleBook(ref);
    const { pkg, info } = await openWorkbookBytes(bytes, "hel.xlsx");
    const tables = await readTables(pkg, info, ["Kommuner", "Kostnader", "Finansiering", "Parametere"]);
    for (const t of tables) {
      const want = examplePlanTables().find((x) => x.name === t.name)!;
      expect([t.name, t.headers, t.rows.length]).toEqual([want.name, want.headers, want.rows.length]);
    }
    const { code, report } = await buildJson(bytes, "hel.xlsx");
    expect(code).toBe(0);
    expect(report.municipalities).toEqual(expected.municipalities);
    expect(report.findings).toEqual(expected.findings);
  }, 60_000);

  test("styled empty cells, empty and whitespace text in the trailing rows are not rows either", async () => {
    // Formatted whole columns: Kommuner's rows down to 50 000 have styled empty cells.
    const blankTail = (t: TableData) => {
      let s = "";
      if (t.name !== "Kommuner") return s;
      const from = t.rows.length + 2;
      s += `<row r="${from}"><c r="A${from}" t="inlineStr"><is><t xml:space="preserve">   </t></is></c><c r="B${from}" t="str"><v></v></c></row>`;
      for (let r = from + 1; r <= 50_000; r++) s += `<row r="${r}" s="1" customFormat="1"><c r="A${r}" s="1"/><c r="B${r}" s="1"/></row>`;
      return s;
    };
    const bytes = exampleBook((t) => `A1:${colLetters(t.headers.length - 1)}1048576`, blankTail);
    const { pkg, info } = await openWorkbookBytes(bytes, "stil.xlsx");
    const [k] = await readTables(pkg, info, ["Kommuner"]);
    expect(k.rows).toEqual(examplePlanTables()[0].rows);
    const { code, report } = await buildJson(bytes, "stil.xlsx");
    expect(code).toBe(0);
    expect(report.findings).toEqual(expected.findings);
  }, 60_000);

  test("blank rows between filled ones stay (they are the user's, and the model reports them)", async () => {
    const k = examplePlanTables()[0];
    const gap: TableData = { ...k, rows: [k.rows[0], [null, null, null], ...k.rows.slice(1)] };
    const bytes = makeBook({
      sheets: [{ name: "Kommuner", part: "xl/worksheets/sheet1.xml", rows: rowsXml(gap), tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: "Kommuner", ref: "A1:C1048576", columns: k.headers }) }] }],
    });
    const { pkg, info } = await openWorkbookBytes(bytes, "hull.xlsx");
    const [t] = await readTables(pkg, info, ["Kommuner"]);
    expect(t.rows).toEqual(gap.rows);
  });
});

describe("withoutTrailingBlankRows (core, both hosts)", () => {
  const table = (rows: CellValue[][], cellIssues?: TableData["cellIssues"]): TableData => ({ name: "T", sheet: "S", top: 0, left: 0, headers: ["A"], rows, ...(cellIssues ? { cellIssues } : {}) });
  const count = (rows: CellValue[][], cellIssues?: TableData["cellIssues"]) => withoutTrailingBlankRows(table(rows, cellIssues)).rows.length;

  test("keeps the rows up to the last one with a value or a flagged cell", () => {
    expect(count([])).toBe(0);
    expect(count([[null], [" "], [""]])).toBe(0);
    expect(count([[1], [null], [" \t"]])).toBe(1);
    expect(count([[1], [null], [false]])).toBe(3);
    expect(count([[1], [null], [null]], [{ row: 2, col: 0, kind: "uncalculated", text: "=A1" }])).toBe(3);
  });

  test("a table with no trailing blank row is returned as it is", () => {
    const t = examplePlanTables()[0];
    expect(withoutTrailingBlankRows(t)).toBe(t);
  });
});

/** A value that is not blank, or one that is (in the ways a file stores blank cells). */
const filled = fc.oneof(fc.integer({ min: -1e6, max: 1e6 }), fc.constantFrom("Kongsberg", "Tinn", "Ekstern", "x y"), fc.boolean());
const blank = fc.constantFrom<CellValue>(null, "", " ", "  \t");

describe("property: trailing blank rows change nothing", () => {
  test("random tables read with and without trailing blank rows give the same tables and the same model", async () => {
    const k = examplePlanTables();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }).chain((n) => fc.array(fc.array(fc.oneof(filled, blank), { minLength: 3, maxLength: 3 }), { minLength: n, maxLength: n })),
        fc.array(fc.array(blank, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (which, body, tail, wholeColumns) => {
          // The body ends with a used row (or is empty), then blank rows follow.
          const rows: CellValue[][] = body.length ? [...body.slice(0, -1), [...body[body.length - 1].slice(0, 2), 7]] : [];
          const base = k[which - 1 < k.length ? which - 1 : 0];
          const headers = base.headers.slice(0, 3).concat(["A", "B", "C"]).slice(0, 3);
          const tight: TableData = { ...base, headers, rows };
          const padded: TableData = { ...tight, rows: [...rows, ...tail] };
          const make = (t: TableData, ref: string) =>
            makeBook({ sheets: [{ name: t.name, part: "xl/worksheets/sheet1.xml", rows: rowsXml(t), tables: [{ part: "xl/tables/table1.xml", xml: tableXml({ id: 1, name: t.name, ref, columns: headers }) }] }] });
          const read = async (bytes: Uint8Array) => {
            const { pkg, info } = await openWorkbookBytes(bytes, "p.xlsx");
            return (await readTables(pkg, info, [base.name]))[0];
          };
          const a = await read(make(tight, `A1:C${rows.length + 1}`));
          const b = await read(make(padded, wholeColumns ? "A1:C1048576" : `A1:C${padded.rows.length + 1}`));
          expect(b).toEqual(a);
          const others = k.filter((t) => t.name !== base.name);
          expect(readModel([...others, b])).toEqual(readModel([...others, a]));
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
