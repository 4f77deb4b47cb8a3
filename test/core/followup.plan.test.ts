import { ALLOWED_FUNCTIONS } from "../../src/core/plans/formulas";
import { followUp } from "../../src/core/followup";
import { compute } from "../../src/core/model/compute";
import { readModel } from "../../src/core/model/read";
import { planFollowUp } from "../../src/core/plans/followup";
import { build } from "../../src/core/engine";
import type { SheetPlan, TableData } from "../../src/core/workbook/types";
import { table } from "./engine.helpers";
import { day, EGEN_POST, HUS, PL, PLAN_CASE as CASE, planTables, type FollowUpTables } from "./followup.helpers";
import { PlanEvaluator } from "./plans.evaluator";


function planOf(tables: TableData[]) {
  const read = readModel(tables);
  const computed = compute(read.model!);
  const f = followUp(tables, read.model!, read.refs!, computed)!.followUp!;
  return { f, plan: planFollowUp(tables, read.model!, read.refs!, f) };
}

/** The other generated sheets of `tables` (the Oppfølging sheet refers to Kommunebidrag's cells). */
const othersOf = (tables: TableData[]) => build(tables).plans;

const close = (a: unknown, b: unknown) =>
  typeof a === "number" && typeof b === "number" ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)) : a === b;

/** Every formula cell evaluated over `tables`, against what `expectedFrom` says it must show. */
function mismatches(plan: SheetPlan, tables: TableData[], expectedFrom: SheetPlan = plan): string[] {
  const ev = new PlanEvaluator(plan, tables, othersOf(tables));
  const want = new Map(expectedFrom.cells.map((c) => [`${c.row},${c.col}`, c]));
  const out: string[] = [];
  for (const c of plan.cells) {
    if (!c.formula) continue;
    const got = ev.cell(c.row, c.col);
    const w = want.get(`${c.row},${c.col}`)!;
    const expected = w.formula ? w.expected : w.value;
    if (!close(got, expected)) out.push(`${c.row},${c.col} ${c.formula}: got ${String(got)}, expected ${String(expected)}`);
  }
  return out;
}

