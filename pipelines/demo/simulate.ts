// One municipality simulated day by day from the start of the period to the day before the as-of date:
// notifications arrive, are assessed and acknowledged, some lead to investigations, investigations to
// measures, placements end, continue or step down the indsatstrappe; plans, follow-ups, conversations and
// supervision visits are held more or less on time. The result is typed records (simulate → rows.ts → files).
//
// The story of the period: the municipality went live with its current case system on `windowStart` (W),
// four years before the as-of date. What was active then was migrated: cases with their original dates,
// investigations whose four-month deadline had not yet passed (completed or not, so the first quarters'
// deadlines are judged on all of them), the last year's plans, follow-ups, conversations and visits, and
// every active measure — simulated from its real start (so its documents fall where they would), but
// registered in the new system from the go-live day (rows.ts), as were the caseworkers.
//
// Why not keep the measures' original start dates: the KPI mart reports every quarter since 2015 in which a
// KPI has a row, and a stock KPI (placed children, caseload, follow-ups, visits) has a row in every quarter
// in which some record is active. Measures dating back to 2015 therefore produced 2015–2022 quarters counting
// only the placements that survived to W, with no visits, follow-ups or notifications behind them — figures
// that look real and are not. Generating the whole history instead would make a twelve-year demo, not the
// four years the issue asks for. So nothing in the export is active before W, every KPI's first reported
// quarter lies in the window, and each reported quarter has the data to judge it. The price is the go-live
// itself, visible in W's quarter as after a real conversion: a burst of "new" measure records (KPI 10), about
// half of them without a conversation with the child in the six months before (KPI 12); follow-ups, visits
// and steps down the indsatstrappe (KPIs 13, 14, 19) are judged once their look-back lies after go-live.
import { type CprIssuer } from "./cpr-gen.ts";
import {
  type Day,
  type Minute,
  addMonths,
  addWorkingDays,
  addYears,
  isWorkingDay,
  nextWorkingDay,
  parts,
  ymd,
  yearOf,
} from "./dates.ts";
import type { Municipality } from "./municipality.ts";
import type { Rng } from "./random.ts";
import {
  type Duty,
  type Kilde,
  LAW_CHANGE,
  ageWeight,
  cohortSize,
  compliance,
  familyShareOfNewPlacements,
  familyWeights,
  fteWeights,
  institutionWeights,
  kilder,
  lawChangeDip,
  measureTypes,
  notificationsPerYear,
  ownRoomWeights,
  preventiveWeights,
  priceIndexPerYear,
  reasonsForOverrun,
  targets,
  weekendKilder,
} from "./story.ts";

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

// Weight tables used in the simulation (constants, so the weighted draw prepares each once).
const afterPlacement = { kontaktperson: 50, familiebehandling: 35, praktisk_paedagogisk_stoette: 15 };
const outcomeOpenCase = { eksisterende_sag: 72, ingen_handling: 8, raadgivning: 8, boernefaglig_undersoegelse: 9, andet: 3 };
const outcomeSerious = { boernefaglig_undersoegelse: 58, akut_foranstaltning: 8, raadgivning: 14, ingen_handling: 10, videresendt: 5, andet: 5 };
const outcomeOther = { ingen_handling: 31, raadgivning: 26, boernefaglig_undersoegelse: 30, akut_foranstaltning: 1.2, videresendt: 6, andet: 5 };
const ackWorkingDays = { "0": 10, "1": 30, "2": 25, "3": 15, "4": 8, "5": 6, "6": 6 };

