// KPIs 14–19 and the placement page marts (docs/kpis.md "Measures and placements"), each against a small
// hand-built fixture whose rows are worked out by hand in the comments.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { buildFixture, childName, kpiRows, martRow, measure as m } from "../helpers/fixture.ts";

/** An expected mart row with its value written out by hand; niveau follows from enhed (NULL = kommune). */
const r = (kvartal: string, enhed: string | null, taeller: number, naevner: number | null, vaerdi: number) =>
  martRow(kvartal, enhed, taeller, naevner, vaerdi);

const besoeg = (id: string, barn: string, dato: string) => ({ besoeg_id: id, barn_id: barn, dato, enhed: "Nord" });

describe("placement on qe: KPIs 15–18 and the page marts", () => {
  // On 2025-03-31 (2025K1's qe; as of 2025-04-15, 2025K2 is running):
  //   b1: p1 (opholdssted, trin 4, Syd) and p2 (plejefamilie, trin 3, Nord) start the same day → higher trin: p1
  //   b2: p3 and p4, both trin 5 and the same day → greater id: p4 (Syd, samtykke empty)
  //   b3: p5 (netværksplejefamilie, trin 2, Nord) started after p6 (døgninstitution, trin 5) → latest startet: p5
  //   b4: p7 ended the day before qe; only a preventive measure on qe → not placed
  //   b5: p8 starts on qe (open-ended: it would be placed in the running quarter too)
  let wh: Warehouse;
  beforeAll(async () => {
    wh = await buildFixture(
      {
        foranstaltninger: [
          m("p1", "b1", "opholdssted", "2025-01-10", "2025-04-10", { samtykke: false, enhed: "Syd", aarlig_udgift: 200000 }),
          m("p2", "b1", "plejefamilie", "2025-01-10", "2025-04-10", { samtykke: true, aarlig_udgift: 100000 }),
          m("p3", "b2", "doegninstitution", "2025-02-01", "2025-04-10", { samtykke: false, aarlig_udgift: 300000 }),
          m("p4", "b2", "sikret_institution", "2025-02-01", "2025-04-10", { samtykke: null, enhed: "Syd" }),
          m("p5", "b3", "netvaerksplejefamilie", "2025-03-01", "2025-04-10", { samtykke: true, aarlig_udgift: 50000 }),
          m("p6", "b3", "doegninstitution", "2025-01-05", "2025-04-10", { samtykke: false, enhed: "Syd", aarlig_udgift: 400000 }),
          m("p7", "b4", "eget_vaerelse", "2025-01-01", "2025-03-30", { samtykke: true, aarlig_udgift: 70000 }),
          m("f1", "b4", "familiebehandling", "2025-01-01", null, { aarlig_udgift: 60000 }),
          m("p8", "b5", "kommunal_plejefamilie", "2025-03-31", null, { samtykke: true, aarlig_udgift: 150000 }),
        ],
      },
      { asOf: "2025-04-15" },
    );
  });
  afterAll(() => wh.close());

  test("KPI 15 anbragte_antal: distinct children, in the unit of their placement on qe", async () => {
    // Seven placement records are active on qe (p1–p6, p8), but four children: Nord b3, b5; Syd b1, b2.
    expect(await kpiRows(wh, "anbragte_antal")).toEqual([
      r("2025K1", "Nord", 2, null, 2),
      r("2025K1", "Syd", 2, null, 2),
      r("2025K1", null, 4, null, 4),
    ]);
  });

  test("KPI 16 anbringelse_familiebaseret_andel and KPI 17 anbringelse_institution_andel", async () => {
    // Nord: b3 (netværksplejefamilie), b5 (kommunal plejefamilie) family-based; Syd: b1, b2 institution.
    expect(await kpiRows(wh, "anbringelse_familiebaseret_andel")).toEqual([
      r("2025K1", "Nord", 2, 2, 1),
      r("2025K1", "Syd", 0, 2, 0),
      r("2025K1", null, 2, 4, 0.5),
    ]);
    expect(await kpiRows(wh, "anbringelse_institution_andel")).toEqual([
      r("2025K1", "Nord", 0, 2, 0),
      r("2025K1", "Syd", 2, 2, 1),
      r("2025K1", null, 2, 4, 0.5),
    ]);
  });

  test("KPI 18 anbringelse_uden_samtykke_andel: only placements with known consent", async () => {
    // Nord: b3, b5 with consent; Syd: b1 without (p1), b2's p4 has samtykke empty → not in the denominator.
    expect(await kpiRows(wh, "anbringelse_uden_samtykke_andel")).toEqual([
      r("2025K1", "Nord", 0, 2, 0),
      r("2025K1", "Syd", 1, 1, 1),
      r("2025K1", null, 1, 3, 1 / 3),
    ]);
  });

  test("mart_anbringelser_kvartal: children placed by group; placement records started and ended by their own group and unit", async () => {
    // nye: every record started in 2025K1 (p1–p8); ophoerte: p7 (2025-03-30). The rest end in the running quarter.
    expect(
      await wh.all(
        `select kvartal, niveau, enhed, gruppe, anbragte, nye, ophoerte from mart_anbringelser_kvartal
         order by kvartal, niveau desc, enhed nulls first, gruppe`,
      ),
    ).toEqual([
      { kvartal: "2025K1", niveau: "kommune", enhed: null, gruppe: "eget_vaerelse_kostskole", anbragte: 0, nye: 1, ophoerte: 1 },
      { kvartal: "2025K1", niveau: "kommune", enhed: null, gruppe: "familiebaseret", anbragte: 2, nye: 3, ophoerte: 0 },
      { kvartal: "2025K1", niveau: "kommune", enhed: null, gruppe: "institution", anbragte: 2, nye: 4, ophoerte: 0 },
      { kvartal: "2025K1", niveau: "enhed", enhed: "Nord", gruppe: "eget_vaerelse_kostskole", anbragte: 0, nye: 1, ophoerte: 1 },
      { kvartal: "2025K1", niveau: "enhed", enhed: "Nord", gruppe: "familiebaseret", anbragte: 2, nye: 3, ophoerte: 0 },
      { kvartal: "2025K1", niveau: "enhed", enhed: "Nord", gruppe: "institution", anbragte: 0, nye: 1, ophoerte: 0 },
      { kvartal: "2025K1", niveau: "enhed", enhed: "Syd", gruppe: "institution", anbragte: 2, nye: 3, ophoerte: 0 },
    ]);
  });

  test("mart_indsatstrappe_kvartal: children by their highest trin on qe", async () => {
    // b1: max(3, 4) = 4; b2: 5; b3: max(2, 5) = 5; b4: 1 (preventive only); b5: 3.
    expect(await wh.all(`select kvartal, trin, boern from mart_indsatstrappe_kvartal order by kvartal, trin`)).toEqual([
      { kvartal: "2025K1", trin: 1, boern: 1 },
      { kvartal: "2025K1", trin: 3, boern: 1 },
      { kvartal: "2025K1", trin: 4, boern: 1 },
      { kvartal: "2025K1", trin: 5, boern: 2 },
    ]);
  });

  test("mart_udgifter_kvartal: measures active on qe and the sum of their known yearly costs", async () => {
    // familiebaseret p2, p5, p8; institution p1, p3, p4 (no cost), p6; forebyggende f1. p7 ended before qe.
    expect(await wh.all(`select kvartal, gruppe, aktive, aarlig_udgift from mart_udgifter_kvartal order by kvartal, gruppe`)).toEqual([
      { kvartal: "2025K1", gruppe: "familiebaseret", aktive: 3, aarlig_udgift: 300000 },
      { kvartal: "2025K1", gruppe: "forebyggende", aktive: 1, aarlig_udgift: 60000 },
      { kvartal: "2025K1", gruppe: "institution", aktive: 4, aarlig_udgift: 900000 },
    ]);
  });
});

