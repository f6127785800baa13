// A model's sidecar `<name>.json`: the table's and every column's description, and its declared data tests.
// Read strictly: a typo in a test name must fail the build with the file's name, not pass silently.
import { existsSync, readFileSync } from "node:fs";
import { BuildError } from "../errors.ts";

export type Severity = "error" | "warn";

/** One declared test, normalised: `kind` plus its argument, severity and optional row filter. */
export type DeclaredTest =
  | { kind: "not_null"; column: string; severity: Severity; where?: string }
  | { kind: "unique"; columns: string[]; severity: Severity; where?: string }
  | { kind: "accepted_values"; column: string; values: (string | number | boolean)[]; severity: Severity; where?: string }
  | { kind: "relationships"; column: string; to: string; field: string; severity: Severity; where?: string }
  | { kind: "expression"; column?: string; expression: string; severity: Severity; where?: string };

export interface ColumnDoc {
  description?: string;
}

/** How the runner materialises a model: a table (default) or a view (cheap projections of loaded tables). */
export type Materialized = "table" | "view";

export interface Sidecar {
  path: string;
  description?: string;
  materialized: Materialized;
  /** Column name → description, in the order of the file. */
  columns: Map<string, ColumnDoc>;
  tests: DeclaredTest[];
}

const severities: Severity[] = ["error", "warn"];
const columnTestKinds = ["not_null", "unique", "accepted_values", "relationships", "expression"] as const;
const tableTestKinds = ["unique", "expression"] as const;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The sidecar at `path` (a model's or seed's name with `.json`), or undefined when there is none. */
export function readSidecar(path: string): Sidecar | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new BuildError(`${path}: ikke gyldig JSON (${(e as Error).message})`);
  }
  return parseSidecar(raw, path);
}

export function parseSidecar(raw: unknown, path: string): Sidecar {
  const fail = (msg: string): never => {
    throw new BuildError(`${path}: ${msg}`);
  };
  if (!isObject(raw)) fail("skal være et JSON-objekt");
  const top = raw as Json;
  for (const key of Object.keys(top))
    if (!["description", "materialized", "columns", "tests", "severity"].includes(key))
      fail(`ukendt nøgle "${key}" (mulige: description, materialized, columns, tests, severity)`);
  const materialized = (top.materialized ?? "table") as Materialized;
  if (materialized !== "table" && materialized !== "view")
    fail(`"materialized" skal være "table" eller "view", ikke ${JSON.stringify(top.materialized)}`);
  const fileSeverity = parseSeverity(top.severity ?? "error", "severity", fail);
  if (top.description !== undefined && typeof top.description !== "string") fail(`"description" skal være tekst`);
  const columns = new Map<string, ColumnDoc>();
  const tests: DeclaredTest[] = [];
  if (top.columns !== undefined && !isObject(top.columns)) fail(`"columns" skal være et objekt: kolonnenavn → { description, tests }`);
  for (const [name, spec] of Object.entries((top.columns as Json | undefined) ?? {})) {
    const where = `columns.${name}`;
    if (typeof spec === "string") {
      columns.set(name, { description: spec });
      continue;
    }
    if (!isObject(spec)) fail(`${where} skal være et objekt { description, tests } eller en beskrivelse`);
    const col = spec as Json;
    for (const key of Object.keys(col))
      if (!["description", "tests"].includes(key)) fail(`${where}: ukendt nøgle "${key}" (mulige: description, tests)`);
    if (col.description !== undefined && typeof col.description !== "string") fail(`${where}.description skal være tekst`);
    columns.set(name, { description: col.description as string | undefined });
    if (col.tests === undefined) continue;
    if (!Array.isArray(col.tests)) fail(`${where}.tests skal være en liste`);
    for (const t of col.tests as unknown[]) tests.push(parseTest(t, name, fileSeverity, `${where}.tests`, fail));
  }
  if (top.tests !== undefined && !Array.isArray(top.tests)) fail(`"tests" skal være en liste`);
  for (const t of (top.tests as unknown[] | undefined) ?? []) tests.push(parseTest(t, undefined, fileSeverity, "tests", fail));
  return { path, description: top.description as string | undefined, materialized, columns, tests };
}

function parseSeverity(v: unknown, where: string, fail: (m: string) => never): Severity {
  if (!severities.includes(v as Severity)) fail(`${where} skal være "error" eller "warn", ikke ${JSON.stringify(v)}`);
  return v as Severity;
}

/**
 * A test is a bare name (`"not_null"`, `"unique"`) or an object with exactly one test key and the
 * optional keys `severity` and `where` (a SQL condition selecting the rows the test applies to).
 */
function parseTest(
  raw: unknown,
  column: string | undefined,
  fileSeverity: Severity,
  where: string,
  fail: (m: string) => never,
): DeclaredTest {
  const allowed: readonly string[] = column ? columnTestKinds : tableTestKinds;
  if (typeof raw === "string") {
    if (!column) fail(`${where}: en tabeltest skal være et objekt som {"unique": ["a", "b"]}`);
    if (raw !== "not_null" && raw !== "unique") fail(`${where}: ukendt test "${raw}" (navne alene: not_null, unique)`);
    return raw === "not_null"
      ? { kind: "not_null", column: column!, severity: fileSeverity }
      : { kind: "unique", columns: [column!], severity: fileSeverity };
  }
  if (!isObject(raw)) fail(`${where}: en test er et navn eller et objekt`);
  const obj = raw as Json;
  const kinds = Object.keys(obj).filter((k) => k !== "severity" && k !== "where");
  if (kinds.length !== 1 || !allowed.includes(kinds[0]))
    fail(`${where}: ${JSON.stringify(raw)} skal have præcis én af ${allowed.join(", ")} (og evt. severity, where)`);
  const kind = kinds[0];
  const arg = obj[kind];
  const severity = parseSeverity(obj.severity ?? fileSeverity, `${where}: severity`, fail);
  if (obj.where !== undefined && typeof obj.where !== "string") fail(`${where}: "where" skal være en SQL-betingelse som tekst`);
  const base = { severity, ...(obj.where ? { where: obj.where as string } : {}) };
  switch (kind) {
    case "not_null":
      return { kind, column: column!, ...base };
    case "unique": {
      if (column) return { kind, columns: [column], ...base };
      if (!Array.isArray(arg) || !arg.length || !arg.every((c) => typeof c === "string"))
        fail(`${where}: "unique" tager en liste af kolonnenavne`);
      return { kind, columns: arg as string[], ...base };
    }
    case "accepted_values":
      if (!Array.isArray(arg) || !arg.length || !arg.every((v) => ["string", "number", "boolean"].includes(typeof v)))
        fail(`${where}: "accepted_values" tager en ikke-tom liste af værdier`);
      return { kind, column: column!, values: arg as (string | number | boolean)[], ...base };
    case "relationships":
      if (!isObject(arg) || typeof arg.to !== "string" || typeof arg.field !== "string")
        fail(`${where}: "relationships" tager {"to": "<tabel>", "field": "<kolonne>"}`);
      return { kind, column: column!, to: (arg as Json).to as string, field: (arg as Json).field as string, ...base };
    case "expression":
      if (typeof arg !== "string") fail(`${where}: "expression" tager en SQL-betingelse, som hver række skal opfylde`);
      return { kind, ...(column ? { column } : {}), expression: arg as string, ...base };
  }
  return fail(`${where}: ukendt test "${kind}"`);
}
