// The tables a load writes, derived from the contract. Models read only these (through staging).
import { type Column, type Table, allTables, srcTable } from "./contract.ts";
import { ident } from "./db.ts";
import { releaseTablesDdl } from "./release/store.ts";
import { tilsynTablesDdl } from "./tilsyn/tables.ts";

const sqlTypes: Record<Column["type"], string> = {
  text: "varchar",
  cpr: "varchar", // never stored: replaced by barn_id, foedselsdato, koen
  timestamp: "timestamp",
  date: "date",
  code: "varchar",
  bool: "boolean",
  decimal: "double",
  integer: "integer",
};

export const sqlType = (col: Column) => sqlTypes[col.type];

/** The columns of `src_<table>`: the contract's, the CPR number replaced by its pseudonym and what was derived from it. */
export function srcColumns(table: Table): { name: string; type: string; description: string }[] {
  const cols: { name: string; type: string; description: string }[] = [];
  for (const col of table.columns) {
    if (col.type === "cpr") {
      cols.push(
        { name: "barn_id", type: "uuid", description: "pseudonym of the child: keyed SHA-256 of the CPR number, first 128 bits as a UUID" },
        { name: "foedselsdato", type: "date", description: "birth date, derived from the CPR number" },
        { name: "koen", type: "varchar", description: "sex derived from the CPR number: dreng or pige" },
      );
    } else cols.push({ name: col.name, type: sqlType(col), description: col.description });
  }
  cols.push(
    { name: "_load_id", type: "integer", description: "the load that wrote the row (load_log)" },
    { name: "_linje", type: "integer", description: "line number in the source file (header = line 1)" },
  );
  return cols;
}

export function srcTableDdl(table: Table): string {
  const cols = srcColumns(table).map((c) => `${ident(c.name)} ${c.type}`);
  return `create table if not exists ${srcTable(table.name)} (${cols.join(", ")})`;
}

/** Load bookkeeping: the log of loads, their files, and the quarantined rows. */
export const loadTablesDdl = [
  `create table if not exists load_log (
    load_id integer primary key, startet timestamp, afsluttet timestamp, as_of date, mappe varchar,
    profil varchar, accept_rejects boolean, demo_noegle boolean, varighed_ms integer)`,
  `create table if not exists load_files (
    load_id integer, tabel varchar, fil varchar, sha256 varchar, format varchar, tegnsaet varchar,
    skilletegn varchar, raekker_laest integer, raekker_indlaest integer, raekker_karantaene integer,
    ekstra_kolonner varchar)`,
  `create table if not exists load_data_fra (load_id integer, tabel varchar, data_fra date)`,
  `create table if not exists quarantine (
    load_id integer, tabel varchar, fil varchar, linje integer, kolonne varchar, regel integer,
    aarsag varchar, besked varchar, raa_tekst varchar)`,
];

/**
 * Creates every src_ table (empty), the load tables and the release tables (`libu udgiv`), so models build on
 * any subset of loaded tables and a build never drops what was loaded or published.
 */
export function warehouseDdl(): string[] {
  return [...loadTablesDdl, ...releaseTablesDdl, ...allTables.map(srcTableDdl), ...tilsynTablesDdl];
}
