/** The task pane's theme choice (src/taskpane/theme.ts), the dark palette in taskpane.css and its fallback. */
import { readFileSync } from "fs";
import { join } from "path";
import {
  applyLightPaletteFallback,
  applyOfficeTheme,
  contrastRatio,
  lightSide,
  parseHexColor,
  themeName,
  type PaletteRule,
  type ThemeTarget,
} from "../../src/taskpane/theme";

/** Every stylesheet taskpane.html links, in its order. */
const STYLESHEETS = ["taskpane.css", "panels.css"];
const CSS = STYLESHEETS.map((f) => readFileSync(join(__dirname, "../../src/taskpane", f), "utf8")).join("\n");

/** A <html> stand-in recording what applyOfficeTheme sets. */
function fakeRoot(): ThemeTarget & { attrs: Map<string, string>; props: Map<string, string> } {
  const attrs = new Map<string, string>();
  const props = new Map<string, string>();
  return {
    attrs,
    props,
    setAttribute: (n, v) => void attrs.set(n, v),
    removeAttribute: (n) => void attrs.delete(n),
    style: {
      setProperty: (n, v) => void props.set(n, v),
      removeProperty: (n) => {
        const old = props.get(n) ?? "";
        props.delete(n);
        return old;
      },
    },
  };
}

/** name -> value of the custom properties (and color-scheme) declared in a CSS block body. */
function declarations(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+|color-scheme)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

function blockAfter(selector: string): string {
  const start = CSS.indexOf(selector);
  expect(start).toBeGreaterThanOrEqual(0);
  const open = CSS.indexOf("{", start);
  return CSS.slice(open + 1, CSS.indexOf("}", open));
}

describe("parseHexColor", () => {
  test("reads #rrggbb, #rgb and no #; rejects anything else", () => {
    expect(parseHexColor("#262626")).toEqual([38, 38, 38]);
    expect(parseHexColor("#FfF")).toEqual([255, 255, 255]);
    expect(parseHexColor("107C41")).toEqual([16, 124, 65]);
    for (const bad of ["", "#12345", "red", "rgb(0,0,0)", "#ggg", undefined, null, 0x262626]) expect(parseHexColor(bad)).toBeNull();
  });
});

