// The custom tests of mart_kpi_kvartal in models/tests/ and its sidecar, run over a hand-written mart
// that breaks each invariant once: every test must catch exactly its own bad rows.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runDataTests, writeTestResults } from "../../pipelines/runner/data-tests.ts";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import { openMemory } from "../../pipelines/db.ts";
import { MODELS_DIR } from "../helpers/fixture.ts";
import { tempModels } from "./helpers.ts";

const real = (path: string) => readFileSync(join(MODELS_DIR, path), "utf8");

async function results(martRows: string) {
  const files: Record<string, string> = {
    "seeds/kpi_definitioner.csv": real("seeds/kpi_definitioner.csv"),
    "intermediate/int_as_of.sql": "select date '2025-10-15' as as_of",
    // The reported window: 2025K1 (the first quarter on or after data_fra) to 2025K3 (the latest complete).
    "intermediate/int_kvartalsvindue.sql": "select '2025K1' as foerste_kvartal, '2025K3' as seneste_kvartal",
    "marts/mart_kpi_kvartal.sql": `select * from (values ${martRows}) as t(kpi, kvartal, niveau, enhed, taeller, naevner, vaerdi)`,
    "marts/mart_kpi_kvartal.json": real("marts/mart_kpi_kvartal.json"),
  };
  // The custom tests of mart_kpi_kvartal (the others test models this hand-written warehouse does not have).
  for (const f of readdirSync(join(MODELS_DIR, "tests")))
    if (/^-- model: mart_kpi_kvartal$/m.test(real(`tests/${f}`))) files[`tests/${f}`] = real(`tests/${f}`);
  const wh = await openMemory();
  const error = await buildModels(wh, { modelsDir: tempModels(files), config: defaults, writeResults: writeTestResults }, runDataTests).then(
    () => null,
    (e: Error) => e,
  );
  const failing = await wh.all<{ test: string; kolonne: string | null; fejl: number }>(
    "select test, kolonne, fejl from data_test_results where model = 'mart_kpi_kvartal' and status = 'fejl' order by test, kolonne",
  );
  wh.close();
  return { error, failing };
}

const good = `
  ('underretning_vurderet_24t', '2025K3', 'kommune', null::varchar, 9.0, 10.0, 0.9),
  ('underretning_vurderet_24t', '2025K3', 'enhed', 'Nord', 4.0, 5.0, 0.8),
  ('underretninger_antal', '2025K3', 'kommune', null, 12.0, null::double, 12.0),
  ('underretninger_pr_1000_boern', '2025K3', 'kommune', null, 12.0, 2.4, 5.0),
  ('sager_pr_sagsbehandler', '2025K3', 'enhed', 'Syd', 44.0, 2.0, 22.0)`;

describe("mart_kpi_kvartal invariants", () => {
  it("a clean mart passes every test", async () => {
    const { error, failing } = await results(good);
    expect(failing).toEqual([]);
    expect(error).toBeNull();
  });

  it("each broken invariant is caught by its own test and fails the build", async () => {
    const { error, failing } = await results(`${good},
      ('bfu_rettidig_4m', '2025K3', 'kommune', null, 12.0, 10.0, 1.2),
      ('underretning_vurderet_24t', '2025K4', 'kommune', null, 1.0, 2.0, 0.5),
      ('underretninger_antal', '2025K3', 'kommune', 'Nord', 3.0, null, 3.0),
      ('underretninger_antal', '2025K2', 'enhed', null, 3.0, null, 3.0),
      ('anbringelse_trin_ned_12m', '2025K2', 'enhed', 'Syd', 1.0, 4.0, 0.25),
      ('anbragte_antal', '2025K1', 'kommune', null, 3.0, 3.0, 1.0),
      ('ukendt_kpi', '2025K1', 'kommune', null, 3.0, null, 3.0),
      ('underretninger_boern', '2025K1', 'kommune', null, 3.0, null, 3.0),
      ('underretninger_boern', '2025K1', 'kommune', null, 4.0, null, 4.0),
      ('underretninger_boern', '2025-3', 'region', null, 4.0, null, 4.0),
      ('underretninger_antal', '2024K4', 'kommune', null, 3.0, null, 3.0)`);
    expect(failing).toEqual([
      { test: "accepted_values", kolonne: "niveau", fejl: 1 }, // region
      { test: "expression", kolonne: "kvartal", fejl: 1 }, // 2025-3
      { test: "mart_kpi_kvartal_andel_mellem_0_og_1", kolonne: "vaerdi", fejl: 1 }, // 1.2
      { test: "mart_kpi_kvartal_andel_taeller_hoejst_naevner", kolonne: "taeller", fejl: 1 }, // 12 > 10
      { test: "mart_kpi_kvartal_art", kolonne: null, fejl: 1 }, // a count with a denominator
      { test: "mart_kpi_kvartal_kun_kommuneniveau", kolonne: "niveau", fejl: 1 }, // KPI 19 per unit
      { test: "mart_kpi_kvartal_kun_rapporterede_kvartaler", kolonne: "kvartal", fejl: 2 }, // 2025K4 ends after 2025-10-15, 2024K4 before data_fra
      { test: "mart_kpi_kvartal_niveau_og_enhed", kolonne: "enhed", fejl: 2 }, // kommune with a unit, enhed without
      { test: "relationships", kolonne: "kpi", fejl: 1 }, // ukendt_kpi
      { test: "unique", kolonne: "kpi, kvartal, niveau, enhed", fejl: 1 }, // underretninger_boern 2025K1 twice
    ]);
    expect(error?.message).toMatch(/^datatesten relationships på mart_kpi_kvartal\.kpi fejlede: 1 række fejler: hver kpi findes som kpi i kpi_definitioner \(og 9 test mere fejler/);
  });
});
