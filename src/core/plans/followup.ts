/**
 * The `Oppfølging` sheet as data (docs/followup.md): the status at Rapportdato, with live native
 * formulas over Regnskap, Timer and Forklaringer, so a reader without the add-in sees it right
 * and it follows an edited row.
 *
 * Each figure is one formula of the same shape as the engine's rule: ROUND(SUMPRODUCT(..);2)
 * over the table's columns given as separate arrays (a text cell counts 0, as the engine leaves
 * a bad row out), with the year's first and last day and Rapportdato as conditions. Names are
 * matched with TRIM (as the engine ignores surrounding and repeated spaces; both ignore case).
 * Only functions of ALLOWED_FUNCTIONS (no XLOOKUP, no DATE: the year limits stand in cells).
 *
 * Live too: the Parametere rows (a blank or missing row takes the default, as in the engine),
 * Rapportdato's default (the latest Dato of the valid rows, AGGREGATE over the rows that pass the
 * same tests as the sums, with hidden lists of the Posts a Regnskap row may name), the contributions due
 * and planned in-kind shares (references to the Kommunebidrag sheet's cells), the explanation
 * texts (INDEX/MATCH over Forklaringer). Rows the engine leaves out are left out here too: a
 * Regnskap Post that is both a cost post and a source counts nowhere, and a municipal payment
 * counts only when its Kommune is in Kommuner.
 */
import { a1, rangeA1, sheetCell } from "../a1";
import { FindingList } from "../followup/checks";
import { ExactSum, sub, toNumber } from "../followup/exact";
import { MAX_RATE } from "../followup/model";
import { FOLLOWUP_DEFAULTS, FOLLOWUP_PARAMS, findFollowUpTables, type FollowUpTable } from "../followup/read";
import type { FollowUp, FollowUpCost } from "../followup/types";
import type { ModelRefs } from "../model/read";
import { sheetKey } from "../names";
import type { BudgetModel } from "../types";
import { dateToSerial } from "../workbook/dates";
import { DATE_FORMAT } from "../workbook/tableFormat";
import type { PlanCell, SheetPlan, TableData } from "../workbook/types";
import { AMOUNT_FORMAT, HEADER_FILL, SheetBuilder, col, lit, structuredRef } from "./formulas";
import { pageFor } from "./print";
import { CONTRIBUTIONS_SHEET, KB, contributionColumns, hasPerYearPopulations } from "./contributions";

export const FOLLOWUP_SHEET = "Oppfølging";

const MONEY = "#,##0.00";
const HOURS = "#,##0.##";
const PERCENT = "0.0%";

/** Columns: label, year, then up to four figures, the mark, the explanation. */
const C = { label: 0, year: 1, a: 2, b: 3, c: 4, d: 5, mark: 6, text: 7, art: 8, listPosts: 10, listPayments: 11, listInKind: 12 };

/** The rate the engine takes at most (exclusive), as the formulas write it (no exponent form). */
const MAX_RATE_TEXT = String(MAX_RATE);

const serial = (iso: string) => dateToSerial(new Date(`${iso}T00:00:00Z`));