describe("themeName", () => {
  test("Excel's Black and Dark Gray themes are dark; White and Colorful are light", () => {
    expect(themeName({ bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFFFFF" })).toBe("dark");
    expect(themeName({ bodyBackgroundColor: "#444444" })).toBe("dark");
    expect(themeName({ bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000" })).toBe("light");
    expect(themeName({ bodyBackgroundColor: "#E6E6E6" })).toBe("light");
  });

  test("the luminance threshold sits where white and black text read equally well", () => {
    expect(themeName({ bodyBackgroundColor: "#737373" })).toBe("dark");
    expect(themeName({ bodyBackgroundColor: "#777777" })).toBe("light");
  });

  test("no theme, or no usable background, is null (the CSS follows the OS); isDarkTheme is the fallback", () => {
    expect(themeName(undefined)).toBeNull();
    expect(themeName(null)).toBeNull();
    expect(themeName({})).toBeNull();
    expect(themeName({ bodyBackgroundColor: "transparent" })).toBeNull();
    expect(themeName({ bodyBackgroundColor: "oops", isDarkTheme: true })).toBe("dark");
    // The colour wins over the flag: the brief's rule is luminance.
    expect(themeName({ bodyBackgroundColor: "#ffffff", isDarkTheme: true })).toBe("light");
  });
});

describe("applyOfficeTheme", () => {
  test("dark theme: sets data-theme and takes Office's readable body colours, normalised", () => {
    const root = fakeRoot();
    expect(applyOfficeTheme(root, { bodyBackgroundColor: "#262626", bodyForegroundColor: "#FFF" })).toBe("dark");
    expect(root.attrs.get("data-theme")).toBe("dark");
    expect(root.props.get("--office-body-bg")).toBe("#262626");
    expect(root.props.get("--office-body-fg")).toBe("#ffffff");
  });

  test("unreadable or palette-contradicting body colours are not used, but the theme is", () => {
    const root = fakeRoot();
    expect(applyOfficeTheme(root, { bodyBackgroundColor: "#262626", bodyForegroundColor: "#333333" })).toBe("dark");
    expect(root.attrs.get("data-theme")).toBe("dark");
    expect(root.props.size).toBe(0);
    // Dark text on a light body agrees with the light palette: kept.
    expect(applyOfficeTheme(root, { bodyBackgroundColor: "#ffffff", bodyForegroundColor: "#000000" })).toBe("light");
    expect(root.props.get("--office-body-bg")).toBe("#ffffff");
    // Black on #757575 reads at 4.56:1, but a foreground darker than a dark body contradicts the dark palette.
    expect(applyOfficeTheme(root, { bodyBackgroundColor: "#757575", bodyForegroundColor: "#000000" })).toBe("dark");
    expect(root.props.size).toBe(0);
  });

  test("no theme: the attribute and earlier colours are removed", () => {
    const root = fakeRoot();
    applyOfficeTheme(root, { bodyBackgroundColor: "#262626", bodyForegroundColor: "#ffffff" });
    expect(applyOfficeTheme(root, undefined)).toBeNull();
    expect(root.attrs.has("data-theme")).toBe(false);
    expect(root.props.size).toBe(0);
  });
});

test("the tests read the stylesheets taskpane.html links, in its order", () => {
  const html = readFileSync(join(__dirname, "../../src/taskpane/taskpane.html"), "utf8");
  expect([...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1])).toEqual(STYLESHEETS);
});

describe("taskpane.css palette", () => {
  const root = declarations(blockAfter(":root {"));
  /** One side of the palette: light-dark(a, b) gives a in light and b in dark; other values are both. */
  const side = (which: 0 | 1): Map<string, string> =>
    new Map(
      [...root].map(([k, v]) => {
        const pair = /^light-dark\(\s*([^,()]+),\s*([^,()]+)\)$/.exec(v);
        return [k, pair ? pair[1 + which].trim() : v];
      }),
    );
  const light = side(0);
  const dark = side(1);

  test("the palette is written once: Office's theme and the OS preference only choose its side", () => {
    expect(root.size).toBeGreaterThan(30);
    expect([...root.values()].filter((v) => v.includes("light-dark(")).length).toBeGreaterThan(20);
    expect(root.get("color-scheme")).toBe("light dark");
    // data-theme sets color-scheme and nothing else; no second copy of any colour anywhere.
    expect(declarations(blockAfter(':root[data-theme="dark"]'))).toEqual(new Map([["color-scheme", "dark"]]));
    expect(declarations(blockAfter(':root[data-theme="light"]'))).toEqual(new Map([["color-scheme", "light"]]));
    const declared = [...CSS.matchAll(/(--[\w-]+)\s*:/g)].map((m) => m[1]).filter((k) => !k.startsWith("--office-"));
    expect(declared.length).toBe(new Set(declared).size);
    expect(CSS).not.toMatch(/prefers-color-scheme/);
  });

  test("text colours reach WCAG AA (4.5:1) on their backgrounds, in both palettes", () => {
    for (const [name, p] of [
      ["light", light],
      ["dark", dark],
    ] as const) {
      const c = (k: string): [number, number, number] => {
        const rgb = parseHexColor(p.get(k));
        if (!rgb) throw new Error(`${name}: ${k} is not a hex colour (${p.get(k)})`);
        return rgb;
      };
      const pairs: [string, string][] = [
        ["--fg1", "--bg1"],
        ["--fg2", "--bg1"],
        ["--fg3", "--bg1"],
        ["--fg3", "--bg2"],
        ["--fg1", "--bg3"],
        ["--brand-fg", "--bg1"],
        ["--on-brand", "--brand"],
        ["--on-brand", "--brand-hover"],
        ["--error-fg", "--bg1"],
        ["--error-fg", "--error-bg"],
        ["--warning-fg", "--bg1"],
        ["--warning-fg", "--warning-bg"],
        ["--success-fg", "--bg1"],
        ["--success-fg", "--success-bg"],
        ["--fg1", "--error-bg"],
      ];
      const low = pairs.map(([f, b]) => ({ pair: `${name} ${f} on ${b}`, ratio: contrastRatio(c(f), c(b)) })).filter((x) => x.ratio < 4.5);
      expect(low).toEqual([]);
      // The focus ring and the select's underline are UI components: 3:1 against the card.
      expect(contrastRatio(c("--focus-ring"), c("--bg1"))).toBeGreaterThanOrEqual(3);
      expect(contrastRatio(c("--stroke-accessible"), c("--bg1"))).toBeGreaterThanOrEqual(3);
    }
  });
});

describe("the light palette without light-dark()", () => {
  test("lightSide takes the first argument of every pair, nested parentheses included", () => {
    expect(lightSide("light-dark(#242424, #ffffff)")).toBe("#242424");
    expect(lightSide("#107c41")).toBe("#107c41");
    expect(lightSide("0 0 2px light-dark(rgba(0, 0, 0, 0.12), rgba(0, 0, 0, 0.4)), 0 1px 2px light-dark(rgba(0, 0, 0, 0.14), rgba(0, 0, 0, 0.48))")).toBe(
      "0 0 2px rgba(0, 0, 0, 0.12), 0 1px 2px rgba(0, 0, 0, 0.14)",
    );
    // Not a pair: left as written rather than guessed at.
    expect(lightSide("light-dark(#000000")).toBe("light-dark(#000000");
  });

  /** The stylesheet's rules as a browser's CSSOM gives them (selector, declarations in order). */
  function rulesOf(css: string): PaletteRule[] {
    const body = css.replace(/\/\*[\s\S]*?\*\//g, "");
    return [...body.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => {
      const decls = [...m[2].matchAll(/([\w-]+)\s*:\s*([^;]+);/g)].map((d) => [d[1], d[2].trim()] as const);
      return {
        selectorText: m[1].trim(),
        style: {
          length: decls.length,
          item: (i: number) => decls[i][0],
          getPropertyValue: (n: string) => decls.find(([k]) => k === n)?.[1] ?? "",
        },
      };
    });
  }

  test("where light-dark() works, nothing is set", () => {
    const root = fakeRoot();
    expect(applyLightPaletteFallback(root, rulesOf(CSS), true)).toBe(0);
    expect(root.props.size).toBe(0);
  });

  test("without it, every pair in :root is set inline to its light side, read from the stylesheet", () => {
    const root = fakeRoot();
    const pairs = [...declarations(blockAfter(":root {"))].filter(([, v]) => v.includes("light-dark("));
    expect(applyLightPaletteFallback(root, rulesOf(CSS), false)).toBe(pairs.length);
    for (const [name, value] of pairs) {
      expect(root.props.get(name)).not.toContain("light-dark");
      expect(root.props.get(name)).toBe(lightSide(value));
    }
    expect(root.props.get("--fg1")).toBe("#242424");
    expect(root.props.get("--bg1")).toBe("#ffffff");
    // Colours the same on both sides stay in the stylesheet only; native controls follow the light side.
    expect(root.props.has("--brand")).toBe(false);
    expect(root.props.get("color-scheme")).toBe("light");
    // Only :root's palette: no rule elsewhere is copied.
    expect([...root.props.keys()].every((k) => k === "color-scheme" || declarations(blockAfter(":root {")).has(k))).toBe(true);
  });

  test("the fallback gives text at WCAG AA: it is the light palette checked above", () => {
    const root = fakeRoot();
    applyLightPaletteFallback(root, rulesOf(CSS), false);
    const c = (k: string): [number, number, number] => {
      const v = root.props.get(k) ?? declarations(blockAfter(":root {")).get(k);
      const rgb = parseHexColor(v);
      if (!rgb) throw new Error(`${k} is not a hex colour (${v})`);
      return rgb;
    };
    for (const [f, b] of [
      ["--fg1", "--bg1"],
      ["--fg3", "--bg2"],
      ["--error-fg", "--error-bg"],
      ["--warning-fg", "--warning-bg"],
      ["--success-fg", "--success-bg"],
    ]) {
      expect(contrastRatio(c(f), c(b))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
