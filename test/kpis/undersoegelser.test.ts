// KPIs 7–9 (børnefaglige undersøgelser): one hand-built fixture, the expected mart rows written out by
// hand from docs/kpis.md. frist = startet + 4 months, month-end clamped. Rows are ordered kvartal, niveau
// ('enhed' before 'kommune'), enhed — as kpiRows returns them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Warehouse } from "../../pipelines/db.ts";
import { buildFixture, failingDataTests, kpiRows, martRow } from "../helpers/fixture.ts";

const enhed = (kvartal: string, e: string, taeller: number, naevner: number | null = null) => martRow(kvartal, e, taeller, naevner);
const kommune = (kvartal: string, taeller: number, naevner: number | null = null) => martRow(kvartal, null, taeller, naevner);

const s = (id: string, barn_id: string, enhed: string, startet: string, extra: Record<string, unknown> = {}) => ({
  undersoegelse_id: id,
  barn_id,
  startet,
  enhed,
  ...extra,
});

// As of 2025-06-30: 2025K2 is complete (qe = as-of), 2025K3 is running.
const undersoegelser = [
  // frist 2025-02-28 (31 October + 4 months, clamped to February's last day): completed on frist → on time.
  s("s1", "b1", "Nord", "2024-10-31", { afsluttet: "2025-02-28" }),
  // Same frist, completed 2025-04-10: late, with a reason; still open at 2025K1's end → KPI 9 there.
  s("s2", "b2", "Nord", "2024-10-31", { afsluttet: "2025-04-10", frist_begrundelse: "Afventer speciallægeerklæring" }),
  // frist 2024-12-31 — the last day of 2024K4 — and never completed: late in 2024K4; open and overdue at
  // the end of 2025K1 and 2025K2, but not of 2024K4 (frist < qe is strict).
  s("s3", "b3", "Nord", "2024-08-31"),
  // Same frist, completed on it: on time in 2024K4.
  s("s3b", "b3", "Syd", "2024-08-31", { afsluttet: "2024-12-31" }),
  // frist 2025-02-28, open, a blank reason is no reason: late and not explained; overdue at 2025K1 and 2025K2.
  s("s4", "b4", "Syd", "2024-10-31", { frist_begrundelse: "   " }),
  // frist 2025-05-15, completed a day late without a reason; closed before 2025K2's end → not in KPI 9.
  s("s5", "b5", "Nord", "2025-01-15", { afsluttet: "2025-05-16" }),
  // frist 2025-07-01: in the running quarter → no rows.
  s("s6", "b6", "Nord", "2025-03-01"),
  // A supplerende investigation counts as well: frist 2024-10-15, completed the day before.
  s("s7", "b7", "Nord", "2024-06-15", { afsluttet: "2024-10-14", type: "supplerende" }),
  // frist 2025-02-28: completed 1 March is late (it would be on time with a frist of 3 March, i.e. without clamping).
  s("s8", "b8", "Syd", "2024-10-31", { afsluttet: "2025-03-01" }),
  // frist 2025-03-15, completed on 2025K2's last day: open at 2025K1's end, closed at 2025K2's (afsluttet = qe).
  s("s9", "b9", "Syd", "2024-11-15", { afsluttet: "2025-06-30" }),
];

let wh: Warehouse;
beforeAll(async () => {
  wh = await buildFixture({ undersoegelser }, { asOf: "2025-06-30" });
});
afterAll(() => wh?.close());

describe("KPIs 7–9: investigations", () => {
  it("staging clamps frist to the month's end", async () => {
    const rows = await wh.all(
      `select undersoegelse_id, strftime(frist, '%Y-%m-%d') as frist from stg_undersoegelser where undersoegelse_id in ('s1', 's3', 's5', 's6') order by 1`,
    );
    expect(rows).toEqual([
      { undersoegelse_id: "s1", frist: "2025-02-28" },
      { undersoegelse_id: "s3", frist: "2024-12-31" },
      { undersoegelse_id: "s5", frist: "2025-05-15" },
      { undersoegelse_id: "s6", frist: "2025-07-01" },
    ]);
  });

  it("KPI 7 bfu_rettidig_4m: of those with frist in the quarter, completed on or before frist", async () => {
    expect(await kpiRows(wh, "bfu_rettidig_4m")).toEqual([
      enhed("2024K4", "Nord", 1, 2), // s7 on time, s3 open
      enhed("2024K4", "Syd", 1, 1), // s3b on frist, the quarter's last day
      kommune("2024K4", 2, 3),
      enhed("2025K1", "Nord", 1, 2), // s1 on the clamped frist, s2 late
      enhed("2025K1", "Syd", 0, 3), // s4 open, s8 a day late, s9 late
      kommune("2025K1", 1, 5),
      enhed("2025K2", "Nord", 0, 1), // s5
      kommune("2025K2", 0, 1),
      // 2025K3 (s6) is running: no rows
    ]);
  });

  it("KPI 8 bfu_overskridelse_begrundet: of those late in the quarter of frist, with a non-blank reason", async () => {
    expect(await kpiRows(wh, "bfu_overskridelse_begrundet")).toEqual([
      enhed("2024K4", "Nord", 0, 1), // s3; no Syd row: nothing late there
      kommune("2024K4", 0, 1),
      enhed("2025K1", "Nord", 1, 1), // s2 explained
      enhed("2025K1", "Syd", 0, 3), // s4 blank reason, s8 and s9 none
      kommune("2025K1", 1, 4),
      enhed("2025K2", "Nord", 0, 1), // s5
      kommune("2025K2", 0, 1),
    ]);
  });

  it("KPI 9 bfu_aaben_overskredet: open and past frist at the quarter's end", async () => {
    expect(await kpiRows(wh, "bfu_aaben_overskredet")).toEqual([
      // 2024K4: s3's frist is qe itself, not before it → no rows
      enhed("2025K1", "Nord", 2), // s2 (completed after qe), s3
      enhed("2025K1", "Syd", 2), // s4, s9
      kommune("2025K1", 4),
      enhed("2025K2", "Nord", 1), // s3
      enhed("2025K2", "Syd", 1), // s4; s9 was completed on qe
      kommune("2025K2", 2),
    ]);
  });

  it("the sidecar data tests of the investigation models pass", async () => {
    expect(await failingDataTests(wh, ["int_kpi_kvartal"])).toEqual([]);
  });
});
