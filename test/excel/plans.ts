/**
 * Hand-made SheetPlans and input tables of realistic shape and size, standing in for the engine
 * (src/core/engine.ts build() is not implemented yet). Formulas imitate the engine's: structured
 * references to the input tables, largest-remainder helper columns, one cross-sheet reference.
 */
import type { PlanCell, SheetPlan, TableData } from "../../src/core/workbook/types";
import { colLetters as colLetter } from "../../src/core/a1";
import type { FakeModel } from "./fakeExcel";

export function inputTables(nMun: number, nYears: number, nCosts: number): TableData[] {
  const years = Array.from({ length: nYears }, (_, i) => String(2009 + i));
  return [
    {
      name: "Kommuner", sheet: "Inndata", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Ressursandel"],
      rows: Array.from({ length: nMun }, (_, i) => [`Kommune ${i + 1}`, 1000 + i * 37, 1 / nMun]),
    },
    {
      name: "Kostnader", sheet: "Inndata", top: nMun + 3, left: 0, headers: ["Kostnadspost", "Art", ...years],
      rows: Array.from({ length: nCosts }, (_, i) => [`Post ${i + 1}`, i % 2 ? "Egeninnsats" : "Ekstern", ...years.map(() => 1000 * (i + 1))]),
    },
    {
      name: "Finansiering", sheet: "Inndata", top: nMun + nCosts + 6, left: 0, headers: ["Kilde", "Art", ...years],
      rows: [["Kommunene", "Kommunene", ...years.map(() => 500_000)], ["Egeninnsats", "Egeninnsats", ...years.map(() => 1000 * nCosts)]],
    },
    {
      name: "Parametere", sheet: "Parametere", top: 0, left: 0, headers: ["Parameter", "Verdi"],
      rows: [["Andel likt fordelt", 0.5], ["Befolkningsdato", new Date(Date.UTC(2008, 0, 1))], ["Prosjektnavn", "KBR"], ["Merknad", { error: "#N/A" }], ["Tom", null]],
    },
  ];
}

