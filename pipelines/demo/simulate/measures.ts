// Measures: which type a child gets (by age and group), what it costs and how long it lasts; a new measure
// record with its documents; and what follows when one ends (continued, stepped down the indsatstrappe, another
// preventive measure, a placement) or is re-registered under the new law.
import { type Day, yearOf } from "../dates.ts";
import { LAW_CHANGE, familyShareOfNewPlacements, familyWeights, institutionWeights, measureTypes, ownRoomWeights, preventiveWeights, priceIndexPerYear } from "../story.ts";
import { maybeClose, openCase } from "./cases.ts";
import { workerFor } from "./caseworkers.ts";
import { conversation, followupsFor, plansFor, visitsFor } from "./documents.ts";
import { ageOn } from "./population.ts";
import { type Child, type Measure, type World, clamp, lerp, p, schedule } from "./world.ts";

/** After a placement ends without a new one: a preventive measure of one of these types. */
const afterPlacement = { kontaktperson: 50, familiebehandling: 35, praktisk_paedagogisk_stoette: 15 };

/** The preventive weights without one type (a different second or next measure). */
export const preventiveExcept = (() => {
  const cache = new Map<string, Record<string, number>>();
  return (type: string) => {
    let w = cache.get(type);
    if (!w) cache.set(type, (w = Object.fromEntries(Object.entries(preventiveWeights).filter(([k]) => k !== type))));
    return w;
  };
})();

// The weights restricted to the types a child of this age can have, prepared once per (weights, age). The result
// depends on nothing but the two, so one cache serves every world.
const byAge = new WeakMap<Record<string, number>, Record<string, number>[]>();

/** A measure type drawn from `weights` among those a child of `age` can have. */
export function pickType(w: World, weights: Record<string, number>, age: number): string {
  let list = byAge.get(weights);
  if (!list) byAge.set(weights, (list = []));
  let ok = list[age];
  if (!ok) {
    ok = {};
    for (const [k, x] of Object.entries(weights)) {
      const t = measureTypes[k];
      if (age >= t.minAge && age <= t.maxAge) ok[k] = x;
    }
    list[age] = ok;
  }
  return Object.keys(ok).length ? w.rng.weighted(ok) : Object.keys(weights)[0];
}

/** A placement type for a child of `age` on day `d`, from `group` or a group drawn by the story's family share. */
export function placementType(w: World, age: number, d: Day, group?: string): string {
  const { rng } = w;
  let g = group;
  if (!g) {
    // Eget værelse, kollegium, kost- and efterskole: about one placement in ten nationally (Ankestyrelsen).
    if (age >= 14 && rng.chance(0.6)) g = "eget_vaerelse_kostskole";
    else {
      const family = age <= 5 ? Math.max(0.9, lerp(w, familyShareOfNewPlacements, d)) : lerp(w, familyShareOfNewPlacements, d);
      g = rng.chance(family) ? "familiebaseret" : "institution";
    }
  }
  if (g === "familiebaseret") return pickType(w, familyWeights, age);
  if (g === "institution") return pickType(w, institutionWeights, age);
  return age >= 13 ? pickType(w, ownRoomWeights, age) : pickType(w, familyWeights, age);
}

function costFor(w: World, type: string, start: Day): number | null {
  if (w.rng.chance(0.05)) return null;
  const t = measureTypes[type];
  const index = Math.pow(1 + priceIndexPerYear, Math.max(0, yearOf(start) - 2022));
  return Math.round(t.cost * index * Math.exp(0.15 * w.rng.normal()));
}

export function durationFor(w: World, type: string): number {
  const t = measureTypes[type];
  return Math.max(14, Math.round(w.rng.lognormal(t.median, t.gruppe === "forebyggende" ? 0.75 : 0.8)));
}

export interface MeasureOptions {
  end?: Day;
  consent?: boolean | null;
  legacy?: boolean;
  prev?: Measure | null;
  unit?: number;
}

