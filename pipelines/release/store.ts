// What was published, kept in the warehouse: `udgivelser` (one row per release) and `udgivne_tal` (every figure
// a release published, as shown: the KPIs and every breakdown's counts). Created with the load tables (pipelines/warehouse.ts), so that
// `libu build` never drops them; written only by `libu udgiv`.
import { type Warehouse, lit } from "../db.ts";

export const releaseTablesDdl = [
  `create table if not exists udgivelser (
    udgivelse varchar, kvartal varchar, version integer, mappe varchar, oprettet timestamp, as_of date,
    note varchar, diskretionsgraense integer, libu_commit varchar, manifest_sha256 varchar)`,
  // Warehouses whose releases were made before the manifest's own checksum was kept.
  `alter table udgivelser add column if not exists manifest_sha256 varchar`,
  `create table if not exists udgivne_tal (
    udgivelse varchar, mappe varchar, kpi varchar, kvartal varchar, niveau varchar, enhed varchar, art varchar,
    vaerdi double, naevner double, vist varchar, undertrykt varchar)`,
  // Warehouses whose releases kept the KPI figures only (NULL: a KPI figure).
  `alter table udgivne_tal add column if not exists tabel varchar`,
  `alter table udgivne_tal add column if not exists navn varchar`,
  `create table if not exists udgivne_celler (udgivelse varchar, mappe varchar, noegle varchar, n double, d double)`,
];

export const releaseTableDocs = [
  {
    name: "udgivelser",
    description: "One row per release (libu udgiv): a frozen quarterly publication in its own folder.",
    columns: {
      udgivelse: "the release's name: the quarter (2026K3), or 2026K3-v2 for a corrected one",
      kvartal: "the quarter released",
      version: "1 for the first release of the quarter, 2 for the first correction, …",
      mappe: "the folder the release was written to",
      oprettet: "when the release was made",
      as_of: "the as-of date of the data behind it",
      note: "why a corrected release was made (required from version 2)",
      diskretionsgraense: "the suppression threshold in force",
      libu_commit: "libu's git commit that made it",
      manifest_sha256: "SHA-256 of the release's manifest.json (libu udgiv --tjek compares it; NULL for releases made before it was kept)",
    },
  },
  {
    name: "udgivne_celler",
    description: "Every cell a release published, as the disclosure audit keeps it (key → shown numerator and denominator), for the next release's audit.",
    columns: {
      udgivelse: "the release (udgivelser)",
      mappe: "the release's folder",
      noegle: "the cell's key in the published system",
      n: "the published numerator or count; NULL when hidden",
      d: "the published denominator; NULL for counts and when hidden",
    },
  },
  {
    name: "udgivne_tal",
    description:
      "Every figure a release published, exactly as shown (suppressed): the KPIs and every breakdown's counts and shares — what was told to whom and when.",
    columns: {
      udgivelse: "the release (udgivelser)",
      mappe: "the release's folder (a release copied into another folder is another row in udgivelser)",
      kpi: "the figure's id: a KPI id (kpi_definitioner), or `<table>:<category>` for a breakdown's figure (anbringelser:Plejefamilie, indsatstrappe:3, …)",
      kvartal: "the figure's quarter",
      niveau: "kommune or enhed",
      enhed: "the unit; NULL for the whole municipality",
      art: "andel, antal or forhold",
      vaerdi: "the published value; NULL when it was not shown",
      naevner: "the published denominator; NULL for counts and when not shown",
      vist: "the figure as printed: 84,3 %, 1.234, <5 or –",
      undertrykt: "why it was not shown (lille_antal, lille_naevner, komplementaer); NULL when shown",
      tabel: "the published table the figure is in (kpi, underretninger_fordeling, anbringelser, anbringelser_nye_ophoerte, indsatstrappe, ledelsestilsyn); NULL in releases made before breakdowns were kept (then kpi)",
      navn: "what the figure counts, in Danish (the KPI's name, or the breakdown and its category); NULL in releases made before it was kept",
    },
  },
];

/** A release's every published cell for the disclosure audit (issue 10): key → shown numerator and denominator. */
export type ReleaseCells = Record<string, { n: number | null; d: number | null }>;

/**
 * Every release's cells, oldest first (the audit's `previous`): what earlier releases told, so that today's
 * figures never reveal a small difference. Empty before the first release with cells.
 */
