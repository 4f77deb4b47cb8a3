/** The output file of `kbr build`: what may be written, how, and what is left after a failure. */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { defaultOut, runBuild } from "../../src/cli/commands";
import { checkTarget, writeOutput } from "../../src/cli/output";
import { LocalizedError } from "../../src/xlsx/messages";
import { capture } from "./capture";

const ROOT = path.resolve(__dirname, "..", "..");
const KBR = path.join(ROOT, "bin", "kbr.js");

/** The LocalizedError `run` throws (fails the test when it throws nothing or something else). */
function refusal(run: () => unknown): LocalizedError {
  try {
    run();
  } catch (e) {
    if (e instanceof LocalizedError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-out-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const BYTES = new Uint8Array([1, 2, 3, 4]);

describe("checkTarget and writeOutput", () => {
  test("a new name is written whole, with nothing else left in the folder", async () => {
    const f = path.join(dir, "ny.xlsx");
    await writeOutput(checkTarget(f, { named: true }), BYTES);
    expect([...fs.readFileSync(f)]).toEqual([1, 2, 3, 4]);
    expect(fs.readdirSync(dir)).toEqual(["ny.xlsx"]);
  });

  test("an existing file is replaced only with --force, keeping its permissions", async () => {
    const f = path.join(dir, "finnes.xlsx");
    fs.writeFileSync(f, "old");
    fs.chmodSync(f, 0o640);
    const e = refusal(() => checkTarget(f, { named: true }));
    expect(e.exitCode).toBe(2);
    expect(e.texts["nb-NO"]).toContain(`${f} finnes fra før`);
    expect(e.texts["nb-NO"]).toContain("--force");
    expect(e.texts["en-US"]).toContain(`${f} already exists`);
    expect(fs.readFileSync(f, "utf8")).toBe("old");

    await writeOutput(checkTarget(f, { named: true, force: true }), BYTES);
    expect(fs.readFileSync(f).length).toBe(4);
    expect(fs.statSync(f).mode & 0o777).toBe(0o640);
    expect(fs.readdirSync(dir)).toEqual(["finnes.xlsx"]);
  });

  test("a read-only file is refused, even with --force", () => {
    const f = path.join(dir, "låst.xlsx");
    fs.writeFileSync(f, "old");
    fs.chmodSync(f, 0o444);
    const e = refusal(() => checkTarget(f, { named: true, force: true }));
    expect(e.exitCode).toBe(2);
    expect(e.texts["nb-NO"]).toContain(`${f} er skrivebeskyttet`);
    expect(e.texts["en-US"]).toContain(`${f} is read-only`);
    expect(fs.readFileSync(f, "utf8")).toBe("old");
  });

  test("a device, a folder and a FIFO are refused, even with --force", () => {
    const dev = refusal(() => checkTarget("/dev/null", { named: true, force: true }));
    expect(dev.exitCode).toBe(2);
    expect(dev.texts["en-US"]).toContain("/dev/null is not a regular file");
    expect(dev.texts["nb-NO"]).toContain("/dev/null er ikke en vanlig fil");

    const folder = refusal(() => checkTarget(dir, { named: true, force: true }));
    expect(folder.texts["en-US"]).toContain(`${dir} is a folder`);
    expect(folder.texts["nb-NO"]).toContain(`${dir} er en mappe`);

    const fifo = path.join(dir, "rør");
    execFileSync("mkfifo", [fifo]);
    const e = refusal(() => checkTarget(fifo, { named: true, force: true }));
    expect(e.texts["en-US"]).toContain(`${fifo} is not a regular file`);
  });

  test("a missing folder is named", () => {
    const f = path.join(dir, "borte", "ut.xlsx");
    const e = refusal(() => checkTarget(f, { named: true }));
    expect(e.exitCode).toBe(2);
    expect(e.texts["en-US"]).toContain(`the folder ${path.join(dir, "borte")} does not exist`);
    expect(e.texts["nb-NO"]).toContain(`mappen ${path.join(dir, "borte")} finnes ikke`);
    const slash = path.join(dir, "ny-mappe") + "/";
    expect(refusal(() => checkTarget(slash, { named: true })).texts["en-US"]).toContain(`the folder ${slash} does not exist`);
  });

  test("the input is replaced only when --out names it", async () => {
    const input = path.join(dir, "inn.xlsx");
    fs.writeFileSync(input, "input");
    // Another spelling of the same file is still the input.
    const other = path.join(dir, ".", "inn.xlsx");
    const e = refusal(() => checkTarget(other, { input, named: false }));
    expect(e.texts["en-US"]).toContain("is the input file");
    expect(e.texts["nb-NO"]).toContain("er inndatafilen");
    await writeOutput(checkTarget(other, { input, named: true }), BYTES);
    expect(fs.readFileSync(input).length).toBe(4);
  });

  test("a symbolic link to a file is written through (with --force); a link to nothing is refused", async () => {
    const real = path.join(dir, "ekte.xlsx");
    fs.writeFileSync(real, "old");
    const link = path.join(dir, "lenke.xlsx");
    fs.symlinkSync(real, link);
    expect(refusal(() => checkTarget(link, { named: true })).texts["en-US"]).toContain("already exists");
    await writeOutput(checkTarget(link, { named: true, force: true }), BYTES);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(real).length).toBe(4);

    const dangling = path.join(dir, "tom-lenke.xlsx");
    fs.symlinkSync(path.join(dir, "finnes-ikke.xlsx"), dangling);
    expect(refusal(() => checkTarget(dangling, { named: true, force: true })).texts["en-US"]).toContain("is not a regular file");
    expect(fs.existsSync(path.join(dir, "finnes-ikke.xlsx"))).toBe(false);
  });

  test("a file that appears between the check and the write is not replaced; the temporary file goes", async () => {
    const f = path.join(dir, "kappløp.xlsx");
    const target = checkTarget(f, { named: true });
    fs.writeFileSync(f, "someone else's");
    const e = (await writeOutput(target, BYTES).catch((x: unknown) => x)) as LocalizedError;
    expect(e).toBeInstanceOf(LocalizedError);
    expect(e.exitCode).toBe(2);
    expect(fs.readFileSync(f, "utf8")).toBe("someone else's");
    expect(fs.readdirSync(dir)).toEqual(["kappløp.xlsx"]);
  });
});

describe("kbr build and the output file", () => {
  test("the default name keeps .xlsm and follows the same rule (exit 2 when it exists, --force replaces)", async () => {
    expect(defaultOut(path.join(dir, "bok.xlsm"))).toBe(path.join(dir, "bok-kbr.xlsm"));
    expect(defaultOut(path.join(dir, "bok.xlsx"))).toBe(path.join(dir, "bok-kbr.xlsx"));
    expect(defaultOut(path.join(dir, "bok"))).toBe(path.join(dir, "bok-kbr.xlsx"));

    const out = path.join(dir, "plan.xlsx");
    expect(await runBuild({ out, locale: "en-US" }, capture())).toBe(0);
    const input = path.join(dir, "plan.xlsx");
    const taken = defaultOut(input);
    fs.writeFileSync(taken, "mine");
    const io = capture();
    expect(await runBuild({ input, locale: "nb-NO" }, io)).toBe(2);
    expect(io.stderr).toContain(`${taken} finnes fra før`);
    expect(fs.readFileSync(taken, "utf8")).toBe("mine");

    expect(await runBuild({ input, force: true, locale: "en-US" }, capture())).toBe(0);
    expect(fs.readFileSync(taken).subarray(0, 2).toString()).toBe("PK");
    expect(fs.readdirSync(dir).sort()).toEqual(["plan-kbr.xlsx", "plan.xlsx"]);
  });

  test("--out naming the input replaces it; without --out the input is never the target", async () => {
    const input = path.join(dir, "plan.xlsx");
    expect(await runBuild({ out: input, locale: "en-US" }, capture())).toBe(0);
    const before = fs.statSync(input).ino;
    expect(await runBuild({ input, out: input, locale: "en-US" }, capture())).toBe(0);
    // Renamed into place: a new file under the same name.
    expect(fs.statSync(input).ino).not.toBe(before);
    expect(fs.readdirSync(dir)).toEqual(["plan.xlsx"]);
  });

  test("a refusal is printed in the user's language, with no stack and nothing written", async () => {
    const io = capture();
    expect(await runBuild({ out: "/dev/null", locale: "nb-NO" }, io)).toBe(2);
    expect(io.stderr).toContain("/dev/null er ikke en vanlig fil");
    expect(io.stderr).not.toMatch(/\n\s+at /);
    expect(io.stdout).toBe("");
  });
});

/** Runs kbr build in a child that pauses with its temporary file written, and signals it there. */
async function interrupted(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; left: string[] }> {
  const out = path.join(dir, "avbrutt.xlsx");
  const child = spawn(process.execPath, [KBR, "build", "--out", out], {
    env: { ...process.env, KBR_TEST_PAUSE_BEFORE_RENAME: "60000" },
    stdio: "ignore",
  });
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, sig) => resolve({ code, signal: sig })),
  );
  // Wait until the temporary file is there and whole (the pause starts after it is closed).
  const deadline = Date.now() + 30000;
  let seen = false;
  while (Date.now() < deadline && !seen) {
    seen = fs.readdirSync(dir).some((f) => f.endsWith(".kbr-tmp") && fs.statSync(path.join(dir, f)).size > 1000);
    if (!seen) await new Promise((r) => setTimeout(r, 50));
  }
  expect(seen).toBe(true);
  // Give the child a moment past the write to reach the pause.
  await new Promise((r) => setTimeout(r, 300));
  child.kill(signal);
  const result = await ended;
  return { ...result, left: fs.readdirSync(dir) };
}

describe("stopping kbr while it writes", () => {
  test.each(["SIGINT", "SIGTERM"] as const)("%s removes the temporary file and writes nothing", async (signal) => {
    const r = await interrupted(signal);
    expect(r.signal).toBe(signal);
    expect(r.left).toEqual([]);
  }, 60000);
});
