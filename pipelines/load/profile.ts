// Source profiles: a JSON mapping (data/profiles/<name>.json) from one case system's export to the contract — which
// files and sheets hold which table, where the header is, which rows to leave out, how columns and values map. The
// format is data/profiles/README.md; every key is checked here before anything is read (profile/check.ts), and the
// profile stage (profile/stage.ts) applies it before the canonical load.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, isAbsolute, resolve } from "node:path";
import { UsageError } from "../errors.ts";
import { normaliseName } from "./header.ts";
import { checkProfile } from "./profile/check.ts";
import type { ProfileDateFormat } from "./profile/dates.ts";
import { didYouMean } from "./profile/nearest.ts";

/** A row matcher: exactly one of er / moenster / starterMed / tom, on one column (an export header or a contract column). */
export interface RowMatch {
  kolonne: string;
  /** The cell is one of these (trimmed, case-insensitive). */
  er?: string | string[];
  /** The cell matches this regular expression (RE2 syntax, as DuckDB's regexp_matches). */
  moenster?: string;
  /** The cell starts with this (trimmed, case-insensitive). */
  starterMed?: string;
  /** The cell is empty. */
  tom?: boolean;
}

/** A value map: exact values, then patterns, then prefixes, then a default; unmatched values pass through. */
export interface ValueMap {
  eksakt?: Record<string, string>;
  moenster?: Record<string, string>;
  praefiks?: Record<string, string>;
  ellers?: string;
}

export type Derived =
  | { kolonne: string; saml: string[]; adskiller?: string }
  | { kolonner: string[]; fra: string; moenster: string }
  | { kolonne: string; konstant: string }
  | { kolonne: string; fraFilnavn: string };

/** Wide to long: every header cell matching `kolonner` becomes a row; group 1 of the pattern is `noegle`, the cell `vaerdi`. */
export interface Wide {
  kolonner: string;
  noegle: string;
  vaerdi: string;
  /** Rows with the same contract values are summed into one (e.g. ages 0–17 into antal_0_17). */
  summer?: boolean;
}

export interface TableProfile {
  /** Export header → contract column (matched like headers: trimmed, case-insensitive, æøå → ae oe aa). */
  kolonner?: Record<string, string>;
  /** Contract column → a plain map { export value → contract value } (exact) or a ValueMap. */
  vaerdier?: Record<string, Record<string, string> | ValueMap>;
  datoformat?: ProfileDateFormat;
  /** CPR numbers: blanks removed, a lost leading zero (9 digits) put back. */
  normaliserCpr?: boolean;
  /** 1-based line (row) of the header; else found among the first rows. */
  overskriftsraekke?: number;
  udelad?: RowMatch[];
  behold?: RowMatch[];
  slutVed?: RowMatch;
  /** Workbooks: the sheet's name or a pattern (`*`, `?`). */
  ark?: string;
  afledte?: Derived[];
  bred?: Wide;
}

export interface Profile extends Omit<TableProfile, "ark" | "afledte" | "bred"> {
  /** The name given on the command line (or the file path). */
  navn: string;
  version?: 1 | 2;
  beskrivelse?: string;
  /** Export file name (without extension; `*` and `?` allowed) → contract table, or several (one sheet each). */
  filer?: Record<string, string | string[]>;
  /** Per contract table; top-level keys apply to every table (the table's own win; row filters add up). */
  tabeller?: Record<string, TableProfile>;
}

/** `--profile <name>` (data/profiles/<name>.json) or a path to a profile file. */
export function resolveProfilePath(nameOrPath: string, profilesDir: string, cwd: string): string {
  if (nameOrPath.endsWith(".json") || nameOrPath.includes("/") || nameOrPath.includes("\\"))
    return isAbsolute(nameOrPath) ? nameOrPath : resolve(cwd, nameOrPath);
  return resolve(profilesDir, `${nameOrPath}.json`);
}

/** The profiles shipped in (or added to) the profiles folder, by name. */
export function availableProfiles(profilesDir: string): string[] {
  if (!existsSync(profilesDir)) return [];
  return readdirSync(profilesDir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => basename(f, ".json"))
    .sort();
}

