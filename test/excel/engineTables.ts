/** Valid input tables of any size for the engine: n municipalities, y years, c cost lines (c even). */
import type { TableData } from "../../src/core/workbook/types";

export function engineTables(n: number, y: number, c: number): TableData[] {
  const years = Array.from({ length: y }, (_, i) => String(2009 + i));
  // Shares in whole tenths of a per mille so they add up to exactly 1000 per mille.
  const base = Math.floor(10000 / n);
  const shares = Array.from({ length: n }, (_, i) => (i === n - 1 ? 10000 - base * (n - 1) : base) / 10000);
  const half = c / 2;
  return [
    { name: "Kommuner", sheet: "Inndata", top: 0, left: 0, headers: ["Kommune", "Innbyggere", "Ressursandel"], rows: shares.map((s, i) => [`Kommune ${i + 1}`, 1000 + 37 * i, s]) },
    {
      name: "Kostnader", sheet: "Inndata", top: n + 2, left: 0, headers: ["Kostnadspost", "Art", ...years],
      rows: Array.from({ length: c }, (_, i) => [`Post ${i + 1}`, i < half ? "Ekstern" : "Egeninnsats", ...years.map(() => 10000)]),
    },
    {
      name: "Finansiering", sheet: "Inndata", top: n + c + 4, left: 0, headers: ["Kilde", "Art", ...years],
      rows: [["Tilskudd", "Tilskudd", ...years.map(() => 5000 * half)], ["Kommunene", "Kommunene", ...years.map(() => 5000 * half)], ["Egeninnsats", "Egeninnsats", ...years.map(() => 10000 * half)]],
    },
    {
      name: "Parametere", sheet: "Inndata", top: n + c + 10, left: 0, headers: ["Parameter", "Verdi"],
      rows: [["Andel likt fordelt", 0.5], ["Befolkningsdato", new Date(Date.UTC(2008, 0, 1))], ["Prosjektnavn", "Stor test"]],
    },
  ];
}
