// `libu docs`: writes the data dictionary (every table, its description and columns) as Markdown.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dataDictionary } from "../build/docs.ts";
import type { Command } from "../command.ts";
import { REPO_MODELS_DIR } from "./build.ts";

export const command: Command = {
  name: "docs",
  summary: "writes the data dictionary as Markdown",
  usage: "libu docs [--out <file>] [--models <folder>]",
  help: "Default --out: models/DATA_DICTIONARY.md of the repository; --out - writes to stdout. Needs no warehouse.",
  options: { out: { type: "string" }, models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : REPO_MODELS_DIR;
    const text = await dataDictionary(modelsDir);
    if (values.out === "-") {
      ctx.stdout.write(text);
      return;
    }
    const out = values.out ? resolve(ctx.cwd, values.out as string) : join(modelsDir, "DATA_DICTIONARY.md");
    writeFileSync(out, text);
    ctx.log.info(`docs: ${out}`);
  },
};
