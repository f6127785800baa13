// `libu load`: one folder of exports into the warehouse, atomically (docs/contract.md, "Loads" and "Bad input").
// 1. files.ts: check every file (encoding, delimiter, header) — file-level problems fail the load and stop the staging;
// 2. stage.ts, file by file: read it typed with DuckDB into a temporary table, pseudonymise the CPR numbers, check
//    every row in one set-based pass that writes the new snapshot to a staging table, move the rows that break a
//    rule to the load's quarantine, then drop the file's temporary tables, so only one file is held in memory at a time;
// 3. a file-level problem found on the way (no rows, the 5 % guard) drops the staging tables and changes nothing;
//    else commit.ts: one short transaction renames each staging table to its src_ table and writes load_log,
//    load_files and quarantine. A load killed before that commit leaves only staging tables, which the next load drops.
// schedule.ts orders steps 1 and 2 in time (which file first, the overlap of the checks with DuckDB's staging); this
// file only says what is done and what decides the load's outcome.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { MAX_REJECT_SHARE, allTables, srcTable, type Table, tableByName, tables } from "../contract.ts";
import { maskCpr } from "../cpr.ts";
import { checkKey } from "../key.ts";
import { remapReviewQuarantine, reviewWorkbooksToCsv } from "../tilsyn/read-workbooks.ts";
import { CONFIG_FILE, type Config } from "../config.ts";
import type { Warehouse } from "../db.ts";
import { InputError } from "../errors.ts";
import type { Logger } from "../log.ts";
import { loadTablesDdl } from "../warehouse.ts";
import { defaultSeedsDir } from "./codes.ts";
import { commitLoad, dropLeftovers, nextLoadId, olderPseudonyms } from "./commit.ts";
import { listFiles, type Prepared, prepare } from "./files.ts";
import { EXPORT_MANIFEST, manifestDataFra, resolveAsOf } from "./manifest.ts";
import { type DataFra, casesRelation, historyFinding } from "./history.ts";
import { formatRuleExample } from "./proev.ts";
import { loadProfile } from "./profile.ts";
import { listSources } from "./profile/files.ts";
import { dropProfileTemp, type ProfiledTable, profileStage, remapLines } from "./profile/stage.ts";
import { run } from "./query.ts";
import type { LoadReport, TableReport } from "./report.ts";
import { overlapped, stagingOrder } from "./schedule.ts";
import { dropTemp, type Staged, stage, stagingTable } from "./stage.ts";

