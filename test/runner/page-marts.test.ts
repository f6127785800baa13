// The page marts the site reads: definitions, development plan, meta, data quality.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { type Config, defaults } from "../../pipelines/config.ts";
import { openMemory, type Warehouse } from "../../pipelines/db.ts";
import { warehouseDdl } from "../../pipelines/warehouse.ts";
import { buildFixture, MODELS_DIR } from "../helpers/fixture.ts";
import { tempModels } from "./helpers.ts";
import { unitTotals } from "../../pipelines/disclosure/identities.ts";
import type { Definition } from "../../pipelines/published/read.ts";

const kpiIds = [
  "underretninger_antal",
  "underretninger_boern",
  "underretning_vurderet_24t",
  "underretning_kvitteret_6_hverdage",
  "underretning_gentagen_12m",
  "underretninger_pr_1000_boern",
  "bfu_rettidig_4m",
  "bfu_overskridelse_begrundet",
  "bfu_aaben_overskredet",
  "foranstaltninger_nye_antal",
  "handleplan_rettidig",
  "boernesamtale_foer_afgoerelse",
  "opfoelgning_rettidig",
  "tilsyn_2_besoeg_12m",
  "anbragte_antal",
  "anbringelse_familiebaseret_andel",
  "anbringelse_institution_andel",
  "anbringelse_uden_samtykke_andel",
  "anbringelse_trin_ned_12m",
  "sager_pr_sagsbehandler",
];

describe("mart_kpi_definitioner", () => {
  it("has the 20 KPIs of docs/kpis.md in order, with kind, direction and the compliance-table flag", async () => {
    const wh = await buildFixture({}, { asOf: "2025-10-15" });
    const rows = await wh.all<{ kpi: string; nr: number; art: string; retning: string; kravtabel: boolean; beskrivelse: string; navn: string }>(
      "select * from mart_kpi_definitioner order by nr",
    );
    expect(rows.map((r) => r.kpi)).toEqual(kpiIds);
    expect(rows.map((r) => r.nr)).toEqual(kpiIds.map((_, i) => i + 1));
    expect(rows.filter((r) => r.kravtabel).map((r) => r.nr)).toEqual([3, 4, 7, 8, 11, 12, 13, 14]);
    // Shares about children in a category: their numerator and complement obey the threshold too (issue 10).
    expect(rows.filter((r) => (r as { kategoriandel?: boolean }).kategoriandel).map((r) => r.nr)).toEqual([16, 17, 18, 19]);
    // KPIs that count each child once per level (a child in two units counts once for the municipality).
    expect(rows.filter((r) => (r as { pr_barn?: boolean }).pr_barn).map((r) => r.nr)).toEqual([2, 5]);
    // The disclosure audit's unit identities come from the registry: = for records, ≤ for distinct children, none
    // for the KPIs without unit rows (6, 19), the numerator only for counts.
    const totals = Object.fromEntries((rows as unknown as Definition[]).map((r) => [r.nr, unitTotals(r)]));
    expect([totals[1], totals[2], totals[5], totals[6], totals[7], totals[19], totals[20]]).toEqual([
      { n: "sum" },
      { n: "distinct" },
      { n: "distinct", d: "distinct" },
      {},
      { n: "sum", d: "sum" },
      {},
      { n: "sum", d: "sum" },
    ]);
    const art = Object.fromEntries(rows.map((r) => [r.nr, r.art]));
    expect([1, 2, 9, 10, 15].map((n) => art[n])).toEqual(Array(5).fill("antal"));
    expect([6, 20].map((n) => art[n])).toEqual(["forhold", "forhold"]);
    expect(rows.filter((r) => r.art === "andel")).toHaveLength(13);
    for (const r of rows) {
      expect(r.navn.length).toBeGreaterThan(3);
      expect(r.beskrivelse.length).toBeGreaterThan(40);
    }
    const [bfu] = rows.filter((r) => r.kpi === "bfu_rettidig_4m") as unknown as { lov_sel: string; lov_bl: string }[];
    expect([bfu.lov_sel, bfu.lov_bl]).toEqual(["SEL § 50", "BL § 20, stk. 3"]);
    wh.close();
  });
});

