// `libu build`: seeds, configuration tables and every model in dependency order, then the data tests,
// all in one transaction — a failing model or error-severity test leaves the previous marts in place.
import type { Config } from "../config.ts";
import { type Warehouse, ident, lit } from "../db.ts";
import { BuildError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { warehouseDdl } from "../warehouse.ts";
import { type Model, discoverModels, discoverSeeds, orderModels } from "./models.ts";

export interface BuildOptions {
  modelsDir: string;
  config: Config;
  log?: Logger;
  /** Run the data tests after the models (default true). */
  dataTests?: boolean;
}

export interface BuildResult {
  models: { name: string; rows: number; ms: number }[];
  /** Filled by the data tests (pipelines/build/data-tests.ts). */
  tests: DataTestResult[];
}

export interface DataTestResult {
  test: string;
  model: string;
  kolonne: string | null;
  alvor: "error" | "warn";
  status: "ok" | "fejl";
  fejl: number;
}

/** Hook for the data tests; set by data-tests.ts so the runner stays independent of how tests are declared. */
export type DataTestRunner = (wh: Warehouse, models: Model[], modelsDir: string) => Promise<DataTestResult[]>;

export async function writeConfigTables(wh: Warehouse, config: Config): Promise<void> {
  await wh.run(`create or replace table cfg_kommune as select
    ${lit(config.kommune)} as kommune,
    ${config.opfoelgningIntervalMaaneder}::integer as opfoelgning_interval_maaneder,
    ${config.diskretionsgraense}::integer as diskretionsgraense,
    ${config.farvegraenser.groen}::double as farve_groen,
    ${config.farvegraenser.gul}::double as farve_gul`);
  await wh.run(`create or replace table cfg_lukkedage (dag varchar, navn varchar)`);
  for (const d of config.lukkedage) await wh.run(`insert into cfg_lukkedage values (?, ?)`, [d.dag, d.navn]);
  await wh.run(`create or replace table cfg_udviklingsplan (kpi varchar, periode varchar, maal double, enhed varchar)`);
  for (const t of config.udviklingsplan)
    await wh.run(`insert into cfg_udviklingsplan values (?, ?, ?, ?)`, [t.kpi, t.periode, t.maal, t.enhed ?? null]);
}

export async function loadSeeds(wh: Warehouse, modelsDir: string): Promise<void> {
  for (const seed of discoverSeeds(modelsDir)) {
    await wh.run(
      `create or replace table ${ident(seed.name)} as select * from read_csv(${lit(seed.path)}, header = true, auto_detect = true)`,
    );
  }
}

export async function buildModels(
  wh: Warehouse,
  opts: BuildOptions,
  runDataTests?: DataTestRunner,
): Promise<BuildResult> {
  const models = orderModels(discoverModels(opts.modelsDir));
  const result: BuildResult = { models: [], tests: [] };
  await wh.run("begin transaction");
  try {
    for (const ddl of warehouseDdl()) await wh.run(ddl);
    await loadSeeds(wh, opts.modelsDir);
    await writeConfigTables(wh, opts.config);
    for (const model of models) {
      const start = performance.now();
      try {
        await wh.run(`create or replace table ${ident(model.name)} as\n${model.sql.trim().replace(/;\s*$/, "")}`);
      } catch (e) {
        const msg = (e as Error).message.split("\n")[0];
        throw new BuildError(`model ${model.name} (${model.path}) failed: ${msg}`);
      }
      const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from ${ident(model.name)}`);
      const ms = performance.now() - start;
      result.models.push({ name: model.name, rows: Number(n), ms });
      opts.log?.info(`  ${model.name}: ${Number(n).toLocaleString("da-DK")} rækker (${Math.round(ms)} ms)`);
    }
    if (runDataTests && opts.dataTests !== false) {
      result.tests = await runDataTests(wh, models, opts.modelsDir);
      const failed = result.tests.filter((t) => t.status === "fejl" && t.alvor === "error");
      if (failed.length) {
        throw new BuildError(
          `${failed.length} data test(s) failed; the previous marts are kept:\n` +
            failed.map((t) => `  ${t.test} on ${t.model}${t.kolonne ? `.${t.kolonne}` : ""}: ${t.fejl} failing row(s)`).join("\n"),
        );
      }
    }
    await wh.run("commit");
  } catch (e) {
    await wh.run("rollback");
    throw e;
  }
  return result;
}