describe("the Oppfølging sheet plan", () => {
  it("its formulas, recalculated, give the engine's figures (bad rows left out)", () => {
    for (const params of [[], [["Rapportdato", day("2009-12-01")], ["Avviksgrense kr", 100_000], ["Avviksgrense %", 0.5]]]) {
      const tables = planTables({ ...CASE, params });
      const { plan } = planOf(tables);
      expect(mismatches(plan, tables)).toEqual([]);
      expect(plan.cells.filter((c) => c.formula).length).toBeGreaterThan(100);
    }
  });

  it("shows the figures of the model", () => {
    const tables = planTables(CASE);
    const { f, plan } = planOf(tables);
    const values = new Set(plan.cells.map((c) => (c.formula ? c.expected : c.value)));
    for (const c of f.costs) expect(values).toContain(c.actual);
    expect(values).toContain(1_605_445.98);
    expect(values).toContain("!");
    // Prosjektledelse 2009 is flagged but explained: no mark; Husleie 2010's blank explanation is none.
    const row = (post: string, year: number | string) => plan.cells.find((c) => c.col === 0 && c.value === post && plan.cells.some((d) => d.row === c.row && d.col === 1 && d.value === year))!.row;
    const mark = (r: number) => plan.cells.find((c) => c.row === r && c.col === 6)!.expected;
    expect(mark(row(PL, 2009))).toBe("");
    expect(mark(row(HUS, 2010))).toBe("!");
    expect(mark(row(EGEN_POST, 2009))).toBe("!");
    // Other participants' hours have rows of their own in the in-kind table, and count in its Sum.
    const at = (r: number, col: number) => plan.cells.find((c) => c.row === r && c.col === col);
    const others = row("Andre deltagere", 2010);
    expect([at(others, 3)?.expected, at(others, 4)?.expected]).toEqual([f.others.find((o) => o.year === "2010")!.hours, 5_000]);
    const sums = plan.cells.filter((c) => c.col === 0 && c.value === "Sum").map((c) => c.row);
    const inKindSum2010 = sums.find((r) => at(r, 1)?.value === 2010)!;
    const municipal = f.inKind.filter((m) => m.year === "2010").reduce((a, m) => a + m.value, 0);
    expect(at(inKindSum2010, 4)?.expected).toBeCloseTo(municipal + 5_000, 2);
    // Each Art over all years.
    const art = row("Ekstern", "I alt");
    expect(at(art, 3)?.expected).toBeCloseTo(f.costs.filter((c) => c.kind === "Ekstern").reduce((a, c) => a + c.actual, 0), 2);
  });

  it("follows an edited ledger row, an added hour row and a new Rapportdato", () => {
    const tables = planTables({ ...CASE, params: [["Rapportdato", day("2010-02-01")]] });
    const { plan } = planOf(tables);
    const edited = planTables({
      ...CASE,
      ledger: [...CASE.ledger!.slice(1), [day("2009-06-01"), PL, 0.05]],
      hours: [...CASE.hours!, [day("2009-05-08"), "Rollag", 3.3, 333.33]],
      params: [["Rapportdato", day("2009-06-29")]],
    });
    // The old plan's formulas over the edited tables give what a plan made from them expects…
    const fresh = planOf(edited).plan;
    expect(mismatches(plan, edited, fresh)).toEqual([]);
    // …which is not what the old plan expected (the edits do change the figures).
    expect(mismatches(plan, edited).length).toBeGreaterThan(5);
  });

  it("takes the contributions due and the planned in-kind shares from Kommunebidrag: they follow Kommuner", () => {
    const tables = planTables(CASE);
    const { plan } = planOf(tables);
    expect(plan.cells.filter((c) => c.formula?.startsWith("='Kommunebidrag'!")).length).toBe(2 * 7 * 3);
    const edited = planTables(CASE, (t) => {
      const k = table(t, "Kommuner");
      k.rows[3][1] = 30_000;
      k.rows[1][2] = 0.2;
      k.rows[2][2] = 0.15;
    });
    expect(mismatches(plan, edited, planOf(edited).plan)).toEqual([]);
    expect(mismatches(plan, edited).length).toBeGreaterThan(5);
  });

  it("Rapportdato's default is the latest valid row's date: later bad rows do not move it, on the sheet as in the engine", () => {
    const late: FollowUpTables = {
      ...CASE,
      ledger: [...CASE.ledger!, [day("2011-11-30"), "Kaffe", 1], [day("2011-12-01"), PL, 1, "Oslo"], [day("2011-12-02"), HUS, "mye"], [day("2011-12-03"), EGEN_POST, 1]],
      hours: [...CASE.hours!, [day("2011-12-04"), "Tinn", 1, 800, null, PL], [day("2011-12-05"), "Tinn", "x", 800]],
    };
    const tables = planTables(late);
    const { f, plan } = planOf(tables);
    expect(f.asOf).toBe(planOf(planTables(CASE)).f.asOf);
    expect(mismatches(plan, tables)).toEqual([]);
    // A valid row later still moves it, live: the old plan's formulas over the new tables give the new figures.
    const moved = planTables({ ...late, ledger: [...late.ledger!, [day("2011-12-06"), PL, 99, "Tinn"]] });
    expect(planOf(moved).f.asOf).toBe("2011-12-06");
    expect(mismatches(plan, moved, planOf(moved).plan)).toEqual([]);
  });

  it("reads Parametere as the engine does: blank rows take the default, labels with spaces are found, a row added later counts", () => {
    for (const params of [
      [["Rapportdato", null], ["Avviksgrense kr", null], ["Avviksgrense %", ""]],
      [["  Rapportdato ", day("2009-12-01")], ["avviksgrense  KR", 100_000], [" Avviksgrense %", 0.5]],
    ]) {
      const tables = planTables({ ...CASE, params });
      const { plan } = planOf(tables);
      expect(mismatches(plan, tables)).toEqual([]);
    }
    // Built without the rows, then the user adds them: the sheet follows without a rebuild.
    const { plan } = planOf(planTables(CASE));
    const added = planTables({ ...CASE, params: [["Rapportdato", day("2009-12-01")], ["Avviksgrense kr", 100_000], ["Avviksgrense %", 0.5]] });
    expect(mismatches(plan, added, planOf(added).plan)).toEqual([]);
    expect(mismatches(plan, added).length).toBeGreaterThan(5);
  });

  it("matches names as Excel's TRIM and MATCH do: wildcards are literal, a non-breaking space is not a space, a value of spaces is blank", () => {
    const odd: FollowUpTables = {
      ...CASE,
      ledger: [
        ...CASE.ledger!,
        [day("2009-08-01"), "Prosjekt*", 11],
        [day("2009-08-02"), "Prosjektledelse\u00a0", 13],
        [day("2009-08-03"), "Kommunene (direkte)", 17, "Tinn\u00a0"],
        [day("2009-08-04"), "Prosjektledelse", 19, "T?nn"],
      ],
      hours: [...CASE.hours!, [day("2009-08-05"), "K?ngsberg", 2, 500], [day("2009-08-06"), "Tinn\u00a0", 3, 500]],
      params: [["Avviksgrense kr", "   "], ["Rapportdato", " "]],
    };
    const tables = planTables(odd);
    const { f, plan } = planOf(tables);
    const r = build(tables);
    // The engine leaves the odd ledger rows out and names them; the odd Timer names are other participants.
    expect(r.findings.filter((x) => x.where.table === "Regnskap" && (x.where.tableRow ?? 0) > CASE.ledger!.length).length).toBe(4);
    expect(f.params.limitKr).toBe(50_000);
    expect(mismatches(plan, tables)).toEqual([]);
  });

  it("Timer without a Post column: its hours go to the one in-kind post, and with two to none, as in the engine", () => {
    for (const two of [false, true]) {
      const tables = planTables(CASE, (t) => {
        const timer = table(t, "Timer");
        const post = timer.headers.indexOf("Post");
        timer.headers.splice(post, 1);
        for (const r of timer.rows) r.splice(post, 1);
        if (two) table(t, "Kostnader").rows.push(["Egeninnsats, annen", "Egeninnsats", 1000, 1000, 1000]);
      });
      const { f, plan } = planOf(tables);
      const inKind = f.costs.filter((c) => c.kind === "Egeninnsats").reduce((a, c) => a + c.actual, 0);
      expect(inKind > 0).toBe(!two);
      expect(mismatches(plan, tables)).toEqual([]);
    }
  });

  it("counts the rows left out live: a row made bad after the build is counted without a rebuild", () => {
    const tables = planTables(CASE);
    const { f, plan } = planOf(tables);
    const cell = plan.cells.find((c) => c.formula?.startsWith('="Regnskap "&'))!;
    expect(cell.expected).toBe(`Regnskap ${f.leftOut.ledger}, Timer ${f.leftOut.hours}, Forklaringer ${f.leftOut.explanations}`);
    const worse = planTables({
      ...CASE,
      ledger: [...CASE.ledger!, [day("2009-07-01"), PL, 5, "Oslo"], [null, null, null, null, "bare tekst"]],
      explanations: [...CASE.explanations!, [PL, "2009", "År som tekst"]],
    });
    const after = planOf(worse).f.leftOut;
    expect([after.ledger, after.explanations]).toEqual([f.leftOut.ledger + 2, f.leftOut.explanations + 1]);
    expect(new PlanEvaluator(plan, worse, othersOf(worse)).cell(cell.row, cell.col)).toBe(`Regnskap ${after.ledger}, Timer ${after.hours}, Forklaringer ${after.explanations}`);
  });

  it("uses only functions both Excel and LibreOffice know", () => {
    const { plan } = planOf(planTables(CASE));
    const used = new Set(plan.cells.flatMap((c) => [...(c.formula ?? "").matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])));
    expect([...used].filter((fn) => !(ALLOWED_FUNCTIONS as readonly string[]).includes(fn))).toEqual([]);
  });
});
