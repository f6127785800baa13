// The children: birth cohorts covering every child aged 0–17 on 1 January of the first year, each with a CPR
// number, a sex and a school district; and the questions the other steps ask about them (age, who is of an age,
// which unit serves a child).
import { type Day, addYears, parts, ymd, yearOf } from "../dates.ts";
import { cohortSize } from "../story.ts";
import type { Child, World } from "./world.ts";

/** Fills `w.children`, in order of birth. */
export function bornChildren(w: World): void {
  const { rng, W, asOf } = w;
  const firstYear = yearOf(W);
  const bornFrom = ymd(firstYear - 18, 1, 2);
  const cumDistrict: number[] = [];
  w.muni.districtWeights.reduce((acc, x, i) => (cumDistrict[i] = acc + x), 0);
  const districtTotal = cumDistrict[cumDistrict.length - 1];
  for (let y = firstYear - 18; y <= yearOf(asOf); y++) {
    const yearStart = Math.max(ymd(y, 1, 1), bornFrom);
    const yearEnd = Math.min(ymd(y, 12, 31), asOf - 1);
    if (yearEnd < yearStart) continue;
    const fullYear = ymd(y, 12, 31) - ymd(y, 1, 1) + 1;
    const n = Math.round(((cohortSize * w.scale * (1 + 0.004 * (y - 2010))) * (yearEnd - yearStart + 1)) / fullYear);
    const days: Day[] = [];
    for (let i = 0; i < n; i++) days.push(rng.int(yearStart, yearEnd));
    days.sort((a, b) => a - b);
    for (const born of days) {
      const boy = rng.chance(0.513);
      const r = rng.next() * districtTotal;
      const district = cumDistrict.findIndex((c) => r < c);
      w.children.push({
        cpr: w.cprs.issue(born, boy),
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
}

export const ageOn = (c: Child, d: Day) => {
  const a = parts(c.born);
  const b = parts(d);
  return b.y - a.y - (b.m < a.m || (b.m === a.m && b.d < a.d) ? 1 : 0);
};

/** Index of the first child born on or after `d`. */
export function firstBornOnOrAfter(w: World, d: Day): number {
  let lo = 0;
  let hi = w.children.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (w.children[mid].born < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A random child of exactly `age` on day `d`, or null. */
export function childOfAge(w: World, age: number, d: Day): Child | null {
  const from = firstBornOnOrAfter(w, addYears(d, -(age + 1)) + 1);
  const to = firstBornOnOrAfter(w, addYears(d, -age) + 1);
  if (to <= from) return null;
  return w.children[w.rng.int(from, to - 1)];
}

/** The unit serving child `c` on day `d`: the youth unit from its age, else the unit of the child's district. */
export function unitFor(w: World, c: Child, d: Day): number {
  const age = ageOn(c, d);
  const youth = w.muni.units.findIndex((u) => u.fromAge !== undefined && age >= u.fromAge);
  if (youth >= 0) return youth;
  const u = w.muni.units.findIndex((x) => x.districts.includes(c.district));
  return u >= 0 ? u : 0;
}

/** The befolkning rows: children aged 0–17 on 1 January of each year of the period, counted from the same children. */
export function populationOnJan1(w: World): { aar: number; antal: number }[] {
  const population: { aar: number; antal: number }[] = [];
  for (let y = yearOf(w.W); y <= yearOf(w.asOf); y++) {
    const jan1 = ymd(y, 1, 1);
    const antal = firstBornOnOrAfter(w, jan1 + 1) - firstBornOnOrAfter(w, addYears(jan1, -18) + 1);
    population.push({ aar: y, antal });
  }
  return population;
}
