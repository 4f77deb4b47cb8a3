import { pageFor, printedPixels, splitLines, wrappedLines } from "../../src/core/plans/print";

describe("splitLines", () => {
  it("breaks at spaces within the width and keeps every word", () => {
    const text = "Beløpene per kostnadspost er illustrative: planen (22.01.2009) gir bare rammen på 1 250 000 kr";
    const lines = splitLines(text, 30);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(30);
    expect(lines.join(" ")).toBe(text);
  });

  it("gives a word longer than the width a line of its own, and nothing for blank text", () => {
    expect(splitLines("a innbyggertall b", 5)).toEqual(["a", "innbyggertall", "b"]);
    expect(splitLines("   ", 10)).toEqual([]);
  });

  it("counts the lines of a wrapped head", () => {
    expect(wrappedLines("Etter innbyggertall", 13)).toBe(2);
    expect(wrappedLines("Likt", 9)).toBe(1);
  });
});

describe("pageFor", () => {
  it("skips hidden columns when measuring and picks landscape below 80 % of a portrait page", () => {
    expect(printedPixels([10, 10, 50], [2])).toBe(150);
    const narrow = pageFor([30, 13, 13, 13], [], { from: 3, to: 3 });
    expect(narrow.orientation).toBe("portrait");
    const wide = pageFor(new Array(16).fill(11), [], { from: 5, to: 6 });
    expect(wide.orientation).toBe("landscape");
    expect(pageFor([...new Array(16).fill(11)], [...new Array(16).keys()].slice(4), { from: 0, to: 0 }).orientation).toBe("portrait");
    expect(wide).toMatchObject({ fitToWidth: 1, fitToHeight: 0, titleRows: { from: 5, to: 6 } });
  });
});
