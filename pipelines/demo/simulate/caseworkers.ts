// The caseworkers: positions per unit, each a line of employees with turnover and vacancies, and who holds a
// record on a given day.
import type { Day } from "../dates.ts";
import { fteWeights } from "../story.ts";
import type { World, Worker } from "./world.ts";

function hire(w: World, unit: number, from: Day, to: Day | null): void {
  const x: Worker = { unit, fte: Number(w.rng.weighted(fteWeights)), from, to };
  w.workers.push(x);
  w.byUnit[unit].push(x);
}

/** Fills `w.workers` and `w.byUnit` for the whole period. */
export function hireCaseworkers(w: World): void {
  const { rng, W, asOf } = w;
  const span = asOf - W;
  w.muni.units.forEach((unit, u) => {
    const positions = Math.max(2, Math.round(unit.positions * w.scale));
    // Extra positions from the start of the third year: the committee's investment in lower caseloads.
    const extra = Math.max(1, Math.round(positions / 4));
    for (let i = 0; i < positions + extra; i++) {
      let from = i < positions ? W - rng.int(30, 365 * 12) : W + Math.round(span * 0.55) + rng.int(0, 60);
      while (from < asOf) {
        const to = from + Math.max(60, Math.round(rng.exponential(unit.tenureYears * 365)));
        if (to >= asOf - 1) {
          hire(w, u, from, null);
          break;
        }
        hire(w, u, from, to);
        from = to + rng.int(20, 120);
      }
    }
  });
}

/** A caseworker of unit `u` employed on day `d`: `keep` if still employed, else one drawn among those who are. */
export function workerFor(w: World, u: number, d: Day, keep?: Worker): Worker {
  if (keep && keep.from <= d && (keep.to === null || keep.to >= d)) return keep;
  const active = w.byUnit[u].filter((x) => x.from <= d && (x.to === null || x.to >= d));
  if (active.length > 0) return w.rng.pick(active);
  // A vacancy everywhere in the unit: the most recently hired covers.
  return w.byUnit[u].reduce((a, b) => (b.from <= d && b.from > a.from ? b : a), w.byUnit[u][0]);
}

/**
 * The caseworker as the export shows it: a case's is the one holding it at closing, or now; likewise measures'
 * and investigations', at their end or now (leavers hand their work on).
 */
export function handOn(w: World): void {
  const last = w.asOf - 1;
  for (const k of w.cases) k.worker = workerFor(w, k.unit, k.closed ?? last, k.worker);
  for (const m of w.measures) m.worker = workerFor(w, m.unit, Math.min(m.end, last), m.worker);
  for (const b of w.bfus) b.worker = workerFor(w, b.unit, Math.min(b.end ?? last, last), b.worker);
}
