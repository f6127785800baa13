// The municipality's configuration: one JSON file (--config, else $LIBU_CONFIG, else libu.config.json).
// Every local rule the KPIs or the site use lives here or in a seed, never in a hidden constant.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { tableNames } from "./contract.ts";
import { LibuError } from "./errors.ts";
import { isoDay } from "./load/manifest.ts";

export interface LocalClosingDay {
  /** A recurring day (`"12-24"`, month-day) or one date (`"2025-05-30"`). */
  dag: string;
  navn: string;
}

export interface Target {
  kpi: string;
  /** `"2026"` (every quarter of the year) or `"2026K2"`. */
  periode: string;
  maal: number;
  /** Optional level: a unit's name; omitted = the whole municipality. */
  enhed?: string;
}

export interface Config {
  /** The municipality's name, shown on the site and the PDF. */
  kommune: string;
  pseudonymisering: {
    /** Environment variable holding the secret key. */
    noegleEnv: string;
    /** Or a file holding the key (kept outside the repository). */
    noegleFil?: string;
    /** Use the fixed, public demo key when no key is set: only for demo and test data. */
    tilladDemoNoegle: boolean;
  };
  /** k in KPI 13: months between follow-ups after the first (default 6). */
  opfoelgningIntervalMaaneder: number;
  /** Local closing days added to the public holidays for working-day deadlines. */
  lukkedage: LocalClosingDay[];
  /** Counts below this and shares with a denominator below it are not published (default 5). */
  diskretionsgraense: number;
  /** Compliance colours: share ≥ groen is green, ≥ gul is yellow, else red. */
  farvegraenser: { groen: number; gul: number };
  /** The development plan's targets. */
  udviklingsplan: Target[];
  /** The committee the quarterly report is an appendix to ("Bilag til Børne- og Ungeudvalget"). */
  udvalg: string;
  /** Releases: how far a published figure must move to count as revised (shares as 0–1). */
  revisionsgraenser: { andel: number; antal: number; forhold: number };
  /**
   * The day (YYYY-MM-DD) from which the case system's data are complete (go-live, migration): no quarter that starts
   * before it is reported. Replaces the `data_fra` of the export's libu-manifest.json (models/intermediate/int_data_fra.sql).
   */
  dataFra?: string;
  /** The same per table (`{"foranstaltninger": "2022-10-02"}`), for a table whose history starts later; the latest date counts. */
  dataFraTabel?: Record<string, string>;
}

export const DEMO_KEY = "libu-DEMO-NØGLE-kun-til-syntetiske-data";

export const defaults: Config = {
  kommune: "Demo Kommune",
  pseudonymisering: { noegleEnv: "LIBU_PSEUDONYM_KEY", tilladDemoNoegle: false },
  opfoelgningIntervalMaaneder: 6,
  lukkedage: [],
  diskretionsgraense: 5,
  farvegraenser: { groen: 0.9, gul: 0.75 },
  udviklingsplan: [],
  udvalg: "Børne- og Ungeudvalget",
  revisionsgraenser: { andel: 0.001, antal: 1, forhold: 0.1 },
};

/** The configuration's file when neither --config nor $LIBU_CONFIG names one. */
export const CONFIG_FILE = "libu.config.json";

export function resolveConfigPath(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  return resolve(cwd, flag ?? env.LIBU_CONFIG ?? CONFIG_FILE);
}

export function loadConfig(path: string): Config {
  if (!existsSync(path)) return structuredClone(defaults);
  let raw: Partial<Config>;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new LibuError(`${path}: ikke gyldig JSON (${(e as Error).message})`);
  }
  const config: Config = {
    ...defaults,
    ...raw,
    pseudonymisering: { ...defaults.pseudonymisering, ...raw.pseudonymisering },
    farvegraenser: { ...defaults.farvegraenser, ...raw.farvegraenser },
    revisionsgraenser: { ...defaults.revisionsgraenser, ...raw.revisionsgraenser },
  };
  const k = config.opfoelgningIntervalMaaneder;
  if (!Number.isInteger(k) || k < 1) throw new LibuError(`${path}: opfoelgningIntervalMaaneder skal være et helt tal ≥ 1`);
  if (!Number.isInteger(config.diskretionsgraense) || config.diskretionsgraense < 1)
    throw new LibuError(`${path}: diskretionsgraense skal være et helt tal ≥ 1`);
  for (const [art, v] of Object.entries(config.revisionsgraenser))
    if (typeof v !== "number" || !(v >= 0)) throw new LibuError(`${path}: revisionsgraenser.${art} skal være et tal ≥ 0 (andele som 0–1)`);
  if (typeof config.udvalg !== "string" || !config.udvalg.trim()) throw new LibuError(`${path}: udvalg skal være navnet på udvalget, fx "Børne- og Ungeudvalget"`);
  for (const d of config.lukkedage)
    if (!/^(\d{4}-)?\d{2}-\d{2}$/.test(d.dag)) throw new LibuError(`${path}: lukkedage: "${d.dag}" er hverken MM-DD eller ÅÅÅÅ-MM-DD`);
  if (config.dataFra !== undefined && !isoDay(config.dataFra))
    throw new LibuError(`${path}: dataFra skal være en dato ÅÅÅÅ-MM-DD (den dag, sagssystemets data er komplette fra), ikke ${JSON.stringify(config.dataFra)}`);
  if (config.dataFraTabel !== undefined && (typeof config.dataFraTabel !== "object" || config.dataFraTabel === null || Array.isArray(config.dataFraTabel)))
    throw new LibuError(`${path}: dataFraTabel skal være et objekt med en dato pr. tabel, fx {"foranstaltninger": "2022-10-02"}`);
  for (const [tabel, dato] of Object.entries(config.dataFraTabel ?? {})) {
    if (!(tableNames as readonly string[]).includes(tabel)) throw new LibuError(`${path}: dataFraTabel: "${tabel}" er ikke en tabel i kontrakten (${tableNames.join(", ")})`);
    if (!isoDay(dato)) throw new LibuError(`${path}: dataFraTabel.${tabel} skal være en dato ÅÅÅÅ-MM-DD, ikke ${JSON.stringify(dato)}`);
  }
  for (const t of config.udviklingsplan)
    if (!/^\d{4}(K[1-4])?$/.test(t.periode)) throw new LibuError(`${path}: udviklingsplan: periode "${t.periode}" er hverken ÅÅÅÅ eller ÅÅÅÅKn`);
  return config;
}

/** The secret pseudonymisation key; the demo key only where the configuration allows it. */
export function pseudonymKey(config: Config, env: NodeJS.ProcessEnv): { key: string; demo: boolean } {
  const p = config.pseudonymisering;
  const fromEnv = env[p.noegleEnv];
  if (fromEnv) return { key: fromEnv, demo: false };
  if (p.noegleFil && existsSync(p.noegleFil)) return { key: readFileSync(p.noegleFil, "utf8").trim(), demo: false };
  if (p.tilladDemoNoegle) return { key: DEMO_KEY, demo: true };
  throw new LibuError(
    `ingen pseudonymiseringsnøgle: sæt $${p.noegleEnv} (eller pseudonymisering.noegleFil i konfigurationen) til kommunens hemmelige nøgle`,
  );
}
