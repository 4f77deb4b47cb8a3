/**
 * The look of the generated sheets as an independent reader (ExcelJS) sees it, the same for both
 * writers (the ExcelJS adapter and the package writer): print setup, centred year heads, wrapped
 * header row, hidden helper columns.
 */
import type ExcelJS from "exceljs";
import { KB, contributionColumns } from "../../src/core/plans/contributions";

export function printLayoutTests(workbook: () => ExcelJS.Workbook): void {
  it("prints each generated sheet one page wide on A4, landscape where wide, header rows repeated, footer", () => {
    const kb = workbook().getWorksheet("Kommunebidrag")!;
    expect(kb.pageSetup).toMatchObject({ orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9, horizontalCentered: true });
    expect(kb.pageSetup.printTitlesRow).toBe(`${KB.group + 1}:${KB.header + 1}`);
    expect(kb.pageSetup.margins).toMatchObject({ left: 0.6, right: 0.6, top: 0.75, bottom: 0.75 });
    expect(kb.headerFooter.oddFooter).toBe("&L&A&RSide &P av &N");
    const bu = workbook().getWorksheet("Budsjett")!;
    expect(bu.pageSetup).toMatchObject({ orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(bu.pageSetup.printTitlesRow).toBe("5:5");
  });

  it("centres the years across their columns without merging, and wraps the heads in a taller row", () => {
    const kb = workbook().getWorksheet("Kommunebidrag")!;
    const C = contributionColumns(3);
    const cell = (r: number, c: number) => kb.getCell(r + 1, c + 1);
    expect(cell(KB.group, C.equal(0)).value).toBe("2009");
    for (const c of [C.equal(0), C.popPart(0), C.total(0)]) expect(cell(KB.group, c).alignment?.horizontal).toBe("centerContinuous");
    expect(cell(KB.group, C.popPart(0)).isMerged).toBe(false);
    expect(cell(KB.header, C.popPart(0)).alignment).toMatchObject({ wrapText: true, horizontal: "right" });
    expect(kb.getRow(KB.header + 1).height).toBe(30);
    expect(kb.getColumn(C.exact(0) + 1).hidden).toBe(true);
  });
}
