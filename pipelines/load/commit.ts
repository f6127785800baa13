// Step 3 of a load (load-folder.ts), the commit: one short transaction renames each staging table to its src_ table
// and writes load_log, load_files and quarantine; a crash before COMMIT leaves the previous snapshot as it was. Also
// what the commit must be able to rely on: the load's id, and that the tables it keeps join the ones it replaces.
// The heavy statements run before, outside the transaction, on purpose: DuckDB scans tables created inside an open
// transaction markedly slower (measured: the src_ insert of the biggest file took about twice the CPU time).
import { type Table, srcTable, tableByName, tables } from "../contract.ts";
import { lit, type Warehouse } from "../db.ts";
import { LibuError } from "../errors.ts";
import { critical } from "../interrupt.ts";
import { recordKey } from "../key.ts";
import { warehouseDdl } from "../warehouse.ts";
import { all, cleanError, run } from "./query.ts";
import type { TableReport } from "./report.ts";
import { stagingTable } from "./stage.ts";

/** The next load id (the staging tables carry it; the commit checks it again inside its transaction). */
export async function nextLoadId(wh: Warehouse): Promise<number> {
  const [{ n }] = await all<{ n: number }>(wh, "indlæsning", "select count(*)::integer as n from information_schema.tables where table_name = 'load_log' and table_schema = 'main'");
  if (!n) return 1;
  return (await all<{ id: number }>(wh, "indlæsning", "select (coalesce(max(load_id), 0) + 1)::integer as id from load_log"))[0].id;
}

/**
 * A table this load does not replace keeps its rows, so its pseudonyms must be of the same kind as the new ones:
 * libu before the UUID pseudonym wrote barn_id as 64-character text, which no longer joins.
 */
export async function olderPseudonyms(wh: Warehouse, files: { table: Table }[]): Promise<string[]> {
  const kept = tables.filter((t) => !files.some((f) => f.table === t)).map((t) => lit(srcTable(t.name)));
  if (!kept.length) return [];
  const old = await all<{ table_name: string }>(
    wh,
    "indlæsning",
    `select table_name from duckdb_columns() where schema_name = 'main' and column_name = 'barn_id' and data_type <> 'UUID'
     and table_name in (${kept.join(", ")}) order by table_name`,
  );
  return old.map(
    (o) =>
      `${tables.find((t) => srcTable(t.name) === o.table_name)?.name ?? o.table_name}: skrevet af en ældre libu (barn_id som tekst), så dens børn passer ikke med denne indlæsnings — ` +
      `læg tabellens eksportfil i samme mappe som denne indlæsning, og indlæs igen`,
  );
}

/**
 * A killed load leaves its staging tables (written outside the transaction, so they are committed): they are dropped
 * and the file checkpointed, so that the space they took is reused instead of the file growing load after load.
 */
export async function dropLeftovers(wh: Warehouse): Promise<void> {
  const left = await all<{ t: string }>(
    wh,
    "indlæsning",
    `select table_name as t from information_schema.tables where table_schema = 'main' and table_name like '\\_libu\\_ny\\_%' escape '\\'`,
  );
  if (!left.length) return;
  for (const { t } of left) await run(wh, "indlæsning", `drop table if exists "${t}"`);
  await run(wh, "indlæsning", "checkpoint");
}

export interface CommitArgs {
  loadId: number;
  /** The staged tables' reports, in the contract's order. */
  reports: TableReport[];
  /** Every table of the load's folder, in the contract's order (the quarantine's order). */
  files: { table: Table }[];
  /** The load's temporary quarantine table. */
  quarantine: string;
  /** The load_log row; `ms` is asked for inside the transaction, just before it is written. */
  log: { startet: string; asOf: string; mappe: string; profil: string | null; accept: boolean; demo: boolean; ms: () => number };
  /** Per loaded table, the day from which its data are complete by the folder's libu-manifest.json (load_data_fra). */
  dataFra: { tabel: string; dato: string }[];
  /** Called inside the open transaction, just before commit. */
  beforeCommit?: () => Promise<void>;
  /** The pseudonymisation key: its fingerprint is recorded with the load (key.ts). */
  key: string;
}

/** The commit's one transaction; on any error it is rolled back and the warehouse is as it was. */
export async function commitLoad(wh: Warehouse, a: CommitArgs): Promise<void> {
  await run(wh, "indlæsning", "begin transaction");
  try {
    for (const ddl of warehouseDdl()) await run(wh, "indlæsning", ddl);
    if ((await nextLoadId(wh)) !== a.loadId) throw new LibuError("indlæsning: en anden indlæsning skrev til lageret imens — kør indlæsningen igen");
    for (const r of a.reports) {
      const table = tableByName(r.table)!;
      await run(wh, r.file, `drop table if exists ${srcTable(table.name)}`);
      await run(wh, r.file, `alter table ${stagingTable(table.name)} rename to ${srcTable(table.name)}`);
      await run(
        wh,
        "indlæsning",
        `insert into load_files values ($load_id, $tabel, $fil, $sha256, $format, $tegnsaet, $skilletegn, $laest, $indlaest, $karantaene, $ekstra)`,
        {
          load_id: a.loadId,
          tabel: r.table,
          fil: r.file,
          sha256: r.sha256,
          format: r.format,
          tegnsaet: r.encoding,
          skilletegn: r.delimiter,
          laest: r.rowsRead,
          indlaest: r.rowsLoaded,
          karantaene: r.rowsQuarantined,
          ekstra: r.extraColumns.length ? r.extraColumns.join(", ") : null,
        },
      );
    }
    for (const d of a.dataFra)
      await run(wh, "indlæsning", `insert into load_data_fra values ($load_id, $tabel, $dato::date)`, { load_id: a.loadId, tabel: d.tabel, dato: d.dato });
    await run(wh, "indlæsning", `insert into quarantine select * from ${a.quarantine} order by list_position([${a.files.map((f) => lit(f.table.name)).join(", ")}], tabel), linje`);
    await run(
      wh,
      "indlæsning",
      `insert into load_log values ($load_id, $startet::timestamp, current_localtimestamp(), $as_of::date, $mappe, $profil, $accept, $demo, $ms)`,
      {
        load_id: a.loadId,
        startet: a.log.startet,
        as_of: a.log.asOf,
        mappe: a.log.mappe,
        profil: a.log.profil,
        accept: a.log.accept,
        demo: a.log.demo,
        ms: a.log.ms(),
      },
    );
    await recordKey(wh, a.key, a.loadId);
    if (a.beforeCommit) await a.beforeCommit();
    // A Ctrl+C now waits for the commit (interrupt.ts): "nothing changed" must be true when it is said.
    await critical(() => run(wh, "indlæsning", "commit"));
  } catch (e) {
    await wh.run("rollback").catch(() => {});
    throw cleanError(e, "indlæsning");
  }
}
