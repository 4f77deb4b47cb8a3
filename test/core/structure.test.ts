/**
 * The module structure of src/: no import cycles (scripts/check-cycles.js, also run by `npm run
 * lint`), enforced here too so a cycle fails the unit tests. The script is run as the lint runs
 * it, as a separate process, and once on a two-file cycle to show it does catch one.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";

const ROOT = resolve(__dirname, "..", "..");
const SCRIPT = join(ROOT, "scripts", "check-cycles.js");

function run(folder?: string): { status: number; output: string } {
  try {
    const out = execFileSync(process.execPath, folder ? [SCRIPT, folder] : [SCRIPT], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { status: 0, output: out };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { status: err.status, output: `${err.stdout}${err.stderr}` };
  }
}

describe("scripts/check-cycles.js", () => {
  test("src/ has no import cycle", () => {
    const { status, output } = run();
    expect(output).toContain("no import cycle in src/");
    expect(status).toBe(0);
  });

  test("a cycle through a type-only import fails with exit 1 and names both modules", () => {
    const dir = mkdtempSync(join(tmpdir(), "kbr-cycle-"));
    try {
      writeFileSync(join(dir, "model.ts"), 'import type { Finding } from "./checks";\nexport interface Model { findings: Finding[] }\n');
      writeFileSync(join(dir, "checks.ts"), 'import type { Model } from "./model";\nexport interface Finding { id: string }\nexport const check = (m: Model): Finding[] => m.findings;\n');
      writeFileSync(join(dir, "leaf.ts"), "export const leaf = 1;\n");
      const { status, output } = run(dir);
      expect(status).toBe(1);
      expect(output).toMatch(/1 import cycle/);
      expect(output).toMatch(/(checks\.ts -> .*model\.ts)|(model\.ts -> .*checks\.ts)/);
      expect(output).not.toContain("leaf.ts");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("eslint-plugin-office-addins in the lint", () => {
  // An Office.js mistake the plugin's recommended rules catch: a *OrNullObject compared with null.
  const PROBE = [
    "export async function probe(context: Excel.RequestContext): Promise<boolean> {",
    '  const sheet = context.workbook.worksheets.getItemOrNullObject("Kommunebidrag");',
    "  await context.sync();",
    "  return sheet === null;",
    "}",
    "",
  ].join("\n");

  function lint(asFile: string): string {
    try {
      return execFileSync(process.execPath, [join(ROOT, "node_modules/eslint/bin/eslint.js"), "--stdin", "--stdin-filename", asFile], {
        cwd: ROOT,
        input: PROBE,
        encoding: "utf8",
      });
    } catch (e) {
      return (e as { stdout: string }).stdout;
    }
  }

  test.each(["src/excel/probe.ts", "src/taskpane/probe.ts", "src/functions/probe.ts"])("checks %s", (file) => {
    expect(lint(file)).toContain("office-addins/test-for-null-using-isNullObject");
  });

  test("leaves the file host (src/xlsx) alone, whose plain objects look like Office.js proxies", () => {
    expect(lint("src/xlsx/probe.ts")).not.toContain("office-addins/");
  });
});
