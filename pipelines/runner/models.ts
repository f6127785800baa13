// Finding the models and their order: one `select` per file, dependencies read from the SQL itself.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { withContractDescriptions } from "../contract-staging.ts";
import { BuildError } from "../errors.ts";
import { type Sidecar, readSidecar } from "./sidecar.ts";

export const layers = ["staging", "intermediate", "marts"] as const;
export type Layer = (typeof layers)[number];

export interface Model {
  name: string;
  layer: Layer;
  path: string;
  sql: string;
  /** Other models this one reads, found in its SQL. */
  dependsOn: string[];
  /**
   * Descriptions and data tests from `<name>.json` beside the SQL, if there is one; a staging model's columns listed
   * without a description take the contract's (contract-staging.ts).
   */
  sidecar?: Sidecar;
}

export interface Seed {
  name: string;
  path: string;
  /** Descriptions and data tests from `seeds/<name>.json`, if there is one. */
  sidecar?: Sidecar;
}

export function discoverSeeds(modelsDir: string): Seed[] {
  const dir = join(modelsDir, "seeds");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".csv"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      return { name: basename(f, ".csv"), path, sidecar: readSidecar(path.replace(/\.csv$/, ".json")) };
    });
}

/** A model-level SQL macro: `macros/<name>.sql` holds one `create or replace macro <name>(…) as …`. */
export interface Macro {
  name: string;
  path: string;
  sql: string;
}

/**
 * The macros of `macros/` (models/README.md "Macros"): one per file, named after it, created by the runner before
 * any seed or model, so every model reads "the quarter of a date" or "active on day D" from one definition.
 */
export function discoverMacros(modelsDir: string): Macro[] {
  const dir = join(modelsDir, "macros");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .map((f) => {
      const path = join(dir, f);
      const name = basename(f, ".sql");
      const sql = readFileSync(path, "utf8");
      const declared = stripCommentsAndStrings(sql).match(/^\s*create\s+or\s+replace\s+macro\s+([a-z_][a-z0-9_]*)\s*\(/i)?.[1];
      if (declared?.toLowerCase() !== name) {
        throw new BuildError(`makroen i ${path} skal begynde med \`create or replace macro ${name}(…)\` (én makro pr. fil, navngivet efter filen)`);
      }
      return { name, path, sql };
    });
}

/** The SQL without comments and string literals, so names in them don't count as dependencies. */
export function stripCommentsAndStrings(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, " ")
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/'(?:[^']|'')*'/g, "''");
}

export function discoverModels(modelsDir: string): Model[] {
  const found: Omit<Model, "dependsOn" | "sidecar">[] = [];
  for (const layer of layers) {
    const dir = join(modelsDir, layer);
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
      const path = join(dir, file);
      found.push({ name: basename(file, ".sql"), layer, path, sql: readFileSync(path, "utf8") });
    }
  }
  const names = new Set(found.map((m) => m.name));
  const seen = new Map<string, string>();
  for (const m of found) {
    if (seen.has(m.name)) throw new BuildError(`modellen ${m.name} er defineret to gange: ${seen.get(m.name)} og ${m.path}`);
    seen.set(m.name, m.path);
  }
  return found.map((m) => {
    const words = new Set(stripCommentsAndStrings(m.sql).toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
    const dependsOn = [...words].filter((w) => names.has(w) && w !== m.name).sort();
    return { ...m, dependsOn, sidecar: withContractDescriptions(m.name, readSidecar(m.path.replace(/\.sql$/, ".json"))) };
  });
}

/** Models in dependency order (stable: by layer, then name, where the graph leaves a choice). */
export function orderModels(models: Model[]): Model[] {
  const byName = new Map(models.map((m) => [m.name, m]));
  const state = new Map<string, "visiting" | "done">();
  const ordered: Model[] = [];
  const visit = (m: Model, path: string[]) => {
    if (state.get(m.name) === "done") return;
    if (state.get(m.name) === "visiting") {
      throw new BuildError(`modellerne afhænger af hinanden i ring: ${[...path, m.name].join(" → ")}`);
    }
    state.set(m.name, "visiting");
    for (const dep of m.dependsOn) visit(byName.get(dep)!, [...path, m.name]);
    state.set(m.name, "done");
    ordered.push(m);
  };
  for (const m of models) visit(m, []);
  return ordered;
}
