// `libu docs`: writes the data dictionary (every table, its description and columns) and the export
// contract as Markdown, both derived from the code so they cannot drift from it.
import { writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { dataDictionary } from "../runner/docs.ts";
import { contractMarkdown } from "../contract-doc.ts";
import type { Command } from "../command.ts";
import { MODELS_DIR } from "../paths.ts";

export const command: Command = {
  name: "docs",
  summary: "writes the data dictionary and the export contract as Markdown",
  usage: "libu docs [--out <file>] [--models <folder>]",
  help:
    "Default: models/DATA_DICTIONARY.md and data/CONTRACT.md of the repository; with --models, the dictionary beside those models. --out <file> writes the dictionary only, there; --out - to stdout. Needs no warehouse.",
  options: { out: { type: "string" }, models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : MODELS_DIR;
    const text = await dataDictionary(modelsDir);
    if (values.out === "-") {
      ctx.stdout.write(text);
      return;
    }
    // --out: the dictionary only, there. Else beside the models, and for the repository's own models also the
    // contract document in data/, beside the demo it describes.
    const dictionary = values.out ? resolve(ctx.cwd, values.out as string) : join(modelsDir, "DATA_DICTIONARY.md");
    const outputs: [string, string][] = [[dictionary, text]];
    if (!values.out && !values.models) outputs.push([join(dirname(modelsDir), "data", "CONTRACT.md"), contractMarkdown(modelsDir)]);
    for (const [file, content] of outputs) writeFileSync(file, content);
    ctx.log.info(`docs: ${outputs.map(([file]) => file).join(", ")}`);
  },
};
