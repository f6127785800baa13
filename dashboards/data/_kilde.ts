// What the site's data loaders print: one part each of the one published system (pipelines/published/system.ts),
// suppressed and audited. `libu site` builds the system once before Framework runs the loaders and hands it over
// in a file ($LIBU_PUBLISHED, outside the site's output, published figures only); a loader run on its own builds
// it itself. Only aggregates leave here.
import { openWarehouse, type Warehouse } from "../../pipelines/db.ts";
import { siteParts } from "../../pipelines/published/handover.ts";
import type { SitePart } from "../../pipelines/published/system.ts";
import { cutAtQuarter } from "../../pipelines/release/cut.ts";

export function warehousePath(env = process.env): string {
  const p = env.LIBU_DB;
  if (!p) throw new Error("LIBU_DB is not set: the site is built by `libu site`, which sets it");
  return p;
}

/** Runs `work` against the warehouse opened read-only, then closes it. */
export async function withWarehouse<T>(work: (wh: Warehouse) => Promise<T>, path = warehousePath()): Promise<T> {
  const wh = await openWarehouse(path, { readOnly: true });
  try {
    return await work(wh);
  } finally {
    wh.close();
  }
}

/** Runs one loader: prints one part of the published system (or what `make` returns) as JSON on stdout. */
export async function emit(part: SitePart | ((wh: Warehouse) => Promise<unknown>)): Promise<void> {
  const data = await withWarehouse((wh) => (typeof part === "function" ? part(wh) : siteParts(wh).then((d) => d[part])));
  process.stdout.write(JSON.stringify(cutAtQuarter(data, process.env.LIBU_TIL_KVARTAL)));
}