/** The preventive weights without one type (a different second or next measure). */
const preventiveExcept = (() => {
  const cache = new Map<string, Record<string, number>>();
  return (type: string) => {
    let w = cache.get(type);
    if (!w) cache.set(type, (w = Object.fromEntries(Object.entries(preventiveWeights).filter(([k]) => k !== type))));
    return w;
  };
})();

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function simulate(input: SimInput): Simulation {
  const { muni, rng, cprs, windowStart: W, asOf } = input;
  const s = muni.scale;
  const span = asOf - W;
  const progress = (d: Day) => clamp((d - W) / span, 0, 1);
  const lerp = ([a, b]: readonly [number, number] | readonly number[], d: Day) => a + (b - a) * progress(d);

  /** Probability that a duty arising on day `d` in unit `u` is met. */
  const p = (duty: Duty, d: Day, u: number) => {
    const unit = muni.units[u];
    const dip = d >= LAW_CHANGE && d < LAW_CHANGE + 181 ? (lawChangeDip[duty] ?? 0) : 0;
    const extra = duty === "bfu4m" ? unit.bfu : 0;
    return clamp(lerp(compliance[duty], d) + unit.quality + extra + dip, 0.02, 0.995);
  };

  // --- Population: birth cohorts covering every child aged 0–17 on 1 January of the first year.
  const children: Child[] = [];
  const firstYear = yearOf(W);
  const bornFrom = ymd(firstYear - 18, 1, 2);
  const cumDistrict: number[] = [];
  muni.districtWeights.reduce((acc, w, i) => (cumDistrict[i] = acc + w), 0);
  const districtTotal = cumDistrict[cumDistrict.length - 1];
  for (let y = firstYear - 18; y <= yearOf(asOf); y++) {
    const yearStart = Math.max(ymd(y, 1, 1), bornFrom);
    const yearEnd = Math.min(ymd(y, 12, 31), asOf - 1);
    if (yearEnd < yearStart) continue;
    const fullYear = ymd(y, 12, 31) - ymd(y, 1, 1) + 1;
    const n = Math.round(((cohortSize * s * (1 + 0.004 * (y - 2010))) * (yearEnd - yearStart + 1)) / fullYear);
    const days: Day[] = [];
    for (let i = 0; i < n; i++) days.push(rng.int(yearStart, yearEnd));
    days.sort((a, b) => a - b);
    for (const born of days) {
      const boy = rng.chance(0.513);
      const r = rng.next() * districtTotal;
      const district = cumDistrict.findIndex((c) => r < c);
      children.push({
        cpr: cprs.issue(born, boy),
        born,
        lastMinorDay: addYears(born, 18) - 1,
        boy,
        district,
        kase: null,
        bfu: null,
        bfuCount: 0,
        measures: [],
        lastPlan: null,
      });
    }
  }
  const ageOn = (c: Child, d: Day) => {
    const a = parts(c.born);
    const b = parts(d);
    return b.y - a.y - (b.m < a.m || (b.m === a.m && b.d < a.d) ? 1 : 0);
  };
  /** Index of the first child born on or after `d`. */
  const firstBornOnOrAfter = (d: Day) => {
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (children[mid].born < d) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** A random child of exactly `age` on day `d`, or null. */
  const childOfAge = (age: number, d: Day): Child | null => {
    const from = firstBornOnOrAfter(addYears(d, -(age + 1)) + 1);
    const to = firstBornOnOrAfter(addYears(d, -age) + 1);
    if (to <= from) return null;
    return children[rng.int(from, to - 1)];
  };
  const unitFor = (c: Child, d: Day): number => {
    const age = ageOn(c, d);
    const youth = muni.units.findIndex((u) => u.fromAge !== undefined && age >= u.fromAge);
    if (youth >= 0) return youth;
    const u = muni.units.findIndex((x) => x.districts.includes(c.district));
    return u >= 0 ? u : 0;
  };

  // --- Caseworkers: positions per unit, each a line of employees with turnover and vacancies.
  const workers: Worker[] = [];
  const byUnit: Worker[][] = muni.units.map(() => []);
  const hire = (unit: number, from: Day, to: Day | null) => {
    const w: Worker = { unit, fte: Number(rng.weighted(fteWeights)), from, to };
    workers.push(w);
    byUnit[unit].push(w);
  };
  muni.units.forEach((unit, u) => {
    const positions = Math.max(2, Math.round(unit.positions * s));
    // Extra positions from the start of the third year: the committee's investment in lower caseloads.
    const extra = Math.max(1, Math.round(positions / 4));
    for (let i = 0; i < positions + extra; i++) {
      let from = i < positions ? W - rng.int(30, 365 * 12) : W + Math.round(span * 0.55) + rng.int(0, 60);
      while (from < asOf) {
        const to = from + Math.max(60, Math.round(rng.exponential(unit.tenureYears * 365)));
        if (to >= asOf - 1) {
          hire(u, from, null);
          break;
        }
        hire(u, from, to);
        from = to + rng.int(20, 120);
      }
    }
  });
  const workerFor = (u: number, d: Day, keep?: Worker): Worker => {
    if (keep && keep.from <= d && (keep.to === null || keep.to >= d)) return keep;
    const active = byUnit[u].filter((w) => w.from <= d && (w.to === null || w.to >= d));
    if (active.length > 0) return rng.pick(active);
    // A vacancy everywhere in the unit: the most recently hired covers.
    return byUnit[u].reduce((a, b) => (b.from <= d && b.from > a.from ? b : a), byUnit[u][0]);
  };

  // --- State and outputs.
  const notifications: Notification[] = [];
  const bfus: Bfu[] = [];
  const measures: Measure[] = [];
  const cases: Case[] = [];
  const plans: Doc[] = [];
  const followups: Doc[] = [];
  const conversations: Doc[] = [];
  const visits: Doc[] = [];
  const tasks = new Map<Day, (() => void)[]>();
  const schedule = (d: Day, task: () => void) => {
    if (d >= asOf) return;
    const list = tasks.get(d);
    if (list) list.push(task);
    else tasks.set(d, [task]);
  };
  let placedChildren = 0;
  let preventive = 0;
  const placedTarget = targets.placedChildren * s;
  const preventiveTarget = targets.preventiveMeasures * s;

  const openCase = (c: Child, d: Day, legacy = false): Case => {
    if (c.kase) return c.kase;
    const unit = unitFor(c, d);
    const k: Case = { child: c, unit, opened: Math.max(d, c.born), closed: null, worker: workerFor(unit, d), legacy };
    c.kase = k;
    cases.push(k);
    return k;
  };
  const maybeClose = (c: Child, d: Day) => {
    const k = c.kase;
    if (!k || c.bfu || c.measures.length > 0) return;
    const at = Math.min(d + rng.int(3, 50), c.lastMinorDay + rng.int(0, 20));
    schedule(Math.max(at, d), () => {
      if (c.kase === k && !c.bfu && c.measures.length === 0) {
        k.closed = Math.max(at, d);
        c.kase = null;
      }
    });
  };

  // --- Documents around a measure.
  const doc = (list: Doc[], c: Child, day: Day, unit: number, legacy: boolean, extra: Partial<Doc> = {}) => {
    if (day >= asOf) return;
    list.push({ child: c, day: Math.max(day, c.born), unit, legacy, ...extra });
  };
  const conversation = (c: Child, day: Day, unit: number, legacy: boolean) => {
    const small = ageOn(c, Math.max(day, c.born)) < 2;
    const undladt = small ? rng.chance(0.85) : rng.chance(0.02);
    doc(conversations, c, day, unit, legacy, { flag: undladt ? true : rng.chance(0.7) ? false : null });
  };
  const plansFor = (m: Measure) => {
    const c = m.child;
    const u = m.unit;
    const typeCell = (t: string) => (t === "ny" && rng.chance(0.25) ? null : t);
    if (m.prev) {
      if (rng.chance(0.7)) doc(plans, c, m.start + rng.int(-30, 60), u, m.legacy, { type: "revision" });
    } else if (m.start < LAW_CHANGE) {
      const r = rng.next();
      if (r < p("handleplan", m.start, u)) doc(plans, c, m.start - rng.int(0, 45), u, m.legacy, { type: typeCell("ny") });
      else if (r < 0.93) doc(plans, c, m.start + rng.int(1, 120), u, m.legacy, { type: typeCell("ny") });
    } else if (m.placement) {
      const frist = m.consent === false ? m.start : addMonths(m.start, 3);
      const r = rng.next();
      if (r < p("handleplan", m.start, u)) doc(plans, c, m.start - rng.int(0, 20) + rng.int(0, frist - m.start), u, m.legacy, { type: typeCell("ny") });
      else if (r < 0.93) doc(plans, c, frist + rng.int(1, 90), u, m.legacy, { type: typeCell("ny") });
    } else if (rng.chance(0.45)) {
      doc(plans, c, m.start + rng.int(-10, 60), u, m.legacy, { type: typeCell("ny") });
    }
    // Yearly revisions of placements while they last.
    if (m.placement) {
      for (let d = m.start + rng.int(330, 400); d <= Math.min(m.end, asOf - 1); d += rng.int(330, 400)) {
        doc(plans, c, d, u, m.legacy, { type: "revision" });
      }
    }
  };
  const followupsFor = (m: Measure) => {
    const c = m.child;
    const until = Math.min(m.end, asOf - 1);
    let last = m.prev?.lastFollowup ?? null;
    let due = last === null ? addMonths(m.start, 3) : addMonths(last, 6);
    if (last === null) {
      // The first follow-up, due three months after the start.
      const next = rng.chance(p("opfoelgning", due, m.unit)) ? m.start + rng.int(60, due - m.start) : due + rng.int(5, 120);
      if (next > until) return;
      last = next;
      doc(followups, c, next, m.unit, m.legacy);
      if (m.placement && rng.chance(0.4)) conversation(c, next, m.unit, m.legacy);
      due = addMonths(next, 6);
    }
    for (;;) {
      const next = rng.chance(p("opfoelgning", due, m.unit)) ? due - rng.int(0, 60) : due + rng.int(20, 200);
      if (next > until) break;
      last = next;
      doc(followups, c, next, m.unit, m.legacy);
      if (m.placement && rng.chance(0.4)) conversation(c, next, m.unit, m.legacy);
      due = addMonths(next, 6);
    }
    m.lastFollowup = last;
  };
  const visitsFor = (m: Measure) => {
    const c = m.child;
    const until = Math.min(m.end, asOf - 1);
    let last = m.prev?.lastVisit ?? null;
    let next = last === null ? m.start + rng.int(20, 90) : last + rng.int(90, 180);
    while (next <= until) {
      const age = ageOn(c, next);
      const alone = age >= 7 ? rng.chance(0.88) : rng.chance(0.6) ? false : null;
      doc(visits, c, next, m.unit, m.legacy, { flag: alone });
      last = next;
      next += rng.chance(p("tilsyn", next, m.unit)) ? rng.int(90, 180) : rng.int(190, 330);
    }
    m.lastVisit = last;
  };

  // --- Measures.
  // The weights restricted to the types a child of this age can have, prepared once per (weights, age).
  const byAge = new Map<Record<string, number>, Record<string, number>[]>();
  const pickType = (weights: Record<string, number>, age: number): string => {
    let list = byAge.get(weights);
    if (!list) byAge.set(weights, (list = []));
    let ok = list[age];
    if (!ok) {
      ok = {};
      for (const [k, w] of Object.entries(weights)) {
        const t = measureTypes[k];
        if (age >= t.minAge && age <= t.maxAge) ok[k] = w;
      }
      list[age] = ok;
    }
    return Object.keys(ok).length ? rng.weighted(ok) : Object.keys(weights)[0];
  };
  const placementType = (age: number, d: Day, group?: string): string => {
    let g = group;
    if (!g) {
      // Eget værelse, kollegium, kost- and efterskole: about one placement in ten nationally (Ankestyrelsen).
      if (age >= 14 && rng.chance(0.6)) g = "eget_vaerelse_kostskole";
      else {
        const family = age <= 5 ? Math.max(0.9, lerp(familyShareOfNewPlacements, d)) : lerp(familyShareOfNewPlacements, d);
        g = rng.chance(family) ? "familiebaseret" : "institution";
      }
    }
    if (g === "familiebaseret") return pickType(familyWeights, age);
    if (g === "institution") return pickType(institutionWeights, age);
    return age >= 13 ? pickType(ownRoomWeights, age) : pickType(familyWeights, age);
  };
  const costFor = (type: string, start: Day) => {
    if (rng.chance(0.05)) return null;
    const t = measureTypes[type];
    const index = Math.pow(1 + priceIndexPerYear, Math.max(0, yearOf(start) - 2022));
    return Math.round(t.cost * index * Math.exp(0.15 * rng.normal()));
  };
  const durationFor = (type: string) => {
    const t = measureTypes[type];
    return Math.max(14, Math.round(rng.lognormal(t.median, t.gruppe === "forebyggende" ? 0.75 : 0.8)));
  };

  /** Creates a measure record and its documents; schedules its end. */
  const addMeasure = (
    c: Child,
    type: string,
    start: Day,
    opts: { end?: Day; consent?: boolean | null; legacy?: boolean; prev?: Measure | null; unit?: number } = {},
  ): Measure | null => {
    const t = measureTypes[type];
    if (start > c.lastMinorDay || start < c.born) return null;
    const placement = t.gruppe !== "forebyggende";
    const kase = c.kase ?? openCase(c, start, opts.legacy);
    const unit = opts.unit ?? kase.unit;
    const end = Math.min(opts.end ?? start + durationFor(type), c.lastMinorDay);
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
      cost: opts.prev && opts.prev.cost !== null ? Math.round(opts.prev.cost * 1.03) : costFor(type, start),
      unit,
      worker: workerFor(unit, start, kase.worker),
      paragraf,
      legacy: opts.legacy ?? false,
      prev: opts.prev ?? null,
      lastFollowup: null,
      lastVisit: null,
      ended: false,
    };
    measures.push(m);
    c.measures.push(m);
    if (placement) placedChildren += c.measures.filter((x) => x.placement).length === 1 ? 1 : 0;
    else preventive++;
    if (!m.prev) {
      // The conversation with the child before the decision.
      const r = rng.next();
      if (r < p("boernesamtale", start, unit)) conversation(c, start - rng.int(0, 120), unit, m.legacy);
      else if (r < 0.6 + 0.4 * p("boernesamtale", start, unit)) conversation(c, start + rng.int(1, 60), unit, m.legacy);
    }
    plansFor(m);
    followupsFor(m);
    if (placement) visitsFor(m);
    schedule(end + 1, () => endMeasure(m, end));
    return m;
  };

  const endMeasure = (m: Measure, plannedEnd: Day) => {
    if (m.ended || m.end !== plannedEnd) return;
    m.ended = true;
    const c = m.child;
    c.measures = c.measures.filter((x) => x !== m);
    if (m.placement) placedChildren -= c.measures.some((x) => x.placement) ? 0 : 1;
    else preventive--;
    const next = m.end + 1;
    if (next > c.lastMinorDay) return maybeClose(c, next);
    const age = ageOn(c, next);
    if (m.placement) {
      const group = measureTypes[m.type].gruppe;
      const r = rng.next();
      if (r < 0.12) {
        // The same placement continues in a new record (new decision, new provider contract). Mostly the next
        // day, sometimes the same day, and now and then with a one-day gap (which breaks the continuity).
        const g = rng.next();
        const start = g < 0.8 ? next : g < 0.9 ? m.end : next + 1;
        addMeasure(c, m.type, start, { consent: m.consent, prev: m, unit: m.unit });
      } else if (group === "institution" && r < 0.45) {
        addMeasure(c, placementType(age, next, "familiebaseret"), next, { consent: m.consent, prev: m, unit: m.unit });
      } else if (r < 0.65) {
        addMeasure(c, pickType(afterPlacement, age), next + rng.int(0, 14));
      }
    } else if (rng.chance(0.25)) {
      addMeasure(c, pickType(preventiveExcept(m.type), age), next + rng.int(0, 30));
    } else if (rng.chance(0.05 * clamp(placedTarget / Math.max(1, placedChildren), 0.3, 3)) && !c.measures.some((x) => x.placement)) {
      addMeasure(c, placementType(age, next), next + rng.int(0, 30));
    }
    maybeClose(c, next);
  };

  // --- Investigations.
  const completion = (start: Day, u: number): { end: Day; reason: string | null } => {
    const frist = addMonths(start, 4);
    if (rng.chance(p("bfu4m", start, u))) {
      return { end: start + Math.round(25 + (frist - start - 25) * Math.pow(rng.next(), 0.6)), reason: null };
    }
    const end = frist + 1 + Math.round(rng.exponential(45));
    const reason = rng.chance(p("bfuBegrundet", frist, u)) ? rng.pick(reasonsForOverrun) : null;
    return { end, reason };
  };
  const startBfu = (c: Child, start: Day, legacy = false, alvorlig = false): Bfu => {
    const kase = c.kase ?? openCase(c, start, legacy);
    const { end, reason } = completion(start, kase.unit);
    const type = c.bfuCount > 0 && rng.chance(0.3) ? "supplerende" : rng.chance(0.2) ? null : "ny";
    const b: Bfu = { child: c, start, end, reason, type, unit: kase.unit, worker: workerFor(kase.unit, start, kase.worker), legacy };
    c.bfu = b;
    c.bfuCount++;
    bfus.push(b);
    if (rng.chance(0.85)) conversation(c, start + rng.int(7, 60), kase.unit, legacy);
    schedule(end, () => finishBfu(b, alvorlig));
    return b;
  };
  const finishBfu = (b: Bfu, alvorlig: boolean) => {
    const c = b.child;
    if (c.bfu === b) c.bfu = null;
    const d = b.end as Day;
    const age = ageOn(c, d);
    const placed = c.measures.some((x) => x.placement);
    const pPlace = clamp(0.16 * Math.pow(placedTarget / Math.max(1, placedChildren), 3), 0.02, 0.6) * (alvorlig ? 1.8 : 1);
    const pPrev = clamp(0.6 * Math.pow(preventiveTarget / Math.max(1, preventive), 2), 0.1, 0.98);
    if (!placed && rng.chance(pPlace)) {
      addMeasure(c, placementType(age, d), d + rng.int(0, 21));
    } else if (rng.chance(pPrev)) {
      const first = pickType(preventiveWeights, age);
      addMeasure(c, first, d + rng.int(0, 30));
      if (rng.chance(0.3)) {
        addMeasure(c, pickType(preventiveExcept(first), age), d + rng.int(0, 45));
      }
    }
    maybeClose(c, d);
  };

  // --- Migrated state on the first day: placements, preventive measures, open investigations.
  const agedOnW = (weights: number[]): Child => {
    for (;;) {
      const age = rng.weighted(Object.fromEntries(weights.map((w, i) => [String(i), w])) as Record<string, number>);
      const c = childOfAge(Number(age), W);
      if (c && !c.kase) return c;
    }
  };
  /** A start before `W` for a record of this length, drawn as a stationary process would have it (length-biased). */
  const legacySpan = (type: string, c: Child): { start: Day; end: Day } | null => {
    for (let tries = 0; tries < 200; tries++) {
      const d = durationFor(type);
      if (rng.next() > d / (measureTypes[type].median * 8)) continue;
      const start = Math.max(c.born + rng.int(0, 30), W - 1 - Math.floor(rng.next() * d));
      if (start >= W) continue;
      return { start, end: Math.max(W, start + d) };
    }
    return null;
  };
  const placedAges = [3, 2, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 7, 9, 11, 12, 11];
  for (let i = 0; i < Math.round(placedTarget); i++) {
    const c = agedOnW(placedAges);
    const age = ageOn(c, W);
    const r = rng.next();
    const group = age >= 14 && r < 0.3 ? "eget_vaerelse_kostskole" : r < 0.57 ? "familiebaseret" : "institution";
    const type = placementType(age, W, group);
    const span = legacySpan(type, c);
    if (!span) continue;
    openCase(c, Math.max(c.born, span.start - rng.int(30, 400)), true);
    addMeasure(c, type, span.start, { end: span.end, legacy: true });
  }
  const preventiveAges = [2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 5, 4, 3];
  for (let i = 0; i < Math.round(preventiveTarget * 0.8); i++) {
    const c = agedOnW(preventiveAges);
    const age = ageOn(c, W);
    const type = pickType(preventiveWeights, age);
    const span = legacySpan(type, c);
    if (!span) continue;
    openCase(c, Math.max(c.born, span.start - rng.int(30, 200)), true);
    addMeasure(c, type, span.start, { end: span.end, legacy: true });
    if (rng.chance(0.2)) {
      const second = pickType(preventiveWeights, age);
      const span2 = legacySpan(second, c);
      if (span2 && second !== type) addMeasure(c, second, span2.start, { end: span2.end, legacy: true });
    }
  }
  const bfusPerYear = 0.27 * lerp(notificationsPerYear, W) * s;
  // Investigations started in the four months before W (deadline on or after W), completed or not; older ones
  // were all completed in the old system, so no deadline before W is reported on.
  const back = W - addMonths(W, -4);
  for (let i = 0; i < Math.round((bfusPerYear * back) / 365); i++) {
    const c = agedOnW(preventiveAges);
    const start = W - rng.int(1, back);
    if (start < c.born) continue;
    const b = startBfu(c, start, true);
    if (b.end !== null && b.end < W) {
      c.bfu = null;
      if (c.measures.length === 0 && c.kase) {
        c.kase.closed = Math.min(W - 1, b.end + rng.int(3, 50));
        c.kase = null;
      }
    }
  }

  // --- The law change: some placements were re-registered under Barnets Lov as new records from 1 January 2024.
  if (LAW_CHANGE > W && LAW_CHANGE < asOf) {
    schedule(LAW_CHANGE, () => {
      for (const m of [...measures]) {
        if (!m.placement || m.ended || m.start >= LAW_CHANGE || m.end < LAW_CHANGE || !rng.chance(0.08)) continue;
        const plannedEnd = m.end;
        m.end = LAW_CHANGE - 1;
        endMeasureForReRegistration(m, plannedEnd);
      }
    });
  }
  const endMeasureForReRegistration = (m: Measure, plannedEnd: Day) => {
    m.ended = true;
    const c = m.child;
    c.measures = c.measures.filter((x) => x !== m);
    placedChildren -= c.measures.some((x) => x.placement) ? 0 : 1;
    addMeasure(c, m.type, LAW_CHANGE, { end: plannedEnd, consent: m.consent, prev: m, unit: m.unit });
  };

  // --- Day by day.
  // Age weights per source, as the weighted draw wants them.
  const ageWeights = Object.fromEntries(
    (Object.keys(kilder) as Kilde[]).map((k) => [k, Object.fromEntries(Array.from({ length: 18 }, (_, a) => [String(a), ageWeight(k, a)]))]),
  ) as Record<Kilde, Record<string, number>>;
  // Children notified in the last 12 months (a queue: `recentHead` is its first live entry).
  let recent: { child: Child; day: Day }[] = [];
  let recentHead = 0;
  for (let d = W; d < asOf; d++) {
    for (const task of tasks.get(d) ?? []) task();
    tasks.delete(d);
    const working = isWorkingDay(d);
    const rate = (lerp(notificationsPerYear, d) * s) / 365;
    const n = rng.poisson(rate * (working ? 1.29 : 0.45));
    for (let i = 0; i < n; i++) {
      let child: Child | null = null;
      let kilde: Kilde = "skole";
      // Repeats draw on the last year's notified children; the pool is young in the first months, so fewer then.
      const repeat = recent.length > recentHead && rng.chance(0.45 * Math.min(1, 0.3 + (d - W) / 365));
      for (let tries = 0; tries < 20 && !child; tries++) {
        kilde = working ? rng.weighted(kilder) : (rng.weighted(weekendKilder as Record<Kilde, number>) as Kilde);
        if (repeat) {
          const r = recent[rng.int(recentHead, recent.length - 1)];
          const age = ageOn(r.child, d);
          if (age <= 17 && rng.next() * 4 < ageWeight(kilde, age)) child = r.child;
        } else {
          child = childOfAge(Number(rng.weighted(ageWeights[kilde])), d);
        }
      }
      if (!child) continue;
      notify(child, d, kilde);
      recent.push({ child, day: d });
    }
    while (recentHead < recent.length && recent[recentHead].day < d - 365) recentHead++;
    if (recentHead > 5000) {
      recent = recent.slice(recentHead);
      recentHead = 0;
    }
  }

  function notify(c: Child, d: Day, kilde: Kilde) {
    const professional = ["skole", "dagtilbud", "sundhed", "politi", "kommune", "tilbud"].includes(kilde);
    const officeHours = ["skole", "dagtilbud", "kommune", "tilbud"].includes(kilde) || (kilde === "sundhed" && rng.chance(0.8));
    const minuteOfDay = officeHours ? rng.int(7 * 60 + 45, 16 * 60) : kilde === "politi" ? rng.int(0, 1439) : rng.int(7 * 60, 22 * 60);
    const modtaget = d * 1440 + minuteOfDay;
    const unit = c.kase ? c.kase.unit : unitFor(c, d);
    // fagperson: mostly exported, sometimes left empty (derived from kilde); a professional now and then under "andet".
    const fagpersonValue = kilde === "andet" && rng.chance(0.25) ? true : professional;
    const fagperson = rng.chance(0.15) ? null : fagpersonValue;
    const effectiveFagperson = fagperson ?? professional;
    const alvorlig = rng.chance(0.05) ? null : rng.chance(kilde === "politi" ? 0.18 : 0.06);
    // The 24-hour assessment.
    let vurderet: Minute | null;
    if (rng.chance(0.005)) vurderet = null;
    else if (rng.chance(p("vurderet24t", d, unit))) vurderet = modtaget + Math.min(1439, Math.round(rng.lognormal(150, 1)));
    else vurderet = modtaget + 1441 + Math.round(rng.exponential(1800));
    if (vurderet !== null && vurderet >= asOf * 1440) vurderet = null;
    // Acknowledgement to the notifier within 6 working days (required for professionals).
    let kvitteret: Day | null = null;
    if (kilde !== "anonym" && (effectiveFagperson || rng.chance(0.5)) && !rng.chance(0.02)) {
      kvitteret = rng.chance(p("kvitteret6", d, unit))
        ? addWorkingDays(d, Number(rng.weighted(ackWorkingDays)))
        : addWorkingDays(d, rng.int(7, 25));
      if (kvitteret >= asOf) kvitteret = null;
    }
    // The outcome.
    let udfald: string;
    if (c.kase && (c.bfu || c.measures.length > 0)) {
      udfald = c.bfu ? "eksisterende_sag" : rng.weighted(outcomeOpenCase);
    } else if (alvorlig) {
      udfald = rng.weighted(outcomeSerious);
    } else {
      udfald = rng.weighted(outcomeOther);
    }
    const decided = nextWorkingDay(Math.floor((vurderet ?? modtaget) / 1440)) + (rng.chance(0.6) ? 0 : rng.int(1, 12));
    let udfaldDato: Day | null = decided;
    if (decided >= asOf) udfaldDato = null;
    notifications.push({
      child: c,
      modtaget,
      kilde,
      fagperson,
      vurderet,
      kvitteret,
      udfald: udfaldDato === null ? null : udfald,
      udfaldDato,
      alvorlig,
      unit,
      district: rng.chance(0.03) ? null : muni.districts[c.district],
    });
    if (udfaldDato === null) return;
    if (udfald === "akut_foranstaltning" && !c.measures.some((x) => x.placement)) {
      // An emergency placement, usually without consent, followed by an investigation.
      addMeasure(c, placementType(ageOn(c, d), d), d, {
        consent: rng.chance(0.02) ? null : !rng.chance(0.35),
        end: d + (rng.chance(0.4) ? Math.round(rng.lognormal(45, 0.5)) : durationFor("plejefamilie")),
      });
      if (!c.bfu) startBfu(c, udfaldDato, false, true);
    } else if (udfald === "boernefaglig_undersoegelse" && !c.bfu) {
      startBfu(c, udfaldDato + rng.int(0, 7), false, alvorlig === true);
    } else if (udfald === "raadgivning" && !c.kase && rng.chance(0.2 * clamp(preventiveTarget / Math.max(1, preventive), 0.5, 2))) {
      // Early help without an investigation (a § 11-type offer): its own small case.
      addMeasure(c, rng.chance(0.6) ? "anden_forebyggende" : "familiebehandling", udfaldDato + rng.int(3, 30));
    }
  }

  // --- Population on 1 January, counted from the same children.
  const population: { aar: number; antal: number }[] = [];
  for (let y = firstYear; y <= yearOf(asOf); y++) {
    const jan1 = ymd(y, 1, 1);
    const antal = firstBornOnOrAfter(jan1 + 1) - firstBornOnOrAfter(addYears(jan1, -18) + 1);
    population.push({ aar: y, antal });
  }

  // The case's caseworker as the export shows it: the one holding it at closing, or now.
  // Likewise measures and investigations: the caseworker at their end, or now (leavers hand their work on).
  for (const k of cases) k.worker = workerFor(k.unit, k.closed ?? asOf - 1, k.worker);
  for (const m of measures) m.worker = workerFor(m.unit, Math.min(m.end, asOf - 1), m.worker);
  for (const b of bfus) b.worker = workerFor(b.unit, Math.min(b.end ?? asOf - 1, asOf - 1), b.worker);

  return { muni, windowStart: W, asOf, children, notifications, bfus, measures, cases, plans, followups, conversations, visits, workers, population };
}
