// Investigations (børnefaglige undersøgelser): started, completed within the four months or late (with or without
// a documented reason), and what follows from them — a placement, preventive measures or nothing.
import { type Day, addMonths } from "../dates.ts";
import { preventiveWeights, reasonsForOverrun } from "../story.ts";
import { maybeClose, openCase } from "./cases.ts";
import { workerFor } from "./caseworkers.ts";
import { conversation } from "./documents.ts";
import { addMeasure, pickType, placementType, preventiveExcept } from "./measures.ts";
import { ageOn } from "./population.ts";
import { type Bfu, type Child, type World, clamp, p, schedule } from "./world.ts";

/** When an investigation started on `start` in unit `u` is completed, and the reason given if late. */
function completion(w: World, start: Day, u: number): { end: Day; reason: string | null } {
  const { rng } = w;
  const frist = addMonths(start, 4);
  if (rng.chance(p(w, "bfu4m", start, u))) {
    return { end: start + Math.round(25 + (frist - start - 25) * Math.pow(rng.next(), 0.6)), reason: null };
  }
  const end = frist + 1 + Math.round(rng.exponential(45));
  const reason = rng.chance(p(w, "bfuBegrundet", frist, u)) ? rng.pick(reasonsForOverrun) : null;
  return { end, reason };
}

/** Starts an investigation of child `c` (opening a case if needed); schedules its completion. */
export function startBfu(w: World, c: Child, start: Day, legacy = false, alvorlig = false): Bfu {
  const { rng } = w;
  const kase = c.kase ?? openCase(w, c, start, legacy);
  const { end, reason } = completion(w, start, kase.unit);
  const type = c.bfuCount > 0 && rng.chance(0.3) ? "supplerende" : rng.chance(0.2) ? null : "ny";
  const b: Bfu = { child: c, start, end, reason, type, unit: kase.unit, worker: workerFor(w, kase.unit, start, kase.worker), legacy };
  c.bfu = b;
  c.bfuCount++;
  w.bfus.push(b);
  if (rng.chance(0.85)) conversation(w, c, start + rng.int(7, 60), kase.unit, legacy);
  schedule(w, end, () => finishBfu(w, b, alvorlig));
  return b;
}

/** A completed investigation's outcome, steered towards the story's stocks of placed children and preventive measures. */
function finishBfu(w: World, b: Bfu, alvorlig: boolean): void {
  const { rng } = w;
  const c = b.child;
  if (c.bfu === b) c.bfu = null;
  const d = b.end as Day;
  const age = ageOn(c, d);
  const placed = c.measures.some((x) => x.placement);
  const pPlace = clamp(0.16 * Math.pow(w.placedTarget / Math.max(1, w.placedChildren), 3), 0.02, 0.6) * (alvorlig ? 1.8 : 1);
  const pPrev = clamp(0.6 * Math.pow(w.preventiveTarget / Math.max(1, w.preventive), 2), 0.1, 0.98);
  if (!placed && rng.chance(pPlace)) {
    addMeasure(w, c, placementType(w, age, d), d + rng.int(0, 21));
  } else if (rng.chance(pPrev)) {
    const first = pickType(w, preventiveWeights, age);
    addMeasure(w, c, first, d + rng.int(0, 30));
    if (rng.chance(0.3)) {
      addMeasure(w, c, pickType(w, preventiveExcept(first), age), d + rng.int(0, 45));
    }
  }
  maybeClose(w, c, d);
}
