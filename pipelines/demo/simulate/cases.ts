// A child's case: opened when something first happens to the child, closed a little after the last investigation
// or measure ends.
import type { Day } from "../dates.ts";
import { workerFor } from "./caseworkers.ts";
import { unitFor } from "./population.ts";
import { type Case, type Child, type World, schedule } from "./world.ts";

/** The child's open case, or a new one from day `d`. */
export function openCase(w: World, c: Child, d: Day, legacy = false): Case {
  if (c.kase) return c.kase;
  const unit = unitFor(w, c, d);
  const k: Case = { child: c, unit, opened: Math.max(d, c.born), closed: null, worker: workerFor(w, unit, d), legacy };
  c.kase = k;
  w.cases.push(k);
  return k;
}

/** Closes the child's case some days after `d` if by then nothing is open on it. */
export function maybeClose(w: World, c: Child, d: Day): void {
  const k = c.kase;
  if (!k || c.bfu || c.measures.length > 0) return;
  const at = Math.min(d + w.rng.int(3, 50), c.lastMinorDay + w.rng.int(0, 20));
  schedule(w, Math.max(at, d), () => {
    if (c.kase === k && !c.bfu && c.measures.length === 0) {
      k.closed = Math.max(at, d);
      c.kase = null;
    }
  });
}