export async function previousReleases(wh: Warehouse): Promise<ReleaseCells[]> {
  const [{ n }] = await wh.all<{ n: bigint }>(`select count(*) as n from duckdb_tables() where schema_name = 'main' and table_name in ('udgivelser', 'udgivne_celler')`);
  if (Number(n) < 2) return [];
  const rows = await wh.all<{ udgivelse: string; mappe: string; noegle: string; n: number | null; d: number | null }>(
    `select c.udgivelse, c.mappe, c.noegle, c.n, c.d from udgivne_celler as c
     join udgivelser as u on u.udgivelse = c.udgivelse and u.mappe = c.mappe order by u.oprettet, u.udgivelse, c.noegle`,
  );
  const out = new Map<string, ReleaseCells>();
  for (const r of rows) {
    const k = `${r.udgivelse}\u0000${r.mappe}`;
    const m = out.get(k) ?? {};
    m[r.noegle] = { n: r.n === null ? null : Number(r.n), d: r.d === null ? null : Number(r.d) };
    out.set(k, m);
  }
  return [...out.values()];
}

export interface PublishedFigure {
  udgivelse: string;
  mappe?: string;
  kpi: string;
  kvartal: string;
  niveau: string;
  enhed: string | null;
  art: string;
  vaerdi: number | null;
  naevner: number | null;
  vist: string;
  undertrykt: string | null;
  /** The published table the figure is in: `kpi`, or a breakdown (`anbringelser`, `indsatstrappe`, …). */
  tabel: string;
  /** What the figure counts, in Danish (the KPI's name, or the breakdown and its category). */
  navn: string;
}

export interface ReleaseRow {
  udgivelse: string;
  kvartal: string;
  version: number;
  mappe: string;
  oprettet: string;
  as_of: string | null;
  note: string | null;
}

async function hasTables(wh: Warehouse): Promise<boolean> {
  const [{ n }] = await wh.all<{ n: bigint }>(
    `select count(*) as n from duckdb_tables() where schema_name = 'main' and table_name in ('udgivelser', 'udgivne_tal')`,
  );
  return Number(n) === 2;
}

/** Every release recorded in the warehouse, oldest first (none before the first `udgiv`). */
export async function releases(wh: Warehouse): Promise<ReleaseRow[]> {
  if (!(await hasTables(wh))) return [];
  const rows = await wh.all<Record<string, unknown>>(
    `select udgivelse, kvartal, version, mappe, strftime(oprettet, '%Y-%m-%dT%H:%M:%S') as oprettet, as_of::varchar as as_of, note
     from udgivelser order by kvartal, version, oprettet`,
  );
  return rows.map((r) => ({
    udgivelse: String(r.udgivelse),
    kvartal: String(r.kvartal),
    version: Number(r.version),
    mappe: String(r.mappe),
    oprettet: String(r.oprettet),
    as_of: (r.as_of as string | null) ?? null,
    note: (r.note as string | null) ?? null,
  }));
}

/**
 * The figures each quarter's latest release published for that quarter (a quarter's own release), keyed by
 * quarter. A release of 2026K3 also shows earlier quarters, but only its own quarter is what it published first.
 */
export async function ownReleaseFigures(wh: Warehouse): Promise<Map<string, { udgivelse: string; figures: PublishedFigure[] }>> {
  const out = new Map<string, { udgivelse: string; figures: PublishedFigure[] }>();
  if (!(await hasTables(wh))) return out;
  const rows = await wh.all<Record<string, unknown>>(
    `with seneste as (
       select udgivelse, mappe, kvartal from udgivelser
       qualify row_number() over (partition by kvartal order by version desc, oprettet desc) = 1
     )
     select t.* from udgivne_tal as t
     join seneste as s on s.udgivelse = t.udgivelse and s.mappe = t.mappe and s.kvartal = t.kvartal
     order by t.kvartal, t.kpi, t.niveau, t.enhed`,
  );
  for (const r of rows) {
    const f = figureFromRow(r);
    const entry = out.get(f.kvartal) ?? { udgivelse: f.udgivelse, figures: [] };
    entry.figures.push(f);
    out.set(f.kvartal, entry);
  }
  return out;
}

function figureFromRow(r: Record<string, unknown>): PublishedFigure {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    udgivelse: String(r.udgivelse),
    mappe: String(r.mappe),
    kpi: String(r.kpi),
    kvartal: String(r.kvartal),
    niveau: String(r.niveau),
    enhed: (r.enhed as string | null) ?? null,
    art: String(r.art),
    vaerdi: n(r.vaerdi),
    naevner: n(r.naevner),
    vist: String(r.vist),
    undertrykt: (r.undertrykt as string | null) ?? null,
    tabel: (r.tabel as string | null) ?? "kpi",
    navn: (r.navn as string | null) ?? String(r.kpi),
  };
}

