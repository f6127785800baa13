// Notifications by source, unit, district, outcome and severity as published cells: each dimension's
// categories add up to KPI 1 of the quarter, and by unit they are KPI 1's unit figures.
import { NOTIFICATION_TOTAL, NOTIFICATION_UNIT_DIMENSION } from "../disclosure/identities.ts";
import { MUNICIPALITY_COST } from "../disclosure/protect.ts";
import type { PublishedCells, SystemBuilder } from "../disclosure/system.ts";
import { kpiKey } from "./kpi.ts";

export type DistributionRow = { kvartal: string; dimension: string; kode: string | null; navn: string; antal: number };

const key = (r: { kvartal: string; dimension: string; kode: string | null }) => `underretninger|${r.kvartal}|${r.dimension}|${r.kode ?? ""}`;

export interface DistributionCells {
  rows: { row: DistributionRow; cell: number }[];
}

export function addDistributionCells(b: SystemBuilder, rows: DistributionRow[]): DistributionCells {
  const out: DistributionCells = { rows: [] };
  const byKey = new Map(rows.map((r) => [key(r), r]));
  // Every category a dimension has in any quarter is a cell in each quarter (0 where it has no row).
  const categories = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const m = categories.get(r.dimension) ?? new Map<string, string>();
    m.set(r.kode ?? "", r.navn);
    categories.set(r.dimension, m);
  }
  for (const kvartal of [...new Set(rows.map((r) => r.kvartal))])
    for (const [dimension, codes] of categories) {
      const group: number[] = [];
      for (const [kode, navn] of codes) {
        const k = key({ kvartal, dimension, kode: kode || null });
        const r = byKey.get(k);
        const n = Number(r?.antal ?? 0);
        const cell = b.add({ key: k, kind: "count", n, d: null, cost: MUNICIPALITY_COST + n, protectN: true, grid: true, missing: !r });
        out.rows.push({ row: r ?? { kvartal, dimension, kode: kode || null, navn, antal: 0 }, cell });
        group.push(cell);
        if (dimension === NOTIFICATION_UNIT_DIMENSION && kode)
          b.relate("notifications by unit are KPI 1's unit figures", [[k, "n"]], "=", [[kpiKey(NOTIFICATION_TOTAL, kvartal, kode), "n"]]);
      }
      const total = kpiKey(NOTIFICATION_TOTAL, kvartal, null);
      b.relate(`notifications by ${dimension} add up to KPI 1`, [[total, "n"]], "=", [...codes.keys()].map((kode) => [key({ kvartal, dimension, kode: kode || null }), "n"]));
      const t = b.find(total);
      b.group(t === undefined ? group : [...group, t]);
    }
  return out;
}

export function publishedDistribution(sys: PublishedCells, cells: DistributionCells) {
  return cells.rows
    .filter((r) => !sys.cells[r.cell].missing || sys.cells[r.cell].state !== "shown")
    .map(({ row, cell }) => {
      const c = sys.cells[cell];
      return { ...row, antal: c.state === "shown" ? c.n : null, undertrykt: c.state === "shown" ? null : c.why };
    })
    .sort((a, b) => a.kvartal.localeCompare(b.kvartal) || a.dimension.localeCompare(b.dimension) || (b.antal ?? 0) - (a.antal ?? 0) || String(a.kode).localeCompare(String(b.kode)));
}
