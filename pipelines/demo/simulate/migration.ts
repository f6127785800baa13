// The go-live (index.ts: the story): what was active in the old case system on the first day was migrated —
// placements and preventive measures simulated from their real start, and the investigations started in the
// four months before.
import { type Day, addMonths } from "../dates.ts";
import { measureTypes, notificationsPerYear, preventiveWeights } from "../story.ts";
import { openCase } from "./cases.ts";
import { startBfu } from "./investigations.ts";
import { addMeasure, durationFor, pickType, placementType } from "./measures.ts";
import { ageOn, childOfAge } from "./population.ts";
import { type Child, type World, lerp } from "./world.ts";

/** Relative weights of the ages 0–17 of the children placed, and of those with a preventive measure, at go-live. */
const placedAges = [3, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 7, 9, 11, 12, 11];
const preventiveAges = [2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 4, 3];

/** A child without a case, of an age drawn by `weights`, on the go-live day. */
function agedOnW(w: World, weights: number[]): Child {
  for (;;) {
    const age = w.rng.weighted(Object.fromEntries(weights.map((x, i) => [String(i), x])) as Record<string, number>);
    const c = childOfAge(w, Number(age), w.W);
    if (c && !c.kase) return c;
  }
}

/** A start before go-live for a record of this length, drawn as a stationary process would have it (length-biased). */
function legacySpan(w: World, type: string, c: Child): { start: Day; end: Day } | null {
  const { rng, W } = w;
  for (let tries = 0; tries < 200; tries++) {
    const d = durationFor(w, type);
    if (rng.next() > d / (measureTypes[type].median * 8)) continue;
    const start = Math.max(c.born + rng.int(0, 30), W - 1 - Math.floor(rng.next() * d));
    if (start >= W) continue;
    return { start, end: Math.max(W, start + d) };
  }
  return null;
}

/** The migrated state on the first day: placements, preventive measures, open investigations. */
export function migrate(w: World): void {
  const { rng, W } = w;
  for (let i = 0; i < Math.round(w.placedTarget); i++) {
    const c = agedOnW(w, placedAges);
    const age = ageOn(c, W);
    const r = rng.next();
    const group = age >= 14 && r < 0.3 ? "eget_vaerelse_kostskole" : r < 0.57 ? "familiebaseret" : "institution";
    const type = placementType(w, age, W, group);
    const span = legacySpan(w, type, c);
    if (!span) continue;
    openCase(w, c, Math.max(c.born, span.start - rng.int(30, 400)), true);
    addMeasure(w, c, type, span.start, { end: span.end, legacy: true });
  }
  for (let i = 0; i < Math.round(w.preventiveTarget * 0.8); i++) {
    const c = agedOnW(w, preventiveAges);
    const age = ageOn(c, W);
    const type = pickType(w, preventiveWeights, age);
    const span = legacySpan(w, type, c);
    if (!span) continue;
    openCase(w, c, Math.max(c.born, span.start - rng.int(30, 200)), true);
    addMeasure(w, c, type, span.start, { end: span.end, legacy: true });
    if (rng.chance(0.2)) {
      const second = pickType(w, preventiveWeights, age);
      const span2 = legacySpan(w, second, c);
      if (span2 && second !== type) addMeasure(w, c, second, span2.start, { end: span2.end, legacy: true });
    }
  }
  const bfusPerYear = 0.27 * lerp(w, notificationsPerYear, W) * w.scale;
  // Investigations started in the four months before W (deadline on or after W), completed or not; older ones
  // were all completed in the old system, so no deadline before W is reported on.
  const back = W - addMonths(W, -4);
  for (let i = 0; i < Math.round((bfusPerYear * back) / 365); i++) {
    const c = agedOnW(w, preventiveAges);
    const start = W - rng.int(1, back);
    if (start < c.born) continue;
    const b = startBfu(w, c, start, true);
    if (b.end !== null && b.end < W) {
      c.bfu = null;
      if (c.measures.length === 0 && c.kase) {
        c.kase.closed = Math.min(W - 1, b.end + rng.int(3, 50));
        c.kase = null;
      }
    }
  }
}
