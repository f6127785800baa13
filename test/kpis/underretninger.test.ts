// KPIs 1–6 (notifications) and mart_underretninger_fordeling: small hand-built fixtures, the expected
// mart rows written out by hand from docs/kpis.md. Rows are ordered kvartal, niveau ('enhed' before
// 'kommune'), enhed — as kpiRows returns them.
import { afterAll, describe, expect, it } from "vitest";
import { buildModels } from "../../pipelines/runner/runner.ts";
import { defaults } from "../../pipelines/config.ts";
import type { Warehouse } from "../../pipelines/db.ts";
import { type FixtureRows, MODELS_DIR, buildFixture, failingDataTests, kpiRows, martRow } from "../helpers/fixture.ts";

const enhed = (kvartal: string, e: string, taeller: number, naevner: number | null = null) => martRow(kvartal, e, taeller, naevner);
const kommune = (kvartal: string, taeller: number, naevner: number | null = null) => martRow(kvartal, null, taeller, naevner);

const open: Warehouse[] = [];
async function build(rows: FixtureRows, opts: Parameters<typeof buildFixture>[1]) {
  const wh = await buildFixture(rows, opts);
  open.push(wh);
  return wh;
}
afterAll(() => open.forEach((wh) => wh.close()));

const MY_MODELS = ["int_underretninger_kvartal", "int_kpi_kvartal", "mart_underretninger_fordeling", "int_kalender"];

let n = 0;
/** One notification row; ids are generated, everything else is stated by the test. */
const u = (barn_id: string, modtaget: string, enhed: string, extra: Record<string, unknown> = {}) => ({
  underretning_id: `u${++n}`,
  barn_id,
  modtaget,
  kilde: "skole",
  enhed,
  ...extra,
});

describe("KPIs 1, 2 and 6: counts per quarter, distinct children, per 1,000 children", () => {
  // As of 2025-05-15: 2025K1 is the latest complete quarter, 2025K2 is running.
  const rows: FixtureRows = {
    underretninger: [
      u("b1", "2024-01-10 09:00", "Nord"),
      u("b1", "2024-02-01 09:00", "Syd"), // same child, second unit, same quarter
      u("b2", "2024-03-31 23:59", "Nord"), // last minute of 2024K1
      u("b2", "2024-04-01 00:00", "Nord"), // first minute of 2024K2
      u("b3", "2024-12-31 10:00", "Syd"),
      u("b3", "2025-01-02 10:00", "Syd"),
      u("b4", "2025-04-10 10:00", "Nord"), // running quarter: no rows anywhere
    ],
    befolkning: [{ aar: 2024, antal_0_17: 12500 }], // none for 2025
  };

  it("KPI 1 underretninger_antal counts notifications by the date of modtaget, per unit and for the municipality", async () => {
    const wh = await build(rows, { asOf: "2025-05-15" });
    expect(await kpiRows(wh, "underretninger_antal")).toEqual([
      enhed("2024K1", "Nord", 2),
      enhed("2024K1", "Syd", 1),
      kommune("2024K1", 3),
      enhed("2024K2", "Nord", 1),
      kommune("2024K2", 1),
      // 2024K3: no notifications, so no row (a count row only where the count is > 0)
      enhed("2024K4", "Syd", 1),
      kommune("2024K4", 1),
      enhed("2025K1", "Syd", 1),
      kommune("2025K1", 1),
      // 2025K2 is the running quarter: no row although b4's notification is in it
    ]);
  });

  it("KPI 2 underretninger_boern counts distinct children; unit figures need not add up", async () => {
    const wh = await build(rows, { asOf: "2025-05-15" });
    expect(await kpiRows(wh, "underretninger_boern")).toEqual([
      enhed("2024K1", "Nord", 2), // b1, b2
      enhed("2024K1", "Syd", 1), // b1
      kommune("2024K1", 2), // b1, b2 (not 3)
      enhed("2024K2", "Nord", 1),
      kommune("2024K2", 1),
      enhed("2024K4", "Syd", 1),
      kommune("2024K4", 1),
      enhed("2025K1", "Syd", 1),
      kommune("2025K1", 1),
    ]);
  });

  it("KPI 6 underretninger_pr_1000_boern: municipality only, only for years befolkning has", async () => {
    const wh = await build(rows, { asOf: "2025-05-15" });
    expect(await kpiRows(wh, "underretninger_pr_1000_boern")).toEqual([
      kommune("2024K1", 3, 12.5), // 12,500 children / 1000
      kommune("2024K2", 1, 12.5),
      kommune("2024K4", 1, 12.5),
      // 2025K1: befolkning has no 2025, so no row
    ]);
    const without = await build({ underretninger: rows.underretninger }, { asOf: "2025-05-15" });
    expect(await kpiRows(without, "underretninger_pr_1000_boern")).toEqual([]);
    expect(await kpiRows(without, "underretninger_antal")).toHaveLength(9);
  });

  it("an as-of date on the quarter's last day completes that quarter", async () => {
    const loaded = { underretninger: rows.underretninger!.filter((r) => String(r.modtaget) < "2025-03-30") };
    const onQe = await build(loaded, { asOf: "2025-03-31" });
    const dayBefore = await build(loaded, { asOf: "2025-03-30" });
    expect((await kpiRows(onQe, "underretninger_antal")).at(-1)).toEqual(kommune("2025K1", 1));
    expect((await kpiRows(dayBefore, "underretninger_antal")).at(-1)).toEqual(kommune("2024K4", 1));
  });

  it("counts only loaded (src_) rows: a quarantined row takes part in nothing", async () => {
    // Quarantined rows never reach src_underretninger (the loader keeps them in `quarantine`), so the
    // models cannot see them: this only shows that a quarantine row leaves the figures unchanged.
    const wh = await build(rows, { asOf: "2025-05-15" });
    await wh.run(
      `insert into quarantine (load_id, tabel, fil, linje, kolonne, regel, aarsag, besked, raa_tekst)
       values (1, 'underretninger', 'underretninger.csv', 9, 'vurderet', 5, 'dato', 'vurderet før modtaget',
               'u99;010120-****;2024-01-11 10:00;skole;;2024-01-10 10:00;;;;Nord;')`,
    );
    await buildModels(wh, { modelsDir: MODELS_DIR, config: defaults, dataTests: false });
    expect((await kpiRows(wh, "underretninger_antal")).slice(0, 3)).toEqual([
      enhed("2024K1", "Nord", 2),
      enhed("2024K1", "Syd", 1),
      kommune("2024K1", 3),
    ]);
  });
});

