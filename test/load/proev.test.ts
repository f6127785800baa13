// `libu load --proev`: the dry run does everything but the commit and shows, per rule and column, the count and up
// to three example values with CPR numbers masked; the 5 % guard's message names them and points to --proev.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { createLogger } from "../../pipelines/log.ts";
import { loadWarehouse } from "../../pipelines/load-warehouse.ts";
import { formatReport } from "../../pipelines/load/report.ts";
import { CPR_PATTERN, fixture, freshWarehouse, load, repoRoot, rows, TEST_KEY, tempDir } from "./helpers.ts";

let wh: Warehouse;
beforeEach(async () => {
  wh = await freshWarehouse();
});
afterEach(() => wh.close());

/** 19 good notifications and `bad` with an unknown source, some of them with a CPR number inside the value. */
function folderWith(bad: number): string {
  const dir = tempDir();
  const lines = ["underretning_id;cpr;modtaget;kilde;enhed"];
  for (let i = 0; i < 19; i++) lines.push(`G${i};010115-1234;05-01-2025 10:00;skole;Team`);
  for (let i = 0; i < bad; i++) lines.push(`B${i};010115-1234;05-01-2025 10:00;${i % 2 ? "nabo" : "nabo 2301151234"};Team`);
  lines.push("X1;310299-1234;05-01-2025 10:00;skole;Team"); // not a date: rule 3 in cpr
  writeFileSync(join(dir, "underretninger.csv"), lines.join("\n") + "\n");
  return dir;
}

const tableNames = async (w: Warehouse) =>
  (await rows<{ t: string }>(w, "select table_name as t from information_schema.tables where table_schema = 'main' order by 1")).map((r) => r.t);

describe("libu load --proev", () => {
  it("reports each rule and column with examples (CPR masked), says the guard would stop, and commits nothing", async () => {
    const { report, error } = await load(wh, { folder: folderWith(4), proev: true });
    expect(error).toBeUndefined();
    expect(report!.proev).toBe(true);
    const t = report!.tables[0];
    expect(t).toMatchObject({ rowsRead: 24, rowsQuarantined: 5, stopper: true });
    expect(t.eksempler!.map((e) => [e.regel, e.kolonne, e.aarsag, e.antal])).toEqual([
      [2, "kilde", "ukendt_kode", 4],
      [3, "cpr", "ugyldigt_cpr", 1],
    ]);
    expect(t.eksempler![0].eksempler.sort()).toEqual(["nabo", "nabo 230115-****"]);
    expect(t.eksempler![1].eksempler).toEqual(["310299-****"]);
    const text = formatReport(report!);
    expect(text).toMatch(/^prøvekørsel \(--proev\), intet er indlæst/);
    expect(text).toContain('regel 2 (koden findes ikke i kodelisten) i kilde: 4 (fx "nabo');
    expect(text).toMatch(/en rigtig indlæsning stopper her/);
    expect(text).not.toMatch(CPR_PATTERN);
    expect(await tableNames(wh)).toEqual([]);
  });

  it("leaves a loaded warehouse exactly as it was", async () => {
    await load(wh, { folder: fixture("basis") });
    const before = await rows(wh, "select (select count(*) from load_log) as l, (select count(*) from quarantine) as q, (select count(*) from src_underretninger) as u");
    const names = await tableNames(wh);
    const { error } = await load(wh, { folder: folderWith(4), proev: true });
    expect(error).toBeUndefined();
    expect(await rows(wh, "select (select count(*) from load_log) as l, (select count(*) from quarantine) as q, (select count(*) from src_underretninger) as u")).toEqual(before);
    expect(await tableNames(wh)).toEqual(names);
  });

  it("creates no warehouse file when there is none", async () => {
    const db = join(tempDir(), "lager.duckdb");
    const report = await loadWarehouse(db, { folder: folderWith(1), asOf: "2025-02-01", proev: true }, {
      log: createLogger({ write: () => {} }),
      pseudonym: { key: TEST_KEY, demo: false },
      cwd: repoRoot,
    });
    expect(report.proev).toBe(true);
    expect(existsSync(db)).toBe(false);
  });

  it("the 5 % guard names rule, column and examples and points to --proev", async () => {
    const { error } = await load(wh, { folder: folderWith(4) });
    const line = error!.message;
    expect(line).toMatch(/^underretninger\.csv: 5 af 24 rækker \(20,8 %\) ville komme i karantæne/);
    expect(line).toContain('regel 2 (koden findes ikke i kodelisten) i kilde: 4 (fx "nabo');
    expect(line).toContain('regel 3 (ugyldigt CPR-nummer) i cpr: 1 (fx "310299-****")');
    expect(line).toMatch(/--proev.*--accept-rejects/);
    expect(line).not.toMatch(CPR_PATTERN);
    expect(line.split("\n")).toHaveLength(1);
  });
});
