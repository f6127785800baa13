// The one object the simulation works on: the municipality, the random stream, the period, the population, the
// caseworkers, every record made so far, the calendar of tasks still to come and the stocks it steers towards.
// Every step of the simulation (the other files of this folder) is a function of the world; none keeps state of
// its own. To add to the demo: give the world the records it needs here (and to `Simulation` if rows.ts writes them),
// then a step in a file of its own, called from index.ts at the point in the story where it happens. Mind that
// the steps draw from one random stream: a new draw in the middle of the story changes every draw after it (and so
// the demo's files); a step that draws from `rng.fork()` at its start, or runs after the others, leaves them alone.
import type { CprIssuer } from "../cpr-gen.ts";
import type { Day, Minute } from "../dates.ts";
import type { Municipality } from "../municipality.ts";
import type { Rng } from "../random.ts";
import { type Duty, LAW_CHANGE, compliance, lawChangeDip, targets } from "../story.ts";

export interface Child {
  cpr: string;
  born: Day;
  /** Last day under 18. */
  lastMinorDay: Day;
  boy: boolean;
  district: number;
  kase: Case | null;
  bfu: Bfu | null;
  bfuCount: number;
  measures: Measure[];
  lastPlan: Day | null;
}

export interface Case {
  child: Child;
  unit: number;
  opened: Day;
  closed: Day | null;
  worker: Worker;
  legacy: boolean;
}

export interface Notification {
  child: Child;
  modtaget: Minute;
  kilde: string;
  fagperson: boolean | null;
  vurderet: Minute | null;
  kvitteret: Day | null;
  udfald: string | null;
  udfaldDato: Day | null;
  alvorlig: boolean | null;
  unit: number;
  district: string | null;
}

export interface Bfu {
  child: Child;
  start: Day;
  /** Completion day; null = still open. May lie beyond the as-of date while simulating. */
  end: Day | null;
  reason: string | null;
  type: string | null;
  unit: number;
  worker: Worker;
  legacy: boolean;
}

export interface Measure {
  child: Child;
  type: string;
  placement: boolean;
  start: Day;
  /** Planned last day; output as empty when on or after the as-of date. */
  end: Day;
  consent: boolean | null;
  cost: number | null;
  unit: number;
  worker: Worker;
  paragraf: string | null;
  legacy: boolean;
  /** The record this one continues (same placement, new record). */
  prev: Measure | null;
  lastFollowup: Day | null;
  lastVisit: Day | null;
  ended: boolean;
}

/** A dated document about a child: plan, follow-up, conversation or supervision visit. */
export interface Doc {
  child: Child;
  day: Day;
  unit: number;
  type?: string | null;
  flag?: boolean | null;
  legacy: boolean;
}

export interface Worker {
  unit: number;
  fte: number;
  from: Day;
  to: Day | null;
}

/** What the simulation hands to rows.ts: the world's records once the period is over. */
export interface Simulation {
  muni: Municipality;
  windowStart: Day;
  asOf: Day;
  children: Child[];
  notifications: Notification[];
  bfus: Bfu[];
  measures: Measure[];
  cases: Case[];
  plans: Doc[];
  followups: Doc[];
  conversations: Doc[];
  visits: Doc[];
  workers: Worker[];
  population: { aar: number; antal: number }[];
}

export interface SimInput {
  muni: Municipality;
  rng: Rng;
  cprs: CprIssuer;
  windowStart: Day;
  asOf: Day;
}

export interface World {
  readonly muni: Municipality;
  readonly rng: Rng;
  readonly cprs: CprIssuer;
  /** The go-live day: the first day of the export window (the story in index.ts). */
  readonly W: Day;
  /** The as-of date: the simulation runs to the day before. */
  readonly asOf: Day;
  /** The municipality's size (1 = about 10,000 children aged 0–17). */
  readonly scale: number;
  /** Every child born in the period's 18 cohorts and after, in order of birth. */
  readonly children: Child[];
  readonly workers: Worker[];
  /** The caseworkers of each unit, in order of hiring. */
  readonly byUnit: Worker[][];
  readonly notifications: Notification[];
  readonly bfus: Bfu[];
  readonly measures: Measure[];
  readonly cases: Case[];
  readonly plans: Doc[];
  readonly followups: Doc[];
  readonly conversations: Doc[];
  readonly visits: Doc[];
  /** What happens on a later day (a measure ends, an investigation is completed, a case is closed). */
  readonly tasks: Map<Day, (() => void)[]>;
  /** Children placed and preventive measures running now, which the draws steer towards the targets. */
  placedChildren: number;
  preventive: number;
  readonly placedTarget: number;
  readonly preventiveTarget: number;
}

export function createWorld(input: SimInput): World {
  const s = input.muni.scale;
  return {
    muni: input.muni,
    rng: input.rng,
    cprs: input.cprs,
    W: input.windowStart,
    asOf: input.asOf,
    scale: s,
    children: [],
    workers: [],
    byUnit: input.muni.units.map(() => []),
    notifications: [],
    bfus: [],
    measures: [],
    cases: [],
    plans: [],
    followups: [],
    conversations: [],
    visits: [],
    tasks: new Map(),
    placedChildren: 0,
    preventive: 0,
    placedTarget: targets.placedChildren * s,
    preventiveTarget: targets.preventiveMeasures * s,
  };
}

export const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** How far day `d` lies into the period, 0 to 1. */
const progress = (w: World, d: Day) => clamp((d - w.W) / (w.asOf - w.W), 0, 1);

/** A story's [start, end] pair on day `d` (a straight line over the period). */
export const lerp = (w: World, [a, b]: readonly [number, number] | readonly number[], d: Day) => a + (b - a) * progress(w, d);

/** Probability that a duty arising on day `d` in unit `u` is met. */
export function p(w: World, duty: Duty, d: Day, u: number): number {
  const unit = w.muni.units[u];
  const dip = d >= LAW_CHANGE && d < LAW_CHANGE + 181 ? (lawChangeDip[duty] ?? 0) : 0;
  const extra = duty === "bfu4m" ? unit.bfu : 0;
  return clamp(lerp(w, compliance[duty], d) + unit.quality + extra + dip, 0.02, 0.995);
}

/** Runs `task` on day `d` (before that day's notifications); nothing on or after the as-of date happens. */
export function schedule(w: World, d: Day, task: () => void): void {
  if (d >= w.asOf) return;
  const list = w.tasks.get(d);
  if (list) list.push(task);
  else w.tasks.set(d, [task]);
}
