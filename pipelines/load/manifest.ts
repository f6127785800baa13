// The as-of date travels with the export (issue 9, deliverable 8): `libu demo` writes a small manifest beside its
// files, and `libu load` takes the as-of date from it when --as-of is not given. Without either, the load uses
// today's date and says so, because a wrong as-of date silently moves the quarters a KPI counts as complete.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
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
  const body = { as_of: m.asOf, kilde: m.source, ...(m.seed !== undefined ? { seed: m.seed } : {}), ...(m.scale ? { skala: m.scale } : {}) };
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
  return {
    asOf,
    source: String(body.kilde ?? ""),
    ...(typeof body.seed === "number" ? { seed: body.seed } : {}),
    ...(typeof body.skala === "string" ? { scale: body.skala } : {}),
  };
}

/**
 * The load's as-of date: --as-of if given, else the folder's manifest's, else `today`; with the line (Danish) the load
 * logs about it, when there is one to say.
 */
export function resolveAsOf(folder: string, given: string | undefined, today: string): { asOf: string; source: AsOfSource; note?: string } {
  const manifest = readExportManifest(folder);
  if (given !== undefined) {
    const asOf = isoDay(given);
    if (!asOf) throw new UsageError(`--as-of skal være en dato ÅÅÅÅ-MM-DD, ikke "${given}"`);
    const note =
      manifest && manifest.asOf !== asOf ? `--as-of ${asOf} bruges, selv om ${EXPORT_MANIFEST} siger, at eksporten er trukket ${manifest.asOf}` : undefined;
    return { asOf, source: "flag", note };
  }
  if (manifest) return { asOf: manifest.asOf, source: "manifest", note: `as-of-dato ${manifest.asOf} fra ${EXPORT_MANIFEST}` };
  return {
    asOf: today,
    source: "today",
    note: `ingen --as-of og ingen ${EXPORT_MANIFEST} i mappen: bruger dagens dato ${today} som as-of-dato (udtræksdato) — angiv --as-of <ÅÅÅÅ-MM-DD>, hvis eksporten er trukket en anden dag`,
  };
}
