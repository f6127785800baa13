// `libu load`: one folder of exports into the warehouse, atomically (contract.md, "Loads" and "Bad input").
// 1. check every file (encoding, delimiter, header) — file-level problems fail the load before DuckDB reads;
// 2. read each file with DuckDB into temporary tables, type and validate it in SQL, pseudonymise the CPR;
// 3. one transaction replaces the src_ table of every file and writes load_log, load_files and quarantine.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import { MAX_REJECT_SHARE, type Table, srcTable, tableByName, tableNames, tables } from "../contract.ts";
import { maskCpr } from "../cpr.ts";
import { ident, lit, type Warehouse } from "../db.ts";
import { InputError, UsageError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { srcColumns, srcTableDdl, warehouseDdl } from "../warehouse.ts";
import { codeLists, defaultSeedsDir } from "./codes.ts";
import { cprFactsQuery, maskCprSql } from "./cpr-sql.ts";
import { blankLines, detect, unsupportedEncoding } from "./detect.ts";
import { matchHeader, normaliseName } from "./header.ts";
import { parseExpr, patterns, sniffPattern } from "./parse-sql.ts";
import { loadProfile, type Profile, tableForFile, tableProfile } from "./profile.ts";
import { all, cleanError, run } from "./query.ts";
import { rawColumn, readRaw, type RawTables, tempNames } from "./read.ts";
import type { LoadReport, ReasonCount, TableReport } from "./report.ts";
import { checkedQuery, duplicatesQuery, reasons } from "./validate.ts";
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
  sha256: string;
  csvPath: string;
  csvDelimiter: string;
  width: number;
  header: string[];
  columns: Map<string, number>;
  extras: string[];
  blankLines: number[];
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
    buf = readFileSync(f.path);
  } catch (e) {
    problems.push(`${file}: cannot be read (${maskCpr((e as Error).message.split("\n")[0])})`);
    return;
  }
  const sha256 = createHash("sha256").update(buf).digest("hex");
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
  if (format === "csv") {
    encoding = d.encoding;
    delimiter = d.delimiter;
    if (d.encoding === "windows-1252") {
      // DuckDB reads UTF-8; the transcoded copy lives in the temporary folder only for this load.
      csvPath = join(tmp, `${f.table.name}.csv`);
      writeFileSync(csvPath, d.utf8);
    }
  }
  if (d.header.every((h) => h.trim() === "")) {
    problems.push(`${file}, line 1: no header row — the first line must name the columns`);
    return;
  }
  const m = matchHeader(file, f.table, d.header, renames);
  problems.push(...m.problems);
  if (m.problems.length) return;
  return {
    table: f.table,
    file,
    format,
    encoding: encoding!,
    delimiter: delimiter!,
    sha256,
    csvPath,
    csvDelimiter: d.delimiter,
    width: d.header.length,
    header: d.header,
    columns: m.columns,
    extras: m.extras,
    blankLines: blankLines(d.utf8),
    sizeBytes: buf.length,
    ms: performance.now() - started,
  };
}

/** Date/timestamp columns: the strptime pattern most of the first rows use, tried first for every row. */
async function sniff(wh: Warehouse, p: Prepared, raw: string, hint: ReturnType<typeof tableProfile>["datoformat"]) {
  const out = new Map<string, string>();
  const cols = p.table.columns.filter((c) => (c.type === "date" || c.type === "timestamp") && p.columns.has(c.name));
  if (!cols.length) return out;
  const sample = await all<Record<string, string | null>>(
    wh,
    p.file,
    `select ${cols.map((c) => `${ident(rawColumn(p.columns.get(c.name)!))} as ${ident(c.name)}`).join(", ")} from ${raw} limit 1000`,
  );
  for (const c of cols) {
    const values = sample.map((r) => r[c.name]).filter((v): v is string => !!v && v.trim() !== "");
    const best = sniffPattern(values, patterns(c.type as "date" | "timestamp", hint));
    if (best) out.set(c.name, best);
  }
  return out;
}

interface Checked {
  p: Prepared;
  raw: RawTables;
  checked: string;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  byReason: ReasonCount[];
}