export function planFollowUp(tables: readonly TableData[], model: BudgetModel, refs: ModelRefs, f: FollowUp): SheetPlan {
  const found = findFollowUpTables(tables, new FindingList());
  const b = new SheetBuilder();
  const years = model.years;
  const inKindLabels = [...new Set(f.costs.filter((c) => c.kind === "Egeninnsats").map((c) => c.post))];
  // A Regnskap Post that is both a cost post and a source is an error on every row that names
  // it (the engine leaves them out): such a post's actual and source's received are 0.
  const sourceKeys = new Set(f.financing.map((x) => sheetKey(x.source)));
  const ambiguous = new Set(f.costs.map((c) => sheetKey(c.post)).filter((k) => sourceKeys.has(k)));
  const P = refs.parameters;
  // A parameter row found as the engine finds it (TRIM: surrounding and repeated spaces; `=` ignores case).
  const match = (label: string) => `MATCH(1,INDEX(--(TRIM(${col(P, "Parameter")})=${lit(label)}),0),0)`;
  const value = (label: string) => `INDEX(${col(P, "Verdi")},${match(label)})`;
  /** True when the row is there with a value: a missing or blank row takes the default, as in the engine. */
  const given = (label: string) => `IFERROR(TRIM(${value(label)})<>"",0)`;
  const paramOr = (label: string, fallback: string) => `IF(${given(label)},${value(label)},${fallback})`;

  // --- heading: project, report date, limits, rows left out ---
  b.value(0, 0, model.projectName || "Oppfølging", { bold: true });
  b.value(1, 0, "Oppfølging av budsjettet: status per rapportdato (kr)", { italic: true });
  const R = { date: 2, latest: 3, limitKr: 4, limitShare: 5, leftOut: 6 };
  const dateRef = a1(R.date, 1, true);
  const latestRef = a1(R.latest, 1, true);
  const serialOf = (iso: string | null) => (iso ? serial(iso) : 0);
  b.value(R.date, 0, "Rapportdato");
  b.formula(R.date, 1, `INT(${paramOr(FOLLOWUP_PARAMS.reportDate, latestRef)})`, serialOf(f.asOf), { numberFormat: DATE_FORMAT });
  b.formula(R.date, 2, `IF(${given(FOLLOWUP_PARAMS.reportDate)},"fra Parametere","standard: siste gyldige dato")`, f.asOfSource === "parameter" ? "fra Parametere" : "standard: siste gyldige dato", { italic: true });
  b.value(R.latest, 0, "Siste dato i Regnskap og Timer");
  b.value(R.latest, 2, "rader uten feil", { italic: true });
  b.value(R.limitKr, 0, "Avviksgrense kr");
  b.formula(R.limitKr, 1, paramOr(FOLLOWUP_PARAMS.limitKr, String(FOLLOWUP_DEFAULTS.limitKr)), f.params.limitKr, { numberFormat: AMOUNT_FORMAT });
  b.value(R.limitShare, 0, "Avviksgrense %");
  b.formula(R.limitShare, 1, paramOr(FOLLOWUP_PARAMS.limitShare, String(FOLLOWUP_DEFAULTS.limitShare)), f.params.limitShare, { numberFormat: "0%" });
  b.value(R.leftOut, 0, "Rader holdt utenfor (feil)");

  // --- the budget years' first and last day (the formulas' date limits) ---
  let row = R.leftOut + 2;
  header(b, row++, ["Budsjettår", "", "Fra", "Til"]);
  const yearRow: Record<string, number> = {};
  for (const y of years) {
    yearRow[y] = row;
    b.value(row, C.label, Number(y));
    b.value(row, C.a, serial(`${y}-01-01`), { numberFormat: DATE_FORMAT });
    b.value(row, C.b, serial(`${y}-12-31`), { numberFormat: DATE_FORMAT });
    row++;
  }

  /** A Timer row's Post test: "" when every row passes, null when none does, else a condition. */
  const postCond = (t: FollowUpTable): string | null => {
    if (t.col.Post === undefined) return inKindLabels.length <= 1 ? "" : null;
    const post = `TRIM(${ref(t, "Post")})`;
    const parts = LIST.inKind ? [`ISNUMBER(MATCH(${escapeWildcards(post)},${LIST.inKind},0))`] : [];
    if (inKindLabels.length <= 1) parts.push(`(${post}="")`);
    return anyOf(parts);
  };

  // Hidden lists of what a Regnskap Post may name (as this build's rows do): external cost posts
  // and the sources other than in-kind and the municipalities' (LIST.posts), and the
  // municipalities' sources (LIST.payments, whose rows also need a Kommune of Kommuner). A Post
  // that is both a cost post and a source is in neither: it counts nowhere, as in the engine.
  const postList = [
    ...new Set([
      ...f.costs.filter((c) => c.kind === "Ekstern" && !ambiguous.has(sheetKey(c.post))).map((c) => c.post),
      ...f.financing.filter((x) => x.kind !== "Egeninnsats" && x.kind !== "Kommunene" && !ambiguous.has(sheetKey(x.source))).map((x) => x.source),
    ]),
  ];
  const kommuneneSources = [...new Set(f.financing.filter((x) => x.kind === "Kommunene" && !ambiguous.has(sheetKey(x.source))).map((x) => x.source))];
  const list = (column: number, title: string, items: readonly string[]): string | null => {
    b.value(0, column, title, { italic: true });
    items.forEach((x, i) => b.value(1 + i, column, x));
    return items.length ? `${a1(1, column, true)}:${a1(items.length, column, true)}` : null;
  };
  const LIST = {
    posts: list(C.listPosts, "Poster i Regnskap (hjelpeliste)", postList),
    payments: list(C.listPayments, "Kommunenes kilder (hjelpeliste)", kommuneneSources),
    inKind: list(C.listInKind, "Egeninnsatsposter i Timer (hjelpeliste)", inKindLabels),
  };

  // Rows of Regnskap outside the Kommunene sources: Kommune blank or a municipality of Kommuner.
  const muniOk = (t: FollowUpTable) => `ISNUMBER(MATCH(${escapeWildcards(`TRIM(${ref(t, "Kommune")})`)},TRIM(${col(refs.municipalities, "Kommune")}),0))`;
  const whoConds = (t: FollowUpTable): string[] => (t.col.Kommune === undefined ? [] : [`((TRIM(${ref(t, "Kommune")})="")+${muniOk(t)}>0)`]);
  /**
   * A Timer row the engine counts, but for its date and Post: someone named, hours a number, a
   * rate that is a number from 0 below the bound (text compares above every number, a blank
   * equals "").
   */
  const hoursConds = (t: FollowUpTable): string[] => {
    const rate = ref(t, "Timesats");
    return [`(TRIM(${ref(t, "Kommune")})<>"")`, `ISNUMBER(${ref(t, "Timer")})`, `(${rate}<>"")`, `(${rate}>=0)`, `(${rate}<${MAX_RATE_TEXT})`];
  };
  /** The same with its Post test (any in-kind post); null when no row can pass it. */
  const hoursPostConds = (t: FollowUpTable): string[] | null => {
    const post = postCond(t);
    return post === null ? null : [...hoursConds(t), ...(post ? [post] : [])];
  };

  // A row's tests, as products of conditions (the sums' tests, without the date): null when no
  // row can pass (every row of the table is left out).
  const first = a1(yearRow[years[0]], C.a, true);
  const last = a1(yearRow[years[years.length - 1]], C.b, true);
  const inYears = (t: FollowUpTable) => `(${ref(t, "Dato")}>=${first})*(${ref(t, "Dato")}<${last}+1)`;
  const ledgerOk = ((): string | null => {
    const L = found.ledger;
    if (!L) return null;
    const named = (range: string | null) => (range ? `ISNUMBER(MATCH(${escapeWildcards(`TRIM(${ref(L, "Post")})`)},${range},0))` : null);
    const posts = named(LIST.posts);
    const payments = L.col.Kommune === undefined ? null : named(LIST.payments);
    const terms = [posts ? asProduct([posts, ...whoConds(L)]) : null, payments ? `${payments}*${muniOk(L)}` : null].filter((x): x is string => x !== null);
    return terms.length ? `ISNUMBER(${ref(L, "Beløp")})*(${terms.join("+")})` : null;
  })();
  const hoursOkConds = found.hours ? hoursPostConds(found.hours) : null;
  const hoursOk = hoursOkConds ? asProduct(hoursOkConds) : null;

  {
    // The latest Dato of the valid rows within the budget years (AGGREGATE 14 = LARGE, option 6
    // skips the errors that text, blanks, dates outside the years and invalid rows give); 0
    // when there is none (nothing counts).
    const latest = (t: FollowUpTable, valid: string) => `IFERROR(AGGREGATE(14,6,${ref(t, "Dato")}/(${inYears(t)}*${valid}),1),0)`;
    const parts: string[] = [];
    if (found.ledger && ledgerOk) parts.push(latest(found.ledger, ledgerOk));
    if (found.hours && hoursOk) parts.push(latest(found.hours, hoursOk));
    if (parts.length > 0) b.formula(R.latest, 1, `INT(MAX(${parts.join(",")}))`, serialOf(f.latest), { numberFormat: DATE_FORMAT });
    else b.value(R.latest, 1, serialOf(f.latest), { numberFormat: DATE_FORMAT });
  }

  /** The conditions that put a row of `t` in year y up to Rapportdato (a time of day ignored). */
  const conds = (t: FollowUpTable, y: string): string => {
    const dato = ref(t, "Dato");
    return `--(${dato}>=${a1(yearRow[y], C.a, true)}),--(${dato}<${a1(yearRow[y], C.b, true)}+1),--(${dato}<INT(${dateRef})+1)`;
  };
  const eq = (t: FollowUpTable, name: string, cell: string) => `--(TRIM(${ref(t, name)})=${cell})`;
  const money = (sumproduct: string) => `ROUND(SUMPRODUCT(${sumproduct}),2)`;
  /** Hours and value (columns b and c of row r) of the valid Timer rows `who` selects, in `x.year`. */
  const hoursCells = (r: number, who: (t: FollowUpTable) => string, x: { year: string; hours: number; value: number }) => {
    const T = found.hours;
    if (T && hoursOkConds) {
      const base = `${who(T)},${conds(T, x.year)}${asArgs(hoursOkConds)}`;
      b.formula(r, C.b, `SUMPRODUCT(${base},${ref(T, "Timer")})`, x.hours, { numberFormat: HOURS });
      b.formula(r, C.c, money(`${base},${ref(T, "Timer")},${ref(T, "Timesats")}`), x.value, { numberFormat: MONEY });
    } else {
      b.value(r, C.b, 0, { numberFormat: HOURS });
      b.value(r, C.c, 0, { numberFormat: MONEY });
    }
  };

  // --- per year: budget against actual (the chart's source) ---
  row++;
  header(b, row++, ["År", "", "Budsjett", "Regnskap", "Avvik"]);
  const summaryFirst = row;
  const summaryTotal = row + years.length;
  row = summaryTotal + 2;

  // --- costs per post and year ---
  header(b, row++, ["Kostnadspost", "År", "Budsjett", "Regnskap", "Avvik", "Avvik %", "", "Forklaring", "Art"]);
  const costFirst = row;
  const inKindPosts = inKindLabels.length;
  for (const c of f.costs) {
    const A = `$A${row + 1}`;
    const Y = a1(row, C.year);
    b.value(row, C.label, c.post);
    b.value(row, C.year, Number(c.year));
    b.formula(row, C.a, `SUMPRODUCT(--(TRIM(${col(refs.costs, "Kostnadspost")})=${A}),${structuredRef(refs.costs.table.name, refs.costs.years[c.year].header)})`, c.budget, { numberFormat: AMOUNT_FORMAT });
    let actual: string | null = null;
    if (c.kind === "Ekstern" && found.ledger && !ambiguous.has(sheetKey(c.post)))
      actual = money(`${eq(found.ledger, "Post", A)}${asArgs(whoConds(found.ledger))},${conds(found.ledger, c.year)},${ref(found.ledger, "Beløp")}`);
    // Without a Post column Timer's hours go to the one in-kind post; with several, to none (as the engine).
    const t = found.hours;
    if (c.kind === "Egeninnsats" && t && (t.col.Post !== undefined || inKindPosts === 1)) {
      const post = t.col.Post === undefined ? [] : inKindPosts === 1 ? [`((TRIM(${ref(t, "Post")})=${A})+(TRIM(${ref(t, "Post")})="")>0)`] : [`(TRIM(${ref(t, "Post")})=${A})`];
      actual = money(`${conds(t, c.year)}${asArgs([...hoursConds(t), ...post])},${ref(t, "Timer")},${ref(t, "Timesats")}`);
    }
    if (actual) b.formula(row, C.b, actual, c.actual, { numberFormat: MONEY });
    else b.value(row, C.b, 0, { numberFormat: MONEY });
    const bud = a1(row, C.a);
    const act = a1(row, C.b);
    const dev = a1(row, C.c);
    // ROUND(..,9): the exact decimal deviation, without the binary noise of the subtraction.
    b.formula(row, C.c, `ROUND(${act}-${bud},9)`, c.deviation, { numberFormat: MONEY });
    b.formula(row, C.d, `IF(${bud}=0,"",${dev}/${bud})`, c.deviationShare ?? "", { numberFormat: PERCENT });
    const absDev = `IF(${dev}<0,-${dev},${dev})`;
    const flag = `(${dev}<>0)*((${absDev}>=${a1(R.limitKr, 1, true)})+(${bud}<>0)*(${absDev}>=ROUND(${a1(R.limitShare, 1, true)}*IF(${bud}<0,-${bud},${bud}),9))>0)`;
    const explained = found.explanations
      ? `(SUMPRODUCT(${eq(found.explanations, "Post", A)},--(${ref(found.explanations, "År")}=${Y}),--(TRIM(${ref(found.explanations, "Forklaring")})<>""))>0)`
      : "0";
    b.formula(row, C.mark, `IF(${flag}*(1-${explained}),"!","")`, c.flagged && !c.explained ? "!" : "", { bold: true, align: "center" });
    if (found.explanations) {
      // The first valid Forklaringer row of the post and year (INDEX(..;0) makes MATCH take the
      // array without an array formula; no XLOOKUP: LibreOffice lacks it).
      const F = found.explanations;
      const hit = `INDEX(${eq(F, "Post", A)}*--(${ref(F, "År")}=${Y})*--(TRIM(${ref(F, "Forklaring")})<>""),0)`;
      b.formula(row, C.text, `IF(${explained},TRIM(INDEX(${ref(F, "Forklaring")},MATCH(1,${hit},0))),"")`, c.explanation ?? "");
    } else b.value(row, C.text, "");
    // The post's Art as Kostnader says it (the per-Art subtotals select on it).
    const art = `INDEX(${col(refs.costs, "Art")},MATCH(1,INDEX(--(TRIM(${col(refs.costs, "Kostnadspost")})=${A}),0),0))`;
    b.formula(row, C.art, `TRIM(${art})`, artText(refs, c.post) ?? c.kind);
    row++;
  }
  const costLast = row - 1;
  /**
   * Budget, actual and deviation of the cost rows `keep` selects, in row `r`: `sum(column)` adds
   * the column's cost cells; the expected values are exact sums of the figures (the cells the
   * formulas add), so no binary drift.
   */
  const costTotals = (r: number, keep: (c: FollowUpCost) => boolean, sum: (column: number) => string, look: Pick<PlanCell, "bold" | "borderTop"> = {}) => {
    const budget = new ExactSum();
    const actual = new ExactSum();
    for (const c of f.costs) {
      if (!keep(c)) continue;
      budget.addNumber(c.budget);
      actual.addNumber(c.actual);
    }
    b.formula(r, C.a, sum(C.a), toNumber(budget.value()), { numberFormat: AMOUNT_FORMAT, ...look });
    b.formula(r, C.b, sum(C.b), toNumber(actual.value()), { numberFormat: MONEY, ...look });
    b.formula(r, C.c, `ROUND(${a1(r, C.b)}-${a1(r, C.a)},9)`, toNumber(sub(actual.value(), budget.value())), { numberFormat: MONEY, ...look });
  };
  const costSum = (column: number, criteria: string) => `SUMIFS(${rangeA1(costFirst, costLast, column)},${criteria})`;
  model.years.forEach((y, j) => {
    const r = summaryFirst + j;
    b.value(r, C.label, Number(y));
    costTotals(r, (c) => c.year === y, (column) => costSum(column, `${rangeA1(costFirst, costLast, C.year)},${a1(r, C.label)}`));
  });
  // All years together.
  b.value(summaryTotal, C.label, "Sum", { bold: true });
  costTotals(summaryTotal, () => true, (column) => `SUM(${rangeA1(summaryFirst, summaryTotal - 1, column)})`, { bold: true });
  row++;

  // --- subtotals per Art and year (the Art column of the cost rows, live from Kostnader) ---
  header(b, row++, ["Art", "År", "Budsjett", "Regnskap", "Avvik"]);
  for (const kind of [...new Set(f.costs.map((c) => c.kind))]) {
    for (const y of years) {
      const r = row++;
      b.value(r, C.label, kind);
      b.value(r, C.year, Number(y));
      const crit = `${rangeA1(costFirst, costLast, C.year)},${a1(r, C.year)},${rangeA1(costFirst, costLast, C.art)},${a1(r, C.label)}`;
      costTotals(r, (c) => c.kind === kind && c.year === y, (column) => costSum(column, crit));
    }
    // The Art over all years (the grant givers' final accounts are per Art and in all).
    const r = row++;
    b.value(r, C.label, kind, { bold: true });
    b.value(r, C.year, "I alt", { bold: true });
    costTotals(r, (c) => c.kind === kind, (column) => costSum(column, `${rangeA1(costFirst, costLast, C.art)},${a1(r, C.label)}`), { bold: true, borderTop: true });
  }
  row++;

  // --- financing per source and year ---
  header(b, row++, ["Kilde", "År", "Planlagt", "Mottatt", "Differanse"]);
  for (const x of f.financing) {
    const A = `$A${row + 1}`;
    b.value(row, C.label, x.source);
    b.value(row, C.year, Number(x.year));
    b.formula(row, C.a, `SUMPRODUCT(--(TRIM(${col(refs.financing, "Kilde")})=${A}),${structuredRef(refs.financing.table.name, refs.financing.years[x.year].header)})`, x.planned, { numberFormat: AMOUNT_FORMAT });
    let received: string | null = null;
    if (x.kind === "Egeninnsats" && found.hours && hoursOkConds)
      received = money(`${conds(found.hours, x.year)}${asArgs(hoursOkConds)},${ref(found.hours, "Timer")},${ref(found.hours, "Timesats")}`);
    if (x.kind !== "Egeninnsats" && found.ledger && !ambiguous.has(sheetKey(x.source))) {
      // A payment counts only when it names a municipality of Kommuner (as the engine: another
      // name is an error, left out of the source's received amount too).
      // Another source's row needs Kommune blank or a municipality of Kommuner.
      const who = x.kind === "Kommunene" ? (found.ledger.col.Kommune !== undefined ? `,--${muniOk(found.ledger)}` : null) : asArgs(whoConds(found.ledger));
      if (who !== null) received = money(`${eq(found.ledger, "Post", A)}${who},${conds(found.ledger, x.year)},${ref(found.ledger, "Beløp")}`);
    }
    if (received) b.formula(row, C.b, received, x.received, { numberFormat: MONEY });
    else b.value(row, C.b, 0, { numberFormat: MONEY });
    b.formula(row, C.c, `ROUND(${a1(row, C.b)}-${a1(row, C.a)},9)`, x.received - x.planned, { numberFormat: MONEY });
    row++;
  }
  row++;

  // --- the municipalities' payments ---
  header(b, row++, ["Kommune", "År", "Bidrag", "Betalt", "Utestående"]);
  // Due and planned in-kind shares are the Kommunebidrag sheet's cells (the largest-remainder
  // rule lives there): same municipality order, one row each, built in the same build.
  const KC = contributionColumns(years.length, hasPerYearPopulations(model, refs));
  const kbCell = (k: number, column: (j: number) => number) => sheetCell(CONTRIBUTIONS_SHEET, KB.body + Math.floor(k / years.length), column(k % years.length));
  f.municipalities.forEach((m, k) => {
    const A = `$A${row + 1}`;
    b.value(row, C.label, m.name);
    b.value(row, C.year, Number(m.year));
    b.formula(row, C.a, kbCell(k, KC.total), m.due, { numberFormat: AMOUNT_FORMAT });
    const L = found.ledger;
    if (L && L.col.Kommune !== undefined && kommuneneSources.length > 0) {
      const post = `--${anyOf(kommuneneSources.map((s) => `(TRIM(${ref(L, "Post")})=${lit(s)})`))}`;
      b.formula(row, C.b, money(`${post},${eq(L, "Kommune", A)},${conds(L, m.year)},${ref(L, "Beløp")}`), m.paid, { numberFormat: MONEY });
    } else b.value(row, C.b, 0, { numberFormat: MONEY });
    b.formula(row, C.c, `ROUND(${a1(row, C.a)}-${a1(row, C.b)},9)`, m.due - m.paid, { numberFormat: MONEY });
    row++;
  });
  row++;

  // --- in-kind work per municipality ---
  const inKindHeader = row;
  header(b, row++, ["Kommune", "År", "Planlagt egeninnsats", "Timer", "Verdi", "Differanse"]);
  f.inKind.forEach((m, k) => {
    const A = `$A${row + 1}`;
    b.value(row, C.label, m.name);
    b.value(row, C.year, Number(m.year));
    b.formula(row, C.a, kbCell(k, KC.inKind), m.planned, { numberFormat: AMOUNT_FORMAT });
    hoursCells(row, (T) => eq(T, "Kommune", A), m);
    b.formula(row, C.d, `ROUND(${a1(row, C.c)}-${a1(row, C.a)},9)`, m.value - m.planned, { numberFormat: MONEY });
    row++;
  });
  const inKindFirst = inKindHeader + 1;
  {
    // Other participants' hours (a Kommune not in Kommuner): in the totals, in no municipality's row.
    for (const o of f.others) {
      b.value(row, C.label, "Andre deltagere", { italic: true });
      b.value(row, C.year, Number(o.year));
      hoursCells(row, (T) => `--(1-${muniOk(T)})`, o);
      row++;
    }
  }
  const inKindLast = row - 1;
  for (const y of years) {
    const planned = new ExactSum();
    const hoursSum = new ExactSum();
    const valueSum = new ExactSum();
    for (const m of f.inKind.filter((x) => x.year === y)) {
      planned.addNumber(m.planned);
      hoursSum.addNumber(m.hours);
      valueSum.addNumber(m.value);
    }
    for (const o of f.others.filter((x) => x.year === y)) {
      hoursSum.addNumber(o.hours);
      valueSum.addNumber(o.value);
    }
    const crit = `${rangeA1(inKindFirst, inKindLast, C.year)},${a1(row, C.year)}`;
    const sum = (column: number) => `SUMIFS(${rangeA1(inKindFirst, inKindLast, column)},${crit})`;
    b.value(row, C.label, "Sum", { bold: true });
    b.value(row, C.year, Number(y), { bold: true });
    b.formula(row, C.a, sum(C.a), toNumber(planned.value()), { numberFormat: AMOUNT_FORMAT, bold: true, borderTop: true });
    b.formula(row, C.b, sum(C.b), toNumber(hoursSum.value()), { numberFormat: HOURS, bold: true, borderTop: true });
    b.formula(row, C.c, sum(C.c), toNumber(valueSum.value()), { numberFormat: MONEY, bold: true, borderTop: true });
    b.formula(row, C.d, `ROUND(${a1(row, C.c)}-${a1(row, C.a)},9)`, toNumber(sub(valueSum.value(), planned.value())), { numberFormat: MONEY, bold: true, borderTop: true });
    row++;
  }

  {
    // Rows left out, live: the rows with anything in them less the rows that pass the tests.
    const { ledger, hours, explanations } = f.leftOut;
    // Every column, as the engine's blank row test; an error value is something (IFERROR).
    const filled = (t: FollowUpTable) => `SUMPRODUCT(--(LEN(${t.table.headers.map((h) => `IFERROR(TRIM(${structuredRef(t.table.name, h)}),"#")`).join("&")})>0))`;
    const passing = (t: FollowUpTable, ok: string | null) => (ok ? `-SUMPRODUCT(--(${ok}>0))` : "");
    const cost = rangeA1(costFirst, costLast, C.label);
    const yearCells = rangeA1(yearRow[years[0]], yearRow[years[years.length - 1]], C.label);
    const E = found.explanations;
    const explainOk = E
      ? `ISNUMBER(MATCH(${escapeWildcards(`TRIM(${ref(E, "Post")})`)},${cost},0))*ISNUMBER(MATCH(${ref(E, "År")},${yearCells},0))*(TRIM(${ref(E, "Forklaring")})<>"")`
      : null;
    const count = (t: FollowUpTable | undefined, ok: string | null) => (t ? `(${filled(t)}${passing(t, ok)})` : "0");
    const L = found.ledger;
    const H = found.hours;
    b.formula(
      R.leftOut,
      1,
      `"Regnskap "&${count(L, L && ledgerOk ? `${inYears(L)}*${ledgerOk}` : null)}&", Timer "&${count(H, H && hoursOk ? `${inYears(H)}*${hoursOk}` : null)}&", Forklaringer "&${count(E, explainOk)}`,
      `Regnskap ${ledger}, Timer ${hours}, Forklaringer ${explanations}`,
    );
  }

  const labelWidth = Math.min(48, Math.max(16, ...f.costs.map((c) => c.post.length), ...f.financing.map((x) => x.source.length)));
  // B holds the years and Rapportdato (a date needs 10 characters).
  // J blank; K, L and M the hidden lists.
  const columnWidths = [labelWidth, 11, 15, 15, 15, 15, 4, 62, 12, 4, 30, 30, 30];
  const hiddenColumns = [C.listPosts, C.listPayments, C.listInKind];
  return {
    name: FOLLOWUP_SHEET,
    cells: b.cells,
    columnWidths,
    hiddenColumns,
    freezeRows: 0,
    // The print is the status report: the title rows (project, heading, the live Rapportdato) on
    // every page, the project and the printing date above, page numbers below. The header holds
    // no report date of its own: a header cannot follow a cell, and a stale date there would lie.
    page: {
      ...pageFor(columnWidths, hiddenColumns, { from: 0, to: 2 }),
      orientation: "landscape",
      header: {
        left: headerText(model.projectName),
        center: "&BOppfølging av budsjettet",
        right: "Skrevet ut &D",
      },
    },
    chart: {
      title: "Budsjett og regnskap per år",
      categories: { fromRow: summaryFirst, toRow: summaryFirst + years.length - 1, col: C.label },
      series: [
        { name: "Budsjett", fromRow: summaryFirst, toRow: summaryFirst + years.length - 1, col: C.a },
        { name: "Regnskap", fromRow: summaryFirst, toRow: summaryFirst + years.length - 1, col: C.b },
      ],
      // Beside the heading and the per-year summary, above the cost table: it covers no figure or explanation.
      anchor: { row: 0, col: C.mark, rows: Math.max(12, costFirst - 2), cols: 2 },
    },
  };
}

