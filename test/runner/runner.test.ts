import { describe, expect, it } from "vitest";
import { runDataTests, writeTestResults } from "../../pipelines/runner/data-tests.ts";
import { type BuildOptions, buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import { type Warehouse, openMemory } from "../../pipelines/db.ts";
import { BuildError } from "../../pipelines/errors.ts";
import { baseModels, tempModels } from "./helpers.ts";

const opts = (modelsDir: string): BuildOptions => ({ modelsDir, config: defaults, writeResults: writeTestResults });

async function built(files: Record<string, string | object>): Promise<Warehouse> {
  const wh = await openMemory();
  await buildModels(wh, opts(tempModels(files)), runDataTests);
  return wh;
}

const rows = (wh: Warehouse, sql: string) => wh.all<Record<string, unknown>>(sql);

describe("buildModels", () => {
  it("builds every model and stores the test results", async () => {
    const wh = await built(baseModels);
    expect(await rows(wh, "select n, dobbelt from mart_tal order by n")).toEqual([
      { n: 1, dobbelt: 2 },
      { n: 2, dobbelt: 4 },
      { n: 3, dobbelt: 6 },
    ]);
    const results = await rows(wh, "select test, model, kolonne, alvor, status, fejl from data_test_results order by model, test, kolonne");
    expect(results).toEqual([
      { test: "dokumentation", model: "mart_tal", kolonne: null, alvor: "error", status: "ok", fejl: 0 },
      { test: "expression", model: "mart_tal", kolonne: "dobbelt", alvor: "error", status: "ok", fejl: 0 },
      { test: "relationships", model: "mart_tal", kolonne: "n", alvor: "error", status: "ok", fejl: 0 },
      { test: "dokumentation", model: "stg_tal", kolonne: null, alvor: "warn", status: "ok", fejl: 0 },
      { test: "not_null", model: "stg_tal", kolonne: "n", alvor: "error", status: "ok", fejl: 0 },
      { test: "unique", model: "stg_tal", kolonne: "n", alvor: "error", status: "ok", fejl: 0 },
    ]);
    const [{ koert }] = await rows(wh, "select distinct koert from data_test_results");
    expect(koert).toBeInstanceOf(Date);
  });

  it("stores every description with COMMENT ON, visible through duckdb_tables() and duckdb_columns()", async () => {
    const wh = await built(baseModels);
    expect(await rows(wh, "select comment from duckdb_tables() where table_name = 'mart_tal'")).toEqual([{ comment: "numbers doubled" }]);
    expect(
      await rows(wh, "select column_name, comment from duckdb_columns() where table_name in ('mart_tal', 'stg_tal') order by table_name, column_index"),
    ).toEqual([
      { column_name: "n", comment: "the number" },
      { column_name: "dobbelt", comment: "twice the number" },
      { column_name: "n", comment: "a number" },
      { column_name: "bogstav", comment: "a letter" },
    ]);
    // The load and config tables are described too.
    const [{ comment }] = await rows(wh, "select comment from duckdb_columns() where table_name = 'src_underretninger' and column_name = 'barn_id'");
    expect(comment).toMatch(/pseudonym/);
    const [{ c }] = await rows(wh, "select comment as c from duckdb_columns() where table_name = 'cfg_udviklingsplan' and column_name = 'periode'");
    expect(c).toMatch(/YYYY/);
  });

  it("materialises a model as a view when its sidecar says so, described and tested like a table, and switches either way", async () => {
    const asView = { ...baseModels, "staging/stg_tal.json": { ...(baseModels["staging/stg_tal.json"] as object), materialized: "view" } };
    const wh = await openMemory();
    await buildModels(wh, opts(tempModels(baseModels)), runDataTests);
    await buildModels(wh, opts(tempModels(asView)), runDataTests);
    expect(await rows(wh, "select view_name, comment from duckdb_views() where view_name = 'stg_tal'")).toEqual([{ view_name: "stg_tal", comment: "numbers" }]);
    expect(await rows(wh, "select count(*) as n from duckdb_tables() where table_name = 'stg_tal'")).toEqual([{ n: 0n }]);
    expect(await rows(wh, "select comment from duckdb_columns() where table_name = 'stg_tal' order by column_index")).toEqual([
      { comment: "a number" },
      { comment: "a letter" },
    ]);
    expect(await rows(wh, "select status, count(*) as n from data_test_results group by status")).toEqual([{ status: "ok", n: 6n }]);
    expect(await rows(wh, "select sum(dobbelt) as s from mart_tal")).toEqual([{ s: 12n }]);
    await buildModels(wh, opts(tempModels(baseModels)), runDataTests);
    expect(await rows(wh, "select count(*) as n from duckdb_tables() where table_name = 'stg_tal'")).toEqual([{ n: 1n }]);
  });

  it("keeps the previous tables when a model's SQL fails, and names the model and why", async () => {
    const dir = tempModels(baseModels);
    const wh = await openMemory();
    await buildModels(wh, opts(dir), runDataTests);
    const broken = tempModels({ ...baseModels, "marts/mart_tal.sql": "select n, n * 3 as dobbelt from stg_tal", "marts/mart_ny.sql": "select nope from stg_tal" });
    const err = await buildModels(wh, opts(broken), runDataTests).catch((e) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err.message).toMatch(/^modellen mart_ny \(.*mart_ny\.sql\) fejlede: .*nope.*de forrige tabeller beholdes$/);
    expect(err.message.split("\n")).toHaveLength(1);
    // mart_tal was rebuilt (tripled) inside the transaction, then rolled back; mart_ny never existed.
    expect(await rows(wh, "select dobbelt from mart_tal order by n")).toEqual([{ dobbelt: 2 }, { dobbelt: 4 }, { dobbelt: 6 }]);
    expect(await rows(wh, "select count(*) as n from duckdb_tables() where table_name = 'mart_ny'")).toEqual([{ n: 0n }]);
  });

  it("keeps the previous tables when an error-severity test fails, names the test and why, and keeps the results", async () => {
    const wh = await openMemory();
    await buildModels(wh, opts(tempModels(baseModels)), runDataTests);
    const failing = tempModels({ ...baseModels, "marts/mart_tal.sql": "select n, n * 2 + case when n = 3 then 1 else 0 end as dobbelt from stg_tal" });
    const err = await buildModels(wh, opts(failing), runDataTests).catch((e) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err.message).toBe(
      "datatesten expression på mart_tal.dobbelt fejlede: 1 række fejler: dobbelt = 2 * n; de forrige tabeller beholdes",
    );
    expect(await rows(wh, "select dobbelt from mart_tal where n = 3")).toEqual([{ dobbelt: 6 }]);
    // The results of the failed build are kept, written after the rollback.
    expect(await rows(wh, "select test, model, kolonne, status, fejl from data_test_results where status = 'fejl'")).toEqual([
      { test: "expression", model: "mart_tal", kolonne: "dobbelt", status: "fejl", fejl: 1 },
    ]);
  });

  it("does not fail on a failing warn-severity test, and records it", async () => {
    const wh = await built({
      ...baseModels,
      "staging/stg_tal.json": {
        description: "numbers",
        severity: "warn",
        columns: { n: { description: "a number", tests: [{ accepted_values: [1, 2] }] }, bogstav: "a letter" },
      },
    });
    expect(await rows(wh, "select test, kolonne, alvor, status, fejl from data_test_results where status = 'fejl'")).toEqual([
      { test: "accepted_values", kolonne: "n", alvor: "warn", status: "fejl", fejl: 1 },
    ]);
    expect(await rows(wh, "select count(*) as n from mart_tal")).toEqual([{ n: 3n }]);
  });

  it("fails the build on an undocumented mart column, but only warns for other layers", async () => {
    const undocumentedStaging = await built({ ...baseModels, "staging/stg_tal.json": { description: "numbers", columns: { n: "a number" } } });
    expect(await rows(undocumentedStaging, "select model, kolonne, alvor, status, fejl from data_test_results where status = 'fejl'")).toEqual([
      { model: "stg_tal", kolonne: "bogstav", alvor: "warn", status: "fejl", fejl: 1 },
    ]);
    const wh = await openMemory();
    const err = await buildModels(
      wh,
      opts(tempModels({ ...baseModels, "marts/mart_tal.sql": "select n, n * 2 as dobbelt, 0 as ny from stg_tal" })),
      runDataTests,
    ).catch((e) => e);
    expect(err.message).toMatch(/^datatesten dokumentation på mart_tal fejlede: ikke beskrevet i .*mart_tal\.json: ny;/);
    const stale = await openMemory();
    const err2 = await buildModels(
      stale,
      opts(tempModels({ ...baseModels, "marts/mart_tal.sql": "select n from stg_tal" })),
      runDataTests,
    ).catch((e) => e);
    expect(err2.message).toMatch(/dobbelt \(ikke i tabellen\)/);
  });

  it("runs custom SQL tests with the severity and model of their header", async () => {
    const wh = await openMemory();
    const files = {
      ...baseModels,
      "tests/tal_smaa.sql": "-- Numbers stay below 3.\n-- model: mart_tal\n-- kolonne: n\n-- severity: warn\nselect * from mart_tal where n >= 3",
      "tests/tal_positive.sql": "-- model: mart_tal\nselect * from mart_tal where n <= 0",
    };
    await buildModels(wh, opts(tempModels(files)), runDataTests);
    expect(await rows(wh, "select test, model, kolonne, alvor, status, fejl, beskrivelse from data_test_results where model = 'mart_tal' and test like 'tal_%' order by test")).toEqual([
      { test: "tal_positive", model: "mart_tal", kolonne: null, alvor: "error", status: "ok", fejl: 0, beskrivelse: "tal_positive" },
      { test: "tal_smaa", model: "mart_tal", kolonne: "n", alvor: "warn", status: "fejl", fejl: 1, beskrivelse: "Numbers stay below 3." },
    ]);
    const err = await buildModels(wh, opts(tempModels({ ...files, "tests/tal_smaa.sql": "-- model: mart_tal\nselect * from mart_tal where n >= 3" })), runDataTests).catch((e) => e);
    expect(err.message).toMatch(/^datatesten tal_smaa på mart_tal fejlede: 1 række fejler/);
    expect(() => tempModels({ "tests/x.sql": "select 1" })).not.toThrow();
    const noModel = tempModels({ ...baseModels, "tests/x.sql": "select 1" });
    await expect(buildModels(await openMemory(), opts(noModel), runDataTests)).rejects.toThrow(/x\.sql: hovedet skal navngive den testede model/);
  });

  it("fails a test that cannot run instead of passing it", async () => {
    const wh = await openMemory();
    const files = {
      ...baseModels,
      "marts/mart_tal.json": { ...(baseModels["marts/mart_tal.json"] as object), tests: [{ expression: "no_such_column > 0" }] },
    };
    const err = await buildModels(wh, opts(tempModels(files)), runDataTests).catch((e) => e);
    expect(err.message).toMatch(/^datatesten expression på mart_tal fejlede: kunne ikke køre: .*no_such_column/);
  });

  it("a warn test that breaks at run time rolls the build back instead of committing nothing silently", async () => {
    const wh = await openMemory();
    await buildModels(wh, opts(tempModels(baseModels)), runDataTests);
    const files = {
      ...baseModels,
      "marts/mart_tal.sql": "select n, n * 2 as dobbelt, 'x' as tekst from stg_tal",
      "marts/mart_tal.json": {
        description: "numbers doubled",
        columns: { n: "the number", dobbelt: "twice the number", tekst: "text" },
        tests: [{ expression: "cast(tekst as integer) > 0", severity: "warn" }, { expression: "n > 0" }],
      },
    };
    const err = await buildModels(wh, opts(tempModels(files)), runDataTests).catch((e) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err.message).toMatch(/^datatesten expression på mart_tal kunne ikke køre: Conversion Error.*de forrige tabeller beholdes$/);
    expect(await rows(wh, "select column_name from duckdb_columns() where table_name = 'mart_tal'")).toEqual([
      { column_name: "n" },
      { column_name: "dobbelt" },
    ]);
  });

  it("without data tests (the KPI fixtures) builds the models and writes no results", async () => {
    const wh = await openMemory();
    await buildModels(wh, { ...opts(tempModels(baseModels)), dataTests: false }, runDataTests);
    expect(await rows(wh, "select count(*) as n from data_test_results")).toEqual([{ n: 0n }]);
    expect(await rows(wh, "select count(*) as n from mart_tal")).toEqual([{ n: 3n }]);
  });
});
