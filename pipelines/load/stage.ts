// Step 2 of a load (load-folder.ts), the staging of one checked file: read it typed with DuckDB into a temporary
// table, pseudonymise the CPR numbers (once per distinct number of the load), check every row against the rules in
// one set-based pass that writes the new snapshot to the table's staging table, and move the rows that break a rule
// to the load's quarantine. Nothing the models read changes.
import { MAX_REJECT_SHARE, type Reason, reasons, type RuleNumber } from "../contract.ts";
import { maskCpr } from "../cpr.ts";
import { ident, lit, type Warehouse } from "../db.ts";
import type { Logger } from "../log.ts";
import { srcColumns } from "../warehouse.ts";
import { codeLists } from "./codes.ts";
import { maskCprSql, newCprQuery } from "./cpr-sql.ts";
import { accountingProblem, describeUnclosedQuote } from "./lines.ts";
import { type ConventionCounts, conventionQuery, type DecimalConvention, decideConvention, describeConvention } from "./numbers.ts";
import type { Prepared } from "./files.ts";
import { type DateFormat, parseExpr, patterns, sniffPattern } from "./parse-sql.ts";
import { type RuleExample, ruleExamples, ruleExamplesQuery } from "./proev.ts";
import { all, run } from "./query.ts";
import { type RawTables, rawColumn, readRaw, tempNames } from "./read.ts";
import type { ReasonCount } from "./report.ts";
import { prepareTableRules } from "../tilsyn/load-rules.ts";
import { type CheckInput, checkedQuery, duplicatesQuery, type Fejl, fejlText, typedRows } from "./validate.ts";

/** Where a table's new snapshot is written before the commit renames it to src_<table>. */
export const stagingTable = (table: string) => `_libu_ny_${table}`;

/** Drops the temporary tables of one file (also after a failed load). */
export async function dropTemp(wh: Warehouse, table: string) {
  const t = tempNames(table);
  // One statement: `if exists` cannot fail on a missing table, and nine round trips per file add up.
  await wh.run(Object.values(t).map((name) => `drop table if exists ${name};`).join(" ")).catch(() => {});
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

export interface Staged {
  p: Prepared;
  rowsRead: number;
  rowsLoaded: number;
  rowsQuarantined: number;
  byReason: ReasonCount[];
  /** What the load decided or changed about the file, for the report (Danish, one line each). */
  notes: string[];
  /** Per rule and column, the count and examples (proev.ts): for a dry run, or when the 5 % guard stops the load. */
  examples?: RuleExample[];
}

/**
 * Step 2, one file: read it typed, check every row in one pass that also writes the staging table (rows that break
 * a rule included, with `_fejl`), copy those rows to the load's quarantine, then delete them and drop the helper
 * columns (a metadata change in DuckDB). Nothing the models read changes.
 */
export async function stage(
  wh: Warehouse,
  p: Prepared,
  opts: { asOf: string; key: string; seedsDir: string; log: Logger; tmp: string; cprKnown: string; quarantine: string; loadId: number; examples?: boolean },
): Promise<Staged | string> {
  const t = tempNames(p.table.name);
  const table = p.table;
  // A source profile was applied before (profile/stage.ts): the file is canonical here.
  const firstPattern = sniff(p, undefined);
  const rt = readerTypes(p, firstPattern, {});
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
      // Lines that start no row: blank lines, and the continuation lines of a quoted line break.
      blankLines: () => {
        const l = p.whileReading().lines;
        return l.continuationLines.length ? [...l.blankLines, ...l.continuationLines].sort((a, b) => a - b) : l.blankLines;
      },
      mixedLineEnds: p.mixedLineEnds,
      sizeBytes: p.sizeBytes,
      tmp: opts.tmp,
    },
    opts.log,
  );
  // Every row accounted for against the file itself (lines.ts): the reader's rows and unreadable lines must be the
  // file's records, else rows were swallowed or lost and the file fails.
  const lines = p.whileReading().lines;
  if (lines.unclosedQuote) return `${p.file}: ${describeUnclosedQuote(lines.unclosedQuote)}`;
  const lost = accountingProblem(lines.records, raw.rows + raw.textRows, raw.rejectedLines);
  if (lost) return `${p.file}: ${lost}`;
  if (raw.rows + raw.rejectedLines + raw.textRows === 0) return `${p.file}: ingen rækker med data — filen har kun overskriftsrækken; eksportér den igen med data`;
  const notes = [...p.notes];
  const rawColumns = new Map([...p.columns].map(([name, i]) => [name, rawColumn(i)]));
  const decimals = await decimalConventions(wh, p, raw, rawColumns, notes);
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
  await prepareTableRules(wh, table.name);
  const fejl: Fejl[] = [];
  const input: CheckInput = {
    duplicates,
    table,
    rawColumns,
    typed: rt.typed,
    rows,
    cprKnown: opts.cprKnown,
    firstPattern,
    dateHint: undefined,
    recode: {},
    codes: codeLists(table, opts.seedsDir),
    asOf: opts.asOf,
    lineBreaks: lines.continuationLines.length > 0,
    decimals,
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

  const masked = await maskedRows(wh, p, staging);
  if (masked) notes.push(masked);
  await run(wh, p.file, quarantineInsert({ p, rt, raw, rows, textRows, staging, fejl, quarantine: opts.quarantine, loadId: opts.loadId }));
  const counts = await all<{ regel: number; aarsag: string; antal: number }>(
    wh,
    p.file,
    `select regel, aarsag, count(*)::integer as antal from ${opts.quarantine} where tabel = ${lit(table.name)} group by all order by regel, aarsag`,
  );
  const byReason = counts.map((c) => ({ regel: c.regel as RuleNumber, aarsag: c.aarsag as Reason, antal: c.antal }));
  const rowsQuarantined = byReason.reduce((s, c) => s + c.antal, 0);
  const rowsRead = raw.rows + raw.rejectedLines + raw.textRows;
  const examples =
    rowsQuarantined && (opts.examples || rowsQuarantined / rowsRead > MAX_REJECT_SHARE)
      ? ruleExamples(await all(wh, p.file, ruleExamplesQuery({ p, staging, rows, textRows, rejects: raw.rejects, fejl })))
      : undefined;
  await run(wh, p.file, `delete from ${staging} where _fejl is not null; alter table ${staging} drop column _fejl`);
  return { p, rowsRead, rowsLoaded: rowsRead - rowsQuarantined, rowsQuarantined, byReason, notes, examples };
}

