/** Names compare one way (core/names.ts): NFC, case-folded, trimmed; properties over Unicode. */
import fc from "fast-check";
import { sameName as a1SameName } from "../../src/core/a1";
import { build } from "../../src/core/engine";
import { nameKey as modelNameKey } from "../../src/core/model/read";
import { foldName, nameKey, sameName } from "../../src/core/names";
import { computeResourceShare } from "../../src/functions/resource-share";
import { byId, example, setCell } from "./engine.helpers";

const NFC = "\u00c5mot"; // Å composed
const NFD = "A\u030amot"; // A + combining ring

describe("nameKey and sameName", () => {
  it("compose, fold case and (for typed names) trim", () => {
    expect(NFC).not.toBe(NFD);
    expect(nameKey(NFC)).toBe(nameKey(NFD));
    expect(nameKey("  NORE   og uvdal ")).toBe(nameKey("Nore og Uvdal"));
    expect(sameName("BUDSJETT", "Budsjett")).toBe(true);
    expect(sameName(NFD, NFC.toUpperCase())).toBe(true);
    expect(sameName("Budsjett ", "Budsjett")).toBe(false);
    // Locale-independent: the dotted capital I folds the same on every machine.
    expect(foldName("I")).toBe("i");
  });

  it("one rule: the model and the A1 helpers use it", () => {
    expect(modelNameKey).toBe(nameKey);
    expect(a1SameName).toBe(sameName);
  });

  it("a name and any normalisation, case or padding of it have one key (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }), fc.constantFrom("NFC", "NFD"), fc.constantFrom("", " ", "  \t"), fc.boolean(), (s, form, pad, upper) => {
        const t = pad + (upper ? s.toUpperCase() : s).normalize(form) + pad;
        // Upper-casing may change a name's length (ß -> SS), which Excel also treats as another name.
        if (upper && foldName(s.toUpperCase()) !== foldName(s)) return;
        expect(nameKey(t)).toBe(nameKey(s));
        expect(sameName(s.normalize(form), s)).toBe(true);
      }),
    );
  });
});

describe("names that differ only by normalisation are one name", () => {
  it("Kommuner: a duplicate finding", () => {
    const tables = example((t) => {
      setCell(t, "Kommuner", "Kommune", 0, NFC);
      setCell(t, "Kommuner", "Kommune", 1, NFD);
    });
    const r = build(tables);
    const dup = byId(r.findings, "KBR-E-NAME-DUPLICATE");
    expect(dup).toHaveLength(1);
    expect(dup[0].where.tableRow).toBe(2);
    expect(r.model).toBeNull();
  });

  it("Kommuner: NFC/NFD duplicates are found for any name (property)", () => {
    fc.assert(
      fc.property(fc.constantFrom("Åmot", "Ølen", "Bø", "Tønsberg", "Ås", "Hå", "Årdal", "Sør-Aurdal"), fc.integer({ min: 1, max: 6 }), (name, row) => {
        const tables = example((t) => {
          setCell(t, "Kommuner", "Kommune", 0, name.normalize("NFC"));
          setCell(t, "Kommuner", "Kommune", row, ` ${name.normalize("NFD").toUpperCase()}`);
        });
        const dup = byId(build(tables).findings, "KBR-E-NAME-DUPLICATE");
        expect(dup.map((f) => f.where.tableRow)).toEqual([row + 1]);
      }),
      { numRuns: 20 },
    );
  });

  it("KBR.RESOURCE_SHARE matches a decomposed name to the composed one, and refuses the two as duplicates in a table", () => {
    const weights = [
      [NFC, 0.6],
      ["Tinn", 0.4],
    ];
    expect(computeResourceShare([[NFD], [NFC.toUpperCase()]], 100, weights, "nb-NO")).toEqual([[60], [60]]);
    expect(() =>
      computeResourceShare(NFC, 100, [
        [NFC, 0.5],
        [NFD, 0.5],
      ], "nb-NO"),
    ).toThrow(/rad 2|row 2/);
  });
});
