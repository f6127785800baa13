// Dates as whole day numbers (days since 1970-01-01) and timestamps as minutes since then: cheap to add and
// compare, with no time zone (the contract's times are local Danish time without a zone).

export type Day = number;
/** Minutes since 1970-01-01 00:00. */
export type Minute = number;

export function day(iso: string): Day {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`not a date: ${iso}`);
  if (+m[2] < 1 || +m[2] > 12 || +m[3] < 1 || +m[3] > daysInMonth(+m[1], +m[2])) throw new Error(`not a date: ${iso}`);
  return ymd(+m[1], +m[2], +m[3]);
}

// Civil-calendar conversions in integer arithmetic (H. Hinnant's algorithms): no Date objects in the hot loops.

/** Day number of a calendar date; months outside 1–12 roll over into the neighbouring years. */
export function ymd(y: number, m: number, d: number): Day {
  const mm0 = m - 1;
  y += Math.floor(mm0 / 12);
  m = (((mm0 % 12) + 12) % 12) + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Parts {
  y: number;
  m: number;
  d: number;
}

export function parts(day: Day): Parts {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

export const yearOf = (d: Day) => parts(d).y;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const monthLengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : monthLengths[m - 1]);

/** 0 = Monday … 6 = Sunday. */
export const weekday = (d: Day) => (((d + 3) % 7) + 7) % 7;

/** `d + n months`, the day of month clamped to the target month's last day (docs/method.md, like DuckDB). */
export function addMonths(d: Day, n: number): Day {
  const p = parts(d);
  const total = p.y * 12 + (p.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return ymd(y, m, Math.min(p.d, daysInMonth(y, m)));
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

// Danish public holidays (docs/method.md), so acknowledgement dates fall on working days as they would in reality.

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
