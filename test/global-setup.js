/**
 * Some tests read the build output (dist/). So that `npm ci && npm test` works on a clean
 * checkout, build once here when dist/ is missing, not a production build, or older than a source.
 */
const { execSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const INFO = path.join(ROOT, "dist", "build-info.json");
const SOURCES = ["src", "scripts", "assets", "manifest.xml", "webpack.config.js"];

function newestMtime(p) {
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((m, name) => Math.max(m, newestMtime(path.join(p, name))), stat.mtimeMs);
}

function needsBuild() {
  if (!fs.existsSync(INFO)) return "dist/ is missing";
  const info = JSON.parse(fs.readFileSync(INFO, "utf8"));
  if (info.mode !== "production") return "dist/ is a development build";
  const built = fs.statSync(INFO).mtimeMs;
  const changed = SOURCES.map((s) => path.join(ROOT, s)).filter((p) => fs.existsSync(p) && newestMtime(p) > built);
  return changed.length ? `sources changed since the last build (${changed.map((p) => path.relative(ROOT, p)).join(", ")})` : null;
}

/** The kbr command runs from lib/ (compiled by `npm run prepare` during npm ci). */
function cliNeedsCompile() {
  const marker = path.join(ROOT, "lib", "cli", "cli.js");
  if (!fs.existsSync(marker)) return "lib/ is missing";
  const compiled = fs.statSync(marker).mtimeMs;
  return newestMtime(path.join(ROOT, "src")) > compiled ? "sources changed since lib/ was compiled" : null;
}

module.exports = async function globalSetup() {
  const why = needsBuild();
  if (why) {
    console.log(`\nBuilding first: ${why} (npm run build)`);
    execSync("npm run build", { cwd: ROOT, stdio: "inherit" });
  }
  const cliWhy = cliNeedsCompile();
  if (cliWhy) {
    console.log(`\nCompiling kbr first: ${cliWhy} (npm run prepare)`);
    execSync("npm run prepare", { cwd: ROOT, stdio: "inherit" });
  }
};
