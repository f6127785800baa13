// `libu build`: seeds, configuration and every model in one transaction, then the data tests.
// A failing model or error-severity test rolls everything back; the test results are kept.
import { resolve } from "node:path";
import type { Command } from "../command.ts";
import { MODELS_DIR } from "../paths.ts";
import { buildWarehouse } from "../runner/build-warehouse.ts";

export const command: Command = {
  name: "build",
  summary: "bygger datavarehusets tabeller: kører SQL-modellerne i afhængighedsorden og derefter datatestene",
  usage: "libu build [--db <fil>] [--models <mappe>]",
  help:
    "Fejler (kode 4) hvis en model eller en datatest af alvor error fejler; så beholdes de forrige tabeller.\n" +
    "Datatestenes resultater gemmes i data_test_results under alle omstændigheder.\n" +
    "--models <mappe>: modeller fra en anden mappe end repositoriets models/.",
  options: { models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : MODELS_DIR;
    await buildWarehouse({ dbPath: ctx.dbPath, modelsDir, config: ctx.config, log: ctx.log });
  },
};