describe("KPI 3 underretning_vurderet_24t", () => {
  it("counts exactly 24 hours as met, 24 h + 1 min or + 1 s and a missing vurderet as not met", async () => {
    const wh = await build(
      {
        underretninger: [
          u("b1", "2024-07-01 10:00", "Nord"), // no vurderet: the quarter's only one fails → 0/1
          u("b1", "2024-10-01 08:00", "Nord", { vurderet: "2024-10-02 08:00" }), // exactly 24 h: met
          u("b2", "2024-10-01 08:00", "Nord", { vurderet: "2024-10-02 08:01" }), // 24 h + 1 min: not met
          u("b3", "2024-10-05 12:00", "Nord"), // missing: not met
          u("b4", "2024-12-31 23:30", "Nord", { vurderet: "2024-12-31 23:45" }), // last day of the quarter: met
          u("b5", "2024-11-10 10:00:00", "Syd", { vurderet: "2024-11-11 10:00:01" }), // 24 h + 1 s: not met
          u("b6", "2024-11-11 10:00", "Syd", { vurderet: "2024-11-11 10:00" }), // at once: met
          u("b7", "2024-12-01 00:00", "Syd", { vurderet: "2024-12-01 23:59" }), // met
        ],
      },
      { asOf: "2024-12-31" },
    );
    expect(await kpiRows(wh, "underretning_vurderet_24t")).toEqual([
      enhed("2024K3", "Nord", 0, 1), // a share row with taeller 0 exists: its denominator is > 0
      kommune("2024K3", 0, 1),
      enhed("2024K4", "Nord", 2, 4),
      enhed("2024K4", "Syd", 2, 3),
      kommune("2024K4", 4, 7),
    ]);
    // No befolkning loaded: no KPI 6 at all.
    expect(await kpiRows(wh, "underretninger_pr_1000_boern")).toEqual([]);
    expect(await failingDataTests(wh, MY_MODELS)).toEqual([]);
  });
});

describe("KPI 3 across the changes of daylight saving time", () => {
  it("counts 24 elapsed hours, not 24 hours on the clock (timestamps are Danish local time)", async () => {
    const wh = await build(
      {
        underretninger: [
          // Clocks go back on 2024-10-27 03:00 → 02:00: 23:30 on the clock is 24:30 elapsed → not met.
          u("b1", "2024-10-26 10:00", "Nord", { vurderet: "2024-10-27 09:30" }),
          // 10:00 → 09:00 the next day is exactly 24 hours elapsed → met.
          u("b2", "2024-10-26 10:00", "Nord", { vurderet: "2024-10-27 09:00" }),
          // Clocks go forward on 2024-03-31 02:00 → 03:00: 24:30 on the clock is 23:30 elapsed → met.
          u("b3", "2024-03-30 10:00", "Syd", { vurderet: "2024-03-31 10:30" }),
          // 10:00 → 11:01 the next day is 24 hours and 1 minute elapsed → not met.
          u("b4", "2024-03-30 10:00", "Syd", { vurderet: "2024-03-31 11:01" }),
        ],
      },
      { asOf: "2024-12-31" },
    );
    expect(await kpiRows(wh, "underretning_vurderet_24t")).toEqual([
      enhed("2024K1", "Syd", 1, 2),
      kommune("2024K1", 1, 2),
      enhed("2024K4", "Nord", 1, 2),
      kommune("2024K4", 1, 2),
    ]);
  });
});

