// What staging takes from the contract, so that the contract stays its only home:
// - the defaults of empty cells, as one SQL macro per column with a default, `standard_<table>_<column>(x)`, which
//   the runner creates before the models and the staging model applies (`standard_handleplaner_type(type) as type`);
// - the descriptions of the columns staging passes on unchanged: a column of `stg_<table>` that its sidecar lists
//   without a description takes the contract's (the src_ column's; for a column with a default, with
//   "; empty → <default>"). A sidecar writes a description only where staging changes or derives the column.
import { type Column, type Table, tableByName } from "./contract.ts";
import { ident, lit } from "./db.ts";
import type { Sidecar } from "./runner/sidecar.ts";
import { srcColumns } from "./warehouse.ts";

/** The macro that applies the contract's default of `table.column` in staging. */
export const defaultMacro = (table: string, column: string) => `standard_${table}_${column}`;

const sqlValue = (v: string | boolean) => (typeof v === "boolean" ? String(v) : lit(v));

/** `create or replace macro` for every column of the contract with a default. */
export function defaultMacrosDdl(tables: readonly Table[]): string[] {
  return tables.flatMap((t) =>
    t.columns
      .filter((c): c is Column & { default: string | boolean } => c.default !== undefined)
      .map((c) => `create or replace macro ${ident(defaultMacro(t.name, c.name))}(x) as coalesce(x, ${sqlValue(c.default)})`),
  );
}

/** The contract's description of a column as staging passes it on. */
function stagedDescription(col: { name: string; description: string }, contract: Column | undefined): string {
  return contract?.default !== undefined ? `${col.description}; empty → ${contract.default}` : col.description;
}

/** The contract table a staging model stages (`stg_<table>`), if it is one. */
export const stagedTable = (model: string): Table | undefined => (model.startsWith("stg_") ? tableByName(model.slice(4)) : undefined);

/** The sidecar of model `model` with the descriptions staging takes from the contract filled in (module comment). */
export function withContractDescriptions(model: string, sidecar: Sidecar | undefined): Sidecar | undefined {
  const table = stagedTable(model);
  if (!table || !sidecar) return sidecar;
  const src = new Map(srcColumns(table).map((c) => [c.name, c]));
  const columns = new Map(sidecar.columns);
  for (const [name, doc] of columns) {
    const col = src.get(name);
    if (doc.description || !col) continue;
    columns.set(name, { ...doc, description: stagedDescription(col, table.columns.find((c) => c.name === name)) });
  }
  return { ...sidecar, columns };
}

/** What the contract would say about each of a staging sidecar's columns (tests compare the sidecars with it). */
export function contractDescriptions(model: string): Map<string, string> {
  const table = stagedTable(model);
  if (!table) return new Map();
  return new Map(srcColumns(table).map((c) => [c.name, stagedDescription(c, table.columns.find((x) => x.name === c.name))]));
}
