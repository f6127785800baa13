// The profile stage: before the canonical load, each table's export files (CSV files, sheets of workbooks) are turned
// into one canonical CSV with the contract's column names — header found below any title rows, footer and filtered
// rows left out (and counted), derived columns made, values mapped, dates written as ISO, CPR numbers normalised,
// wide tables made long — all in SQL over DuckDB's reading of the cells. The canonical load then reads that file as
// any other; `map` gives each of its lines the file and line the row came from (remapLines, after staging).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { Column, Table } from "../../contract.ts";
import { maskCpr } from "../../cpr.ts";
import { ident, lit, type Warehouse } from "../../db.ts";
import type { Logger } from "../../log.ts";
import { maskCprSql } from "../cpr-sql.ts";
import { normaliseName } from "../header.ts";
import { type MergedTableProfile, type Profile, type RowMatch, tableProfile } from "../profile.ts";
import { all, run } from "../query.ts";
import { sourceHeaders } from "./check.ts";
import { isoDateSql } from "./dates.ts";
import { chooseSheet, type SourceFile } from "./files.ts";
import { findHeaderRow, HEADER_SEARCH_ROWS, knownCells, missingColumnsLine } from "./header-row.ts";
import { didYouMean, jsRegex } from "./nearest.ts";
import { csvSource, forgetWorkbooks, sheetSource, type SourceRows, workbook, writeCells } from "./source.ts";
import { cprNormalSql, matchSql, midnightSql, valueMapSql } from "./sql.ts";

/** Rows a profile rule left out of a table, with up to three of the deciding cells (CPR masked). */
export interface RuleCount {
  regel: string;
  kolonne: string;
  antal: number;
  eksempler: string[];
}

export interface ProfiledTable {
  table: Table;
  /** The canonical CSV the load reads. */
  csvPath: string;
  /** Temporary table (_ny_linje, _fil, _kilde_linje): each line of csvPath back to its file and line. */
  map: string;
  /** The source files (a sheet as `file [sheet]`), comma-separated. */
  file: string;
  format: "csv" | "xlsx";
  encoding: string | null;
  delimiter: string | null;
  sha256: string;
  extras: string[];
  udeladt: RuleCount[];
}

const mapTable = (table: string) => `_libu_prof_${table}`;
const cellsTable = (table: string, k: number) => `_libu_pc_${table}_${k}`;
const raw = (i: number) => `c${i + 1}`;

/** Drops the stage's temporary tables (also after a failed load). */
export async function dropProfileTemp(wh: Warehouse, tables: readonly Table[], sources = 64): Promise<void> {
  const names = tables.flatMap((t) => [mapTable(t.name), ...Array.from({ length: sources }, (_, k) => cellsTable(t.name, k))]);
  await wh.run(names.map((n) => `drop table if exists ${n};`).join(" ")).catch(() => {});
}

interface Source {
  label: string;
  file: string;
  src: SourceRows;
  sha256: string;
}

async function readSource(f: SourceFile, tp: MergedTableProfile, problems: string[]): Promise<Source | undefined> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(f.path);
  } catch (e) {
    problems.push(`${f.name}: kan ikke læses (${maskCpr((e as Error).message.split("\n")[0])})`);
    return;
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  if (extname(f.name).toLowerCase() === ".xlsx") {
    let wb;
    try {
      wb = await workbook(f.path);
    } catch (e) {
      problems.push(`${f.name}: kan ikke læses som en Excel-arbejdsbog (${maskCpr((e as Error).message.split("\n")[0])})`);
      return;
    }
    const sheet = chooseSheet(wb, f.name, f.table, tp.ark);
    if (typeof sheet === "string") {
      problems.push(sheet);
      return;
    }
    return { label: `${f.name} [${sheet.name}]`, file: f.name, src: sheetSource(sheet), sha256 };
  }
  const src = csvSource(f.path);
  if (typeof src === "string") {
    problems.push(`${f.name}: ${src}`);
    return;
  }
  return { label: f.name, file: f.name, src, sha256 };
}

