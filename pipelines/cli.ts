// `libu <command>`: parses the command line, builds the context and runs one command.
// Errors become one line on stderr and a non-zero exit code; the stack only with --debug.
import { tmpdir } from "node:os";
import { parseArgs } from "node:util";
import type { Command, Context } from "./command.ts";
import { loadConfig, resolveConfigPath } from "./config.ts";
import { maskCpr } from "./cpr.ts";
import { resolveDbPath } from "./db.ts";
import { LibuError, UsageError, diskFullError } from "./errors.ts";
import { interruptible, whileInterruptible } from "./interrupt.ts";
import { createLogger, type Output } from "./log.ts";

const commandNames = ["demo", "load", "rekey", "build", "test", "sql", "site", "report", "run", "docs", "udgiv", "tilsyn", "arbejdslister"] as const;

async function loadCommand(name: string): Promise<Command> {
  const mod = await import(`./commands/${name}.ts`);
  return mod.command as Command;
}

const globalOptions = {
  db: { type: "string" },
  config: { type: "string" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface MainIO {
  stdout?: Output;
  stderr?: Output;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

async function usage(): Promise<string> {
  const lines = ["brug: libu <kommando> [tilvalg]   (libu <kommando> --help for mere)", "", "kommandoer:"];
  for (const name of commandNames) {
    const cmd = await loadCommand(name);
    lines.push(`  ${name.padEnd(13)} ${cmd.summary}`);
  }
  lines.push("", "fælles tilvalg: --db <fil> (ellers $LIBU_DB, ellers data/warehouse.duckdb), --config <fil>, --debug (fejlens detaljer)");
  return lines.join("\n") + "\n";
}

/** Node's parseArgs errors (English) as one Danish line: the option or argument it is about. */
export function argumentProblem(e: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(e.message)?.[1];
  switch (e.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `ukendt tilvalg ${quoted ?? ""}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return /argument missing/.test(e.message) ? `${quoted?.split(" ")[0] ?? "tilvalget"} mangler en værdi` : `${quoted ?? "tilvalget"} tager ingen værdi`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `uventet argument ${quoted ? `"${quoted}"` : ""}`.trim();
    default:
      return e.message.split("\n")[0];
  }
}

export async function main(argv: string[], io: MainIO = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const debug = argv.includes("--debug");
  try {
    const [name, ...rest] = argv;
    if (!name || name === "--help" || name === "-h" || name === "help") {
      stdout.write(await usage());
      return name ? 0 : 2;
    }
    if (!(commandNames as readonly string[]).includes(name)) throw new UsageError(`ukendt kommando "${name}" — se \`libu --help\``);
    const cmd = await loadCommand(name);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...globalOptions, ...cmd.options }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError(`${argumentProblem(e as NodeJS.ErrnoException)} — brug: ${cmd.usage}`);
    }
    const values = parsed.values as Record<string, string | boolean | undefined>;
    if (values.help) {
      stdout.write(`brug: ${cmd.usage}\n\n${cmd.summary}\n${cmd.help ? `\n${cmd.help}\n` : ""}`);
      return 0;
    }
    const configPath = resolveConfigPath(values.config as string | undefined, env, cwd);
    const ctx: Context = {
      cwd,
      env,
      stdout,
      stderr,
      log: createLogger(stderr),
      dbPath: resolveDbPath(values.db as string | undefined, env, cwd),
      config: loadConfig(configPath),
      configPath,
      debug,
    };
    const work = () => cmd.run({ values, positionals: parsed.positionals }, ctx);
    // Only the real process handles signals (tests call main() with their own streams).
    if (interruptible[name] && !io.stderr) await whileInterruptible(interruptible[name], stderr, work);
    else await work();
    return 0;
  } catch (e) {
    // An error may quote a cell (DuckDB's cast errors do): never print a CPR number in clear.
    const write = (text: string) => stderr.write(maskCpr(text));
    if (e instanceof LibuError) {
      write(`libu: ${e.message.split("\n").join("\nlibu: ")}\n`);
      if (debug) write(`${e.stack}\n`);
      return e.exitCode;
    }
    const full = diskFullError(e, `libu ${argv[0]}`, { where: `fx den midlertidige mappe ${tmpdir()} eller lagerets drev` });
    if (full) {
      write(`libu: ${full.message}\n`);
      return 1;
    }
    const err = e as Error;
    write(`libu: uventet fejl: ${String(err?.message ?? err).split("\n")[0]} (kør med --debug for detaljer)\n`);
    if (debug) write(`${err?.stack}\n`);
    return 1;
  }
}
