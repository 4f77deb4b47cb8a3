/**
 * KBR.SPLIT and KBR.RESOURCE_SHARE as Excel calls them (matrix arguments, null for omitted
 * optional arguments), with stand-ins for the CustomFunctions and Office globals.
 */
import { MAX_WEIGHTS, split } from "../../src/core/allocation";
import { PLAN_TOTALS_2009, REGION_2009 } from "../../src/core/region2009";
import { kbrResourceShare, kbrSplit } from "../../src/functions/functions";
import { messages } from "../../src/functions/messages";
import { excelErrorOf, FakeExcelError, installCustomFunctions, setDisplayLanguage } from "./fake-office";

const POPULATIONS = REGION_2009.map((m) => m.population);
const column = (values: unknown[]): unknown[][] => values.map((v) => [v]);
const row = (values: unknown[]): unknown[][] => [values];

beforeAll(() => installCustomFunctions());
beforeEach(() => setDisplayLanguage("en-US"));
afterAll(() => setDisplayLanguage(undefined));

interface BadCase {
  name: string;
  call: () => unknown;
  code: string;
  en: string;
  nb: string;
}

const BAD: BadCase[] = [
  {
    name: "text in a column",
    call: () => kbrSplit(column([1619, "mange", 12232])),
    code: "#VALUE!",
    en: 'populations, row 2: "mange" is text, not a number.',
    nb: "populations, rad 2: «mange» er tekst, ikke et tall.",
  },
  {
    name: "text in a row names the column",
    call: () => kbrSplit(row([1, 2, "3 000"])),
    code: "#VALUE!",
    en: 'populations, column 3: "3 000" is text, not a number.',
    nb: "populations, kolonne 3: «3 000» er tekst, ikke et tall.",
  },
  {
    name: "blank cell (empty string)",
    call: () => kbrSplit(column([1, 2, 3, ""])),
    code: "#VALUE!",
    en: "populations, row 4: the cell is blank; enter the population (0 if none).",
    nb: "populations, rad 4: cellen er tom; skriv innbyggertallet (0 hvis ingen).",
  },
  {
    name: "blank cell (null)",
    call: () => kbrSplit(row([null, 2])),
    code: "#VALUE!",
    en: "populations, column 1: the cell is blank; enter the population (0 if none).",
    nb: "populations, kolonne 1: cellen er tom; skriv innbyggertallet (0 hvis ingen).",
  },
  {
    name: "logical value",
    call: () => kbrSplit(column([5, true])),
    code: "#VALUE!",
    en: "populations, row 2: TRUE is a logical value, not a number.",
    nb: "populations, rad 2: SANN er en sannhetsverdi, ikke et tall.",
  },
  {
    name: "error value in a cell",
    call: () => kbrSplit(column([5, 6, new FakeExcelError("#N/A")])),
    code: "#VALUE!",
    en: "populations, row 3: the cell holds an error value or a data type, not a number.",
    nb: "populations, rad 3: cellen inneholder en feilverdi eller en datatype, ikke et tall.",
  },
  {
    name: "ragged range: a longer row",
    call: () => kbrSplit([[1619], [6066], [12232, 23997]]),
    code: "#VALUE!",
    en: "populations, row 3: 2 cells, but row 1 has 1; give one column or one row.",
    nb: "populations, rad 3: 2 celler, men rad 1 har 1; gi én kolonne eller én rad.",
  },
  {
    name: "ragged range: a shorter row",
    call: () => kbrSplit([[1619, 6066], [12232]]),
    code: "#VALUE!",
    en: "populations, row 2: 1 cell, but row 1 has 2; give one column or one row.",
    nb: "populations, rad 2: 1 celle, men rad 1 har 2; gi én kolonne eller én rad.",
  },
  {
    name: "ragged range: an empty row",
    call: () => kbrSplit([[1619], []]),
    code: "#VALUE!",
    en: "populations, row 2: 0 cells, but row 1 has 1; give one column or one row.",
    nb: "populations, rad 2: 0 celler, men rad 1 har 1; gi én kolonne eller én rad.",
  },
  {
    name: "scalar text (one cell passed as a value)",
    call: () => kbrSplit("mange" as unknown as unknown[][]),
    code: "#VALUE!",
    en: 'populations, row 1: "mange" is text, not a number.',
    nb: "populations, rad 1: «mange» er tekst, ikke et tall.",
  },
  {
    name: "scalar error value (one cell passed as a value)",
    call: () => kbrSplit(new FakeExcelError("#REF!") as unknown as unknown[][]),
    code: "#VALUE!",
    en: "populations, row 1: the cell holds an error value or a data type, not a number.",
    nb: "populations, rad 1: cellen inneholder en feilverdi eller en datatype, ikke et tall.",
  },
  {
    name: "weights: an error value as a share",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 0.5], ["Rollag", new FakeExcelError("#DIV/0!")]]),
    code: "#VALUE!",
    en: "weights, row 2: the share cell holds an error value or a data type, not a number.",
    nb: "weights, rad 2: andelscellen inneholder en feilverdi eller en datatype, ikke et tall.",
  },
  {
    name: "weights: an error value as a name",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 0.5], [new FakeExcelError("#N/A"), 0.5]]),
    code: "#VALUE!",
    en: "weights, row 2: the name cell holds an error value or a data type, not a municipality name.",
    nb: "weights, rad 2: navnecellen inneholder en feilverdi eller en datatype, ikke et kommunenavn.",
  },
  {
    name: "municipality: one error cell",
    call: () => kbrResourceShare([[new FakeExcelError("#N/A")]]),
    code: "#VALUE!",
    en: "municipality, row 1: the cell holds an error value or a data type, not a municipality name.",
    nb: "municipality, rad 1: cellen inneholder en feilverdi eller en datatype, ikke et kommunenavn.",
  },
  {
    name: "negative population",
    call: () => kbrSplit(column([100, -5])),
    code: "#NUM!",
    en: "populations, row 2: -5 is negative; populations must be 0 or more.",
    nb: "populations, rad 2: -5 er negativt; innbyggertall må være 0 eller mer.",
  },
  {
    name: "not a finite number",
    call: () => kbrSplit(column([Infinity])),
    code: "#NUM!",
    en: "populations, row 1: Infinity is not a finite number.",
    nb: "populations, rad 1: Infinity er ikke et endelig tall.",
  },
  {
    name: "2-D block",
    call: () => kbrSplit([
      [1, 2],
      [3, 4],
      [5, 6],
    ]),
    code: "#VALUE!",
    en: "populations must be one column or one row, not 3 rows × 2 columns.",
    nb: "populations må være én kolonne eller én rad, ikke 3 rader × 2 kolonner.",
  },
  {
    name: "empty range",
    call: () => kbrSplit([]),
    code: "#VALUE!",
    en: "populations is empty: give at least one cell.",
    nb: "populations er tomt: gi minst én celle.",
  },
  {
    name: "too many cells",
    call: () => kbrSplit([new Array<number>(MAX_WEIGHTS + 1).fill(1)]),
    code: "#NUM!",
    en: "populations has 1,048,577 cells; at most 1,048,576 are allowed.",
    nb: "populations har 1 048 577 celler; høyst 1 048 576 er tillatt.",
  },
  {
    name: "total is text",
    call: () => kbrSplit(column(POPULATIONS), "500 000 kr"),
    code: "#VALUE!",
    en: 'total: "500 000 kr" is not a number.',
    nb: "total: «500 000 kr» er ikke et tall.",
  },
  {
    name: "total past 2^53 kroner",
    call: () => kbrSplit(column(POPULATIONS), 2 ** 53),
    code: "#NUM!",
    en: "total: the amount is too large to split exactly: rounded, it must be at most 9,007,199,254,740,991 (2^53 − 1) kroner, and with decimals at most 10^15 (1,000,000,000,000,000) units of the rounding. Split the amount up, or round to fewer decimals.",
    nb: "total: beløpet er for stort til å fordeles nøyaktig: avrundet må det være høyst 9 007 199 254 740 991 (2^53 − 1) kroner, og med desimaler høyst 10^15 (1 000 000 000 000 000) enheter av avrundingen. Del beløpet opp, eller rund av til færre desimaler.",
  },
  {
    name: "total past 2^53 units at two decimals",
    call: () => kbrSplit(column(POPULATIONS), 1e14, 0.5, 2),
    code: "#NUM!",
    en: "total: the amount is too large to split exactly: rounded, it must be at most 9,007,199,254,740,991 (2^53 − 1) kroner, and with decimals at most 10^15 (1,000,000,000,000,000) units of the rounding. Split the amount up, or round to fewer decimals.",
    nb: "total: beløpet er for stort til å fordeles nøyaktig: avrundet må det være høyst 9 007 199 254 740 991 (2^53 − 1) kroner, og med desimaler høyst 10^15 (1 000 000 000 000 000) enheter av avrundingen. Del beløpet opp, eller rund av til færre desimaler.",
  },
  {
    name: "total is a logical value",
    call: () => kbrSplit(column(POPULATIONS), false),
    code: "#VALUE!",
    en: "total: FALSE is not a number.",
    nb: "total: USANN er ikke et tall.",
  },
  {
    name: "equal_share above 1",
    call: () => kbrSplit(column(POPULATIONS), 500000, 1.5),
    code: "#NUM!",
    en: "equal_share: 1.5 is outside 0–1 (0.5 means 50 % split equally).",
    nb: "equal_share: 1,5 er utenfor 0–1 (0,5 betyr 50 % likt fordelt).",
  },
  {
    name: "equal_share below 0",
    call: () => kbrSplit(column(POPULATIONS), null, -0.1),
    code: "#NUM!",
    en: "equal_share: -0.1 is outside 0–1 (0.5 means 50 % split equally).",
    nb: "equal_share: -0,1 er utenfor 0–1 (0,5 betyr 50 % likt fordelt).",
  },
  {
    name: "equal_share is text",
    call: () => kbrSplit(column(POPULATIONS), null, "50 %"),
    code: "#VALUE!",
    en: 'equal_share: "50 %" is not a number; give a share from 0 to 1 (e.g. 0.5).',
    nb: "equal_share: «50 %» er ikke et tall; gi en andel fra 0 til 1 (f.eks. 0,5).",
  },
  {
    name: "decimals not a whole number",
    call: () => kbrSplit(column(POPULATIONS), null, null, 0.5),
    code: "#NUM!",
    en: "decimals: 0.5 is not a whole number; give a whole number from -9 to 9.",
    nb: "decimals: 0,5 er ikke et heltall; gi et heltall fra -9 til 9.",
  },
  {
    name: "decimals above 9",
    call: () => kbrSplit(column(POPULATIONS), null, null, 10),
    code: "#NUM!",
    en: "decimals: 10 is outside -9 to 9.",
    nb: "decimals: 10 er utenfor -9 til 9.",
  },
  {
    name: "decimals below -9",
    call: () => kbrSplit(column(POPULATIONS), null, null, -10),
    code: "#NUM!",
    en: "decimals: -10 is outside -9 to 9.",
    nb: "decimals: -10 er utenfor -9 til 9.",
  },
  {
    name: "decimals is text",
    call: () => kbrSplit(column(POPULATIONS), null, null, "to"),
    code: "#VALUE!",
    en: 'decimals: "to" is not a number; give a whole number from -9 to 9.',
    nb: "decimals: «to» er ikke et tall; gi et heltall fra -9 til 9.",
  },
  {
    name: "detail is text",
    call: () => kbrSplit(column(POPULATIONS), null, null, null, "ja"),
    code: "#VALUE!",
    en: 'detail: "ja" is not TRUE or FALSE.',
    nb: "detail: «ja» er ikke SANN eller USANN.",
  },
  {
    name: "detail is a number",
    call: () => kbrSplit(column(POPULATIONS), null, null, null, 1),
    code: "#VALUE!",
    en: "detail: 1 is not TRUE or FALSE.",
    nb: "detail: 1 er ikke SANN eller USANN.",
  },
  {
    name: "populations add up to 0 with equal_share < 1",
    call: () => kbrSplit(column([0, 0, 0]), 1000, 0.5),
    code: "#DIV/0!",
    en: messages.populationsSumZero["en-US"],
    nb: messages.populationsSumZero["nb-NO"],
  },
  {
    name: "unknown municipality",
    call: () => kbrResourceShare([["Drammen"]]),
    code: "#N/A",
    en: 'municipality: "Drammen" is not a known municipality (known: Hjartdal, Tinn, Notodden, Kongsberg, Flesberg, Rollag, Nore og Uvdal).',
    nb: "municipality: «Drammen» er ikke en kjent kommune (kjente: Hjartdal, Tinn, Notodden, Kongsberg, Flesberg, Rollag, Nore og Uvdal).",
  },
  {
    name: "municipality is a number",
    call: () => kbrResourceShare([[42]]),
    code: "#VALUE!",
    en: "municipality, row 1: 42 is not a municipality name.",
    nb: "municipality, rad 1: 42 er ikke et kommunenavn.",
  },
  {
    name: "municipality is blank",
    call: () => kbrResourceShare([[""]]),
    code: "#VALUE!",
    en: 'municipality is blank: give a municipality name, e.g. "Tinn".',
    nb: 'municipality er tom: gi et kommunenavn, f.eks. "Tinn".',
  },
  {
    name: "amount is text",
    call: () => kbrResourceShare([["Tinn"]], "mye"),
    code: "#VALUE!",
    en: 'amount: "mye" is not a number.',
    nb: "amount: «mye» er ikke et tall.",
  },
  {
    name: "weights with three columns",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 6066, 0.15]]),
    code: "#VALUE!",
    en: "weights must have two columns (municipality, share), not 3.",
    nb: "weights må ha to kolonner (kommune, andel), ikke 3.",
  },
  {
    name: "weights share is text",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 0.5], ["Rollag", "halve"]]),
    code: "#VALUE!",
    en: 'weights, row 2: the share "halve" is not a number.',
    nb: "weights, rad 2: andelen «halve» er ikke et tall.",
  },
  {
    name: "weights share above 1",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 1.2]]),
    code: "#NUM!",
    en: "weights, row 1: the share 1.2 is outside 0–1.",
    nb: "weights, rad 1: andelen 1,2 er utenfor 0–1.",
  },
  {
    name: "weights duplicate name (case and spaces ignored)",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 0.5], ["Rollag", 0.25], [" TINN ", 0.25]]),
    code: "#VALUE!",
    en: 'weights, row 3: "TINN" already appears in row 1.',
    nb: "weights, rad 3: «TINN» står allerede i rad 1.",
  },
  {
    name: "weights name is a number",
    call: () => kbrResourceShare([["Tinn"]], null, [[2009, 0.5]]),
    code: "#VALUE!",
    en: "weights, row 1: the municipality name 2009 is not text.",
    nb: "weights, rad 1: kommunenavnet 2009 er ikke tekst.",
  },
  {
    name: "weights name missing",
    call: () => kbrResourceShare([["Tinn"]], null, [["Tinn", 0.5], ["", 0.5]]),
    code: "#VALUE!",
    en: "weights, row 2: the municipality name is missing.",
    nb: "weights, rad 2: kommunenavnet mangler.",
  },
  {
    name: "weights all blank",
    call: () => kbrResourceShare([["Tinn"]], null, [["", ""], [null, null]]),
    code: "#VALUE!",
    en: "weights has no filled-in rows.",
    nb: "weights har ingen utfylte rader.",
  },
];