export function loadProfile(nameOrPath: string, profilesDir: string, cwd: string, seedsDir?: string): Profile {
  const path = resolveProfilePath(nameOrPath, profilesDir, cwd);
  if (!existsSync(path)) {
    const names = availableProfiles(profilesDir);
    throw new UsageError(
      `--profile ${nameOrPath}: ingen profil i ${path}` +
        (names.length ? `${didYouMean(nameOrPath, names)} Tilgængelige profiler: ${names.join(", ")}` : " — og ingen profiler i mappen") +
        ", eller angiv stien til en .json-fil",
    );
  }
  let raw: unknown;
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  try {
    raw = JSON.parse(text);
  } catch (e) {
    // JSON.parse's own message is English: say where, as line and column, instead.
    const at = /position (\d+)/.exec((e as Error).message);
    const before = at ? text.slice(0, Number(at[1])).split("\n") : undefined;
    const where = before ? `, linje ${before.length}, kolonne ${before[before.length - 1].length + 1}` : "";
    throw new UsageError(`${path}${where}: ikke gyldig JSON — ret profilen (tjek kommaer, anførselstegn og klammer)`);
  }
  const problems = checkProfile(raw, seedsDir);
  if (problems.length) throw new UsageError(problems.map((p) => `${path}: ${p}`).join("\n"));
  return { ...(raw as Omit<Profile, "navn">), navn: nameOrPath };
}

export interface MergedTableProfile extends Omit<TableProfile, "kolonner" | "vaerdier" | "udelad" | "behold"> {
  /** Normalised export header → contract column. */
  kolonner: Record<string, string>;
  vaerdier: Record<string, ValueMap>;
  udelad: RowMatch[];
  behold: RowMatch[];
}

const reserved = ["eksakt", "moenster", "praefiks", "ellers"];
/** A plain { value → code } map is the `eksakt` part of a ValueMap. */
export const asValueMap = (m: Record<string, string> | ValueMap): ValueMap =>
  Object.keys(m).some((k) => reserved.includes(k)) ? (m as ValueMap) : { eksakt: m as Record<string, string> };

/** The profile's rules for one table, top-level rules merged under the table's own. */
export function tableProfile(profile: Profile | undefined, table: string): MergedTableProfile {
  const t = profile?.tabeller?.[table] ?? {};
  const renames: Record<string, string> = {};
  for (const [from, to] of Object.entries({ ...profile?.kolonner, ...t.kolonner })) renames[normaliseName(from)] = to;
  const vaerdier: Record<string, ValueMap> = {};
  for (const [col, m] of Object.entries({ ...profile?.vaerdier, ...t.vaerdier })) vaerdier[col] = asValueMap(m);
  return {
    ...t,
    kolonner: renames,
    vaerdier,
    datoformat: t.datoformat ?? profile?.datoformat,
    normaliserCpr: t.normaliserCpr ?? profile?.normaliserCpr,
    overskriftsraekke: t.overskriftsraekke ?? profile?.overskriftsraekke,
    udelad: [...(profile?.udelad ?? []), ...(t.udelad ?? [])],
    behold: [...(profile?.behold ?? []), ...(t.behold ?? [])],
    slutVed: t.slutVed ?? profile?.slutVed,
  };
}

/** A `filer` key as a regular expression over the file name: `*` and `?` are wildcards; the extension is optional. */
export function filePattern(key: string): RegExp {
  const n = normaliseName(key).replace(/\.(csv|xlsx)$/, "");
  const body = n.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${body}$`);
}

/** The contract tables a file name (without extension) stands for, through the profile's `filer`; else its own name. */
export function tablesForFile(baseName: string, profile: Profile | undefined): string[] {
  const n = normaliseName(baseName);
  for (const [from, to] of Object.entries(profile?.filer ?? {})) if (filePattern(from).test(n)) return Array.isArray(to) ? to : [to];
  return [n];
}

/** The contract table a file name (without extension) stands for (the first, for a workbook of several). */
export function tableForFile(baseName: string, profile: Profile | undefined): string {
  return tablesForFile(baseName, profile)[0];
}
