/**
 * The follow-up's sums against an independent oracle: random ledgers and hour sheets whose
 * amounts are whole øre (and hours whole hundredths), summed here in integers per post, source,
 * municipality and year, with Rapportdato cutting off rows, and compared with followUp().
 */
import fc from "fast-check";
import { followUp } from "../../src/core/followup";
import { compute } from "../../src/core/model/compute";
import { readModel } from "../../src/core/model/read";
import type { TableData } from "../../src/core/workbook/types";
import { DIRECT, EGEN_POST, EGEN_SOURCE, followUpTables, GRANTS, HUS, PL, type Row } from "./followup.helpers";

const POSTS = [PL, HUS, GRANTS, DIRECT];
const MUNICIPALITIES = ["Hjartdal", "Tinn", "Notodden", "Kongsberg", "Flesberg", "Rollag", "Nore og Uvdal"];
const WHO = [...MUNICIPALITIES, "Nabo AS"];
const YEARS = ["2009", "2010", "2011"];

/** A day of the budget years, as the ISO text and a Date. */
const dayArb = fc.record({ y: fc.constantFrom(...YEARS), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
const ledgerArb = fc.record({
  date: dayArb,
  post: fc.constantFrom(...POSTS),
  ore: fc.oneof(fc.integer({ min: -10_000_000, max: 100_000_000 }), fc.constantFrom(10, 20, 1, -1, 5)),
  who: fc.constantFrom(...MUNICIPALITIES),
});
const hoursArb = fc.record({
  date: dayArb,
  who: fc.constantFrom(...WHO),
  /** Hours in hundredths, rate in øre: the product is in units of 1/10 000 kr. */
  hc: fc.integer({ min: -800, max: 100_000 }),
  ro: fc.integer({ min: 0, max: 120_000 }),
});

const iso = (s: string) => new Date(`${s}T00:00:00Z`);

/** Half away from zero, from units of 1/10 000 kr to øre, in BigInt (independent of exact.ts). */
function roundToOre(units: bigint): bigint {
  const neg = units < 0n;
  const a = neg ? -units : units;
  const q = (a + 50n) / 100n;
  return neg ? -q : q;
}

function run(tables: TableData[]) {
  const read = readModel(tables);
  if (!read.model || !read.refs) throw new Error(read.findings.map((f) => f.message["en-US"]).join("\n"));
  const computed = compute(read.model);
  const r = followUp(tables, read.model, read.refs, computed);
  if (!r?.followUp) throw new Error("no follow-up");
  return r.followUp;
}

describe("follow-up sums against an independent oracle", () => {
  it("per post, source, municipality and year, up to Rapportdato, to the øre", () => {
    fc.assert(
      fc.property(fc.array(ledgerArb, { maxLength: 60 }), fc.array(hoursArb, { maxLength: 40 }), fc.option(dayArb, { nil: undefined }), (ledger, hours, asOfParam) => {
        const ledgerRows: Row[] = ledger.map((l) => [iso(l.date), l.post, l.ore / 100, l.post === DIRECT ? l.who : null]);
        const hourRows: Row[] = hours.map((h) => [iso(h.date), h.who, h.hc / 100, h.ro / 100]);
        const f = run(followUpTables({ ledger: ledgerRows, hours: hourRows, params: asOfParam ? [["Rapportdato", iso(asOfParam)]] : [] }));

        const dates = [...ledger.map((l) => l.date), ...hours.map((h) => h.date)];
        const asOf = asOfParam ?? (dates.length ? dates.reduce((a, b) => (a > b ? a : b)) : null);
        expect(f.asOf).toBe(asOf);
        const counts = (d: string) => asOf !== null && d <= asOf;

        for (const y of YEARS) {
          const ledgerSum = (pred: (l: (typeof ledger)[number]) => boolean) => {
            let s = 0n;
            for (const l of ledger) if (counts(l.date) && l.date.startsWith(y) && pred(l)) s += BigInt(l.ore);
            return Number(s) / 100;
          };
          const hourUnits = (pred: (h: (typeof hours)[number]) => boolean) => {
            let s = 0n;
            for (const h of hours) if (counts(h.date) && h.date.startsWith(y) && pred(h)) s += BigInt(h.hc) * BigInt(h.ro);
            return s;
          };
          for (const post of [PL, HUS]) expect(f.costs.find((c) => c.post === post && c.year === y)!.actual).toBe(ledgerSum((l) => l.post === post));
          const allValue = Number(roundToOre(hourUnits(() => true))) / 100;
          expect(f.costs.find((c) => c.post === EGEN_POST && c.year === y)!.actual).toBe(allValue);
          expect(f.financing.find((c) => c.source === EGEN_SOURCE && c.year === y)!.received).toBe(allValue);
          expect(f.financing.find((c) => c.source === GRANTS && c.year === y)!.received).toBe(ledgerSum((l) => l.post === GRANTS));
          expect(f.financing.find((c) => c.source === DIRECT && c.year === y)!.received).toBe(ledgerSum((l) => l.post === DIRECT));
          for (const m of MUNICIPALITIES) {
            expect(f.municipalities.find((c) => c.name === m && c.year === y)!.paid).toBe(ledgerSum((l) => l.post === DIRECT && l.who === m));
            const ik = f.inKind.find((c) => c.name === m && c.year === y)!;
            expect(ik.value).toBe(Number(roundToOre(hourUnits((h) => h.who === m))) / 100);
            let hc = 0;
            for (const h of hours) if (counts(h.date) && h.date.startsWith(y) && h.who === m) hc += h.hc;
            expect(ik.hours).toBe(hc / 100);
          }
          // The deviation is actual − budget, exactly.
          const pl = f.costs.find((c) => c.post === PL && c.year === y)!;
          expect(pl.deviation).toBe((Math.round(pl.actual * 100) - 65_000_000) / 100);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("no float drift: 30 000 rows of 0.1 and 0.2 kr add up to 4 500 kr exactly", () => {
    const ledger: Row[] = [];
    for (let i = 0; i < 15_000; i++) ledger.push([iso("2009-05-01"), PL, 0.1], [iso("2009-05-02"), PL, 0.2]);
    // The float sum drifts: the test would pass for the wrong reason without it.
    let float = 0;
    for (const r of ledger) float += r[2] as number;
    expect(float).not.toBe(4500);
    const f = run(followUpTables({ ledger }));
    expect(f.costs.find((c) => c.post === PL && c.year === "2009")!.actual).toBe(4500);
  });

  it("no float drift in hours × rate: 20 000 rows of 0.1 h at 0.3 kr are 600 kr", () => {
    const hours: Row[] = Array.from({ length: 20_000 }, () => [iso("2010-03-03"), "Tinn", 0.1, 0.3]);
    let float = 0;
    for (const r of hours) float += (r[2] as number) * (r[3] as number);
    expect(float).not.toBe(600);
    const f = run(followUpTables({ hours }));
    expect(f.inKind.find((c) => c.name === "Tinn" && c.year === "2010")).toMatchObject({ hours: 2000, value: 600 });
  });
});
