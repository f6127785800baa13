// Revisions: a figure a quarter's own release published that today's data show differently. Late registrations
// and corrected exports move earlier quarters; the committee must be told which of the numbers it saw changed.
import type { PublishedFigure } from "./store.ts";

/** How far a shown figure must move to count as revised, in the KPI's unit (shares as 0–1). */
export interface RevisionThresholds {
  andel: number;
  antal: number;
  forhold: number;
}

export const DEFAULT_REVISION_THRESHOLDS: RevisionThresholds = { andel: 0.001, antal: 1, forhold: 0.1 };

export type Figure = Omit<PublishedFigure, "udgivelse" | "mappe">;

export interface Revision {
  kpi: string;
  kvartal: string;
  niveau: string;
  enhed: string | null;
  art: string;
  /** What the figure counts, in Danish (the KPI's name, or the breakdown and its category). */
  navn: string;
  /** The figure as that quarter's release printed it; "" when it was not published. */
  udgivet: string;
  /** The figure as today's data print it; "" when it is no longer published. */
  nu: string;
  /** The release that published it. */
  udgivelse: string;
  /** What kind of change: a shown value moved, a hidden figure is shown, a shown one is hidden, … */
  aendring: "vaerdi" | "vist" | "skjult" | "ny" | "bortfaldet";
}

export const REVISION_COLUMNS = ["kpi", "kvartal", "niveau", "enhed", "udgivet", "nu"] as const;

/** The shown precision of each kind: a revision is judged on what was printed, not on hidden decimals. */
const PRECISION: Record<string, number> = { andel: 1000, forhold: 10, antal: 1 };
const shown = (f: Figure) => Math.round((f.vaerdi as number) * (PRECISION[f.art] ?? 1)) / (PRECISION[f.art] ?? 1);

const key = (f: { kpi: string; kvartal: string; niveau: string; enhed: string | null }) => `${f.kpi}\u0000${f.kvartal}\u0000${f.niveau}\u0000${f.enhed ?? ""}`;

/**
 * Compares each earlier quarter's own release with today's figures for that quarter. A figure is revised when
 * a shown value moved by at least the threshold, when it changed between shown and hidden (a `<5` that became
 * a number, a `–` that became a share, …), or when it appeared or disappeared. Sorted by quarter, KPI, level, unit.
 */
export function revisions(
  own: Map<string, { udgivelse: string; figures: Figure[] }>,
  today: Figure[],
  thresholds: RevisionThresholds = DEFAULT_REVISION_THRESHOLDS,
): Revision[] {
  const now = new Map(today.map((f) => [key(f), f]));
  const out: Revision[] = [];
  for (const [kvartal, { udgivelse, figures }] of own) {
    const before = new Map(figures.map((f) => [key(f), f]));
    const keys = new Set([...before.keys(), ...today.filter((f) => f.kvartal === kvartal).map(key)]);
    for (const k of keys) {
      const a = before.get(k);
      const b = now.get(k);
      const change = compare(a, b, thresholds);
      if (!change) continue;
      const f = (a ?? b)!;
      out.push({ kpi: f.kpi, kvartal: f.kvartal, niveau: f.niveau, enhed: f.enhed, art: f.art, navn: f.navn, udgivet: a?.vist ?? "", nu: b?.vist ?? "", udgivelse, aendring: change });
    }
  }
  return out.sort((x, y) => x.kvartal.localeCompare(y.kvartal) || x.kpi.localeCompare(y.kpi) || x.niveau.localeCompare(y.niveau) || (x.enhed ?? "").localeCompare(y.enhed ?? "", "da"));
}

function compare(a: Figure | undefined, b: Figure | undefined, t: RevisionThresholds): Revision["aendring"] | null {
  if (!a && !b) return null;
  if (!a) return "ny";
  if (!b) return "bortfaldet";
  const aShown = a.vaerdi !== null;
  const bShown = b.vaerdi !== null;
  if (aShown && bShown) {
    const limit = t[a.art as keyof RevisionThresholds] ?? 0;
    const diff = Math.abs(shown(b) - shown(a));
    return diff > 0 && diff >= limit - 1e-9 ? "vaerdi" : null;
  }
  if (!aShown && bShown) return "vist";
  if (aShown && !bShown) return "skjult";
  // Both hidden: a `<5` that became `–` (or back) says something changed, though not how much.
  return a.vist !== b.vist ? "skjult" : null;
}