/** The real mart_udviklingsplan over a hand-written mart_kpi_kvartal. */
async function udviklingsplan(kpiRows: string, targets: Config["udviklingsplan"]) {
  const dir = tempModels({
    "seeds/kpi_definitioner.csv": readFileSync(join(MODELS_DIR, "seeds/kpi_definitioner.csv"), "utf8"),
    "marts/mart_kpi_kvartal.sql": `select * from (values ${kpiRows}) as t(kpi, kvartal, niveau, enhed, vaerdi)`,
    "marts/mart_udviklingsplan.sql": readFileSync(join(MODELS_DIR, "marts/mart_udviklingsplan.sql"), "utf8"),
  });
  const wh = await openMemory();
  await buildModels(wh, { modelsDir: dir, config: { ...defaults, udviklingsplan: targets }, dataTests: false });
  const rows = await wh.all<Record<string, unknown>>(
    "select kpi, periode, kvartal, niveau, enhed, maal, vaerdi, retning, status from mart_udviklingsplan order by kpi, kvartal, niveau, enhed nulls first",
  );
  wh.close();
  return rows;
}

describe("mart_udviklingsplan", () => {
  it("spreads a YYYY target over its four quarters and judges each by the KPI's direction", async () => {
    const rows = await udviklingsplan(
      `('bfu_rettidig_4m', '2024K4', 'kommune', null, 0.6),
       ('bfu_rettidig_4m', '2025K1', 'kommune', null, 0.7),
       ('bfu_rettidig_4m', '2025K2', 'kommune', null, 0.65),
       ('bfu_rettidig_4m', '2025K3', 'kommune', null, 0.8),
       ('bfu_rettidig_4m', '2025K3', 'enhed', 'Nord', 0.1)`,
      [{ kpi: "bfu_rettidig_4m", periode: "2025", maal: 0.8 }],
    );
    expect(rows.map((r) => [r.kvartal, r.niveau, r.vaerdi, r.status])).toEqual([
      ["2025K1", "kommune", 0.7, "forbedring"], // below target, above 2024K4's 0.6
      ["2025K2", "kommune", 0.65, "ikke_opfyldt"], // below target and below 2025K1
      ["2025K3", "kommune", 0.8, "opfyldt"], // exactly the target counts as met
      ["2025K4", "kommune", null, "ingen_data"], // no figure (quarter not complete)
    ]);
    expect(rows[0]).toMatchObject({ kpi: "bfu_rettidig_4m", periode: "2025", enhed: null, maal: 0.8, retning: "hoejere_bedre" });
  });

  it("reads lower-is-better targets the other way, and matches unit targets to the unit's figure", async () => {
    const rows = await udviklingsplan(
      `('sager_pr_sagsbehandler', '2026K1', 'kommune', null, 25.0),
       ('sager_pr_sagsbehandler', '2026K2', 'kommune', null, 22.0),
       ('sager_pr_sagsbehandler', '2026K1', 'enhed', 'Nord', 18.0),
       ('sager_pr_sagsbehandler', '2026K2', 'enhed', 'Nord', 21.0),
       ('sager_pr_sagsbehandler', '2026K2', 'enhed', 'Syd', 15.0)`,
      [
        { kpi: "sager_pr_sagsbehandler", periode: "2026K2", maal: 20 },
        { kpi: "sager_pr_sagsbehandler", periode: "2026K2", maal: 20, enhed: "Nord" },
        { kpi: "sager_pr_sagsbehandler", periode: "2026K2", maal: 15, enhed: "Syd" },
        { kpi: "sager_pr_sagsbehandler", periode: "2026K2", maal: 22, enhed: "Vest" },
      ],
    );
    expect(rows.map((r) => [r.kvartal, r.niveau, r.enhed, r.vaerdi, r.retning, r.status])).toEqual([
      ["2026K2", "enhed", "Nord", 21, "lavere_bedre", "ikke_opfyldt"], // 21 > 20 and worse than 18
      ["2026K2", "enhed", "Syd", 15, "lavere_bedre", "opfyldt"], // at the target counts as met
      ["2026K2", "enhed", "Vest", null, "lavere_bedre", "ingen_data"],
      ["2026K2", "kommune", null, 22, "lavere_bedre", "forbedring"], // 22 > 20 but below 25
    ]);
  });

  it("without targets is empty", async () => {
    expect(await udviklingsplan(`('anbragte_antal', '2025K1', 'kommune', null, 3.0)`, [])).toEqual([]);
  });
});

