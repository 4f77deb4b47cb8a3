#!/usr/bin/env node
"use strict";
// The compiled CLI (npm run prepare: tsc -p tsconfig.cli.json -> lib/).
let cli;
try {
  cli = require("../lib/cli/cli.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]cli\.js/.test(String(e.message))) {
    process.stderr.write("kbr: lib/ is missing; run `npm run prepare` (or `npm ci`) first.\n");
    process.exit(1);
  }
  throw e;
}
cli.main(process.argv);