describe("bad input gives the matching Excel error and a message naming argument and position", () => {
  test.each(BAD.map((c) => [c.name, c] as const))("%s (en-US)", (_name, c) => {
    setDisplayLanguage("en-US");
    expect(excelErrorOf(c.call)).toEqual({ code: c.code, message: c.en });
  });

  test.each(BAD.map((c) => [c.name, c] as const))("%s (nb-NO)", (_name, c) => {
    setDisplayLanguage("nb-NO");
    expect(excelErrorOf(c.call)).toEqual({ code: c.code, message: c.nb });
  });

  test("the first bad cell is the one reported", () => {
    expect(excelErrorOf(() => kbrSplit(column([1, -2, "x"]))).message).toBe(
      "populations, row 2: -2 is negative; populations must be 0 or more.",
    );
  });
});

describe("error values (the metadata lets them in: allowErrorForDataTypeAny)", () => {
  function thrown(fn: () => unknown): unknown {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error("expected the call to throw");
  }

  test.each([
    ["total", [new FakeExcelError("#DIV/0!")]],
    ["equal_share", [null, new FakeExcelError("#N/A")]],
    ["decimals", [null, null, new FakeExcelError("#NAME?")]],
    ["detail", [null, null, null, new FakeExcelError("#REF!")]],
  ])("an error in KBR.SPLIT's %s goes back out unchanged, as Excel's own functions pass errors on", (_name, rest) => {
    const error = rest[rest.length - 1];
    expect(thrown(() => kbrSplit(column(POPULATIONS), ...(rest as unknown[])))).toBe(error);
  });

  test("an error in KBR.RESOURCE_SHARE's amount goes back out unchanged", () => {
    const error = new FakeExcelError("#VALUE!");
    expect(thrown(() => kbrResourceShare([["Tinn"]], error))).toBe(error);
  });

  test("in a range of names, an error cell errs in its own cell, naming its row; the others still show", () => {
    setDisplayLanguage("nb-NO");
    const out = kbrResourceShare(column(["Tinn", new FakeExcelError("#N/A"), "Rollag"]));
    expect(out[0][0]).toBe(0.15);
    expect(out[1][0]).toEqual(new FakeExcelError("#VALUE!", "municipality, rad 2: cellen inneholder en feilverdi eller en datatype, ikke et kommunenavn."));
    expect(out[2][0]).toBe(0.1);
  });
});

