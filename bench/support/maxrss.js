// Preloaded (node -r) into a benchmark's child process: prints the process's peak RSS on exit,
// for measure.ts. Plain JS so that it loads without ts-node.
"use strict";
process.on("exit", () => {
  require("fs").writeSync(2, `\nKBR_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
