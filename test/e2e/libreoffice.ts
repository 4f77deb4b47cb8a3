/**
 * LibreOffice headless as an independent spreadsheet engine: it opens our .xlsx, recalculates
 * every formula (not trusting the cached results we wrote), and saves an .xlsx we read back.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** The LibreOffice binary, or null when none is installed. */
function sofficePath(): string | null {
  for (const p of [process.env.SOFFICE, "/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]) {
    if (p && fs.existsSync(p)) return p;
  }
  return null;
}

// Recalculation on load: 0 = always (the default, "never", would keep our cached results).
const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/**
 * Recalculates the given .xlsx files in one LibreOffice run (start-up costs seconds) with a
 * throwaway profile. Returns the recalculated copies, in order, in `outDir`.
 */
export function recalculate(files: readonly string[], outDir: string): string[] {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui");
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "kbr-lo-profile-"));
  try {
    fs.mkdirSync(path.join(profile, "user"), { recursive: true });
    fs.writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), PROFILE);
    fs.mkdirSync(outDir, { recursive: true });
    const names = files.map((f) => path.basename(f));
    if (new Set(names).size !== names.length) throw new Error("recalculate: file names must differ");
    execFileSync(
      soffice,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "xlsx:Calc MS Excel 2007 XML",
        "--outdir",
        outDir,
        ...files,
      ],
      { stdio: "pipe", timeout: 170_000 },
    );
    const out = names.map((n) => path.join(outDir, n));
    for (const o of out) if (!fs.existsSync(o)) throw new Error(`LibreOffice did not write ${o}`);
    return out;
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
