// `libu load`: one folder of exports into the warehouse, atomically (contract.md, "Loads" and "Bad input").
// 1. check every file (encoding, delimiter, header) — file-level problems fail the load and stop the staging;
// 2. file by file: read it typed with DuckDB into a temporary table, pseudonymise the CPR numbers (once per distinct
//    number of the load), check every row against the rules in one set-based pass that writes the new snapshot to a
//    staging table (_libu_ny_<table>), move the rows that break a rule to the load's quarantine, then drop the file's
//    temporary tables, so only one file is held in memory at a time;
// 3. a file-level problem found on the way (no rows, the 5 % guard) drops the staging tables and changes nothing;
//    else one short transaction renames each staging table to its src_ table and writes load_log, load_files and
//    quarantine. A load killed before that commit leaves only staging tables, which the next load drops.
// The heavy statements run outside the transaction on purpose: DuckDB scans tables created inside an open
// transaction markedly slower (measured: the src_ insert of the biggest file took about twice the CPU time).
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { MAX_REJECT_SHARE, type Table, srcTable, tableByName, tableNames, tables } from "../contract.ts";
import { maskCpr } from "../cpr.ts";
import { ident, lit, type Warehouse } from "../db.ts";
import { InputError, LibuError, UsageError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { loadTablesDdl, srcColumns, warehouseDdl } from "../warehouse.ts";
import { codeLists, defaultSeedsDir } from "./codes.ts";
import { maskCprSql, newCprQuery } from "./cpr-sql.ts";
import { blankLines, detect, hasC1Bytes, mixedLineEnds, sampleRows, toUtf8, unsupportedEncoding } from "./detect.ts";
import { matchHeader, normaliseName } from "./header.ts";
import { type DateFormat, parseExpr, patterns, sniffPattern } from "./parse-sql.ts";
import { loadProfile, type Profile, tableForFile, tableProfile } from "./profile.ts";
import { all, cleanError, run } from "./query.ts";
import { rawColumn, readRaw, tempNames } from "./read.ts";
import type { LoadReport, ReasonCount, TableReport } from "./report.ts";
import { type CheckInput, checkedQuery, duplicatesQuery, type Fejl, fejlText, reasons, typedRows } from "./validate.ts";
import { xlsxToCsv } from "./xlsx.ts";

export interface LoadOptions {
  /** The folder of export files (`<table>.csv` / `<table>.xlsx`). */
  folder: string;
  /** Extraction date `YYYY-MM-DD`; default today. */
  asOf?: string;
  /** A profile name (data/profiles/<name>.json) or a path to one. */
  profile?: string;
  /** Load even when more than 5 % of a table's rows are quarantined. */
  acceptRejects?: boolean;
}

export interface LoadDeps {
  log: Logger;
  /** The pseudonymisation key (pseudonymKey() in config.ts); `demo` marks the public demo key. */
  pseudonym: { key: string; demo: boolean };
  /** Base for relative paths and data/profiles (default process.cwd()). */
  cwd?: string;
  seedsDir?: string;
  profilesDir?: string;
  /** Called inside the open transaction, just before commit (tests use it to kill the process there). */
  beforeCommit?: () => Promise<void>;
}

interface Prepared {
  table: Table;
  file: string;
  format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  csvPath: string;
  csvDelimiter: string;
  /** What DuckDB decodes the file at csvPath as. */
  readEncoding: "utf-8" | "latin-1";
  /** The first rows, split into cells (for sniffing date formats). */
  sample: string[][];
  width: number;
  header: string[];
  columns: Map<string, number>;
  extras: string[];
  /**
   * The checks the reader does not need to start, left until its read runs (0.35 s of JavaScript on the national
   * set that delayed the first read): the file's checksum and its blank lines. Memoised.
   */
  whileReading: () => { sha256: string; blankLines: number[] };
  mixedLineEnds: boolean;
  sizeBytes: number;
  /** Time spent on this file so far. */
  ms: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
/** Local date (and time): the municipality's clock, like the exports. */
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTimestamp = (d: Date) => `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

function checkAsOf(asOf: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asOf);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  if (!m || !d || d.toISOString().slice(0, 10) !== asOf) throw new UsageError(`--as-of must be a date YYYY-MM-DD, not "${asOf}"`);
  return asOf;
}

/** The export files of a folder by contract table; unknown or doubled table names are problems. */
function listFiles(folder: string, profile: Profile | undefined, problems: string[]): { table: Table; path: string }[] {
  const files: { table: Table; path: string }[] = [];
  for (const name of readdirSync(folder).sort()) {
    const ext = extname(name).toLowerCase();
    if ((ext !== ".csv" && ext !== ".xlsx") || name.startsWith("~$") || name.startsWith(".")) continue;
    const tableName = tableForFile(basename(name, extname(name)), profile);
    const table = tableByName(tableName);
    if (!table) {
      problems.push(`${name}: "${tableName}" is not a table of the contract — name the file after one of: ${tableNames.join(", ")}`);
      continue;
    }
    const other = files.find((f) => f.table === table);
    if (other) problems.push(`${name}: table ${table.name} is given twice (also ${basename(other.path)}) — keep one file per table`);
    else files.push({ table, path: join(folder, name) });
  }
  if (!files.length && !problems.length)
    problems.push(`${folder}: no export files — expected <table>.csv or <table>.xlsx for tables of the contract (${tableNames.join(", ")})`);
  return files.sort((a, b) => tables.indexOf(a.table) - tables.indexOf(b.table));
}

/**
 * Lets the event loop run between the byte scans of prepare(): it runs while DuckDB stages the previous file, and a
 * blocked event loop leaves DuckDB idle between statements (measured: about 0.8 s of the national load).
 */
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

/** Step 1: bytes, checksum, encoding, delimiter and header of one file; problems instead of throwing. */
async function prepare(
  f: { table: Table; path: string },
  profile: Profile | undefined,
  tmp: string,
  problems: string[],
): Promise<Prepared | undefined> {
  const started = performance.now();
  const file = basename(f.path);
  const renames = tableProfile(profile, f.table.name).kolonner;
  let buf: Buffer;
  try {
    buf = await readFile(f.path);
  } catch (e) {
    problems.push(`${file}: cannot be read (${maskCpr((e as Error).message.split("\n")[0])})`);
    return;
  }
  const original = buf;
  await yieldToLoop();
  if (buf.length === 0) {
    problems.push(`${file}: the file is empty — expected a header row and data rows`);
    return;
  }
  let format: "csv" | "xlsx" = "csv";
  let encoding: string | null;
  let delimiter: string | null;
  let csvPath = f.path;
  if (extname(f.path).toLowerCase() === ".xlsx") {
    format = "xlsx";
    csvPath = join(tmp, `${f.table.name}.csv`);
    const columnType = (h: string) => {
      const n = normaliseName(h);
      return f.table.columns.find((c) => c.name === (renames[n] ?? n))?.type;
    };
    try {
      if (!(await xlsxToCsv(f.path, csvPath, columnType))) {
        problems.push(`${file}: the workbook has no sheet`);
        return;
      }
    } catch (e) {
      problems.push(`${file}: cannot be read as an Excel workbook (${maskCpr((e as Error).message.split("\n")[0])})`);
      return;
    }
    buf = readFileSync(csvPath);
    encoding = null;
    delimiter = null;
  } else {
    const bad = unsupportedEncoding(buf);
    if (bad) {
      problems.push(`${file}: ${bad}`);
      return;
    }
  }
  const d = detect(buf);
  await yieldToLoop();
  let readEncoding: "utf-8" | "latin-1" = "utf-8";
  if (format === "csv") {
    encoding = d.encoding;
    delimiter = d.delimiter;
    // DuckDB reads Latin-1 itself; only Windows-1252's own characters (€, “, –) need a transcoded copy, which
    // lives in the temporary folder only for this load.
    if (d.encoding === "windows-1252") {
      const c1 = hasC1Bytes(buf);
      await yieldToLoop();
      if (c1) {
        csvPath = join(tmp, `${f.table.name}.csv`);
        writeFileSync(csvPath, toUtf8(buf, d.encoding));
      } else readEncoding = "latin-1";
    }
  }
  if (d.header.every((h) => h.trim() === "")) {
    problems.push(`${file}, line 1: no header row — the first line must name the columns`);
    return;
  }
  const m = matchHeader(file, f.table, d.header, renames);
  problems.push(...m.problems);
  if (m.problems.length) return;
  const mixed = mixedLineEnds(buf);
  // The bytes are let go once used: the report keeps this object until the load ends.
  let bytes: { original: Buffer; csv: Buffer } | undefined = { original, csv: buf };
  let later: { sha256: string; blankLines: number[] } | undefined;
  const whileReading = () => {
    if (!later && bytes) {
      later = { sha256: createHash("sha256").update(bytes.original).digest("hex"), blankLines: blankLines(bytes.csv) };
      bytes = undefined;
    }
    return later!;
  };
  return {
    table: f.table,
    file,
    format,
    encoding: encoding!,
    delimiter: delimiter!,
    csvPath,
    csvDelimiter: d.delimiter,
    readEncoding,
    sample: sampleRows(d.head, d.headIsWhole, d.delimiter),
    width: d.header.length,
    header: d.header,
    columns: m.columns,
    extras: m.extras,
    whileReading,
    mixedLineEnds: mixed,
    sizeBytes: buf.length,
    ms: performance.now() - started,
  };
}

/** Date/timestamp columns: the strptime pattern most of the first rows use, tried first for every row. */
function sniff(p: Prepared, hint: DateFormat | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of p.table.columns) {
    const i = p.columns.get(c.name);
    if ((c.type !== "date" && c.type !== "timestamp") || i === undefined) continue;
    const values = p.sample.map((r) => r[i]).filter((v): v is string => !!v && v.trim() !== "");
    const best = sniffPattern(values, patterns(c.type, hint));
    if (best) out.set(c.name, best);
  }
  return out;
}

/**
 * What the reader types: date and timestamp columns in the file's sniffed format (read_csv takes one format for
 * DATE and one for TIMESTAMP: a column sniffed otherwise, or recoded by the profile, stays text).
 */
function readerTypes(p: Prepared, firstPattern: Map<string, string>, recode: Record<string, Record<string, string>>) {
  const types = Array.from({ length: p.width }, () => "VARCHAR");
  const typed = new Set<string>();
  const formats: { date?: string; timestamp?: string } = {};
  for (const c of p.table.columns) {
    const pattern = firstPattern.get(c.name);
    if ((c.type !== "date" && c.type !== "timestamp") || !pattern || Object.keys(recode[c.name] ?? {}).length) continue;
    formats[c.type] ??= pattern;
    if (formats[c.type] !== pattern) continue;
    types[p.columns.get(c.name)!] = c.type === "date" ? "DATE" : "TIMESTAMP";
    typed.add(c.name);
  }
  return { types, typed, dateformat: formats.date, timestampformat: formats.timestamp };
}

interface Staged {
  p: Prepared;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  byReason: ReasonCount[];
}

/**
 * Step 2, one file: read it typed, check every row in one pass that also writes the staging table (rows that break
 * a rule included, with `_fejl`), copy those rows to the load's quarantine, then delete them and drop the helper
 * columns (a metadata change in DuckDB). Nothing the models read changes.
 */
async function stage(
  wh: Warehouse,
  p: Prepared,
  opts: { asOf: string; profile?: Profile; key: string; seedsDir: string; log: Logger; tmp: string; cprKnown: string; quarantine: string; loadId: number },
): Promise<Staged | string> {
  const t = tempNames(p.table.name);
  const table = p.table;
  const tp = tableProfile(opts.profile, table.name);
  const firstPattern = sniff(p, tp.datoformat);
  const rt = readerTypes(p, firstPattern, tp.vaerdier);
  const raw = await readRaw(
    wh,
    {
      table: table.name,
      file: p.file,
      csvPath: p.csvPath,
      delimiter: p.csvDelimiter,
      encoding: p.readEncoding,
      types: rt.types,
      dateformat: rt.dateformat,
      timestampformat: rt.timestampformat,
      blankLines: () => p.whileReading().blankLines,
      mixedLineEnds: p.mixedLineEnds,
      sizeBytes: p.sizeBytes,
      tmp: opts.tmp,
    },
    opts.log,
  );
  if (raw.rows + raw.rejectedLines + raw.textRows === 0) return `${p.file}: no data rows — the file has a header but no rows`;
  const rawColumns = new Map([...p.columns].map(([name, i]) => [name, rawColumn(i)]));
  const rows = typedRows(raw);
  const textRows = raw.text ? `(select * from ${raw.text})` : undefined;
  const cprCol = table.columns.find((c) => c.type === "cpr");
  if (cprCol) {
    // The file's new CPR numbers join the load's (opts.cprKnown) with their pseudonyms (cpr-sql.ts); the row pass
    // finds every row's there by its key. A raw value that is not CPR-shaped or not a real date has none: the row
    // pass reads that as invalid.
    const c = ident(rawColumns.get(cprCol.name)!);
    const values = `(select ${c} from ${raw.raw}${raw.text ? ` union all select ${c} from ${raw.text}` : ""})`;
    await run(wh, p.file, `insert into ${opts.cprKnown} ${newCprQuery(values, c, opts.cprKnown)}`, { key: opts.key });
  }
  let duplicates: string | undefined;
  const key = table.key ? table.columns.find((c) => c.name === table.key) : undefined;
  if (key && rawColumns.has(key.name)) {
    const k = ident(rawColumns.get(key.name)!);
    const keys = `(select _linje, ${k} as k from ${rows}${textRows ? ` union all select _linje, ${k} from ${textRows}` : ""})`;
    await run(wh, p.file, `create or replace temp table ${t.duplicates} as ${duplicatesQuery(keys, (x) => parseExpr(key, x))}`);
    duplicates = t.duplicates;
  }
  const fejl: Fejl[] = [];
  const input: CheckInput = {
    duplicates,
    table,
    rawColumns,
    typed: rt.typed,
    rows,
    cprKnown: opts.cprKnown,
    firstPattern,
    dateHint: tp.datoformat,
    recode: tp.vaerdier,
    codes: codeLists(table, opts.seedsDir),
    asOf: opts.asOf,
    fejl,
  };

  const staging = stagingTable(table.name);
  const cols = srcColumns(table).filter((x) => x.name !== "_load_id");
  const colList = cols.map((x) => ident(x.name)).join(", ");
  await run(wh, p.file, `drop table if exists ${staging}`);
  await run(
    wh,
    p.file,
    `create table ${staging} (${srcColumns(table).map((x) => `${ident(x.name)} ${x.type}`).join(", ")},
       _fejl smallint)`,
  );
  // Row order in src_ carries no meaning (_linje does): an unordered insert appends in parallel without merging batches.
  await run(wh, p.file, "set preserve_insertion_order = false");
  try {
    await run(wh, p.file, `insert into ${staging} (${colList}, _load_id, _fejl) select ${colList}, ${opts.loadId}, _fejl from (${checkedQuery(input)})`);
  } finally {
    await run(wh, p.file, "set preserve_insertion_order = true");
  }
  if (textRows)
    await run(
      wh,
      p.file,
      `insert into ${staging} (${colList}, _load_id, _fejl) select ${colList}, ${opts.loadId}, _fejl
       from (${checkedQuery({ ...input, rows: textRows, typed: new Set() })}) order by _linje`,
    );

  // The quarantine: the rows that break a rule, found again among the read rows by line, and the lines the reader
  // could not split. A row's text is its cells joined by the file's delimiter, typed dates written back in the
  // file's format, CPR numbers masked.
  const cell = (i: number, typed: boolean) => {
    const x = `r.${ident(rawColumn(i))}`;
    const format = typed ? (rt.types[i] === "DATE" ? rt.dateformat : rt.types[i] === "TIMESTAMP" ? rt.timestampformat : undefined) : undefined;
    return format ? `coalesce(strftime(${x}, ${lit(format)}), '')` : `coalesce(${x}, '')`;
  };
  const rawText = (typed: boolean) => maskCprSql(`concat_ws(${lit(p.csvDelimiter)}, ${Array.from({ length: p.width }, (_, i) => cell(i, typed)).join(", ")})`);
  const text = fejlText(fejl);
  const colName = (i: number) => table.columns.find((x) => p.columns.get(x.name) === i)?.name ?? maskCpr(p.header[i].trim());
  const rejectColumn = `case kolonne ${Array.from({ length: p.width }, (_, i) => `when ${lit(rawColumn(i))} then ${lit(colName(i))}`).join(" ")} end`;
  const head = `${opts.loadId}, ${lit(table.name)}, ${lit(p.file)}`;
  const broken = `s._linje, d.kolonne, d.regel, d.aarsag, ${text.besked}`;
  const brokenRows = (rows: string, typed: boolean) =>
    `select ${head}, ${broken}, ${rawText(typed)} from ${staging} s join ${text.values} on d.nr = s._fejl join ${rows} r on r._linje = s._linje where s._fejl is not null`;
  await run(
    wh,
    p.file,
    `insert into ${opts.quarantine} (load_id, tabel, fil, linje, kolonne, regel, aarsag, besked, raa_tekst)
     select * from (
       ${fejl.length ? `${brokenRows(rows, true)} union all` : ""}
       ${fejl.length && textRows ? `${brokenRows(textRows, false)} union all` : ""}
       select ${head}, linje, ${rejectColumn}, 0, 'ulaeselig_linje',
         ${maskCprSql(`${lit(`${reasons.ulaeselig_linje}: `)} || lower(fejltype) || ' (' || coalesce(besked, '') || ')'`)},
         ${maskCprSql("csv_linje")}
       from ${raw.rejects}
     ) order by 4`,
  );
  const counts = await all<{ regel: number; aarsag: string; antal: number }>(
    wh,
    p.file,
    `select regel, aarsag, count(*)::integer as antal from ${opts.quarantine} where tabel = ${lit(table.name)} group by all order by regel, aarsag`,
  );
  await run(wh, p.file, `delete from ${staging} where _fejl is not null; alter table ${staging} drop column _fejl`);
  const byReason = counts.map((c) => ({ regel: c.regel, aarsag: c.aarsag as ReasonCount["aarsag"], antal: c.antal }));
  const rowsQuarantined = byReason.reduce((s, c) => s + c.antal, 0);
  const rowsRead = raw.rows + raw.rejectedLines + raw.textRows;
  return { p, rowsRead, rowsLoaded: rowsRead - rowsQuarantined, rowsQuarantined, byReason };
}

/**
 * A table this load does not replace keeps its rows, so its pseudonyms must be of the same kind as the new ones:
 * libu before the UUID pseudonym wrote barn_id as 64-character text, which no longer joins.
 */
async function olderPseudonyms(wh: Warehouse, files: { table: Table }[]): Promise<string[]> {
  const kept = tables.filter((t) => !files.some((f) => f.table === t)).map((t) => lit(srcTable(t.name)));
  if (!kept.length) return [];
  const old = await all<{ table_name: string }>(
    wh,
    "load",
    `select table_name from duckdb_columns() where schema_name = 'main' and column_name = 'barn_id' and data_type <> 'UUID'
     and table_name in (${kept.join(", ")}) order by table_name`,
  );
  return old.map(
    (o) =>
      `${o.table_name}: written by an older libu (barn_id as text), so its children would not match this load's — ` +
      `load its export again in the same folder as this load`,
  );
}

