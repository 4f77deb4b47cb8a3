/**
 * Writing `kbr build`'s output file, whatever produced the bytes.
 *
 * Design: `checkTarget` decides before any work whether the target may be written (it refuses
 * with a bilingual LocalizedError, exit 2): only a regular file or a new name in an existing,
 * writable folder; an existing file other than the input only with --force; the input only
 * when --out names it; never a read-only file (even with --force). `writeOutput` then writes
 * the bytes to a temporary file in the target's folder (same file system, so the final step is
 * an atomic rename) and moves it into place: the target is either the old file or the whole new
 * one, never half-written. A new name is claimed with link(2), which fails if the name has
 * appeared meanwhile, so a file created after the check is not replaced either. The temporary
 * file is removed on any failure and when the process is stopped by SIGINT, SIGTERM or SIGHUP
 * while writing (the handlers are installed, before the file is created, only for that time;
 * then the signal is re-raised so the exit status says how the process ended).
 */
import * as fs from "fs";
import * as path from "path";
import { both } from "../core/i18n";
import { LocalizedError } from "../xlsx/messages";
import { OUTPUT_MESSAGES as M } from "./messages";

export interface TargetOptions {
  /** The --input file, when given. */
  input?: string;
  /** True when the user named the target with --out (the input may then be replaced). */
  named: boolean;
  /** --force: an existing file other than the input may be replaced. */
  force?: boolean;
}

/** What checkTarget decided: where to write, and whether a file is replaced there. */
export interface Target {
  /** The path given, as the user wrote it (for messages). */
  file: string;
  /** The path written to: the target itself, or the file a symbolic link points at. */
  real: string;
  /** The existing file's permission bits, kept on the new file; null for a new file. */
  mode: number | null;
}

function refuse(texts: Record<"nb-NO" | "en-US", string>): never {
  throw new LocalizedError(texts, 2);
}

/** Same file: same device and inode (covers other spellings, symbolic and hard links). */
function sameFile(a: fs.Stats, b: fs.Stats): boolean {
  return a.dev === b.dev && a.ino === b.ino;
}

/** No write permission for anyone, or not for us (root passes access(2), so look at the bits too). */
function readOnly(file: string, st: fs.Stats): boolean {
  if ((st.mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/** Decides whether `file` may be written; refuses (exit 2, both languages) when not. */
export function checkTarget(file: string, opts: TargetOptions): Target {
  let st: fs.Stats | null = null;
  try {
    st = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A dangling symbolic link: writing would create a file somewhere else than named.
    if (code === "ENOENT" && isLink(file)) refuse(both(M.notRegular, { file }));
    if (code !== "ENOENT") refuse(both(M.cannotUse, { file, code: code ?? "?" }));
  }
  if (st === null) {
    // `ut/` names a folder that does not exist, not a file called `ut`.
    if (/[\\/]$/.test(file)) refuse(both(M.noFolder, { file, folder: file }));
    const dir = path.dirname(path.resolve(file));
    let dirSt: fs.Stats;
    try {
      dirSt = fs.statSync(dir);
    } catch {
      return refuse(both(M.noFolder, { file, folder: dir }));
    }
    if (!dirSt.isDirectory()) refuse(both(M.noFolder, { file, folder: dir }));
    if (!writableFolder(dir)) refuse(both(M.folderReadOnly, { file, folder: dir }));
    return { file, real: path.resolve(file), mode: null };
  }
  if (!st.isFile()) refuse(both(st.isDirectory() ? M.isFolder : M.notRegular, { file }));
  const real = fs.realpathSync(file);
  let isInput = false;
  if (opts.input !== undefined) {
    try {
      isInput = sameFile(st, fs.statSync(opts.input));
    } catch {
      // the input is missing: reading it reports that
    }
  }
  if (isInput && !opts.named) refuse(both(M.wouldReplaceInput, { file }));
  if (!isInput && !opts.force) refuse(both(M.exists, { file }));
  if (readOnly(real, st)) refuse(both(M.readOnly, { file }));
  if (!writableFolder(path.dirname(real))) refuse(both(M.folderReadOnly, { file, folder: path.dirname(real) }));
  return { file, real, mode: st.mode & 0o7777 };
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function writableFolder(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Signals that end kbr while it writes: Ctrl-C, kill, a closed terminal. */
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Writes `bytes` to the checked target through a temporary file in its folder. Refuses (exit
 * 2) when the target appeared since the check; a failed write leaves no file behind (exit 1).
 *
 * The clean-up is in place before the temporary file can exist: the signal handlers are
 * installed first, and the file counts as possibly there from the moment open(2) is asked for
 * (a signal may arrive while the open is in flight, after the kernel made the file).
 */
export async function writeOutput(target: Target, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target.real);
  const tmp = path.join(dir, `.${path.basename(target.real)}.${process.pid}.kbr-tmp`);
  let mayExist = false;
  const cleanUp = () => {
    if (!mayExist) return;
    try {
      fs.unlinkSync(tmp);
    } catch {
      // not made, or already gone
    }
    mayExist = false;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    removeHandlers();
    // Re-raise with the default action, so the parent sees "killed by SIGINT" (exit 130).
    process.kill(process.pid, signal);
  };
  const removeHandlers = () => {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener("exit", cleanUp);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  process.on("exit", cleanUp);
  try {
    await testPause("KBR_TEST_PAUSE_BEFORE_OPEN");
    mayExist = true;
    let fh: fs.promises.FileHandle;
    try {
      fh = await fs.promises.open(tmp, "wx", target.mode ?? 0o666);
    } catch (e) {
      // EEXIST: the name is someone else's file, not ours to remove.
      if ((e as NodeJS.ErrnoException).code === "EEXIST") mayExist = false;
      throw e;
    }
    try {
      await fh.writeFile(bytes);
      if (target.mode !== null) await fh.chmod(target.mode);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await testPause("KBR_TEST_PAUSE_BEFORE_RENAME");
    if (target.mode === null) claimNewName(tmp, target);
    else fs.renameSync(tmp, target.real);
    mayExist = false;
  } catch (e) {
    cleanUp();
    if (e instanceof LocalizedError) throw e;
    throw new LocalizedError(both(M.writeFailed, { file: target.file, code: (e as NodeJS.ErrnoException).code ?? "?" }), 1);
  } finally {
    removeHandlers();
  }
}

/** Moves the temporary file to a name that did not exist, failing if it exists now. */
function claimNewName(tmp: string, target: Target): void {
  try {
    fs.linkSync(tmp, target.real);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") refuse(both(M.exists, { file: target.file }));
    // File systems without hard links (some network and FAT mounts): check again, then rename.
    if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EOPNOTSUPP" && code !== "ENOSYS") throw e;
    if (fs.existsSync(target.real)) refuse(both(M.exists, { file: target.file }));
    fs.renameSync(tmp, target.real);
    return;
  }
  fs.unlinkSync(tmp);
}

/**
 * Test hooks: KBR_TEST_PAUSE_BEFORE_OPEN / KBR_TEST_PAUSE_BEFORE_RENAME=<ms> wait that long
 * before the temporary file is created / with it written, so a test can signal the process
 * there. Unset in normal use.
 */
async function testPause(name: string): Promise<void> {
  const ms = Number(process.env[name]);
  if (ms > 0) await new Promise((r) => setTimeout(r, ms));
}