/** Step 2: read, type, validate and pseudonymise one file into temporary tables; nothing persistent changes. */
async function check(wh: Warehouse, p: Prepared, opts: { asOf: string; profile?: Profile; key: string; seedsDir: string; log: Logger }): Promise<Checked | string> {
  const t = tempNames(p.table.name);
  const raw = await readRaw(
    wh,
    { table: p.table.name, file: p.file, csvPath: p.csvPath, delimiter: p.csvDelimiter, width: p.width, blankLines: p.blankLines, sizeBytes: p.sizeBytes },
    opts.log,
  );
  if (raw.rows + raw.rejectedLines === 0) return `${p.file}: no data rows — the file has a header but no rows`;
  const tp = tableProfile(opts.profile, p.table.name);
  const rawColumns = new Map([...p.columns].map(([name, i]) => [name, rawColumn(i)]));
  const cprCol = p.table.columns.find((c) => c.type === "cpr");
  if (cprCol)
    await run(wh, p.file, `create or replace temp table ${t.cpr} as ${cprFactsQuery(raw.raw, ident(rawColumns.get(cprCol.name)!))}`, {
      key: opts.key,
    });
  let duplicates: string | undefined;
  const key = p.table.key ? p.table.columns.find((c) => c.name === p.table.key) : undefined;
  if (key && rawColumns.has(key.name)) {
    await run(wh, p.file, `create or replace temp table ${t.duplicates} as ${duplicatesQuery(raw.raw, (x) => parseExpr(key, x), rawColumns.get(key.name)!)}`);
    duplicates = t.duplicates;
  }
  const sql = checkedQuery({
    duplicates,
    table: p.table,
    rawColumns,
    raw: raw.raw,
    skips: raw.skips,
    cprFacts: t.cpr,
    firstPattern: await sniff(wh, p, raw.raw, tp.datoformat),
    dateHint: tp.datoformat,
    recode: tp.vaerdier,
    codes: codeLists(p.table, opts.seedsDir),
    asOf: opts.asOf,
  });
  await run(wh, p.file, `create or replace temp table ${t.checked} as ${sql}`);
  const counts = await all<{ regel: number; aarsag: string; antal: number }>(
    wh,
    p.file,
    `select _fejl.regel as regel, _fejl.aarsag as aarsag, count(*)::integer as antal from ${t.checked} where _fejl is not null group by all
     union all select 0, 'ulaeselig_linje', count(*)::integer from ${raw.rejects} having count(*) > 0
     order by regel, aarsag`,
  );
  const byReason = counts.map((c) => ({ regel: c.regel, aarsag: c.aarsag as ReasonCount["aarsag"], antal: c.antal }));
  const rowsQuarantined = byReason.reduce((s, c) => s + c.antal, 0);
  const rowsRead = raw.rows + raw.rejectedLines;
  return { p, raw, checked: t.checked, rowsRead, rowsLoaded: rowsRead - rowsQuarantined, rowsQuarantined, byReason };
}

