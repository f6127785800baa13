// `libu test`: the data tests only, against the warehouse as built. Non-zero on an error-severity failure.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { runDataTests, writeTestResults } from "../runner/data-tests.ts";
import { discoverModels, orderModels } from "../runner/models.ts";
import { describeFailure, testTarget } from "../runner/runner.ts";
import { testSummary } from "../runner/test-summary.ts";
import type { Command } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { BuildError, LibuError } from "../errors.ts";
import { MODELS_DIR } from "../paths.ts";

export const command: Command = {
  name: "test",
  summary: "kører kun datatestene mod datavarehuset, som det er bygget",
  usage: "libu test [--db <fil>] [--models <mappe>]",
  help: "Skriver resultaterne og gemmer dem i data_test_results; kode 4 når en test af alvor error fejler.",
  options: { models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : MODELS_DIR;
    const models = orderModels(discoverModels(modelsDir));
    if (!existsSync(ctx.dbPath)) throw new LibuError(`${ctx.dbPath}: her er intet datavarehus endnu — kør først \`libu load <mappe>\` og \`libu build\``);
    const wh = await openWarehouse(ctx.dbPath);
    try {
      const results = await runDataTests(wh, models, modelsDir);
      await writeTestResults(wh, results);
      for (const r of results) {
        const status = r.status === "ok" ? "ok" : r.alvor === "error" ? "FEJL" : "advarsel";
        ctx.stdout.write(`${status.padEnd(8)} ${r.test} ${testTarget(r)}${r.status === "fejl" ? ` — ${r.fejl} række(r): ${r.beskrivelse ?? ""}` : ""}\n`);
      }
      ctx.log.info(testSummary(results));
      const failed = results.filter((r) => r.status === "fejl" && r.alvor === "error");
      const more = failed.length > 1 ? ` (og ${failed.length - 1} test mere fejler, se ovenfor)` : "";
      if (failed.length) throw new BuildError(`${describeFailure(failed[0])}${more}`);
    } finally {
      wh.close();
    }
  },
};
