// Rough KPI-like figures computed straight from the demo's typed rows (no warehouse): the realism checks of
// the demo tests and a quick look while tuning the story. Not the KPI definitions — those live in models/.
import { readFileSync } from "node:fs";
import { addMonths, addWorkingDays, ymd, yearOf } from "../../pipelines/demo/dates.ts";
import type { Row, TableRows } from "../../pipelines/demo/rows.ts";

const seed = readFileSync(new URL("../../models/seeds/foranstaltningstyper.csv", import.meta.url), "utf8");
export const typeGroup = new Map(
  seed
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => {
      const cells = line.match(/("[^"]*"|[^,]+)/g) as string[];
      return [cells[0], { placement: cells[2] === "true", gruppe: cells[3], trin: Number(cells[4]) }] as const;
    }),
);

const active = (r: Row, from: string, to: string, d: number) =>
  typeof r[from] === "number" && (r[from] as number) <= d && (r[to] === null || (r[to] as number) >= d);

export function placedOn(rows: TableRows, d: number) {
  const byChild = new Map<string, string>();
  for (const r of rows.foranstaltninger) {
    const t = typeGroup.get(String(r.type));
    if (t?.placement && active(r, "startet", "ophoert", d)) byChild.set(String(r.cpr), t.gruppe);
  }
  const groups = [...byChild.values()];
  return {
    children: byChild.size,
    familyShare: groups.filter((g) => g === "familiebaseret").length / byChild.size,
    institutionShare: groups.filter((g) => g === "institution").length / byChild.size,
  };
}

export const preventiveOn = (rows: TableRows, d: number) =>
  rows.foranstaltninger.filter((r) => typeGroup.get(String(r.type))?.gruppe === "forebyggende" && active(r, "startet", "ophoert", d)).length;

export function notificationsByYear(rows: TableRows): Map<number, number> {
  const m = new Map<number, number>();
  for (const r of rows.underretninger) {
    const y = yearOf(Math.floor((r.modtaget as number) / 1440));
    m.set(y, (m.get(y) ?? 0) + 1);
  }
  return m;
}

/** Share of investigations completed within four months, by the year of their deadline. */
export function bfuTimelyByYear(rows: TableRows, asOf: number): Map<number, number> {
  const n = new Map<number, [number, number]>();
  for (const r of rows.undersoegelser) {
    const frist = addMonths(r.startet as number, 4);
    if (frist >= asOf) continue;
    const y = yearOf(frist);
    const c = n.get(y) ?? [0, 0];
    c[1]++;
    if (r.afsluttet !== null && (r.afsluttet as number) <= frist) c[0]++;
    n.set(y, c);
  }
  return new Map([...n].map(([y, [a, b]]) => [y, a / b]));
}

export function shareByYear(rows: Row[], year: (r: Row) => number, ok: (r: Row) => boolean, include: (r: Row) => boolean = () => true) {
  const n = new Map<number, [number, number]>();
  for (const r of rows) {
    if (!include(r)) continue;
    const y = year(r);
    const c = n.get(y) ?? [0, 0];
    c[1]++;
    if (ok(r)) c[0]++;
    n.set(y, c);
  }
  return new Map([...n].sort((a, b) => a[0] - b[0]).map(([y, [a, b]]) => [y, Math.round((1000 * a) / b) / 1000]));
}

const modtagetYear = (r: Row) => yearOf(Math.floor((r.modtaget as number) / 1440));
export const vurderet24ByYear = (rows: TableRows) =>
  shareByYear(rows.underretninger, modtagetYear, (r) => r.vurderet !== null && (r.vurderet as number) - (r.modtaget as number) <= 1440);
export const kvitteretByYear = (rows: TableRows) =>
  shareByYear(
    rows.underretninger,
    modtagetYear,
    (r) => r.kvitteret !== null && (r.kvitteret as number) <= addWorkingDays(Math.floor((r.modtaget as number) / 1440), 6),
    (r) => r.fagperson === true || (r.fagperson === null && ["skole", "dagtilbud", "sundhed", "politi", "kommune", "tilbud"].includes(String(r.kilde))),
  );

/** Children with a notification in the quarter ending `qe` who have at least two in the 12 months up to `qe`. */
export function repeatShare(rows: TableRows, qs: number, qe: number) {
  const ws = addMonths(qe, -12) + 1;
  const count = new Map<string, number>();
  const inQuarter = new Set<string>();
  for (const r of rows.underretninger) {
    const d = Math.floor((r.modtaget as number) / 1440);
    if (d >= ws && d <= qe) count.set(String(r.cpr), (count.get(String(r.cpr)) ?? 0) + 1);
    if (d >= qs && d <= qe) inQuarter.add(String(r.cpr));
  }
  return [...inQuarter].filter((c) => (count.get(c) ?? 0) >= 2).length / inQuarter.size;
}

export function caseloadOn(rows: TableRows, d: number) {
  const cases = rows.sager.filter((r) => active(r, "oprettet", "lukket", d)).length;
  const fte = rows.sagsbehandlere.filter((r) => active(r, "fra_dato", "til_dato", d)).reduce((s, r) => s + (r.normering as number), 0);
  return { cases, fte, perFte: cases / fte, workers: rows.sagsbehandlere.filter((r) => active(r, "fra_dato", "til_dato", d)).length };
}

export const openOverdueOn = (rows: TableRows, d: number) =>
  rows.undersoegelser.filter((r) => (r.startet as number) <= d && addMonths(r.startet as number, 4) < d && (r.afsluttet === null || (r.afsluttet as number) > d)).length;

/** Children placed continuously for the 12 months up to `qe` (roughly) with two visits in the window. */
export function tilsynShare(rows: TableRows, qe: number) {
  const ws = addMonths(qe, -12) + 1;
  const placedAll = new Map<string, [number, number | null][]>();
  for (const r of rows.foranstaltninger) {
    if (!typeGroup.get(String(r.type))?.placement) continue;
    const list = placedAll.get(String(r.cpr)) ?? [];
    list.push([r.startet as number, r.ophoert as number | null]);
    placedAll.set(String(r.cpr), list);
  }
  const visits = new Map<string, number>();
  for (const r of rows.tilsynsbesoeg) if ((r.dato as number) >= ws && (r.dato as number) <= qe) visits.set(String(r.cpr), (visits.get(String(r.cpr)) ?? 0) + 1);
  let n = 0;
  let ok = 0;
  for (const [cpr, spans] of placedAll) {
    spans.sort((a, b) => a[0] - b[0]);
    let start: number | null = null;
    let end: number | null = -Infinity;
    for (const [s, e] of spans) {
      if (start === null || end === null || s > end + 1) start = s;
      end = e === null || end === null ? null : Math.max(end, e);
      if (e === null) end = null;
    }
    if (start !== null && start <= ws && end === null) {
      n++;
      if ((visits.get(cpr) ?? 0) >= 2) ok++;
    }
  }
  return { n, share: ok / n };
}

export const quarterEnds = (from: number, to: number) => {
  const out: number[] = [];
  for (let y = 2022; y <= 2026; y++) for (const m of [3, 6, 9, 12]) {
    const qe = ymd(y, m + 1, 1) - 1;
    if (qe >= from && qe < to) out.push(qe);
  }
  return out;
};
