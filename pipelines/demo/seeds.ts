// What the demo takes from the code-list seeds (models/seeds/), so that a code's facts have one home: which sources
// are professionals (kilder.fagperson) and which group a measure type belongs to (foranstaltningstyper.gruppe).
// The story (story.ts) only weighs the codes; test/demo/codes.test.ts checks that every code it writes is in its list.
import { csvParse } from "d3-dsv";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SEEDS_DIR } from "../paths.ts";

/** The rows of seed `name` (models/seeds/<name>.csv). */
export function seedRows(name: string, seedsDir = SEEDS_DIR): Record<string, string>[] {
  return csvParse(readFileSync(join(seedsDir, `${name}.csv`), "utf8").replace(/^\uFEFF/, "")).map((r) => ({ ...r }) as Record<string, string>);
}

/** The groups of the placement mix (seed foranstaltningstyper, column gruppe). */
export const MEASURE_GROUPS = ["forebyggende", "familiebaseret", "eget_vaerelse_kostskole", "institution"] as const;
export type MeasureGroup = (typeof MEASURE_GROUPS)[number];

/** Measure type code → its group, from the seed foranstaltningstyper. */
export function measureGroups(seedsDir = SEEDS_DIR): Map<string, MeasureGroup> {
  const out = new Map<string, MeasureGroup>();
  for (const r of seedRows("foranstaltningstyper", seedsDir)) {
    const g = r.gruppe as MeasureGroup;
    if (!MEASURE_GROUPS.includes(g)) throw new Error(`foranstaltningstyper.csv: ${r.kode} has the unknown group "${r.gruppe}"`);
    out.set(r.kode, g);
  }
  return out;
}

/** The sources (seed kilder) whose notifiers have the professional duty to notify (column fagperson). */
export function professionalSources(seedsDir = SEEDS_DIR): string[] {
  return seedRows("kilder", seedsDir)
    .filter((r) => r.fagperson === "true")
    .map((r) => r.kode);
}