/** udgivne_tal's figure columns, in order: how `figuresJson` writes them and `recordRelease` reads them. */
const FIGURE_COLUMNS = {
  kpi: "varchar",
  kvartal: "varchar",
  niveau: "varchar",
  enhed: "varchar",
  art: "varchar",
  vaerdi: "double",
  naevner: "double",
  vist: "varchar",
  undertrykt: "varchar",
  tabel: "varchar",
  navn: "varchar",
} as const;

/** A release's figures as newline-delimited JSON for `recordRelease` (DuckDB's reader, no row-by-row inserts). */
export function figuresJson(figures: Omit<PublishedFigure, "udgivelse" | "mappe">[]): string {
  const keys = Object.keys(FIGURE_COLUMNS) as (keyof typeof FIGURE_COLUMNS)[];
  return figures.map((f) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, f[k]])))).join("\n") + "\n";
}

/**
 * Records a release: its row and its every published figure (the file `figuresJson` wrote from the same
 * published tables as the release's files), in one transaction.
 */
export async function recordRelease(
  wh: Warehouse,
  release: ReleaseRow & { diskretionsgraense: number; commit: string },
  figuresFile: string,
  cellsJson: string | null = null,
): Promise<void> {
  for (const ddl of releaseTablesDdl) await wh.run(ddl);
  await wh.run("begin transaction");
  try {
    await wh.run(
      `insert into udgivelser (udgivelse, kvartal, version, mappe, oprettet, as_of, note, diskretionsgraense, libu_commit)
       values (?, ?, ?, ?, ?::timestamp, ?::date, ?, ?, ?)`,
      [
        release.udgivelse,
        release.kvartal,
        release.version,
        release.mappe,
        release.oprettet,
        release.as_of,
        release.note,
        release.diskretionsgraense,
        release.commit,
      ],
    );
    const columns = Object.entries(FIGURE_COLUMNS).map(([k, t]) => `${k}: '${t}'`).join(", ");
    await wh.run(
      `insert into udgivne_tal (udgivelse, mappe, ${Object.keys(FIGURE_COLUMNS).join(", ")})
       select ${lit(release.udgivelse)}, ${lit(release.mappe)}, ${Object.keys(FIGURE_COLUMNS).join(", ")}
       from read_json(${lit(figuresFile)}, format = 'newline_delimited', columns = {${columns}})`,
    );
    if (cellsJson)
      await wh.run(
        `insert into udgivne_celler select ${lit(release.udgivelse)}, ${lit(release.mappe)}, noegle, n, d
         from read_json(${lit(cellsJson)}, format = 'newline_delimited', columns = {noegle: 'varchar', n: 'double', d: 'double'})`,
      );
    await wh.run("commit");
  } catch (e) {
    await wh.run("rollback");
    throw e;
  }
}

/** Keeps the SHA-256 of the release's manifest.json (written last, after the release's row). */
export async function recordManifest(wh: Warehouse, udgivelse: string, mappe: string, hash: string): Promise<void> {
  await wh.run(`update udgivelser set manifest_sha256 = ? where udgivelse = ? and mappe = ?`, [hash, udgivelse, mappe]);
}

/** The manifest checksum the warehouse kept for the release in folder `mappe`, or null (unknown release, or older). */
export async function recordedManifest(wh: Warehouse, mappe: string): Promise<string | null> {
  const [{ n }] = await wh.all<{ n: bigint }>(
    `select count(*) as n from duckdb_columns() where schema_name = 'main' and table_name = 'udgivelser' and column_name = 'manifest_sha256'`,
  );
  if (!Number(n)) return null;
  const rows = await wh.all<{ h: string | null }>(`select manifest_sha256 as h from udgivelser where mappe = ? order by oprettet desc limit 1`, [mappe]);
  return rows[0]?.h ?? null;
}

/** Takes a release back out (when writing its folder failed after it was recorded). */
export async function forgetRelease(wh: Warehouse, udgivelse: string, mappe: string): Promise<void> {
  await wh.run("begin transaction");
  await wh.run(`delete from udgivne_tal where udgivelse = ? and mappe = ?`, [udgivelse, mappe]);
  await wh.run(`delete from udgivne_celler where udgivelse = ? and mappe = ?`, [udgivelse, mappe]);
  await wh.run(`delete from udgivelser where udgivelse = ? and mappe = ?`, [udgivelse, mappe]);
  await wh.run("commit");
}
