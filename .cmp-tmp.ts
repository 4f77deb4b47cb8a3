// temporary comparison script (not committed)
import ExcelJS from "exceljs";
import { recalculate } from "./test/e2e/libreoffice";
async function main() {
  const [a, b, out] = process.argv.slice(2);
  const [ra, rb] = recalculate([a, b], out);
  const read = async (f: string) => { const wb = new ExcelJS.Workbook(); await wb.xlsx.readFile(f); return wb; };
  const [wa, wb] = [await read(ra), await read(rb)];
  let diffs = 0, cells = 0;
  const norm = (c: ExcelJS.Cell) => { const v: any = c.type === ExcelJS.ValueType.Formula ? (c as any).result : c.value; return v instanceof Date ? v.toISOString() : JSON.stringify(v ?? null); };
  console.log("sheets", wa.worksheets.map((w) => w.name).join(","), "|", wb.worksheets.map((w) => w.name).join(","));
  for (const sa of wa.worksheets) {
    const sb = wb.getWorksheet(sa.name)!;
    const rows = Math.max(sa.rowCount, sb.rowCount), cols = Math.max(sa.columnCount, sb.columnCount);
    for (let r = 1; r <= rows; r++) for (let c = 1; c <= cols; c++) {
      const x = sa.getCell(r, c), y = sb.getCell(r, c);
      cells++;
      const fx = x.type === ExcelJS.ValueType.Formula ? (x as any).formula : "", fy = y.type === ExcelJS.ValueType.Formula ? (y as any).formula : "";
      if (norm(x) !== norm(y) || fx !== fy || (x.numFmt ?? "") !== (y.numFmt ?? "")) { diffs++; if (diffs < 30) console.log(sa.name, x.address, norm(x), norm(y), fx, fy, x.numFmt, y.numFmt); }
    }
    const wA = sa.columns?.map((c) => c.width ?? "").join(","), wB = sb.columns?.map((c) => c.width ?? "").join(",");
    if (wA !== wB) console.log(sa.name, "widths", wA, "|", wB);
    console.log(sa.name, "tables", Object.keys((sa as any).tables ?? {}).join(","), "|", Object.keys((sb as any).tables ?? {}).join(","));
  }
  console.log(`cells compared: ${cells}, differences: ${diffs}`);
}
main();
