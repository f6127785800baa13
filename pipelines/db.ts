// Opening the warehouse: one DuckDB file (--db, else $LIBU_DB, else data/warehouse.duckdb).
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { LibuError } from "./errors.ts";

export const DEFAULT_DB = "data/warehouse.duckdb";

export function resolveDbPath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, flag ?? env.LIBU_DB ?? DEFAULT_DB);
}

export interface Warehouse {
  path: string;
  connection: DuckDBConnection;
  /** Rows as plain JS objects (dates as Date, bigints as bigint). */
  all<T = Record<string, unknown>>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<T[]>;
  run(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>): Promise<void>;
  close(): void;
}

export async function openWarehouse(path: string, opts: { readOnly?: boolean } = {}): Promise<Warehouse> {
  if (opts.readOnly && !existsSync(path)) {
    throw new LibuError(`${path}: no warehouse here yet — run \`libu load <folder>\` and \`libu build\` first`);
  }
  if (!opts.readOnly) mkdirSync(dirname(path), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, opts.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (e) {
    const msg = (e as Error).message.split("\n")[0];
    throw new LibuError(`${path}: cannot open the warehouse (${msg})`);
  }
  const connection = await instance.connect();
  return wrap(path, instance, connection);
}

export async function openMemory(): Promise<Warehouse> {
  const instance = await DuckDBInstance.create(":memory:");
  return wrap(":memory:", instance, await instance.connect());
}

function wrap(path: string, instance: DuckDBInstance, connection: DuckDBConnection): Warehouse {
  return {
    path,
    connection,
    async all<T>(sql: string, params?: DuckDBValue[] | Record<string, DuckDBValue>) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as T[];
    },
    async run(sql, params) {
      await connection.run(sql, params);
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** Quotes an SQL identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** Quotes an SQL string literal. */
export const lit = (value: string) => `'${value.replaceAll("'", "''")}'`;
