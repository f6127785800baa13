import { describe, expect, it } from "vitest";
import * as fmt from "../../dashboards/components/format.js";

describe("Danish formats", () => {
  it("numbers", () => {
    expect(fmt.tal(1234)).toBe("1.234");
    expect(fmt.tal(1234567.891, 1)).toBe("1.234.567,9");
    expect(fmt.tal(0)).toBe("0");
    expect(fmt.tal(-3.5, 1)).toBe("−3,5");
    expect(fmt.tal(-0.01, 1)).toBe("0,0");
    expect(fmt.tal(999)).toBe("999");
    expect(fmt.tal(null)).toBe("–");
  });
  it("shares and changes", () => {
    expect(fmt.pct(0.843)).toBe("84,3 %");
    expect(fmt.pct(1)).toBe("100,0 %");
    expect(fmt.pct(0.8435, 0)).toBe("84 %");
    expect(fmt.pct(null)).toBe("–");
    expect(fmt.point(0.126)).toBe("+12,6 procentpoint");
    expect(fmt.point(-0.03)).toBe("−3,0 procentpoint");
    expect(fmt.point(0.00001)).toBe("0,0 procentpoint");
    expect(fmt.aendring(12)).toBe("+12");
    expect(fmt.aendring(-1234)).toBe("−1.234");
  });
  it("quarters and dates", () => {
    expect(fmt.kvartal("2025K3")).toBe("3. kvt. 2025");
    expect(fmt.dato("2025-12-31")).toBe("31. december 2025");
    expect(fmt.dato(new Date(Date.UTC(2024, 0, 1)))).toBe("1. januar 2024");
    expect(fmt.kvartalAfDato(fmt.kvartalStart("2024K4"))).toBe("4. kvt. 2024");
    expect(fmt.forrigeKvartal("2025K1")).toBe("2024K4");
    expect(fmt.forrigeKvartal("2025K3")).toBe("2025K2");
    expect(fmt.kvartalAaretFoer("2025K3")).toBe("2024K3");
  });
  it("published KPI figures", () => {
    expect(fmt.vaerdi({ art: "andel", vaerdi: 0.5, undertrykt: null }, 5)).toBe("50,0 %");
    expect(fmt.vaerdi({ art: "antal", vaerdi: 1234, undertrykt: null }, 5)).toBe("1.234");
    expect(fmt.vaerdi({ art: "forhold", vaerdi: 18.44, undertrykt: null }, 5)).toBe("18,4");
    expect(fmt.vaerdi({ art: "antal", vaerdi: null, undertrykt: "lille_antal" }, 5)).toBe("<5");
    expect(fmt.vaerdi({ art: "antal", vaerdi: null, undertrykt: "komplementaer" }, 5)).toBe("–");
    expect(fmt.vaerdi({ art: "andel", vaerdi: null, undertrykt: "lille_naevner" }, 5)).toBe("–");
    expect(fmt.vaerdi({ art: "antal", vaerdi: null, undertrykt: "lille_antal" }, 10)).toBe("<10");
  });
});
