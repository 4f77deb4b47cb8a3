/**
 * The metadata and the task pane page that `npm run build` produces (run it first):
 * functions.json from the JSDoc, functions.nb-NO.json from the translation table.
 */
import * as fs from "fs";
import * as path from "path";
import { buildInfo, DIST, readDist, ROOT } from "./dist";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeMetadata, allowErrorInputs } = require("../../scripts/localized-metadata-plugin.js") as {
  localizeMetadata: (metadata: Metadata, table: object) => Metadata;
  allowErrorInputs: (metadata: Metadata, errorInputs: Record<string, string[]>) => Metadata;
};

interface Param {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
interface Fn {
  id: string;
  name: string;
  description: string;
  helpUrl?: string;
  parameters: Param[];
  result: { type?: string; dimensionality?: string };
}
interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: Fn[];
}

const NB_TABLE = JSON.parse(fs.readFileSync(path.join(ROOT, "src/functions/metadata.nb-NO.json"), "utf8")) as Record<
  string,
  { description: string; helpUrl?: string; parameters: Record<string, string> }
>;

/** What Excel needs to know of a parameter: name, type, scalar/matrix, optional. */
function signature(fn: Fn) {
  return fn.parameters.map((p) => ({ name: p.name, type: p.type, dimensionality: p.dimensionality ?? "scalar", optional: p.optional ?? false }));
}

const EXPECTED: Record<string, ReturnType<typeof signature>> = {
  SPLIT: [
    { name: "populations", type: "any", dimensionality: "matrix", optional: false },
    { name: "total", type: "any", dimensionality: "scalar", optional: true },
    { name: "equal_share", type: "any", dimensionality: "scalar", optional: true },
    { name: "decimals", type: "any", dimensionality: "scalar", optional: true },
    { name: "detail", type: "any", dimensionality: "scalar", optional: true },
  ],
  RESOURCE_SHARE: [
    { name: "municipality", type: "any", dimensionality: "matrix", optional: false },
    { name: "amount", type: "any", dimensionality: "scalar", optional: true },
    { name: "weights", type: "any", dimensionality: "matrix", optional: true },
  ],
};

describe("dist/functions.json", () => {
  const metadata = JSON.parse(readDist("functions.json")) as Metadata;

  test("declares SPLIT and RESOURCE_SHARE with their parameters", () => {
    expect(metadata.functions.map((f) => [f.id, f.name])).toEqual([
      ["SPLIT", "SPLIT"],
      ["RESOURCE_SHARE", "RESOURCE_SHARE"],
    ]);
    for (const fn of metadata.functions) {
      expect(signature(fn)).toEqual(EXPECTED[fn.id]);
      expect(fn.result.dimensionality).toBe("matrix");
      expect(fn.description.length).toBeGreaterThan(20);
      for (const p of fn.parameters) expect(p.description?.length).toBeGreaterThan(10);
    }
  });

  test("help URLs are https under the public base", () => {
    const { baseUrl } = buildInfo();
    for (const fn of metadata.functions) expect(fn.helpUrl).toMatch(new RegExp(`^${baseUrl.replace(/[.]/g, "\\.")}help/`));
  });
});