interface Plan {
  /** Contract column → SQL over the cells (`s.cI`, or `_k`/`_v` after unpivoting). */
  cols: Map<string, string>;
  headerLine: number;
  extras: string[];
  filters: { regel: string; kolonne: string; sql: string; cell: string; kind: "slut" | "udelad" | "behold" }[];
  wide?: { columns: string[]; summer: boolean; vaerdi: string };
}

/** Reads the header and turns the profile into SQL for one source; problems as lines. */
function plan(s: Source, table: Table, tp: MergedTableProfile, problems: string[]): Plan | undefined {
  const contract = new Set(table.columns.map((c) => c.name));
  const derivedFrom = sourceHeaders(tp as { kolonner: Record<string, string>; afledte?: { saml?: string[]; fra?: string }[] });
  const wideRe = tp.bred ? jsRegex(tp.bred.kolonner) : undefined;
  const known = (n: string, cell: string) => contract.has(tp.kolonner[n] ?? n) || derivedFrom.has(n) || !!wideRe?.test(cell);
  const rows = s.src.rows;
  const h = findHeaderRow(rows, known, tp.overskriftsraekke);
  if (h === undefined) {
    problems.push(
      tp.overskriftsraekke !== undefined
        ? `${s.label}: linje ${tp.overskriftsraekke} (overskriftsraekke) er tom eller findes ikke`
        : `${s.label}: ingen af de første ${HEADER_SEARCH_ROWS} rækker ligner kolonneoverskrifter for ${table.name} — sæt "overskriftsraekke" i profilen, eller oversæt overskrifterne med "kolonner"`,
    );
    return;
  }
  const header = rows[h].cells;
  const headerLine = rows[h].line;
  // A column by its header, or by position: "#2" is the second column (for headers left empty, as Statistikbanken's).
  const at = (name: string) => {
    const pos = /^#([0-9]+)$/.exec(name.trim());
    if (pos) return +pos[1] >= 1 && +pos[1] <= s.src.width ? +pos[1] - 1 : -1;
    return header.findIndex((c) => normaliseName(c) === normaliseName(name));
  };
  const cols = new Map<string, string>();
  const used = new Set<number>();
  const before = problems.length;
  header.forEach((cell, i) => {
    const n = normaliseName(cell);
    const name = tp.kolonner[n] ?? n;
    if (!contract.has(name)) return;
    if (cols.has(name)) problems.push(`${s.label}, linje ${headerLine}, kolonne ${i + 1}: kolonnen ${name} står to gange`);
    else cols.set(name, `s.${raw(i)}`), used.add(i);
  });
  const rawCols = new Map(cols);
  const headerCell = (where: string, name: string): number | undefined => {
    const i = at(name);
    if (i >= 0) {
      used.add(i);
      return i;
    }
    problems.push(`${s.label}, linje ${headerLine}: ${where}: kolonnen "${name}" findes ikke i overskriften${didYouMean(name, header.filter((c) => c.trim()))}`);
  };
  (tp.afledte ?? []).forEach((d, j) => {
    const where = `afledte[${j}]`;
    if ("saml" in d) {
      const idx = d.saml.map((n) => headerCell(`${where}.saml`, n));
      if (idx.some((i) => i === undefined)) return;
      const parts = idx.map((i) => `nullif(trim(s.${raw(i!)}), '')`);
      cols.set(d.kolonne, `(case when ${parts[0]} is not null then concat_ws(${lit(d.adskiller ?? " ")}, ${parts.join(", ")}) end)`);
    } else if ("fra" in d) {
      const i = headerCell(`${where}.fra`, d.fra);
      if (i === undefined) return;
      const x = `trim(s.${raw(i)})`;
      d.kolonner.forEach((c, g) =>
        cols.set(c, `(case when regexp_matches(${x}, ${lit(d.moenster)}) then nullif(regexp_extract(${x}, ${lit(d.moenster)}, ${g + 1}), '') ${g === 0 ? `else ${x}` : ""} end)`),
      );
    } else if ("konstant" in d) cols.set(d.kolonne, lit(d.konstant));
    else {
      const base = basename(s.file, extname(s.file));
      const m = jsRegex(d.fraFilnavn).exec(base);
      if (!m || m[1] === undefined) problems.push(`${s.label}: filnavnet passer ikke på ${where}.fraFilnavn "${d.fraFilnavn}"`);
      else cols.set(d.kolonne, lit(m[1]));
    }
  });
  let wide: Plan["wide"];
  if (tp.bred && wideRe) {
    const keys: string[] = [];
    const columns: string[] = [];
    header.forEach((cell, i) => {
      const m = wideRe.exec(cell.trim());
      if (!m) return;
      used.add(i);
      columns.push(raw(i));
      keys.push(`when ${lit(raw(i))} then ${lit(m[1] ?? m[0])}`);
    });
    if (!columns.length) problems.push(`${s.label}, linje ${headerLine}: ingen overskrift passer på bred.kolonner "${tp.bred.kolonner}"`);
    else {
      cols.set(tp.bred.noegle, `(case _k ${keys.join(" ")} end)`);
      cols.set(tp.bred.vaerdi, "_v");
      wide = { columns, summer: !!tp.bred.summer, vaerdi: tp.bred.vaerdi };
    }
  }
  const filterCell = (where: string, m: RowMatch): string | undefined => {
    const i = at(m.kolonne);
    if (i >= 0) return `s.${raw(i)}`;
    if (rawCols.has(m.kolonne)) return rawCols.get(m.kolonne);
    problems.push(`${s.label}, linje ${headerLine}: ${where}.kolonne: "${m.kolonne}" findes ikke i overskriften${didYouMean(m.kolonne, header.filter((c) => c.trim()))}`);
  };
  const filters: Plan["filters"] = [];
  const addFilter = (kind: "slut" | "udelad" | "behold", regel: string, m: RowMatch) => {
    const cell = filterCell(regel, m);
    if (cell) filters.push({ kind, regel, kolonne: m.kolonne, cell, sql: matchSql(cell, m) });
  };
  if (tp.slutVed) addFilter("slut", "slutVed", tp.slutVed);
  tp.udelad.forEach((m, i) => addFilter("udelad", `udelad[${i}]`, m));
  tp.behold.forEach((m, i) => addFilter("behold", `behold[${i}]`, m));
  if (problems.length > before) return;
  const missing = table.columns.filter((c) => c.required && !cols.has(c.name)).map((c) => c.name);
  if (missing.length) {
    const better = rows.slice(h + 1, HEADER_SEARCH_ROWS).find((r) => knownCells(r.cells, known) > knownCells(header, known));
    problems.push(missingColumnsLine(s.label, headerLine, table, missing, header, better?.line, `føj dem til "kolonner" eller "afledte" under tabeller.${table.name} i profilen`));
    return;
  }
  const extras = header.flatMap((c, i) => (used.has(i) || !c.trim() ? [] : [maskCpr(c.trim())]));
  return { cols, headerLine, extras, filters, wide };
}

