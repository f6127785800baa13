// The as-of date travels with the export (issue 9, deliverable 8): `libu demo` writes a small manifest beside its
// files, and `libu load` takes the as-of date from it when --as-of is not given. Without either, the load uses
// today's date and says so, because a wrong as-of date silently moves the quarters a KPI counts as complete.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isTableName, tableNames } from "../contract.ts";
import { InputError, UsageError } from "../errors.ts";

/** The manifest's file name: libu's own, so no case system's file of the folder is mistaken for it. */
export const EXPORT_MANIFEST = "libu-manifest.json";

export interface ExportManifest {
  /** The extraction date YYYY-MM-DD: the export holds nothing after it. */
  asOf: string;
  /** What wrote the export (`libu demo`). */
  source: string;
  /** The demo's seed and scale (the same seed gives the same files). */
  seed?: number;
  scale?: string;
  /**
   * `data_fra`: the day from which the export's data are complete (the case system's go-live or migration); no
   * quarter that starts before it is reported. `data_fra_tabel` gives a table its own day. The load records the day
   * of each table it loads (load_data_fra); the configuration's dataFra replaces it (models/intermediate/int_data_fra.sql).
   */
  dataFra?: string;
  dataFraTable?: Record<string, string>;
}

/** Where the load's as-of date came from (the load report says it). */
export type AsOfSource = "flag" | "manifest" | "today";

/** A date YYYY-MM-DD that exists, else undefined. */
export function isoDay(text: unknown): string | undefined {
  if (typeof text !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const d = m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : undefined;
  return m && d && d.toISOString().slice(0, 10) === text ? text : undefined;
}

export function writeExportManifest(folder: string, m: ExportManifest): string {
  const path = join(folder, EXPORT_MANIFEST);
  const body = {
    as_of: m.asOf,
    ...(m.dataFra ? { data_fra: m.dataFra } : {}),
    ...(m.dataFraTable ? { data_fra_tabel: m.dataFraTable } : {}),
    kilde: m.source,
    ...(m.seed !== undefined ? { seed: m.seed } : {}),
    ...(m.scale ? { skala: m.scale } : {}),
  };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

/** The folder's manifest, or undefined when it has none; a manifest that cannot be read fails the load. */
export function readExportManifest(folder: string): ExportManifest | undefined {
  const path = join(folder, EXPORT_MANIFEST);
  if (!existsSync(path)) return undefined;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(readFileSync(path, "utf8"));
  } catch {
    throw new InputError([`${EXPORT_MANIFEST}: kan ikke læses som JSON — ret eller slet filen, eller angiv --as-of <ÅÅÅÅ-MM-DD>`]);
  }
  const asOf = isoDay(body?.as_of);
  if (!asOf)
    throw new InputError([`${EXPORT_MANIFEST}: "as_of" skal være en dato ÅÅÅÅ-MM-DD, ikke ${JSON.stringify(body?.as_of ?? null)} — ret filen, eller angiv --as-of <ÅÅÅÅ-MM-DD>`]);
  const dataFra = body.data_fra === undefined ? undefined : isoDay(body.data_fra);
  if (body.data_fra !== undefined && !dataFra)
    throw new InputError([`${EXPORT_MANIFEST}: "data_fra" skal være en dato ÅÅÅÅ-MM-DD (den dag, sagssystemets data er komplette fra), ikke ${JSON.stringify(body.data_fra)} — ret filen`]);
  const perTable = body.data_fra_tabel;
  if (perTable !== undefined && (typeof perTable !== "object" || perTable === null || Array.isArray(perTable)))
    throw new InputError([`${EXPORT_MANIFEST}: "data_fra_tabel" skal være et objekt med en dato pr. tabel, fx {"foranstaltninger": "2022-10-02"} — ret filen`]);
  const dataFraTable: Record<string, string> = {};
  for (const [tabel, dato] of Object.entries((perTable ?? {}) as Record<string, unknown>)) {
    if (!isTableName(tabel)) throw new InputError([`${EXPORT_MANIFEST}: "data_fra_tabel": "${tabel}" er ikke en tabel i kontrakten (${tableNames.join(", ")}) — ret filen`]);
    const d = isoDay(dato);
    if (!d) throw new InputError([`${EXPORT_MANIFEST}: "data_fra_tabel"."${tabel}" skal være en dato ÅÅÅÅ-MM-DD, ikke ${JSON.stringify(dato)} — ret filen`]);
    dataFraTable[tabel] = d;
  }
  return {
    asOf,
    ...(dataFra ? { dataFra } : {}),
    ...(perTable !== undefined ? { dataFraTable } : {}),
    source: String(body.kilde ?? ""),
    ...(typeof body.seed === "number" ? { seed: body.seed } : {}),
    ...(typeof body.skala === "string" ? { scale: body.skala } : {}),
  };
}

/** The day from which a table's data are complete by the manifest: its own day, else the manifest's; none without. */
export const manifestDataFra = (m: ExportManifest | undefined, table: string): string | undefined => m?.dataFraTable?.[table] ?? m?.dataFra;

/**
 * The load's as-of date: --as-of if given, else the folder's manifest's, else `today`; with the line (Danish) the load
 * logs about it, when there is one to say.
 */
export function resolveAsOf(
  folder: string,
  given: string | undefined,
  today: string,
): { asOf: string; source: AsOfSource; note?: string; manifest?: ExportManifest } {
  const manifest = readExportManifest(folder);
  if (given !== undefined) {
    const asOf = isoDay(given);
    if (!asOf) throw new UsageError(`--as-of skal være en dato ÅÅÅÅ-MM-DD, ikke "${given}"`);
    const note =
      manifest && manifest.asOf !== asOf ? `--as-of ${asOf} bruges, selv om ${EXPORT_MANIFEST} siger, at eksporten er trukket ${manifest.asOf}` : undefined;
    return { asOf, source: "flag", note, manifest };
  }
  if (manifest) return { asOf: manifest.asOf, source: "manifest", note: `as-of-dato ${manifest.asOf} fra ${EXPORT_MANIFEST}`, manifest };
  return {
    asOf: today,
    source: "today",
    note: `ingen --as-of og ingen ${EXPORT_MANIFEST} i mappen: bruger dagens dato ${today} som as-of-dato (udtræksdato) — angiv --as-of <ÅÅÅÅ-MM-DD>, hvis eksporten er trukket en anden dag`,
  };
}
