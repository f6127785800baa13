// libu demo: deterministic, per the contract, varied in format, and realistic enough to tell a story.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../pipelines/cli.ts";
import { tables } from "../../pipelines/contract.ts";
import { parseCpr } from "../../pipelines/cpr.ts";
import { addMonths, day, ymd } from "../../pipelines/demo/dates.ts";
import type { Defect } from "../../pipelines/demo/defects.ts";
import { DEFAULT_SEED, generateDemo, simulateKommune, windowStartFor } from "../../pipelines/demo/generate.ts";
import type { Row, TableRows } from "../../pipelines/demo/rows.ts";
import { type ReadFile, isUtf8, parseDay, parseMinute, readExport, seedCodes } from "./read.ts";
import * as S from "./stats.ts";

const asOf = day("2026-10-15");
let root: string;
let out: string;
let cliLines: string[];
const files = new Map<string, ReadFile>();
let defects: Defect[];
let rows: TableRows;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "libu-demo-"));
  out = join(root, "a");
  const stdout: string[] = [];
  const code = await main(["demo", "--out", out], { stdout: { write: (t) => void stdout.push(t) }, stderr: { write: () => {} }, cwd: root });
  expect(code).toBe(0);
  cliLines = stdout.join("").trim().split("\n");
  for (const t of tables) files.set(t.name, await readExport(out, t.name));
  ({ rows, defects } = simulateKommune(DEFAULT_SEED, asOf));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const defectIds = (table: string, rule?: number) => new Set(defects.filter((d) => d.table === table && (rule === undefined || d.rule === rule)).map((d) => d.id));