describe("dist/functions.nb-NO.json", () => {
  const en = JSON.parse(readDist("functions.json")) as Metadata;
  const nb = JSON.parse(readDist("functions.nb-NO.json")) as Metadata;

  test("has the same ids, names and parameters as functions.json", () => {
    expect(nb.functions.map((f) => [f.id, f.name])).toEqual(en.functions.map((f) => [f.id, f.name]));
    nb.functions.forEach((fn, i) => {
      expect(signature(fn)).toEqual(signature(en.functions[i]));
      expect(fn.result).toEqual(en.functions[i].result);
    });
  });

  test("has the Norwegian descriptions of the translation table, none left in English", () => {
    nb.functions.forEach((fn, i) => {
      const table = NB_TABLE[fn.id];
      expect(fn.description).toBe(table.description);
      expect(fn.description).not.toBe(en.functions[i].description);
      fn.parameters.forEach((p, k) => {
        expect(p.description).toBe(table.parameters[p.name]);
        expect(p.description).not.toBe(en.functions[i].parameters[k].description);
      });
      expect(fn.helpUrl).toMatch(/^https:\/\/.*\/help\/nb-NO\//);
    });
  });
});

describe("error cells reach the functions", () => {
  // Without allowErrorForDataTypeAny Excel answers =KBR.SPLIT(B2:B8) with B4's #N/A itself, and
  // the function never sees the cell. Office reads the flag at the top level only, and passes
  // errors only to parameters of type any.
  test.each(["functions.json", "functions.nb-NO.json"])("%s says allowErrorForDataTypeAny, and the range parameters are of type any", (file) => {
    const metadata = JSON.parse(readDist(file)) as Metadata;
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    const types = metadata.functions.flatMap((f) => f.parameters.map((p) => [`${f.id}.${p.name}`, p.type]));
    for (const name of ["SPLIT.populations", "RESOURCE_SHARE.municipality", "RESOURCE_SHARE.weights"]) {
      expect(types).toContainEqual([name, "any"]);
    }
  });
});

describe("allowErrorInputs (the post-processing JSDoc cannot say)", () => {
  const metadata: Metadata = {
    functions: [{ id: "F", name: "F", description: "d", parameters: [{ name: "x", type: "any" }, { name: "n", type: "number" }], result: {} }],
  };

  test("sets the top-level flag and keeps the functions", () => {
    const out = allowErrorInputs(metadata, { F: ["x"] });
    expect(out).toEqual({ ...metadata, allowErrorForDataTypeAny: true });
    expect(metadata.allowErrorForDataTypeAny).toBeUndefined();
  });

  test.each([
    ["a parameter not of type any", { F: ["n"] }, /F: parameter n has type number/],
    ["an unknown parameter", { F: ["y"] }, /F: error inputs for unknown parameter y/],
    ["an unknown function", { G: ["x"] }, /unknown function G/],
  ])("fails the build on %s", (_name, inputs, error) => {
    expect(() => allowErrorInputs(metadata, inputs)).toThrow(error);
  });
});

describe("help pages", () => {
  // Excel's "Help on this function" opens helpUrl: each must be a page of dist/, in its language,
  // about its function, linking its stylesheet (the page's CSP allows only same-origin styles).
  const { baseUrl } = buildInfo();
  const cases = [
    ["functions.json", "en"],
    ["functions.nb-NO.json", "nb"],
  ] as const;
  test.each(cases)("every helpUrl of %s is a built page in lang=%s", (file, lang) => {
    const metadata = JSON.parse(readDist(file)) as Metadata;
    for (const fn of metadata.functions) {
      expect(fn.helpUrl?.startsWith(baseUrl)).toBe(true);
      const page = readDist((fn.helpUrl as string).slice(baseUrl.length));
      // The build minifies the pages, which drops optional quotes.
      expect(page).toMatch(new RegExp(`<html lang="?${lang}"?>`));
      expect(page).toContain(`<h1>KBR.${fn.name}(`);
      expect(page).toContain("Content-Security-Policy");
      const css = /<link rel="?stylesheet"? href="?([^" >]+)"?>/.exec(page)?.[1] as string;
      const dir = (fn.helpUrl as string).slice(baseUrl.length).replace(/[^/]+$/, "");
      expect(readDist(path.posix.normalize(dir + css))).toContain("font-family");
    }
  });
});

describe("manifest help links", () => {
  // SupportUrl and the Get Started "learn more" link point at help/: a built page must answer
  // there (a static host serves a folder's index.html), in both languages, linking each page.
  test.each([
    ["SupportUrl", /<SupportUrl DefaultValue="([^"]+)"/],
    ["GetStarted.LearnMoreUrl", /<bt:Url id="GetStarted\.LearnMoreUrl" DefaultValue="([^"]+)"/],
  ])("%s opens a bilingual page of dist/ that links every help page", (_, pattern) => {
    const { baseUrl } = buildInfo();
    const url = pattern.exec(readDist("manifest.xml"))?.[1] as string;
    expect(url.startsWith(baseUrl)).toBe(true);
    const rel = url.slice(baseUrl.length);
    const page = readDist(rel.endsWith("/") || rel === "" ? `${rel}index.html` : rel);
    expect(page).toMatch(/<section lang="?nb"?>/);
    expect(page).toMatch(/<section lang="?en"?>/);
    for (const href of ["split.html", "resource-share.html", "nb-NO/split.html", "nb-NO/resource-share.html"]) {
      expect(page).toMatch(new RegExp(`href="?${href}"?`));
      expect(fs.existsSync(path.join(DIST, path.posix.dirname(rel + "x"), href))).toBe(true);
    }
  });
});

