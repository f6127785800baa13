// `libu docs`: writes the data dictionary (every table, its description and columns) and the export
// contract as Markdown, both derived from the code so they cannot drift from it.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { dataDictionary } from "../build/docs.ts";
import { contractMarkdown } from "../contract-doc.ts";
import type { Command } from "../command.ts";
import { REPO_MODELS_DIR } from "./build.ts";

export const command: Command = {
  name: "docs",
  summary: "writes the data dictionary and the export contract as Markdown",
  usage: "libu docs [--out <file>] [--models <folder>]",
  help:
    "Default: models/DATA_DICTIONARY.md and data/CONTRACT.md of the repository; with --models, the dictionary beside those models. --out <file> writes the dictionary only, there; --out - to stdout. Needs no warehouse.",
  options: { out: { type: "string" }, models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : REPO_MODELS_DIR;
    const text = await dataDictionary(modelsDir);
    if (values.out === "-") {
      ctx.stdout.write(text);
      return;
    }
    if (values.out) {
      const out = resolve(ctx.cwd, values.out as string);
      writeFileSync(out, text);
      ctx.log.info(`docs: ${out}`);
      return;
    }
    const dictionary = join(modelsDir, "DATA_DICTIONARY.md");
    writeFileSync(dictionary, text);
    if (values.models) {
      ctx.log.info(`docs: ${dictionary}`);
      return;
    }
    // The contract document belongs to the repository's data/ folder, beside the demo it describes.
    const contract = join(dirname(modelsDir), "data", "CONTRACT.md");
    writeFileSync(contract, contractMarkdown(modelsDir));
    ctx.log.info(`docs: ${dictionary}, ${contract}`);
  },
};
