// The model runner (`libu build`): seeds, configuration tables and every model in dependency order, then the data tests,
// all in one transaction — a failing model or error-severity test leaves the previous marts in place.
import type { Config } from "../config.ts";
import { type Warehouse, ident, lit } from "../db.ts";
import { BuildError } from "../errors.ts";
import { critical } from "../interrupt.ts";
import type { Logger } from "../log.ts";
import { defaultMacrosDdl } from "../contract-staging.ts";
import { allTables } from "../contract.ts";
import { warehouseDdl } from "../warehouse.ts";
import { commentFixedTables, commentTable, mainRelations, tableColumns } from "./comments.ts";
import { type Model, discoverMacros, discoverModels, discoverSeeds, orderModels } from "./models.ts";

export interface BuildOptions {
  modelsDir: string;
  config: Config;
  log?: Logger;
  /** Run the data tests after the models (default true). */
  dataTests?: boolean;
  /**
   * Stores the data-test results after the commit or the rollback, so a failed build still explains
   * itself (`libu build` passes data-tests.ts's `writeTestResults`).
   */
  writeResults?: (wh: Warehouse, results: DataTestResult[]) => Promise<void>;
}

export interface BuildResult {
  models: { name: string; rows: number; ms: number }[];
  /** Filled by the data tests (pipelines/runner/data-tests.ts). */
  tests: DataTestResult[];
}

export interface DataTestResult {
  test: string;
  model: string;
  kolonne: string | null;
  alvor: "error" | "warn";
  status: "ok" | "fejl";
  fejl: number;
  /** What the test checks, or why it could not run. */
  beskrivelse?: string;
}

/** The results table; it exists (empty) after any build so readers need not check for it. */
export const RESULTS_DDL = `create table if not exists data_test_results (
  test varchar, model varchar, kolonne varchar, alvor varchar, status varchar, fejl integer,
  koert timestamp, beskrivelse varchar)`;

/** `model.kolonne` (the documentation check lists its columns in its description instead). */
export const testTarget = (r: DataTestResult) => `${r.model}${r.kolonne && r.test !== "dokumentation" ? `.${r.kolonne}` : ""}`;

/** One line: which test failed on which table and column, and why. */
export function describeFailure(r: DataTestResult): string {
  const why = r.test === "dokumentation" || r.fejl === 0 ? (r.beskrivelse ?? "") : `${r.fejl} ${r.fejl === 1 ? "række fejler" : "rækker fejler"}: ${r.beskrivelse ?? ""}`;
  return `datatesten ${r.test} på ${testTarget(r)} fejlede: ${why}`;
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
  await wh.run(`create or replace table cfg_data_fra (tabel varchar, data_fra date)`);
  if (config.dataFra) await wh.run(`insert into cfg_data_fra values (null, ?::date)`, [config.dataFra]);
  for (const [tabel, dato] of Object.entries(config.dataFraTabel ?? {})) await wh.run(`insert into cfg_data_fra values (?, ?::date)`, [tabel, dato]);
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
    if (seed.sidecar) await commentModel(wh, seed.name, seed.sidecar);
  }
}

/** A table's column names, read from an empty result (cheaper than the catalog, and KPI fixtures build often). */
async function tableColumnNames(wh: Warehouse, table: string): Promise<string[]> {
  const reader = await wh.connection.runAndReadAll(`select * from ${ident(table)} limit 0`);
  return reader.columnNames();
}

async function commentModel(wh: Warehouse, name: string, sidecar: NonNullable<Model["sidecar"]>, kind: "table" | "view" = "table"): Promise<void> {
  const cols = [...sidecar.columns].map(([c, d]) => [c, d.description] as [string, string | undefined]);
  await commentTable(wh, name, sidecar.description, cols, await tableColumnNames(wh, name), kind);
}


/** Descriptions of the load and config tables (the models' are stored as each is built). */
async function commentBaseTables(wh: Warehouse): Promise<void> {
  await commentFixedTables(wh, await tableColumns(wh));
}

export async function buildModels(
  wh: Warehouse,
  opts: BuildOptions,
  runDataTests?: DataTestRunner,
): Promise<BuildResult> {
  const models = orderModels(discoverModels(opts.modelsDir));
  const macros = discoverMacros(opts.modelsDir);
  const result: BuildResult = { models: [], tests: [] };
  await wh.run("begin transaction");
  let testsRan = false;
  let committed = false;
  try {
    for (const ddl of [...warehouseDdl(), ...defaultMacrosDdl(allTables), RESULTS_DDL]) await wh.run(ddl);
    for (const macro of macros) {
      try {
        await wh.run(macro.sql.trim().replace(/;\s*$/, ""));
      } catch (e) {
        throw new BuildError(`makroen ${macro.name} (${macro.path}) fejlede: ${(e as Error).message.split("\n")[0]}; de forrige tabeller beholdes`);
      }
    }
    await loadSeeds(wh, opts.modelsDir);
    await writeConfigTables(wh, opts.config);
    await commentBaseTables(wh);
    // By name, so a model can change from table to view or back.
    const existing = new Map((await mainRelations(wh)).map((r) => [r.name, r.kind]));
    for (const model of models) {
      const start = performance.now();
      const kind = model.sidecar?.materialized ?? "table";
      try {
        // A model that changed between table and view: CREATE OR REPLACE cannot change an object's type.
        const before = existing.get(model.name);
        if (before && before !== kind) await wh.run(`drop ${before} ${ident(model.name)}`);
        await wh.run(`create or replace ${kind} ${ident(model.name)} as\n${model.sql.trim().replace(/;\s*$/, "")}`);
      } catch (e) {
        const msg = (e as Error).message.split("\n")[0];
        throw new BuildError(`modellen ${model.name} (${model.path}) fejlede: ${msg}; de forrige tabeller beholdes`);
      }
      if (model.sidecar) await commentModel(wh, model.name, model.sidecar, kind);
      const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from ${ident(model.name)}`);
      const ms = performance.now() - start;
      result.models.push({ name: model.name, rows: Number(n), ms });
      opts.log?.info(`  ${model.name}: ${Number(n).toLocaleString("da-DK")} rækker (${Math.round(ms)} ms)`);
    }
    if (runDataTests && opts.dataTests !== false) {
      result.tests = await runDataTests(wh, models, opts.modelsDir);
      testsRan = true;
      const failed = result.tests.filter((t) => t.status === "fejl" && t.alvor === "error");
      if (failed.length) {
        const more = failed.length > 1 ? ` (og ${failed.length - 1} test mere fejler, se data_test_results)` : "";
        throw new BuildError(`${describeFailure(failed[0])}${more}; de forrige tabeller beholdes`);
      }
    }
    // DuckDB's commit of an aborted transaction rolls back without an error: make sure it is alive.
    await wh.all("select 1").catch((e: Error) => {
      throw new BuildError(`byggeriets transaktion blev afbrudt (${e.message.split("\n")[0]}); de forrige tabeller beholdes`);
    });
    // The commit and the results that go with it: a Ctrl+C waits for both (interrupt.ts), so a stopped build
    // has either changed nothing or everything.
    await critical(async () => {
      await wh.run("commit");
      committed = true;
      if (testsRan && opts.writeResults) await opts.writeResults(wh, result.tests);
    });
  } catch (e) {
    if (committed) throw e;
    await wh.run("rollback");
    // The results explain the failure, so they are kept even when the models are rolled back.
    if (testsRan && opts.writeResults) await opts.writeResults(wh, result.tests);
    throw e;
  }
  return result;
}
