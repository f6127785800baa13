import { describe, expect, it } from "vitest";
import { suppressBreakdown, suppressCount, suppressFigure, suppressFigures, suppressKpiRows, type KpiRow } from "../../pipelines/suppress.ts";

describe("primary suppression", () => {
  it("hides counts 1–4 and shows 0 and 5", () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((n) => suppressCount(n))).toEqual([0, null, null, null, null, 5, 6]);
    expect(suppressFigure({ art: "antal", taeller: 4, naevner: null }).undertrykt).toBe("lille_antal");
    expect(suppressFigure({ art: "antal", taeller: 5, naevner: null })).toEqual({ vaerdi: 5, naevner: null, undertrykt: null });
  });
  it("hides shares and ratios whose denominator is below the threshold, whatever the numerator", () => {
    expect(suppressFigure({ art: "andel", taeller: 4, naevner: 4 })).toEqual({ vaerdi: null, naevner: null, undertrykt: "lille_naevner" });
    expect(suppressFigure({ art: "andel", taeller: 0, naevner: 4.999 }).undertrykt).toBe("lille_naevner");
    expect(suppressFigure({ art: "andel", taeller: 1, naevner: 5 })).toEqual({ vaerdi: 0.2, naevner: 5, undertrykt: null });
    expect(suppressFigure({ art: "forhold", taeller: 60, naevner: 3.5 }).undertrykt).toBe("lille_naevner");
    expect(suppressFigure({ art: "forhold", taeller: 90, naevner: 5 })).toEqual({ vaerdi: 18, naevner: 5, undertrykt: null });
    expect(suppressFigure({ art: "andel", taeller: 3, naevner: null }).undertrykt).toBe("lille_naevner");
  });
  it("follows a configured threshold", () => {
    expect(suppressCount(9, 10)).toBeNull();
    expect(suppressCount(10, 10)).toBe(10);
    expect(suppressCount(1, 1)).toBe(1);
    expect(suppressFigure({ art: "andel", taeller: 5, naevner: 9 }, 10).vaerdi).toBeNull();
    expect(() => suppressCount(3, 0)).toThrow(/threshold/);
    expect(() => suppressCount(3, 2.5)).toThrow(/threshold/);
  });
});

const row = (kpi: string, enhed: string | null, taeller: number, naevner: number | null = null, kvartal = "2025K3"): KpiRow => ({
  kpi,
  kvartal,
  niveau: enhed === null ? "kommune" : "enhed",
  enhed,
  taeller,
  naevner,
});
const arter = { underretninger_antal: "antal", bfu_rettidig_4m: "andel", sager_pr_sagsbehandler: "forhold" } as const;
const shown = (rows: ReturnType<typeof suppressKpiRows>) => Object.fromEntries(rows.map((r) => [r.enhed ?? "kommune", r.vaerdi]));

