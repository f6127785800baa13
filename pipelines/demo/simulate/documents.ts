// The documents around a measure: the conversation with the child, plans, follow-ups and supervision visits,
// held more or less on time.
import { columnDefault } from "../../contract.ts";
import { type Day, addMonths } from "../dates.ts";
import { LAW_CHANGE } from "../story.ts";
import { ageOn } from "./population.ts";
import { type Child, type Doc, type Measure, type World, p } from "./world.ts";

/** What an empty type cell of a plan means (the contract's default). */
const PLAN_TYPE_DEFAULT = columnDefault("handleplaner", "type");

/** Adds a document to `list` unless it falls on or after the as-of date. */
export function doc(w: World, list: Doc[], c: Child, day: Day, unit: number, legacy: boolean, extra: Partial<Doc> = {}): void {
  if (day >= w.asOf) return;
  list.push({ child: c, day: Math.max(day, c.born), unit, legacy, ...extra });
}

/** A conversation with the child (left out, undladt, for most of the very young). */
export function conversation(w: World, c: Child, day: Day, unit: number, legacy: boolean): void {
  const { rng } = w;
  const small = ageOn(c, Math.max(day, c.born)) < 2;
  const undladt = small ? rng.chance(0.85) : rng.chance(0.02);
  doc(w, w.conversations, c, day, unit, legacy, { flag: undladt ? true : rng.chance(0.7) ? false : null });
}

/** The measure's plan (before it, within the deadline, late or never) and a placement's yearly revisions. */
export function plansFor(w: World, m: Measure): void {
  const { rng, plans } = w;
  const c = m.child;
  const u = m.unit;
  // A plan of the contract's default type is now and then exported with the cell empty (staging fills it in).
  const typeCell = (t: string) => (t === PLAN_TYPE_DEFAULT && rng.chance(0.25) ? null : t);
  if (m.prev) {
    if (rng.chance(0.7)) doc(w, plans, c, m.start + rng.int(-30, 60), u, m.legacy, { type: "revision" });
  } else if (m.start < LAW_CHANGE) {
    const r = rng.next();
    if (r < p(w, "handleplan", m.start, u)) doc(w, plans, c, m.start - rng.int(0, 45), u, m.legacy, { type: typeCell("ny") });
    else if (r < 0.93) doc(w, plans, c, m.start + rng.int(1, 120), u, m.legacy, { type: typeCell("ny") });
  } else if (m.placement) {
    const frist = m.consent === false ? m.start : addMonths(m.start, 3);
    const r = rng.next();
    if (r < p(w, "handleplan", m.start, u)) doc(w, plans, c, m.start - rng.int(0, 20) + rng.int(0, frist - m.start), u, m.legacy, { type: typeCell("ny") });
    else if (r < 0.93) doc(w, plans, c, frist + rng.int(1, 90), u, m.legacy, { type: typeCell("ny") });
  } else if (rng.chance(0.45)) {
    doc(w, plans, c, m.start + rng.int(-10, 60), u, m.legacy, { type: typeCell("ny") });
  }
  // Yearly revisions of placements while they last.
  if (m.placement) {
    for (let d = m.start + rng.int(330, 400); d <= Math.min(m.end, w.asOf - 1); d += rng.int(330, 400)) {
      doc(w, plans, c, d, u, m.legacy, { type: "revision" });
    }
  }
}

/** Follow-ups: the first due three months after the start, then every six months (a continued record goes on). */
export function followupsFor(w: World, m: Measure): void {
  const { rng, followups } = w;
  const c = m.child;
  const until = Math.min(m.end, w.asOf - 1);
  let last = m.prev?.lastFollowup ?? null;
  let due = last === null ? addMonths(m.start, 3) : addMonths(last, 6);
  if (last === null) {
    // The first follow-up, due three months after the start.
    const next = rng.chance(p(w, "opfoelgning", due, m.unit)) ? m.start + rng.int(60, due - m.start) : due + rng.int(5, 120);
    if (next > until) return;
    last = next;
    doc(w, followups, c, next, m.unit, m.legacy);
    if (m.placement && rng.chance(0.4)) conversation(w, c, next, m.unit, m.legacy);
    due = addMonths(next, 6);
  }
  for (;;) {
    const next = rng.chance(p(w, "opfoelgning", due, m.unit)) ? due - rng.int(0, 60) : due + rng.int(20, 200);
    if (next > until) break;
    last = next;
    doc(w, followups, c, next, m.unit, m.legacy);
    if (m.placement && rng.chance(0.4)) conversation(w, c, next, m.unit, m.legacy);
    due = addMonths(next, 6);
  }
  m.lastFollowup = last;
}

/** A placement's supervision visits, mostly every three to six months. */
export function visitsFor(w: World, m: Measure): void {
  const { rng } = w;
  const c = m.child;
  const until = Math.min(m.end, w.asOf - 1);
  let last = m.prev?.lastVisit ?? null;
  let next = last === null ? m.start + rng.int(20, 90) : last + rng.int(90, 180);
  while (next <= until) {
    const age = ageOn(c, next);
    const alone = age >= 7 ? rng.chance(0.88) : rng.chance(0.6) ? false : null;
    doc(w, w.visits, c, next, m.unit, m.legacy, { flag: alone });
    last = next;
    next += rng.chance(p(w, "tilsyn", next, m.unit)) ? rng.int(90, 180) : rng.int(190, 330);
  }
  m.lastVisit = last;
}
