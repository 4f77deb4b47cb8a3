/**
 * Runs one benchmark case in a child Node process and measures its wall time and peak RSS.
 * Peak RSS comes from two places, whichever is larger: the child's own
 * process.resourceUsage().maxRSS printed at exit (maxrss.js, preloaded with -r), and, on Linux,
 * VmHWM from /proc/<pid>/status sampled while it runs (which still has a figure when the child
 * is killed or V8 aborts). Wall time is what the targets are about; CPU time (user + system,
 * from the same hook) is printed beside it because the machine may be shared. A child past its
 * time limit is killed (SIGKILL) and reported so.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");
const HOOK = path.join(__dirname, "maxrss.js");

export interface Measured {
  ms: number;
  /** Peak resident set size in MB (1024 * 1024 bytes), null if it could not be measured. */
  peakMB: number | null;
  /** User + system CPU time in ms, when the child exited normally (null when killed). */
  cpuMs: number | null;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

function vmHwmKb(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** `node [-r maxrss.js] ...nodeArgs`, killed after `timeoutMs`. */
export function measureNode(nodeArgs: string[], timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-r", HOOK, ...nodeArgs], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    let peakKb = 0;
    const sample = () => {
      const kb = child.pid ? vmHwmKb(child.pid) : null;
      if (kb !== null) peakKb = Math.max(peakKb, kb);
    };
    const poll = setInterval(sample, 50);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      sample();
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("exit", () => sample());
    child.on("close", (code, signal) => {
      clearInterval(poll);
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const hook = /KBR_BENCH_MAXRSS_KB=(\d+) KBR_BENCH_CPU_MS=(\d+)/.exec(stderr);
      if (hook) peakKb = Math.max(peakKb, Number(hook[1]));
      stderr = stderr.replace(/\n?KBR_BENCH_MAXRSS_KB=\d+ KBR_BENCH_CPU_MS=\d+\n?/, "");
      resolve({ ms, peakMB: peakKb > 0 ? peakKb / 1024 : null, cpuMs: hook ? Number(hook[2]) : null, code, signal, timedOut, stdout, stderr });
    });
  });
}

/**
 * `kbr` as users run it: bin/kbr.js on the compiled lib/ (compiled first when stale).
 * KBR_BENCH_BIN=<path to another checkout's bin/kbr.js> measures that one instead (figures
 * "before" a change, from a compiled copy of the older code).
 */
export function kbrArgs(...args: string[]): string[] {
  return [process.env.KBR_BENCH_BIN || path.join(ROOT, "bin", "kbr.js"), ...args];
}

/** A TypeScript child script through ts-node (transpile only). */
export function tsArgs(script: string, ...args: string[]): string[] {
  return ["-r", "ts-node/register", script, ...args];
}

function newest(p: string): number {
  const s = fs.statSync(p);
  if (!s.isDirectory()) return s.mtimeMs;
  return fs.readdirSync(p).reduce((m, n) => Math.max(m, newest(path.join(p, n))), s.mtimeMs);
}

/** Compiles lib/ (tsc -p tsconfig.cli.json) when it is missing or older than src/. */
export function ensureCompiledCli(): void {
  const marker = path.join(ROOT, "lib", "cli", "cli.js");
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= newest(path.join(ROOT, "src"))) return;
  console.log("compiling kbr (tsc -p tsconfig.cli.json)…");
  execFileSync(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.cli.json"], { cwd: ROOT, stdio: "inherit" });
}

export function describe(m: Measured): string {
  const rss = m.peakMB === null ? "? MB" : `${m.peakMB.toFixed(0)} MB`;
  const end = m.timedOut ? `killed at the time limit` : m.signal ? `signal ${m.signal}` : `exit ${m.code}`;
  const cpu = m.cpuMs === null ? "" : ` (CPU ${(m.cpuMs / 1000).toFixed(1)} s)`;
  return `${(m.ms / 1000).toFixed(1)} s${cpu}, peak RSS ${rss} (${end})`;
}

export function verdict(m: Measured, maxSeconds: number, maxMB: number): string {
  const ok = !m.timedOut && m.ms <= maxSeconds * 1000 && m.peakMB !== null && m.peakMB <= maxMB;
  return ok ? "OK" : "OVER TARGET";
}

/** One line with the baseline a child pays before doing anything (node, and node + ts-node). */
export async function baselines(): Promise<string> {
  const plain = await measureNode(["-e", "0"], 30_000);
  const ts = await measureNode(["-r", "ts-node/register", "-e", "0"], 30_000, { TS_NODE_TRANSPILE_ONLY: "1" });
  return `  baseline: node -e 0 ${plain.peakMB?.toFixed(0)} MB; node -r ts-node/register ${ts.peakMB?.toFixed(0)} MB (the bare ExcelJS child runs through ts-node)`;
}

/** A build bench's verdict on kbr: slow (timed out) is reported, not a failure; a crash is. */
export function kbrOutcome(kbr: Measured): number {
  if (kbr.timedOut || kbr.code === 0) return 0;
  console.log(`  kbr failed: ${kbr.stderr.trim().split("\n").slice(-3).join(" | ")}`);
  return 1;
}

/** Runs a bench's main in its own process: its result is the exit code, a throw is a failure. */
export function runBench(main: () => Promise<number>): void {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
