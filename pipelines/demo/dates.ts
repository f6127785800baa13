// Dates as whole day numbers (days since 1970-01-01) and timestamps as minutes since then: cheap to add and
// compare, with no time zone (the contract's times are local Danish time without a zone).

export type Day = number;
/** Minutes since 1970-01-01 00:00. */
export type Minute = number;

const MS_PER_DAY = 86_400_000;

export function day(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  const d = Date.UTC(+m[1], +m[2] - 1, +m[3]);
  const back = new Date(d);
  if (back.getUTCDate() !== +m[3] || back.getUTCMonth() !== +m[2] - 1) throw new Error(`not a date: ${iso}`);
  return d / MS_PER_DAY;
}

export const ymd = (y: number, m: number, d: number): Day => Date.UTC(y, m - 1, d) / MS_PER_DAY;

export interface Parts {
  y: number;
  m: number;
  d: number;
}

export function parts(d: Day): Parts {
  const date = new Date(d * MS_PER_DAY);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

export const yearOf = (d: Day) => new Date(d * MS_PER_DAY).getUTCFullYear();

/** 0 = Monday … 6 = Sunday. */
export const weekday = (d: Day) => (d + 3) % 7;

/** `d + n months`, the day of month clamped to the target month's last day (kpis.md, like DuckDB). */
export function addMonths(d: Day, n: number): Day {
  const p = parts(d);
  const first = Date.UTC(p.y, p.m - 1 + n, 1);
  const target = new Date(first);
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  return Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(p.d, last)) / MS_PER_DAY;
}

export const addYears = (d: Day, n: number) => addMonths(d, 12 * n);

/** First day of the quarter holding `d`. */
export function quarterStart(d: Day): Day {
  const p = parts(d);
  return ymd(p.y, Math.floor((p.m - 1) / 3) * 3 + 1, 1);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

export function isoDate(d: Day): string {
  const p = parts(d);
  return `${p.y}-${pad2(p.m)}-${pad2(p.d)}`;
}

/** Date formats the contract accepts. */
export type DateStyle = "iso" | "dk-dash" | "dk-dot" | "dk-slash";

export function formatDate(d: Day, style: DateStyle): string {
  const p = parts(d);
  const mm = pad2(p.m);
  const dd = pad2(p.d);
  switch (style) {
    case "iso":
      return `${p.y}-${mm}-${dd}`;
    case "dk-dash":
      return `${dd}-${mm}-${p.y}`;
    case "dk-dot":
      return `${dd}.${mm}.${p.y}`;
    case "dk-slash":
      return `${dd}/${mm}/${p.y}`;
  }
}

export function formatTimestamp(t: Minute, style: DateStyle, seconds = false): string {
  const d = Math.floor(t / 1440);
  const min = t - d * 1440;
  const hm = `${pad2(Math.floor(min / 60))}:${pad2(min % 60)}${seconds ? ":00" : ""}`;
  return `${formatDate(d, style)} ${hm}`;
}

// Danish public holidays (kpis.md), so acknowledgement dates fall on working days as they would in reality.

function easter(year: number): Day {
  // Anonymous Gregorian algorithm.
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, dayOfMonth);
}

const holidayCache = new Map<number, Set<Day>>();

export function holidays(year: number): Set<Day> {
  let set = holidayCache.get(year);
  if (!set) {
    const e = easter(year);
    const list = [ymd(year, 1, 1), e - 3, e - 2, e + 1, e + 39, e + 50, ymd(year, 12, 25), ymd(year, 12, 26)];
    if (year <= 2023) list.push(e + 26); // store bededag, abolished from 2024
    set = new Set(list);
    holidayCache.set(year, set);
  }
  return set;
}

export const isWorkingDay = (d: Day) => weekday(d) < 5 && !holidays(yearOf(d)).has(d);

/** The n-th working day after `d` (`d` itself not counted); n = 0 gives `d`. */
export function addWorkingDays(d: Day, n: number): Day {
  let x = d;
  for (let i = 0; i < n; ) {
    x++;
    if (isWorkingDay(x)) i++;
  }
  return x;
}

/** The next working day on or after `d`. */
export function nextWorkingDay(d: Day): Day {
  let x = d;
  while (!isWorkingDay(x)) x++;
  return x;
}