/** The contract value of column `col` from its cell expression: mapped, dated, normalised. */
function columnSql(col: Column, x: string, tp: MergedTableProfile, format: "csv" | "xlsx"): string {
  let e = x;
  const map = tp.vaerdier[col.name];
  if (map) e = valueMapSql(e, map);
  if ((col.type === "date" || col.type === "timestamp") && tp.datoformat) e = isoDateSql(e, col.type, tp.datoformat);
  if (col.type === "timestamp" && format === "xlsx") e = midnightSql(e);
  if (col.type === "cpr" && (tp.normaliserCpr || format === "xlsx")) e = cprNormalSql(e);
  return `nullif(trim(${e}), '')`;
}

/**
 * Runs the profile stage for the export files listSources found: returns one canonical CSV per table, or problems (one line
 * each) when a file, sheet or header does not fit the profile.
 */
export async function profileStage(
  wh: Warehouse,
  args: { sources: SourceFile[]; profile: Profile; tmp: string; log: Logger },
): Promise<{ tables: ProfiledTable[]; problems: string[] }> {
  const problems: string[] = [];
  const files = args.sources;
  const out: ProfiledTable[] = [];
  try {
    const byTable = new Map<Table, SourceFile[]>();
    for (const f of files) byTable.set(f.table, [...(byTable.get(f.table) ?? []), f]);
    for (const [table, list] of byTable) {
      const t = await args.log.timed(`${table.name}: profil ${args.profile.navn} anvendt på ${list.map((f) => f.name).join(", ")}`, () =>
        stageTable(wh, table, list, args, problems),
      );
      if (t) out.push(t);
    }
  } finally {
    forgetWorkbooks();
  }
  return { tables: out, problems };
}

