import { describe, expect, it } from "vitest";
import { runDataTests, writeTestResults } from "../../pipelines/runner/data-tests.ts";
import { discoverMacros } from "../../pipelines/runner/models.ts";
import { type BuildOptions, buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import { openMemory } from "../../pipelines/db.ts";
import { BuildError } from "../../pipelines/errors.ts";
import { MODELS_DIR } from "../../pipelines/paths.ts";
import { baseModels, tempModels } from "./helpers.ts";

const opts = (modelsDir: string): BuildOptions => ({ modelsDir, config: defaults, writeResults: writeTestResults });

describe("model macros (models/macros/*.sql)", () => {
  it("are created before any model, so a staging model and a mart can call them", async () => {
    const wh = await openMemory();
    const dir = tempModels({
      ...baseModels,
      "macros/tredobbelt.sql": "-- three times x\ncreate or replace macro tredobbelt(x) as 3 * x\n",
      "marts/mart_tre.sql": "select n, tredobbelt(n) as tre from stg_tal",
      "marts/mart_tre.json": { description: "numbers tripled", columns: { n: "the number", tre: "three times the number" } },
    });
    await buildModels(wh, opts(dir), runDataTests);
    expect(await wh.all("select n, tre from mart_tre order by n")).toEqual([
      { n: 1, tre: 3 },
      { n: 2, tre: 6 },
      { n: 3, tre: 9 },
    ]);
  });

  it("refuses a file whose macro is not named after it, in one Danish line", () => {
    const dir = tempModels({ ...baseModels, "macros/a.sql": "create or replace macro b(x) as x" });
    expect(() => discoverMacros(dir)).toThrow(BuildError);
    expect(() => discoverMacros(dir)).toThrow(/makroen i .*a\.sql skal begynde med `create or replace macro a\(…\)`/);
  });

  it("keeps the previous tables when a macro fails, naming the macro", async () => {
    const wh = await openMemory();
    await buildModels(wh, opts(tempModels(baseModels)), runDataTests);
    const broken = tempModels({ ...baseModels, "macros/ny.sql": "create or replace macro ny(x) as x +" });
    const err = await buildModels(wh, opts(broken), runDataTests).catch((e) => e);
    expect(err).toBeInstanceOf(BuildError);
    expect(err.message).toMatch(/^makroen ny \(.*ny\.sql\) fejlede: /);
    expect(await wh.all("select count(*)::integer as n from mart_tal")).toEqual([{ n: 3 }]);
  });

  it("the repository's macros: the quarter of a date, active on a day, open on a day, active in a period", async () => {
    const wh = await openMemory();
    for (const m of discoverMacros(MODELS_DIR)) await wh.run(m.sql);
    const q = async (sql: string) => (await wh.all<{ v: unknown }>(`select ${sql} as v`))[0].v;
    expect(await q("kvartal_af(date '2026-01-01')")).toBe("2026K1");
    expect(await q("kvartal_af(date '2026-09-30')")).toBe("2026K3");
    expect(await q("kvartal_af(date '2026-10-01')")).toBe("2026K4");
    // No date, no quarter (concat would give 'K').
    expect(await q("kvartal_af(null::date)")).toBeNull();
    const d = "date '2026-09-30'";
    // Active on its first and its last day, not the day before or after; an empty end is still active.
    expect(await q(`aktiv_paa(${d}, null, ${d})`)).toBe(true);
    expect(await q(`aktiv_paa(date '2026-01-01', ${d}, ${d})`)).toBe(true);
    expect(await q(`aktiv_paa(date '2026-01-01', date '2026-09-29', ${d})`)).toBe(false);
    expect(await q(`aktiv_paa(date '2026-10-01', null, ${d})`)).toBe(false);
    // Open: completed on the day is completed.
    expect(await q(`aaben_paa(date '2026-01-01', ${d}, ${d})`)).toBe(false);
    expect(await q(`aaben_paa(date '2026-01-01', date '2026-10-01', ${d})`)).toBe(true);
    expect(await q(`aaben_paa(${d}, null, ${d})`)).toBe(true);
    // Active in a period: touching either end counts.
    const period = "date '2026-07-01', date '2026-09-30'";
    expect(await q(`aktiv_i(date '2026-01-01', date '2026-07-01', ${period})`)).toBe(true);
    expect(await q(`aktiv_i(date '2026-01-01', date '2026-06-30', ${period})`)).toBe(false);
    expect(await q(`aktiv_i(date '2026-09-30', null, ${period})`)).toBe(true);
    expect(await q(`aktiv_i(date '2026-10-01', null, ${period})`)).toBe(false);
  });
});
