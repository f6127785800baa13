// Hand-built fixtures for the KPI tests: rows written straight into the src_ tables of an in-memory
// warehouse (barn_id instead of CPR), one load_log row with the as-of date, then every model built.
// Children are named in the tests ("b1"); barn_id is a UUID in the warehouse, so a name is written as md5(name)::uuid.
import { compileTests, runCompiled } from "../../pipelines/runner/data-tests.ts";
import { discoverModels } from "../../pipelines/runner/models.ts";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { type Config, defaults } from "../../pipelines/config.ts";
import { srcTable, tableNames } from "../../pipelines/contract.ts";
import { type Warehouse, ident, openMemory } from "../../pipelines/db.ts";
import { MODELS_DIR } from "../../pipelines/paths.ts";
import { warehouseDdl } from "../../pipelines/warehouse.ts";

export { MODELS_DIR };

export type FixtureRows = Partial<Record<(typeof tableNames)[number], Record<string, unknown>[]>>;

export async function buildFixture(
  rows: FixtureRows,
  opts: { asOf: string; config?: Partial<Config> },
): Promise<Warehouse> {
  const wh = await openMemory();
  for (const ddl of warehouseDdl()) await wh.run(ddl);
  await wh.run(`insert into load_log (load_id, as_of) values (1, ?::date)`, [opts.asOf]);
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list ?? []) {
      const cols = Object.keys(row);
      const values = cols.map((c) => (row[c] === undefined ? null : (row[c] as string | number | boolean | null)));
      await wh.run(
        `insert into ${srcTable(table)} (${cols.map(ident).join(", ")}) values (${cols.map((c) => (c === "barn_id" ? "md5(?)::uuid" : "?")).join(", ")})`,
        values,
      );
    }
  }
  await buildModels(wh, { modelsDir: MODELS_DIR, config: { ...defaults, ...opts.config }, dataTests: false });
  return wh;
}

/** SQL: the name a test gave the child whose barn_id is `col` (b1 … b99), for expectations that read like the fixture. */
export const childName = (col: string) => `(select n from (select 'b' || range as n from range(1, 100)) where md5(n)::uuid = ${col})`;

/** The mart's rows for one KPI as compact tuples, easy to compare with a hand-written expectation. */
export async function kpiRows(wh: Warehouse, kpi: string) {
  return wh.all<{ kvartal: string; niveau: string; enhed: string | null; taeller: number; naevner: number | null; vaerdi: number }>(
    `select kvartal, niveau, enhed, taeller, naevner, vaerdi from mart_kpi_kvartal where kpi = ? order by kvartal, niveau, enhed nulls first`,
    [kpi],
  );
}

/**
 * An expected `kpiRows` row written by hand: `enhed` NULL is the kommune level; vaerdi as given, else
 * taeller / naevner, or taeller for counts.
 */
export function martRow(kvartal: string, enhed: string | null, taeller: number, naevner: number | null = null, vaerdi?: number) {
  return {
    kvartal,
    niveau: enhed === null ? "kommune" : "enhed",
    enhed,
    taeller,
    naevner,
    vaerdi: vaerdi ?? (naevner === null ? taeller : taeller / naevner),
  };
}

/** One measure row of src_foranstaltninger; unit Nord unless `extra` says otherwise. */
export function measure(id: string, barn: string, type: string, startet: string, ophoert: string | null, extra: Record<string, unknown> = {}) {
  return { foranstaltning_id: id, barn_id: barn, foedselsdato: "2012-06-15", type, startet, ophoert, enhed: "Nord", ...extra };
}

/** Runs the sidecar data tests of the named models on a fixture warehouse; returns those that did not pass. */
export async function failingDataTests(wh: Warehouse, modelNames: string[]) {
  const models = discoverModels(MODELS_DIR).filter((m) => modelNames.includes(m.name));
  const tests = compileTests(models, MODELS_DIR).filter((t) => modelNames.includes(t.model));
  if (!tests.length) throw new Error(`no data tests declared for ${modelNames.join(", ")}`);
  return (await runCompiled(wh, tests)).filter((r) => r.status !== "ok");
}
