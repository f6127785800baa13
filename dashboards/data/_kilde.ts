// What the site's data loaders read: the page marts, opened read-only, suppressed before anything is emitted.
// Each loader (`*.json.ts` beside this file) prints one of these objects as JSON. Only aggregates leave here.
import { openWarehouse, type Warehouse } from "../../pipelines/db.ts";
import { reasons } from "../../pipelines/load/validate.ts";
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
}

export interface Definition {
  kpi: string;
  nr: number;
  navn: string;
  beskrivelse: string;
  art: Art;
  retning: string;
  lov_sel: string | null;
  lov_bl: string | null;
  kravtabel: boolean | null;
}

// Only used when `mart_kpi_definitioner` is not in the warehouse (yet): the kinds of kpis.md, so that
// suppression still knows counts from shares. Labels then fall back to the KPI id.
const KINDS: Record<string, Art> = {
  underretninger_antal: "antal",
  underretninger_boern: "antal",
  underretning_vurderet_24t: "andel",
  underretning_kvitteret_6_hverdage: "andel",
  underretning_gentagen_12m: "andel",
  underretninger_pr_1000_boern: "forhold",
  bfu_rettidig_4m: "andel",
  bfu_overskridelse_begrundet: "andel",
  bfu_aaben_overskredet: "antal",
  foranstaltninger_nye_antal: "antal",
  handleplan_rettidig: "andel",
  boernesamtale_foer_afgoerelse: "andel",
  opfoelgning_rettidig: "andel",
  tilsyn_2_besoeg_12m: "andel",
  anbragte_antal: "antal",
  anbringelse_familiebaseret_andel: "andel",
  anbringelse_institution_andel: "andel",
  anbringelse_uden_samtykke_andel: "andel",
  anbringelse_trin_ned_12m: "andel",
  sager_pr_sagsbehandler: "forhold",
};

async function readMeta(wh: Warehouse, have: Set<string>, missing: string[]): Promise<Meta> {
  const [m] = await maybe<Meta>(wh, have, "mart_meta", `select * from mart_meta limit 1`, missing);
  return {
    kommune: m?.kommune ?? "Kommune",
    as_of: m?.as_of ?? null,
    seneste_kvartal: m?.seneste_kvartal ?? null,
    diskretionsgraense: Number(m?.diskretionsgraense ?? 5),
    farve_groen: Number(m?.farve_groen ?? 0.9),
    farve_gul: Number(m?.farve_gul ?? 0.75),
    bygget: m?.bygget ?? null,
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
  let definitioner = await maybe<Definition>(wh, have, "mart_kpi_definitioner", `select * from mart_kpi_definitioner order by nr`, missing);
  const rows = await maybe<KpiRow>(
    wh,
    have,
    "mart_kpi_kvartal",
    `select kpi, kvartal, niveau, enhed, taeller, naevner from mart_kpi_kvartal order by kpi, kvartal, niveau, enhed`,
    missing,
  );
  if (definitioner.length === 0)
    definitioner = Object.entries(KINDS).map(([kpi, art], i) => ({
      kpi, nr: i + 1, navn: kpi, beskrivelse: "", art, retning: "", lov_sel: null, lov_bl: null, kravtabel: null,
    }));
  const arter = new Map(definitioner.map((d) => [d.kpi, d.art]));
  const g = meta.diskretionsgraense;
  const kpi = hideWithPlacementTable(suppressKpiRows(rows, arter, g), have.has("mart_anbringelser_kvartal") ? await anbringelseRows(wh, have, []) : [], g);
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
 * table's hidden cells could be worked out from kpi.json.
 */
const ANDEL_AF_GRUPPE: Record<string, string> = {
  anbringelse_familiebaseret_andel: "familiebaseret",
  anbringelse_institution_andel: "institution",
};

function hideWithPlacementTable(kpi: PublishedKpiRow[], rows: AnbringelseRow[], g: number): PublishedKpiRow[] {
  if (!rows.length) return kpi;
  const sup = suppressAnbringelser(rows, g);
  const hidden = new Set(rows.filter((_, i) => sup[i].undertrykt !== null).map((r) => `${r.kvartal}|${r.niveau === "kommune" ? "" : r.enhed}|${r.gruppe}`));
  return kpi.map((r) => {
    const gruppe = ANDEL_AF_GRUPPE[r.kpi];
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
    const t = (reasons as Record<string, string>)[String(code)]?.split(" / ")[0];
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
