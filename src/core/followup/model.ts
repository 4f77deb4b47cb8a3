/**
 * The budget follow-up (docs/followup.md): actuals per cost post and year up to Rapportdato,
 * financing received per source, each municipality's payments and in-kind hours against its
 * share, deviations and which of them are flagged and explained, and the row checks.
 *
 * Rules that matter for the sums:
 * - A row counts in the calendar year of its Dato, when Dato <= Rapportdato (default: the
 *   latest date of the valid rows). A row with any error finding is left out of every sum.
 * - Exact to the øre: every amount, hour and rate is the decimal Excel shows; sums and
 *   hours × rate products are exact (exact.ts), and each figure is rounded ONCE, half away
 *   from zero, to øre at the end: ROUND(SUMIFS(..);2) and ROUND(SUMPRODUCT(..);2) on the sheet.
 *   No per-row rounding: a per-row ROUND(Timer*Timesats;2) inside SUMPRODUCT turns one text
 *   cell into #VALUE! for the whole figure, while SUMPRODUCT's separate arrays take text as 0,
 *   just as the engine leaves a bad row out.
 */
import type { Computed } from "../model/compute";
import { nameKey, type ModelRefs } from "../model/read";
import type { BudgetModel, Finding } from "../types";
import type { CellValue, TableData, Where } from "../workbook/types";
import { cellWhere } from "../model/read";
import { sheetKey } from "../names";
import { FindingList } from "./checks";
import { abs, add, cmp, exact, ExactSum, fromOre, isZero, mul, oreToKr, sub, toNumber, toOre, ZERO, type Exact } from "./exact";
import { cellText, findFollowUpTables, isBlank, readDate, readFollowUpParams, tableWhere, type FollowUpTable } from "./read";
import type { FollowUp, FollowUpCost, FollowUpFinancing, FollowUpInKind, FollowUpPayment } from "./types";

/**
 * Rates from this on are taken for a typo (KBR-E-HOURS-RATE-BAD): a bound the sheet's formulas
 * can test, so that a text rate (above every number there) is left out as the engine does.
 */
export const MAX_RATE = 1_000_000_000_000;

export interface FollowUpResult {
  /** null when a follow-up parameter is bad (reported), so nothing is computed on a guess. */
  followUp: FollowUp | null;
  findings: Finding[];
}

/** A valid Regnskap row. */
interface LedgerRow {
  r: number;
  date: string;
  year: string;
  /** Beløp as read (a finite number; the sums take the decimal it shows). */
  amount: number;
  /** Index into posts (a cost post) or sources, never both. */
  post?: number;
  source?: number;
  /** Index into the model's municipalities (Kommunene sources only). */
  municipality?: number;
}

/** A valid Timer row. */
interface HoursRow {
  r: number;
  date: string;
  year: string;
  /** Timer and Timesats as read (finite; the rate >= 0). */
  hours: number;
  rate: number;
  /** Index into the model's municipalities; undefined for another participant. */
  municipality?: number;
  /** Index into posts (an Egeninnsats cost post); undefined when there is none. */
  post?: number;
  person: string;
}

/** One cost post or source: the distinct labels of Kostnader / Finansiering, in table order. */
interface Line<K extends string> {
  label: string;
  kind: K;
  /** 0-based body row of its first row in the table. */
  row: number;
  budget: Record<string, Exact>;
}

function lines<K extends string>(list: readonly { label: string; kind: K; amounts: Record<string, number> }[], years: readonly string[]): Line<K>[] {
  const byKey = new Map<string, Line<K>>();
  const out: Line<K>[] = [];
  list.forEach((l, row) => {
    if (!l.label) return;
    const key = sheetKey(l.label);
    let line = byKey.get(key);
    if (!line) {
      line = { label: l.label, kind: l.kind, row, budget: Object.fromEntries(years.map((y) => [y, ZERO])) };
      byKey.set(key, line);
      out.push(line);
    }
    // Several rows of one label add up, as SUMIFS by label does on the sheet.
    for (const y of years) line.budget[y] = add(line.budget[y], exact(l.amounts[y] ?? 0));
  });
  return out;
}