describe("language of the messages", () => {
  const call = () => kbrSplit(column(["x"]));

  test.each([
    ["nb-NO", "nb-NO"],
    ["nb", "nb-NO"],
    ["nn-NO", "nb-NO"],
    ["no", "nb-NO"],
    ["en-GB", "en-US"],
    ["de-DE", "en-US"],
  ])("display language %s gives %s", (language, locale) => {
    setDisplayLanguage(language);
    const expected = locale === "nb-NO" ? "populations, rad 1: «x» er tekst, ikke et tall." : 'populations, row 1: "x" is text, not a number.';
    expect(excelErrorOf(call).message).toBe(expected);
  });

  test("without Office, English", () => {
    setDisplayLanguage(undefined);
    expect(excelErrorOf(call).message).toBe('populations, row 1: "x" is text, not a number.');
  });

  test("when Office.context throws, English", () => {
    (globalThis as { Office?: unknown }).Office = {
      get context(): never {
        throw new Error("Office not initialized");
      },
    };
    expect(excelErrorOf(call).message).toBe('populations, row 1: "x" is text, not a number.');
  });
});

describe("KBR.SPLIT shapes and values", () => {
  test("column in, column out: the 2009 plan's Totalt column", () => {
    expect(kbrSplit(column(POPULATIONS))).toEqual(column([...PLAN_TOTALS_2009]));
  });

  test("row in, row out", () => {
    expect(kbrSplit(row(POPULATIONS))).toEqual(row([...PLAN_TOTALS_2009]));
  });

  test("omitted optional arguments (null, undefined, empty cell) use the defaults", () => {
    const expected = column([...PLAN_TOTALS_2009]);
    expect(kbrSplit(column(POPULATIONS), null, null, null, null)).toEqual(expected);
    expect(kbrSplit(column(POPULATIONS), undefined, undefined, undefined, undefined)).toEqual(expected);
    expect(kbrSplit(column(POPULATIONS), "", "", "", "")).toEqual(expected);
    expect(kbrSplit(column(POPULATIONS), 500000, 0.5, 0, false)).toEqual(expected);
  });

  test("detail with a column: n rows × (equal, population, total), columns add up, parts add to total", () => {
    const out = kbrSplit(column(POPULATIONS), null, null, null, true);
    expect(out).toHaveLength(7);
    for (const r of out) {
      expect(r).toHaveLength(3);
      expect(r[0] + r[1]).toBe(r[2]);
    }
    const sum = (k: number) => out.reduce((s, r) => s + r[k], 0);
    expect([sum(0), sum(1), sum(2)]).toEqual([250000, 250000, 500000]);
    expect(out.map((r) => r[2])).toEqual([...PLAN_TOTALS_2009]);
  });

  test("detail with a row: 3 rows (equal, population, total) × n columns", () => {
    const out = kbrSplit(row(POPULATIONS), null, null, null, true);
    const byColumn = kbrSplit(column(POPULATIONS), null, null, null, true);
    expect(out).toHaveLength(3);
    expect(out.every((r) => r.length === 7)).toBe(true);
    // The row layout is the column layout transposed.
    expect(out).toEqual([0, 1, 2].map((k) => byColumn.map((r) => r[k])));
  });

  test("one cell gives one cell; detail gives one row of three", () => {
    expect(kbrSplit([[1234]], 1000)).toEqual([[1000]]);
    expect(kbrSplit([[1234]], 1000, 0.3, 0, true)).toEqual([[300, 700, 1000]]);
  });

  test("a single value (a host passing one cell as a scalar) is a 1×1 range", () => {
    expect(kbrSplit(1234 as unknown as unknown[][], 1000)).toEqual([[1000]]);
    expect(kbrSplit(1234 as unknown as unknown[][], 1000, 0.3, 0, true)).toEqual([[300, 700, 1000]]);
    expect(kbrSplit(0 as unknown as unknown[][], 1000, 1)).toEqual([[1000]]);
  });

  test("rows given as single values (a 1-D array) are a column", () => {
    expect(kbrSplit(POPULATIONS as unknown as unknown[][])).toEqual(column([...PLAN_TOTALS_2009]));
  });

  test("the arguments reach the core rule: same result as split() with the same options", () => {
    const weights = [3, 0, 7, 11, 2.5, 0.125];
    const options = { total: 750000, equalShare: 0.3, decimals: 2 };
    expect(kbrSplit(column(weights), 750000, 0.3, 2)).toEqual(column(split(weights, options)));
    expect(kbrSplit(row(weights), 750000, 0.3, -3)).toEqual(row(split(weights, { ...options, decimals: -3 })));
  });

  test("ties go to the earlier row", () => {
    expect(kbrSplit(column([1, 1, 1]), 100, 0)).toEqual(column([34, 33, 33]));
  });

  test("all zero populations with equal_share 1 split equally", () => {
    expect(kbrSplit(column([0, 0]), 10, 1)).toEqual(column([5, 5]));
  });
});