/** Where a table's new snapshot is written before the commit renames it to src_<table>. */
const stagingTable = (table: string) => `_libu_ny_${table}`;

/** Drops the temporary tables of one file (also after a failed load). */
async function dropTemp(wh: Warehouse, table: string) {
  const t = tempNames(table);
  // One statement: `if exists` cannot fail on a missing table, and nine round trips per file add up.
  await wh.run(Object.values(t).map((name) => `drop table if exists ${name};`).join(" ")).catch(() => {});
}

/**
 * Loads every export file of `opts.folder` into the warehouse `wh` in one transaction and returns the load
 * report (also what `npm run bench` measures). File-level problems throw an InputError listing one line per
 * problem, and the warehouse is unchanged; so does a table with more than 5 % quarantined rows unless
 * `opts.acceptRejects`. The caller owns `wh` (open, close) and prints the report (formatReport in report.ts).
 */
export async function loadFolder(wh: Warehouse, opts: LoadOptions, deps: LoadDeps): Promise<LoadReport> {
  const started = performance.now();
  const startedAt = new Date();
  const cwd = deps.cwd ?? process.cwd();
  const log = deps.log;
  const folder = resolve(cwd, opts.folder);
  const asOf = checkAsOf(opts.asOf ?? localDate(new Date()));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError([`${opts.folder}: no such folder`]);
  const profile = opts.profile ? loadProfile(opts.profile, deps.profilesDir ?? join(cwd, "data/profiles"), cwd) : undefined;
  if (deps.pseudonym.demo) log.warn("bruger demo-nøglen til pseudonymisering — kun til syntetiske data (sæt $LIBU_PSEUDONYM_KEY)");

  const problems: string[] = [];
  const files = listFiles(folder, profile, problems);
  const tmp = mkdtempSync(join(tmpdir(), "libu-load-"));
  const cprKnown = "_libu_cpr";
  const quarantine = "_libu_karantaene";
  try {
    // The next load id, checked again inside the transaction (the staging tables carry it).
    const nextLoadId = async () => {
      const [{ n }] = await all<{ n: number }>(wh, "load", "select count(*)::integer as n from information_schema.tables where table_name = 'load_log' and table_schema = 'main'");
      if (!n) return 1;
      return (await all<{ id: number }>(wh, "load", "select (coalesce(max(load_id), 0) + 1)::integer as id from load_log"))[0].id;
    };
    const loadId = await nextLoadId();
    problems.push(...(await olderPseudonyms(wh, files)));
    for (const t of tables) await run(wh, "load", `drop table if exists ${stagingTable(t.name)}`); // left by a killed load
    await run(wh, "load", `create or replace temp table ${cprKnown} (digits varchar, barn_id uuid, foedselsdato date, koen varchar)`);
    const quarantineDdl = loadTablesDdl.find((d) => d.includes(" quarantine ("))!;
    await run(wh, "load", quarantineDdl.replace("create table if not exists quarantine", `create or replace temp table ${quarantine}`));

    // Steps 1 and 2, file by file and overlapped: while DuckDB stages one file on its own threads, JavaScript checks
    // the next (reads, hashes and sniffs it). Once a file-level problem is found nothing more is staged, but every file
    // is still checked so that the message lists every problem. Largest files first: DuckDB keeps the blocks of the
    // staging tables already written in memory, so the biggest file's temporary tables come while there are few
    // (smallest first raised the national load's peak from 0.9 to 1.2 GB). But the first file's checks are the only
    // ones nothing hides (DuckDB waits for them): so a file of an eighth of the largest's size or more, the smallest
    // such, goes first, and the largest file is checked while that one is staged (national: 0.1 s of waiting instead
    // of 0.5 s). Problems and reports are listed in the contract's order all the same.
    const fileProblems: string[][] = files.map(() => []);
    const rowProblems: string[][] = files.map(() => []);
    const reports: { i: number; r: TableReport }[] = [];
    const size = (path: string) => {
      try {
        return statSync(path).size;
      } catch {
        return 0; // prepare() reports it
      }
    };
    const bySize = files.map((f, i) => ({ i, size: size(f.path) })).sort((a, b) => b.size - a.size || a.i - b.i);
    const opener = [...bySize].reverse().find((x) => x.size >= (bySize[0]?.size ?? 0) / 8);
    const order = opener ? [opener.i, ...bySize.filter((x) => x !== opener).map((x) => x.i)] : [];
    const stageOne = async (p: Prepared, i: number) => {
      const t0 = performance.now();
      const c = await log.timed(`${p.file}: læst, kontrolleret og skrevet til ${stagingTable(p.table.name)}`, () =>
        stage(wh, p, { asOf, profile, key: deps.pseudonym.key, seedsDir: deps.seedsDir ?? defaultSeedsDir, log, tmp, cprKnown, quarantine, loadId }),
      );
      await dropTemp(wh, p.table.name);
      if (typeof c === "string") {
        rowProblems[i].push(c);
        return;
      }
      const share = c.rowsQuarantined / c.rowsRead;
      if (share > MAX_REJECT_SHARE && !opts.acceptRejects) {
        const top = c.byReason.map((r) => `regel ${r.regel} ${r.aarsag}: ${r.antal}`).join(", ");
        rowProblems[i].push(
          `${c.p.file}: ${c.rowsQuarantined} of ${c.rowsRead} rows (${(share * 100).toFixed(1)} %) would be quarantined, more than ${MAX_REJECT_SHARE * 100} % ` +
            `(${top}) — the file is probably in the wrong format; fix it, or load anyway with --accept-rejects`,
        );
      }
      reports.push({
        i,
        r: {
          table: c.p.table.name,
          file: c.p.file,
          format: c.p.format,
          encoding: c.p.encoding,
          delimiter: c.p.delimiter,
          sha256: c.p.whileReading().sha256,
          rowsRead: c.rowsRead,
          rowsLoaded: c.rowsLoaded,
          rowsQuarantined: c.rowsQuarantined,
          byReason: c.byReason,
          extraColumns: c.p.extras,
          ms: Math.round(p.ms + performance.now() - t0),
        },
      });
    };
    const check = (k: number) => prepare(files[order[k]], profile, tmp, fileProblems[order[k]]);
    let next = files.length ? check(0) : undefined;
    for (let k = 0; k < files.length; k++) {
      const p = await next;
      const staging = p && !problems.length && !fileProblems.some((x) => x.length) ? stageOne(p, order[k]) : undefined;
      next = k + 1 < files.length ? check(k + 1) : undefined;
      await staging;
    }
    const allProblems = [...problems, ...fileProblems.flat(), ...rowProblems.flat()];
    if (allProblems.length) throw new InputError(allProblems);
    reports.sort((a, b) => a.i - b.i);

    // Step 3: one short transaction; a crash before COMMIT leaves the previous snapshot as it was.
    await run(wh, "load", "begin transaction");
    try {
      for (const ddl of warehouseDdl()) await run(wh, "load", ddl);
      if ((await nextLoadId()) !== loadId) throw new LibuError("load: another load wrote to the warehouse meanwhile — run the load again");
      for (const { r } of reports) {
        const table = tableByName(r.table)!;
        await run(wh, r.file, `drop table if exists ${srcTable(table.name)}`);
        await run(wh, r.file, `alter table ${stagingTable(table.name)} rename to ${srcTable(table.name)}`);
        await run(
          wh,
          "load",
          `insert into load_files values ($load_id, $tabel, $fil, $sha256, $format, $tegnsaet, $skilletegn, $laest, $indlaest, $karantaene, $ekstra)`,
          {
            load_id: loadId,
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
      await run(wh, "load", `insert into quarantine select * from ${quarantine} order by list_position([${files.map((f) => lit(f.table.name)).join(", ")}], tabel), linje`);
      const ms = Math.round(performance.now() - started);
      await run(
        wh,
        "load",
        `insert into load_log values ($load_id, $startet::timestamp, current_localtimestamp(), $as_of::date, $mappe, $profil, $accept, $demo, $ms)`,
        {
          load_id: loadId,
          startet: localTimestamp(startedAt),
          as_of: asOf,
          mappe: folder,
          profil: profile?.navn ?? null,
          accept: !!opts.acceptRejects,
          demo: deps.pseudonym.demo,
          ms,
        },
      );
      if (deps.beforeCommit) await deps.beforeCommit();
      await run(wh, "load", "commit");
    } catch (e) {
      await wh.run("rollback").catch(() => {});
      throw cleanError(e, "load");
    }
    return {
      loadId,
      asOf,
      folder,
      profile: profile?.navn ?? null,
      acceptRejects: !!opts.acceptRejects,
      demoKey: deps.pseudonym.demo,
      tables: reports.map((x) => x.r),
      ms: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    for (const f of files) await dropTemp(wh, f.table.name);
    // Renamed after a commit; else the unfinished snapshots go.
    for (const t of tables) await wh.run(`drop table if exists ${stagingTable(t.name)}`).catch(() => {});
    await wh.run(`drop table if exists ${cprKnown}; drop table if exists ${quarantine}`).catch(() => {});
  }
}
