// What the site's data loaders read: the page marts, opened read-only, suppressed before anything is emitted.
// Each loader (`*.json.ts` beside this file) prints one of these objects as JSON. Only aggregates leave here.
import { defaults } from "../../pipelines/config.ts";
import { openWarehouse, type Warehouse } from "../../pipelines/db.ts";
import { reasons } from "../../pipelines/contract.ts";
import { cutAtQuarter } from "../../pipelines/release/cut.ts";
import { publishedTilsyn } from "../../pipelines/tilsyn/published.ts";
import { suppressBreakdown, suppressCount, suppressKpiRows, type Art, type KpiRow, type PublishedKpiRow } from "../../pipelines/suppress.ts";

export function warehousePath(env = process.env): string {
  const p = env.LIBU_DB;
  if (!p) throw new Error("LIBU_DB is not set: the site is built by `libu site`, which sets it");
  return p;
}

/** Runs `work` against the warehouse opened read-only, then closes it. */
export async function withWarehouse<T>(work: (wh: Warehouse) => Promise<T>, path = warehousePath()): Promise<T> {
  const wh = await openWarehouse(path, { readOnly: true });
  try {
    return await work(wh);
  } finally {
    wh.close();
  }
}

async function tables(wh: Warehouse): Promise<Set<string>> {
  const rows = await wh.all<{ name: string }>(`select table_name as name from information_schema.tables`);
  return new Set(rows.map((r) => r.name));
}

/** Plain JSON values: numbers for bigints, ISO text for dates. */
function plain<T>(rows: Record<string, unknown>[]): T[] {
  return rows.map(
    (r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          typeof v === "bigint" ? Number(v) : v instanceof Date ? isoDate(v) : v,
        ]),
      ) as T,
  );
}

function isoDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
}

async function maybe<T>(wh: Warehouse, have: Set<string>, table: string, sql: string, missing: string[]): Promise<T[]> {
  if (!have.has(table)) {
    missing.push(table);
    return [];
  }
  return plain<T>(await wh.all(sql));
}

export interface Meta {
  kommune: string;
  as_of: string | null;
  seneste_kvartal: string | null;
  diskretionsgraense: number;
  farve_groen: number;
  farve_gul: number;
  bygget: string | null;
  /** The day Barnets Lov replaced Serviceloven's child provisions (seed love); null without a build. */
  lovskift: string | null;
}

/** A row of mart_kpi_definitioner, the KPI registry (models/seeds/kpi_definitioner.json describes each field). */
export interface Definition {
  kpi: string;
  nr: number;
  navn: string;
  beskrivelse: string;
  art: Art;
  retning: "hoejere_bedre" | "lavere_bedre" | "neutral";
  lov_sel: string | null;
  lov_bl: string | null;
  kravtabel: boolean | null;
  lov_note: string | null;
  kategoriandel: boolean | null;
  niveauer: string;
  side: string;
  afsnit: string | null;
  afsnit_nr: number | null;
  hovedtal_nr: number | null;
  emne: string | null;
  emne_pronomen: string | null;
  naevner_tekst: string | null;
  andel_af_gruppe: string | null;
  farvegraenser: string | null;
  reference_maal: number | null;
}

async function readMeta(wh: Warehouse, have: Set<string>, missing: string[]): Promise<Meta> {
  const [m] = await maybe<Meta>(wh, have, "mart_meta", `select * from mart_meta limit 1`, missing);
  return {
    kommune: m?.kommune ?? "Kommune",
    as_of: m?.as_of ?? null,
    seneste_kvartal: m?.seneste_kvartal ?? null,
    diskretionsgraense: Number(m?.diskretionsgraense ?? defaults.diskretionsgraense),
    farve_groen: Number(m?.farve_groen ?? defaults.farvegraenser.groen),
    farve_gul: Number(m?.farve_gul ?? defaults.farvegraenser.gul),
    bygget: m?.bygget ?? null,
    lovskift: m?.lovskift ?? null,
  };
}

const byText = (a: string, b: string) => a.localeCompare(b, "da");

export interface KpiData {
  meta: Meta;
  kvartaler: string[];
  enheder: string[];
  definitioner: Definition[];
  kpi: PublishedKpiRow[];
  udviklingsplan: {
    kpi: string;
    periode: string;
    kvartal: string;
    niveau: string;
    enhed: string | null;
    maal: number;
    vaerdi: number | null;
    naevner: number | null;
    retning: string;
    status: string;
  }[];
  mangler: string[];
}

