// Day by day from go-live to the day before the as-of date: the day's scheduled tasks, then the day's
// notifications — who notifies about which child, the 24-hour assessment, the acknowledgement, the outcome and
// what it starts (an emergency placement, an investigation, early help).
import { type Day, type Minute, addWorkingDays, isWorkingDay, nextWorkingDay } from "../dates.ts";
import { type Kilde, ageWeight, kilder, notificationsPerYear, weekendKilder } from "../story.ts";
import { professionalSources } from "../seeds.ts";
import { startBfu } from "./investigations.ts";
import { addMeasure, durationFor, placementType } from "./measures.ts";
import { ageOn, childOfAge, unitFor } from "./population.ts";
import { type Child, type World, clamp, lerp, p } from "./world.ts";

// Weight tables of the outcome and the acknowledgement (constants, so the weighted draw prepares each once).
const outcomeOpenCase = { eksisterende_sag: 72, ingen_handling: 8, raadgivning: 8, boernefaglig_undersoegelse: 9, andet: 3 };
const outcomeSerious = { boernefaglig_undersoegelse: 58, akut_foranstaltning: 8, raadgivning: 14, ingen_handling: 10, videresendt: 5, andet: 5 };
const outcomeOther = { ingen_handling: 31, raadgivning: 26, boernefaglig_undersoegelse: 30, akut_foranstaltning: 1.2, videresendt: 6, andet: 5 };
const ackWorkingDays = { "0": 10, "1": 30, "2": 25, "3": 15, "4": 8, "5": 6, "6": 6 };

/** The sources that are professionals (fagpersoner: the seed kilder's), and those that notify in office hours. */
const professionals: readonly string[] = professionalSources();
const officeHourSources: readonly string[] = ["skole", "dagtilbud", "kommune", "tilbud"];

/** Runs the period, day by day: each day's tasks, then its notifications. */
export function runDays(w: World): void {
  const { rng, W, asOf } = w;
  // Age weights per source, as the weighted draw wants them.
  const ageWeights = Object.fromEntries(
    (Object.keys(kilder) as Kilde[]).map((k) => [k, Object.fromEntries(Array.from({ length: 18 }, (_, a) => [String(a), ageWeight(k, a)]))]),
  ) as Record<Kilde, Record<string, number>>;
  // Children notified in the last 12 months (a queue: `recentHead` is its first live entry).
  let recent: { child: Child; day: Day }[] = [];
  let recentHead = 0;
  for (let d = W; d < asOf; d++) {
    for (const task of w.tasks.get(d) ?? []) task();
    w.tasks.delete(d);
    const working = isWorkingDay(d);
    const rate = (lerp(w, notificationsPerYear, d) * w.scale) / 365;
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
          child = childOfAge(w, Number(rng.weighted(ageWeights[kilde])), d);
        }
      }
      if (!child) continue;
      notify(w, child, d, kilde);
      recent.push({ child, day: d });
    }
    while (recentHead < recent.length && recent[recentHead].day < d - 365) recentHead++;
    if (recentHead > 5000) {
      recent = recent.slice(recentHead);
      recentHead = 0;
    }
  }
}

/** One notification about child `c` on day `d` from `kilde`, and what it starts. */
function notify(w: World, c: Child, d: Day, kilde: Kilde): void {
  const { rng, asOf } = w;
  const professional = professionals.includes(kilde);
  const officeHours = officeHourSources.includes(kilde) || (kilde === "sundhed" && rng.chance(0.8));
  const minuteOfDay = officeHours ? rng.int(7 * 60 + 45, 16 * 60) : kilde === "politi" ? rng.int(0, 1439) : rng.int(7 * 60, 22 * 60);
  const modtaget = d * 1440 + minuteOfDay;
  const unit = c.kase ? c.kase.unit : unitFor(w, c, d);
  // fagperson: mostly exported, sometimes left empty (derived from kilde); a professional now and then under "andet".
  const fagpersonValue = kilde === "andet" && rng.chance(0.25) ? true : professional;
  const fagperson = rng.chance(0.15) ? null : fagpersonValue;
  const effectiveFagperson = fagperson ?? professional;
  const alvorlig = rng.chance(0.05) ? null : rng.chance(kilde === "politi" ? 0.18 : 0.06);
  // The 24-hour assessment. Now and then it is recorded only 4–23 days later (a registration backlog, caught
  // up in the end, as a municipality following its deadline lists does): late like any late one, and the
  // outcome is decided from the notification itself. The delay is read from the minute of receipt, not
  // drawn, so no later draw moves (world.ts).
  let vurderet: Minute | null;
  const backlog = rng.chance(0.005);
  if (backlog) vurderet = modtaget + (4 + (modtaget % 20)) * 1440;
  else if (rng.chance(p(w, "vurderet24t", d, unit))) vurderet = modtaget + Math.min(1439, Math.round(rng.lognormal(150, 1)));
  else vurderet = modtaget + 1441 + Math.round(rng.exponential(1800));
  if (vurderet >= asOf * 1440) vurderet = null;
  // Acknowledgement to the notifier within 6 working days (required for professionals); a few are sent only
  // 26–60 working days later (the same backlog, the delay again read from the minute of receipt).
  let kvitteret: Day | null = null;
  if (kilde !== "anonym" && (effectiveFagperson || rng.chance(0.5))) {
    if (rng.chance(0.02)) kvitteret = addWorkingDays(d, 26 + (modtaget % 35));
    else
      kvitteret = rng.chance(p(w, "kvitteret6", d, unit))
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
  const decided = nextWorkingDay(Math.floor(((backlog ? null : vurderet) ?? modtaget) / 1440)) + (rng.chance(0.6) ? 0 : rng.int(1, 12));
  let udfaldDato: Day | null = decided;
  if (decided >= asOf) udfaldDato = null;
  w.notifications.push({
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
    district: rng.chance(0.03) ? null : w.muni.districts[c.district],
  });
  if (udfaldDato === null) return;
  if (udfald === "akut_foranstaltning" && !c.measures.some((x) => x.placement)) {
    // An emergency placement, usually without consent, followed by an investigation.
    addMeasure(w, c, placementType(w, ageOn(c, d), d), d, {
      consent: rng.chance(0.02) ? null : !rng.chance(0.35),
      end: d + (rng.chance(0.4) ? Math.round(rng.lognormal(45, 0.5)) : durationFor(w, "plejefamilie")),
    });
    if (!c.bfu) startBfu(w, c, udfaldDato, false, true);
  } else if (udfald === "boernefaglig_undersoegelse" && !c.bfu) {
    startBfu(w, c, udfaldDato + rng.int(0, 7), false, alvorlig === true);
  } else if (udfald === "raadgivning" && !c.kase && rng.chance(0.2 * clamp(w.preventiveTarget / Math.max(1, w.preventive), 0.5, 2))) {
    // Early help without an investigation (a § 11-type offer): its own small case.
    addMeasure(w, c, rng.chance(0.6) ? "anden_forebyggende" : "familiebehandling", udfaldDato + rng.int(3, 30));
  }
}
