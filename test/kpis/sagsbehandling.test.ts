// KPI 20 sager_pr_sagsbehandler (docs/kpis.md "Caseload") against a small hand-built fixture.
import { describe, expect, test } from "vitest";
import { buildFixture, kpiRows } from "../helpers/fixture.ts";

const sag = (id: string, enhed: string, oprettet: string, lukket: string | null) => ({
  sag_id: id,
  barn_id: `b${id}`,
  oprettet,
  lukket,
  enhed,
});
const behandler = (id: string, enhed: string, normering: number, fra_dato: string, til_dato: string | null) => ({
  sagsbehandler_id: id,
  enhed,
  normering,
  fra_dato,
  til_dato,
});

describe("KPI 20 sager_pr_sagsbehandler", () => {
  test("cases and FTE active on qe, per unit and kommune; row only where FTE > 0", async () => {
    const wh = await buildFixture(
      {
        sager: [
          sag("1", "Nord", "2024-10-01", "2025-03-31"), // closed on 2025K1's qe → still active
          sag("2", "Nord", "2025-03-31", null), // opened on 2025K1's qe
          sag("3", "Nord", "2024-11-01", "2025-03-30"), // closed the day before 2025K1's qe
          sag("4", "Syd", "2025-01-01", null),
          sag("5", "Vest", "2025-01-01", null), // a unit without caseworkers: counted for the kommune only
        ],
        sagsbehandlere: [
          behandler("w1", "Nord", 1, "2024-10-01", null),
          behandler("w2", "Nord", 0.5, "2025-03-31", null), // starts on 2025K1's qe
          behandler("w3", "Syd", 0.75, "2024-10-01", "2025-03-30"), // leaves the day before 2025K1's qe
          behandler("w4", "Syd", 0, "2024-10-01", null), // FTE 0: Syd has no 2025K1 row
          behandler("w5", "Oest", 1, "2024-10-01", "2024-12-31"), // a unit with FTE and no cases: ratio 0
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "sager_pr_sagsbehandler")).toEqual([
      // 2024-12-31: cases 1, 3 (Nord); FTE Nord 1, Syd 0.75 + 0, Oest 1
      { kvartal: "2024K4", niveau: "enhed", enhed: "Nord", taeller: 2, naevner: 1, vaerdi: 2 },
      { kvartal: "2024K4", niveau: "enhed", enhed: "Oest", taeller: 0, naevner: 1, vaerdi: 0 },
      { kvartal: "2024K4", niveau: "enhed", enhed: "Syd", taeller: 0, naevner: 0.75, vaerdi: 0 },
      { kvartal: "2024K4", niveau: "kommune", enhed: null, taeller: 2, naevner: 2.75, vaerdi: 2 / 2.75 },
      // 2025-03-31: cases 1, 2 (Nord), 4 (Syd), 5 (Vest); FTE Nord 1.5, Syd 0. 2025K2 is running.
      { kvartal: "2025K1", niveau: "enhed", enhed: "Nord", taeller: 2, naevner: 1.5, vaerdi: 2 / 1.5 },
      { kvartal: "2025K1", niveau: "kommune", enhed: null, taeller: 4, naevner: 1.5, vaerdi: 4 / 1.5 },
    ]);
    wh.close();
  });
});

describe("KPI 20: the FTE sum is exact", () => {
  test("normering 0.1 + 0.2 is 0.3, not the double sum 0.30000000000000004 (which depends on row order)", async () => {
    const wh = await buildFixture(
      {
        sager: [sag("1", "Nord", "2025-01-01", null), sag("2", "Nord", "2025-01-01", null), sag("3", "Nord", "2025-01-01", null)],
        sagsbehandlere: [behandler("w1", "Nord", 0.1, "2025-01-01", null), behandler("w2", "Nord", 0.2, "2025-01-01", null)],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "sager_pr_sagsbehandler")).toEqual([
      { kvartal: "2025K1", niveau: "enhed", enhed: "Nord", taeller: 3, naevner: 0.3, vaerdi: 3 / 0.3 },
      { kvartal: "2025K1", niveau: "kommune", enhed: null, taeller: 3, naevner: 0.3, vaerdi: 3 / 0.3 },
    ]);
    wh.close();
  });
});

describe("KPI 20 in the first quarters with data", () => {
  test("reports from the quarter of the earliest data, whatever the year (no fixed first year)", async () => {
    const wh = await buildFixture(
      {
        sager: [sag("1", "Nord", "2009-11-01", null), sag("2", "Nord", "2010-02-01", "2010-03-31")],
        sagsbehandlere: [behandler("w1", "Nord", 1, "2009-10-01", null)],
      },
      { asOf: "2010-04-10" },
    );
    expect(await kpiRows(wh, "sager_pr_sagsbehandler")).toEqual([
      { kvartal: "2009K4", niveau: "enhed", enhed: "Nord", taeller: 1, naevner: 1, vaerdi: 1 },
      { kvartal: "2009K4", niveau: "kommune", enhed: null, taeller: 1, naevner: 1, vaerdi: 1 },
      { kvartal: "2010K1", niveau: "enhed", enhed: "Nord", taeller: 2, naevner: 1, vaerdi: 2 },
      { kvartal: "2010K1", niveau: "kommune", enhed: null, taeller: 2, naevner: 1, vaerdi: 2 },
    ]);
    wh.close();
  });
});
