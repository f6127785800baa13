// A small warehouse holding only the page marts (models/README.md), with plausible, deterministic figures:
// the site's tests run against it, independent of the demo generator and the models. It plants what the
// tests must see handled: a unit named `<b>Team</b>`, small counts and small denominators in the latest
// quarter, quarters on both sides of 1 January 2024.
// The KPI registry is the real one: mart_kpi_definitioner is built by its model from the seed, so the site is
// tested against the same per-KPI facts it is built with.
import { rmSync } from "node:fs";
import { type Warehouse, openWarehouse } from "../../pipelines/db.ts";
import { MODELS_DIR } from "../../pipelines/paths.ts";
import { discoverModels } from "../../pipelines/runner/models.ts";
import { loadSeeds, RESULTS_DDL } from "../../pipelines/runner/runner.ts";

export const FIXTURE_UNITS = ["Team Nord", "Team Syd", "<b>Team</b>", "Familiecenter Øst"];
export const FIXTURE_QUARTERS = quarters("2023K1", "2025K3");
export const FIXTURE_AS_OF = "2025-10-15";

function quarters(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, q] = [Number(from.slice(0, 4)), Number(from.slice(5))];
  for (;;) {
    const k = `${y}K${q}`;
    out.push(k);
    if (k === to) return out;
    if (++q === 5) [y, q] = [y + 1, 1];
  }
}

function rng(seed: number) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648), s / 2147483648);
}

/** The seeds and mart_kpi_definitioner, built by the real model; returns the KPIs with their kinds in registry order. */
async function registry(wh: Warehouse): Promise<{ kpi: string; art: "antal" | "andel" | "forhold" }[]> {
  await loadSeeds(wh, MODELS_DIR);
  const model = discoverModels(MODELS_DIR).find((m) => m.name === "mart_kpi_definitioner")!;
  await wh.run(`create table mart_kpi_definitioner as ${model.sql}`);
  return wh.all("select kpi, art from mart_kpi_definitioner order by nr");
}

