/**
 * `kbr`: wires the commands to commander. The work is in commands.ts.
 *
 * Start-up: this module loads only commander and the message texts. The workbook machinery
 * (the engine, the package reader and writer) is required inside the actions, so `kbr --help` and usage errors
 * start about as fast as Node itself (bench/cli.bench.ts).
 *
 * Usage errors: commander words them in English. KbrCommand.error, through which commander
 * reports every one of them, rewrites them in the user's language (the code says which error,
 * the English text gives the option or argument), adds a hint to the help, and exits 2.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { pickLocale, say, type Locale } from "../core/i18n";
import type { BuildOptions, CheckOptions } from "./commands";
import type { PopulationsOptions } from "./populations";
import { POPULATION_TEXTS } from "./populationTexts";
import { andList, CLI_MESSAGES, CLI_TEXTS as T, HELP_TITLES, orList, USAGE_MESSAGES as U } from "./messages";

/** The user's language: --lang wins, then LC_ALL, LC_MESSAGES, LANG (POSIX order). */
export function localeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v !== undefined) return pickLocale(v);
  }
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

/** Exit code of a usage error (POSIX convention: 2 for misuse). */
export const USAGE_EXIT = 2;

type ErrorOptions = { code?: string; exitCode?: number };

/** The command line as typed so far, e.g. `kbr check`. */
function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
  return names.join(" ");
}

