// int_tilsyn_population's risk flags (issue 13) read the per-record facts of the KPIs and the worklists (issue 12):
// the deadlines on the quarter's last day (int_*_paa_dag, int_handleplan_frister) and KPI 3's judgement of each
// notification (int_underretninger_frister) — never a copy of a rule. Hand-built fixture, as of 2026-01-15:
// 2025K4 (qe 2025-12-31, 12-month window from 2025-01-01) is the latest complete quarter.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { buildFixture, measure } from "../helpers/fixture.ts";

const sag = (id: string, barn: string) => ({ sag_id: id, barn_id: barn, oprettet: "2023-01-01", lukket: null, enhed: "Nord", sagsbehandler_id: "SB1" });
let n = 0;
const ur = (barn: string, modtaget: string, vurderet: string) => ({ underretning_id: `u${++n}`, barn_id: barn, modtaget, vurderet, kvitteret: modtaget.slice(0, 10), kilde: "skole", enhed: "Nord" });

let wh: Warehouse;
beforeAll(async () => {
  wh = await buildFixture(
    {
      sager: ["c1", "c2", "c3", "c4", "c5", "c6"].map((b, i) => sag(`S${i + 1}`, b)),
      foranstaltninger: [
        // c1: placed from 2024-06-01 with a plan and, from 2025-11-01, a follow-up; one visit (2025-03-01). In KPI 14's
        // population from 2025K2 (ws 2024-07-01), with fewer than two visits: overdue at 2025K2's to 2025K4's ends.
        measure("f1", "c1", "plejefamilie", "2024-06-01", null, { samtykke: true }),
        // c2: a preventive measure started under Serviceloven (2023-11-01): it needed a plan before the decision (KPI 11).
        measure("f2", "c2", "familiebehandling", "2023-11-01", null),
        // c5: a preventive measure under Barnets Lov needs no plan.
        measure("f5", "c5", "familiebehandling", "2024-02-01", null),
      ],
      handleplaner: [{ handleplan_id: "h1", barn_id: "c1", dato: "2024-06-01", enhed: "Nord" }],
      opfoelgninger: [
        { opfoelgning_id: "o1", barn_id: "c1", dato: "2025-11-01", enhed: "Nord" },
        { opfoelgning_id: "o2", barn_id: "c2", dato: "2025-12-01", enhed: "Nord" },
        { opfoelgning_id: "o5", barn_id: "c5", dato: "2025-12-01", enhed: "Nord" },
      ],
      tilsynsbesoeg: [{ besoeg_id: "t1", barn_id: "c1", dato: "2025-03-01", enhed: "Nord" }],
      underretninger: [
        // c3: 23.5 hours on the clock across the night the clocks go back (26 October 2025) are 24.5 hours: late (KPI 3).
        ur("c3", "2025-10-25 12:00", "2025-10-26 11:30"),
        // c4: exactly 24 hours: on time.
        ur("c4", "2025-11-10 09:00", "2025-11-11 09:00"),
      ],
      // c6: an investigation with frist 2025-10-15, open at 2025K4's end (KPI 9).
      undersoegelser: [{ undersoegelse_id: "i6", barn_id: "c6", startet: "2025-06-15", enhed: "Nord" }],
    },
    { asOf: "2026-01-15" },
  );
}, 120_000);
afterAll(() => wh?.close());

async function flags(periode: string) {
  const rows = await wh.all<Record<string, unknown>>(
    `select sag_id, frist_overskredet, undersoegelse_over_frist, opfoelgning_mangler, risiko from int_tilsyn_population where periode = ? order by sag_id`,
    [periode],
  );
  return Object.fromEntries(rows.map((r) => [r.sag_id, [r.frist_overskredet, r.undersoegelse_over_frist, r.opfoelgning_mangler, r.risiko].map(Boolean)]));
}

describe("int_tilsyn_population's risk flags read the per-record facts of the KPIs and worklists", () => {
  it("at 2025K4's end: [frist_overskredet, undersoegelse_over_frist, opfoelgning_mangler, risiko] per case", async () => {
    expect(await flags("2025K4")).toEqual({
      S1: [true, false, false, true], // fewer than two supervision visits in the 12 months (KPI 14 not met)
      S2: [true, false, false, true], // Serviceloven measure without a plan (KPI 11's rule for the law in force)
      S3: [true, false, false, true], // assessed 24.5 elapsed hours after receipt, across the change of clocks
      S4: [false, false, false, false], // exactly 24 hours
      S5: [false, false, false, false], // Barnets Lov preventive measure: no plan needed, follow-up in time
      S6: [false, true, false, true], // open past the four-month deadline
    });
  });

  it("at 2025K1's end c1 was not yet in KPI 14's population (placed after ws 2024-04-01) but had no follow-up since startet + 3 months", async () => {
    const k1 = await flags("2025K1");
    expect(k1.S1).toEqual([false, false, true, true]);
    expect((await flags("2025K2")).S1).toEqual([true, false, true, true]);
  });

  it("agrees with the KPIs on the same fixture: KPI 14 and KPI 9 at 2025K4", async () => {
    const kpi = await wh.all<{ kpi: string; taeller: number; naevner: number | null }>(
      `select kpi, taeller, naevner from mart_kpi_kvartal where kvartal = '2025K4' and niveau = 'kommune' and kpi in ('tilsyn_2_besoeg_12m', 'bfu_aaben_overskredet') order by kpi`,
    );
    expect(kpi).toEqual([
      { kpi: "bfu_aaben_overskredet", taeller: 1, naevner: null },
      { kpi: "tilsyn_2_besoeg_12m", taeller: 0, naevner: 1 },
    ]);
  });
});
