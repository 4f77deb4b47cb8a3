/**
 * manifest.xml checked offline (no XML library: the manifest is small and regular), and the
 * production rewrite of its URLs. `npm run validate` checks it against Microsoft's schema online.
 */
import * as fs from "fs";
import * as path from "path";
import { buildInfo, readDist, ROOT } from "./dist";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const publicUrl = require("../../scripts/public-url.js") as {
  DEV_BASE_URL: string;
  PLACEHOLDER_PUBLIC_URL: string;
  publicBaseUrl: (env?: Record<string, string | undefined>) => string;
  rewriteDevUrls: (text: string, base: string) => string;
};

const SOURCE = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
/** The manifest without comments and namespace declarations (their http:// URIs are names, not URLs). */
const BODY = SOURCE.replace(/<!--[\s\S]*?-->/g, "").replace(/\sxmlns(:\w+)?="[^"]*"/g, "");

function attr(tag: string, name: string): string | undefined {
  return new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
}

/** Every resource definition of <Resources>: id -> { kind, default value, nb-NO override }. */
function resources(xml: string): Map<string, { kind: string; value: string; nb?: string }> {
  const out = new Map<string, { kind: string; value: string; nb?: string }>();
  const re = /<bt:(Url|String|Image)\s([^>]*?)(\/>|>([\s\S]*?)<\/bt:\1>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const id = attr(` ${m[2]}`, "id");
    if (!id) continue;
    if (out.has(id)) throw new Error(`resource ${id} is defined twice`);
    const nb = m[4] ? /<bt:Override\s+Locale="nb-NO"\s+Value="([^"]*)"/.exec(m[4])?.[1] : undefined;
    out.set(id, { kind: m[1], value: attr(` ${m[2]}`, "DefaultValue") ?? "", nb });
  }
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

