// `libu build`: seeds, configuration and every model in one transaction, then the data tests.
// A failing model or error-severity test rolls everything back; the test results are kept.
import { resolve } from "node:path";
import type { Command } from "../command.ts";
import { MODELS_DIR } from "../paths.ts";
import { buildWarehouse } from "../runner/build-warehouse.ts";

export const command: Command = {
  name: "build",
  summary: "runs the SQL models in dependency order, then the data tests",
  usage: "libu build [--db <file>] [--models <folder>]",
  help:
    "Fails (exit 4) on a failing model or an error-severity data test; the previous tables are then kept.\n" +
    "The data-test results are stored in data_test_results either way.",
  options: { models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : MODELS_DIR;
    await buildWarehouse({ dbPath: ctx.dbPath, modelsDir, config: ctx.config, log: ctx.log });
  },
};
