// A whole load of a warehouse file: open it, load one folder of exports in one transaction, close it.
// `libu load` and `libu run` call it; the load itself is pipelines/load/.
import { openWarehouse } from "./db.ts";
import { type LoadDeps, type LoadOptions, loadFolder } from "./load/load-folder.ts";
import type { LoadReport } from "./load/report.ts";

export async function loadWarehouse(dbPath: string, opts: LoadOptions, deps: LoadDeps): Promise<LoadReport> {
  const wh = await openWarehouse(dbPath);
  try {
    return await loadFolder(wh, opts, deps);
  } finally {
    wh.close();
  }
}
