// The data tests: the ones declared in the models' sidecars, the custom SQL tests in models/tests/*.sql
// and the documentation check. Each becomes one query returning the failing rows; its count is `fejl`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type Warehouse, ident, lit } from "../db.ts";
import { BuildError } from "../errors.ts";
import { critical } from "../interrupt.ts";
import { tableColumns } from "./comments.ts";
import { RESULTS_DDL } from "./runner.ts";
import { type Model, discoverSeeds } from "./models.ts";
import type { DataTestResult, DataTestRunner } from "./runner.ts";
import type { DeclaredTest, Severity, Sidecar } from "./sidecar.ts";

/** A test ready to run: the query returning its failing rows. */
export interface CompiledTest {
  test: string;
  model: string;
  kolonne: string | null;
  alvor: Severity;
  beskrivelse: string;
  sql: string;
}

export interface CustomTest {
  name: string;
  path: string;
  model: string;
  kolonne: string | null;
  alvor: Severity;
  beskrivelse: string;
  sql: string;
}

const sqlValue = (v: string | number | boolean) => (typeof v === "string" ? lit(v) : String(v));

export function compileDeclared(model: string, t: DeclaredTest): CompiledTest {
  const m = ident(model);
  const filter = t.where ? ` and (${t.where})` : "";
  const scope = t.where ? ` where ${t.where}` : "";
  const base = { model, alvor: t.severity };
  switch (t.kind) {
    case "not_null":
      return {
        ...base,
        test: "not_null",
        kolonne: t.column,
        beskrivelse: `${t.column} er aldrig tom (NULL)${scope}`,
        sql: `select * from ${m} where ${ident(t.column)} is null${filter}`,
      };
    case "unique": {
      const cols = t.columns.map(ident).join(", ");
      return {
        ...base,
        test: "unique",
        kolonne: t.columns.join(", "),
        beskrivelse: `ingen to rækker har samme (${t.columns.join(", ")})${scope}`,
        // NULLs group together: a unit-less kommune row must be unique as well.
        sql: `select ${cols}, count(*) as n from ${m}${t.where ? ` where ${t.where}` : ""} group by ${cols} having count(*) > 1`,
      };
    }
    case "accepted_values":
      return {
        ...base,
        test: "accepted_values",
        kolonne: t.column,
        beskrivelse: `${t.column} er en af ${t.values.join(", ")}${scope}`,
        sql: `select * from ${m} where ${ident(t.column)} is not null and ${ident(t.column)} not in (${t.values.map(sqlValue).join(", ")})${filter}`,
      };
    case "relationships":
      return {
        ...base,
        test: "relationships",
        kolonne: t.column,
        beskrivelse: `hver ${t.column} findes som ${t.field} i ${t.to}${scope}`,
        sql: `select * from ${m} as c where c.${ident(t.column)} is not null${filter} and not exists (select 1 from ${ident(t.to)} as p where p.${ident(t.field)} = c.${ident(t.column)})`,
      };
    case "expression":
      return {
        ...base,
        test: "expression",
        kolonne: t.column ?? null,
        beskrivelse: `${t.expression}${scope}`,
        // NULL counts as passing, as in a CHECK constraint: not_null tests NULLs.
        sql: `select * from ${m} where not coalesce((${t.expression}), true)${filter}`,
      };
  }
}

/**
 * A custom test: one query returning the failing rows, with a header of `-- key: value` lines:
 * `model` (required), `severity` (`error` default, or `warn`), `kolonne` (optional). Other leading
 * comment lines describe the test.
 */
export function parseCustomTest(path: string, text: string): CustomTest {
  const header: Record<string, string> = {};
  const prose: string[] = [];
  for (const line of text.split("\n")) {
    const m = /^\s*--\s?(.*)$/.exec(line);
    if (!m) {
      if (line.trim() === "") continue;
      break;
    }
    const kv = /^(model|severity|kolonne):\s*(.+?)\s*$/.exec(m[1]);
    if (kv) header[kv[1]] = kv[2];
    else if (m[1].trim()) prose.push(m[1].trim());
  }
  if (!header.model) throw new BuildError(`${path}: hovedet skal navngive den testede model ("-- model: <tabel>")`);
  const severity = header.severity ?? "error";
  if (severity !== "error" && severity !== "warn")
    throw new BuildError(`${path}: "-- severity:" skal være error eller warn, ikke "${severity}"`);
  return {
    name: basename(path, ".sql"),
    path,
    model: header.model,
    kolonne: header.kolonne ?? null,
    alvor: severity,
    beskrivelse: prose.join(" ") || basename(path, ".sql"),
    sql: text.trim().replace(/;\s*$/, ""),
  };
}

export function discoverCustomTests(modelsDir: string): CustomTest[] {
  const dir = join(modelsDir, "tests");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => parseCustomTest(join(dir, f), readFileSync(join(dir, f), "utf8")));
}

/** Every test of the models (sidecars and custom tests), in model order, before running any. */
export function compileTests(models: Pick<Model, "name" | "sidecar">[], modelsDir: string): CompiledTest[] {
  const tested = [...discoverSeeds(modelsDir), ...models];
  const out: CompiledTest[] = [];
  for (const m of tested) for (const t of m.sidecar?.tests ?? []) out.push(compileDeclared(m.name, t));
  for (const c of discoverCustomTests(modelsDir)) {
    // Comments before the query: DuckDB would accept them, but a subquery needs a clean start.
    const sql = c.sql.replace(/^(\s*--[^\n]*\n)+/, "");
    out.push({ test: c.name, model: c.model, kolonne: c.kolonne, alvor: c.alvor, beskrivelse: c.beskrivelse, sql });
  }
  return out;
}