/** Step 3, inside the transaction: the new snapshot of one table and its quarantined rows. */
async function write(wh: Warehouse, c: Checked, loadId: number) {
  const table = c.p.table;
  const cols = srcColumns(table)
    .map((x) => x.name)
    .filter((n) => n !== "_load_id");
  const src = srcTable(table.name);
  await run(wh, c.p.file, `drop table if exists ${src}`);
  await run(wh, c.p.file, srcTableDdl(table));
  await run(
    wh,
    c.p.file,
    `insert into ${src} (${cols.map(ident).join(", ")}, _load_id)
     select ${cols.map(ident).join(", ")}, ${loadId} from ${c.checked} where _fejl is null${c.raw.skips ? " order by _linje" : ""}`,
  );
  const rawText = `concat_ws(${lit(c.p.csvDelimiter)}, ${Array.from({ length: c.p.width }, (_, i) => `coalesce(r.${ident(rawColumn(i))}, '')`).join(", ")})`;
  const colName = (i: number) => table.columns.find((x) => c.p.columns.get(x.name) === i)?.name ?? maskCpr(c.p.header[i].trim());
  const rejectColumn = `case kolonne ${Array.from({ length: c.p.width }, (_, i) => `when ${lit(rawColumn(i))} then ${lit(colName(i))}`).join(" ")} end`;
  await run(
    wh,
    c.p.file,
    `insert into quarantine (load_id, tabel, fil, linje, kolonne, regel, aarsag, besked, raa_tekst)
     select * from (
       select ${loadId}, ${lit(table.name)}, ${lit(c.p.file)}, k._linje, k._fejl.kolonne, k._fejl.regel, k._fejl.aarsag, k._fejl.besked,
         ${maskCprSql(rawText)}
       from ${c.checked} k join ${c.raw.raw} r on r.rowid = k._rid where k._fejl is not null
       union all
       select ${loadId}, ${lit(table.name)}, ${lit(c.p.file)}, linje, ${rejectColumn}, 0, 'ulaeselig_linje',
         ${maskCprSql(`${lit(`${reasons.ulaeselig_linje}: `)} || lower(fejltype) || ' (' || coalesce(besked, '') || ')'`)},
         ${maskCprSql("csv_linje")}
       from ${c.raw.rejects}
     ) order by 4`,
  );
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
  const checkedTables: Checked[] = [];
  try {
    const prepared: Prepared[] = [];
    for (const f of files) {
      const p = await prepare(f, profile, tmp, problems);
      if (p) prepared.push(p);
    }
    if (problems.length) throw new InputError(problems);

    for (const p of prepared) {
      const t0 = performance.now();
      const c = await log.timed(`${p.file}: læst og kontrolleret`, () =>
        check(wh, p, { asOf, profile, key: deps.pseudonym.key, seedsDir: deps.seedsDir ?? defaultSeedsDir, log }),
      );
      p.ms += performance.now() - t0;
      if (typeof c === "string") problems.push(c);
      else checkedTables.push(c);
    }
    if (problems.length) throw new InputError(problems);
    for (const c of checkedTables) {
      const share = c.rowsQuarantined / c.rowsRead;
      if (share > MAX_REJECT_SHARE && !opts.acceptRejects) {
        const top = c.byReason.map((r) => `regel ${r.regel} ${r.aarsag}: ${r.antal}`).join(", ");
        problems.push(
          `${c.p.file}: ${c.rowsQuarantined} of ${c.rowsRead} rows (${(share * 100).toFixed(1)} %) would be quarantined, more than ${MAX_REJECT_SHARE * 100} % ` +
            `(${top}) — the file is probably in the wrong format; fix it, or load anyway with --accept-rejects`,
        );
      }
    }
    if (problems.length) throw new InputError(problems);

    // Step 3: one transaction; a crash before COMMIT leaves the previous snapshot as it was.
    let loadId = 0;
    const reports: TableReport[] = [];
    await run(wh, "load", "begin transaction");
    try {
      for (const ddl of warehouseDdl()) await run(wh, "load", ddl);
      [{ loadId }] = await all<{ loadId: number }>(wh, "load", "select (coalesce(max(load_id), 0) + 1)::integer as loadId from load_log");
      for (const c of checkedTables) {
        const t0 = performance.now();
        await log.timed(`${c.p.file}: skrevet til ${srcTable(c.p.table.name)}`, () => write(wh, c, loadId));
        const ms = Math.round(c.p.ms + performance.now() - t0);
        reports.push({
          table: c.p.table.name,
          file: c.p.file,
          format: c.p.format,
          encoding: c.p.encoding,
          delimiter: c.p.delimiter,
          sha256: c.p.sha256,
          rowsRead: c.rowsRead,
          rowsLoaded: c.rowsLoaded,
          rowsQuarantined: c.rowsQuarantined,
          byReason: c.byReason,
          extraColumns: c.p.extras,
          ms,
        });
        await run(
          wh,
          "load",
          `insert into load_files values ($load_id, $tabel, $fil, $sha256, $format, $tegnsaet, $skilletegn, $laest, $indlaest, $karantaene, $ekstra)`,
          {
            load_id: loadId,
            tabel: c.p.table.name,
            fil: c.p.file,
            sha256: c.p.sha256,
            format: c.p.format,
            tegnsaet: c.p.encoding,
            skilletegn: c.p.delimiter,
            laest: c.rowsRead,
            indlaest: c.rowsLoaded,
            karantaene: c.rowsQuarantined,
            ekstra: c.p.extras.length ? c.p.extras.join(", ") : null,
          },
        );
      }
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
      tables: reports,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    for (const f of files) {
      const t = tempNames(f.table.name);
      for (const name of [t.raw, t.rejects, t.rejectErrors, t.rejectScans, t.skips, t.cpr, t.duplicates, t.checked])
        await wh.run(`drop table if exists ${name}`).catch(() => {});
    }
  }
}
