// Preloaded (node -r) into a benchmark's child process: prints the process's peak RSS and CPU time on exit,
// for measure.ts. Plain JS so that it loads without ts-node.
"use strict";
process.on("exit", () => {
  const u = process.resourceUsage();
  const cpuMs = Math.round((u.userCPUTime + u.systemCPUTime) / 1000);
  require("fs").writeSync(2, `\nKBR_BENCH_MAXRSS_KB=${u.maxRSS} KBR_BENCH_CPU_MS=${cpuMs}\n`);
});
