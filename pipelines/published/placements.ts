// The page "Anbringelser og indsatstrappen" as published cells: children placed by unit and group (a
// two-way table whose margins are KPI 15), the children on each trin of the indsatstrappe, and new and
// ended placements per quarter. Their identities with each other and with KPIs 15–17 and 19 are those of
// disclosure/identities.ts.
import { forrigeKvartal } from "../../dashboards/components/format.js";
import { PLACED, PLACEMENT_GROUPS, STEPS, STEPS_DOWN, STOCK_FLOW } from "../disclosure/identities.ts";
import { MUNICIPALITY_COST } from "../disclosure/protect.ts";
import type { Field, PublishedCells, SystemBuilder } from "../disclosure/system.ts";
import { kpiKey } from "./kpi.ts";

export type PlacementRow = { kvartal: string; niveau: string; enhed: string | null; gruppe: string; anbragte: number; nye: number; ophoerte: number };
export type StepRow = { kvartal: string; trin: number; boern: number };

const placementKey = (kvartal: string, enhed: string | null, gruppe: string) => `anbragte|${kvartal}|${enhed ?? ""}|${gruppe}`;
const stepKey = (kvartal: string, trin: number) => `trappe|${kvartal}|${trin}`;
const flowKey = (kvartal: string, art: "nye" | "ophoerte") => `bevaegelser|${kvartal}|${art}`;
const TRIN = [1, 2, 3, 4, 5];

/** The quarter `back` quarters before `kvartal` (one before `2025K1` is `2024K4`: the site's forrigeKvartal). */
export function previousQuarter(kvartal: string, back = 1): string {
  let k = kvartal;
  for (let i = 0; i < back; i++) k = forrigeKvartal(k);
  return k;
}

export interface PlacementCells {
  placements: { row: PlacementRow; cell: number }[];
  steps: { row: StepRow; cell: number }[];
  flows: { kvartal: string; nye: number; ophoerte: number; cells: { nye: number; ophoerte: number } }[];
}

/**
 * `shareOfGroup`: KPI → the placement group whose children are its numerator (the registry's andel_af_gruppe:
 * KPIs 16 and 17), so that the share times KPI 15 is that group's count.
 */
