/**
 * Reads the input tables (found by name, anywhere in the workbook) into a validated
 * BudgetModel, or into findings that name table, column, row and cell.
 */
import { sheetCell } from "../a1";
import type { BudgetModel, Finding } from "../types";
import { INVISIBLE } from "../checks/catalogue";
import { finding, isBlocking } from "../checks/findings";
import { isDateSerial, serialToDate } from "../workbook/dates";
import type { CellIssue, CellValue, TableData, Where } from "../workbook/types";

/** Table and header names match ignoring case and surrounding/repeated whitespace. */
export function nameKey(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

/**
 * Art values match the way Excel's TRIM + case-insensitive `=` do, so that the native
 * formulas select the same rows as the engine: only the space character is folded.
 */
export function artKey(s: string): string {
  return s.replace(/ +/g, " ").trim().toLowerCase();
}

export const YEAR_HEADER = /^[0-9]{4}$/;

/**
 * A population column for one budget year, `Innbyggere 2026`, matched on nameKey (case and
 * spaces ignored). Year Y splits by `Innbyggere Y` when the table has it, else by `Innbyggere`
 * (docs/workbook.md, "Populations per budget year"); so `Innbyggere` is only required when some
 * budget year lacks its own column.
 */
export const POPULATION_YEAR_HEADER = /^innbyggere ([0-9]{4})$/;

export const COST_KINDS = ["Ekstern", "Egeninnsats"] as const;
export const FINANCING_KINDS = ["Tilskudd", "Kommunene", "Egeninnsats", "Annet"] as const;

export const TABLES = {
  municipalities: { name: "Kommuner", columns: ["Kommune", "Innbyggere", "Ressursandel"] },
  costs: { name: "Kostnader", columns: ["Kostnadspost", "Art"] },
  financing: { name: "Finansiering", columns: ["Kilde", "Art"] },
  parameters: { name: "Parametere", columns: ["Parameter", "Verdi"] },
  /** Optional: key scenarios (another equal share each) for the Scenarier sheet. */
  scenarios: { name: "Scenarier", columns: ["Scenario", "Andel likt fordelt"], optional: true },
} as const;

/** True for a table the workbook may leave out (no "missing table" finding). */
export function isOptionalTable(key: TableKey): boolean {
  return "optional" in TABLES[key] && TABLES[key].optional === true;
}

export type TableKey = keyof typeof TABLES;

export const PARAMS = {
  equalShare: "Andel likt fordelt",
  populationDate: "Befolkningsdato",
  projectName: "Prosjektnavn",
  /** Optional free text printed as the Budsjett sheet's note line (e.g. "amounts are illustrative"). */
  note: "Merknad",
  /** Optional: where the populations come from (written by the SSB fetch; shown under Kommunebidrag). */
  populationSource: "Kilde innbyggertall",
} as const;

export interface ColumnRef {
  /** Header text as written in the workbook (what a structured reference must name). */
  header: string;
  /** Index into TableData.headers / rows. */
  index: number;
}

export interface TableRef {
  table: TableData;
  /** Logical column name (e.g. "Innbyggere") -> where it is. */
  columns: Record<string, ColumnRef>;
  /** Year ("2009") -> its column. */
  years: Record<string, ColumnRef>;
}

/** What the sheet plans need besides the model: the tables as written, to refer to them. */
export interface ModelRefs {
  municipalities: TableRef;
  costs: TableRef;
  financing: TableRef;
  parameters: TableRef;
  /** The Scenarier table, when the workbook has one (even without rows). */
  scenarios: TableRef | null;
  /** Per model scenario, its 0-based body row in the Scenarier table (bad rows are left out). */
  scenarioRows: number[];
  /** True when some Art cell has spaces SUMIFS would not ignore: formulas then use TRIM. */
  costsArtNeedsTrim: boolean;
  financingArtNeedsTrim: boolean;
  /** The Parameter text of the equal-share row as written, for MATCH. */
  equalShareParam: string;
  /** The `Merknad` parameter, when given. */
  note: string | null;
  /** The `Kilde innbyggertall` parameter when it has text: its Parameter text as written (for MATCH) and the text. */
  populationSource: { param: string; text: string } | null;
  /** Year -> the Kommuner column its split uses (`Innbyggere <year>`, else `Innbyggere`). */
  populationColumns: Record<string, ColumnRef>;
}

export interface ReadResult {
  model: BudgetModel | null;
  refs: ModelRefs | null;
  findings: Finding[];
}

/** Where a table's body cell is (r: 0-based body row, c: 0-based table column). */
export function cellWhere(t: TableData, r: number, c: number, column?: string): Where {
  const row = t.top + 1 + r;
  const col = t.left + c;
  return { sheet: t.sheet, table: t.name, column: column ?? t.headers[c]?.trim(), row, col, cell: sheetCell(t.sheet, row, col), tableRow: r + 1 };
}

/** Where a table's header cell is. */
export function headerWhere(t: TableData, c: number): Where {
  return { sheet: t.sheet, table: t.name, column: t.headers[c]?.trim(), row: t.top, col: t.left + c, cell: sheetCell(t.sheet, t.top, t.left + c) };
}

function tableWhere(t: TableData): Where {
  return { sheet: t.sheet, table: t.name, row: t.top, col: t.left, cell: sheetCell(t.sheet, t.top, t.left) };
}

const isBlank = (v: CellValue): boolean => v === null || (typeof v === "string" && v.trim() === "");

function text(v: CellValue): string {
  if (v === null) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return v.error;
  return String(v);
}

/** True when `s` has an invisible format character (zero-width space, soft hyphen, BOM, …). */
const hasInvisible = (s: string): boolean => /\p{Cf}/u.test(s);
const stripInvisible = (s: string): string => s.replace(INVISIBLE, "");

/**
 * Reads the model. Cells the file reader flagged (TableData.cellIssues: a number that is not
 * one, a formula never calculated) are reported as such where the model reads them, instead of
 * the cell's usual check, which would only see a blank. Texts the model matches (municipality
 * names, Art, parameter names, headers) are checked for invisible characters, which make a
 * text look like another that Excel does not take it for.
 */
export function readModel(tables: readonly TableData[]): ReadResult {
  const findings: Finding[] = [];

  const issueMaps = new Map<TableData, Map<string, CellIssue>>();
  /** Reports the body cell's issue, if the reader flagged one; true when it did (skip the usual check). */
  const reportIssue = (t: TableData, r: number, c: number, column?: string): boolean => {
    let m = issueMaps.get(t);
    if (!m) issueMaps.set(t, (m = new Map((t.cellIssues ?? []).map((i) => [`${i.row}:${i.col}`, i]))));
    const issue = m.get(`${r}:${c}`);
    if (!issue) return false;
    const id = issue.kind === "not-a-number" ? "KBR-E-CELL-NOT-NUMBER" : "KBR-E-CELL-UNCALCULATED";
    findings.push(finding(id, cellWhere(t, r, c, column), { value: issue.text }));
    return true;
  };

  // Find the four tables by name.
  const found: Partial<Record<TableKey, TableData>> = {};
  for (const key of Object.keys(TABLES) as TableKey[]) {
    const spec = TABLES[key];
    const matches = tables.filter((t) => nameKey(t.name) === nameKey(spec.name));
    if (matches.length === 0) {
      if (isOptionalTable(key)) continue;
      const cols = key === "costs" || key === "financing" ? [...spec.columns, "2009, 2010, …"] : [...spec.columns];
      findings.push(finding("KBR-E-TABLE-MISSING", { table: spec.name }, { name: spec.name, list: cols.join(", ") }));
      continue;
    }
    if (matches.length > 1) findings.push(finding("KBR-E-TABLE-DUPLICATE", tableWhere(matches[1]), { name: spec.name }));
    found[key] = matches[0];
  }

  // Columns.
  const refs: Partial<Record<TableKey, TableRef>> = {};
  /** `Innbyggere <year>` columns of Kommuner by year (duplicates reported). */
  const popYearCols: Record<string, ColumnRef> = {};
  /** The Innbyggere finding, held back until the budget years say whether the column is needed. */
  let innbyggereMissing: Finding | null = null;
  for (const key of Object.keys(found) as TableKey[]) {
    const t = found[key] as TableData;
    const spec = TABLES[key];
    const columns: Record<string, ColumnRef> = {};
    const years: Record<string, ColumnRef> = {};
    const keys = t.headers.map((h) => nameKey(h ?? ""));
    for (const col of spec.columns) {
      const i = keys.indexOf(nameKey(col));
      const lookalike = i < 0 ? t.headers.findIndex((h) => hasInvisible(h ?? "") && nameKey(stripInvisible(h)) === nameKey(col)) : -1;
      if (lookalike >= 0) {
        findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, lookalike), { value: t.headers[lookalike], name: col }));
      } else if (i < 0) {
        const missing = finding("KBR-E-COLUMN-MISSING", { ...tableWhere(t), column: col }, { name: col, list: t.headers.map((h) => h.trim()).join(", ") || "–" });
        if (key === "municipalities" && col === "Innbyggere") innbyggereMissing = missing;
        else findings.push(missing);
      } else columns[col] = { header: t.headers[i], index: i };
    }
    if (key === "municipalities") {
      t.headers.forEach((h, i) => {
        const m = POPULATION_YEAR_HEADER.exec(nameKey(h ?? ""));
        if (!m) {
          const seen = POPULATION_YEAR_HEADER.exec(nameKey(stripInvisible(h ?? "")));
          if (seen) findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, i), { value: h, name: `Innbyggere ${seen[1]}` }));
          return;
        }
        if (popYearCols[m[1]]) findings.push(finding("KBR-E-POP-COLUMN-DUPLICATE", headerWhere(t, i), { name: h.trim(), year: m[1] }));
        else popYearCols[m[1]] = { header: h, index: i };
      });
    }
    if (key === "costs" || key === "financing") {
      t.headers.forEach((h, i) => {
        const y = (h ?? "").trim();
        if (!YEAR_HEADER.test(y)) {
          const seen = stripInvisible(h ?? "").trim();
          if (YEAR_HEADER.test(seen)) findings.push(finding("KBR-E-TEXT-INVISIBLE", headerWhere(t, i), { value: h, name: seen }));
          return;
        }
        if (years[y]) findings.push(finding("KBR-E-YEAR-DUPLICATE", headerWhere(t, i), { year: y }));
        else years[y] = { header: h, index: i };
      });
      if (Object.keys(years).length === 0) findings.push(finding("KBR-E-YEARS-NONE", tableWhere(t), { name: t.name }));
    }
    refs[key] = { table: t, columns, years };
  }
  // Population columns against the budget years (those of Kostnader and Finansiering).
  if (refs.municipalities && refs.costs && refs.financing) {
    const t = refs.municipalities.table;
    const budgetYears = [...new Set([...Object.keys(refs.costs.years), ...Object.keys(refs.financing.years)])].sort();
    const list = budgetYears.join(", ");
    for (const [y, c] of Object.entries(popYearCols)) {
      if (budgetYears.includes(y)) continue;
      findings.push(finding("KBR-W-POP-YEAR-UNUSED", headerWhere(t, c.index), { name: c.header.trim(), year: y, list: list || "–" }));
      delete popYearCols[y];
    }
    if (innbyggereMissing) {
      const without = budgetYears.filter((y) => !popYearCols[y]);
      // No year column at all: the plain "column missing" says best what to add.
      if (Object.keys(popYearCols).length === 0) findings.push(innbyggereMissing);
      else if (without.length) findings.push(finding("KBR-E-POP-YEAR-MISSING", { ...tableWhere(t), column: "Innbyggere" }, { list: without.join(", ") }));
    }
  } else if (innbyggereMissing) findings.push(innbyggereMissing);
  if (findings.some(isBlocking)) return { model: null, refs: null, findings };
  const R = refs as Record<Exclude<TableKey, "scenarios">, TableRef> & { scenarios?: TableRef };

  // Same years in both tables.
  const costYears = Object.keys(R.costs.years).sort();
  const finYears = Object.keys(R.financing.years).sort();
  const onlyCosts = costYears.filter((y) => !R.financing.years[y]);
  const onlyFin = finYears.filter((y) => !R.costs.years[y]);
  if (onlyCosts.length || onlyFin.length) {
    const parts = { nb: [] as string[], en: [] as string[] };
    if (onlyCosts.length) {
      parts.nb.push(`Bare i Kostnader: ${onlyCosts.join(", ")}.`);
      parts.en.push(`Only in Kostnader: ${onlyCosts.join(", ")}.`);
    }
    if (onlyFin.length) {
      parts.nb.push(`Bare i Finansiering: ${onlyFin.join(", ")}.`);
      parts.en.push(`Only in Finansiering: ${onlyFin.join(", ")}.`);
    }
    const f = finding("KBR-E-YEARS-MISMATCH", tableWhere(R.financing.table), { list: parts.nb.join(" ") });
    // The year lists are the same in both languages; only the lead-in words differ.
    f.message["en-US"] = finding("KBR-E-YEARS-MISMATCH", tableWhere(R.financing.table), { list: parts.en.join(" ") }).message["en-US"];
    findings.push(f);
  }
  const years = costYears;

  // Parametere.
  const pt = R.parameters.table;
  const pName = R.parameters.columns.Parameter.index;
  const pValue = R.parameters.columns.Verdi.index;
  pt.rows.forEach((_, r) => reportIssue(pt, r, pName, "Parameter"));
  /** The row of a parameter; -2 when only a row with invisible characters matches (reported here). */
  const paramRow = (label: string): number => {
    const r = pt.rows.findIndex((row) => nameKey(text(row[pName] ?? null)) === nameKey(label));
    if (r >= 0) return r;
    const lookalike = pt.rows.findIndex((row) => {
      const s = text(row[pName] ?? null);
      return hasInvisible(s) && nameKey(stripInvisible(s)) === nameKey(label);
    });
    if (lookalike < 0) return -1;
    findings.push(finding("KBR-E-TEXT-INVISIBLE", cellWhere(pt, lookalike, pName, "Parameter"), { value: text(pt.rows[lookalike][pName] ?? null), name: label }));
    return -2;
  };
  let equalShare = NaN;
  let equalShareParam: string = PARAMS.equalShare;
  {
    const r = paramRow(PARAMS.equalShare);
    if (r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"))) {
      // reported
    } else if (r < 0) {
      findings.push(finding("KBR-E-PARAM-EQUAL-SHARE", { ...tableWhere(pt), column: "Parameter" }, {}));
    } else {
      const v = pt.rows[r][pValue] ?? null;
      equalShareParam = text(pt.rows[r][pName] ?? null);
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
        findings.push(finding("KBR-E-PARAM-EQUAL-SHARE", cellWhere(pt, r, pValue), { value: v }));
      } else equalShare = v;
    }
  }
  let populationDate: string | null = null;
  {
    const r = paramRow(PARAMS.populationDate);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"))) {
      // reported
    } else if (v instanceof Date) populationDate = v.toISOString().slice(0, 10);
    else if (typeof v === "number" && isDateSerial(v)) populationDate = serialToDate(v).toISOString().slice(0, 10);
    // No date can be this number: keep it as typed, as a text would be (a Date would throw).
    else if (typeof v === "number" && Number.isFinite(v)) populationDate = String(v);
    else if (typeof v === "string" && v.trim()) populationDate = v.trim();
    else findings.push(finding("KBR-W-PARAM-MISSING", r < 0 ? { ...tableWhere(pt), column: "Parameter" } : cellWhere(pt, r, pValue), { name: PARAMS.populationDate }));
  }
  let projectName: string;
  {
    const r = paramRow(PARAMS.projectName);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    projectName = isBlank(v) ? "" : text(v).trim();
    const reported = r === -2 || (r >= 0 && reportIssue(pt, r, pValue, "Verdi"));
    if (!projectName && !reported) findings.push(finding("KBR-W-PARAM-MISSING", r < 0 ? { ...tableWhere(pt), column: "Parameter" } : cellWhere(pt, r, pValue), { name: PARAMS.projectName }));
  }
  let note: string | null = null;
  {
    const r = paramRow(PARAMS.note);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r >= 0) reportIssue(pt, r, pValue, "Verdi");
    if (!isBlank(v)) note = text(v).trim();
  }
  let populationSource: { param: string; text: string } | null = null;
  {
    const r = paramRow(PARAMS.populationSource);
    const v = r < 0 ? null : (pt.rows[r][pValue] ?? null);
    if (r >= 0 && !reportIssue(pt, r, pValue, "Verdi") && !isBlank(v)) populationSource = { param: text(pt.rows[r][pName] ?? null), text: text(v).trim() };
  }

  // Kommuner.
  const mt = R.municipalities.table;
  const cName = R.municipalities.columns.Kommune.index;
  const innbyggere = R.municipalities.columns.Innbyggere as ColumnRef | undefined;
  /** Year -> the column its split uses; every budget year has one (checked above). */
  const populationColumns: Record<string, ColumnRef> = Object.fromEntries(years.map((y) => [y, (popYearCols[y] ?? innbyggere) as ColumnRef]));
  /**
   * Every population column the table has that the model reads: Innbyggere (also when every
   * year has its own: it is still the table's population, shown and checked) and each budget
   * year's own. `name` is what findings call the column.
   */
  const popCols = [
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
  const cShare = R.municipalities.columns.Ressursandel.index;
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

  // Kostnader and Finansiering rows.
  const readLines = <K extends string>(ref: TableRef, labelCol: string, kinds: readonly K[]) => {
    const t = ref.table;
    const cLabel = ref.columns[labelCol].index;
    const cArt = ref.columns.Art.index;
    const lines: { label: string; kind: K; amounts: Record<string, number> }[] = [];
    let needsTrim = false;
    t.rows.forEach((row, r) => {
      const amounts: Record<string, number> = {};
      let any = false;
      for (const y of years) {
        const c = ref.years[y]?.index;
        if (c === undefined) continue;
        const v = row[c] ?? null;
        if (reportIssue(t, r, c)) {
          amounts[y] = NaN;
        } else if (isBlank(v)) {
          findings.push(finding("KBR-W-AMOUNT-BLANK", cellWhere(t, r, c), { value: v }));
          amounts[y] = 0;
        } else if (typeof v !== "number" || !Number.isFinite(v)) {
          findings.push(finding("KBR-E-AMOUNT-NOT-NUMBER", cellWhere(t, r, c), { value: v }));
          amounts[y] = NaN;
        } else {
          amounts[y] = v;
          any = true;
        }
      }
      const artV = row[cArt] ?? null;
      const artText = typeof artV === "string" ? artV : "";
      const kind = kinds.find((k) => artKey(k) === artKey(artText));
      const lookalike = kind || !hasInvisible(artText) ? undefined : kinds.find((k) => artKey(k) === artKey(stripInvisible(artText)));
      if (reportIssue(t, r, cArt, "Art")) {
        // reported
      } else if (lookalike) findings.push(finding("KBR-E-TEXT-INVISIBLE", cellWhere(t, r, cArt, "Art"), { value: artText, name: lookalike }));
      else if (!kind) findings.push(finding("KBR-E-ART-UNKNOWN", cellWhere(t, r, cArt, "Art"), { value: artV, list: kinds.join(" / ") }));
      else if (artText !== artText.trim() || / {2}/.test(artText)) needsTrim = true;
      const labelV = row[cLabel] ?? null;
      const label = isBlank(labelV) ? "" : text(labelV).trim();
      if (reportIssue(t, r, cLabel, labelCol)) {
        // reported
      } else if (!label && any) findings.push(finding("KBR-W-LABEL-BLANK", cellWhere(t, r, cLabel, labelCol)));
      lines.push({ label, kind: (kind ?? kinds[0]) as K, amounts });
    });
    // A label with invisible characters matters when it looks like another row's label.
    const clean = new Map<string, number>();
    lines.forEach((l, r) => {
      if (l.label && !hasInvisible(l.label) && !clean.has(nameKey(l.label))) clean.set(nameKey(l.label), r);
    });
    lines.forEach((l, r) => {
      const first = hasInvisible(l.label) ? clean.get(nameKey(stripInvisible(l.label))) : undefined;
      if (first !== undefined) findings.push(finding("KBR-W-LABEL-INVISIBLE", cellWhere(t, r, cLabel, labelCol), { value: l.label, firstRow: first + 1 }));
    });
    return { lines, needsTrim };
  };
  const costs = readLines(R.costs, "Kostnadspost", COST_KINDS);
  const financing = readLines(R.financing, "Kilde", FINANCING_KINDS);

  // Populations so large that the split overflows: the sheets compute T*(1-e)*p/P, so the sum P
  // times the largest yearly Kommunene total T must stay finite. Named at the row where it stops.
  {
    let maxT = 0;
    for (const y of years) {
      let T = 0;
      for (const l of financing.lines) if (l.kind === "Kommunene") T += l.amounts[y] ?? 0;
      if (Number.isFinite(T)) maxT = Math.max(maxT, Math.abs(T));
    }
    const limit = Number.MAX_VALUE / Math.max(1, maxT);
    for (const pc of popCols) {
      let running = 0;
      const at = pc.read.find(({ v }) => {
        running += v;
        return !(Math.abs(running) <= limit);
      });
      if (at) findings.push(finding("KBR-E-POP-SUM-INFINITE", cellWhere(mt, at.r, pc.ref.index, pc.name), { value: at.v, a: maxT }));
    }
  }

  if (findings.some(isBlocking)) return { model: null, refs: null, findings };

  const scen = readScenarios(R.scenarios, equalShare, findings, reportIssue);

  const model: BudgetModel = {
    projectName,
    equalShare,
    populationDate,
    years,
    municipalities: municipalities.map((m, i) => ({
      ...m,
      populationByYear: Object.fromEntries(years.map((y) => [y, popCols.find((pc) => pc.ref === populationColumns[y])!.values[i]])),
    })),
    costs: costs.lines,
    financing: financing.lines,
    scenarios: scen.scenarios,
  };
  return {
    model,
    refs: {
      ...R,
      scenarios: R.scenarios ?? null,
      scenarioRows: scen.rows,
      populationColumns,
      costsArtNeedsTrim: costs.needsTrim,
      financingArtNeedsTrim: financing.needsTrim,
      equalShareParam,
      note,
      populationSource,
    },
    findings,
  };
}

