// Shared by the load tests: a fresh warehouse file, loadFolder with a collecting logger, fixture paths.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CPR_STANDALONE } from "../../pipelines/cpr.ts";
import { openWarehouse, type Warehouse } from "../../pipelines/db.ts";
import { type LoadOptions, loadFolder } from "../../pipelines/load/load-folder.ts";
import type { LoadReport } from "../../pipelines/load/report.ts";
import { createLogger } from "../../pipelines/log.ts";
import { REPO } from "../../pipelines/paths.ts";

export const repoRoot = REPO;
export const fixture = (name: string) => join(repoRoot, "test/fixtures/load", name);
import { TEST_KEY } from "../helpers/libu.ts";

export { TEST_KEY };

export function tempDir(prefix = "libu-load-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function freshWarehouse(): Promise<Warehouse> {
  return openWarehouse(join(tempDir(), "warehouse.duckdb"));
}

export interface Loaded {
  report?: LoadReport;
  error?: Error & { problems?: string[]; exitCode?: number };
  log: string;
}

/** Runs loadFolder and captures the report or the error, and every log line. */
export async function load(wh: Warehouse, opts: LoadOptions, demo = false): Promise<Loaded> {
  let log = "";
  const logger = createLogger({ write: (t) => void (log += t) });
  try {
    const report = await loadFolder(wh, { asOf: "2025-02-01", ...opts }, { log: logger, pseudonym: { key: TEST_KEY, demo }, cwd: repoRoot });
    return { report, log };
  } catch (e) {
    return { error: e as Loaded["error"], log };
  }
}

export const rows = <T = Record<string, unknown>>(wh: Warehouse, sql: string) => wh.all<T>(sql);

/** A CPR-shaped number in any spelling standing on its own (the one pattern, pipelines/cpr.ts). */
export const CPR_PATTERN = CPR_STANDALONE;
