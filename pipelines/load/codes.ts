// The code lists of `code` columns: the `kode` column of the seed files under models/seeds/, so a
// municipality extends a list by editing the seed, without code.
import { csvParse } from "d3-dsv";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Table } from "../contract.ts";
import { LibuError } from "../errors.ts";
import { SEEDS_DIR } from "../paths.ts";

export const defaultSeedsDir = SEEDS_DIR;

/** Seed name → accepted codes, for every code column of `table`. */
export function codeLists(table: Table, seedsDir = defaultSeedsDir): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const col of table.columns) {
    if (col.type !== "code" || !col.codes || out.has(col.codes)) continue;
    const path = join(seedsDir, `${col.codes}.csv`);
    if (!existsSync(path)) throw new LibuError(`${path}: kodelisten til ${table.name}.${col.name} findes ikke — gendan filen fra libu's models/seeds/`);
    const rows = csvParse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
    out.set(
      col.codes,
      rows.map((r) => (r[col.codesColumn ?? "kode"] ?? "").trim()).filter((k) => k !== ""),
    );
  }
  return out;
}
