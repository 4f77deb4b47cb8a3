/**
 * `kbr` under careless or hostile use: output names that Excel would refuse, an empty --out, a
 * user's sheet under a generated name with --json, standard output closed or on a full disk,
 * and signals at any moment of the write. Never a stack trace, never a half-written file.
 */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkExtension, defaultOut, runBuild } from "../../src/cli/commands";
import { EPIPE_EXIT } from "../../src/cli/cli";
import { openWorkbookFile } from "../../src/xlsx/read/open";
import { LocalizedError } from "../../src/xlsx/messages";
import { exampleBook } from "../xlsx/exampleKit";
import { capture } from "./capture";

const ROOT = path.resolve(__dirname, "..", "..");
const KBR = path.join(ROOT, "bin", "kbr.js");
const CORPUS = path.join(ROOT, "test", "corpus");
const STACK = /\n\s+at /;

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-hostile-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("kbr build --out: the name must say what is written", () => {
  test.each(["ut.xlsm", "ut.txt", "ut", "ut.xls", "ut.csv", "ut.xlsx.bak"])("without --input, --out %s is refused before building (exit 2, both languages, nothing written)", async (name) => {
    for (const [locale, text] of [["nb-NO", "må være et navn som slutter på .xlsx"], ["en-US", "must be a name ending in .xlsx"]] as const) {
      const io = capture();
      expect(await runBuild({ out: path.join(dir, name), locale }, io)).toBe(2);
      expect(io.stderr).toContain(text);
      expect(io.stderr).toContain(name);
      expect(io.stdout).toBe("");
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  test.each(["ut.xls", "ut.csv", "ut.txt", "ut"])("--input plan.xlsx --out %s is refused (exit 2, nothing written)", async (name) => {
    const io = capture();
    expect(await runBuild({ input: path.join(CORPUS, "openpyxl.xlsx"), out: path.join(dir, name), locale: "nb-NO" }, io)).toBe(2);
    expect(io.stderr).toContain("har ingen makroer, så resultatet må hete .xlsx");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("the extension's case does not matter, and each content has its one extension", () => {
    expect(() => checkExtension("UT.XLSX", false)).not.toThrow();
    expect(() => checkExtension("ut.XlSm", true, "bok.xlsm")).not.toThrow();
    expect(() => checkExtension("ut.xlsx", true, "bok.xlsm")).toThrow(LocalizedError);
    expect(() => checkExtension("ut.xlsm", false, "bok.xlsx")).toThrow(LocalizedError);
  });

  test("the default name has the extension the content needs", () => {
    expect(defaultOut(path.join(dir, "mal.xltx"))).toBe(path.join(dir, "mal-kbr.xlsx"));
    expect(defaultOut(path.join(dir, "bok.xlsx"), true)).toBe(path.join(dir, "bok-kbr.xlsm"));
    expect(defaultOut(path.join(dir, "bok.XLSM"), true)).toBe(path.join(dir, "bok-kbr.XLSM"));
  });

  test.each(["", "   "])("--out %p is refused up front as an empty name (exit 2), nothing built or written", async (name) => {
    for (const [locale, text] of [["nb-NO", "--out er tomt"], ["en-US", "--out is empty"]] as const) {
      const io = capture();
      const cwd = process.cwd();
      expect(await runBuild({ out: name, locale }, io)).toBe(2);
      expect(io.stderr).toContain(text);
      expect(io.stderr).not.toMatch(/finnes fra før|already exists/);
      expect(io.stdout).toBe("");
      expect(process.cwd()).toBe(cwd);
    }
  });
});

test("a user's sheet called Budsjett, with --json: the JSON object is printed, with the finding that explains the refusal", async () => {
  const input = path.join(dir, "plan.xlsx");
  fs.writeFileSync(input, exampleBook(undefined, undefined, [{ name: "Budsjett", part: "xl/worksheets/mitt.xml", rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>mitt budsjett</t></is></c></row>` }]));
  const out = path.join(dir, "ut.xlsx");
  for (const locale of ["nb-NO", "en-US"] as const) {
    const io = capture();
    expect(await runBuild({ input, out, json: true, locale }, io)).toBe(1);
    const report = JSON.parse(io.stdout) as { municipalities: unknown[]; findings: { id: string; message: string }[] };
    expect(report.municipalities.length).toBe(7);
    const taken = report.findings.filter((f) => f.id === "KBR-E-SHEET-NAME-TAKEN");
    expect(taken).toHaveLength(1);
    expect(taken[0].message).toContain(locale === "nb-NO" ? "«Budsjett» er ditt eget ark" : '"Budsjett" is your own sheet');
    expect(fs.existsSync(out)).toBe(false);
  }
  // Without --json: the same finding in the summary, and "nothing was written".
  const io = capture();
  expect(await runBuild({ input, out, locale: "en-US" }, io)).toBe(1);
  expect(io.stdout).toContain('"Budsjett" is your own sheet');
  expect(io.stderr).toContain("Nothing was written");
});

/** Runs kbr with `args`; stdout goes to `stdout` (a file descriptor, or a pipe closed at once). */
function kbr(args: string[], stdout: number | "closed-pipe", env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [KBR, ...args], { cwd: dir, env: { ...process.env, ...env }, stdio: ["ignore", stdout === "closed-pipe" ? "pipe" : stdout, "pipe"] });
    // Closed before kbr has started: its first write meets EPIPE.
    if (stdout === "closed-pipe") child.stdout!.destroy();
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

describe("standard output closed or full", () => {
  let book: string;
  beforeEach(() => {
    book = path.join(dir, "bok.xlsx");
    fs.writeFileSync(book, exampleBook());
  });

  test.each([
    ["check --json", () => ["check", book, "--json"]],
    ["--help", () => ["--help"]],
    ["build", () => ["build", "--out", path.join(dir, "ut.xlsx")]],
  ])("a closed pipe (%s): exit 141 (128 + SIGPIPE), quietly, as Unix tools do", async (_label, args) => {
    const r = await kbr(args(), "closed-pipe");
    expect(r.code).toBe(EPIPE_EXIT);
    expect(r.stderr).toBe("");
  }, 30_000);

  test.each([
    ["check --json", () => ["check", book, "--json"]],
    ["--help", () => ["--help"]],
  ])("a full disk (%s > /dev/full): one line on stderr in the user's language, exit 1, no stack", async (_label, args) => {
    if (!fs.existsSync("/dev/full")) return;
    for (const [lang, text] of [["nb-NO", "kbr: kunne ikke skrive til standard ut: disken er full.\n"], ["en-US", "kbr: could not write to standard output: the disk is full.\n"]]) {
      const fd = fs.openSync("/dev/full", "w");
      try {
        const r = await kbr([...args(), "--lang", lang], fd);
        expect(r.code).toBe(1);
        expect(r.stderr).toBe(text);
        expect(r.stderr).not.toMatch(STACK);
      } finally {
        fs.closeSync(fd);
      }
    }
  }, 30_000);
});

/** What is in the folder after kbr was stopped: no temporary file, the destination absent or whole. */
async function assertCleanStop(out: string): Promise<"absent" | "complete"> {
  const left = fs.readdirSync(dir).filter((f) => f !== "bok.xlsx");
  expect(left.filter((f) => f.endsWith(".kbr-tmp"))).toEqual([]);
  if (!fs.existsSync(out)) return "absent";
  // Complete: the reader opens it and finds the generated sheets.
  const { info } = await openWorkbookFile(out);
  expect(info.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Budsjett", "Finansieringsplan", "Kommunebidrag"]));
  return "complete";
}

describe("signals at any moment of the write leave no temporary file", () => {
  test.each(["SIGINT", "SIGTERM", "SIGHUP"] as const)("%s just before the temporary file is created, and with it written", async (signal) => {
    for (const pause of ["KBR_TEST_PAUSE_BEFORE_OPEN", "KBR_TEST_PAUSE_BEFORE_RENAME"]) {
      const out = path.join(dir, "ut.xlsx");
      const child = spawn(process.execPath, [KBR, "build", "--out", out], { cwd: dir, env: { ...process.env, [pause]: "60000" }, stdio: "ignore" });
      const ended = new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, sig) => resolve(sig)));
      // Wait for the pause: before the open nothing is there; after the write the file is whole.
      const deadline = Date.now() + 30_000;
      const ready = () => (pause.endsWith("OPEN") ? true : fs.readdirSync(dir).some((f) => f.endsWith(".kbr-tmp") && fs.statSync(path.join(dir, f)).size > 1000));
      while (!ready() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await new Promise((r) => setTimeout(r, pause.endsWith("OPEN") ? 1500 : 300));
      child.kill(signal);
      expect(await ended).toBe(signal);
      expect(await assertCleanStop(out)).toBe("absent");
    }
  }, 90_000);

  test("signals sent at moments spread over a whole build: never a temporary file left, the destination absent or complete", async () => {
    // How long a build takes here, to spread the signals over it (bounded: 3 × 6 tries).
    const t0 = Date.now();
    expect(spawnSync(process.execPath, [KBR, "build", "--out", path.join(dir, "mål.xlsx")], { cwd: dir }).status).toBe(0);
    const total = Date.now() - t0;
    fs.rmSync(path.join(dir, "mål.xlsx"));
    const outcomes = new Set<string>();
    let k = 0;
    for (const signal of ["SIGTERM", "SIGHUP", "SIGINT"] as const) {
      for (let i = 0; i < 6; i++, k++) {
        const out = path.join(dir, `ut${k}.xlsx`);
        const child = spawn(process.execPath, [KBR, "build", "--out", out], { cwd: dir, stdio: "ignore" });
        const ended = new Promise<void>((resolve) => child.on("exit", () => resolve()));
        // From half the build time to just past its end, where the file is created and renamed.
        await new Promise((r) => setTimeout(r, Math.round(total * (0.5 + (0.6 * ((i * 7 + k) % 6)) / 6))));
        child.kill(signal);
        await ended;
        outcomes.add(await assertCleanStop(out));
      }
    }
    // Not asserted which outcomes occur (that depends on the machine's speed), only that each is clean.
    expect(outcomes.size).toBeGreaterThan(0);
  }, 180_000);
});
