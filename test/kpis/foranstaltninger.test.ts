// KPIs 10–13 (docs/kpis.md "Measures and placements"), each against a small hand-built fixture whose mart
// rows are worked out by hand in the comments.
import { describe, expect, test } from "vitest";
import { buildFixture, kpiRows, martRow, measure as m } from "../helpers/fixture.ts";

/** An expected mart row with its value written out by hand; niveau follows from enhed (NULL = kommune). */
const r = (kvartal: string, enhed: string | null, taeller: number, naevner: number | null, vaerdi: number) =>
  martRow(kvartal, enhed, taeller, naevner, vaerdi);

describe("KPI 10 foranstaltninger_nye_antal", () => {
  test("measures (not children) with startet in the quarter, first and last day included; running quarter absent", async () => {
    const wh = await buildFixture(
      {
        foranstaltninger: [
          m("f1", "b1", "familiebehandling", "2025-01-01", "2025-01-31"), // first day of 2025K1
          m("f2", "b1", "aflastning", "2025-03-31", "2025-03-31"), // last day of 2025K1, same child again
          m("f3", "b2", "plejefamilie", "2024-12-31", "2024-12-31", { enhed: "Syd" }), // last day of 2024K4
          m("f4", "b3", "kontaktperson", "2025-04-01", null, { enhed: "Syd" }), // running quarter 2025K2
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "foranstaltninger_nye_antal")).toEqual([
      r("2024K4", "Syd", 1, null, 1),
      r("2024K4", null, 1, null, 1),
      r("2025K1", "Nord", 2, null, 2),
      r("2025K1", null, 2, null, 2),
    ]);
    wh.close();
  });
});

describe("KPI 11 handleplan_rettidig", () => {
  test("Serviceloven vs Barnets Lov deadlines, consent false/true/empty, month-end clamping, plan window", async () => {
    const wh = await buildFixture(
      {
        foranstaltninger: [
          // Serviceloven: every measure, frist = startet.
          m("a1", "b1", "familiebehandling", "2023-11-15", "2023-12-15"), // plan on startet − 12 months → met (2023K4)
          m("a2", "b2", "familiebehandling", "2023-12-01", "2023-12-15"), // plans the day before the window and after frist → not met
          // Serviceloven placement with consent: still frist = startet (2023-12-31, 2023K4); plan 2024-01-15 → not met.
          m("a3", "b3", "plejefamilie", "2023-12-31", "2024-02-01", { samtykke: true, enhed: "Syd" }),
          // Barnets Lov preventive measure: not in the population (would make a 2024K1 row).
          m("a4", "b4", "familiebehandling", "2024-02-01", "2024-03-01"),
          // Barnets Lov placement without consent: frist = startet 2024-11-30 (2024K4); plan on frist → met.
          m("a5", "b5", "plejefamilie", "2024-11-30", "2024-12-20", { samtykke: false }),
          // With consent: frist = 2024-12-31 + 3 months = 2025-03-31, the last day of 2025K1; plan that day → met.
          m("a6", "b6", "doegninstitution", "2024-12-31", "2025-04-10", { samtykke: true }),
          // Consent empty counts as consent: frist = 2024-11-30 + 3 months = 2025-02-28 (clamped, 2025K1);
          // the plan of 2025-03-01 is a day late → not met.
          m("a7", "b7", "opholdssted", "2024-11-30", "2025-04-10", { samtykke: null, enhed: "Syd" }),
          // 2025-03-31 + 3 months = 2025-06-30 (clamped): the deadline is 2025K2's last day; plan that day → met.
          m("a8", "b8", "plejefamilie", "2025-03-31", "2025-07-10", { samtykke: true, enhed: "Syd" }),
          // frist 2025-07-15 lies in the running quarter 2025K3 → no row.
          m("a9", "b9", "plejefamilie", "2025-04-15", null, { samtykke: true }),
        ],
        handleplaner: [
          { handleplan_id: "h1", barn_id: "b1", dato: "2022-11-15", enhed: "Nord" },
          { handleplan_id: "h2a", barn_id: "b2", dato: "2022-11-30", enhed: "Nord" },
          { handleplan_id: "h2b", barn_id: "b2", dato: "2023-12-02", enhed: "Nord" },
          { handleplan_id: "h3", barn_id: "b3", dato: "2024-01-15", enhed: "Syd" },
          { handleplan_id: "h4", barn_id: "b4", dato: "2024-02-01", enhed: "Nord" },
          { handleplan_id: "h5", barn_id: "b5", dato: "2024-11-30", enhed: "Nord" },
          // Any type and any unit counts.
          { handleplan_id: "h6", barn_id: "b6", dato: "2025-03-31", type: "revision", enhed: "Syd" },
          { handleplan_id: "h7", barn_id: "b7", dato: "2025-03-01", enhed: "Syd" },
          { handleplan_id: "h8", barn_id: "b8", dato: "2025-06-30", enhed: "Syd" },
          { handleplan_id: "h9", barn_id: "b9", dato: "2025-04-15", enhed: "Nord" },
        ],
      },
      { asOf: "2025-07-15" },
    );
    expect(await kpiRows(wh, "handleplan_rettidig")).toEqual([
      // 2023K4: a1 (Nord, met), a2 (Nord, not met), a3 (Syd, not met)
      r("2023K4", "Nord", 1, 2, 0.5),
      r("2023K4", "Syd", 0, 1, 0),
      r("2023K4", null, 1, 3, 1 / 3),
      // 2024K4: a5
      r("2024K4", "Nord", 1, 1, 1),
      r("2024K4", null, 1, 1, 1),
      // 2025K1: a6 (Nord, met), a7 (Syd, not met)
      r("2025K1", "Nord", 1, 1, 1),
      r("2025K1", "Syd", 0, 1, 0),
      r("2025K1", null, 1, 2, 0.5),
      // 2025K2: a8
      r("2025K2", "Syd", 1, 1, 1),
      r("2025K2", null, 1, 1, 1),
    ]);
    wh.close();
  });
});

describe("KPI 12 boernesamtale_foer_afgoerelse", () => {
  test("conversation held or omitted dated startet − 6 months … startet, month-end clamped", async () => {
    const wh = await buildFixture(
      {
        foranstaltninger: [
          m("c1", "b1", "familiebehandling", "2025-02-28", "2025-04-10"), // conversation exactly 6 months before → met
          m("c2", "b2", "familiebehandling", "2025-03-31", "2025-04-10", { enhed: "Syd" }), // a day before the window, and one after startet → not met
          m("c3", "b3", "plejefamilie", "2025-01-10", "2025-04-10", { enhed: "Syd" }), // omitted (undladt) on startet → met
          m("c4", "b4", "plejefamilie", "2025-01-20", "2025-04-10"), // only another child's conversation → not met
          m("c5", "b5", "aflastning", "2025-04-02", null), // running quarter → no row
          m("c6", "b6", "aflastning", "2024-12-31", "2025-01-31"), // conversation on startet → met (2024K4)
          // 2025-03-31 − 6 months = 2024-09-30 (clamped): a conversation that day is in the window → met.
          m("c7", "b7", "kontaktperson", "2025-03-31", "2025-04-10", { enhed: "Syd" }),
        ],
        boernesamtaler: [
          { samtale_id: "s1", barn_id: "b1", dato: "2024-08-28", enhed: "Nord" },
          { samtale_id: "s2a", barn_id: "b2", dato: "2024-09-29", enhed: "Nord" },
          { samtale_id: "s2b", barn_id: "b2", dato: "2025-04-01", enhed: "Nord" },
          { samtale_id: "s3", barn_id: "b3", dato: "2025-01-10", undladt: true, enhed: "Syd" },
          { samtale_id: "s5", barn_id: "b5", dato: "2025-04-01", enhed: "Nord" },
          { samtale_id: "s6", barn_id: "b6", dato: "2024-12-31", undladt: false, enhed: "Nord" },
          { samtale_id: "s7", barn_id: "b7", dato: "2024-09-30", enhed: "Syd" },
          { samtale_id: "s9", barn_id: "b9", dato: "2025-01-20", enhed: "Syd" },
        ],
      },
      { asOf: "2025-04-15" },
    );
    expect(await kpiRows(wh, "boernesamtale_foer_afgoerelse")).toEqual([
      r("2024K4", "Nord", 1, 1, 1),
      r("2024K4", null, 1, 1, 1),
      // Nord: c1 met, c4 not; Syd: c2 not, c3 met, c7 met
      r("2025K1", "Nord", 1, 2, 0.5),
      r("2025K1", "Syd", 2, 3, 2 / 3),
      r("2025K1", null, 3, 5, 0.6),
    ]);
    wh.close();
  });
});

describe("KPI 13 opfoelgning_rettidig", () => {
  const rows = {
    foranstaltninger: [
      // startet + 3 months = 2025-03-31 is not before 2025K1's qe → first in the population in 2025K2;
      // follow-up 2025-03-31 → deadline 2025-09-30 ≥ 2025-06-30 → met. Ends on 2025K2's qe (still active).
      m("o1", "b1", "familiebehandling", "2024-12-31", "2025-06-30"),
      // Follow-up 2025-03-31 + 6 months = 2025-09-30 (clamped) = 2025K3's qe → met in 2025K1–K3.
      m("o2", "b2", "plejefamilie", "2024-12-15", null),
      // No follow-up up to qe: deadline 2024-09-30 < 2024-12-31 → not met in 2024K4 (the follow-up of
      // 2025-01-02 lies after qe). Not active on 2025K1's qe.
      m("o3", "b3", "kontaktperson", "2024-06-30", "2025-01-15", { enhed: "Syd" }),
      // The follow-up the day before startet does not count: deadline 2025-07-01 < 2025-09-30 → not met (2025K3).
      m("o4", "b4", "aflastning", "2025-04-01", "2025-09-30", { enhed: "Syd" }),
      // Follow-up 2024-12-31 + 6 months = 2025-06-30 (clamped) = 2025K2's qe → met in 2025K1 and 2025K2.
      m("o5", "b5", "dagbehandling", "2024-10-01", "2025-06-30", { enhed: "Syd" }),
    ],
    opfoelgninger: [
      { opfoelgning_id: "p1", barn_id: "b1", dato: "2025-03-31", enhed: "Nord" },
      { opfoelgning_id: "p2", barn_id: "b2", dato: "2025-03-31", enhed: "Nord" },
      { opfoelgning_id: "p3", barn_id: "b3", dato: "2025-01-02", enhed: "Syd" },
      { opfoelgning_id: "p4", barn_id: "b4", dato: "2025-03-31", enhed: "Syd" },
      { opfoelgning_id: "p5", barn_id: "b5", dato: "2024-12-31", enhed: "Syd" },
    ],
  };

  test("k = 6 (default): deadlines on a quarter's last day count, month-end clamped; running quarter absent", async () => {
    const wh = await buildFixture(rows, { asOf: "2025-10-15" });
    expect(await kpiRows(wh, "opfoelgning_rettidig")).toEqual([
      r("2024K4", "Syd", 0, 1, 0), // o3
      r("2024K4", null, 0, 1, 0),
      r("2025K1", "Nord", 1, 1, 1), // o2
      r("2025K1", "Syd", 1, 1, 1), // o5
      r("2025K1", null, 2, 2, 1),
      r("2025K2", "Nord", 2, 2, 1), // o1, o2
      r("2025K2", "Syd", 1, 1, 1), // o5
      r("2025K2", null, 3, 3, 1),
      r("2025K3", "Nord", 1, 1, 1), // o2
      r("2025K3", "Syd", 0, 1, 0), // o4
      r("2025K3", null, 1, 2, 0.5),
    ]);
    wh.close();
  });

  test("k = 3 from the configuration", async () => {
    const wh = await buildFixture(rows, { asOf: "2025-10-15", config: { opfoelgningIntervalMaaneder: 3 } });
    expect(await kpiRows(wh, "opfoelgning_rettidig")).toEqual([
      r("2024K4", "Syd", 0, 1, 0),
      r("2024K4", null, 0, 1, 0),
      r("2025K1", "Nord", 1, 1, 1), // o2: 2025-03-31 + 3 = 2025-06-30 ≥ 2025-03-31
      r("2025K1", "Syd", 1, 1, 1), // o5: 2024-12-31 + 3 = 2025-03-31 ≥ 2025-03-31
      r("2025K1", null, 2, 2, 1),
      r("2025K2", "Nord", 2, 2, 1), // o1, o2: 2025-06-30 ≥ 2025-06-30
      r("2025K2", "Syd", 0, 1, 0), // o5: 2025-03-31 < 2025-06-30
      r("2025K2", null, 2, 3, 2 / 3),
      r("2025K3", "Nord", 0, 1, 0), // o2: 2025-06-30 < 2025-09-30
      r("2025K3", "Syd", 0, 1, 0), // o4
      r("2025K3", null, 0, 2, 0),
    ]);
    wh.close();
  });
});

describe("KPI 11 handleplan_rettidig at the change of law", () => {
  test("2023-12-31 is Serviceloven's last day and 2024-01-01 Barnets Lov's first; Serviceloven placements without consent", async () => {
    const wh = await buildFixture(
      {
        foranstaltninger: [
          // Serviceloven's last day: a preventive measure is in the population, frist = startet (2023K4) → met.
          m("l1", "b1", "familiebehandling", "2023-12-31", "2024-02-01"),
          // Barnets Lov's first day: a preventive measure is not in the population (no 2024K1 row from it).
          m("l2", "b2", "familiebehandling", "2024-01-01", "2024-02-01"),
          // Barnets Lov's first day, placement with consent: frist 2024-04-01 (2024K2); plan 2024-03-15 → met
          // (under Serviceloven it would be frist 2024-01-01 and not met).
          m("l3", "b3", "plejefamilie", "2024-01-01", null, { samtykke: true }),
          // Serviceloven placement without consent: frist = startet 2023-10-02 (2023K4); plan the day after → not met.
          m("l4", "b4", "plejefamilie", "2023-10-02", null, { samtykke: false }),
          // Barnets Lov placement without consent: frist = startet 2024-01-01 (2024K1); plan 12 days before → met.
          m("l5", "b5", "doegninstitution", "2024-01-01", null, { samtykke: false }),
        ],
        handleplaner: [
          { handleplan_id: "h1", barn_id: "b1", dato: "2023-12-31", enhed: "Nord" },
          { handleplan_id: "h2", barn_id: "b2", dato: "2024-01-01", enhed: "Nord" },
          { handleplan_id: "h3", barn_id: "b3", dato: "2024-03-15", enhed: "Nord" },
          { handleplan_id: "h4", barn_id: "b4", dato: "2023-10-03", enhed: "Nord" },
          { handleplan_id: "h5", barn_id: "b5", dato: "2023-12-20", enhed: "Nord" },
        ],
      },
      { asOf: "2024-07-15" },
    );
    expect(await kpiRows(wh, "handleplan_rettidig")).toEqual([
      r("2023K4", "Nord", 1, 2, 0.5), // l1 met, l4 not
      r("2023K4", null, 1, 2, 0.5),
      r("2024K1", "Nord", 1, 1, 1), // l5
      r("2024K1", null, 1, 1, 1),
      r("2024K2", "Nord", 1, 1, 1), // l3
      r("2024K2", null, 1, 1, 1),
    ]);
    wh.close();
  });
});