export function addPlacementCells(b: SystemBuilder, rows: PlacementRow[], steps: StepRow[], units: string[], quarters: string[], shareOfGroup: Map<string, string>): PlacementCells {
  const out: PlacementCells = { placements: [], steps: [], flows: [] };
  const byKey = new Map(rows.map((r) => [placementKey(r.kvartal, r.niveau === "kommune" ? null : r.enhed, r.gruppe), r]));
  const placementQuarters = [...new Set(rows.map((r) => r.kvartal))];
  const groupsSeen = PLACEMENT_GROUPS.filter((g) => rows.some((r) => r.gruppe === g)).concat([...new Set(rows.map((r) => r.gruppe))].filter((g) => !PLACEMENT_GROUPS.includes(g)));
  for (const kvartal of placementQuarters) {
    const columns = new Map<string, number[]>();
    for (const enhed of [null, ...units]) {
      const row: number[] = [];
      for (const gruppe of groupsSeen) {
        const key = placementKey(kvartal, enhed, gruppe);
        const r = byKey.get(key);
        const n = Number(r?.anbragte ?? 0);
        const cell = b.add({ key, kind: "count", n, d: null, cost: (enhed === null ? MUNICIPALITY_COST : 0) + n, protectN: true, grid: true, missing: !r });
        out.placements.push({ row: r ?? { kvartal, niveau: enhed === null ? "kommune" : "enhed", enhed, gruppe, anbragte: 0, nye: 0, ophoerte: 0 }, cell });
        row.push(cell);
        if (enhed !== null) columns.set(gruppe, [...(columns.get(gruppe) ?? []), cell]);
      }
      const total = kpiKey(PLACED, kvartal, enhed);
      b.relate("a unit's placed children by group add up to KPI 15", [[total, "n"]], "=", groupsSeen.map((g) => [placementKey(kvartal, enhed, g), "n"]));
      const t = b.find(total);
      b.group(t === undefined ? row : [...row, t]);
      for (const [kpi, gruppe] of shareOfGroup)
        b.relate(`${kpi}'s numerator is the group's placed children`, [[kpiKey(kpi, kvartal, enhed), "n"]], "=", [[placementKey(kvartal, enhed, gruppe), "n"]]);
    }
    for (const gruppe of groupsSeen) {
      b.relate("the units' placed children in a group add up to the municipality's", [[placementKey(kvartal, null, gruppe), "n"]], "=", units.map((u) => [placementKey(kvartal, u, gruppe), "n"]));
      b.group([...(columns.get(gruppe) ?? []), b.find(placementKey(kvartal, null, gruppe))!]);
    }
  }
  // The indsatstrappe (municipality).
  const stepBy = new Map(steps.map((s) => [stepKey(s.kvartal, s.trin), s]));
  for (const kvartal of [...new Set(steps.map((s) => s.kvartal))]) {
    const placedSteps: number[] = [];
    for (const trin of TRIN) {
      const s = stepBy.get(stepKey(kvartal, trin));
      const n = Number(s?.boern ?? 0);
      const cell = b.add({ key: stepKey(kvartal, trin), kind: "count", n, d: null, cost: MUNICIPALITY_COST + n, protectN: true, grid: true, missing: !s });
      out.steps.push({ row: s ?? { kvartal, trin, boern: 0 }, cell });
      if (trin >= 2) placedSteps.push(cell);
    }
    for (const rule of STEPS) {
      const left = rule.trin.map((t) => [stepKey(kvartal, t), "n"] as [string, Field]);
      const right: [string, Field][] = rule.groups === "placed" ? [[kpiKey(PLACED, kvartal, null), "n"]] : rule.groups.map((g) => [placementKey(kvartal, null, g), "n"]);
      // Only where both sides are published for the quarter (a quarter without the KPI has no row at all).
      if (right.every(([k]) => b.find(k) === undefined)) continue;
      b.relate(rule.name, left, rule.op, right);
    }
    const t = b.find(kpiKey(PLACED, kvartal, null));
    b.group(t === undefined ? placedSteps : [...placedSteps, t]);
  }
  for (const kvartal of quarters) {
    const earlier = previousQuarter(kvartal, STEPS_DOWN.lag);
    if (!steps.some((s) => s.kvartal === earlier)) continue;
    b.relate("KPI 19's children were on trin 2-5 a year before", [[kpiKey(STEPS_DOWN.kpi, kvartal, null), "d"]], "<=", STEPS_DOWN.trin.map((t) => [stepKey(earlier, t), "n"]));
  }
  // New and ended placements, municipality: the sums of the groups' rows.
  const flows = new Map<string, { kvartal: string; nye: number; ophoerte: number }>();
  for (const r of rows.filter((x) => x.niveau === "kommune")) {
    const f = flows.get(r.kvartal) ?? { kvartal: r.kvartal, nye: 0, ophoerte: 0 };
    f.nye += Number(r.nye ?? 0);
    f.ophoerte += Number(r.ophoerte ?? 0);
    flows.set(r.kvartal, f);
  }
  for (const f of flows.values()) {
    const add = (art: "nye" | "ophoerte") => b.add({ key: flowKey(f.kvartal, art), kind: "count", n: f[art], d: null, cost: MUNICIPALITY_COST + f[art], protectN: true });
    out.flows.push({ ...f, cells: { nye: add("nye"), ophoerte: add("ophoerte") } });
    const before = previousQuarter(f.kvartal);
    if (quarters.includes(before) && quarters.includes(f.kvartal))
      b.relate(STOCK_FLOW.name, [[kpiKey(PLACED, f.kvartal, null), "n"]], "<=", [[kpiKey(PLACED, before, null), "n"], [flowKey(f.kvartal, "nye"), "n"]]);
  }
  return out;
}

export function publishedPlacements(sys: PublishedCells, cells: PlacementCells) {
  const show = (cell: number) => {
    const c = sys.cells[cell];
    return { vaerdi: c.state === "shown" ? c.n : null, undertrykt: c.state === "shown" ? null : c.why };
  };
  return {
    anbringelser: cells.placements
      .filter((p) => !sys.cells[p.cell].missing || sys.cells[p.cell].state !== "shown")
      .map((p) => {
        const s = show(p.cell);
        return { kvartal: p.row.kvartal, niveau: p.row.niveau, enhed: p.row.enhed, gruppe: p.row.gruppe, anbragte: s.vaerdi, undertrykt: s.undertrykt };
      }),
    bevaegelser: cells.flows.map((f) => ({
      kvartal: f.kvartal,
      nye: show(f.cells.nye).vaerdi,
      nye_undertrykt: show(f.cells.nye).undertrykt,
      ophoerte: show(f.cells.ophoerte).vaerdi,
      ophoerte_undertrykt: show(f.cells.ophoerte).undertrykt,
    })),
    indsatstrappe: cells.steps
      .filter((s) => !sys.cells[s.cell].missing || sys.cells[s.cell].state !== "shown")
      .map((s) => ({ kvartal: s.row.kvartal, trin: s.row.trin, boern: show(s.cell).vaerdi, undertrykt: show(s.cell).undertrykt })),
  };
}