describe("manifest.xml (source)", () => {
  const res = resources(BODY);

  test("is well-formed: every element is closed in order", () => {
    const stack: string[] = [];
    const tags = BODY.replace(/<\?xml[^>]*\?>/, "").match(/<\/?[\w:.-]+[^>]*>/g) ?? [];
    for (const tag of tags) {
      const name = /^<\/?([\w:.-]+)/.exec(tag)![1];
      if (tag.startsWith("</")) expect(stack.pop()).toBe(name);
      else if (!tag.endsWith("/>")) stack.push(name);
    }
    expect(stack).toEqual([]);
    expect(BODY).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
  });

  test("is a TaskPaneApp with VersionOverrides 1.0 for Excel, default locale en-US", () => {
    expect(SOURCE).toMatch(/<OfficeApp[^>]*xsi:type="TaskPaneApp"/);
    expect(SOURCE).toMatch(/<VersionOverrides[^>]*xsi:type="VersionOverridesV1_0"/);
    expect(BODY).toMatch(/<Host Name="Workbook"\/>/);
    expect(BODY).toMatch(/<Host xsi:type="Workbook">/);
    expect(/<DefaultLocale>([^<]*)<\/DefaultLocale>/.exec(BODY)?.[1]).toBe("en-US");
    expect(/<Id>([^<]*)<\/Id>/.exec(BODY)?.[1]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  test("every resid used resolves to a resource of <Resources>, and every resource is used", () => {
    const used = new Set([...BODY.matchAll(/\sresid="([^"]*)"/g)].map((m) => m[1]));
    expect(used.size).toBeGreaterThan(5);
    for (const id of used) expect(res.has(id) ? id : `unresolved ${id}`).toBe(id);
    for (const id of res.keys()) expect(used.has(id) ? id : `unused ${id}`).toBe(id);
  });

  test("shared runtime: Runtime, CustomFunctions Page, FunctionFile and the task pane share one URL resid", () => {
    expect(BODY).toMatch(/<Requirements>\s*<Sets[^>]*>\s*<Set Name="SharedRuntime" MinVersion="1.1"\/>/);
    const runtime = /<Runtime resid="([^"]*)" lifetime="long"\/>/.exec(BODY)?.[1];
    const page = /<Page>\s*<SourceLocation resid="([^"]*)"\/>/.exec(BODY)?.[1];
    const functionFile = /<FunctionFile resid="([^"]*)"\/>/.exec(BODY)?.[1];
    const taskpane = /<Action xsi:type="ShowTaskpane">[\s\S]*?<SourceLocation resid="([^"]*)"\/>/.exec(BODY)?.[1];
    expect(runtime).toBe("Taskpane.Url");
    expect([page, functionFile, taskpane]).toEqual([runtime, runtime, runtime]);
    expect(res.get("Taskpane.Url")).toMatchObject({ kind: "Url", value: "https://localhost:3000/taskpane.html" });
  });

  test("custom functions: script, metadata (nb-NO override) and the namespace KBR", () => {
    const ext = /<ExtensionPoint xsi:type="CustomFunctions">([\s\S]*?)<\/ExtensionPoint>/.exec(BODY)?.[1] ?? "";
    const script = /<Script>\s*<SourceLocation resid="([^"]*)"/.exec(ext)?.[1];
    const metadata = /<Metadata>\s*<SourceLocation resid="([^"]*)"/.exec(ext)?.[1];
    const namespace = /<Namespace resid="([^"]*)"/.exec(ext)?.[1];
    expect(res.get(script!)?.value).toBe("https://localhost:3000/functions.js");
    expect(res.get(metadata!)).toEqual({ kind: "Url", value: "https://localhost:3000/functions.json", nb: "https://localhost:3000/functions.nb-NO.json" });
    expect(res.get(namespace!)).toMatchObject({ kind: "String", value: "KBR" });
    expect(res.get(namespace!)?.nb ?? "KBR").toBe("KBR");
  });

  test("a ribbon button on the Home tab opens the task pane", () => {
    expect(BODY).toMatch(/<ExtensionPoint xsi:type="PrimaryCommandSurface">\s*<OfficeTab id="TabHome">\s*<Group id="[^"]+">/);
    expect(BODY).toMatch(/<Control xsi:type="Button" id="[^"]+">[\s\S]*<Action xsi:type="ShowTaskpane">/);
  });

  test("permissions are exactly ReadWriteDocument", () => {
    expect([...BODY.matchAll(/<Permissions>([^<]*)<\/Permissions>/g)].map((m) => m[1].trim())).toEqual(["ReadWriteDocument"]);
  });

  test("every URL is https", () => {
    const urls = [...BODY.matchAll(/[a-z]+:\/\/[^"<\s]+/gi)].map((m) => m[0]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url).toMatch(/^https:\/\//);
  });

  test("every display string has a nb-NO override, within the schema's length limits", () => {
    for (const el of ["DisplayName", "Description"]) {
      const m = new RegExp(`<${el} DefaultValue="([^"]+)">\\s*<Override Locale="nb-NO" Value="([^"]+)"\\/>`).exec(BODY);
      expect(m ? el : `${el} without nb-NO override`).toBe(el);
    }
    const strings = [...res.entries()].filter(([, r]) => r.kind === "String");
    expect(strings.length).toBeGreaterThanOrEqual(6);
    for (const [id, r] of strings) {
      expect(r.nb ? id : `${id} without nb-NO override`).toBe(id);
      expect(r.nb).not.toBe("");
    }
    const short = /<bt:ShortStrings>([\s\S]*?)<\/bt:ShortStrings>/.exec(BODY)![1];
    const long = /<bt:LongStrings>([\s\S]*?)<\/bt:LongStrings>/.exec(BODY)![1];
    for (const [block, max] of [[short, 125], [long, 250]] as const) {
      for (const m of block.matchAll(/(?:DefaultValue|Value)="([^"]*)"/g)) expect(unescapeXml(m[1]).length).toBeLessThanOrEqual(max);
    }
  });
});

describe("production URLs", () => {
  test("the public base URL comes from KBR_PUBLIC_URL, defaults to the placeholder, must be https", () => {
    expect(publicUrl.publicBaseUrl({})).toBe(publicUrl.PLACEHOLDER_PUBLIC_URL);
    expect(publicUrl.publicBaseUrl({ KBR_PUBLIC_URL: "https://addins.kongsbergregionen.example/kbr" })).toBe(
      "https://addins.kongsbergregionen.example/kbr/",
    );
    expect(() => publicUrl.publicBaseUrl({ KBR_PUBLIC_URL: "http://insecure.example/" })).toThrow(/https/);
    expect(() => publicUrl.publicBaseUrl({ KBR_PUBLIC_URL: "not a url" })).toThrow(/not a URL/);
  });

  test("rewriting the source manifest leaves no localhost URL and keeps the paths", () => {
    const base = "https://addins.kongsbergregionen.example/kbr/";
    const out = publicUrl.rewriteDevUrls(SOURCE, base);
    expect(out).not.toMatch(/localhost/);
    expect(out).toContain(`DefaultValue="${base}taskpane.html"`);
    expect(out).toContain(`Value="${base}functions.nb-NO.json"`);
    expect(out.replace(/https:\/\/addins\.kongsbergregionen\.example\/kbr\//g, "https://localhost:3000/")).toBe(SOURCE);
  });

  test("the production webpack config takes KBR_PUBLIC_URL into the manifest and the metadata", async () => {
    const saved = process.env.KBR_PUBLIC_URL;
    process.env.KBR_PUBLIC_URL = "https://kbr.test.example/addin/";
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const makeConfig = require("../../webpack.config.js") as (env: object, argv: object) => Promise<{ plugins: object[] }>;
      const config = await makeConfig({}, { mode: "production" });
      const copy = config.plugins.find((p) => "patterns" in p) as {
        patterns: { from: string; transform?: (content: Buffer) => string }[];
      };
      const manifest = copy.patterns.find((p) => p.from === "manifest.xml")!;
      const out = manifest.transform!(Buffer.from(SOURCE));
      expect(out).not.toMatch(/localhost/);
      expect(out).toContain('<SourceLocation DefaultValue="https://kbr.test.example/addin/taskpane.html"/>');
      const localized = config.plugins.find((p) => p.constructor.name === "LocalizedMetadataPlugin") as { options: { rewrite: (t: string) => string } };
      expect(localized.options.rewrite('"helpUrl": "https://localhost:3000/help/split.html"')).toBe('"helpUrl": "https://kbr.test.example/addin/help/split.html"');
    } finally {
      if (saved === undefined) delete process.env.KBR_PUBLIC_URL;
      else process.env.KBR_PUBLIC_URL = saved;
    }
  });

  test("dist/manifest.xml (npm run build) is the source with every localhost URL on the public base", () => {
    const info = buildInfo();
    expect(info.mode).toBe("production");
    const built = readDist("manifest.xml");
    expect(built).not.toMatch(/localhost/);
    expect(built).toBe(publicUrl.rewriteDevUrls(SOURCE, info.baseUrl));
    for (const json of ["functions.json", "functions.nb-NO.json"]) expect(readDist(json)).not.toMatch(/localhost/);
  });
});
