/** An Io for runBuild/runCheck that keeps what the command printed (tests only). */
import type { Io } from "../../src/cli/commands";

export function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: "",
    stderr: "",
    out(t: string) {
      io.stdout += t + "\n";
    },
    err(t: string) {
      io.stderr += t + "\n";
    },
  };
  return io;
}