const keyIndex = <T extends { label: string }>(xs: readonly T[]) => new Map(xs.map((x, i) => [sheetKey(x.label), i]));

/**
 * The follow-up of a valid budget model, or null when the workbook has neither Regnskap nor
 * Timer (then there is nothing to follow up, and no finding).
 */
export function followUp(tables: readonly TableData[], model: BudgetModel, refs: ModelRefs, computed: Computed): FollowUpResult | null {
  const out = new FindingList();
  const found = findFollowUpTables(tables, out);
  const present = {
    ledger: tables.some((t) => nameKey(t.name) === "regnskap"),
    hours: tables.some((t) => nameKey(t.name) === "timer"),
    explanations: tables.some((t) => nameKey(t.name) === "forklaringer"),
  };
  if (!present.ledger && !present.hours) return null;
  const params = readFollowUpParams(refs.parameters, out);
  const years = model.years;
  const yearSet = new Set(years);
  const yearList = years.join(", ");

  const posts = lines(model.costs, years);
  const sources = lines(model.financing, years);
  const postByKey = keyIndex(posts);
  const sourceByKey = keyIndex(sources);
  const municipalityByKey = new Map(model.municipalities.map((m, i) => [sheetKey(m.name), i]));
  const inKindPosts = posts.map((p, i) => ({ p, i })).filter(({ p }) => p.kind === "Egeninnsats");

  /** Reports the reader's flagged cells of the columns read; true when the row has one. */
  const flagged = (ft: FollowUpTable, r: number, cols: readonly string[]): boolean => {
    if (ft.issues.size === 0) return false;
    let any = false;
    for (const name of cols) {
      const c = ft.col[name];
      if (c === undefined) continue;
      const issue = ft.issues.get(`${r}:${c}`);
      if (!issue) continue;
      out.add("KBR-E-FOLLOWUP-CELL-UNREADABLE", cellWhere(ft.table, r, c, name), { name: issue.kind, value: issue.text });
      any = true;
    }
    return any;
  };
  /**
   * sheetKey of a cell, memoised (posts and names repeat over thousands of rows): rows match as
   * the Oppfølging sheet's TRIM(..)= matches them, so engine and sheet count the same rows.
   */
  const keys = new Map<string, string>();
  const keyOf = (v: CellValue): string => {
    const t = cellText(v);
    let k = keys.get(t);
    if (k === undefined) keys.set(t, (k = sheetKey(t)));
    return k;
  };
  /** True when the reader flagged the row's cell of column `name` (already reported by `flagged`). */
  const issue = (ft: FollowUpTable, r: number, name: string): boolean => ft.issues.size > 0 && ft.issues.has(`${r}:${ft.col[name]}`);
  const get = (ft: FollowUpTable, row: readonly CellValue[], name: string): CellValue => {
    const c = ft.col[name];
    return c === undefined ? null : (row[c] ?? null);
  };
  const at = (ft: FollowUpTable, r: number, name: string): Where => cellWhere(ft.table, r, ft.col[name] ?? 0, name);
  const blankRow = (row: readonly CellValue[]) => row.every((v) => isBlank(v));
  const leftOut = { ledger: 0, hours: 0, explanations: 0 };

  /** Dato of a row: reported when blank, not a date or outside the budget years. */
  const dateOf = (ft: FollowUpTable, r: number, v: CellValue, prefix: "LEDGER" | "HOURS"): { date: string; year: string } | null => {
    const date = readDate(v);
    if (!date) {
      out.add(`KBR-E-${prefix}-DATE-BAD`, at(ft, r, "Dato"), { value: v });
      return null;
    }
    const year = date.slice(0, 4);
    if (!yearSet.has(year)) {
      out.add(`KBR-E-${prefix}-DATE-OUTSIDE`, at(ft, r, "Dato"), { value: new Date(`${date}T00:00:00Z`), list: yearList });
      return null;
    }
    return { date, year };
  };

  // --- Regnskap ---
  const ledger: LedgerRow[] = [];
  const L = found.ledger;
  if (L) {
    L.table.rows.forEach((row, r) => {
      if (blankRow(row)) return;
      let ok = !flagged(L, r, ["Dato", "Post", "Beløp", "Kommune"]);
      const d = issue(L, r, "Dato") ? null : dateOf(L, r, get(L, row, "Dato"), "LEDGER");
      if (!d) ok = false;
      const postV = get(L, row, "Post");
      const key = keyOf(postV);
      const p = postByKey.get(key);
      const s = sourceByKey.get(key);
      let target: { post?: number; source?: number; municipality?: number } = {};
      /** A row of a Kommunene source: its Kommune is checked there, as who paid. */
      let payment = false;
      if (issue(L, r, "Post")) ok = false;
      else if (isBlank(postV) || (p === undefined && s === undefined)) {
        out.add("KBR-E-LEDGER-POST-UNKNOWN", at(L, r, "Post"), { value: postV });
        ok = false;
      } else if (p !== undefined && s !== undefined) {
        out.add("KBR-E-LEDGER-POST-AMBIGUOUS", at(L, r, "Post"), { value: postV });
        ok = false;
      } else if (p !== undefined) {
        if (posts[p].kind === "Egeninnsats") {
          out.add("KBR-E-LEDGER-IN-KIND", at(L, r, "Post"), { name: posts[p].label });
          ok = false;
        } else target = { post: p };
      } else if (s !== undefined) {
        const src = sources[s];
        if (src.kind === "Egeninnsats") {
          out.add("KBR-E-LEDGER-IN-KIND", at(L, r, "Post"), { name: src.label });
          ok = false;
        } else if (src.kind === "Kommunene") {
          payment = true;
          const kV = get(L, row, "Kommune");
          const m = municipalityByKey.get(keyOf(kV));
          if (issue(L, r, "Kommune")) ok = false;
          else if (m === undefined) {
            const where = L.col.Kommune === undefined ? { ...tableWhere(L.table), column: "Kommune", tableRow: r + 1 } : at(L, r, "Kommune");
            out.add("KBR-E-LEDGER-MUNICIPALITY", where, { name: src.label, value: kV });
            ok = false;
          } else target = { source: s, municipality: m };
        } else target = { source: s };
      }
      // On any other row Kommune is blank or a municipality of Kommuner (an unknown name is not guessed at).
      if (!payment && L.col.Kommune !== undefined && !issue(L, r, "Kommune")) {
        const kV = get(L, row, "Kommune");
        if (!isBlank(kV) && municipalityByKey.get(keyOf(kV)) === undefined) {
          out.add("KBR-E-LEDGER-MUNICIPALITY-UNKNOWN", at(L, r, "Kommune"), { value: kV });
          ok = false;
        }
      }
      const amountV = get(L, row, "Beløp");
      let amount: number | null = null;
      if (issue(L, r, "Beløp")) ok = false;
      else if (typeof amountV === "number" && Number.isFinite(amountV)) amount = amountV;
      else {
        out.add("KBR-E-LEDGER-AMOUNT-BAD", at(L, r, "Beløp"), { value: amountV });
        ok = false;
      }
      if (ok && d && amount !== null) ledger.push({ r, date: d.date, year: d.year, amount, ...target });
      else leftOut.ledger++;
    });
  }

  // --- Timer ---
  const hours: HoursRow[] = [];
  const H = found.hours;
  /** Other participants already warned about (one warning per name). */
  const othersSeen = new Set<string>();
  if (H) {
    const inKindList = inKindPosts.map(({ p }) => p.label).join(", ") || "–";
    H.table.rows.forEach((row, r) => {
      if (blankRow(row)) return;
      let ok = !flagged(H, r, ["Dato", "Kommune", "Timer", "Timesats", "Person", "Post"]);
      const d = issue(H, r, "Dato") ? null : dateOf(H, r, get(H, row, "Dato"), "HOURS");
      if (!d) ok = false;
      const whoV = get(H, row, "Kommune");
      let municipality: number | undefined;
      if (issue(H, r, "Kommune")) ok = false;
      else if (isBlank(whoV)) {
        out.add("KBR-E-HOURS-WHO-BLANK", at(H, r, "Kommune"));
        ok = false;
      } else {
        const k = keyOf(whoV);
        municipality = municipalityByKey.get(k);
        if (municipality === undefined && !othersSeen.has(k)) {
          othersSeen.add(k);
          out.add("KBR-W-HOURS-PARTICIPANT", at(H, r, "Kommune"), { value: whoV });
        }
      }
      const num = (name: "Timer" | "Timesats", id: string, min?: number, below?: number): number | null => {
        const v = get(H, row, name);
        if (issue(H, r, name)) return null;
        if (typeof v === "number" && Number.isFinite(v) && (min === undefined || v >= min) && (below === undefined || v < below)) return v;
        out.add(id, at(H, r, name), { value: v });
        return null;
      };
      const h = num("Timer", "KBR-E-HOURS-HOURS-BAD");
      const rate = num("Timesats", "KBR-E-HOURS-RATE-BAD", 0, MAX_RATE);
      if (h === null || rate === null) ok = false;
      const postV = get(H, row, "Post");
      let post: number | undefined;
      if (issue(H, r, "Post")) ok = false;
      else if (!isBlank(postV)) {
        post = postByKey.get(keyOf(postV));
        if (post === undefined || posts[post].kind !== "Egeninnsats") {
          out.add("KBR-E-HOURS-POST-UNKNOWN", at(H, r, "Post"), { value: postV, list: inKindList });
          ok = false;
        }
      } else if (inKindPosts.length > 1) {
        const where = H.col.Post === undefined ? { ...tableWhere(H.table), column: "Post", tableRow: r + 1 } : at(H, r, "Post");
        out.add("KBR-E-HOURS-POST-MISSING", where, { list: inKindList });
        ok = false;
      } else post = inKindPosts[0]?.i;
      if (ok && d && h !== null && rate !== null) {
        const person = isBlank(get(H, row, "Person")) ? "" : cellText(get(H, row, "Person")).trim();
        hours.push({ r, date: d.date, year: d.year, hours: h, rate, municipality, post, person });
      } else leftOut.hours++;
    });
  }

  // --- Forklaringer ---
  const explanations = new Map<string, string>();
  const F = found.explanations;
  if (F) {
    F.table.rows.forEach((row, r) => {
      if (blankRow(row)) return;
      let ok = !flagged(F, r, ["Post", "År", "Forklaring"]);
      const postV = get(F, row, "Post");
      const p = postByKey.get(keyOf(postV));
      if (issue(F, r, "Post")) ok = false;
      else if (isBlank(postV) || p === undefined) {
        out.add("KBR-E-EXPLAIN-POST-UNKNOWN", at(F, r, "Post"), { value: postV });
        ok = false;
      }
      const yV = get(F, row, "År");
      const year = typeof yV === "number" && Number.isInteger(yV) ? String(yV) : "";
      if (issue(F, r, "År")) ok = false;
      else if (!yearSet.has(year)) {
        out.add("KBR-E-EXPLAIN-YEAR-BAD", at(F, r, "År"), { value: yV, list: yearList });
        ok = false;
      }
      const textV = get(F, row, "Forklaring");
      if (issue(F, r, "Forklaring")) ok = false;
      else if (isBlank(textV)) {
        out.add("KBR-E-EXPLAIN-TEXT-BLANK", at(F, r, "Forklaring"));
        ok = false;
      }
      if (!ok || p === undefined) {
        leftOut.explanations++;
        return;
      }
      // The first explanation of a post and year is the one shown (as INDEX/MATCH finds it).
      const key = `${p}|${year}`;
      // As the sheet's TRIM shows it: no surrounding spaces, a run of spaces as one.
      if (!explanations.has(key)) explanations.set(key, cellText(textV).replace(/ +/g, " ").trim());
    });
  }

  if (!params) return { followUp: null, findings: out.done() };

  // --- Rapportdato ---
  // The latest date of the valid rows: Rapportdato's default (a bad row's date does not move the status).
  let latest: string | null = null;
  for (const x of [...ledger, ...hours]) if (latest === null || x.date > latest) latest = x.date;
  let asOf = params.reportDate;
  let asOfSource: FollowUp["asOfSource"] = "parameter";
  if (!asOf) {
    asOf = latest;
    asOfSource = asOf === null ? "none" : "latest";
  }
  const counts = (x: { date: string }) => asOf !== null && x.date <= asOf;

  // --- sums ---
  const sums = (n: number) => Array.from({ length: n }, () => Object.fromEntries(years.map((y) => [y, new ExactSum()])) as Record<string, ExactSum>);
  const postActual = sums(posts.length);
  const sourceReceived = sums(sources.length);
  const paid = sums(model.municipalities.length);
  const mHours = sums(model.municipalities.length);
  const mValue = sums(model.municipalities.length);
  const [otherHours, otherValue, allHoursValue] = sums(3);
  for (const x of ledger) {
    if (!counts(x)) continue;
    if (x.post !== undefined) postActual[x.post][x.year].addNumber(x.amount);
    if (x.source !== undefined) sourceReceived[x.source][x.year].addNumber(x.amount);
    if (x.municipality !== undefined) paid[x.municipality][x.year].addNumber(x.amount);
  }
  for (const x of hours) {
    if (!counts(x)) continue;
    if (x.post !== undefined) postActual[x.post][x.year].addProduct(x.hours, x.rate);
    allHoursValue[x.year].addProduct(x.hours, x.rate);
    if (x.municipality !== undefined) {
      mHours[x.municipality][x.year].addNumber(x.hours);
      mValue[x.municipality][x.year].addProduct(x.hours, x.rate);
    } else {
      otherHours[x.year].addNumber(x.hours);
      otherValue[x.year].addProduct(x.hours, x.rate);
    }
  }
  sources.forEach((s, i) => {
    // An Egeninnsats source has received the value of all Timer rows (docs/followup.md).
    if (s.kind === "Egeninnsats") for (const y of years) sourceReceived[i][y] = allHoursValue[y];
  });

  const limitKr = exact(params.limitKr);
  const limitShare = exact(params.limitShare);
  const costs: FollowUpCost[] = [];
  const costRefs = refs.costs;
  posts.forEach((p, i) => {
    for (const y of years) {
      const actualOre = toOre(postActual[i][y].value());
      const budget = p.budget[y];
      const dev = sub(fromOre(actualOre), budget);
      const isFlagged = !isZero(dev) && (cmp(abs(dev), limitKr) >= 0 || (!isZero(budget) && cmp(abs(dev), mul(limitShare, abs(budget))) >= 0));
      const explanation = explanations.get(`${i}|${y}`) ?? null;
      const budgetN = toNumber(budget);
      const devN = toNumber(dev);
      costs.push({
        post: p.label,
        kind: p.kind,
        year: y,
        budget: budgetN,
        actual: oreToKr(actualOre),
        deviation: devN,
        deviationShare: isZero(budget) ? null : devN / budgetN,
        flagged: isFlagged,
        explained: explanation !== null,
        explanation,
      });
      if (isFlagged && explanation === null) {
        const c = costRefs.years[y]?.index;
        const where = c === undefined ? tableWhere(costRefs.table) : cellWhere(costRefs.table, p.row, c, y);
        out.add("KBR-W-DEVIATION-UNEXPLAINED", where, { name: p.label, year: y, a: oreToKr(actualOre), b: budgetN });
      }
    }
  });

  const financing: FollowUpFinancing[] = [];
  sources.forEach((s, i) => {
    for (const y of years) financing.push({ source: s.label, kind: s.kind, year: y, planned: toNumber(s.budget[y]), received: oreToKr(toOre(sourceReceived[i][y].value())) });
  });

  const municipalities: FollowUpPayment[] = [];
  const inKind: FollowUpInKind[] = [];
  const mt = refs.municipalities.table;
  const cName = refs.municipalities.columns.Kommune.index;
  model.municipalities.forEach((m, i) => {
    const c = computed.contributions[i];
    for (const y of years) {
      const paidOre = toOre(paid[i][y].value());
      municipalities.push({ name: m.name, year: y, due: c.contributions[y], paid: oreToKr(paidOre) });
      inKind.push({ name: m.name, year: y, planned: c.inKind[y], hours: toNumber(mHours[i][y].value()), value: oreToKr(toOre(mValue[i][y].value())) });
      // A year is due once its 31 December is before Rapportdato.
      if (asOf !== null && `${y}-12-31` < asOf && cmp(fromOre(paidOre), exact(c.contributions[y])) < 0) {
        out.add("KBR-W-PAYMENT-SHORT", cellWhere(mt, i, cName, "Kommune"), { name: m.name, year: y, a: oreToKr(paidOre), b: c.contributions[y] });
      }
    }
  });
  const others = years.map((y) => ({ year: y, hours: toNumber(otherHours[y].value()), value: oreToKr(toOre(otherValue[y].value())) }));

  // --- rows up to Rapportdato against the caps (warnings) ---
  if (H) {
    const maxHours = exact(params.maxHours);
    /** Person and year -> hours so far, then (second pass) the running sum. */
    const personKey = (x: HoursRow) => `${keyOf(x.person)}|${x.year}`;
    const totals = new Map<string, ExactSum>();
    for (const x of hours) {
      if (!counts(x)) continue;
      // Doubles compare as the decimals they show do (the order is the same), so no Exact here.
      if (x.rate > params.maxRate) out.add("KBR-W-HOURS-RATE-HIGH", at(H, x.r, "Timesats"), { a: x.rate, b: params.maxRate });
      if (x.person) {
        const k = personKey(x);
        let t = totals.get(k);
        if (!t) totals.set(k, (t = new ExactSum()));
        t.addNumber(x.hours);
      }
    }
    // Named at the row where the person's running total passes the cap.
    const over = new Map<string, Exact>();
    for (const [k, t] of totals) if (cmp(t.value(), maxHours) > 0) over.set(k, t.value());
    const running = new Map<string, Exact>();
    for (const x of hours) {
      if (over.size === 0) break;
      if (!counts(x) || !x.person) continue;
      const k = personKey(x);
      const total = over.get(k);
      if (!total) continue;
      const before = running.get(k) ?? ZERO;
      const now = add(before, exact(x.hours));
      running.set(k, now);
      if (cmp(before, maxHours) <= 0 && cmp(now, maxHours) > 0) {
        out.add("KBR-W-HOURS-PERSON-MAX", at(H, x.r, "Person"), { name: x.person, year: x.year, a: toNumber(total), b: params.maxHours });
      }
    }
  }

  // --- external grants received against the actual costs, all years up to Rapportdato ---
  {
    let grants = 0n;
    let actual = 0n;
    for (const f of financing) if (f.kind === "Tilskudd") grants += toOre(exact(f.received));
    for (const c of costs) actual += toOre(exact(c.actual));
    if (grants > 0n && 2n * grants > actual && asOf !== null) {
      const where = L ? tableWhere(L.table) : { table: "Regnskap" };
      out.add("KBR-W-GRANTS-RECEIVED-OVER-HALF", where, {
        name: asOf,
        a: oreToKr(grants),
        b: oreToKr(actual),
        expected: actual === 0n ? 1 : Number(grants) / Number(actual),
      });
    }
  }

  return {
    followUp: {
      asOf,
      asOfSource,
      latest,
      params,
      costs,
      financing,
      municipalities,
      inKind,
      others,
      leftOut,
      tables: present,
    },
    findings: out.done(),
  };
}