describe("libu demo", () => {
  it("prints one terse line per file and a summary", () => {
    expect(cliLines.length).toBe(tables.length + 1);
    expect(cliLines[0]).toMatch(/underretninger\.csv +\d+ rækker/);
    expect(cliLines.at(-1)).toMatch(/^demo: 1 kommune, \d+ børn på 0–17 år, \d+ rækker fra 2022-10-01 til 2026-10-15, 12 rækker gjort forkerte med vilje, seed 2026/);
  });

  it("is deterministic: the same seed gives the same bytes, another seed other bytes", async () => {
    const again = join(root, "b");
    const other = join(root, "c");
    await generateDemo({ out: again, seed: DEFAULT_SEED, scale: "kommune", asOf });
    await generateDemo({ out: other, seed: 7, scale: "kommune", asOf });
    const names = readdirSync(out).sort();
    expect(readdirSync(again).sort()).toEqual(names);
    for (const f of names) expect(readFileSync(join(again, f)).equals(readFileSync(join(out, f))), f).toBe(true);
    for (const f of names.filter((n) => n !== "befolkning.xlsx")) expect(readFileSync(join(other, f)).equals(readFileSync(join(out, f))), f).toBe(false);
  }, 60_000);

  it("writes every contract table with exactly the contract's columns", () => {
    for (const t of tables) expect(files.get(t.name)!.header, t.name).toEqual(t.columns.map((c) => c.name));
  });

  it("varies the formats as real exports do", () => {
    const all = [...files.values()];
    const win = all.filter((f) => f.delimiter === ";" && f.encoding === "windows-1252");
    expect(win.length).toBeGreaterThanOrEqual(1);
    // Windows-1252 really: not valid UTF-8, and the units' æ, ø, å come out right when decoded as such.
    const raw = readFileSync(win[0].file);
    expect(isUtf8(raw)).toBe(false);
    expect(win[0].rows.some((r) => r.some((c) => /[æøåÆØÅ]/.test(c)))).toBe(true);
    expect(all.some((f) => f.kind === "xlsx")).toBe(true);
    expect(all.some((f) => f.delimiter === "," && f.encoding === "utf-8")).toBe(true);
    const cells = (t: string, col: string) => files.get(t)!.rows.map((r) => r[files.get(t)!.header.indexOf(col)]);
    expect(cells("underretninger", "modtaget")[0]).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
    expect(cells("underretninger", "fagperson")).toContain("ja");
    expect(cells("foranstaltninger", "aarlig_udgift").some((c) => /^\d{1,3}(\.\d{3})+,\d{2}$/.test(c))).toBe(true);
    expect(cells("handleplaner", "dato")[0]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("fills required values, with valid CPR numbers, known codes, dates in order and none after the as-of date — except the deliberate defects", () => {
    const codeLists = new Map<string, Set<string>>();
    for (const t of tables) {
      const f = files.get(t.name)!;
      const col = (name: string) => f.header.indexOf(name);
      const key = t.key ? col(t.key) : -1;
      const seen = new Set<string>();
      const bad: string[] = [];
      for (const r of f.rows) {
        const id = key >= 0 ? r[key] : "";
        if (key >= 0) {
          if (seen.has(id) && !defectIds(t.name, 4).has(id)) bad.push(`${id}: repeated id`);
          seen.add(id);
        }
        for (const c of t.columns) {
          const v = r[col(c.name)];
          if (c.required && v.trim() === "" && !defectIds(t.name, 1).has(id)) bad.push(`${id}: ${c.name} empty`);
          if (v === "") continue;
          if (c.type === "cpr" && !parseCpr(v) && !defectIds(t.name, 3).has(id)) bad.push(`${id}: invalid CPR`);
          if (c.codes) {
            if (!codeLists.has(c.codes)) codeLists.set(c.codes, seedCodes(c.codes));
            if (!codeLists.get(c.codes)!.has(v) && !defectIds(t.name, 2).has(id)) bad.push(`${id}: unknown code ${v}`);
          }
          if ((c.type === "date" || c.type === "timestamp") && (parseDay(v) as number) > asOf && !defectIds(t.name, 6).has(id)) bad.push(`${id}: ${c.name} after as-of`);
        }
        for (const o of t.dateOrder) {
          const later = r[col(o.later)];
          const earlier = r[col(o.earlier)];
          if (!later || !earlier) continue;
          const byDate = o.byDate || t.columns.find((c) => c.name === o.later)!.type === "date";
          const ok = byDate ? (parseDay(later) as number) >= (parseDay(earlier) as number) : (parseMinute(later) as number) >= (parseMinute(earlier) as number);
          if (!ok && !defectIds(t.name, 5).has(id)) bad.push(`${id}: ${o.later} before ${o.earlier}`);
        }
      }
      expect(bad, t.name).toEqual([]);
    }
  });

  it("keeps to its window: nothing active before go-live, deadlines from it on, documents at most a year older", () => {
    const W = windowStartFor("kommune", asOf);
    expect(W).toBe(ymd(2022, 10, 1));
    const min = (table: keyof TableRows, value: (r: Row) => number) => Math.min(...(rows[table] as Row[]).map(value));
    expect(min("underretninger", (r) => Math.floor((r.modtaget as number) / 1440))).toBeGreaterThanOrEqual(W);
    expect(min("foranstaltninger", (r) => r.startet as number)).toBe(W); // the measures active at go-live
    expect(min("sagsbehandlere", (r) => r.fra_dato as number)).toBe(W);
    expect(min("undersoegelser", (r) => addMonths(r.startet as number, 4))).toBeGreaterThanOrEqual(W);
    for (const t of ["handleplaner", "opfoelgninger", "boernesamtaler", "tilsynsbesoeg"] as const) {
      expect(min(t, (r) => (r.dato === null ? Infinity : (r.dato as number))), t).toBeGreaterThanOrEqual(W - 365);
    }
    // Cases keep their own dates (the caseload KPI needs caseworkers, who start at go-live).
    expect(min("sager", (r) => r.oprettet as number)).toBeLessThan(W);
  });

  it("spoils a dozen rows on purpose, each of them really defective and well under 1 %", () => {
    expect(defects.length).toBe(12);
    expect(new Set(defects.map((d) => d.rule))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    const total = [...files.values()].reduce((s, f) => s + f.rows.length, 0);
    expect(defects.length / total).toBeLessThan(0.001);
    for (const d of defects) {
      const f = files.get(d.table)!;
      const t = tables.find((x) => x.name === d.table)!;
      const matching = f.rows.filter((r) => r[f.header.indexOf(t.key!)] === d.id);
      const cell = matching[0][f.header.indexOf(d.column)];
      if (d.rule === 1) expect(cell).toBe("");
      if (d.rule === 3) expect(parseCpr(cell)).toBeNull();
      if (d.rule === 4) expect(matching.length).toBe(2);
      if (d.rule === 6) expect(parseDay(cell)! > asOf).toBe(true);
    }
  });

  it("has about 10,000 children, ~35 caseworkers, ~250 placed children and ~500 preventive measures", () => {
    const pop = files.get("befolkning")!.rows.map((r) => Number(r[1]));
    for (const n of pop) expect(n).toBeGreaterThan(9000), expect(n).toBeLessThan(11500);
    for (const qe of [ymd(2023, 6, 30), ymd(2024, 12, 31), ymd(2026, 9, 30)]) {
      const placed = S.placedOn(rows, qe).children;
      expect(placed).toBeGreaterThan(200);
      expect(placed).toBeLessThan(310);
      const prev = S.preventiveOn(rows, qe);
      expect(prev).toBeGreaterThan(380);
      expect(prev).toBeLessThan(620);
      const { workers } = S.caseloadOn(rows, qe);
      expect(workers).toBeGreaterThan(28);
      expect(workers).toBeLessThan(48);
    }
    // Turnover: leavers and new hires.
    expect(rows.sagsbehandlere.filter((r) => r.til_dato !== null).length).toBeGreaterThan(10);
    expect(rows.sagsbehandlere.filter((r) => (r.fra_dato as number) > ymd(2022, 10, 1)).length).toBeGreaterThan(10);
    const distinct = new Set(rows.underretninger.map((r) => r.cpr)).size;
    expect(distinct).toBeLessThan(pop.at(-1)!);
  });

  it("tells the story: notifications rise from ~1,200 to ~1,800 a year, timeliness and the family-based share improve", () => {
    const perYear = S.notificationsByYear(rows);
    expect(perYear.get(2023)!).toBeGreaterThan(1100);
    expect(perYear.get(2023)!).toBeLessThan(1500);
    expect(perYear.get(2025)!).toBeGreaterThan(perYear.get(2023)!);
    expect(perYear.get(2025)!).toBeLessThan(1900);
    const bfu = S.bfuTimelyByYear(rows, asOf);
    expect(bfu.get(2023)!).toBeGreaterThan(0.45);
    expect(bfu.get(2023)!).toBeLessThan(0.68);
    expect(bfu.get(2026)!).toBeGreaterThan(0.75);
    expect(bfu.get(2026)! - bfu.get(2023)!).toBeGreaterThan(0.12);
    const v24 = S.vurderet24ByYear(rows);
    expect(v24.get(2023)!).toBeGreaterThan(0.8);
    expect(v24.get(2026)!).toBeGreaterThan(v24.get(2023)!);
    expect(S.kvitteretByYear(rows).get(2025)!).toBeGreaterThan(0.75);
    const fam0 = S.placedOn(rows, ymd(2022, 12, 31)).familyShare;
    const fam1 = S.placedOn(rows, ymd(2026, 9, 30)).familyShare;
    expect(fam1 - fam0).toBeGreaterThan(0.08);
    expect(fam1).toBeLessThan(0.85);
    // Some investigations still open and overdue at the as-of date, some overruns with a documented reason.
    expect(S.openOverdueOn(rows, asOf - 1)).toBeGreaterThan(0);
    expect(rows.undersoegelser.some((r) => r.frist_begrundelse !== null)).toBe(true);
    expect(rows.undersoegelser.some((r) => r.afsluttet !== null && (r.afsluttet as number) > addMonths(r.startet as number, 4) && r.frist_begrundelse === null)).toBe(true);
  });

  it("has the edges the KPIs must handle: placements without consent, continued records (incl. a one-day gap), steps down, repeats", () => {
    const placements = rows.foranstaltninger.filter((r) => S.typeGroup.get(String(r.type))?.placement);
    expect(placements.some((r) => r.samtykke === false)).toBe(true);
    const byChild = new Map<string, typeof placements>();
    for (const r of placements) byChild.set(String(r.cpr), [...(byChild.get(String(r.cpr)) ?? []), r]);
    const gaps: number[] = [];
    for (const list of byChild.values()) {
      list.sort((a, b) => (a.startet as number) - (b.startet as number));
      for (let i = 1; i < list.length; i++) if (list[i - 1].ophoert !== null) gaps.push((list[i].startet as number) - (list[i - 1].ophoert as number));
    }
    expect(gaps).toContain(1); // next day: one continuous placement
    expect(gaps).toContain(2); // a one-day gap: not continuous
    expect(gaps).toContain(0); // same-day handover
    expect(S.repeatShare(rows, ymd(2025, 4, 1), ymd(2025, 6, 30))).toBeGreaterThan(0.15);
    // Institutions cost 5–6 times home-based help.
    const mean = (types: string[]) => {
      const c = rows.foranstaltninger.filter((r) => types.includes(String(r.type)) && r.aarlig_udgift !== null).map((r) => r.aarlig_udgift as number);
      return c.reduce((a, b) => a + b, 0) / c.length;
    };
    const ratio = mean(["opholdssted", "doegninstitution"]) / mean(["praktisk_paedagogisk_stoette", "familiebehandling"]);
    expect(ratio).toBeGreaterThan(4.5);
    expect(ratio).toBeLessThan(6.5);
  });

  it("rejects bad options with a usage error", async () => {
    const err: string[] = [];
    const io = { stdout: { write: () => {} }, stderr: { write: (t: string) => void err.push(t) }, cwd: root };
    expect(await main(["demo", "--scale", "region"], io)).toBe(2);
    expect(await main(["demo", "--seed", "abc"], io)).toBe(2);
    expect(await main(["demo", "--as-of", "2026-13-01"], io)).toBe(2);
    expect(err.join("")).toMatch(/--scale skal være kommune eller national/);
  });
});
