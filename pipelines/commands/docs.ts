// `libu docs`: writes the data dictionary (every table, its description and columns), the export contract and
// the KPI definitions as Markdown, all derived from the code and the seeds so they cannot drift from them.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dataDictionary } from "../runner/docs.ts";
import { contractMarkdown } from "../contract-doc.ts";
import type { Command } from "../command.ts";
import { kpiMarkdown } from "../kpi-doc.ts";
import { DOCS_DIR, MODELS_DIR } from "../paths.ts";

export const command: Command = {
  name: "docs",
  summary: "skriver dataordbogen, eksportkontrakten og nøgletallenes definitioner som Markdown",
  usage: "libu docs [--out <fil>] [--models <mappe>]",
  help:
    "Standard: repositoriets models/DATA_DICTIONARY.md, docs/contract.md og docs/kpis.md; med --models ordbogen ved siden af de modeller.\n--out <fil> skriver kun ordbogen, dér; --out - til stdout. Kræver intet datavarehus.",
  options: { out: { type: "string" }, models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : MODELS_DIR;
    const text = await dataDictionary(modelsDir);
    if (values.out === "-") {
      ctx.stdout.write(text);
      return;
    }
    // --out: the dictionary only, there. Else beside the models, and for the repository's own models also the
    // contract and the KPI definitions in docs/.
    const dictionary = values.out ? resolve(ctx.cwd, values.out as string) : join(modelsDir, "DATA_DICTIONARY.md");
    const outputs: [string, string][] = [[dictionary, text]];
    if (!values.out && !values.models) {
      outputs.push([join(DOCS_DIR, "contract.md"), contractMarkdown(modelsDir)], [join(DOCS_DIR, "kpis.md"), kpiMarkdown(modelsDir)]);
    }
    for (const [file, content] of outputs) writeFileSync(file, content);
    ctx.log.info(`docs: ${outputs.map(([file]) => file).join(", ")}`);
  },
};
