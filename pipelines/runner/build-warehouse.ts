// A whole build of a warehouse file: the models, then the data tests, their results stored and reported.
// `libu build` and `libu run` call it; commands stay a thin layer of flags over it.
import type { Config } from "../config.ts";
import { openWarehouse } from "../db.ts";
import { formatDuration, type Logger } from "../log.ts";
import { runDataTests, writeTestResults } from "./data-tests.ts";
import { type BuildResult, buildModels } from "./runner.ts";
import { reportTests } from "./test-summary.ts";

export interface BuildWarehouseOptions {
  dbPath: string;
  modelsDir: string;
  config: Config;
  log: Logger;
}

/** Builds every model in `modelsDir` into the warehouse at `dbPath`; throws BuildError on a failing model or test. */
export async function buildWarehouse({ dbPath, modelsDir, config, log }: BuildWarehouseOptions): Promise<BuildResult> {
  const wh = await openWarehouse(dbPath);
  const start = performance.now();
  try {
    const result = await buildModels(wh, { modelsDir, config, log, writeResults: (w, r) => writeTestResults(w, r) }, async (w, models, dir) => {
      const results = await runDataTests(w, models, dir);
      reportTests(log, results);
      return results;
    });
    const [{ n }] = await wh.all<{ n: bigint }>("select count(*) as n from load_log");
    if (n === 0n) log.warn("datavarehuset har endnu ingen indlæsning, så tabellerne er tomme — kør først `libu load <mappe>`");
    log.info(`build: ${result.models.length} modeller, ${result.tests.length} datatests (${formatDuration(performance.now() - start)})`);
    return result;
  } finally {
    wh.close();
  }
}