describe("KPI 4 underretning_kvitteret_6_hverdage", () => {
  const rows: FixtureRows = {
    underretninger: [
      // Skærtorsdag 2024 (28/3): the 6th working day after is 9/4 (29/3–1/4 are holidays or weekend).
      u("b1", "2024-03-28 09:00", "Nord", { kilde: "skole", kvitteret: "2024-04-09" }), // met
      u("b2", "2024-03-28 15:00", "Nord", { kilde: "skole", kvitteret: "2024-04-10" }), // one day late
      u("b3", "2024-03-27 10:00", "Nord", { kilde: "familie" }), // not a fagperson (derived): not in the population
      u("b4", "2024-03-27 10:00", "Syd", { kilde: "familie", fagperson: true, kvitteret: "2024-04-09" }), // given true; 6th after 27/3 is 9/4
      u("b5", "2024-03-27 10:00", "Syd", { kilde: "skole", fagperson: false }), // given false: not in the population
      // 23/12/2024: the 6th working day after is 3/1/2025, or 7/1/2025 with 24 and 31 December closed.
      u("b6", "2024-12-23 10:00", "Nord", { kilde: "politi", kvitteret: "2025-01-03" }), // met either way
      u("b7", "2024-12-23 10:00", "Nord", { kilde: "politi" }), // missing kvitteret: not met
      u("b8", "2024-12-23 10:00", "Nord", { kilde: "politi", kvitteret: "2025-01-06" }), // met only with the closing days
      // Skærtorsdag 2025 (17/4): the 6th working day after is 29/4.
      u("b9", "2025-04-17 11:00", "Syd", { kilde: "sundhed", kvitteret: "2025-04-17" }), // same day: met
      u("b10", "2025-04-17 11:00", "Syd", { kilde: "sundhed", kvitteret: "2025-04-30" }), // one day late
      // A quarter with notifications from non-professionals only: no KPI 4 row.
      u("b11", "2025-08-01 11:00", "Syd", { kilde: "familie", kvitteret: "2025-08-01" }),
    ],
  };

  it("counts kvitteret on or before the 6th working day after the date of modtaget, fagperson only", async () => {
    const wh = await build(rows, { asOf: "2026-01-31" });
    expect(await kpiRows(wh, "underretning_kvitteret_6_hverdage")).toEqual([
      enhed("2024K1", "Nord", 1, 2),
      enhed("2024K1", "Syd", 1, 1),
      kommune("2024K1", 2, 3),
      enhed("2024K4", "Nord", 1, 3),
      kommune("2024K4", 1, 3),
      enhed("2025K2", "Syd", 1, 2),
      kommune("2025K2", 1, 2),
    ]);
    expect((await kpiRows(wh, "underretninger_antal")).filter((r) => r.kvartal === "2025K3")).toEqual([
      enhed("2025K3", "Syd", 1),
      kommune("2025K3", 1),
    ]);
    expect(await failingDataTests(wh, MY_MODELS)).toEqual([]);
  });

  it("moves the deadline with the configured closing days (24 and 31 December)", async () => {
    const wh = await build(rows, {
      asOf: "2026-01-31",
      config: {
        lukkedage: [
          { dag: "12-24", navn: "Juleaftensdag" },
          { dag: "12-31", navn: "Nytårsaftensdag" },
        ],
      },
    });
    expect((await kpiRows(wh, "underretning_kvitteret_6_hverdage")).filter((r) => r.kvartal === "2024K4")).toEqual([
      enhed("2024K4", "Nord", 2, 3),
      kommune("2024K4", 2, 3),
    ]);
  });
});

