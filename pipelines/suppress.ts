// Small-number suppression (docs/method.md, "What is published, and what is hidden"): the policy, next to its
// mechanism. Everything a build publishes is one system of cells (pipelines/published/), and the rules below decide
// what is shown:
//
// 1. Primary: a count 1 … g−1 is shown as `<g`; a share or ratio whose denominator is below g is not shown.
// 2. A share about children in a category (kpi_definitioner.kategoriandel: placed without consent, in an
//    institution, family-based, moved down the steps) is not shown when its numerator or its complement is
//    1 … g−1 either: "90 % of 10" would say that one child is not.
// 3. Zeros inside a table part with a hidden cell carry the same sign `<g` (there `<g` means 0 … g−1), so
//    that a `<g` cannot be told from a zero.
// 4. Complementary: an attacker's audit (pipelines/disclosure/audit.ts) bounds every hidden small count by
//    integer programming over all published identities (pipelines/disclosure/identities.ts) and signs, and
//    the cheapest shown cell next to any count that can be pinned or narrowed is hidden, until none can.
//    Linked KPIs, the placement table, the steps, stock against flows and quarantine reasons are all in
//    that one system, so they are suppressed together. The build fails when the audit cannot prove it safe.
// 5. Releases: the previous releases' published figures are part of the system, so that a revision is
//    never itself a small count.
import { defaults } from "./config.ts";
import { protect, type ProtectReport } from "./disclosure/protect.ts";
import type { Cell, PublishedCells, Undertrykt } from "./disclosure/system.ts";

export type Art = "antal" | "andel" | "forhold";
export type { Undertrykt };

/** The configuration's default (config.ts), for callers that pass no threshold. */
export const DEFAULT_THRESHOLD = defaults.diskretionsgraense;

export function checkThreshold(g: number): void {
  if (!Number.isInteger(g) || g < 1) throw new Error(`suppression threshold must be a whole number ≥ 1, not ${g}`);
}

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

/** Rule 1 for one figure alone. */
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

/** Rules 1 and 2 for one cell (a zero, or a missing row, stays shown here; rule 3 signs it where needed). */
export function primary(c: Cell, g: number): void {
  const small = (v: number) => v >= 1 && v <= g - 1;
  if (c.kind === "count") {
    if (small(c.n)) [c.state, c.why] = ["small", "lille_antal"];
    return;
  }
  const d = c.d ?? 0;
  if (d > 0 && d < g) [c.state, c.why] = ["small", "lille_naevner"];
  // Shown as "hidden" (`–`, at least g in the denominator): the sign says no more than that.
  else if (c.category && d >= g && (small(c.n) || small(d - c.n))) [c.state, c.why] = ["hidden", "komplementaer"];
}

/** Applies rules 1–5 to a published system (in place): primary suppression, then the audit loop. */
export async function suppressSystem(sys: PublishedCells, log?: (line: string) => void): Promise<ProtectReport> {
  checkThreshold(sys.threshold);
  for (const c of sys.cells) primary(c, sys.threshold);
  return protect(sys, { log });
}

/** What the site shows of a cell. */
export function published(c: Cell): Published {
  if (c.state !== "shown") return { vaerdi: null, naevner: null, undertrykt: c.why };
  if (c.kind === "count") return { vaerdi: c.n, naevner: null, undertrykt: null };
  return { vaerdi: c.n / (c.d as number), naevner: c.d, undertrykt: null };
}
