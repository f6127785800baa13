// A whole load of a warehouse file: open it, load one folder of exports in one transaction, close it.
// `libu load`, `libu rekey` and `libu run` call it (with load/request.ts); the load itself is pipelines/load/.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openWarehouse } from "./db.ts";
import { type LoadDeps, type LoadOptions, loadFolder } from "./load/load-folder.ts";
import type { LoadReport } from "./load/report.ts";

export async function loadWarehouse(dbPath: string, opts: LoadOptions, deps: LoadDeps): Promise<LoadReport> {
  // A dry run (--proev) against a warehouse that does not exist yet works in a throwaway file, so none is created.
  const scratch = opts.proev && !existsSync(dbPath) ? mkdtempSync(join(tmpdir(), "libu-proev-")) : undefined;
  const wh = await openWarehouse(scratch ? join(scratch, "proev.duckdb") : dbPath);
  try {
    return await loadFolder(wh, opts, deps);
  } finally {
    wh.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