/** Writes the fixture warehouse to `path` (replacing any file there). */
export async function writeFixtureWarehouse(path: string): Promise<void> {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  const wh = await openWarehouse(path);
  const definitions = await registry(wh);
  const r = rng(42);
  const kpiRows: (string | number | null)[][] = [];
  const latest = FIXTURE_QUARTERS.at(-1)!;
  FIXTURE_QUARTERS.forEach((kv, qi) => {
    for (const { kpi, art } of definitions) {
      const unitRows: [string, number, number | null][] = [];
      FIXTURE_UNITS.forEach((unit, ui) => {
        // The markup-named unit is small: its figures are the ones suppression must catch.
        const small = unit === "<b>Team</b>";
        if (kpi === "underretninger_pr_1000_boern" || kpi === "anbringelse_trin_ned_12m") return;
        if (art === "antal") {
          const n = small ? (kv === latest ? 3 : 2 + Math.floor(r() * 6)) : 20 + Math.floor(r() * 60) + ui * 5;
          unitRows.push([unit, n, null]);
        } else if (art === "andel") {
          const d = small ? (kv === latest ? 4 : 5 + Math.floor(r() * 4)) : 15 + Math.floor(r() * 40);
          const base = kpi === "bfu_rettidig_4m" ? 0.6 + qi * 0.025 : kpi.startsWith("anbringelse_familie") ? 0.55 + qi * 0.01 : 0.5 + r() * 0.45;
          unitRows.push([unit, Math.min(d, Math.round(d * Math.min(1, base + (r() - 0.5) * 0.1))), d]);
        } else {
          const fte = small ? 3 : 6 + Math.floor(r() * 6);
          unitRows.push([unit, Math.round(fte * (17 + r() * 10)), fte]);
        }
      });
      for (const [unit, t, n] of unitRows) kpiRows.push([kpi, kv, "enhed", unit, t, n, n === null ? t : t / n]);
      if (kpi === "underretninger_pr_1000_boern") {
        const t = 200 + Math.floor(r() * 60);
        kpiRows.push([kpi, kv, "kommune", null, t, 11.2, t / 11.2]);
      } else if (kpi === "anbringelse_trin_ned_12m") {
        const d = 90 + Math.floor(r() * 10);
        kpiRows.push([kpi, kv, "kommune", null, Math.round(d * 0.2), d, Math.round(d * 0.2) / d]);
      } else {
        const t = unitRows.reduce((s, u) => s + u[1], 0);
        const n = art === "antal" ? null : unitRows.reduce((s, u) => s + (u[2] ?? 0), 0);
        kpiRows.push([kpi, kv, "kommune", null, t, n, n === null ? t : t / n]);
      }
    }
  });

  const v = (x: string | number | boolean | null) =>
    x === null ? "NULL" : typeof x === "number" ? String(x) : typeof x === "boolean" ? String(x) : `'${x.replaceAll("'", "''")}'`;
  const insert = async (table: string, columns: string, rows: (string | number | boolean | null)[][]) => {
    await wh.run(`create table ${table} (${columns})`);
    for (let i = 0; i < rows.length; i += 500)
      if (rows.length) await wh.run(`insert into ${table} values ${rows.slice(i, i + 500).map((row) => `(${row.map(v).join(", ")})`).join(", ")}`);
  };

  await insert("mart_kpi_kvartal", "kpi varchar, kvartal varchar, niveau varchar, enhed varchar, taeller double, naevner double, vaerdi double", kpiRows);
  const fordeling: (string | number | null)[][] = [];
  for (const kv of FIXTURE_QUARTERS) {
    for (const [kode, navn, n] of [["skole", "Skole", 40], ["dagtilbud", "Dagtilbud", 25], ["politi", "Politi", 30], ["sundhed", "Sundhedsvæsen", 20], ["anonym", "Anonym", 3]] as const)
      fordeling.push([kv, "kilde", kode, navn, n + Math.floor(r() * 10)]);
    FIXTURE_UNITS.forEach((u, i) => fordeling.push([kv, "enhed", u, u, u === "<b>Team</b>" ? 3 : 30 + i * 5]));
    fordeling.push([kv, "distrikt", "nord", "Distrikt Nord", 60], [kv, "distrikt", "syd", "Distrikt Syd", 55]);
    fordeling.push([kv, "udfald", "ingen", "Ingen yderligere handling", 70], [kv, "udfald", "bfu", "Børnefaglig undersøgelse", 35], [kv, "udfald", "akut", "Akut anbringelse", 2]);
  }
  await insert("mart_underretninger_fordeling", "kvartal varchar, dimension varchar, kode varchar, navn varchar, antal bigint", fordeling);
  const anbr: (string | number | null)[][] = [];
  FIXTURE_QUARTERS.forEach((kv, qi) => {
    for (const [g, n] of [["familiebaseret", 40 + qi], ["institution", 25 - Math.floor(qi / 2)], ["eget_vaerelse_kostskole", 6]] as const) {
      anbr.push([kv, "kommune", null, g, n, 5 + (qi % 3), 6]);
      FIXTURE_UNITS.forEach((u) => anbr.push([kv, "enhed", u, g, u === "<b>Team</b>" ? 2 : Math.floor(n / 3), u === "<b>Team</b>" ? 1 : 2, 1]));
    }
  });
  await insert("mart_anbringelser_kvartal", "kvartal varchar, niveau varchar, enhed varchar, gruppe varchar, anbragte bigint, nye bigint, ophoerte bigint", anbr);
  await insert(
    "mart_indsatstrappe_kvartal",
    "kvartal varchar, trin integer, boern bigint",
    FIXTURE_QUARTERS.flatMap((kv, qi) => [[kv, 1, 180 + qi * 3], [kv, 2, 12 + qi], [kv, 3, 30], [kv, 4, 14], [kv, 5, qi % 2 ? 4 : 9]]),
  );
  await insert(
    "mart_udgifter_kvartal",
    "kvartal varchar, gruppe varchar, aktive bigint, aarlig_udgift double",
    FIXTURE_QUARTERS.map((kv) => [kv, "institution", 25, 25 * 900000]),
  );
  const plan: (string | number | null)[][] = [];
  const targets: [string, string, number][] = [
    ["bfu_rettidig_4m", "2025", 0.8],
    ["underretning_vurderet_24t", "2025", 0.95],
    ["anbringelse_familiebaseret_andel", "2025", 0.65],
    ["sager_pr_sagsbehandler", "2025", 20],
  ];
  for (const [kpi, periode, maal] of targets)
    for (const kv of FIXTURE_QUARTERS.filter((q) => q.startsWith(periode))) {
      const row = kpiRows.find((x) => x[0] === kpi && x[1] === kv && x[2] === "kommune")!;
      const val = row[6] as number;
      const lower = kpi === "sager_pr_sagsbehandler";
      plan.push([kpi, periode, kv, "kommune", null, maal, val, lower ? "lav" : "hoejere_bedre", (lower ? val <= maal : val >= maal) ? "opfyldt" : "ikke_opfyldt"]);
    }
  await insert(
    "mart_udviklingsplan",
    "kpi varchar, periode varchar, kvartal varchar, niveau varchar, enhed varchar, maal double, vaerdi double, retning varchar, status varchar",
    plan,
  );
  await wh.run(`create table mart_meta (kommune varchar, as_of date, seneste_kvartal varchar, data_fra date, diskretionsgraense integer, farve_groen double, farve_gul double, bygget timestamp, lovskift date)`);
  await wh.run(`insert into mart_meta values ('Fiktiv Kommune', DATE '${FIXTURE_AS_OF}', '${latest}', null, 5, 0.9, 0.75, TIMESTAMP '2025-10-16 08:00:00', (select cast(gaelder_fra as date) from love where lov = 'barnets_lov'))`);
  await insert(
    "mart_datakvalitet_loads",
    "load_id integer, as_of date, startet timestamp, tabel varchar, fil varchar, format varchar, tegnsaet varchar, raekker_laest bigint, raekker_indlaest bigint, raekker_karantaene bigint",
    [
      [1, FIXTURE_AS_OF, "2025-10-16 07:55:00", "underretninger", "underretninger.csv", "csv", "utf-8", 2400, 2397, 3],
      [1, FIXTURE_AS_OF, "2025-10-16 07:55:00", "foranstaltninger", "foranstaltninger.csv", "csv", "utf-8", 900, 900, 0],
      [1, FIXTURE_AS_OF, "2025-10-16 07:55:00", "befolkning", "befolkning.csv", "csv", "utf-8", 3, 3, 0],
    ],
  );
  await insert("mart_datakvalitet_karantaene", "load_id integer, tabel varchar, regel integer, aarsag varchar, kolonne varchar, antal bigint", [
    [1, "underretninger", 3, "ugyldig dato", "modtaget", 3],
    [1, "underretninger", 5, "ukendt kode", "kilde", 12],
  ]);
  await wh.run(RESULTS_DDL); // the runner's own table
  await wh.run(`insert into data_test_results values
    ('not_null', 'mart_kpi_kvartal', 'kpi', 'error', 'ok', 0, TIMESTAMP '2025-10-16 08:00:00', null),
    ('accepted_values', 'stg_underretninger', 'kilde', 'warn', 'fejl', 2, TIMESTAMP '2025-10-16 08:00:00', 'ukendte koder')`);
  // A pseudonym-bearing table, as in a real warehouse: the site must never read it.
  await wh.run(`create table src_underretninger as select uuid '0b4e7a0e-5fe1-4d4e-9c5b-1f2a3b4c5d6e' as barn_id, DATE '2025-07-01' as modtaget`);
  wh.close();
}

if (process.argv[1]?.endsWith("fixture-warehouse.ts")) {
  const path = process.argv[2] ?? ".tmp/fixture.duckdb";
  await writeFixtureWarehouse(path);
  console.log(path);
}
