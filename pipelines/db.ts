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

/**
 * The one line for a warehouse that cannot be opened: another process holds DuckDB's lock (a load or build writing,
 * or a reader while we want to write), or the folder cannot hold a new file. DuckDB's own message is several
 * sentences with a link.
 */
export function openError(path: string, e: unknown, readOnly = false): LibuError {
  const msg = String((e as Error)?.message ?? e);
  const code = (e as NodeJS.ErrnoException)?.code;
  const pid = /\(PID (\d+)\)/.exec(msg)?.[1];
  if (/Could not set lock|Conflicting lock/i.test(msg))
    return new LibuError(`${path}: lageret bruges af en anden kørsel (PID ${pid ?? "ukendt"}); prøv igen når den er færdig`);
  if (code === "EACCES" || code === "EPERM" || code === "EROFS" || /Permission denied|Read-only file system/i.test(msg))
    return new LibuError(
      `${path}: lageret kan ikke ${readOnly ? "læses" : "skrives"} her (ingen adgang, eller mappen er skrivebeskyttet) — vælg et andet sted med --db <fil>`,
    );
  if (code === "ENOENT" || code === "ENOTDIR" || code === "EEXIST")
    return new LibuError(`${path}: mappen til lageret kan ikke oprettes (${dirname(path)} er ikke en mappe, der kan skrives i) — vælg et andet sted med --db <fil>`);
  return new LibuError(`${path}: lageret kan ikke åbnes (${msg.split("\n")[0]})`);
}

export async function openWarehouse(path: string, opts: { readOnly?: boolean } = {}): Promise<Warehouse> {
  if (opts.readOnly && !existsSync(path)) {
    throw new LibuError(`${path}: her er intet lager endnu — kør først \`libu load <mappe>\` og \`libu build\``);
  }
  let instance: DuckDBInstance;
  try {
    if (!opts.readOnly) mkdirSync(dirname(path), { recursive: true });
    instance = await DuckDBInstance.create(path, opts.readOnly ? { access_mode: "READ_ONLY" } : {});
  } catch (e) {
    throw openError(path, e, opts.readOnly);
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
