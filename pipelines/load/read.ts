// Reading one CSV file (UTF-8) with DuckDB's own reader into a temporary table of VARCHAR cells.
// Lines the reader cannot split (wrong column count, unterminated quote) land in its rejects table and
// are quarantined under rule 0; typing and every other rule is set-based SQL (validate.ts).
import type { Warehouse } from "../db.ts";
import { lit } from "../db.ts";
import type { Logger } from "../log.ts";
import { all, run } from "./query.ts";

export interface RawTables {
  /** Temporary table of the rows, one VARCHAR column c1…cN per header cell; rowid = row order. */
  raw: string;
  /** Temporary table of unreadable lines: linje, kolonne (c<i> or NULL), fejltype, besked, csv_linje. */
  rejects: string;
  /** Temporary table (u, j) mapping a row's rowid to its line (validate.ts), or undefined when row n is line n + 2. */
  skips?: string;
  rows: number;
  rejectedLines: number;
}

export const rawColumn = (i: number) => `c${i + 1}`;

/** Temp table names for a contract table (one load runs one file per table). */
export const tempNames = (table: string) => ({
  raw: `_libu_raw_${table}`,
  rejects: `_libu_rej_${table}`,
  rejectErrors: `_libu_rejerr_${table}`,
  rejectScans: `_libu_rejscan_${table}`,
  skips: `_libu_skip_${table}`,
  cpr: `_libu_cpr_${table}`,
  duplicates: `_libu_dup_${table}`,
  checked: `_libu_chk_${table}`,
});

export async function readRaw(
  wh: Warehouse,
  args: { table: string; file: string; csvPath: string; delimiter: string; width: number; blankLines: number[]; sizeBytes: number },
  log: Logger,
): Promise<RawTables> {
  const t = tempNames(args.table);
  const columns = Array.from({ length: args.width }, (_, i) => `${lit(rawColumn(i))}: 'VARCHAR'`).join(", ");
  await run(wh, args.file, `drop table if exists ${t.rejectErrors}; drop table if exists ${t.rejectScans}`);
  const read = (strict: boolean) => `create or replace temp table ${t.raw} as select * from read_csv(${lit(args.csvPath)},
      header = true, auto_detect = false, delim = ${lit(args.delimiter)}, quote = '"', escape = '"',
      columns = {${columns}}, store_rejects = true, strict_mode = ${strict},
      rejects_table = ${lit(t.rejectErrors)}, rejects_scan = ${lit(t.rejectScans)})`;
  // Progress for big files: DuckDB reports the query's progress while it runs.
  const big = args.sizeBytes > 32 << 20;
  if (big) await run(wh, args.file, "set enable_progress_bar = true; set enable_progress_bar_print = false");
  const timer = big
      ? setInterval(() => {
          const p = wh.connection.progress.percentage;
          if (p >= 0) log.progress(`${args.file}: læser`, Math.min(99, Math.round(p)), 100);
        }, 500)
      : undefined;
  try {
    try {
      await run(wh, `${args.file}: cannot be read`, read(true));
    } catch (e) {
      // Mixed line ends (\n and \r\n in one file) stop the strict parser; the lenient one reads them.
      if (!/invalid state/.test((e as Error).message)) throw e;
      await run(wh, args.file, `drop table if exists ${t.rejectErrors}; drop table if exists ${t.rejectScans}`);
      await run(wh, `${args.file}: cannot be read`, read(false));
    }
  } finally {
    if (timer) clearInterval(timer);
  }
  if (big) log.progress(`${args.file}: læser`, 100, 100);
  // One row per unreadable line (the reader may report a line more than once).
  await run(
    wh,
    args.file,
    `create or replace temp table ${t.rejects} as
     select line as linje, any_value(column_name) as kolonne, any_value(error_type) as fejltype,
       any_value(error_message) as besked, any_value(trim(csv_line, chr(10) || chr(13))) as csv_linje
     from ${t.rejectErrors} group by line`,
  );
  const [{ rows }] = await all<{ rows: number }>(wh, args.file, `select count(*)::integer as rows from ${t.raw}`);
  const [{ rejected }] = await all<{ rejected: number }>(wh, args.file, `select count(*)::integer as rejected from ${t.rejects}`);
  let skips: string | undefined;
  if (rejected > 0 || args.blankLines.length > 0) {
    // Lines that yield no row: blank lines and rejected lines. Row k (0-based) is at line k + 2 + (the number of
    // such lines before it); with skips s_1 < s_2 < …, row k comes after skip j exactly when k ≥ s_j − 1 − j.
    const blanks = args.blankLines.length ? `union select unnest([${args.blankLines.join(",")}]::integer[])` : "";
    await run(
      wh,
      args.file,
      `create or replace temp table ${t.skips} as
       with s as (select linje from ${t.rejects} ${blanks}),
       n as (select linje, row_number() over (order by linje) as j from s)
       select linje - 1 - j as u, max(j) as j from n group by u order by u`,
    );
    skips = t.skips;
  }
  return { raw: t.raw, rejects: t.rejects, skips, rows, rejectedLines: rejected };
}
