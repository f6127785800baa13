// The data-quality page as published cells: rows read, loaded and quarantined per file, quarantined rows
// by reason (which add up to the table's quarantined rows: a breakdown of their total), failing rows per
// data test.
import { QUARANTINE } from "../disclosure/identities.ts";
import type { PublishedCells, SystemBuilder } from "../disclosure/system.ts";
import { reasons } from "../contract.ts";

export type LoadRow = Record<string, unknown> & { load_id: unknown; tabel: unknown; fil: unknown; raekker_laest: unknown; raekker_indlaest: unknown; raekker_karantaene: unknown };
export type QuarantineRow = Record<string, unknown> & { load_id: unknown; tabel: unknown; regel: unknown; aarsag: unknown; kolonne: unknown; antal: unknown };
export type TestRow = Record<string, unknown> & { fejl: unknown };

const COLUMNS = ["raekker_laest", "raekker_indlaest", "raekker_karantaene"] as const;

export interface QualityCells {
  loads: { row: LoadRow; cells: Record<(typeof COLUMNS)[number], number> }[];
  quarantine: { row: QuarantineRow; cell: number }[];
  tests: { row: TestRow; cell: number | null }[];
}

const n = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

export function addQualityCells(b: SystemBuilder, loads: LoadRow[], quarantine: QuarantineRow[], tests: TestRow[]): QualityCells {
  const out: QualityCells = { loads: [], quarantine: [], tests: [] };
  const tableKey = (r: { load_id: unknown; tabel: unknown }) => `${String(r.load_id)}|${String(r.tabel)}`;
  const quarantinedBy = new Map<string, number[]>();
  // Keys are stable across builds and releases (a release's cells are compared with the next one's by key).
  const taken = new Set<string>();
  const unique = (k: string) => {
    let key = k;
    for (let i = 2; taken.has(key); i++) key = `${k}|${i}`;
    taken.add(key);
    return key;
  };
  loads.forEach((l) => {
    const base = unique(`indlaesning|${tableKey(l)}|${String(l.fil)}`);
    const cells = Object.fromEntries(COLUMNS.map((c) => [c, b.add({ key: `${base}|${c}`, kind: "count", n: n(l[c]), d: null, cost: n(l[c]), protectN: true })])) as QualityCells["loads"][number]["cells"];
    b.relate("rows read = rows loaded + rows quarantined", [[`${base}|raekker_laest`, "n"]], "=", [[`${base}|raekker_indlaest`, "n"], [`${base}|raekker_karantaene`, "n"]]);
    out.loads.push({ row: l, cells });
    b.group(Object.values(cells));
    quarantinedBy.set(tableKey(l), [...(quarantinedBy.get(tableKey(l)) ?? []), cells.raekker_karantaene]);
  });
  // Each reason a table has in any load is a cell of each of its loads (0 where it has no row).
  const reasonKey = (r: QuarantineRow) => `${String(r.regel)}|${String(r.aarsag)}|${String(r.kolonne ?? "")}`;
  const reasonsOf = new Map<string, Map<string, QuarantineRow>>();
  for (const q of quarantine) {
    const m = reasonsOf.get(String(q.tabel)) ?? new Map<string, QuarantineRow>();
    m.set(reasonKey(q), q);
    reasonsOf.set(String(q.tabel), m);
  }
  const byKey = new Map(quarantine.map((q) => [`${tableKey(q)}|${reasonKey(q)}`, q]));
  for (const t of new Set(quarantine.map((q) => tableKey(q)))) {
    const [load_id, tabel] = [quarantine.find((q) => tableKey(q) === t)!.load_id, t.slice(t.indexOf("|") + 1)];
    const group: number[] = [];
    for (const [rk, example] of reasonsOf.get(tabel) ?? []) {
      const q = byKey.get(`${t}|${rk}`);
      const key = `karantaene|${t}|${rk}`;
      const cell = b.add({ key, kind: "count", n: n(q?.antal), d: null, cost: n(q?.antal), protectN: true, grid: true, missing: !q });
      out.quarantine.push({ row: q ?? { ...example, load_id, antal: 0 }, cell });
      group.push(cell);
    }
    const totals = quarantinedBy.get(t) ?? [];
    if (totals.length) {
      b.identities.push({
        name: QUARANTINE.name,
        op: "=",
        terms: [...totals.map((c) => ({ cell: c, field: "n" as const, coef: 1 })), ...group.map((c) => ({ cell: c, field: "n" as const, coef: -1 }))],
      });
      b.group([...group, ...totals]);
    }
  }
  tests.forEach((t) => {
    const fejl = t.fejl === null || t.fejl === undefined ? null : Number(t.fejl);
    out.tests.push({ row: t, cell: fejl === null ? null : b.add({ key: unique(`test|${String(t.test)}|${String(t.model)}|${String(t.kolonne ?? "")}`), kind: "count", n: fejl, d: null, cost: fejl, protectN: true }) });
  });
  return out;
}

/** The reason in Danish, as the load report words it. */
function tekst(code: unknown): string {
  const t = (reasons as Record<string, { tekst: string }>)[String(code)]?.tekst;
  return t ? t[0].toUpperCase() + t.slice(1) : String(code ?? "");
}

export function publishedQuality(sys: PublishedCells, cells: QualityCells) {
  const v = (cell: number) => (sys.cells[cell].state === "shown" ? sys.cells[cell].n : null);
  const hiddenNotSmall = (cell: number) => sys.cells[cell].state === "hidden";
  return {
    loads: cells.loads.map(({ row, cells: c }) => ({
      ...row,
      raekker_laest: v(c.raekker_laest),
      raekker_indlaest: v(c.raekker_indlaest),
      raekker_karantaene: v(c.raekker_karantaene),
      // `–` (hidden, at least the threshold) rather than `<g` for these columns.
      laest_undertrykt: hiddenNotSmall(c.raekker_laest) ? "komplementaer" : null,
      indlaest_undertrykt: hiddenNotSmall(c.raekker_indlaest) ? "komplementaer" : null,
      karantaene_undertrykt: hiddenNotSmall(c.raekker_karantaene) ? "komplementaer" : null,
    })),
    karantaene: cells.quarantine
      .filter((q) => !sys.cells[q.cell].missing || sys.cells[q.cell].state !== "shown")
      .map(({ row, cell }) => ({ ...row, aarsag_tekst: tekst(row.aarsag), antal: v(cell), undertrykt: hiddenNotSmall(cell) ? "komplementaer" : null })),
    tests: cells.tests.map(({ row, cell }) => ({ ...row, fejl: cell === null ? null : v(cell) })),
  };
}
