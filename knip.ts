/**
 * knip finds unused files, exports and dependencies (`npm run lint:unused`: `knip`, then
 * `knip --production`, which follows only the product's entry points, so code that only tests use
 * shows up). The entries below are the product's and the project's real ones; knip's webpack and
 * jest plugins add the webpack entries (src/functions/functions.ts, src/taskpane/taskpane.ts, the
 * custom functions' metadata src/functions/metadata.nb-NO.json that webpack.config.js reads), the
 * tests of both jest configs and test/global-setup.js by themselves, and the bench script's
 * bench/index.ts.
 *
 * An export tagged `/** @internal *\/` is one its own module's product code uses and a unit test
 * reaches directly; --production skips those (knip's documented way), so it still reports code that
 * only tests use.
 */
import type { KnipConfig } from "knip";

const production = process.argv.includes("--production");

const config: KnipConfig = {
  entry: [
    // The kbr binary: bin/kbr.js requires the compiled lib/cli/cli.js (tsc -p tsconfig.cli.json).
    "src/cli/cli.ts!",
    // Benchmarks: bench/index.ts runs each bench/*.bench.ts in its own process; the benches spawn
    // bench/support's child scripts by path.
    "bench/*.bench.ts",
    "bench/support/bare-exceljs.ts",
    "bench/support/maxrss.js",
    // Build helpers (webpack.config.js requires two; make-icons.js is run by hand, check-cycles.js
    // by `npm run lint`) and the corpus makers (run by scripts/make-corpus/make.sh).
    "scripts/*.js",
    "scripts/make-corpus/*.ts",
    // Loaded by path: the browser tests put the workbook double into the page; jest maps
    // office-addin-manifest to its stub.
    "test/e2e/browser/workbook-double.js",
    "test/stubs/*.js",
  ],
  project: ["src/**/*.ts!", "bin/**/*.js!", "scripts/**/*.{js,ts}", "bench/**/*.{js,ts}", "test/**/*.{js,ts}"],
  // `npm start` / `npm stop` (sideloading into Excel for development) run this dev dependency;
  // --production counts the start script but only production dependencies, so it would call the
  // binary unlisted.
  ignoreBinaries: production ? ["office-addin-debugging"] : [],
  ignoreDependencies: [
    // Loaded by path, not imported: the browser tests serve node_modules/@microsoft/office-js/dist.
    "@microsoft/office-js",
    // Not imported: pinned at the top level so that webpack's schema-utils/ajv-keywords find ajv 8.
    "ajv",
  ],
};

export default config;