describe("localizeMetadata (the nb-NO generator)", () => {
  const metadata: Metadata = {
    functions: [{ id: "F", name: "F", description: "English", parameters: [{ name: "x", description: "ex" }], result: {} }],
  };

  test("replaces descriptions and keeps everything else", () => {
    const out = localizeMetadata(metadata, { F: { description: "Norsk", parameters: { x: "eks" } } });
    expect(out).toEqual({ functions: [{ id: "F", name: "F", description: "Norsk", parameters: [{ name: "x", description: "eks" }], result: {} }] });
    expect(metadata.functions[0].description).toBe("English");
  });

  test.each([
    ["a function without texts", {}, /no nb-NO texts for function F/],
    ["a parameter without text", { F: { description: "Norsk", parameters: {} } }, /no nb-NO description for parameter x/],
    ["a text for an unknown parameter", { F: { description: "Norsk", parameters: { x: "eks", y: "why" } } }, /unknown parameter y/],
    ["texts for an unknown function", { F: { description: "Norsk", parameters: { x: "eks" } }, G: { description: "?", parameters: {} } }, /unknown function G/],
  ])("fails the build on %s", (_name, table, error) => {
    expect(() => localizeMetadata(metadata, table)).toThrow(error);
  });
});

describe("dist/taskpane.html", () => {
  const html = readDist("taskpane.html");

  test("has a Content-Security-Policy and office.js from Microsoft's CDN as the only external script", () => {
    expect(html).toMatch(/<meta http-equiv="?Content-Security-Policy"? content="default-src 'self'; script-src 'self' https:\/\/appsforoffice\.microsoft\.com;/);
    const scripts = [...html.matchAll(/<script[^>]*\ssrc="?([^" >]+)/g)].map((m) => m[1]);
    expect(scripts).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js", "functions.js", "taskpane.js"]);
  });

  test("the CSP's frame-src allows office.js's CDN, where office.js opens its own error page", () => {
    const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] as string;
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
    expect(directives.get("frame-src")).toContain("https://appsforoffice.microsoft.com");
    expect(directives.get("frame-src")).not.toContain("*");
  });

  test("the CSP's connect-src adds only https://data.ssb.no (SSB populations) to Office's own; the manifest gets no new domain", () => {
    const csp = /<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/.exec(html)?.[1] as string;
    const directives = new Map(csp.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
    expect(directives.get("connect-src")).toEqual(["'self'", "https://*.microsoft.com", "https://*.office.com", "https://*.office.net", "https://data.ssb.no"]);
    expect(readDist("manifest.xml")).not.toContain("ssb.no");
  });

  test("links the pane's stylesheets in cascade order, each copied into dist (the palette first)", () => {
    const sheets = [...html.matchAll(/<link rel="?stylesheet"? href="?([^" >]+)"?/g)].map((m) => m[1]);
    expect(sheets).toEqual(["taskpane.css", "panels.css"]);
    expect(readDist("taskpane.css")).toContain("light-dark(");
    // The high contrast block overrides the panels' rules too, so it is in the last sheet.
    expect(readDist("panels.css")).toContain("forced-colors");
  });

  test("the shared runtime page loads the functions bundle; each bundle carries its own runtime", () => {
    const files = fs.readdirSync(DIST).filter((f) => f.endsWith(".js"));
    expect(files.sort()).toEqual(["functions.js", "taskpane.js"]);
  });

  test("the icons are PNGs of the declared sizes", () => {
    for (const n of [16, 32, 64, 80]) {
      const png = fs.readFileSync(path.join(DIST, "assets", `icon-${n}.png`));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([n, n]);
    }
  });
});