describe("complementary suppression in the KPI mart", () => {
  it("hides a second unit when the municipality and all units but one are shown (counts)", () => {
    const rows = [row("underretninger_antal", null, 60), row("underretninger_antal", "A", 30), row("underretninger_antal", "B", 3), row("underretninger_antal", "C", 12), row("underretninger_antal", "D", 15)];
    const out = suppressKpiRows(rows, arter);
    expect(shown(out)).toEqual({ kommune: 60, A: 30, B: null, C: null, D: 15 });
    expect(out.map((r) => r.undertrykt)).toEqual([null, null, "lille_antal", "komplementaer", null]);
    // Subtraction no longer recovers B: 60 − 30 − 15 = 15 = B + C.
  });
  it("hides a second unit for shares, choosing the smallest denominator", () => {
    const rows = [row("bfu_rettidig_4m", null, 40, 50), row("bfu_rettidig_4m", "A", 20, 25), row("bfu_rettidig_4m", "B", 2, 3), row("bfu_rettidig_4m", "C", 8, 10), row("bfu_rettidig_4m", "D", 10, 12)];
    const out = suppressKpiRows(rows, arter);
    expect(out.map((r) => r.undertrykt)).toEqual([null, null, "lille_naevner", "komplementaer", null]);
    expect(out[0]).toMatchObject({ vaerdi: 0.8, naevner: 50 });
    expect(out[1]).toMatchObject({ vaerdi: 0.8, naevner: 25 });
  });
  it("keeps hiding while the hidden cells together are below the threshold", () => {
    // B and C are both 1: two hidden cells summing to 2 would give each away.
    const rows = [row("underretninger_antal", null, 40), row("underretninger_antal", "A", 20), row("underretninger_antal", "B", 1), row("underretninger_antal", "C", 1), row("underretninger_antal", "D", 8), row("underretninger_antal", "E", 10)];
    const out = suppressKpiRows(rows, arter);
    expect(shown(out)).toEqual({ kommune: 40, A: 20, B: null, C: null, D: null, E: 10 });
    expect(out[4].undertrykt).toBe("komplementaer");
  });
  it("needs nothing more when two cells are hidden and together reach the threshold", () => {
    const rows = [row("underretninger_antal", null, 40), row("underretninger_antal", "A", 30), row("underretninger_antal", "B", 3), row("underretninger_antal", "C", 4), row("underretninger_antal", "D", 3)];
    const out = suppressKpiRows(rows, arter);
    expect(out.map((r) => r.undertrykt)).toEqual([null, null, "lille_antal", "lille_antal", "lille_antal"]);
  });
  it("needs nothing when the municipality figure is itself hidden", () => {
    const rows = [row("underretninger_antal", null, 4), row("underretninger_antal", "A", 3), row("underretninger_antal", "B", 1)];
    expect(suppressKpiRows(rows, arter).map((r) => r.undertrykt)).toEqual(["lille_antal", "lille_antal", "lille_antal"]);
  });
  it("needs nothing when nothing is hidden, and treats each quarter and KPI separately", () => {
    const rows = [
      row("underretninger_antal", null, 20), row("underretninger_antal", "A", 10), row("underretninger_antal", "B", 10),
      row("underretninger_antal", null, 20, null, "2025K2"), row("underretninger_antal", "A", 17, null, "2025K2"), row("underretninger_antal", "B", 3, null, "2025K2"),
    ];
    const out = suppressKpiRows(rows, arter);
    expect(out.map((r) => r.vaerdi)).toEqual([20, 10, 10, 20, null, null]);
    expect(out.map((r) => r.undertrykt)).toEqual([null, null, null, null, "komplementaer", "lille_antal"]);
  });
  it("hides a unit with the only other unit even when a unit has no row (a known zero)", () => {
    // C has no row (0 notifications): kommune 25 − A 22 = B would be recovered.
    const rows = [row("underretninger_antal", null, 25), row("underretninger_antal", "A", 22), row("underretninger_antal", "B", 3)];
    expect(shown(suppressKpiRows(rows, arter))).toEqual({ kommune: 25, A: null, B: null });
  });
  it("treats ratios like shares (caseload: FTE below the threshold)", () => {
    const rows = [row("sager_pr_sagsbehandler", null, 300, 20), row("sager_pr_sagsbehandler", "A", 200, 12), row("sager_pr_sagsbehandler", "B", 40, 2), row("sager_pr_sagsbehandler", "C", 60, 6)];
    const out = suppressKpiRows(rows, arter);
    expect(out.map((r) => r.undertrykt)).toEqual([null, null, "lille_naevner", "komplementaer"]);
    expect(out[0].vaerdi).toBe(15);
  });
  it("refuses a KPI with no kind", () => {
    expect(() => suppressKpiRows([row("ukendt", null, 3)], arter)).toThrow(/ukendt/);
  });
  it("never leaves a small count or a small denominator in its output (random tables)", () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 300; t++) {
      const units = 1 + rand(6);
      const counts = Array.from({ length: units }, () => rand(3) === 0 ? 1 + rand(4) : rand(40));
      const rows = [row("underretninger_antal", null, counts.reduce((a, b) => a + b, 0)), ...counts.map((c, i) => row("underretninger_antal", `E${i}`, c))].filter((r) => (r.taeller ?? 0) > 0);
      const out = suppressKpiRows(rows, arter);
      for (const r of out) if (r.vaerdi !== null) expect(r.vaerdi === 0 || r.vaerdi >= 5).toBe(true);
      const total = out.find((r) => r.niveau === "kommune");
      if (total?.vaerdi != null) {
        const hidden = rows.filter((_, i) => out[i].niveau === "enhed" && out[i].vaerdi === null);
        // Subtraction yields only the sum of two or more hidden cells, and that sum is not small.
        if (hidden.length > 0) {
          expect(hidden.length).toBeGreaterThanOrEqual(2);
          expect(hidden.reduce((s, r) => s + (r.taeller ?? 0), 0)).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });
});

describe("breakdowns", () => {
  it("protects a breakdown whose total is shown elsewhere", () => {
    const kilder = [{ k: "skole", n: 20 }, { k: "politi", n: 2 }, { k: "sundhed", n: 9 }, { k: "anden", n: 14 }];
    const out = suppressBreakdown(kilder, (r) => r.n, () => ["2025K3"]);
    expect(out.map((o) => o.vaerdi)).toEqual([20, null, null, 14]);
    expect(out.map((o) => o.undertrykt)).toEqual([null, "lille_antal", "komplementaer", null]);
  });
  it("protects both margins of a two-way table", () => {
    // units × groups; each unit's total and each group's total are published elsewhere.
    const cells = [
      { e: "A", g: "fam", n: 10 }, { e: "A", g: "inst", n: 2 }, { e: "A", g: "eget", n: 8 },
      { e: "B", g: "fam", n: 12 }, { e: "B", g: "inst", n: 9 }, { e: "B", g: "eget", n: 7 },
    ];
    const out = suppressBreakdown(cells, (c) => c.n, (c) => [`e:${c.e}`, `g:${c.g}`]).map((o) => o.vaerdi);
    // A/inst is small; A/eget (smallest other in row A) goes with it; then column inst and eget each have one
    // hidden cell, so B/inst and B/eget go too.
    expect(out).toEqual([10, null, null, 12, null, null]);
  });
  it("does not count zero cells as hidden", () => {
    expect(suppressBreakdown([{ n: 0 }, { n: 30 }, { n: 12 }], (r) => r.n, () => ["x"]).map((o) => o.vaerdi)).toEqual([0, 30, 12]);
  });
});

describe("suppressFigures", () => {
  it("works with an implied total", () => {
    const f = (n: number) => ({ art: "antal" as const, taeller: n, naevner: null });
    const out = suppressFigures([f(3), f(10), f(20)], [{ total: -1, parts: [0, 1, 2] }]);
    expect(out.map((p) => p.undertrykt)).toEqual(["lille_antal", "komplementaer", null]);
  });
});