/** The Art cell of the first Kostnader row of `post` as the sheet's TRIM shows it (Excel's `=` ignores case). */
function artText(refs: ModelRefs, post: string): string | null {
  const K = refs.costs;
  const norm = (v: unknown) => String(v ?? "").replace(/ +/g, " ").trim();
  const hit = K.table.rows.find((r) => norm(r[K.columns.Kostnadspost.index]).toLowerCase() === norm(post).toLowerCase());
  return hit ? norm(hit[K.columns.Art.index]) : null;
}

/** A literal text in a page header: Excel reads `&` as the start of a code, so it is doubled. */
function headerText(text: string): string {
  return text.replace(/&/g, "&&");
}

/**
 * True where any of the conditions holds. One condition stands alone: Excel ranks a logical above
 * every number, so `(x="a")>0` is TRUE even where x is not "a"; a sum of two or more is a number.
 */
/**
 * A text as MATCH(..;0) takes it literally: MATCH reads `*`, `?` and `~` in its lookup value as
 * wildcards, so a Post "Prosjekt*" would match "Prosjektledelse".
 */
function escapeWildcards(text: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${text},"~","~~"),"*","~*"),"?","~?")`;
}

/** Conditions as SUMPRODUCT's arguments (`,--(c)` each: an array of 0 and 1 per condition). */
function asArgs(conditions: readonly string[]): string {
  return conditions.map((c) => `,--${c}`).join("");
}

/** Conditions as one product (1 where all hold): for AGGREGATE's array and for counting. */
function asProduct(conditions: readonly string[]): string {
  return conditions.join("*");
}

function anyOf(conditions: readonly string[]): string {
  return conditions.length === 1 ? conditions[0] : `(${conditions.join("+")}>0)`;
}

function ref(t: FollowUpTable, name: string): string {
  return structuredRef(t.table.name, t.table.headers[t.col[name]!]);
}

function header(b: SheetBuilder, row: number, labels: readonly string[]): void {
  labels.forEach((l, c) => b.value(row, c, l, { bold: true, fill: HEADER_FILL, wrap: true }));
}
