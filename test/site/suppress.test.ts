import { describe, expect, it } from "vitest";
import { audit } from "../../pipelines/disclosure/audit.ts";
import { SystemBuilder } from "../../pipelines/disclosure/system.ts";
import { suppressCount, suppressFigure, suppressSystem } from "../../pipelines/suppress.ts";

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

describe("complementary suppression by the audit (random tables)", () => {
  it("never leaves a small count shown, nor one that the published total and signs pin or narrow", async () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let t = 0; t < 60; t++) {
      const units = 1 + rand(6);
      const counts = Array.from({ length: units }, () => (rand(3) === 0 ? 1 + rand(4) : rand(40)));
      const b = new SystemBuilder();
      b.add({ key: "kommune", kind: "count", n: counts.reduce((a, c) => a + c, 0), d: null, cost: 1e6, protectN: true });
      counts.forEach((n, i) => b.add({ key: `E${i}`, kind: "count", n, d: null, cost: n, protectN: true, grid: true }));
      b.relate("units add up", [["kommune", "n"]], "=", counts.map((_, i) => [`E${i}`, "n"]));
      b.group(counts.map((_, i) => i).concat(counts.length).map((i) => (i === counts.length ? 0 : i + 1)));
      const sys = b.build(5);
      await suppressSystem(sys);
      for (const c of sys.cells) if (c.state === "shown") expect(c.n === 0 || c.n >= 5).toBe(true);
      expect((await audit(sys)).leaks).toEqual([]);
    }
  });
});