export async function kpiData(wh: Warehouse): Promise<KpiData> {
  const have = await tables(wh);
  const missing: string[] = [];
  const meta = await readMeta(wh, have, missing);
  // Without the registry no KPI's kind is known, and suppressKpiRows hides a figure of unknown kind.
  const definitioner = await maybe<Definition>(wh, have, "mart_kpi_definitioner", `select * from mart_kpi_definitioner order by nr`, missing);
  const rows = await maybe<KpiRow>(
    wh,
    have,
    "mart_kpi_kvartal",
    `select kpi, kvartal, niveau, enhed, taeller, naevner from mart_kpi_kvartal order by kpi, kvartal, niveau, enhed`,
    missing,
  );
  const arter = new Map(definitioner.map((d) => [d.kpi, d.art]));
  const g = meta.diskretionsgraense;
  const grupper = new Map(definitioner.filter((d) => d.andel_af_gruppe).map((d) => [d.kpi, d.andel_af_gruppe as string]));
  const kpi = hideWithPlacementTable(suppressKpiRows(rows, arter, g), have.has("mart_anbringelser_kvartal") ? await anbringelseRows(wh, have, []) : [], grupper, g);
  const published = new Map(kpi.map((r) => [`${r.kpi}|${r.kvartal}|${r.enhed ?? ""}`, r]));
  const plan = await maybe<Record<string, unknown>>(
    wh,
    have,
    "mart_udviklingsplan",
    `select kpi, periode, kvartal, niveau, enhed, maal, retning, status from mart_udviklingsplan order by kpi, kvartal`,
    missing,
  );
  const udviklingsplan = plan.map((p) => {
    // The actual figure is the published (suppressed) one, and a hidden figure has no status to show.
    const pub = published.get(`${p.kpi}|${p.kvartal}|${p.enhed ?? ""}`);
    const hidden = !pub || pub.vaerdi === null;
    return {
      kpi: String(p.kpi),
      periode: String(p.periode),
      kvartal: String(p.kvartal),
      niveau: String(p.niveau),
      enhed: (p.enhed as string | null) ?? null,
      maal: Number(p.maal),
      vaerdi: hidden ? null : pub.vaerdi,
      naevner: hidden ? null : pub.naevner,
      retning: String(p.retning ?? ""),
      status: hidden ? (pub ? "undertrykt" : "ingen_data") : String(p.status),
    };
  });
  const kvartaler = [...new Set(rows.map((r) => r.kvartal))].sort();
  const enheder = [...new Set(rows.filter((r) => r.enhed !== null).map((r) => r.enhed as string))].sort(byText);
  return { meta, kvartaler, enheder, definitioner, kpi, udviklingsplan, mangler: missing };
}

export async function underretningerData(wh: Warehouse) {
  const have = await tables(wh);
  const missing: string[] = [];
  const meta = await readMeta(wh, have, missing);
  const rows = await maybe<{ kvartal: string; dimension: string; kode: string; navn: string; antal: number }>(
    wh,
    have,
    "mart_underretninger_fordeling",
    `select kvartal, dimension, kode, navn, antal from mart_underretninger_fordeling order by kvartal, dimension, antal desc, kode`,
    missing,
  );
  // Each dimension's categories add up to the quarter's notifications (KPI 1), which is published.
  const antal = suppressBreakdown(rows, (r) => r.antal, (r) => [`${r.kvartal}|${r.dimension}`], meta.diskretionsgraense);
  return {
    fordeling: rows.map((r, i) => ({ ...r, antal: antal[i].vaerdi, undertrykt: antal[i].undertrykt })),
    mangler: missing,
  };
}

type AnbringelseRow = { kvartal: string; niveau: string; enhed: string | null; gruppe: string; anbragte: number; nye: number; ophoerte: number };

async function anbringelseRows(wh: Warehouse, have: Set<string>, missing: string[]): Promise<AnbringelseRow[]> {
  return maybe<AnbringelseRow>(
    wh,
    have,
    "mart_anbringelser_kvartal",
    `select kvartal, niveau, enhed, gruppe, anbragte, nye, ophoerte from mart_anbringelser_kvartal order by kvartal, niveau, enhed, gruppe`,
    missing,
  );
}

/**
 * Placed children by unit and group, suppressed as a two-way table with published margins (each unit's total
 * and the municipality's are KPI 15, each group's is the municipality row): protect each unit's row and
 * each group's column.
 */
function suppressAnbringelser(rows: AnbringelseRow[], g: number) {
  const groups = (r: AnbringelseRow) =>
    r.niveau === "kommune" ? [`${r.kvartal}|k`] : [`${r.kvartal}|e|${r.enhed}`, `${r.kvartal}|g|${r.gruppe}`];
  return suppressBreakdown(rows, (r) => r.anbragte, groups, g);
}

/**
 * The shares of KPIs 16 and 17 times their denominator (KPI 15) are the group counts of the placement table,
 * and the third group is what is left: a share is published only where its group count is, else the
 * table's hidden cells could be worked out from kpi.json. `grupper`: KPI → its group (registry: andel_af_gruppe).
 */
function hideWithPlacementTable(kpi: PublishedKpiRow[], rows: AnbringelseRow[], grupper: Map<string, string>, g: number): PublishedKpiRow[] {
  if (!rows.length) return kpi;
  const sup = suppressAnbringelser(rows, g);
  const hidden = new Set(rows.filter((_, i) => sup[i].undertrykt !== null).map((r) => `${r.kvartal}|${r.niveau === "kommune" ? "" : r.enhed}|${r.gruppe}`));
  return kpi.map((r) => {
    const gruppe = grupper.get(r.kpi);
    if (!gruppe || r.vaerdi === null || !hidden.has(`${r.kvartal}|${r.enhed ?? ""}|${gruppe}`)) return r;
    return { ...r, vaerdi: null, naevner: null, undertrykt: "komplementaer" };
  });
}

