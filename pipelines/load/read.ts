// Reading one CSV file with DuckDB's own reader, typed: date and timestamp columns in the file's sniffed format
// come out as DATE / TIMESTAMP, every other cell as VARCHAR (the contract's booleans, decimals and codes are
// wider than DuckDB's casts). The reader keeps the lines it cannot take in its rejects table (store_rejects):
// lines it cannot split (wrong column count, unterminated quote) are quarantined under rule 0; lines it could
// split but not type (a date in another contract format, a bad date) are re-read as text from the rejects
// table's copy of the line and take the lenient text path (validate.ts). The file itself is read once.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Warehouse } from "../db.ts";
import { lit } from "../db.ts";
import { InputError, LibuError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { strayQuoteLine } from "./lines.ts";
import { all, run } from "./query.ts";

export interface RawTables {
  /** Temporary table of the typed rows, one column c1…cN per header cell; rowid − firstRowid = row order. */
  raw: string;
  /**
   * The rowid of the first row, as SQL text: 0, except for a table created inside a transaction, whose rowids
   * DuckDB numbers from 2^55 (still consecutive, in the order read).
   */
  firstRowid: string;
  /** Temporary table of unreadable lines: linje, kolonne (c<i> or NULL), fejltype, besked, csv_linje. */
  rejects: string;
  /** Temporary table of the lines the reader could not type: _linje and c1…cN as VARCHAR; undefined when none. */
  text?: string;
  /** Temporary table (u, j) mapping a row's rowid to its line (validate.ts), or undefined when row n is line n + 2. */
  skips?: string;
  rows: number;
  rejectedLines: number;
  textRows: number;
}

export interface ReadArgs {
  table: string;
  file: string;
  csvPath: string;
  delimiter: string;
  /** What DuckDB decodes: UTF-8 (BOM skipped) or Latin-1 (Windows-1252 files without 0x80–0x9F). */
  encoding: "utf-8" | "latin-1";
  /** DuckDB type of each header cell: VARCHAR, or DATE / TIMESTAMP in `dateformat` / `timestampformat`. */
  types: string[];
  dateformat?: string;
  timestampformat?: string;
  /** Line numbers of the blank lines: called once the read is under way (it scans the whole file). */
  blankLines: () => number[];
  /** \n and \r\n line ends in one file: the strict reader stops on them, the lenient one reads them. */
  mixedLineEnds: boolean;
  sizeBytes: number;
  /** The load's temporary folder (for the small file of lines re-read as text). */
  tmp: string;
}

export const rawColumn = (i: number) => `c${i + 1}`;

/** Temp table names for a contract table (one load runs one file per table). */
export const tempNames = (table: string) => ({
  raw: `_libu_raw_${table}`,
  rejects: `_libu_rej_${table}`,
  rejectLines: `_libu_rejl_${table}`,
  rejectErrors: `_libu_rejerr_${table}`,
  rejectScans: `_libu_rejscan_${table}`,
  text: `_libu_txt_${table}`,
  skips: `_libu_skip_${table}`,
  duplicates: `_libu_dup_${table}`,
});

const dialect = (delimiter: string) => `auto_detect = false, delim = ${lit(delimiter)}, quote = '"', escape = '"'`;

/** DuckDB's "CSV Parser state machine reached an invalid state" as one line: where the stray quote is, what to do. */
function unsplittable(args: ReadArgs): InputError {
  const line = strayQuoteLine(readFileSync(args.csvPath), args.delimiter);
  return new InputError([
    `${args.file}${line ? `, linje ${line}` : ""}: filen kan ikke deles op i rækker${line ? ` — et anførselstegn (") står midt i et felt` : ""}; ` +
      "fjern anførselstegnet, eller sæt hele feltet i anførselstegn, eller eksportér filen igen; intet er indlæst",
  ]);
}

export async function readRaw(wh: Warehouse, args: ReadArgs, log: Logger): Promise<RawTables> {
  const t = tempNames(args.table);
  const columns = args.types.map((type, i) => `${lit(rawColumn(i))}: ${lit(type)}`).join(", ");
  const formats = [
    args.dateformat ? `dateformat = ${lit(args.dateformat)}, ` : "",
    args.timestampformat ? `timestampformat = ${lit(args.timestampformat)}, ` : "",
  ].join("");
  await run(wh, args.file, `drop table if exists ${t.rejectErrors}; drop table if exists ${t.rejectScans}`);
  const read = (strict: boolean) => `create or replace temp table ${t.raw} as select * from read_csv(${lit(args.csvPath)},
      header = true, ${dialect(args.delimiter)}, encoding = ${lit(args.encoding)}, ${formats}
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
  let blankLines: number[] = [];
  try {
    // Decided beforehand: inside the load's transaction a failed statement cannot be retried.
    const reading = run(wh, `${args.file}: kan ikke læses`, read(!args.mixedLineEnds)).catch((e: Error) => {
      throw /state machine reached an invalid state/i.test(e.message) ? unsplittable(args) : e;
    });
    blankLines = args.blankLines(); // JavaScript's work while DuckDB reads on its own threads
    await reading;
  } finally {
    if (timer) clearInterval(timer);
    // Off again at once: while it is on, DuckDB's executor polls every pipeline's progress (measured: 2–3 % of the
    // national load's CPU time when it stayed on for the statements after the read).
    if (big) await run(wh, args.file, "set enable_progress_bar = false");
  }
  if (big) log.progress(`${args.file}: læser`, 100, 100);
  // One row per rejected line (the reader reports a line once per error); `typing` when every error is a cast.
  await run(
    wh,
    args.file,
    `create or replace temp table ${t.rejectLines} as
     select line as linje, bool_and(error_type = 'CAST') as typing,
       any_value(column_name) filter (where error_type <> 'CAST') as kolonne,
       any_value(error_type) filter (where error_type <> 'CAST') as fejltype,
       any_value(error_message) filter (where error_type <> 'CAST') as besked,
       any_value(trim(csv_line, chr(10) || chr(13))) as csv_linje
     from ${t.rejectErrors} group by line;
     create or replace temp table ${t.rejects} as select linje, kolonne, fejltype, besked, csv_linje from ${t.rejectLines} where not typing`,
  );
  const [{ rows, firstRowid, rejected, typing }] = await all<{ rows: number; firstRowid: string; rejected: number; typing: number }>(
    wh,
    args.file,
    `select (select count(*) from ${t.raw})::integer as rows, (select coalesce(min(rowid), 0)::varchar from ${t.raw}) as firstRowid,
       count(*) filter (where not typing)::integer as rejected,
       count(*) filter (where typing)::integer as typing from ${t.rejectLines}`,
  );
  let text: string | undefined;
  let textRows = 0;
  if (typing > 0) {
    // Few lines as a rule: written with their line number in front and read back with every cell as text.
    const lines = await all<{ linje: number; csv_linje: string }>(
      wh,
      args.file,
      `select linje::integer as linje, csv_linje from ${t.rejectLines} where typing order by linje`,
    );
    const path = join(args.tmp, `${args.table}.text.csv`);
    writeFileSync(path, lines.map((l) => `${l.linje}${args.delimiter}${l.csv_linje}\n`).join(""));
    const textColumns = [`'_linje': 'INTEGER'`, ...args.types.map((_, i) => `${lit(rawColumn(i))}: 'VARCHAR'`)].join(", ");
    await run(
      wh,
      args.file,
      `create or replace temp table ${t.text} as select * from read_csv(${lit(path)}, header = false, ${dialect(args.delimiter)},
       encoding = 'utf-8', strict_mode = false, columns = {${textColumns}})`,
    );
    [{ textRows }] = await all<{ textRows: number }>(wh, args.file, `select count(*)::integer as textRows from ${t.text}`);
    if (textRows !== lines.length) throw new LibuError(`${args.file}: ${lines.length} linjer skulle læses som tekst, men ${textRows} blev læst — intet er indlæst; eksportér filen igen`);
    text = t.text;
  }
  let skips: string | undefined;
  if (rejected + typing > 0 || blankLines.length > 0) {
    // Lines that yield no typed row: blank lines and rejected lines. Row k (0-based) is at line k + 2 + (the number
    // of such lines before it); with skips s_1 < s_2 < …, row k comes after skip j exactly when k ≥ s_j − 1 − j.
    const blanks = blankLines.length ? `union select unnest([${blankLines.join(",")}]::integer[])` : "";
    await run(
      wh,
      args.file,
      `create or replace temp table ${t.skips} as
       with s as (select linje from ${t.rejectLines} ${blanks}),
       n as (select linje, row_number() over (order by linje) as j from s)
       select linje - 1 - j as u, max(j) as j from n group by u order by u`,
    );
    skips = t.skips;
  }
  if (!/^[0-9]+$/.test(firstRowid)) throw new LibuError(`${args.file}: uventet første række-id ${firstRowid} — intet er indlæst; kør indlæsningen igen`);
  return { raw: t.raw, firstRowid, rejects: t.rejects, text, skips, rows, rejectedLines: rejected, textRows };
}