export interface LoadOptions {
  /** The folder of export files (`<table>.csv` / `<table>.xlsx`). */
  folder: string;
  /** Extraction date `YYYY-MM-DD`; default the folder's libu-manifest.json, else today (manifest.ts). */
  asOf?: string;
  /** A profile name (data/profiles/<name>.json) or a path to one. */
  profile?: string;
  /** Load even when more than 5 % of a table's rows are quarantined. */
  acceptRejects?: boolean;
  /** `--proev`: a dry run — everything but the commit, with examples per rule and column in the report. */
  proev?: boolean;
  /** `libu rekey`: a new key for the warehouse; the folder must hold every table that has rows (key.ts). */
  rekey?: boolean;
  /** The configuration: its dataFra and dataFraTabel are weighed by the report's history lines (history.ts). */
  dataFra?: Pick<Config, "dataFra" | "dataFraTabel">;
  /** The configuration's file as the report names it (default libu.config.json). */
  configFile?: string;
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

const pad = (n: number) => String(n).padStart(2, "0");
/** Local date (and time): the municipality's clock, like the exports. */
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTimestamp = (d: Date) => `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** A file's size in bytes, 0 when it cannot be read (prepare() reports that). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

const pct = (x: number) => `${(x * 100).toLocaleString("da-DK", { maximumFractionDigits: 1 })} %`;

/**
 * The 5 % guard: a problem when more of a staged file's rows would be quarantined, unless the user accepts it. The
 * line names the rules, the columns and example values (proev.ts) and points to the dry run that shows them all.
 */
function rejectShareProblem(c: Staged, acceptRejects: boolean | undefined): string | undefined {
  const share = c.rowsQuarantined / c.rowsRead;
  if (!(share > MAX_REJECT_SHARE) || acceptRejects) return undefined;
  const top = c.examples?.length
    ? [...c.examples].sort((a, b) => b.antal - a.antal).slice(0, 3).map(formatRuleExample).join("; ")
    : c.byReason.map((r) => `regel ${r.regel} ${r.aarsag}: ${r.antal}`).join(", ");
  return (
    `${c.p.file}: ${c.rowsQuarantined} af ${c.rowsRead} rækker (${pct(share)}) ville komme i karantæne, mere end ${pct(MAX_REJECT_SHARE)} ` +
    `(${top}) — filen har nok et andet format end kontrakten; se hver regel og kolonne med eksempler med --proev, ` +
    "ret filen (eller profilen), eller indlæs alligevel med --accept-rejects"
  );
}

/** One table's line of the load report; a profiled table is reported by its export files. */
function tableReport(c: Staged, ms: number, profiled?: ProfiledTable): TableReport {
  const r: TableReport = {
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
    notes: c.notes,
    ms: Math.round(ms),
  };
  if (c.examples) r.eksempler = c.examples;
  if (profiled) Object.assign(r, { sha256: profiled.sha256, udeladt: profiled.udeladt });
  return r;
}

/** A profiled table's prepared canonical CSV, named and described by its export files in messages and the report. */
function profiledPrepared(p: Prepared, t: ProfiledTable): Prepared {
  return { ...p, file: t.file, format: t.format, encoding: t.encoding, delimiter: t.delimiter, extras: t.extras };
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
  // --as-of, else the folder's manifest (libu demo writes one), else today — said in the log (manifest.ts).
  const { asOf, source: asOfSource, note: asOfNote, manifest } = resolveAsOf(folder, opts.asOf, localDate(new Date()));
  if (!existsSync(folder)) throw new InputError([`${opts.folder}: mappen findes ikke — giv stien til mappen med eksportfilerne`]);
  if (!statSync(folder).isDirectory())
    throw new InputError([`${opts.folder}: er en fil, ikke en mappe — giv mappen med eksportfilerne (fx ${dirname(opts.folder) || "."})`]);
  const profile = opts.profile ? loadProfile(opts.profile, deps.profilesDir ?? join(cwd, "data/profiles"), cwd, deps.seedsDir) : undefined;
  if (asOfNote && asOfSource === "manifest") log.info(asOfNote);
  else if (asOfNote) log.warn(asOfNote);
  if (deps.pseudonym.demo) log.warn("bruger demo-nøglen til pseudonymisering — kun til syntetiske data (sæt $LIBU_PSEUDONYM_KEY)");

  const problems: string[] = [];
  // With a source profile the profile says which files (and sheets) hold which table (profile/files.ts); the files
  // are read in the profile stage, after the key check.
  const warnings: string[] = [];
  const sources = profile ? listSources(folder, profile, problems, warnings) : undefined;
  for (const w of warnings) log.warn(w);
  let files: { table: Table; path: string; profiled?: ProfiledTable }[] = sources ? [] : listFiles(folder, undefined, problems);
  // One key per warehouse (key.ts): refused before any file is read.
  const replaced = new Set((sources ?? files).map((f) => f.table.name));
  await checkKey(wh, deps.pseudonym.key, tables.filter((t) => !replaced.has(t.name)).map((t) => srcTable(t.name)), { rekey: !!opts.rekey });
  await dropLeftovers(wh);
  const tmp = mkdtempSync(join(tmpdir(), "libu-load-"));
  const cprKnown = "_libu_cpr";
  const quarantine = "_libu_karantaene";
  try {
    // A source profile is applied first: each table's export files become one canonical CSV (profile/stage.ts).
    if (profile && sources) {
      if (problems.length) throw new InputError(problems);
      const profiled = await profileStage(wh, { sources, profile, tmp, log });
      if (profiled.problems.length) throw new InputError(profiled.problems);
      files = profiled.tables.map((t) => ({ table: t.table, path: t.csvPath, profiled: t }));
    }
    // The ledelsestilsyn's filled review workbooks become one long file of the table sagsgennemgange.
    const reviews = await reviewWorkbooksToCsv(folder, tmp, problems);
    if (reviews) {
      const other = files.find((f) => f.table.name === "sagsgennemgange");
      if (other) problems.push(`${basename(other.path)}: sagsgennemgange gives også som arbejdsark (${reviews.workbooks.join(", ")}) — indlæs det ene`);
      else files.push({ table: tableByName("sagsgennemgange")!, path: reviews.path });
    }
    const loadId = await nextLoadId(wh);
    problems.push(...(await olderPseudonyms(wh, files)));
    await run(wh, "indlæsning", `create or replace temp table ${cprKnown} (digits varchar, barn_id uuid, foedselsdato date, koen varchar)`);
    const quarantineDdl = loadTablesDdl.find((d) => d.includes(" quarantine ("))!;
    await run(wh, "indlæsning", quarantineDdl.replace("create table if not exists quarantine", `create or replace temp table ${quarantine}`));

    // Steps 1 and 2. Once a file-level problem is found nothing more is staged, but every file is still checked so
    // that the message lists every problem; problems and reports are listed in the contract's order.
    const fileProblems: string[][] = files.map(() => []);
    const rowProblems: string[][] = files.map(() => []);
    const reports: { i: number; r: TableReport }[] = [];
    const stageOne = async (p: Prepared, i: number) => {
      const t0 = performance.now();
      const c = await log.timed(`${p.file}: læst og kontrolleret (tabellen ${p.table.name})`, () =>
        stage(wh, p, { asOf, key: deps.pseudonym.key, seedsDir: deps.seedsDir ?? defaultSeedsDir, log, tmp, cprKnown, quarantine, loadId, examples: opts.proev }),
      );
      await dropTemp(wh, p.table.name);
      const profiled = files[i].profiled;
      if (profiled && typeof c !== "string") await remapLines(wh, profiled, stagingTable(p.table.name), quarantine);
      if (typeof c === "string") {
        rowProblems[i].push(c);
        return;
      }
      const tooMany = rejectShareProblem(c, opts.acceptRejects);
      const r = tableReport(c, p.ms + performance.now() - t0, profiled);
      // A dry run reports what would stop the load instead of stopping.
      if (tooMany && opts.proev) r.stopper = true;
      else if (tooMany) rowProblems[i].push(tooMany);
      reports.push({ i, r });
    };
    await overlapped(
      stagingOrder(files.map((f) => fileSize(f.path))),
      (i) => prepare(files[i], undefined, tmp, fileProblems[i]).then((p) => (p && files[i].profiled ? profiledPrepared(p, files[i].profiled!) : p)),
      stageOne,
      () => !problems.length && !fileProblems.some((x) => x.length),
    );
    const allProblems = [...problems, ...fileProblems.flat(), ...rowProblems.flat()];
    if (allProblems.length) throw new InputError(allProblems);
    reports.sort((a, b) => a.i - b.i);

    if (reviews) await remapReviewQuarantine(wh, quarantine, reviews);

    // data_fra as int_data_fra.sql takes it: the configuration's day (for the table, else for every table), else the
    // manifest's; for a table (the history lines, history.ts) or, without one, for every table (the report's first line).
    const configFile = maskCpr(opts.configFile ?? CONFIG_FILE);
    const dataFraOf = (t?: string): DataFra | undefined => {
      const c = (t === undefined ? undefined : opts.dataFra?.dataFraTabel?.[t]) ?? opts.dataFra?.dataFra;
      if (c) return { dato: c, fil: configFile };
      const m = t === undefined ? manifest?.dataFra : manifestDataFra(manifest, t);
      return m ? { dato: m, fil: EXPORT_MANIFEST } : undefined;
    };
    const dataFra = dataFraOf();
    const cases = await casesRelation(wh, reports.some((x) => x.r.table === "sager") ? stagingTable("sager") : undefined);
    for (const { r } of reports) {
      const finding = await historyFinding(wh, tableByName(r.table)!, stagingTable(r.table), cases, dataFraOf);
      if (finding) r.historik = finding;
    }

    const report: LoadReport = {
      loadId,
      asOf,
      asOfSource,
      folder: maskCpr(folder),
      ...(dataFra ? { dataFra } : {}),
      konfiguration: configFile,
      profile: profile?.navn ?? null,
      acceptRejects: !!opts.acceptRejects,
      demoKey: deps.pseudonym.demo,
      tables: reports.map((x) => x.r),
      ms: 0,
    };
    // A dry run stops here: the staging tables go in `finally`, the warehouse's tables are as they were.
    if (opts.proev) return { ...report, proev: true, ms: Math.round(performance.now() - started) };

    // Step 3.
    await commitLoad(wh, {
      loadId,
      reports: reports.map((x) => x.r),
      files,
      quarantine,
      dataFra: reports.flatMap((x) => {
        const dato = manifestDataFra(manifest, x.r.table);
        return dato ? [{ tabel: x.r.table, dato }] : [];
      }),
      log: {
        startet: localTimestamp(startedAt),
        asOf,
        mappe: maskCpr(folder),
        profil: profile?.navn ?? null,
        accept: !!opts.acceptRejects,
        demo: deps.pseudonym.demo,
        ms: () => Math.round(performance.now() - started),
      },
      beforeCommit: deps.beforeCommit,
      key: deps.pseudonym.key,
    });
    return { ...report, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    for (const f of files) await dropTemp(wh, f.table.name);
    if (profile) await dropProfileTemp(wh, allTables);
    // Renamed after a commit; else the unfinished snapshots go.
    for (const t of allTables) await wh.run(`drop table if exists ${stagingTable(t.name)}`).catch(() => {});
    await wh.run(`drop table if exists ${cprKnown}; drop table if exists ${quarantine}`).catch(() => {});
  }
}