export async function anbringelserData(wh: Warehouse) {
  const have = await tables(wh);
  const missing: string[] = [];
  const meta = await readMeta(wh, have, missing);
  const g = meta.diskretionsgraense;
  const rows = await anbringelseRows(wh, have, missing);
  const sup = { anbragte: suppressAnbringelser(rows, g) };
  const trappe = await maybe<{ kvartal: string; trin: number; boern: number }>(
    wh,
    have,
    "mart_indsatstrappe_kvartal",
    `select kvartal, trin, boern from mart_indsatstrappe_kvartal order by kvartal, trin`,
    missing,
  );
  const boern = suppressBreakdown(trappe, (r) => r.boern, (r) => [r.kvartal], g);
  // New and ended placements for the whole municipality per quarter: the totals of the groups, published.
  const totals = new Map<string, { kvartal: string; nye: number; ophoerte: number }>();
  for (const r of rows.filter((x) => x.niveau === "kommune")) {
    const t = totals.get(r.kvartal) ?? { kvartal: r.kvartal, nye: 0, ophoerte: 0 };
    t.nye += Number(r.nye ?? 0);
    t.ophoerte += Number(r.ophoerte ?? 0);
    totals.set(r.kvartal, t);
  }
  return {
    anbringelser: rows.map((r, i) => ({
      ...r,
      anbragte: sup.anbragte[i].vaerdi,
      undertrykt: sup.anbragte[i].undertrykt,
      nye: undefined,
      ophoerte: undefined,
    })),
    bevaegelser: [...totals.values()].map((t) => ({ kvartal: t.kvartal, nye: suppressCount(t.nye, g), ophoerte: suppressCount(t.ophoerte, g) })),
    indsatstrappe: trappe.map((r, i) => ({ ...r, boern: boern[i].vaerdi, undertrykt: boern[i].undertrykt })),
    mangler: missing,
  };
}

export async function datakvalitetData(wh: Warehouse) {
  const have = await tables(wh);
  const missing: string[] = [];
  const meta = await readMeta(wh, have, missing);
  const g = meta.diskretionsgraense;
  // Row counts of files and of quarantine reasons are published like every other count.
  const loads = await maybe<Record<string, unknown>>(
    wh,
    have,
    "mart_datakvalitet_loads",
    `select load_id, as_of, startet, tabel, fil, format, tegnsaet, raekker_laest, raekker_indlaest, raekker_karantaene
     from mart_datakvalitet_loads order by startet desc, tabel`,
    missing,
  );
  const karantaene = await maybe<Record<string, unknown>>(
    wh,
    have,
    "mart_datakvalitet_karantaene",
    `select load_id, tabel, regel, aarsag, kolonne, antal from mart_datakvalitet_karantaene order by load_id desc, tabel, antal desc`,
    missing,
  );
  const tests = await maybe<Record<string, unknown>>(
    wh,
    have,
    "data_test_results",
    `select test, model, kolonne, alvor, status, fejl, koert from data_test_results order by status, model, test`,
    missing,
  );
  const c = (v: unknown) => suppressCount(v === null || v === undefined ? null : Number(v), g);
  // The reason in Danish, as the load report words it.
  const tekst = (code: unknown) => {
    const t = (reasons as Record<string, { tekst: string }>)[String(code)]?.tekst.split(" / ")[0];
    return t ? t[0].toUpperCase() + t.slice(1) : String(code ?? "");
  };
  return {
    loads: loads.map((l) => {
      const karantaene = c(l.raekker_karantaene);
      // Rows read minus rows loaded would give a hidden quarantine count back: hide the rows loaded as well.
      const skjul = karantaene === null && Number(l.raekker_karantaene) > 0;
      return {
        ...l,
        raekker_laest: c(l.raekker_laest),
        raekker_indlaest: skjul ? null : c(l.raekker_indlaest),
        indlaest_undertrykt: skjul ? "komplementaer" : null,
        raekker_karantaene: karantaene,
      };
    }),
    karantaene: karantaene.map((k) => ({ ...k, aarsag_tekst: tekst(k.aarsag), antal: c(k.antal) })),
    tests: tests.map((t) => ({ ...t, fejl: c(t.fejl) })),
    mangler: missing,
  };
}

/** The ledelsestilsyn's review results, suppressed (pipelines/tilsyn/published.ts), and the page's meta. */
export async function ledelsestilsynData(wh: Warehouse) {
  const have = await tables(wh);
  const missing: string[] = [];
  const meta = await readMeta(wh, have, missing);
  const data = await publishedTilsyn(wh, meta.diskretionsgraense);
  return { ...data, mangler: [...missing, ...data.mangler] };
}

/** Runs one loader: prints `make(wh)` as JSON on stdout. */
export async function emit(make: (wh: Warehouse) => Promise<unknown>): Promise<void> {
  const data = cutAtQuarter(await withWarehouse(make), process.env.LIBU_TIL_KVARTAL);
  process.stdout.write(JSON.stringify(data));
}