async function warehouseWithLoads(config: Partial<typeof defaults> = {}): Promise<Warehouse> {
  const wh = await openMemory();
  for (const ddl of warehouseDdl()) await wh.run(ddl);
  await wh.run(`insert into load_log (load_id, startet, as_of) values (1, '2025-07-02 08:00', '2025-06-30'), (2, '2025-10-02 08:00', '2025-09-30')`);
  await wh.run(`insert into load_files (load_id, tabel, fil, format, tegnsaet, raekker_laest, raekker_indlaest, raekker_karantaene) values
    (1, 'sager', 'sager.csv', 'csv', 'utf-8', 10, 10, 0),
    (2, 'sager', 'sager.csv', 'csv', 'utf-8', 12, 9, 3),
    (2, 'underretninger', 'underretninger.csv', 'csv', 'windows-1252', 5, 5, 0)`);
  await wh.run(`insert into quarantine (load_id, tabel, fil, linje, kolonne, regel, aarsag, besked, raa_tekst) values
    (2, 'sager', 'sager.csv', 3, 'oprettet', 2, 'ugyldig_dato', 'x', '010101-XXXX;...'),
    (2, 'sager', 'sager.csv', 7, 'oprettet', 2, 'ugyldig_dato', 'x', '...'),
    (2, 'sager', 'sager.csv', 9, null, 4, 'dublet', 'x', '...')`);
  await buildModels(wh, { modelsDir: MODELS_DIR, config: { ...defaults, kommune: "Testrup Kommune", ...config }, dataTests: false });
  return wh;
}

describe("mart_meta and the data-quality marts", () => {
  it("mart_meta: one row with the latest load's as-of date and the latest complete quarter", async () => {
    const wh = await warehouseWithLoads();
    const rows = await wh.all<Record<string, unknown>>("select * exclude (bygget) from mart_meta");
    expect(rows).toEqual([
      {
        kommune: "Testrup Kommune",
        as_of: new Date("2025-09-30"),
        seneste_kvartal: "2025K3", // qe = as-of: the quarter is complete
        data_fra: null, // none in the configuration or the loads' manifests
        diskretionsgraense: 5,
        farve_groen: 0.9,
        farve_gul: 0.75,
        lovskift: new Date("2024-01-01"), // from the seed love: Barnets Lov
      },
    ]);
    const [{ bygget }] = await wh.all<{ bygget: Date }>("select bygget from mart_meta");
    expect(Math.abs(bygget.getTime() - Date.now())).toBeLessThan(10 * 60_000);
    wh.close();
  });

  it("mart_meta.data_fra: the day from which the data are complete, from the configuration", async () => {
    const wh = await warehouseWithLoads({ dataFra: "2024-02-01" });
    expect(await wh.all("select data_fra::varchar as data_fra, seneste_kvartal from mart_meta")).toEqual([{ data_fra: "2024-02-01", seneste_kvartal: "2025K3" }]);
    wh.close();
  });

  it("mart_meta exists with one row before any load", async () => {
    const wh = await openMemory();
    await buildModels(wh, { modelsDir: MODELS_DIR, config: defaults, dataTests: false });
    expect(await wh.all("select kommune, as_of, seneste_kvartal from mart_meta")).toEqual([{ kommune: "Demo Kommune", as_of: null, seneste_kvartal: null }]);
    wh.close();
  });

  it("mart_datakvalitet_loads: every file of every load, newest first", async () => {
    const wh = await warehouseWithLoads();
    expect(await wh.all("select load_id, tabel, raekker_laest, raekker_indlaest, raekker_karantaene from mart_datakvalitet_loads")).toEqual([
      { load_id: 2, tabel: "sager", raekker_laest: 12, raekker_indlaest: 9, raekker_karantaene: 3 },
      { load_id: 2, tabel: "underretninger", raekker_laest: 5, raekker_indlaest: 5, raekker_karantaene: 0 },
      { load_id: 1, tabel: "sager", raekker_laest: 10, raekker_indlaest: 10, raekker_karantaene: 0 },
    ]);
    wh.close();
  });

  it("mart_datakvalitet_karantaene: counts by rule, reason and column, never the rows", async () => {
    const wh = await warehouseWithLoads();
    expect(await wh.all("select * from mart_datakvalitet_karantaene")).toEqual([
      { load_id: 2, tabel: "sager", regel: 2, aarsag: "ugyldig_dato", kolonne: "oprettet", antal: 2n },
      { load_id: 2, tabel: "sager", regel: 4, aarsag: "dublet", kolonne: null, antal: 1n },
    ]);
    const cols = await wh.all<{ column_name: string }>("select column_name from duckdb_columns() where table_name = 'mart_datakvalitet_karantaene'");
    expect(cols.map((c) => c.column_name)).not.toContain("raa_tekst");
    wh.close();
  });
});