/** commander's English error text for `code` in the user's language (see the header). */
export function usageMessage(cmd: Command, locale: Locale, message: string, code: string | undefined): string {
  const path = commandPath(cmd);
  const quoted = (re: RegExp) => re.exec(message)?.[1] ?? "";
  let text: string;
  switch (code) {
    case "commander.unknownOption":
      text = say(U.unknownOption, locale, { cmd: path, flag: quoted(/unknown option '([^']*)'/) });
      break;
    case "commander.unknownCommand": {
      const names = cmd.commands.map((c) => c.name()).filter((n) => n !== "help");
      text = say(U.unknownCommand, locale, { cmd: path, name: quoted(/unknown command '([^']*)'/), list: andList(names, locale) });
      break;
    }
    case "commander.missingArgument":
      text = say(U.missingArgument, locale, { cmd: path, name: quoted(/missing required argument '([^']*)'/) });
      break;
    case "commander.optionMissingArgument":
      text = say(U.optionMissingArgument, locale, { cmd: path, flags: quoted(/option '([^']*)' argument missing/) });
      break;
    case "commander.missingMandatoryOptionValue":
      text = say(U.missingMandatoryOption, locale, { cmd: path, flags: quoted(/required option '([^']*)'/) });
      break;
    case "commander.invalidArgument":
      text = say(U.badScenario, locale, { cmd: path, value: quoted(/argument '([^']*)' is invalid/) });
      break;
    case "commander.excessArguments": {
      const expected = cmd.registeredArguments.length;
      text = say(U.excessArguments, locale, { cmd: path, expected, extra: cmd.args.slice(expected).join(" ") });
      break;
    }
    default:
      text = say(U.other, locale, { cmd: path });
  }
  // commander's "(Did you mean --json?)" / "(Did you mean one of a, b?)": the names, translated.
  const similar = /\(Did you mean (?:one of )?(.+)\?\)/.exec(message);
  if (similar) text += " " + say(U.didYouMean, locale, { list: orList(similar[1].split(", "), locale) });
  return `${text}\n${say(U.hint, locale, { cmd: path })}`;
}

/**
 * An equal share as typed after --scenario: 0.3, 0,3, 30% or 30 % (a share from 0 to 1); NaN
 * for anything else. A percentage is divided by 100 (30/100 is the double nearest 0.3).
 */
export function parseShare(text: string): number {
  const t = text.trim();
  const percent = /%$/.test(t);
  const digits = (percent ? t.slice(0, -1).trim() : t).replace(",", ".");
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(digits)) return NaN;
  const v = percent ? Number(digits) / 100 : Number(digits);
  return v >= 0 && v <= 1 ? v : NaN;
}

/** A commander Command whose usage errors speak the user's language; subcommands inherit it. */
class KbrCommand extends Command {
  locale: Locale = "en-US";

  createCommand(name?: string): Command {
    const c = new KbrCommand(name);
    c.locale = this.locale;
    return c;
  }

  error(message: string, errorOptions?: ErrorOptions): never {
    const text = usageMessage(this, this.locale, message, errorOptions?.code);
    return super.error(text, { code: errorOptions?.code, exitCode: USAGE_EXIT });
  }
}

export function makeProgram(locale: Locale, setExit: (code: number) => void): Command {
  const nb = locale === "nb-NO";
  const file = nb ? "<fil>" : "<file>";
  const options = nb ? "[valg]" : "[options]";
  const program = new KbrCommand("kbr");
  program.locale = locale;
  // The version comes from package.json at run time; lib/cli/cli.js sits two levels below it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const version = (require("../../package.json") as { version: string }).version;
  program
    .description(T.description[locale])
    .version(version, "-V, --version", T.version[locale])
    .helpOption("-h, --help", T.help[locale])
    .helpCommand(nb ? "help [kommando]" : "help [command]", T.helpCommand[locale])
    .configureHelp({
      styleTitle: (s: string) => HELP_TITLES[locale][s] ?? s,
      subcommandTerm: (cmd: Command) => `${cmd.name()} ${cmd.usage()}`,
      showGlobalOptions: true,
    })
    .usage(nb ? "[valg] [kommando]" : "[options] [command]")
    .addOption(new Option(nb ? "--lang <språk>" : "--lang <locale>", T.lang[locale]))
    // Errors reach main() as CommanderError instead of ending the process there.
    .exitOverride();

  program
    .command("build")
    .description(T.build[locale])
    .helpOption("-h, --help", T.help[locale])
    .usage(options)
    .option(`--input ${file}`, T.input[locale])
    .option(`--out ${file}`, T.out[locale])
    .option("--force", T.force[locale])
    .option("--json", T.json[locale])
    .option("--with-follow-up", T.withFollowUp[locale])
    .option(
      nb ? "--scenario <andel>" : "--scenario <share>",
      T.scenario[locale],
      (value: string, previous: number[]) => {
        const v = parseShare(value);
        // The message is rewritten in the user's language by KbrCommand.error (invalidArgument).
        if (Number.isNaN(v)) throw new InvalidArgumentError(value);
        return [...previous, v];
      },
      [] as number[],
    )
    .action(async (o: Omit<BuildOptions, "locale">) => {
      // Loaded here, not at the top: see the header.
      const { runBuild, processIo } = await import("./commands");
      setExit(await runBuild({ ...o, locale }, processIo));
    });

  program
    .command("check")
    .description(T.check[locale])
    .helpOption("-h, --help", T.help[locale])
    .usage(`${options} ${file}`)
    .argument(file, T.file[locale])
    .option("--json", T.json[locale])
    .action(async (file: string, o: Omit<CheckOptions, "locale">) => {
      const { runCheck, processIo } = await import("./commands");
      setExit(await runCheck(file, { ...o, locale }, processIo));
    });
  program
    .command("populations")
    .description(POPULATION_TEXTS.command[locale])
    .helpOption("-h, --help", T.help[locale])
    .usage(`${options} ${file}`)
    .argument(file, POPULATION_TEXTS.file[locale])
    .option(`--out ${file}`, POPULATION_TEXTS.out[locale])
    .option("--force", T.force[locale])
    .option(nb ? "--from <svar.json>" : "--from <response.json>", POPULATION_TEXTS.from[locale])
    .option("--use-latest", POPULATION_TEXTS.useLatest[locale])
    .option("--json", POPULATION_TEXTS.json[locale])
    .action(async (file: string, o: Omit<PopulationsOptions, "locale">) => {
      const { runPopulations } = await import("./populations");
      const { processIo } = await import("./commands");
      setExit(await runPopulations(file, { ...o, locale }, processIo));
    });
  return program;
}

/** Exit status after a closed pipe: what a shell reports for a tool ended by SIGPIPE (128 + 13). */
export const EPIPE_EXIT = 141;

/**
 * Failures of standard output and error end the process without a stack trace: a closed pipe
 * (`kbr check x.xlsx --json | head -c1`) quietly, as Unix tools do; anything else (a full disk,
 * an I/O error) with one line on stderr and exit 1. Node reports these as an 'error' event on
 * the stream, which with no listener is thrown as an uncaught exception.
 */
function guardOutput(locale: Locale, exit: (code: number) => void = (c) => process.exit(c)): void {
  const onError = (stream: "stdout" | "stderr") => (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") return exit(EPIPE_EXIT);
    if (stream === "stdout") {
      try {
        process.stderr.write(say(CLI_MESSAGES.outputFailed, locale, { stream, code: e.code ?? "?" }) + "\n");
      } catch {
        // stderr failed too: the exit status is all that is left
      }
    }
    exit(1);
  };
  process.stdout.on("error", onError("stdout"));
  process.stderr.on("error", onError("stderr"));
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const locale = localeFrom(argv.slice(2), process.env);
  guardOutput(locale);
  try {
    await makeProgram(locale, (code) => (process.exitCode = code)).parseAsync([...argv]);
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander has printed the text already. Help and version exit 0; help shown because no
      // command was given is a usage error like the others (commander would exit 1).
      process.exitCode = e.code === "commander.help" && e.exitCode !== 0 ? USAGE_EXIT : e.exitCode;
      return;
    }
    // Commands catch their own failures; this is a last guard so no stack trace reaches users.
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
