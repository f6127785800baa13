// Which export files (and which sheets of a workbook) hold which contract table, through the profile's `filer`
// (names or patterns; several files per table are concatenated) and each table's `ark`.
import type ExcelJS from "exceljs";
import { readdirSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { allTables, type Table, tableByName, type TableName, tableNames } from "../../contract.ts";
import { isReviewWorkbook } from "../../tilsyn/workbook-layout.ts";
import { normaliseName } from "../header.ts";
import { filePattern, type Profile, tablesForFile } from "../profile.ts";
import { didYouMean } from "./nearest.ts";

export interface SourceFile {
  table: Table<TableName>;
  path: string;
  /** The file name inside the folder. */
  name: string;
}

/** The folder's export files by contract table (in the contract's order, files by name); problems and warnings as lines. */
export function listSources(folder: string, profile: Profile, problems: string[], warnings: string[]): SourceFile[] {
  const out: SourceFile[] = [];
  const used = new Set<string>();
  for (const name of readdirSync(folder).sort()) {
    const ext = extname(name).toLowerCase();
    if ((ext !== ".csv" && ext !== ".xlsx") || name.startsWith("~$") || name.startsWith(".")) continue;
    if (isReviewWorkbook(name)) continue; // the ledelsestilsyn's review workbooks: tilsyn/read-workbooks.ts
    const base = basename(name, extname(name));
    for (const [key] of Object.entries(profile.filer ?? {})) if (filePattern(key).test(normaliseName(base))) used.add(key);
    for (const t of tablesForFile(base, profile)) {
      const table = tableByName(t);
      if (!table) {
        problems.push(
          `${name}: "${t}" er ikke en tabel i kontrakten${didYouMean(t, tableNames)} — giv filen en tabels navn, eller føj den til "filer" i profilen ${profile.navn}`,
        );
        continue;
      }
      out.push({ table, path: join(folder, name), name });
    }
  }
  for (const key of Object.keys(profile.filer ?? {}))
    if (!used.has(key)) warnings.push(`profil ${profile.navn}: filer."${key}" passer ikke på nogen fil i mappen`);
  if (!out.length && !problems.length)
    problems.push(`${folder}: ingen eksportfiler — forventede <tabel>.csv/.xlsx eller filer der passer på profilens "filer"`);
  return out.sort((a, b) => allTables.indexOf(a.table) - allTables.indexOf(b.table) || a.name.localeCompare(b.name));
}

const sheetPattern = (p: string) =>
  new RegExp(`^${normaliseName(p).replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".")}$`);

/**
 * The sheet of `wb` that holds `table`: the profile's `ark` (a name or pattern), else a sheet named like the table,
 * else the only sheet. Never a silent first sheet: a problem lists the sheets.
 */
export function chooseSheet(wb: ExcelJS.Workbook, file: string, table: Table, ark: string | undefined): ExcelJS.Worksheet | string {
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  const list = names.map((n) => `"${n}"`).join(", ");
  if (!sheets.length) return `${file}: arbejdsbogen har ingen ark`;
  if (ark) {
    const re = sheetPattern(ark);
    const hits = sheets.filter((s) => re.test(normaliseName(s.name)));
    if (hits.length === 1) return hits[0];
    if (!hits.length) return `${file}: intet ark passer på "${ark}" (tabeller.${table.name}.ark)${didYouMean(ark, names)} Arkene er: ${list}`;
    return `${file}: ${hits.length} ark passer på "${ark}" (${hits.map((s) => `"${s.name}"`).join(", ")}) — gør tabeller.${table.name}.ark entydigt`;
  }
  const named = sheets.filter((s) => normaliseName(s.name) === table.name);
  if (named.length === 1) return named[0];
  if (sheets.length === 1) return sheets[0];
  return `${file}: arbejdsbogen har ${sheets.length} ark (${list}) — angiv hvilket der er ${table.name} med "ark" under tabeller.${table.name} i profilen`;
}
