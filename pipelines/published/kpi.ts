// The KPI table (mart_kpi_kvartal) as published cells: one per KPI, quarter and level, and a zero cell for
// each unit with no row (a missing row is 0 — published as `<g` where its group has a hidden cell). The unit
// figures against the municipality and the KPIs against each other follow disclosure/identities.ts.
import { KPI_LINKS, unitTotals } from "../disclosure/identities.ts";
import { MUNICIPALITY_COST } from "../disclosure/protect.ts";
import type { CellKind, Field, PublishedCells, SystemBuilder } from "../disclosure/system.ts";
import { published, type Art, type Published } from "../suppress.ts";
import type { Definition } from "./read.ts";

export interface KpiRow {
  kpi: string;
  kvartal: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
  taeller: number | null;
  naevner: number | null;
}

export interface PublishedKpiRow extends Published {
  kpi: string;
  art: Art;
  kvartal: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
}

const KIND: Record<Art, CellKind> = { antal: "count", andel: "share", forhold: "ratio" };

export const kpiKey = (kpi: string, kvartal: string, enhed: string | null) => `kpi|${kpi}|${kvartal}|${enhed ?? ""}`;

/** Headline figures (the municipality's KPIs) are hidden last. */
const HEADLINE = 2 * MUNICIPALITY_COST;

export interface KpiCells {
  rows: { kpi: string; art: Art; kvartal: string; enhed: string | null; cell: number }[];
}

export function addKpiCells(b: SystemBuilder, rows: KpiRow[], definitions: Definition[], units: string[]): KpiCells {
  const def = new Map(definitions.map((d) => [d.kpi, d]));
  const artOf = (kpi: string): Art => {
    const a = def.get(kpi)?.art;
    if (!a) throw new Error(`KPI ${kpi} has no kind (art) in kpi_definitioner`);
    return a;
  };
  const withUnits = new Set(rows.filter((r) => r.niveau === "enhed").map((r) => r.kpi));
  const byKey = new Map(rows.map((r) => [kpiKey(r.kpi, r.kvartal, r.enhed), r]));
  const pairs = [...new Map(rows.map((r) => [`${r.kpi}|${r.kvartal}`, { kpi: r.kpi, kvartal: r.kvartal }])).values()];
  const out: KpiCells = { rows: [] };
  for (const { kpi, kvartal } of pairs) {
    const art = artOf(kpi);
    const kind = KIND[art];
    const levels = withUnits.has(kpi) && kind !== "ratio" ? [null, ...units] : [null];
    const group: number[] = [];
    for (const enhed of levels) {
      const key = kpiKey(kpi, kvartal, enhed);
      const r = byKey.get(key);
      if (!r && !(withUnits.has(kpi) && kind !== "ratio")) continue;
      const n = Number(r?.taeller ?? 0);
      const d = kind === "count" ? null : Number(r?.naevner ?? 0);
      const size = kind === "count" ? n : (d ?? 0);
      const cell = b.add({
        key,
        kind,
        n,
        d,
        cost: (enhed === null ? HEADLINE : 0) + size,
        category: Boolean(def.get(kpi)?.kategoriandel),
        protectN: kind === "count",
        protectD: kind === "share",
        grid: true,
        missing: !r,
      });
      group.push(cell);
      out.rows.push({ kpi, art, kvartal, enhed, cell });
    }
    // Unit cells of KPIs with unit rows (and no ratio, whose rows exist only where the FTE sum is > 0).
    if (group.length > 1) b.group(group);
  }
  // KPI 20's unit rows are cells too (no grid).
  for (const r of rows)
    if (KIND[artOf(r.kpi)] === "ratio" && r.enhed !== null)
      out.rows.push({
        kpi: r.kpi,
        art: "forhold",
        kvartal: r.kvartal,
        enhed: r.enhed,
        cell: b.add({ key: kpiKey(r.kpi, r.kvartal, r.enhed), kind: "ratio", n: Number(r.taeller ?? 0), d: Number(r.naevner ?? 0), cost: Number(r.naevner ?? 0), protectN: false, protectD: false }),
      });
  addKpiIdentities(b, pairs, units, def);
  return out;
}

function addKpiIdentities(b: SystemBuilder, pairs: { kpi: string; kvartal: string }[], units: string[], def: Map<string, Definition>): void {
  for (const { kpi, kvartal } of pairs) {
    const d = def.get(kpi);
    const rules = d ? unitTotals(d) : {};
    for (const [field, rule] of Object.entries(rules) as [Field, "sum" | "distinct"][]) {
      const total = kpiKey(kpi, kvartal, null);
      if (b.find(total) === undefined && !units.some((u) => b.find(kpiKey(kpi, kvartal, u)) !== undefined)) continue;
      const parts = units.map((u) => [kpiKey(kpi, kvartal, u), field] as [string, Field]);
      if (!parts.some(([k]) => b.find(k) !== undefined)) continue;
      if (rule === "sum") b.relate(`${kpi} ${field}: units add up to the municipality`, [[total, field]], "=", parts);
      else {
        b.relate(`${kpi} ${field}: the municipality's distinct children are at most the units' sum`, [[total, field]], "<=", parts);
        for (const p of parts) b.relate(`${kpi} ${field}: a unit's children are the municipality's`, [p], "<=", [[total, field]]);
      }
    }
  }
  const quarters = [...new Set(pairs.map((p) => p.kvartal))];
  for (const link of KPI_LINKS)
    for (const kvartal of quarters)
      for (const enhed of link.kommuneOnly ? [null] : [null, ...units]) {
        const left = kpiKey(link.left[0], kvartal, enhed);
        if (b.find(left) === undefined) continue;
        b.relate(link.name, [[left, link.left[1]]], link.op, link.right.map(([k, f, c]) => [kpiKey(k, kvartal, enhed), f, c ?? 1]));
      }
}

/** The published KPI rows: every cell with a row in the mart, and each zero cell that carries a sign. */
export function publishedKpiRows(sys: PublishedCells, cells: KpiCells): PublishedKpiRow[] {
  return cells.rows
    .filter((r) => !sys.cells[r.cell].missing || sys.cells[r.cell].state !== "shown")
    .map((r): PublishedKpiRow => ({ kpi: r.kpi, art: r.art, kvartal: r.kvartal, niveau: r.enhed === null ? "kommune" : "enhed", enhed: r.enhed, ...published(sys.cells[r.cell]) }))
    .sort((a, b) => a.kpi.localeCompare(b.kpi) || a.kvartal.localeCompare(b.kvartal) || (a.enhed === null ? -1 : b.enhed === null ? 1 : a.enhed.localeCompare(b.enhed, "da")));
}
