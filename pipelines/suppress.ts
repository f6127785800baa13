// Small-number suppression (docs/method.md, "What is published, and what is hidden"): the one place where exact warehouse figures become
// publishable ones. Used by the site's data loaders, hence by the CSV downloads and the PDF, which show only
// what the loaders emitted.
//
// Primary: a count 1 … g−1 is shown as `<g`; a share or ratio whose denominator is below g is not shown.
// Complementary: where a total and its parts are published (the municipality and its units, a notification
// total and its sources, …) and the hidden parts could be recovered by subtraction — because only one part is
// hidden, or because the hidden parts together are still below g — more parts are hidden, smallest first.

import { defaults } from "./config.ts";

export type Art = "antal" | "andel" | "forhold";

/** Why a figure is not shown. */
export type Undertrykt = "lille_antal" | "lille_naevner" | "komplementaer";

export interface Figure {
  art: Art;
  /** The count (antal) or the numerator. */
  taeller: number | null;
  /** The denominator (NULL for counts). */
  naevner: number | null;
}

export interface Published {
  /** The published value (the count, or the share/ratio); null when suppressed. */
  vaerdi: number | null;
  /** The published denominator (shares and ratios); null for counts and when suppressed. */
  naevner: number | null;
  undertrykt: Undertrykt | null;
}

/** The configuration's default (config.ts), for callers that pass no threshold. */
export const DEFAULT_THRESHOLD = defaults.diskretionsgraense;

function checkThreshold(g: number): void {
  if (!Number.isInteger(g) || g < 1) throw new Error(`suppression threshold must be a whole number ≥ 1, not ${g}`);
}

/** Primary suppression of one figure. Numerators of shares are never published (share × denominator gives them). */
export function suppressFigure(f: Figure, threshold = DEFAULT_THRESHOLD): Published {
  checkThreshold(threshold);
  if (f.art === "antal") {
    const n = f.taeller ?? 0;
    if (n > 0 && n < threshold) return { vaerdi: null, naevner: null, undertrykt: "lille_antal" };
    return { vaerdi: n, naevner: null, undertrykt: null };
  }
  const d = f.naevner;
  if (d === null || d === undefined || !(d >= threshold)) return { vaerdi: null, naevner: null, undertrykt: "lille_naevner" };
  return { vaerdi: (f.taeller ?? 0) / d, naevner: d, undertrykt: null };
}

/** A count alone (no art): `null` for 1 … g−1. */
export function suppressCount(n: number | null | undefined, threshold = DEFAULT_THRESHOLD): number | null {
  return suppressFigure({ art: "antal", taeller: n ?? 0, naevner: null }, threshold).vaerdi;
}

/** One additive group: the total and the parts that add up to it (or approximately, for distinct children). */
export interface Group {
  /** Index of the total's cell in the cell list; -1 when the total is implied (e.g. the sum of a shown breakdown). */
  total: number;
  parts: number[];
}

/** How much of the population a cell stands for: the count, or the denominator. */
function size(f: Figure): number {
  return (f.art === "antal" ? f.taeller : f.naevner) ?? 0;
}

/**
 * Suppresses a list of figures: primary suppression of each, then complementary suppression within the
 * groups until no group leaks. A group leaks when its total is shown (or implied) and its hidden parts are
 * exactly one, or together stand for fewer than `threshold` (their sum could be recovered and be small).
 * The next part hidden is the shown part with the smallest size (least information lost); ties by position.
 */
export function suppressFigures(figures: Figure[], groups: Group[], threshold = DEFAULT_THRESHOLD): Published[] {
  const out = figures.map((f) => suppressFigure(f, threshold));
  let changed = true;
  while (changed) {
    changed = false;
    for (const g of groups) {
      if (g.total >= 0 && out[g.total].undertrykt !== null) continue;
      // Parts with nothing in them (size 0) are known zeros, not hidden cells.
      const hidden = g.parts.filter((i) => out[i].undertrykt !== null && size(figures[i]) > 0);
      if (hidden.length === 0) continue;
      const hiddenSize = hidden.reduce((s, i) => s + size(figures[i]), 0);
      if (hidden.length >= 2 && hiddenSize >= threshold) continue;
      const candidates = g.parts
        .filter((i) => out[i].undertrykt === null && size(figures[i]) > 0)
        .sort((a, b) => size(figures[a]) - size(figures[b]) || a - b);
      if (candidates.length === 0) continue;
      out[candidates[0]] = { vaerdi: null, naevner: null, undertrykt: "komplementaer" };
      changed = true;
    }
  }
  return out;
}

// --- the KPI mart ---------------------------------------------------------------------------------------

export interface KpiRow {
  kpi: string;
  kvartal: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
  taeller: number | null;
  naevner: number | null;
  vaerdi?: number | null;
}

export interface PublishedKpiRow extends Published {
  kpi: string;
  art: Art;
  kvartal: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
}

/**
 * Suppresses `mart_kpi_kvartal` rows. Groups: per KPI and quarter, the municipality row is the total of the
 * unit rows. `arter` gives each KPI's kind (from `kpi_definitioner`); an unknown KPI is an error, not a guess.
 */
export function suppressKpiRows(rows: KpiRow[], arter: Map<string, Art> | Record<string, Art>, threshold = DEFAULT_THRESHOLD): PublishedKpiRow[] {
  const artOf = (kpi: string): Art => {
    const a = arter instanceof Map ? arter.get(kpi) : arter[kpi];
    if (!a) throw new Error(`KPI ${kpi} has no kind (art) in kpi_definitioner`);
    return a;
  };
  const figures = rows.map((r) => ({ art: artOf(r.kpi), taeller: num(r.taeller), naevner: num(r.naevner) }));
  const byKey = new Map<string, Group>();
  rows.forEach((r, i) => {
    const key = `${r.kpi}\u0000${r.kvartal}`;
    let g = byKey.get(key);
    if (!g) byKey.set(key, (g = { total: -2, parts: [] }));
    if (r.niveau === "kommune") g.total = i;
    else g.parts.push(i);
  });
  // A group whose municipality row is missing (no rows at that level) has no published total to subtract from.
  const groups = [...byKey.values()].filter((g) => g.total >= 0);
  const pub = suppressFigures(figures, groups, threshold);
  return rows.map((r, i) => ({ kpi: r.kpi, art: figures[i].art, kvartal: r.kvartal, niveau: r.niveau, enhed: r.enhed, ...pub[i] }));
}

/**
 * Suppresses a breakdown of counts (e.g. notifications by source, children by group per unit). `groupBy`
 * names the additive groups each row belongs to (one name per grouping, e.g. its quarter+unit and its
 * quarter+group); each group's total is taken as published (the sum is shown, or is another KPI).
 */
export function suppressBreakdown<T>(
  rows: T[],
  count: (row: T) => number | null | undefined,
  groupBy: (row: T) => string[],
  threshold = DEFAULT_THRESHOLD,
): { vaerdi: number | null; undertrykt: Undertrykt | null }[] {
  const figures: Figure[] = rows.map((r) => ({ art: "antal", taeller: num(count(r)) ?? 0, naevner: null }));
  const byKey = new Map<string, Group>();
  rows.forEach((r, i) => {
    for (const key of groupBy(r)) {
      let g = byKey.get(key);
      if (!g) byKey.set(key, (g = { total: -1, parts: [] }));
      g.parts.push(i);
    }
  });
  return suppressFigures(figures, [...byKey.values()], threshold).map((p) => ({ vaerdi: p.vaerdi, undertrykt: p.undertrykt }));
}

function num(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  return typeof v === "bigint" ? Number(v) : Number(v);
}