describe("KPI 5 underretning_gentagen_12m", () => {
  it("counts children with ≥ 2 notifications in any unit in the 12-month window ending at qe", async () => {
    // As of 2025-04-15. The window of 2025K1 is 2024-04-01 … 2025-03-31; of 2024K2 2023-07-01 … 2024-06-30.
    const wh = await build(
      {
        underretninger: [
          u("b1", "2024-03-31 12:00", "Nord"), // the day before 2025K1's window
          u("b1", "2025-03-15 12:00", "Nord"), // → b1 has 1 in the window: not repeated
          u("b2", "2024-04-01 12:00", "Syd"), // first day of the window
          u("b2", "2025-03-31 12:00", "Nord"), // last day: 2 → repeated, counted in Nord (its unit in 2025K1)
          u("b3", "2025-02-01 09:00", "Nord"), // two units the same day: repeated, in both units' rows
          u("b3", "2025-02-01 10:00", "Syd"),
          u("b4", "2025-01-15 12:00", "Syd"), // one only
          u("b5", "2025-01-20 12:00", "Nord"),
          u("b5", "2025-04-02 12:00", "Nord"), // after qe (running quarter): does not count for 2025K1
          u("b6", "2024-05-01 12:00", "Nord"), // three in 2024K2: one repeated child
          u("b6", "2024-05-02 12:00", "Nord"),
          u("b6", "2024-05-03 12:00", "Nord"),
          // The first reported quarter is that of the earliest data (2014K2 here), not a fixed year; the
          // window of 2015K1 (2014-04-01 … 2015-03-31) holds both of b7's notifications.
          u("b7", "2014-06-01 12:00", "Syd"),
          u("b7", "2015-02-01 12:00", "Syd"),
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "underretning_gentagen_12m")).toEqual([
      enhed("2014K2", "Syd", 0, 1), // b7: 1 in 2013-07-01 … 2014-06-30
      kommune("2014K2", 0, 1),
      enhed("2015K1", "Syd", 1, 1), // b7
      kommune("2015K1", 1, 1),
      enhed("2024K1", "Nord", 0, 1), // b1
      kommune("2024K1", 0, 1),
      enhed("2024K2", "Nord", 1, 1), // b6
      enhed("2024K2", "Syd", 0, 1), // b2: its second notification is after this window
      kommune("2024K2", 1, 2),
      enhed("2025K1", "Nord", 2, 4), // b1, b2, b3, b5; repeated b2, b3
      enhed("2025K1", "Syd", 1, 2), // b3, b4; repeated b3
      kommune("2025K1", 2, 5), // b1–b5; b6 has notifications in the window but none in the quarter
    ]);
  });
});

describe("mart_underretninger_fordeling", () => {
  it("counts the quarter's notifications by kilde, enhed, distrikt, udfald and alvorlig, with names from the seeds", async () => {
    const wh = await build(
      {
        underretninger: [
          u("b1", "2024-04-02 10:00", "Nord", { kilde: "skole", distrikt: "Vest", udfald: "raadgivning", alvorlig: true }),
          u("b2", "2024-05-02 10:00", "Syd", { kilde: "skole", alvorlig: false }),
          u("b3", "2024-06-30 10:00", "Nord", { kilde: "familie", distrikt: "Vest", udfald: "boernefaglig_undersoegelse" }),
          u("b4", "2024-07-01 10:00", "Nord", { kilde: "politi" }), // running quarter
        ],
      },
      { asOf: "2024-07-15" },
    );
    const rows = await wh.all(
      `select kvartal, dimension, kode, navn, antal from mart_underretninger_fordeling order by kvartal, dimension, kode nulls last`,
    );
    const r = (dimension: string, kode: string | null, navn: string, antal: number) => ({ kvartal: "2024K2", dimension, kode, navn, antal });
    expect(rows).toEqual([
      r("alvorlig", "ja", "Ja", 1),
      r("alvorlig", "nej", "Nej", 1),
      r("alvorlig", null, "Ikke oplyst", 1),
      r("distrikt", "Vest", "Vest", 2),
      r("distrikt", null, "Ikke oplyst", 1),
      r("enhed", "Nord", "Nord", 2),
      r("enhed", "Syd", "Syd", 1),
      r("kilde", "familie", "Familie", 1),
      r("kilde", "skole", "Skole", 2),
      r("udfald", "boernefaglig_undersoegelse", "Børnefaglig undersøgelse", 1),
      r("udfald", "raadgivning", "Rådgivning", 1),
      r("udfald", null, "Ikke oplyst", 1),
    ]);
    // Every dimension adds up to KPI 1.
    const sums = await wh.all(
      `select dimension, sum(antal)::integer as n from mart_underretninger_fordeling group by dimension order by dimension`,
    );
    expect(sums).toEqual(["alvorlig", "distrikt", "enhed", "kilde", "udfald"].map((dimension) => ({ dimension, n: 3 })));
    expect(await kpiRows(wh, "underretninger_antal")).toContainEqual(kommune("2024K2", 3));
    expect(await failingDataTests(wh, MY_MODELS)).toEqual([]);
  });
});
