// What every command gets: its parsed flags and the side effects passed in, so commands can be tested.
import type { ParseArgsConfig } from "node:util";
import type { Config } from "./config.ts";
import type { Logger, Output } from "./log.ts";

export interface Context {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: Output;
  /** Progress and log lines. */
  stderr: Output;
  log: Logger;
  /** The resolved warehouse path (--db, $LIBU_DB, data/warehouse.duckdb). */
  dbPath: string;
  config: Config;
  configPath: string;
  debug: boolean;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Extra help text shown after the usage line. */
  help?: string;
  options: NonNullable<ParseArgsConfig["options"]>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }, ctx: Context): Promise<void>;
}