/** The convention of `.` in each decimal column of the file (numbers.ts), with a report line where it matters. */
async function decimalConventions(wh: Warehouse, p: Prepared, raw: RawTables, rawColumns: Map<string, string>, notes: string[]) {
  const cols = new Map(p.table.columns.filter((c) => c.type === "decimal" && rawColumns.has(c.name)).map((c) => [c.name, ident(rawColumns.get(c.name)!)]));
  const out = new Map<string, DecimalConvention>();
  if (!cols.size) return out;
  const list = [...cols.values()].join(", ");
  const rows = `(select ${list} from ${raw.raw}${raw.text ? ` union all select ${list} from ${raw.text}` : ""})`;
  for (const c of await all<ConventionCounts>(wh, p.file, conventionQuery(rows, cols))) {
    const convention = decideConvention(c, p.csvDelimiter);
    out.set(c.kolonne, convention);
    const fromValues = c.komma + c.punktum > 0;
    if (convention !== "komma" || (!fromValues && c.tvetydig > 0)) notes.push(describeConvention(c.kolonne, convention, fromValues));
  }
  return out;
}

/** The report line for rows whose text or id columns held a CPR number, masked by the row pass (validate.ts). */
async function maskedRows(wh: Warehouse, p: Prepared, staging: string): Promise<string | undefined> {
  const text = p.table.columns.filter((c) => c.type === "text" && p.columns.has(c.name)).map((c) => `contains(${ident(c.name)}, '-****')`);
  if (!text.length) return undefined;
  const [{ n, first }] = await all<{ n: number; first: number[] | null }>(
    wh,
    p.file,
    `select count(*)::integer as n, list(_linje order by _linje)[1:5] as first from ${staging} where ${text.join(" or ")}`,
  );
  if (!n) return undefined;
  return `${n} ${n === 1 ? "række" : "rækker"} havde et CPR-nummer i en tekst- eller id-kolonne; det er maskeret som DDMMYY-**** (linje ${(first ?? []).join(", ")}${n > 5 ? ", …" : ""})`;
}