export function makePlans(nMun: number, nYears: number, nCosts: number): SheetPlan[] {
  const years = Array.from({ length: nYears }, (_, i) => String(2009 + i));
  const budget: PlanCell[] = [];
  const head = (cells: PlanCell[], labels: string[]) => labels.forEach((v, col) => cells.push({ row: 0, col, value: v, bold: true, fill: "#DDEBF7", align: col < 2 ? "left" : "right" }));
  head(budget, ["Kostnadspost", "Art", ...years, "Sum"]);
  for (let i = 0; i < nCosts; i++) {
    const row = i + 1;
    budget.push({ row, col: 0, formula: `=INDEX(Kostnader[Kostnadspost],${i + 1})` }, { row, col: 1, formula: `=INDEX(Kostnader[Art],${i + 1})` });
    years.forEach((y, k) => budget.push({ row, col: 2 + k, formula: `=INDEX(Kostnader[${y}],${i + 1})`, numberFormat: "#,##0" }));
    budget.push({ row, col: 2 + nYears, formula: `=SUM(${colLetter(2)}${row + 1}:${colLetter(1 + nYears)}${row + 1})`, numberFormat: "#,##0" });
  }
  const totalRow = nCosts + 1;
  budget.push({ row: totalRow, col: 0, value: "Sum", bold: true, borderTop: true });
  for (let k = 0; k <= nYears; k++) {
    const c = colLetter(2 + k);
    budget.push({ row: totalRow, col: 2 + k, formula: `=SUM(${c}2:${c}${totalRow})`, numberFormat: "#,##0", bold: true, borderTop: true });
  }

  const fin: PlanCell[] = [];
  head(fin, ["Kilde", "Art", ...years]);
  fin.push({ row: 1, col: 0, value: "Differanse", italic: true });
  years.forEach((_, k) => fin.push({ row: 1, col: 2 + k, formula: `=Budsjett!${colLetter(2 + k)}${totalRow + 1}-SUM(Finansiering[${years[k]}])`, numberFormat: "#,##0" }));

  const mun: PlanCell[] = [];
  const perYear = ["Likt", "Innbyggere", "Bidrag", "Egeninnsats", "Hjelp1", "Hjelp2"];
  head(mun, ["Kommune", "Innbyggere", ...years.flatMap((y) => perYear.map((p) => `${p} ${y}`)), "Ressursandel"]);
  for (let i = 0; i < nMun; i++) {
    const row = i + 1;
    mun.push({ row, col: 0, formula: `=INDEX(Kommuner[Kommune],${i + 1})` }, { row, col: 1, formula: `=INDEX(Kommuner[Innbyggere],${i + 1})`, numberFormat: "# ##0" });
    years.forEach((y, k) => {
      const base = 2 + k * perYear.length;
      const exact = `SUMIFS(Finansiering[${y}],Finansiering[Art],"Kommunene")*(Parametere[Verdi]/ROWS(Kommuner[Kommune])+(1-0.5)*$B${row + 1}/SUM(Kommuner[Innbyggere]))`;
      mun.push(
        { row, col: base, formula: `=ROUND(${exact},0)`, numberFormat: "#,##0" },
        { row, col: base + 1, formula: `=ROUNDDOWN(${exact},0)`, numberFormat: "#,##0" },
        { row, col: base + 2, formula: `=${colLetter(base + 4)}${row + 1}+IF(RANK(${colLetter(base + 5)}${row + 1},${colLetter(base + 5)}$2:${colLetter(base + 5)}$${nMun + 1})<=${colLetter(base + 4)}$${nMun + 2},1,0)`, numberFormat: "#,##0" },
        { row, col: base + 3, formula: `=ROUND(SUMIFS(Finansiering[${y}],Finansiering[Art],"Egeninnsats")*INDEX(Kommuner[Ressursandel],${i + 1}),0)`, numberFormat: "#,##0" },
        { row, col: base + 4, formula: `=ROUNDDOWN(${exact},0)` },
        { row, col: base + 5, formula: `=${exact}-${colLetter(base + 4)}${row + 1}+ROW()/1E9` },
      );
    });
    mun.push({ row, col: 2 + nYears * perYear.length, formula: `=INDEX(Kommuner[Ressursandel],${i + 1})`, numberFormat: "0%" });
  }
  const mTotal = nMun + 1;
  mun.push({ row: mTotal, col: 0, value: "Sum", bold: true, borderTop: true });
  for (let c = 1; c <= 1 + nYears * perYear.length; c++) mun.push({ row: mTotal, col: c, formula: `=SUM(${colLetter(c)}2:${colLetter(c)}${mTotal})`, numberFormat: "#,##0", bold: true, borderTop: true });
  const hidden = years.flatMap((_, k) => [2 + k * perYear.length + 4, 2 + k * perYear.length + 5]);
  const width = 3 + nYears * perYear.length;
  return [
    { name: "Budsjett", cells: budget, columnWidths: [28, 12, ...years.map(() => 12), 14], freezeRows: 1 },
    { name: "Finansieringsplan", cells: fin, columnWidths: [28, 12, ...years.map(() => 12)], freezeRows: 1 },
    {
      name: "Kommunebidrag", cells: mun, columnWidths: Array.from({ length: width }, (_, i) => (i === 0 ? 18 : 12)), freezeRows: 1, hiddenColumns: hidden,
      chart: {
        title: "Kommunebidrag per år",
        categories: { fromRow: 1, toRow: nMun, col: 0 },
        series: years.map((y, k) => ({ name: y, fromRow: 1, toRow: nMun, col: 2 + k * perYear.length + 2 })),
        anchor: { row: nMun + 3, col: 0, rows: 15, cols: 8 },
      },
    },
  ];
}

/** Puts `tables` straight into the double's workbook (no syncs), for tests that write plans only. */
export function seedTables(model: FakeModel, tables: readonly TableData[]): void {
  for (const t of tables) {
    const rows = t.rows.map((r) => t.headers.map((_, i) => {
      const v = r[i] ?? null;
      return v instanceof Date ? (v.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000 : v;
    }));
    model.seedTable(t.sheet, t.name, t.top, t.left, t.headers.map(String), rows);
  }
}
