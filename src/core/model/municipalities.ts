/**
 * The Kommuner table: names (blank, repeated, invisible characters), every population column the
 * model reads (Innbyggere and each budget year's own), and Ressursandel (each 0–1, adding up to
 * 100 %). Also the overflow guard: populations so large that the split cannot be computed.
 */
import type { BudgetModel } from "../types";
import { finding } from "../checks/findings";
import type { TableData } from "../workbook/types";
import { cellWhere, type ColumnRef, hasInvisible, isBlank, nameKey, type ReadContext, stripInvisible, type TableRef, tableWhere, text } from "./tables";

/** A population column the model reads, with what the checks learned of it. */
export interface PopulationColumn {
  ref: ColumnRef;
  /** What findings call the column. */
  name: string;
  /** True when some budget year splits by it. */
  used: boolean;
  /** A flagged or invalid cell leaves the sum incomplete: no sum check for the column then. */
  bad: boolean;
  sum: number;
  /** Body rows and values that are numbers, for the overflow check. */
  read: { r: number; v: number }[];
  /** Per body row: the value, NaN when not a number. */
  values: number[];
}

export interface Municipalities {
  rows: Omit<BudgetModel["municipalities"][number], "populationByYear">[];
  /** Year -> the column its split uses (`Innbyggere <year>`, else `Innbyggere`). */
  populationColumns: Record<string, ColumnRef>;
  popCols: PopulationColumn[];
}

