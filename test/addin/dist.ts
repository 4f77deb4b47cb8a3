/** Access to the build output for the build-dependent tests (CI runs `npm run build` before `npm test`). */
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");

/** Reads dist/<name>; fails with the fix when the build has not been run. */
export function readDist(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) throw new Error(`dist/${name} is missing: run npm run build first`);
  return fs.readFileSync(file, "utf8");
}

export interface BuildInfo {
  mode: "production" | "development";
  baseUrl: string;
}

export function buildInfo(): BuildInfo {
  return JSON.parse(readDist("build-info.json")) as BuildInfo;
}
