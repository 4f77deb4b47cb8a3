#!/usr/bin/env node
/**
 * Fails (exit 1) when the TypeScript modules under a folder (default src/) import each other in a
 * cycle, and prints each cycle. Type-only imports count too: a cycle of types is still a layering
 * error (a lower module knowing the one above it). Uses dpdm's API on every .ts file of the
 * folder, not only the bundles' entries, so a module no entry reaches is checked as well.
 *
 *   node scripts/check-cycles.js [folder]
 */
"use strict";
const path = require("path");
const { parseDependencyTree, parseCircular, prettyCircular } = require("dpdm");

const ROOT = path.resolve(__dirname, "..");

/** The import cycles among the .ts files under `folder`, each as a list of paths relative to the repository. */
async function findCycles(folder) {
  const dir = path.resolve(ROOT, folder);
  const tree = await parseDependencyTree("**/*.ts", {
    cwd: dir,
    context: ROOT,
    extensions: [".ts", ".js", ".json"],
    transform: false,
    skipDynamicImports: false,
    tsconfig: path.join(ROOT, "tsconfig.json"),
  });
  return parseCircular(tree);
}

async function main() {
  const folder = process.argv[2] || "src";
  const cycles = await findCycles(folder);
  if (cycles.length === 0) {
    console.log(`check-cycles: no import cycle in ${folder}/`);
    return 0;
  }
  console.error(`check-cycles: ${cycles.length} import cycle(s) in ${folder}/ (each line: a module that, through the ones after it, imports itself):`);
  console.error(prettyCircular(cycles, "  "));
  console.error("Move what both sides need into a module below them (as src/core/types.ts does for the engine's types).");
  return 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`check-cycles: ${e && e.stack ? e.stack : e}`);
      process.exit(2);
    },
  );
}

module.exports = { findCycles };