export function readMunicipalities(
  ref: TableRef,
  years: readonly string[],
  popYearCols: Readonly<Record<string, ColumnRef>>,
  equalShare: number,
  ctx: ReadContext,
): Municipalities {
  const { findings, reportIssue } = ctx;
  const mt = ref.table;
  const cName = ref.columns.Kommune.index;
  const innbyggere = ref.columns.Innbyggere as ColumnRef | undefined;
  /** Year -> the column its split uses; every budget year has one (checked above). */
  const populationColumns: Record<string, ColumnRef> = Object.fromEntries(years.map((y) => [y, (popYearCols[y] ?? innbyggere) as ColumnRef]));
  /**
   * Every population column the table has that the model reads: Innbyggere (also when every
   * year has its own: it is still the table's population, shown and checked) and each budget
   * year's own. `name` is what findings call the column.
   */
  const popCols: PopulationColumn[] = [
    ...(innbyggere ? [{ ref: innbyggere, name: "Innbyggere" }] : []),
    ...years.filter((y) => popYearCols[y]).map((y) => ({ ref: popYearCols[y], name: popYearCols[y].header.trim() })),
  ].map((c) => ({
    ...c,
    used: years.some((y) => populationColumns[y] === c.ref),
    // A flagged or invalid cell leaves the sum incomplete: no sum check for the column then.
    bad: false,
    sum: 0,
    /** Body rows and values that are numbers, for the overflow check. */
    read: [] as { r: number; v: number }[],
    values: [] as number[],
  }));
  const cShare = ref.columns.Ressursandel.index;
  const municipalities: Omit<BudgetModel["municipalities"][number], "populationByYear">[] = [];
  if (mt.rows.length === 0) findings.push(finding("KBR-E-TABLE-EMPTY", tableWhere(mt), { name: mt.name }));
  const seen = new Map<string, number>();
  /** Rows whose name has invisible characters: reported once all clean names are known. */
  const invisibleNames: number[] = [];
  let shareSum = 0;
  // A flagged cell leaves the sums incomplete: no sum check then.
  let flaggedShare = false;
  mt.rows.forEach((row, r) => {
    const nameV = row[cName] ?? null;
    const name = isBlank(nameV) ? "" : text(nameV).trim();
    if (reportIssue(mt, r, cName, "Kommune")) {
      // reported
    } else if (!name) findings.push(finding("KBR-E-NAME-BLANK", cellWhere(mt, r, cName, "Kommune")));
    // The raw text: JavaScript's trim() would drop a byte order mark that Excel keeps.
    else if (hasInvisible(text(nameV))) invisibleNames.push(r);
    else {
      const k = nameKey(name);
      const first = seen.get(k);
      if (first !== undefined) findings.push(finding("KBR-E-NAME-DUPLICATE", cellWhere(mt, r, cName, "Kommune"), { name, firstRow: first + 1 }));
      else seen.set(k, r);
    }
    // Every population column's cells get the same checks, each finding naming its cell.
    for (const pc of popCols) {
      const c = pc.ref.index;
      const pop = row[c] ?? null;
      const popWhere = cellWhere(mt, r, c, pc.name);
      const before = findings.length;
      if (reportIssue(mt, r, c, pc.name)) {
        // reported
      } else if (isBlank(pop)) findings.push(finding("KBR-E-POP-BLANK", popWhere, { value: pop }));
      else if (typeof pop !== "number" || !Number.isFinite(pop)) findings.push(finding("KBR-E-POP-NOT-NUMBER", popWhere, { value: pop }));
      else if (pop < 0) findings.push(finding("KBR-E-POP-NEGATIVE", popWhere, { value: pop }));
      else if (!Number.isInteger(pop)) findings.push(finding("KBR-E-POP-NOT-WHOLE", popWhere, { value: pop }));
      if (findings.length > before) pc.bad = true;
      if (typeof pop === "number" && Number.isFinite(pop)) {
        pc.sum += pop;
        pc.read.push({ r, v: pop });
      }
      pc.values.push(typeof pop === "number" ? pop : NaN);
    }
    const share = row[cShare] ?? null;
    if (reportIssue(mt, r, cShare, "Ressursandel")) {
      flaggedShare = true;
    } else if (typeof share !== "number" || !Number.isFinite(share) || share < 0 || share > 1) {
      findings.push(finding("KBR-E-SHARE-INVALID", cellWhere(mt, r, cShare, "Ressursandel"), { value: share }));
    } else shareSum += share;
    // `population`: the Innbyggere column, else (every year has its own) the first year's.
    municipalities.push({ name, population: popCols.length ? popCols[0].values[r] : NaN, resourceShare: typeof share === "number" ? share : NaN });
  });
  for (const r of invisibleNames) {
    const name = text(mt.rows[r][cName] ?? null);
    const visible = stripInvisible(name).trim();
    const first = seen.get(nameKey(visible));
    findings.push(finding("KBR-E-NAME-INVISIBLE", cellWhere(mt, r, cName, "Kommune"), { value: name, name: visible, firstRow: first === undefined ? undefined : first + 1 }));
  }
  const sharesValid = !flaggedShare && !findings.some((f) => f.id === "KBR-E-SHARE-INVALID");
  // 1e-9: shares typed as percentages (0.1, 0.15, …) do not add up to exactly 1 in binary.
  if (sharesValid && mt.rows.length > 0 && Math.abs(shareSum - 1) > 1e-9) {
    findings.push(finding("KBR-E-SHARE-SUM", { ...tableWhere(mt), column: "Ressursandel" }, { a: shareSum }));
  }
  // Only a column some year splits by must not be all zeros.
  for (const pc of popCols) {
    if (pc.used && !pc.bad && mt.rows.length > 0 && pc.sum === 0 && Number.isFinite(equalShare) && equalShare < 1) {
      findings.push(finding("KBR-E-POP-SUM-ZERO", { ...tableWhere(mt), column: pc.name }, { a: 1 - equalShare }));
    }
  }
  return { rows: municipalities, populationColumns, popCols };
}

/**
 * Populations so large that the split overflows: the sheets compute T*(1-e)*p/P, so the sum P
 * times the largest yearly Kommunene total T must stay finite. Named at the row where it stops.
 */
export function checkPopulationOverflow(t: TableData, popCols: readonly PopulationColumn[], kommuneneTotals: readonly number[], ctx: ReadContext): void {
  let maxT = 0;
  for (const T of kommuneneTotals) if (Number.isFinite(T)) maxT = Math.max(maxT, Math.abs(T));
  const limit = Number.MAX_VALUE / Math.max(1, maxT);
  for (const pc of popCols) {
    let running = 0;
    const at = pc.read.find(({ v }) => {
      running += v;
      return !(Math.abs(running) <= limit);
    });
    if (at) ctx.findings.push(finding("KBR-E-POP-SUM-INFINITE", cellWhere(t, at.r, pc.ref.index, pc.name), { value: at.v, a: maxT }));
  }
}