/**
 * The documentation check, one result per table: `fejl` counts the columns without a description and
 * the documented columns the table does not have (plus a missing table description). Marts must be
 * fully documented (error); other layers and seeds with a sidecar are warned about.
 */
export function documentationResults(
  tables: { name: string; layer: string; sidecar?: Sidecar }[],
  columns: Map<string, string[]>,
): DataTestResult[] {
  return tables.map((t) => {
    const actual = columns.get(t.name) ?? [];
    const documented = t.sidecar?.columns ?? new Map();
    const problems: string[] = [];
    if (!t.sidecar?.description) problems.push("(tabellen)");
    for (const c of actual) if (!documented.get(c)?.description) problems.push(c);
    for (const c of documented.keys()) if (!actual.includes(c)) problems.push(`${c} (ikke i tabellen)`);
    return {
      test: "dokumentation",
      model: t.name,
      kolonne: problems.length ? problems.join(", ") : null,
      alvor: t.layer === "marts" ? "error" : "warn",
      status: problems.length ? "fejl" : "ok",
      fejl: problems.length,
      beskrivelse: problems.length
        ? `ikke beskrevet i ${t.sidecar?.path ?? `${t.name}.json (mangler)`}: ${problems.join(", ")}`
        : "tabellen og hver kolonne har en beskrivelse",
    };
  });
}

export async function runCompiled(wh: Warehouse, tests: CompiledTest[]): Promise<DataTestResult[]> {
  const out: DataTestResult[] = [];
  for (const t of tests) {
    const { sql, ...rest } = t;
    try {
      const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from (\n${sql}\n) as failing`);
      out.push({ ...rest, status: n > 0n ? "fejl" : "ok", fejl: Number(n) });
    } catch (e) {
      // A test that cannot run fails: it proves nothing.
      const msg = (e as Error).message.split("\n")[0];
      // A run-time error (not a binder error) aborts DuckDB's open transaction: then nothing built can
      // be committed, whatever the test's severity.
      if (!(await transactionUsable(wh)))
        throw new BuildError(`datatesten ${t.test} på ${t.model} kunne ikke køre: ${msg}; de forrige tabeller beholdes`);
      out.push({ ...rest, status: "fejl", fejl: 0, beskrivelse: `kunne ikke køre: ${msg}` });
    }
  }
  return out;
}

async function transactionUsable(wh: Warehouse): Promise<boolean> {
  try {
    await wh.all("select 1");
    return true;
  } catch {
    return false;
  }
}

/** The hook `buildModels` calls inside its transaction, and `libu test` on a built warehouse. */
export const runDataTests: DataTestRunner = async (wh, models, modelsDir) => {
  const columns = await tableColumns(wh);
  const seeds = discoverSeeds(modelsDir)
    .filter((s) => s.sidecar)
    .map((s) => ({ ...s, layer: "seeds" }));
  const docs = documentationResults([...seeds, ...models], columns);
  return [...docs, ...(await runCompiled(wh, compileTests(models, modelsDir)))];
};

/** Replaces the stored results with this run's. Called after the build's commit or rollback. */
export async function writeTestResults(wh: Warehouse, results: DataTestResult[], koert = new Date()): Promise<void> {
  await critical(() => replaceResults(wh, results, koert));
}

async function replaceResults(wh: Warehouse, results: DataTestResult[], koert: Date): Promise<void> {
  await wh.run("begin transaction");
  try {
    await wh.run("drop table if exists data_test_results");
    await wh.run(RESULTS_DDL);
    const stamp = koert.toISOString().replace("T", " ").replace("Z", "");
    const chunk = 200;
    for (let i = 0; i < results.length; i += chunk) {
      const part = results.slice(i, i + chunk);
      const params = part.flatMap((r) => [r.test, r.model, r.kolonne, r.alvor, r.status, r.fejl, stamp, r.beskrivelse ?? null]);
      await wh.run(
        `insert into data_test_results values ${part.map(() => "(?, ?, ?, ?, ?, ?, ?::timestamp, ?)").join(", ")}`,
        params,
      );
    }
    await commentResultsTable(wh);
    await wh.run("commit");
  } catch (e) {
    await wh.run("rollback");
    throw e;
  }
}

async function commentResultsTable(wh: Warehouse): Promise<void> {
  const cols: Record<string, string> = {
    test: "the test: not_null, unique, accepted_values, relationships, expression, dokumentation, or a custom test's file name",
    model: "the table tested",
    kolonne: "the column(s) tested; for dokumentation the undocumented columns",
    alvor: "severity: error (fails the build) or warn",
    status: "ok or fejl",
    fejl: "number of failing rows (0 with status fejl: the test could not run, see beskrivelse)",
    koert: "when the tests ran (UTC)",
    beskrivelse: "what the test checks, or why it could not run",
  };
  await wh.run(`comment on table data_test_results is ${lit("Results of the latest run of the data tests (libu build / libu test), kept when the build fails.")}`);
  for (const [c, d] of Object.entries(cols)) await wh.run(`comment on column data_test_results.${ident(c)} is ${lit(d)}`);
}
