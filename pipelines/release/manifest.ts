// manifest.json: what a release is made of and from, with the SHA-256 of every file in it; `libu udgiv --tjek`
// recomputes them and names each file that changed, is missing or was added. The manifest cannot hold its own
// checksum: that is in manifest.sha256 beside it (`sha256sum -c` reads it too) and in the warehouse's row of the
// release (udgivelser.manifest_sha256), so an edited manifest is caught — by the warehouse even when the
// manifest and manifest.sha256 were edited together.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

export const MANIFEST = "manifest.json";
/** The manifest's own checksum, in sha256sum's format. */
export const MANIFEST_SHA = "manifest.sha256";

export interface Manifest {
  udgivelse: string;
  kvartal: string;
  version: number;
  kommune: string;
  udvalg: string;
  as_of: string | null;
  oprettet: string;
  note: string | null;
  libu: { version: string; commit: string };
  indlaesninger: { load_id: number; as_of: string | null; startet: string | null; mappe: string | null; filer: { tabel: string; fil: string; sha256: string }[] }[];
  kpi_register_sha256: string;
  konfiguration_sha256: string;
  diskretionsgraense: number;
  revisionsgraenser: Record<string, number>;
  revisioner: number;
  /** Each file's path within the release (forward slashes) → its SHA-256. */
  filer: Record<string, string>;
}

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** JSON with sorted keys, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : typeof v === "bigint" ? Number(v) : v,
  );
}

/** Every file under `dir` except the manifest and its checksum, as release paths, sorted. */
export function releaseFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.filter((f) => f !== MANIFEST && f !== MANIFEST_SHA).sort();
}

export function fileHashes(dir: string): Record<string, string> {
  return Object.fromEntries(releaseFiles(dir).map((f) => [f, sha256(readFileSync(join(dir, f)))]));
}

/** Writes manifest.json and manifest.sha256 into `dir`; returns the manifest's SHA-256. */
export function writeManifest(dir: string, manifest: Manifest): string {
  const text = JSON.stringify(manifest, null, 2) + "\n";
  const hash = sha256(text);
  writeFileSync(join(dir, MANIFEST), text);
  writeFileSync(join(dir, MANIFEST_SHA), `${hash}  ${MANIFEST}\n`);
  return hash;
}

export interface CheckResult {
  filer: number;
  aendret: string[];
  mangler: string[];
  ekstra: string[];
  /** What the manifest itself was checked against: manifest.sha256, and the warehouse when it knows the release. */
  manifestTjekketMod: string[];
}

/**
 * Recomputes every checksum of the release in `dir` against its manifest, and the manifest's own against
 * manifest.sha256 and `recorded` (the warehouse's, when it has the release; null otherwise).
 */
export function checkRelease(dir: string, recorded: string | null = null): CheckResult {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) throw new Error(`${path}: ingen manifest.json — er det en udgivelse fra \`libu udgiv\`?`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: manifest.json kan ikke læses som JSON (${(e as Error).message})`);
  }
  if (!manifest.filer || typeof manifest.filer !== "object") throw new Error(`${path}: manifest.json har ingen "filer"`);
  const present = new Set(releaseFiles(dir));
  const result: CheckResult = { filer: Object.keys(manifest.filer).length, aendret: [], mangler: [], ekstra: [], manifestTjekketMod: [] };
  checkManifest(dir, recorded, result);
  for (const [file, hash] of Object.entries(manifest.filer)) {
    if (!present.has(file)) result.mangler.push(file);
    else if (sha256(readFileSync(join(dir, file))) !== hash) result.aendret.push(file);
  }
  for (const file of present) if (!(file in manifest.filer)) result.ekstra.push(file);
  return result;
}

/** The manifest's checksum against manifest.sha256 and the warehouse's; says which of the two files changed. */
function checkManifest(dir: string, recorded: string | null, result: CheckResult): void {
  const actual = sha256(readFileSync(join(dir, MANIFEST)));
  const shaPath = join(dir, MANIFEST_SHA);
  const written = existsSync(shaPath) ? (/^([0-9a-f]{64})\b/.exec(readFileSync(shaPath, "utf8"))?.[1] ?? "") : null;
  if (written === null) result.mangler.push(MANIFEST_SHA);
  else result.manifestTjekketMod.push(MANIFEST_SHA);
  if (recorded) result.manifestTjekketMod.push("datavarehuset");
  if (recorded) {
    // The warehouse's record decides which file is the changed one.
    if (actual !== recorded) result.aendret.push(MANIFEST);
    if (written !== null && written !== recorded) result.aendret.push(MANIFEST_SHA);
  } else if (written !== null && written !== actual) result.aendret.push(`${MANIFEST} eller ${MANIFEST_SHA}`);
}
