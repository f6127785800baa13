// Source profiles: a JSON mapping (data/profiles/<name>.json) from one case system's export to the contract.
// Renames files and columns, recodes values per column, and hints the date format. Format: data/profiles/README.md.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { tableByName } from "../contract.ts";
import { UsageError } from "../errors.ts";
import { type DateFormat, dateFormats } from "./parse-sql.ts";
import { normaliseName } from "./header.ts";

export interface TableProfile {
  /** Export header → contract column (matched like headers: trimmed, case-insensitive, æøå → ae oe aa). */
  kolonner?: Record<string, string>;
  /** Contract column → { export value → contract value } (matched trimmed and case-insensitively). */
  vaerdier?: Record<string, Record<string, string>>;
  datoformat?: DateFormat;
}

export interface Profile extends TableProfile {
  /** The name given on the command line (or the file path). */
  navn: string;
  beskrivelse?: string;
  /** Export file name without extension → contract table. */
  filer?: Record<string, string>;
  /** Per contract table; top-level kolonner, vaerdier and datoformat apply to every table. */
  tabeller?: Record<string, TableProfile>;
}

/** `--profile <name>` (data/profiles/<name>.json) or a path to a profile file. */
export function resolveProfilePath(nameOrPath: string, profilesDir: string, cwd: string): string {
  if (nameOrPath.endsWith(".json") || nameOrPath.includes("/")) return isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  return resolve(profilesDir, `${nameOrPath}.json`);
}

export function loadProfile(nameOrPath: string, profilesDir: string, cwd: string): Profile {
  const path = resolveProfilePath(nameOrPath, profilesDir, cwd);
  if (!existsSync(path)) throw new UsageError(`--profile ${nameOrPath}: no profile at ${path}`);
  let raw: Omit<Profile, "navn">;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const profile: Profile = { ...raw, navn: nameOrPath };
  const problems: string[] = [];
  const checkTable = (where: string, t: TableProfile, table?: string) => {
    if (t.datoformat && !dateFormats.includes(t.datoformat))
      problems.push(`${where}datoformat "${t.datoformat}" is not one of ${dateFormats.join(", ")}`);
    const known = table ? tableByName(table)!.columns.map((c) => c.name) : undefined;
    for (const [from, to] of Object.entries(t.kolonner ?? {}))
      if (known && !known.includes(to)) problems.push(`${where}kolonner: "${from}" → "${to}" is not a column of ${table}`);
    for (const col of Object.keys(t.vaerdier ?? {}))
      if (known && !known.includes(col)) problems.push(`${where}vaerdier: "${col}" is not a column of ${table}`);
  };
  checkTable("", profile);
  for (const [file, table] of Object.entries(profile.filer ?? {}))
    if (!tableByName(table)) problems.push(`filer: "${file}" → "${table}" is not a table of the contract`);
  for (const [table, t] of Object.entries(profile.tabeller ?? {})) {
    if (!tableByName(table)) problems.push(`tabeller: "${table}" is not a table of the contract`);
    else checkTable(`tabeller.${table}.`, t, table);
  }
  if (problems.length) throw new UsageError(problems.map((p) => `${path}: ${p}`).join("\n"));
  return profile;
}

/** The profile's rules for one table, top-level rules merged under the table's own. */
export function tableProfile(profile: Profile | undefined, table: string): Required<Omit<TableProfile, "datoformat">> & { datoformat?: DateFormat } {
  const t = profile?.tabeller?.[table] ?? {};
  const renames: Record<string, string> = {};
  for (const [from, to] of Object.entries({ ...profile?.kolonner, ...t.kolonner })) renames[normaliseName(from)] = to;
  return {
    kolonner: renames,
    vaerdier: { ...profile?.vaerdier, ...t.vaerdier },
    datoformat: t.datoformat ?? profile?.datoformat,
  };
}

/** The contract table a file name (without extension) stands for, through the profile's `filer`. */
export function tableForFile(baseName: string, profile: Profile | undefined): string {
  const n = normaliseName(baseName);
  for (const [from, to] of Object.entries(profile?.filer ?? {})) if (normaliseName(from) === n) return to;
  return n;
}