/** Creates a measure record and its documents; schedules its end. */
export function addMeasure(w: World, c: Child, type: string, start: Day, opts: MeasureOptions = {}): Measure | null {
  const { rng } = w;
  const t = measureTypes[type];
  if (start > c.lastMinorDay || start < c.born) return null;
  const placement = t.gruppe !== "forebyggende";
  const kase = c.kase ?? openCase(w, c, start, opts.legacy);
  const unit = opts.unit ?? kase.unit;
  const end = Math.min(opts.end ?? start + durationFor(w, type), c.lastMinorDay);
  const consent = !placement
    ? null
    : opts.consent !== undefined
      ? opts.consent
      : rng.chance(0.02)
        ? null
        : !rng.chance(0.12);
  const law = start < LAW_CHANGE ? "sel" : "bl";
  const paragraf =
    rng.chance(0.04) ? null : placement && consent === false ? (law === "sel" ? "SEL § 58" : "BL § 47") : t[law];
  const m: Measure = {
    child: c,
    type,
    placement,
    start,
    end,
    consent,
    cost: opts.prev && opts.prev.cost !== null ? Math.round(opts.prev.cost * 1.03) : costFor(w, type, start),
    unit,
    worker: workerFor(w, unit, start, kase.worker),
    paragraf,
    legacy: opts.legacy ?? false,
    prev: opts.prev ?? null,
    lastFollowup: null,
    lastVisit: null,
    ended: false,
  };
  w.measures.push(m);
  c.measures.push(m);
  if (placement) w.placedChildren += c.measures.filter((x) => x.placement).length === 1 ? 1 : 0;
  else w.preventive++;
  if (!m.prev) {
    // The conversation with the child before the decision.
    const r = rng.next();
    if (r < p(w, "boernesamtale", start, unit)) conversation(w, c, start - rng.int(0, 120), unit, m.legacy);
    else if (r < 0.6 + 0.4 * p(w, "boernesamtale", start, unit)) conversation(w, c, start + rng.int(1, 60), unit, m.legacy);
  }
  plansFor(w, m);
  followupsFor(w, m);
  if (placement) visitsFor(w, m);
  schedule(w, end + 1, () => endMeasure(w, m, end));
  return m;
}

/** A measure's planned end (unless it was ended otherwise meanwhile) and what follows it. */
function endMeasure(w: World, m: Measure, plannedEnd: Day): void {
  const { rng } = w;
  if (m.ended || m.end !== plannedEnd) return;
  m.ended = true;
  const c = m.child;
  c.measures = c.measures.filter((x) => x !== m);
  if (m.placement) w.placedChildren -= c.measures.some((x) => x.placement) ? 0 : 1;
  else w.preventive--;
  const next = m.end + 1;
  if (next > c.lastMinorDay) return maybeClose(w, c, next);
  const age = ageOn(c, next);
  if (m.placement) {
    const group = measureTypes[m.type].gruppe;
    const r = rng.next();
    if (r < 0.12) {
      // The same placement continues in a new record (new decision, new provider contract). Mostly the next
      // day, sometimes the same day, and now and then with a one-day gap (which breaks the continuity).
      const g = rng.next();
      const start = g < 0.8 ? next : g < 0.9 ? m.end : next + 1;
      addMeasure(w, c, m.type, start, { consent: m.consent, prev: m, unit: m.unit });
    } else if (group === "institution" && r < 0.45) {
      addMeasure(w, c, placementType(w, age, next, "familiebaseret"), next, { consent: m.consent, prev: m, unit: m.unit });
    } else if (r < 0.65) {
      addMeasure(w, c, pickType(w, afterPlacement, age), next + rng.int(0, 14));
    }
  } else if (rng.chance(0.25)) {
    addMeasure(w, c, pickType(w, preventiveExcept(m.type), age), next + rng.int(0, 30));
  } else if (rng.chance(0.05 * clamp(w.placedTarget / Math.max(1, w.placedChildren), 0.3, 3)) && !c.measures.some((x) => x.placement)) {
    addMeasure(w, c, placementType(w, age, next), next + rng.int(0, 30));
  }
  maybeClose(w, c, next);
}

/** The law change: some placements were re-registered under Barnets Lov as new records from 1 January 2024. */
export function scheduleLawChange(w: World): void {
  if (!(LAW_CHANGE > w.W && LAW_CHANGE < w.asOf)) return;
  schedule(w, LAW_CHANGE, () => {
    for (const m of [...w.measures]) {
      if (!m.placement || m.ended || m.start >= LAW_CHANGE || m.end < LAW_CHANGE || !w.rng.chance(0.08)) continue;
      const plannedEnd = m.end;
      m.end = LAW_CHANGE - 1;
      reRegister(w, m, plannedEnd);
    }
  });
}

function reRegister(w: World, m: Measure, plannedEnd: Day): void {
  m.ended = true;
  const c = m.child;
  c.measures = c.measures.filter((x) => x !== m);
  w.placedChildren -= c.measures.some((x) => x.placement) ? 0 : 1;
  addMeasure(w, c, m.type, LAW_CHANGE, { end: plannedEnd, consent: m.consent, prev: m, unit: m.unit });
}
