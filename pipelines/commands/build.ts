// `libu build`: seeds, configuration and every model in one transaction, then the data tests.
// A failing model or error-severity test rolls everything back; the test results are kept.
import { join, resolve } from "node:path";
import { runDataTests, writeTestResults } from "../build/data-tests.ts";
import { buildModels, type DataTestResult, describeFailure } from "../build/runner.ts";
import type { Command } from "../command.ts";
import { openWarehouse } from "../db.ts";
import { formatDuration, type Logger } from "../log.ts";

/** The repository's models; `--models` points elsewhere (tests, a municipality's own fork). */
export const REPO_MODELS_DIR = join(import.meta.dirname, "../../models");

export const command: Command = {
  name: "build",
  summary: "runs the SQL models in dependency order, then the data tests",
  usage: "libu build [--db <file>] [--models <folder>]",
  help:
    "Fails (exit 4) on a failing model or an error-severity data test; the previous tables are then kept.\n" +
    "The data-test results are stored in data_test_results either way.",
  options: { models: { type: "string" } },
  async run({ values }, ctx) {
    const modelsDir = values.models ? resolve(ctx.cwd, values.models as string) : REPO_MODELS_DIR;
    const wh = await openWarehouse(ctx.dbPath);
    const start = performance.now();
    try {
      const result = await buildModels(
        wh,
        { modelsDir, config: ctx.config, log: ctx.log, writeResults: (w, r) => writeTestResults(w, r) },
        async (w, models, dir) => {
          const results = await runDataTests(w, models, dir);
          reportTests(ctx.log, results);
          return results;
        },
      );
      const [{ n }] = await wh.all<{ n: bigint }>("select count(*) as n from load_log");
      if (n === 0n) ctx.log.warn("the warehouse holds no load yet: the marts are empty — run `libu load <folder>` first");
      ctx.log.info(
        `build: ${result.models.length} modeller, ${result.tests.length} datatests (${formatDuration(performance.now() - start)})`,
      );
    } finally {
      wh.close();
    }
  },
};

/** `datatests: 300 ok, 1 fejl, 2 advarsler` */
export function testSummary(results: DataTestResult[]): string {
  const failed = results.filter((r) => r.status === "fejl");
  const errors = failed.filter((r) => r.alvor === "error").length;
  return `datatests: ${results.length - failed.length} ok, ${errors} fejl, ${failed.length - errors} advarsler`;
}

/** Terse lines: the summary, then each failing test (warnings too). */
export function reportTests(log: Logger, results: DataTestResult[]) {
  log.info(testSummary(results));
  for (const r of results.filter((x) => x.status === "fejl"))
    (r.alvor === "error" ? log.info : log.warn)(`  ${describeFailure(r)} (${r.alvor})`);
}
