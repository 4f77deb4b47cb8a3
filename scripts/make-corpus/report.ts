/**
 * Prints, as Markdown, what `kbr build --input` does to each corpus file, part by part: how
 * many parts came in, how many came out unchanged, which the build edited, added or removed,
 * and which of those break the lossless rule (test/corpus/parts.ts). For the note.
 *
 * Usage: node -r ts-node/register scripts/make-corpus/report.ts   (runs the build in process)
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runBuild } from "../../src/cli/commands";
import { GENERATED_SHEETS } from "../../src/core/engine";
import { comparePackages, readParts } from "../../test/corpus/parts";

const CORPUS = path.resolve(__dirname, "..", "..", "test", "corpus");

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-corpus-report-"));
  const lines = ["| File | Parts in | Kept unchanged | Edited (allowed) | Now a generated sheet's part | Added | Lost or damaged |", "|---|---:|---:|---|---|---:|---|"];
  try {
    for (const file of fs.readdirSync(CORPUS).filter((f) => /\.xls[xm]$/.test(f)).sort()) {
      const input = path.join(CORPUS, file);
      const out = path.join(dir, file);
      let errText = "";
      const code = await runBuild({ input, out, locale: "en-US" }, { out: () => undefined, err: (t) => (errText += t) });
      const before = await readParts(input);
      if (code !== 0 || !fs.existsSync(out)) {
        lines.push(`| ${file} | ${before.size} | – | – | – | – | build exit ${code}: ${errText.trim().replace(/\|/g, "\\|").slice(0, 160)} |`);
        continue;
      }
      const r = comparePackages(before, await readParts(out), GENERATED_SHEETS);
      const kept = before.size - r.removed.length - r.changed.length;
      const owned = new Set(r.owned);
      const edited = r.changed.filter((p) => !owned.has(p) && !r.violations.some((v) => v.includes(p)));
      const taken = r.changed.filter((p) => owned.has(p));
      const list = (xs: string[]) => (xs.length ? xs.map((x) => `\`${x}\``).join(", ") : "–");
      lines.push(`| ${file} | ${before.size} | ${kept} | ${list(edited)} | ${list(taken)} | ${r.added.length} | ${r.violations.length ? r.violations.map((v) => v.replace(/\|/g, "\\|")).join("; ") : "none"} |`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(lines.join("\n"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
