/** `kbr`: wires the commands to commander. The work is in commands.ts. */
import { Command, Option } from "commander";
import { pickLocale, type Locale } from "../core/i18n";
import { processIo, runBuild, runCheck } from "./commands";
import { CLI_TEXTS as T, HELP_TITLES } from "./messages";

/** The user's language: --lang wins, then LC_ALL, LC_MESSAGES, LANG (POSIX order). */
export function localeFrom(argv: readonly string[], env: NodeJS.ProcessEnv): Locale {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = a === "--lang" ? argv[i + 1] : a.startsWith("--lang=") ? a.slice(7) : undefined;
    if (v !== undefined) return pickLocale(v);
  }
  return pickLocale(env.LC_ALL || env.LC_MESSAGES || env.LANG);
}

export function makeProgram(locale: Locale, setExit: (code: number) => void): Command {
  const nb = locale === "nb-NO";
  const file = nb ? "<fil>" : "<file>";
  const options = nb ? "[valg]" : "[options]";
  const program = new Command("kbr");
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
    .showHelpAfterError();

  program
    .command("build")
    .description(T.build[locale])
    .helpOption("-h, --help", T.help[locale])
    .usage(options)
    .option(`--input ${file}`, T.input[locale])
    .option(`--out ${file}`, T.out[locale])
    .option("--json", T.json[locale])
    .action(async (o: { input?: string; out?: string; json?: boolean }) => {
      setExit(await runBuild({ ...o, locale }, processIo));
    });

  program
    .command("check")
    .description(T.check[locale])
    .helpOption("-h, --help", T.help[locale])
    .usage(`${options} ${file}`)
    .argument(file, T.file[locale])
    .option("--json", T.json[locale])
    .action(async (file: string, o: { json?: boolean }) => {
      setExit(await runCheck(file, { ...o, locale }, processIo));
    });
  return program;
}

export async function main(argv: readonly string[] = process.argv): Promise<void> {
  const locale = localeFrom(argv.slice(2), process.env);
  try {
    await makeProgram(locale, (code) => (process.exitCode = code)).parseAsync([...argv]);
  } catch (e) {
    // Commands catch their own failures; this is a last guard so no stack trace reaches users.
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
