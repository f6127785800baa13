// Every statement the loader runs goes through here: DuckDB errors can echo cell values (a conversion
// error quotes the value), so their messages are cut to one line and CPR-masked before anyone sees them.
import type { DuckDBValue } from "@duckdb/node-api";
import { maskCpr } from "../cpr.ts";
import type { Warehouse } from "../db.ts";
import { LibuError, diskFullError } from "../errors.ts";

type Params = DuckDBValue[] | Record<string, DuckDBValue>;

export function cleanError(e: unknown, what: string): LibuError {
  if (e instanceof LibuError) return e;
  const full = diskFullError(e, what, { unchanged: true });
  if (full) return full;
  // The load's own temp tables (`_libu_ny_underretninger`, …) are named by their contract table: users never see them.
  const msg = String((e as Error)?.message ?? e).split("\n")[0].replace(/\b_libu_[a-z]+_(?=[a-z])/g, "");
  return new LibuError(`${what}: ${maskCpr(msg)}`);
}

export async function run(wh: Warehouse, what: string, sql: string, params?: Params): Promise<void> {
  try {
    await wh.run(sql, params);
  } catch (e) {
    throw cleanError(e, what);
  }
}

export async function all<T = Record<string, unknown>>(wh: Warehouse, what: string, sql: string, params?: Params): Promise<T[]> {
  try {
    return await wh.all<T>(sql, params);
  } catch (e) {
    throw cleanError(e, what);
  }
}