describe("KBR.RESOURCE_SHARE", () => {
  test("the plan's Ressursandel for every municipality", () => {
    for (const m of REGION_2009) expect(kbrResourceShare([[m.name]])).toEqual([[m.resourceShare]]);
  });

  test('=KBR.RESOURCE_SHARE("Tinn"; 1250000) gives 187500', () => {
    expect(kbrResourceShare([["Tinn"]], 1250000)).toEqual([[187500]]);
  });

  test("products are exact on the shown decimals", () => {
    expect(kbrResourceShare([["Hjartdal"]], 3)).toEqual([[0.3]]);
    expect(kbrResourceShare([["Notodden"]], 0.35)).toEqual([[0.07]]);
    expect(kbrResourceShare([["Kongsberg"]], 1234567.89)).toEqual([[308641.9725]]);
  });

  test("names match ignoring case and surrounding spaces", () => {
    expect(kbrResourceShare([["  nore OG uvdal "]])).toEqual([[0.1]]);
    expect(kbrResourceShare([["KONGSBERG\u00a0"]])).toEqual([[0.25]]);
  });

  test("a range of names spills in the same shape", () => {
    expect(kbrResourceShare(column(["Tinn", "Rollag"]), 1000)).toEqual(column([150, 100]));
    expect(kbrResourceShare(row(["Tinn", "Notodden", "Kongsberg"]))).toEqual(row([0.15, 0.2, 0.25]));
  });

  test("in a range, an unknown name errs in its own cell and a blank cell stays blank", () => {
    const out = kbrResourceShare(column(["Tinn", "Oslo", ""]));
    expect(out[0]).toEqual([0.15]);
    expect(out[1][0]).toBeInstanceOf(FakeExcelError);
    expect((out[1][0] as FakeExcelError).code).toBe("#N/A");
    expect((out[1][0] as FakeExcelError).message).toContain('"Oslo"');
    expect(out[2]).toEqual([""]);
  });

  test("a number in a 2-D range of names names row and column", () => {
    const out = kbrResourceShare([
      ["Tinn", "Rollag"],
      ["Flesberg", 7],
    ]);
    expect((out[1][1] as FakeExcelError).message).toBe("municipality, row 2, column 2: 7 is not a municipality name.");
  });

  test("an error value or data type in a name cell is described, not printed as [object Object]", () => {
    const out = kbrResourceShare(column(["Tinn", { type: "Entity", text: "Tinn" }]));
    expect((out[1][0] as FakeExcelError).message).toBe("municipality, row 2: the cell holds an error value or a data type, not a municipality name.");
  });

  test("weights replace the plan's table; fully blank rows are skipped", () => {
    const weights = [
      ["Tinn", 0.6],
      [" Rollag", 0.4],
      ["", null],
    ];
    expect(kbrResourceShare(column(["tinn", "ROLLAG"]), 1000, weights)).toEqual(column([600, 400]));
    const e = excelErrorOf(() => kbrResourceShare([["Hjartdal"]], null, weights));
    expect(e).toEqual({ code: "#N/A", message: 'municipality: "Hjartdal" is not a known municipality (known: Tinn, Rollag).' });
  });
});
