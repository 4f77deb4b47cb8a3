/**
 * The command itself, run as users run it (bin/kbr.js in a child process): usage errors in the
 * user's language with exit 2, and the workbook machinery loaded only when a command needs it.
 */
import { spawnSync } from "child_process";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const KBR = path.join(ROOT, "bin", "kbr.js");

function kbr(args: string[], lang: string): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, LANG: lang, LC_ALL: "", LC_MESSAGES: "" };
  const r = spawnSync(process.execPath, [KBR, ...args], { env, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// Each case: arguments, and what the message must say in each language.
const CASES: { what: string; args: string[]; nb: string[]; en: string[] }[] = [
  { what: "unknown option", args: ["--bogus"], nb: ["kbr: ukjent valg --bogus."], en: ["kbr: unknown option --bogus."] },
  {
    what: "unknown option with a suggestion",
    args: ["build", "--jsn"],
    nb: ["kbr build: ukjent valg --jsn. Mente du --json?"],
    en: ["kbr build: unknown option --jsn. Did you mean --json?"],
  },
  {
    what: "unknown command",
    args: ["bygg"],
    nb: ["kbr: ukjent kommando «bygg». Kommandoene er build, check og populations."],
    en: ['kbr: unknown command "bygg". The commands are build, check and populations.'],
  },
  { what: "missing argument", args: ["check"], nb: ["kbr check: argumentet <fil> mangler."], en: ["kbr check: the argument <file> is missing."] },
  {
    what: "option without its value",
    args: ["build", "--out"],
    nb: ["kbr build: valget --out <fil> mangler verdien sin."],
    en: ["kbr build: the option --out <file> is missing its value."],
  },
  {
    what: "a --scenario that is not a share from 0 to 1",
    args: ["build", "--scenario", "0.3", "--scenario", "150%"],
    nb: ["kbr build: --scenario «150%» er ikke en andel likt fordelt mellom 0 og 1."],
    en: ['kbr build: --scenario "150%" is not an equal share from 0 to 1.'],
  },
  {
    what: "excess arguments",
    args: ["check", "a.xlsx", "b.xlsx"],
    nb: ["kbr check: for mange argumenter (b.xlsx). Kommandoen tar ett argument."],
    en: ["kbr check: too many arguments (b.xlsx). The command takes one argument."],
  },
];

// Words of commander's own English messages that must not reach a Norwegian user.
const ENGLISH = /error:|unknown option|missing required|argument missing|too many arguments|Did you mean/;

describe("usage errors", () => {
  test.each(CASES)("$what: exit 2, in bokmål and in English, with a hint to the help", ({ args, nb, en }) => {
    const n = kbr(args, "nb_NO.UTF-8");
    expect(n.code).toBe(2);
    for (const t of nb) expect(n.stderr).toContain(t);
    expect(n.stderr).toMatch(/Skriv «kbr( \w+)? --help» for hjelp\./);
    expect(n.stderr).not.toMatch(ENGLISH);
    expect(n.stdout).toBe("");

    const e = kbr(args, "en_US.UTF-8");
    expect(e.code).toBe(2);
    for (const t of en) expect(e.stderr).toContain(t);
    expect(e.stderr).toMatch(/Run "kbr( \w+)? --help" for help\./);
    expect(e.stderr).not.toContain("error:");
  });

  test("--lang picks the language of usage errors too", () => {
    const r = kbr(["--lang", "nb-NO", "build", "--jsn"], "en_US.UTF-8");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("ukjent valg --jsn");
  });

  test("no command: the help on stderr, in the user's language, exit 2", () => {
    const r = kbr([], "nb_NO.UTF-8");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Bruk: kbr [valg] [kommando]");
    expect(r.stdout).toBe("");
  });

  test("help and version still exit 0; --force is listed", () => {
    const help = kbr(["build", "--help"], "nb_NO.UTF-8");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--force");
    expect(help.stdout).toContain("erstatt --out-filen");
    const v = kbr(["--version"], "en_US.UTF-8");
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});

describe("start-up", () => {
  /** Runs kbr's main in a child and lists the modules it loaded that match `pattern`. */
  function loaded(args: string[], pattern: string): string[] {
    const script = `
      const cli = require(${JSON.stringify(path.join(ROOT, "lib", "cli", "cli.js"))});
      process.stdout.write = () => true;
      process.stderr.write = () => true;
      cli.main(["node", "kbr", ...${JSON.stringify(args)}]).then(() => {
        const hits = Object.keys(require.cache).filter((k) => new RegExp(${JSON.stringify(pattern)}).test(k));
        require("fs").writeSync(3, JSON.stringify(hits));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", stdio: ["ignore", "ignore", "ignore", "pipe"] });
    return JSON.parse(String(r.output[3])) as string[];
  }

  const HEAVY = "node_modules[\\\\/](exceljs|jszip)[\\\\/]|lib[\\\\/](core[\\\\/]engine|xlsx[\\\\/]workbook|xlsx[\\\\/]packageWorkbook)\\.js";

  test("--help and a usage error load neither ExcelJS, JSZip nor the engine", () => {
    expect(loaded(["--help"], HEAVY)).toEqual([]);
    expect(loaded(["build", "--jsn"], HEAVY)).toEqual([]);
  });

  test("a command does load them (the probe sees them when they are there)", () => {
    const hits = loaded(["check", path.join(ROOT, "finnes-ikke.xlsx")], HEAVY);
    // The package adapter; ExcelJS only when a new workbook is made (build without --input).
    expect(hits.some((h) => /packageWorkbook\.js$/.test(h))).toBe(true);
    expect(hits.some((h) => /exceljs/.test(h))).toBe(false);
    expect(hits.some((h) => /engine\.js$/.test(h))).toBe(true);
  });
});
