/**
 * One home for each workbook rule (src/core/workbook): what is ours, plan validation as both
 * hosts run it, and the error codes the task pane branches on.
 */
import { both } from "../../src/core/i18n";
import { isPlaceRefusal, WorkbookError, workbookError } from "../../src/core/workbook/errors";
import { PLAN_ERRORS, WRITE_REFUSALS } from "../../src/core/workbook/messages";
import { INPUT_TABLE_NAMES, isInputTable, ownedName, ownsLocalName, refersToTable, sheetStatus } from "../../src/core/workbook/ownership";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { validateWrite } from "../../src/core/workbook/validate";

const plan = (name: string, extra: Partial<SheetPlan> = {}): SheetPlan => ({ name, cells: [{ row: 0, col: 0, value: 1 }], ...extra }) as SheetPlan;
const table = (name: string, sheet: string, extra: Partial<TableData> = {}): TableData => ({ name, sheet, top: 0, left: 0, headers: ["A", "B"], rows: [[1, 2]], ...extra });

function refusal(f: () => void): WorkbookError {
  try {
    f();
  } catch (e) {
    if (e instanceof WorkbookError) return e;
    throw e;
  }
  throw new Error("not refused");
}

describe("plan validation (both hosts)", () => {
  it("passes a plan and tables Excel can hold", () => {
    expect(() => validateWrite([plan("Budsjett", { names: [{ name: "KBR_BIDRAG_TOTALT", row: 3, col: 2 }] })], [table("Kommuner", "Inndata")])).not.toThrow();
  });

  it.each([
    ["badSheetName", () => validateWrite([plan("Bud:sjett")], []), both(PLAN_ERRORS.badSheetName, { sheet: "Bud:sjett" })],
    ["duplicateSheet", () => validateWrite([plan("Budsjett"), plan("BUDSJETT")], []), both(PLAN_ERRORS.duplicateSheet, { sheet: "BUDSJETT" })],
    ["cellOutOfGrid", () => validateWrite([plan("Budsjett", { cells: [{ row: 1048576, col: 0, value: 1 }] } as Partial<SheetPlan>)], []), both(PLAN_ERRORS.cellOutOfGrid, { sheet: "Budsjett", row: 1048576, col: 0 })],
    ["badAnchor", () => validateWrite([plan("Budsjett", { names: [{ name: "A1", row: 0, col: 0 }] })], []), both(PLAN_ERRORS.badAnchor, { name: "A1", sheet: "Budsjett" })],
    ["badTableName", () => validateWrite([], [table("R1C1", "Inndata")]), both(PLAN_ERRORS.badTableName, { table: "R1C1" })],
    ["tableOnGeneratedSheet", () => validateWrite([plan("Budsjett")], [table("Kommuner", "budsjett")]), both(WRITE_REFUSALS.tableOnGeneratedSheet, { table: "Kommuner", sheet: "budsjett" })],
    ["badHeader", () => validateWrite([], [table("Kommuner", "Inndata", { headers: ["A", " a "] })]), both(PLAN_ERRORS.badHeader, { table: "Kommuner", column: 2 })],
    ["badRowLength", () => validateWrite([], [table("Kommuner", "Inndata", { rows: [[1, 2, 3]] })]), both(PLAN_ERRORS.badRowLength, { table: "Kommuner", row: 1, got: 3, want: 2 })],
    ["tableAreaInUse", () => validateWrite([], [table("Kommuner", "Inndata"), table("Kostnader", "Inndata", { top: 1 })]), both(WRITE_REFUSALS.tableAreaInUse, { table: "Kostnader", address: "'Inndata'!A2:B3" })],
  ] as const)("refuses %s with that code and a message naming the part", (code, f, texts) => {
    const e = refusal(f);
    expect(e.code).toBe(code);
    expect(e.texts).toEqual(texts);
  });

  it("tells a place refusal from others by the code alone", () => {
    expect(isPlaceRefusal(workbookError("tableAreaInUse", { table: "Scenarier", address: "Inndata!A1:B2" }))).toBe(true);
    expect(isPlaceRefusal(workbookError("tableOnGeneratedSheet", { table: "Scenarier", sheet: "Budsjett" }))).toBe(true);
    expect(isPlaceRefusal(workbookError("tableExists", { table: "Scenarier" }))).toBe(false);
    expect(isPlaceRefusal(workbookError("nameExists", { table: "Scenarier" }))).toBe(false);
    // An error with the same text but no code is no place refusal: the text is never compared.
    expect(isPlaceRefusal(Object.assign(new Error("x"), { texts: both(WRITE_REFUSALS.tableAreaInUse, { table: "S", address: "A1" }) }))).toBe(false);
  });
});

describe("what is ours", () => {
  const names = [
    { name: "KBR_GENERERT_Budsjett", refersTo: "Budsjett!$A$1" },
    { name: "KBR_GENERERT_Kommunebidrag", refersTo: "'Kopi av Kommunebidrag'!$A$1" },
  ];

  it("a sheet is ours when its marker refers to it", () => {
    expect(sheetStatus(["budsjett", "Kommunebidrag", "Kopi av Kommunebidrag"], names, ["Budsjett", "Kommunebidrag", "Finansieringsplan"])).toEqual({
      Budsjett: "generated",
      Kommunebidrag: "user",
      Finansieringsplan: "absent",
    });
  });

  it("a rebuild owns the markers and anchors of its sheets and stale anchors on them, nothing of the user's", () => {
    const plans = [plan("Kommunebidrag", { names: [{ name: "KBR_BIDRAG_2026", row: 5, col: 3 }] })];
    expect(ownedName({ name: "kbr_generert_kommunebidrag", refersTo: "Kommunebidrag!$A$1" }, plans)).toBe("marker");
    expect(ownedName({ name: "KBR_BIDRAG_2026", refersTo: "Kommunebidrag!$D$6" }, plans)).toBe("anchor");
    expect(ownedName({ name: "KBR_BIDRAG_2019", refersTo: "=Kommunebidrag!$D$9" }, plans)).toBe("staleAnchor");
    expect(ownedName({ name: "KBR_BIDRAG_2019", refersTo: "Budsjett!$D$9" }, plans)).toBeNull();
    expect(ownedName({ name: "MinSum", refersTo: "Kommunebidrag!$D$9" }, plans)).toBeNull();
    expect(ownsLocalName("_xlnm.Print_Titles")).toBe(true);
    expect(ownsLocalName("_xlnm._FilterDatabase")).toBe(false);
  });

  it("the input tables are core's list, matched as the engine matches them", () => {
    expect(INPUT_TABLE_NAMES).toEqual(["Kommuner", "Kostnader", "Finansiering", "Parametere", "Scenarier", "Regnskap", "Timer", "Forklaringer"]);
    expect(isInputTable(" kommuner ")).toBe(true);
    expect(isInputTable("Kommuner2")).toBe(false);
  });

  it.each([
    ["=SUM(Tabell1[Beløp])", true],
    ["=ROWS(tabell1)", true],
    ["=Tabell1[@Beløp]*2", true],
    ["=SUM(Tabell1[[#All],[Beløp]])", true],
    ["=Tabell10[Beløp]", false],
    ["=Min.Tabell1[Beløp]", false],
    ['="Tabell1"&A1', false],
    ["='Tabell1'!A1", false],
    ["=Tabell1!A1", false],
  ])("%s refers to the table Tabell1: %s", (formula, expected) => {
    expect(refersToTable(formula, "Tabell1")).toBe(expected);
  });
});