/**
 * The insert into the load's quarantine: the rows that break a rule, found again among the read rows by line, and
 * the lines the reader could not split. A row's text is its cells joined by the file's delimiter, typed dates
 * written back in the file's format, CPR numbers masked.
 */
function quarantineInsert(a: {
  p: Prepared;
  rt: ReturnType<typeof readerTypes>;
  raw: RawTables;
  rows: string;
  textRows: string | undefined;
  staging: string;
  fejl: Fejl[];
  quarantine: string;
  loadId: number;
}): string {
  const { p, rt, raw, rows, textRows, staging, fejl } = a;
  const table = p.table;
  const cell = (i: number, typed: boolean) => {
    const x = `r.${ident(rawColumn(i))}`;
    const format = typed ? (rt.types[i] === "DATE" ? rt.dateformat : rt.types[i] === "TIMESTAMP" ? rt.timestampformat : undefined) : undefined;
    return format ? `coalesce(strftime(${x}, ${lit(format)}), '')` : `coalesce(${x}, '')`;
  };
  // Only the contract's columns of the row (issue 11): an export's extra columns (the child's name, an address) are
  // never stored, not even in the quarantine; the report lists them by name.
  const contractCells = [...p.columns.values()].sort((x, y) => x - y);
  const rawText = (typed: boolean) => maskCprSql(`concat_ws(${lit(p.csvDelimiter)}, ${contractCells.map((i) => cell(i, typed)).join(", ")})`);
  // A line the reader could not split cannot be cut into columns: with extra columns in the file it is not kept.
  const rejectText = p.extras.length ? "null::varchar" : maskCprSql("csv_linje");
  const text = fejlText(fejl);
  const colName = (i: number) => table.columns.find((x) => p.columns.get(x.name) === i)?.name ?? maskCpr(p.header[i].trim());
  const rejectColumn = `case kolonne ${Array.from({ length: p.width }, (_, i) => `when ${lit(rawColumn(i))} then ${lit(colName(i))}`).join(" ")} end`;
  const head = `${a.loadId}, ${lit(table.name)}, ${lit(p.file)}`;
  const broken = `s._linje, d.kolonne, d.regel, d.aarsag, ${text.besked}`;
  const brokenRows = (rows: string, typed: boolean) =>
    `select ${head}, ${broken}, ${rawText(typed)} from ${staging} s join ${text.values} on d.nr = s._fejl join ${rows} r on r._linje = s._linje where s._fejl is not null`;
  return `insert into ${a.quarantine} (load_id, tabel, fil, linje, kolonne, regel, aarsag, besked, raa_tekst)
     select * from (
       ${fejl.length ? `${brokenRows(rows, true)} union all` : ""}
       ${fejl.length && textRows ? `${brokenRows(textRows, false)} union all` : ""}
       select ${head}, linje, ${rejectColumn}, ${reasons.ulaeselig_linje.regel}, ${lit("ulaeselig_linje" satisfies Reason)},
         ${maskCprSql(`${lit(`${reasons.ulaeselig_linje.tekst}: `)} || ${unreadableSql("fejltype", "besked")}`)},
         ${rejectText}
       from ${raw.rejects}
     ) order by 4`;
}

/** DuckDB's reject type and English message as Danish: what is wrong with the line, with the column counts it found. */
function unreadableSql(type: string, message: string): string {
  const what = `case lower(${type})
    when 'missing columns' then 'for få kolonner'
    when 'too many columns' then 'for mange kolonner'
    when 'unquoted value' then 'et anførselstegn (") midt i et felt'
    when 'line size over maximum' then 'linjen er for lang'
    when 'invalid unicode' then 'tegn, der ikke findes i filens tegnsæt'
    else 'ulæselig linje' end`;
  const counts = `regexp_extract(${message}, 'Expected Number of Columns: ([0-9]+) Found: ([0-9]+)', ['ventet', 'fundet'])`;
  return `${what} || coalesce(' (' || ${counts}.fundet || ' af ' || ${counts}.ventet || ' kolonner)', '') || ' — ret linjen i filen, eller eksportér den igen'`;
}
