/**
 * The contract in docs/ stays true to the code: every finding id of the check catalogue is in
 * docs/checks.md with its severity (and nothing there that the code does not have), so is every
 * id of the follow-up catalogue in docs/followup.md and every id the SSB code reports in
 * docs/ssb.md, the README
 * links the docs, nothing in the repository points at a file outside it, and package.json's
 * engines.node admits only Node versions that have every newer API the code calls.
 */
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";
import { CHECKS } from "../../src/core/checks/catalogue";
import { FOLLOWUP_CHECKS } from "../../src/core/followup";

const ROOT = path.resolve(__dirname, "../..");
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), "utf8");

/** Every file under `dir` (relative to ROOT) whose name passes `keep`, skipping what is not ours. */
function files(dir: string, keep: (name: string) => boolean): string[] {
  const skip = new Set(["node_modules", ".git", "dist", "lib", "coverage", "test-output", ".tmp"]);
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true })) {
      if (skip.has(e.name)) continue;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(child);
      else if (e.isFile() && keep(e.name)) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

const ID = /KBR-[EW]-[A-Z0-9]+(?:-[A-Z0-9]+)*/g;

describe("docs/checks.md", () => {
  const doc = read("docs/checks.md");
  /** The catalogue rows: | `ID` | severity | blocks the model | … */
  const rows = [...doc.matchAll(/^\| `(KBR-[EW]-[A-Z0-9-]+)` \| (error|warning) \| (yes|no) \|/gm)].map((m) => ({
    id: m[1],
    severity: m[2],
    blocking: m[3] === "yes",
  }));

  test("lists every finding id of the catalogue once, and no other", () => {
    const documented = rows.map((r) => r.id);
    expect(new Set(documented).size).toBe(documented.length);
    expect([...documented].sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  test("gives each id the catalogue's severity and blocking", () => {
    const byId = new Map(CHECKS.map((c) => [c.id, c]));
    for (const r of rows) expect({ id: r.id, severity: r.severity, blocking: r.blocking }).toEqual({ id: r.id, severity: byId.get(r.id)?.severity, blocking: byId.get(r.id)?.blocking });
  });

  test("every id the source code reports is in a catalogue (so in docs/checks.md, docs/followup.md or docs/ssb.md)", () => {
    const used = new Set(files("src", (n) => n.endsWith(".ts")).flatMap((f) => read(f).match(ID) ?? []));
    expect(used.size).toBeGreaterThan(0);
    expect([...used].filter((id) => !ALL_IDS.has(id))).toEqual([]);
  });

  test("every id the other docs and the README name exists", () => {
    const named = ["README.md", ...files("docs", (n) => n.endsWith(".md"))].flatMap((f) => (read(f).match(ID) ?? []).map((id) => `${f}: ${id}`));
    expect(named.filter((s) => !ALL_IDS.has(s.split(": ")[1]))).toEqual([]);
  });
});

/** The rows `| `ID` | severity |` of a docs file's finding tables. */
const docRows = (rel: string) => [...read(rel).matchAll(/^\| `(KBR-[EW]-[A-Z0-9-]+)` \| (error|warning) \|/gm)].map((m) => ({ id: m[1], severity: m[2] }));

/** The SSB layer's ids are codes in its own source (errors of a fetch and findings of the match), not catalogue entries. */
const SSB_IDS = new Set(files("src/core/ssb", (n) => n.endsWith(".ts")).flatMap((f) => read(f).match(ID) ?? []));
const ALL_IDS = new Set([...CHECKS.map((c) => c.id), ...FOLLOWUP_CHECKS.map((c) => c.id), ...SSB_IDS]);

describe("docs/followup.md and docs/ssb.md", () => {
  test("docs/followup.md lists every id of the follow-up catalogue once, with its severity, and no other", () => {
    const rows = docRows("docs/followup.md");
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.map((r) => r.id).sort()).toEqual(FOLLOWUP_CHECKS.map((c) => c.id).sort());
    const byId = new Map(FOLLOWUP_CHECKS.map((c) => [c.id, c.severity]));
    for (const r of rows) expect(r).toEqual({ id: r.id, severity: byId.get(r.id) });
  });

  test("docs/ssb.md lists every id the SSB code reports once, with its severity, and no other", () => {
    const rows = docRows("docs/ssb.md");
    expect(SSB_IDS.size).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.map((r) => r.id).sort()).toEqual([...SSB_IDS].sort());
    for (const r of rows) expect(r.severity).toBe(r.id.startsWith("KBR-E-") ? "error" : "warning");
  });
});

describe("the docs and their links", () => {
  const DOCS = ["docs/allocation.md", "docs/workbook.md", "docs/checks.md", "docs/cli.md", "docs/acceptance.md"];

  test("the README links every docs file", () => {
    const readme = read("README.md");
    expect(DOCS.filter((d) => !fs.existsSync(path.join(ROOT, d)))).toEqual([]);
    expect(DOCS.filter((d) => !readme.includes(`](${d})`))).toEqual([]);
  });

  test("every relative link in the README and docs/ points at a file of the repository", () => {
    const broken: string[] = [];
    for (const f of ["README.md", ...files("docs", (n) => n.endsWith(".md"))]) {
      for (const m of read(f).matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        const target = m[1];
        if (/^[a-z]+:/i.test(target)) continue;
        if (!fs.existsSync(path.resolve(ROOT, path.dirname(f), target))) broken.push(`${f}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test("nothing in the repository refers to a file outside it", () => {
    // Built from pieces so that this file does not match itself.
    const outside = [new RegExp("\\bSP" + "EC\\b"), new RegExp("\\.\\./sha" + "red\\b"), new RegExp("/wo" + "rk/")];
    const text = /\.(ts|js|mjs|cjs|json|md|html|css|xml|py|sh|yml|yaml)$|^run$/;
    const hits: string[] = [];
    for (const f of files("", (n) => text.test(n) && n !== "package-lock.json")) {
      read(f)
        .split("\n")
        .forEach((line, i) => {
          if (outside.some((re) => re.test(line))) hits.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });
});

/**
 * Node APIs newer than Node 20.0 that src/ calls, each with the first release of every release
 * line that has it. engines.node must admit no version without it, and must not be stricter than
 * the code needs (the README's set-up names the same floor).
 */
const NODE_API_FLOORS = [{ api: "zlib.crc32", use: /\bzlib\.crc32\(/, since: ["20.15.0", "22.2.0"] }];

/** The versions that have an API: each line from its first release to the next major, the last line onwards. */
function versionsWith(since: readonly string[]): string {
  return since.map((v, i) => (i === since.length - 1 ? `>=${v}` : `>=${v} <${semver.major(v) + 1}.0.0`)).join(" || ");
}

describe("package.json engines.node", () => {
  const pkg = JSON.parse(read("package.json")) as { engines: { node: string }; devDependencies: Record<string, string> };
  const engines = pkg.engines.node;
  const source = files("src", (n) => n.endsWith(".ts")).map(read).join("\n");
  const used = NODE_API_FLOORS.filter((a) => a.use.test(source));

  test("the code still calls the APIs the floor is for", () => {
    expect(used.map((a) => a.api)).toEqual(NODE_API_FLOORS.map((a) => a.api));
  });

  test("admits only versions that have every API the code calls", () => {
    for (const a of used) expect({ api: a.api, covered: semver.subset(engines, versionsWith(a.since)) }).toEqual({ api: a.api, covered: true });
  });

  test("is no stricter than the code needs: the first release with every API is admitted", () => {
    const needed = used.map((a) => versionsWith(a.since));
    const firsts = used.flatMap((a) => a.since).filter((v) => needed.every((r) => semver.satisfies(v, r)));
    expect(firsts.length).toBeGreaterThan(0);
    for (const v of firsts) expect({ version: v, admitted: semver.satisfies(v, engines) }).toEqual({ version: v, admitted: true });
  });

  test("@types/node is of the floor's major version (no types for APIs the floor lacks)", () => {
    const floor = semver.minVersion(engines);
    const types = semver.minVersion(pkg.devDependencies["@types/node"]);
    expect(types && semver.major(types)).toBe(floor && semver.major(floor));
  });
});