/**
 * The optional Scenarier table: one scenario per row with a name and an equal share 0–1. Its
 * findings do not block the model: a bad row is reported and left out, the other scenarios and
 * the sheets are still computed. A scenario equal to the workbook's own key is kept (a warning).
 */
function readScenarios(
  ref: TableRef | undefined,
  ownShare: number,
  findings: Finding[],
  reportIssue: (t: TableData, r: number, c: number, column?: string) => boolean,
): { scenarios: { name: string; equalShare: number }[]; rows: number[] } {
  const scenarios: { name: string; equalShare: number }[] = [];
  const rows: number[] = [];
  if (!ref) return { scenarios, rows };
  const t = ref.table;
  const cName = ref.columns.Scenario.index;
  const cShare = ref.columns["Andel likt fordelt"].index;
  const seen = new Map<string, number>();
  t.rows.forEach((row, r) => {
    const nameV = row[cName] ?? null;
    const name = isBlank(nameV) ? "" : text(nameV).trim();
    let ok = true;
    if (reportIssue(t, r, cName, "Scenario")) ok = false;
    else if (!name) {
      findings.push(finding("KBR-E-SCENARIO-NAME-BLANK", cellWhere(t, r, cName, "Scenario")));
      ok = false;
    } else {
      const first = seen.get(nameKey(name));
      if (first !== undefined) {
        findings.push(finding("KBR-E-SCENARIO-NAME-DUPLICATE", cellWhere(t, r, cName, "Scenario"), { name, firstRow: first + 1 }));
        ok = false;
      } else seen.set(nameKey(name), r);
    }
    const v = row[cShare] ?? null;
    const shareWhere = cellWhere(t, r, cShare, "Andel likt fordelt");
    if (reportIssue(t, r, cShare, "Andel likt fordelt")) ok = false;
    else if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 1) {
      findings.push(finding("KBR-E-SCENARIO-SHARE", shareWhere, { value: v, name: name || undefined }));
      ok = false;
    } else if (v === ownShare) findings.push(finding("KBR-W-SCENARIO-OWN-KEY", shareWhere, { name, value: v }));
    if (ok && typeof v === "number") {
      scenarios.push({ name, equalShare: v });
      rows.push(r);
    }
  });
  return { scenarios, rows };
}
