// `libu site` builds the published system once, before Framework runs the data loaders, and hands the site's
// parts of it over in a file ($LIBU_PUBLISHED): published figures only, in a private temporary folder outside
// the site's output, removed after the build. A loader run on its own (no handover) builds the system itself.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Warehouse } from "../db.ts";
import { previousReleases } from "../release/store.ts";
import { publishedSystem, siteData, type SiteData } from "./system.ts";

/** The site's parts of the published system: the handover file, else built here (audited against the releases). */
export async function siteParts(wh: Warehouse, env: NodeJS.ProcessEnv = process.env): Promise<SiteData> {
  const file = env.LIBU_PUBLISHED;
  if (file) return JSON.parse(readFileSync(file, "utf8")) as SiteData;
  return siteData(await publishedSystem(wh, { previous: await previousReleases(wh) }));
}

/** Writes the handover file; returns its path and a function that removes it. */
export function writeHandover(data: SiteData): { file: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "libu-udgivet-"));
  const file = join(dir, "udgivet.json");
  writeFileSync(file, JSON.stringify(data), { mode: 0o600 });
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