async function stageTable(
  wh: Warehouse,
  table: Table,
  list: SourceFile[],
  args: { profile: Profile; tmp: string },
  problems: string[],
): Promise<ProfiledTable | undefined> {
  const tp = tableProfile(args.profile, table.name);
  const sources: { s: Source; p: Plan }[] = [];
  for (const f of list) {
    const s = await readSource(f, tp, problems);
    if (!s) continue;
    const p = plan(s, table, tp, problems);
    if (p) sources.push({ s, p });
  }
  if (sources.length !== list.length) return;
  const outCols = table.columns.filter((c) => sources.some(({ p }) => p.cols.has(c.name)));
  const selects: string[] = [];
  const udeladt: RuleCount[] = [];
  for (const [k, { s, p }] of sources.entries()) {
    const cells = cellsTable(table.name, k);
    const path = join(args.tmp, `${table.name}.${k}.celler.csv`);
    const n = writeCells(s.src, path, p.headerLine + 1);
    const width = s.src.width;
    const colDefs = [`'_linje': 'INTEGER'`, ...Array.from({ length: width }, (_, i) => `${lit(raw(i))}: 'VARCHAR'`)].join(", ");
    await run(
      wh,
      s.label,
      n
        ? `create or replace temp table ${cells} as select * from read_csv(${lit(path)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', encoding = 'utf-8', columns = {${colDefs}})`
        : `create or replace temp table ${cells} (_linje integer, ${Array.from({ length: width }, (_, i) => `${raw(i)} varchar`).join(", ")})`,
    );
    const stop = p.filters.find((f) => f.kind === "slut");
    const stopLine = stop ? `coalesce((select min(_linje) from ${cells} s where ${stop.sql}), 2147483647)` : "2147483647";
    const drops = p.filters.filter((f) => f.kind !== "slut");
    const keep = drops.map((f) => (f.kind === "udelad" ? `not (${f.sql})` : `(${f.sql})`));
    // What each rule left out, with examples of the deciding cell.
    if (p.filters.length) {
      const which = `case ${stop ? `when s._linje >= ${stopLine} then 0 ` : ""}${drops.map((f, i) => `when ${f.kind === "udelad" ? f.sql : `not (${f.sql})`} then ${i + 1}`).join(" ")} end`;
      const cellOf = `case _r ${p.filters.map((f, i) => `when ${stop ? i : i + 1} then ${f.cell}`).join(" ")} end`;
      const counts = await all<{ r: number; antal: number; eksempler: string[] }>(
        wh,
        s.label,
        `with w as (select s.*, ${which} as _r from ${cells} s)
         select _r::integer as r, count(*)::integer as antal,
           list_slice(list(distinct ${maskCprSql(`coalesce(${cellOf}, '')`)}), 1, 3) as eksempler
         from w s where _r is not null group by _r order by _r`,
      );
      for (const c of counts) {
        const f = stop ? p.filters[c.r] : p.filters[c.r - 1];
        udeladt.push({ regel: f.regel, kolonne: f.kolonne, antal: c.antal, eksempler: [...c.eksempler] });
      }
    }
    let from = `(select * from ${cells} s where s._linje < ${stopLine}${keep.length ? ` and ${keep.join(" and ")}` : ""}) s`;
    if (p.wide) from = `(unpivot ${from} on ${p.wide.columns.map((c) => ident(c)).join(", ")} into name _k value _v) s`;
    const exprs = outCols.map((c) => {
      const x = p.cols.get(c.name);
      return `${x ? columnSql(c, x, tp, s.src.format) : "null::varchar"} as ${ident(c.name)}`;
    });
    let select = `select ${k} as _src, ${lit(s.label)} as _fil, s._linje as _kilde_linje, ${exprs.join(", ")} from ${from}`;
    if (p.wide?.summer) {
      const v = ident(p.wide.vaerdi);
      const others = outCols.filter((c) => c.name !== p.wide!.vaerdi).map((c) => ident(c.name));
      const num = `try_cast(replace(${v}, '.', '') as bigint)`;
      select = `select _src, _fil, min(_kilde_linje) as _kilde_linje, ${others.join(", ")}${others.length ? ", " : ""}
        (case when count(*) filter (where ${num} is null) = 0 then sum(${num})::varchar else min(${v}) filter (where ${num} is null) end) as ${v}
        from (${select}) group by _src, _fil${others.length ? `, ${others.join(", ")}` : ""}`;
      // Keep the contract's column order.
      select = `select _src, _fil, _kilde_linje, ${outCols.map((c) => ident(c.name)).join(", ")} from (${select})`;
    }
    selects.push(select);
  }
  const map = mapTable(table.name);
  await run(
    wh,
    table.name,
    `create or replace temp table ${map} as select (row_number() over (order by _src, _kilde_linje) + 1)::integer as _ny_linje, *
     from (${selects.join(" union all ")})`,
  );
  const csvPath = join(args.tmp, `${table.name}.profil.csv`);
  if (outCols.length)
    await run(wh, table.name, `copy (select ${outCols.map((c) => ident(c.name)).join(", ")} from ${map} order by _ny_linje) to ${lit(csvPath)} (format csv, header true, delimiter ',')`);
  const [{ n }] = await all<{ n: number }>(wh, table.name, `select count(*)::integer as n from ${map}`);
  if (n === 0) writeFileSync(csvPath, `${outCols.map((c) => c.name).join(",")}\n`);
  const first = sources[0].s.src;
  const sha256 =
    sources.length === 1 ? sources[0].s.sha256 : createHash("sha256").update(sources.map(({ s }) => `${s.label}:${s.sha256}\n`).join("")).digest("hex");
  return {
    table,
    csvPath,
    map,
    file: sources.map(({ s }) => s.label).join(", "),
    format: first.format,
    encoding: first.encoding,
    delimiter: first.delimiter,
    sha256,
    extras: [...new Set(sources.flatMap(({ p }) => p.extras))],
    udeladt,
  };
}

/**
 * After staging a profiled table: every staged and quarantined row gets back the file and line it came from (the
 * canonical CSV's line numbers mean nothing to the user).
 */
export async function remapLines(wh: Warehouse, t: ProfiledTable, staging: string, quarantine: string): Promise<void> {
  await run(
    wh,
    t.table.name,
    `update ${staging} s set _linje = m._kilde_linje from ${t.map} m where s._linje = m._ny_linje;
     update ${quarantine} q set fil = m._fil, linje = m._kilde_linje from ${t.map} m where q.tabel = ${lit(t.table.name)} and q.linje = m._ny_linje`,
  );
}
