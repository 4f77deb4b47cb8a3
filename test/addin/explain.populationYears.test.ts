/** My municipality's explanation with populations per year: each year's own basis and sum. */
import { build } from "../../src/core/engine";
import { basisDiffersByYear, explainMunicipality } from "../../src/taskpane/explain";
import { example, table } from "../core/engine.helpers";

/** The example with its own population column for 2011: every municipality 1000 more. */
const perYear = () =>
  example((t) => {
    const k = table(t, "Kommuner");
    k.headers.push("Innbyggere 2011");
    k.rows.forEach((r) => r.push((r[1] as number) + 1000));
  });

describe("explaining a municipality with populations per year", () => {
  const r = build(perYear());
  const me = r.contributions[0];
  const P2011 = r.contributions.reduce((s, c) => s + c.populationByYear["2011"], 0);

  it("tells the basis differs only when it does", () => {
    expect(basisDiffersByYear(r)).toBe(true);
    expect(basisDiffersByYear(build(example()))).toBe(false);
  });

  it.each(["nb-NO", "en-US"] as const)("gives 2011 its own line with its own population and sum (%s)", (locale) => {
    const { contribution } = explainMunicipality(r, me.name, locale);
    expect(contribution.map((g) => g.years)).toEqual(["2009–2010", "2011"]);
    const fmt = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(x).replace(/\s/g, "\u00a0");
    const line2011 = contribution[1].lines[1];
    expect(line2011).toContain(`× ${fmt(me.populationByYear["2011"])} / ${fmt(P2011)}`);
    expect(contribution[0].lines[1]).toContain(`× ${fmt(me.population)} / `);
  });
});