describe("KPI 14 tilsyn_2_besoeg_12m", () => {
  test("continuous placements: one-day step merged, two-day step not, contained records, window ws … qe", async () => {
    // 2024K4: qe 2024-12-31, ws 2024-01-01. 2025K1: qe 2025-03-31, ws 2024-04-01. Earlier quarters have
    // ws before every placement here; 2025K2 is running.
    const wh = await buildFixture(
      {
        foranstaltninger: [
          // b1: n1 starts the day after a1 ends → one continuous placement from 2024-01-01; unit of n1 (Syd).
          m("a1", "b1", "plejefamilie", "2024-01-01", "2024-04-01"),
          m("n1", "b1", "opholdssted", "2024-04-02", null, { enhed: "Syd" }),
          // b2: n2 starts two days after a2 ends → a new continuous placement from 2024-04-03, after both ws.
          m("a2", "b2", "plejefamilie", "2024-01-01", "2024-04-01"),
          m("n2", "b2", "plejefamilie", "2024-04-03", null),
          // b3: c3 lies inside a3; d3 starts the day after a3 ends but long after c3 ends → all one placement
          // from 2024-01-01 (the running max of the ends, not the previous record's end).
          m("a3", "b3", "opholdssted", "2024-01-01", "2024-12-01"),
          m("c3", "b3", "plejefamilie", "2024-02-01", "2024-03-01"),
          m("d3", "b3", "doegninstitution", "2024-12-02", null),
          // b4: placed from 2024-01-01 (Syd); visits the day before 2025K1's ws, on its qe and the day after.
          m("a4", "b4", "plejefamilie", "2024-01-01", null, { enhed: "Syd" }),
          // b5: placed from exactly 2025K1's ws → in 2025K1's population. b6: from the day after → not.
          m("a5", "b5", "plejefamilie", "2024-04-01", null, { enhed: "Syd" }),
          m("a6", "b6", "plejefamilie", "2024-04-02", null, { enhed: "Syd" }),
        ],
        tilsynsbesoeg: [
          besoeg("v1a", "b1", "2024-04-01"),
          besoeg("v1b", "b1", "2025-03-31"),
          besoeg("v2a", "b2", "2024-05-01"),
          besoeg("v2b", "b2", "2024-06-01"),
          besoeg("v3a", "b3", "2024-12-30"),
          besoeg("v3b", "b3", "2024-12-31"),
          besoeg("v4a", "b4", "2024-03-31"),
          besoeg("v4b", "b4", "2025-03-31"),
          besoeg("v4c", "b4", "2025-04-01"),
          besoeg("v5a", "b5", "2024-06-01"),
          besoeg("v5b", "b5", "2024-09-01"),
          besoeg("v6a", "b6", "2024-06-01"),
          besoeg("v6b", "b6", "2024-09-01"),
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "tilsyn_2_besoeg_12m")).toEqual([
      // 2024K4: b1 (Syd, 1 visit: 2024-04-01), b3 (Nord, 2), b4 (Syd, 1: 2024-03-31)
      r("2024K4", "Nord", 1, 1, 1),
      r("2024K4", "Syd", 0, 2, 0),
      r("2024K4", null, 1, 3, 1 / 3),
      // 2025K1: b1 (Syd, visits on ws and qe), b3 (Nord, 2), b4 (Syd, only 2025-03-31 in the window), b5 (Syd, 2)
      r("2025K1", "Nord", 1, 1, 1),
      r("2025K1", "Syd", 2, 3, 2 / 3),
      r("2025K1", null, 3, 4, 0.75),
    ]);
    expect(await wh.all(`select ${childName("barn_id")} as barn_id, startet, ophoert from int_anbringelsesforloeb order by 1, startet`)).toEqual([
      { barn_id: "b1", startet: new Date("2024-01-01"), ophoert: null },
      { barn_id: "b2", startet: new Date("2024-01-01"), ophoert: new Date("2024-04-01") },
      { barn_id: "b2", startet: new Date("2024-04-03"), ophoert: null },
      { barn_id: "b3", startet: new Date("2024-01-01"), ophoert: null },
      { barn_id: "b4", startet: new Date("2024-01-01"), ophoert: null },
      { barn_id: "b5", startet: new Date("2024-04-01"), ophoert: null },
      { barn_id: "b6", startet: new Date("2024-04-02"), ophoert: null },
    ]);
    wh.close();
  });
});

describe("KPI 19 anbringelse_trin_ned_12m", () => {
  test("trin ≥ 2 on d0, under 18 on qe; trin on qe lower (none = 0) counts; kommune level only", async () => {
    // 2025K1: qe 2025-03-31, d0 2024-03-31. Every measure starts in 2024, so only 2025K1 has a population
    // (2024K4's d0 is 2023-12-31; 2025K2 is running).
    const wh = await buildFixture(
      {
        foranstaltninger: [
          // b1: 3 → 1 (placement ended, preventive measure) → down
          m("a1", "b1", "plejefamilie", "2024-01-01", "2025-01-31"),
          m("f1", "b1", "familiebehandling", "2025-02-01", null),
          // b2: 5 → 4 → down
          m("a2", "b2", "doegninstitution", "2024-01-01", "2025-01-31", { enhed: "Syd" }),
          m("n2", "b2", "opholdssted", "2025-02-01", null, { enhed: "Syd" }),
          // b3: 3 → 3 → not down
          m("a3", "b3", "plejefamilie", "2024-01-01", null),
          // b4: trin 2 from exactly d0, nothing on qe (0) → down
          m("a4", "b4", "netvaerksplejefamilie", "2024-03-31", "2024-12-31"),
          // b5: trin 1 on d0 → not in the population
          m("a5", "b5", "familiebehandling", "2024-01-01", "2024-06-30"),
          // b6 turns 18 on qe → not under 18 → out; b7 turns 18 the day after qe → in, and down (0)
          m("a6", "b6", "plejefamilie", "2024-01-01", "2024-12-31", { foedselsdato: "2007-03-31" }),
          m("a7", "b7", "plejefamilie", "2024-01-01", "2024-12-31", { foedselsdato: "2007-04-01" }),
          // b8: 3 → 5 (still in the family placement, plus an institution) → not down
          m("a8", "b8", "plejefamilie", "2024-01-01", null),
          m("n8", "b8", "doegninstitution", "2025-01-01", null),
          // b9: the measure ends the day before d0 → trin 0 on d0 → not in the population
          m("a9", "b9", "doegninstitution", "2024-01-01", "2024-03-30"),
        ],
      },
      { asOf: "2025-04-15" },
    );
    // Population b1, b2, b3, b4, b7, b8; down b1, b2, b4, b7.
    expect(await kpiRows(wh, "anbringelse_trin_ned_12m")).toEqual([r("2025K1", null, 4, 6, 4 / 6)]);
    wh.close();
  });
});

describe("placement on qe: the last tie-break", () => {
  test("same startet and trin: the greater foranstaltning_id as text ('p9' > 'p10'), whose unit and consent count", async () => {
    // docs/kpis.md says "the greater foranstaltning_id"; the contract's ids are text, so they compare as text.
    const wh = await buildFixture(
      {
        foranstaltninger: [
          m("p10", "b1", "plejefamilie", "2025-01-10", null, { samtykke: true }),
          m("p9", "b1", "kommunal_plejefamilie", "2025-01-10", null, { samtykke: false, enhed: "Syd" }),
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "anbragte_antal")).toEqual([r("2025K1", "Syd", 1, null, 1), r("2025K1", null, 1, null, 1)]);
    expect(await kpiRows(wh, "anbringelse_uden_samtykke_andel")).toEqual([r("2025K1", "Syd", 1, 1, 1), r("2025K1", null, 1, 1, 1)]);
    wh.close();
  });
});
