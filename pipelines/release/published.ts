// Every published table of the warehouse as plain rows: what the site shows, suppressed. A release, the XLSX
// appendix and `udgivne_tal` are written from these tables and from nothing else.
//
// The figures come from ONE published system (pipelines/published/system.ts: suppressed and audited, with the
// earlier releases' figures, so that a revision is never itself a small count); the site's data loaders print
// the same system's parts.
import * as fmt from "../../dashboards/components/format.js";
import { skjultTekst } from "../../dashboards/components/tilsyn-tekster.js";
import type { Warehouse } from "../db.ts";
import { figures, publishedSystem as auditedSystem, rapportLinje, siteData, type SiteData } from "../published/system.ts";
import type { Art, Undertrykt } from "../suppress.ts";
import type { PublishedFigure, ReleaseCells } from "./store.ts";

/** How a column's cells are written: text, a code or number that is not a count, a figure, a date. */
export type Kind = "tekst" | "kode" | "antal" | "andel" | "forhold" | "figur" | "dato";

export interface Column {
  key: string;
  /** The Danish header (CSV, XLSX). */
  label: string;
  kind: Kind;
}

/** A cell: a number when shown, `<5` or `–` (text) when suppressed, null when empty. */
export type Cell = string | number | null;

export interface PublishedTable {
  /** File name without extension. */
  name: string;
  /** The sheet's and the table's Danish title. */
  titel: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

/** What the published system gives for one warehouse: the loaders' objects, suppressed and audited. */
export interface PublishedSystem extends SiteData {
  /** Every published cell (key → shown n, d), kept for the next release's audit. */
  celler: ReleaseCells | null;
  /** What the suppression cost and what the audit did (the build's line). */
  rapport: string;
}

/**
 * The one published system. `tidligere`: every earlier release's cells (store.ts `previousReleases`), so the
 * audit sees what was released before.
 */
export async function publishedSystem(wh: Warehouse, tidligere: ReleaseCells[] = [], log?: (line: string) => void): Promise<PublishedSystem> {
  const pub = await auditedSystem(wh, { previous: tidligere, log });
  return { ...siteData(pub), celler: figures(pub.internal), rapport: rapportLinje(pub.rapport) };
}

/** The sign of a hidden figure, as the site shows it: `<5` for a small count, `–` otherwise. */
export function hiddenSign(undertrykt: Undertrykt | string | null | undefined, graense: number): string {
  return undertrykt === "lille_antal" ? `<${graense}` : fmt.STREG;
}

const SKJULT_FORDI: Record<string, string> = {
  lille_antal: "for få sager",
  lille_naevner: "for få sager i nævneren",
  komplementaer: "skjult, så et lille antal ikke kan regnes ud af de andre tal",
};

export const DIMENSIONER: Record<string, string> = {
  kilde: "Kilde",
  enhed: "Enhed",
  distrikt: "Distrikt",
  udfald: "Udfald",
  alvorlig: "Alvorlig",
};

const STATUS: Record<string, string> = {
  opfyldt: "Nået",
  ikke_opfyldt: "Ikke nået",
  forbedring: "Ikke nået, men bedre end kvartalet før",
  ingen_data: "Ingen tal",
  undertrykt: "Tallet er skjult (for få sager)",
};

const figure = (vaerdi: number | null | undefined, undertrykt: string | null | undefined, g: number): Cell =>
  vaerdi === null || vaerdi === undefined ? (undertrykt ? hiddenSign(undertrykt, g) : null) : vaerdi;

/**
 * A data-quality count (pipelines/published/quality.ts): the number, or when hidden `–` if it is marked hidden at
 * least the threshold (komplementaer) and `<g` if not: an unmarked hidden count there is a small one.
 */
const qualityCount = (v: unknown, undertrykt: unknown, g: number): Cell =>
  v === null || v === undefined ? (undertrykt ? fmt.STREG : `<${g}`) : Number(v);

const upTo = (tilKvartal: string | null) => (k: unknown) => tilKvartal === null || String(k) <= tilKvartal;

/**
 * The published tables, cut at `tilKvartal` (a release of 2026K2 holds no later quarter), in a fixed order.
 * The KPI table's `vist` column is the figure exactly as the site and the PDF print it.
 */
export function publishedTables(sys: PublishedSystem, tilKvartal: string | null = null): PublishedTable[] {
  const g = sys.kpi.meta.diskretionsgraense;
  const keep = upTo(tilKvartal);
  const defs = new Map(sys.kpi.definitioner.map((d) => [d.kpi, d]));
  const kpi: PublishedTable = {
    name: "kpi",
    titel: "Nøgletal pr. kvartal",
    columns: [
      { key: "kpi", label: "Nøgletal (id)", kind: "tekst" },
      { key: "nr", label: "Nr.", kind: "kode" },
      { key: "navn", label: "Nøgletal", kind: "tekst" },
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "niveau", label: "Niveau", kind: "tekst" },
      { key: "enhed", label: "Enhed", kind: "tekst" },
      { key: "art", label: "Art", kind: "tekst" },
      { key: "vaerdi", label: "Værdi", kind: "figur" },
      { key: "naevner", label: "Nævner", kind: "antal" },
      { key: "vist", label: "Vist som", kind: "tekst" },
      { key: "skjult", label: "Skjult fordi", kind: "tekst" },
      { key: "undertrykt", label: "Skjult (kode)", kind: "tekst" },
    ],
    rows: sys.kpi.kpi
      .filter((r) => keep(r.kvartal))
      .map((r) => ({
        kpi: r.kpi,
        nr: defs.get(r.kpi)?.nr ?? null,
        navn: defs.get(r.kpi)?.navn ?? r.kpi,
        kvartal: r.kvartal,
        niveau: r.niveau,
        enhed: r.enhed,
        art: r.art,
        vaerdi: figure(r.vaerdi, r.undertrykt ?? "lille_naevner", g),
        naevner: r.vaerdi === null ? null : r.naevner,
        vist: fmt.vaerdi(r, g),
        skjult: r.undertrykt ? SKJULT_FORDI[r.undertrykt] ?? r.undertrykt : null,
        undertrykt: r.undertrykt,
      })),
  };
  const arter = new Map(sys.kpi.definitioner.map((d) => [d.kpi, d.art as Art]));
  const plan: PublishedTable = {
    name: "udviklingsplan",
    titel: "Udviklingsplanens mål",
    columns: [
      { key: "kpi", label: "Nøgletal (id)", kind: "tekst" },
      { key: "navn", label: "Nøgletal", kind: "tekst" },
      { key: "periode", label: "Periode", kind: "tekst" },
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "niveau", label: "Niveau", kind: "tekst" },
      { key: "enhed", label: "Enhed", kind: "tekst" },
      { key: "art", label: "Art", kind: "tekst" },
      { key: "maal", label: "Mål", kind: "figur" },
      { key: "vaerdi", label: "Faktisk", kind: "figur" },
      { key: "status", label: "Status", kind: "tekst" },
    ],
    rows: sys.kpi.udviklingsplan
      .filter((p) => keep(p.kvartal))
      .map((p) => ({
        kpi: p.kpi,
        navn: defs.get(p.kpi)?.navn ?? p.kpi,
        periode: p.periode,
        kvartal: p.kvartal,
        niveau: p.niveau,
        enhed: p.enhed,
        art: arter.get(p.kpi) ?? "andel",
        maal: p.maal,
        vaerdi: p.vaerdi ?? (p.status === "undertrykt" ? fmt.STREG : null),
        status: STATUS[p.status] ?? p.status,
      })),
  };
  const und: PublishedTable = {
    name: "underretninger_fordeling",
    titel: "Underretninger efter kilde, enhed, distrikt og udfald",
    columns: [
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "dimension", label: "Opdelt efter", kind: "tekst" },
      { key: "kode", label: "Kode", kind: "tekst" },
      { key: "navn", label: "Kategori", kind: "tekst" },
      { key: "antal", label: "Underretninger", kind: "antal" },
    ],
    rows: sys.underretninger.fordeling
      .filter((r) => keep(r.kvartal))
      .map((r) => ({
        kvartal: r.kvartal,
        dimension: DIMENSIONER[r.dimension] ?? r.dimension,
        kode: r.kode,
        navn: r.navn,
        antal: figure(r.antal, r.undertrykt, g),
      })),
  };
  const anb: PublishedTable = {
    name: "anbringelser",
    titel: "Anbragte børn efter anbringelsestype",
    columns: [
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "niveau", label: "Niveau", kind: "tekst" },
      { key: "enhed", label: "Enhed", kind: "tekst" },
      { key: "gruppe", label: "Anbringelsestype", kind: "tekst" },
      { key: "anbragte", label: "Anbragte børn", kind: "antal" },
    ],
    rows: sys.anbringelser.anbringelser
      .filter((r) => keep(r.kvartal))
      .map((r) => ({ kvartal: r.kvartal, niveau: r.niveau, enhed: r.enhed, gruppe: r.gruppe, anbragte: figure(r.anbragte, r.undertrykt, g) })),
  };
  const flow: PublishedTable = {
    name: "anbringelser_nye_ophoerte",
    titel: "Nye og ophørte anbringelser",
    columns: [
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "nye", label: "Nye anbringelser", kind: "antal" },
      { key: "ophoerte", label: "Ophørte anbringelser", kind: "antal" },
    ],
    rows: (sys.anbringelser.bevaegelser ?? [])
      .filter((r) => keep(r.kvartal))
      .map((r) => ({ kvartal: r.kvartal, nye: figure(r.nye, r.nye_undertrykt, g), ophoerte: figure(r.ophoerte, r.ophoerte_undertrykt, g) })),
  };
  const trappe: PublishedTable = {
    name: "indsatstrappe",
    titel: "Børn på indsatstrappens trin",
    columns: [
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "trin", label: "Trin", kind: "kode" },
      { key: "boern", label: "Børn", kind: "antal" },
    ],
    rows: sys.anbringelser.indsatstrappe
      .filter((r) => keep(r.kvartal))
      .map((r) => ({ kvartal: r.kvartal, trin: r.trin, boern: figure(r.boern, r.undertrykt, g) })),
  };
  const dq = sys.datakvalitet;
  const filer: PublishedTable = {
    name: "datakvalitet_filer",
    titel: "Indlæste filer",
    columns: [
      { key: "load_id", label: "Indlæsning", kind: "kode" },
      { key: "as_of", label: "Data trukket", kind: "dato" },
      { key: "tabel", label: "Tabel", kind: "tekst" },
      { key: "fil", label: "Fil", kind: "tekst" },
      { key: "raekker_laest", label: "Rækker læst", kind: "antal" },
      { key: "raekker_indlaest", label: "Rækker indlæst", kind: "antal" },
      { key: "raekker_karantaene", label: "Rækker i karantæne", kind: "antal" },
    ],
    rows: dq.loads.map((l) => {
      const r = l as Record<string, unknown>;
      return {
        load_id: Number(r.load_id),
        as_of: (r.as_of as string | null) ?? null,
        tabel: String(r.tabel ?? ""),
        fil: String(r.fil ?? ""),
        raekker_laest: qualityCount(r.raekker_laest, r.laest_undertrykt, g),
        raekker_indlaest: qualityCount(r.raekker_indlaest, r.indlaest_undertrykt, g),
        raekker_karantaene: qualityCount(r.raekker_karantaene, r.karantaene_undertrykt, g),
      };
    }),
  };
  const karantaene: PublishedTable = {
    name: "datakvalitet_karantaene",
    titel: "Rækker i karantæne efter årsag",
    columns: [
      { key: "load_id", label: "Indlæsning", kind: "kode" },
      { key: "tabel", label: "Tabel", kind: "tekst" },
      { key: "regel", label: "Regel", kind: "kode" },
      { key: "aarsag", label: "Årsag", kind: "tekst" },
      { key: "kolonne", label: "Kolonne", kind: "tekst" },
      { key: "antal", label: "Rækker", kind: "antal" },
    ],
    rows: dq.karantaene.map((k) => {
      const r = k as Record<string, unknown>;
      return {
        load_id: Number(r.load_id),
        tabel: String(r.tabel ?? ""),
        regel: r.regel === null || r.regel === undefined ? null : Number(r.regel),
        aarsag: String(r.aarsag_tekst ?? r.aarsag ?? ""),
        kolonne: (r.kolonne as string | null) ?? null,
        antal: qualityCount(r.antal, r.undertrykt, g),
      };
    }),
  };
  const tilsyn = tilsynTable(sys, keep);
  return [kpi, plan, und, anb, flow, trappe, ...(tilsyn.rows.length ? [tilsyn] : []), filer, karantaene];
}

/** The ledelsestilsyn's review results as the page shows them: every figure of a hidden cell is `–`, with the reason. */
function tilsynTable(sys: PublishedSystem, keep: (k: unknown) => boolean): PublishedTable {
  const t = sys.ledelsestilsyn;
  const omraade = new Map(t.omraader.map((o) => [o.kode, o.navn]));
  const kort = new Map(t.spoergsmaal.map((q) => [q.spoergsmaal_id, `${q.nr}. ${q.kort}`]));
  const share = (v: number | null) => (v === null ? fmt.STREG : v);
  return {
    name: "ledelsestilsyn",
    titel: "Ledelsestilsyn: overholdelse i sagsgennemgange",
    columns: [
      { key: "kvartal", label: "Kvartal", kind: "tekst" },
      { key: "niveau", label: "Niveau", kind: "tekst" },
      { key: "enhed", label: "Enhed", kind: "tekst" },
      { key: "omraade", label: "Område", kind: "tekst" },
      { key: "spoergsmaal_id", label: "Spørgsmål (id)", kind: "tekst" },
      { key: "spoergsmaal", label: "Spørgsmål", kind: "tekst" },
      { key: "n", label: "Antal svar", kind: "antal" },
      { key: "andel_vaegtet", label: "Vægtet andel", kind: "andel" },
      { key: "andel", label: "Uvægtet andel", kind: "andel" },
      { key: "ci_nedre", label: "95 %-interval, nedre", kind: "andel" },
      { key: "ci_oevre", label: "95 %-interval, øvre", kind: "andel" },
      { key: "skjult", label: "Skjult fordi", kind: "tekst" },
    ],
    rows: t.resultater
      .filter((r) => keep(r.kvartal))
      .map((r) => ({
        kvartal: r.kvartal,
        niveau: r.niveau,
        enhed: r.enhed,
        omraade: omraade.get(r.omraade) ?? r.omraade,
        spoergsmaal_id: r.spoergsmaal_id,
        spoergsmaal: r.spoergsmaal_id ? (kort.get(r.spoergsmaal_id) ?? r.spoergsmaal_id) : "Hele området",
        n: r.n ?? fmt.STREG,
        andel_vaegtet: share(r.andel_vaegtet),
        andel: share(r.andel),
        ci_nedre: share(r.ci_nedre),
        ci_oevre: share(r.ci_oevre),
        skjult: r.undertrykt ? skjultTekst(r.undertrykt, sys.kpi.meta.diskretionsgraense) : null,
      })),
  };
}

type FigureSource = Pick<PublishedSystem, "kpi" | "underretninger" | "anbringelser" | "ledelsestilsyn">;
type Figure = Omit<PublishedFigure, "udgivelse">;

/**
 * Every figure a release publishes, as `udgivne_tal` keeps them and revisions compare them: the KPIs (value,
 * denominator and the text shown) and every breakdown's counts and shares, cut at `tilKvartal`.
 */
export function publishedFigures(sys: FigureSource, tilKvartal: string | null): Figure[] {
  const g = sys.kpi.meta.diskretionsgraense;
  const keep = upTo(tilKvartal);
  const navn = new Map(sys.kpi.definitioner.map((d) => [d.kpi, d.navn]));
  const kpi: Figure[] = sys.kpi.kpi
    .filter((r) => keep(r.kvartal))
    .map((r) => ({
      kpi: r.kpi,
      kvartal: r.kvartal,
      niveau: r.niveau,
      enhed: r.enhed,
      art: r.art,
      vaerdi: r.vaerdi,
      naevner: r.vaerdi === null ? null : r.naevner,
      vist: fmt.vaerdi(r, g),
      undertrykt: r.undertrykt,
      tabel: "kpi",
      navn: navn.get(r.kpi) ?? r.kpi,
    }));
  return [...kpi, ...breakdownFigures(sys, keep)];
}

/**
 * The breakdowns' figures, one per shown cell of their tables: `kpi` is `<table>:<category>` (codes, not the
 * display names, so that a renamed category is still the same figure), `navn` says in Danish what it counts.
 */
function breakdownFigures(sys: FigureSource, keep: (k: unknown) => boolean): Figure[] {
  const g = sys.kpi.meta.diskretionsgraense;
  const count = (
    tabel: string,
    id: string,
    navn: string,
    at: { kvartal: string; niveau?: string; enhed?: string | null },
    vaerdi: number | null,
    undertrykt: string | null,
  ): Figure => ({
    kpi: `${tabel}:${id}`,
    kvartal: at.kvartal,
    niveau: at.niveau ?? "kommune",
    enhed: at.enhed ?? null,
    art: "antal",
    vaerdi,
    naevner: null,
    vist: vaerdi === null ? hiddenSign(undertrykt, g) : fmt.tal(vaerdi),
    undertrykt: vaerdi === null ? undertrykt : null,
    tabel,
    navn,
  });
  const out: Figure[] = [];
  for (const r of sys.underretninger.fordeling.filter((x) => keep(x.kvartal)))
    out.push(count("underretninger_fordeling", `${r.dimension}:${r.kode ?? ""}`, `Underretninger efter ${(DIMENSIONER[r.dimension] ?? r.dimension).toLowerCase()}: ${r.navn}`, r, r.antal, r.undertrykt));
  for (const r of sys.anbringelser.anbringelser.filter((x) => keep(x.kvartal)))
    out.push(count("anbringelser", r.gruppe, `Anbragte børn: ${r.gruppe}`, r, r.anbragte, r.undertrykt));
  for (const r of (sys.anbringelser.bevaegelser ?? []).filter((x) => keep(x.kvartal))) {
    out.push(count("anbringelser_nye_ophoerte", "nye", "Nye anbringelser", r, r.nye, r.nye_undertrykt));
    out.push(count("anbringelser_nye_ophoerte", "ophoerte", "Ophørte anbringelser", r, r.ophoerte, r.ophoerte_undertrykt));
  }
  for (const r of sys.anbringelser.indsatstrappe.filter((x) => keep(x.kvartal)))
    out.push(count("indsatstrappe", String(r.trin), `Børn på indsatstrappens trin ${r.trin}`, r, r.boern, r.undertrykt));
  // The review results: the number of answers and the weighted share (the figure the page leads with).
  const t = sys.ledelsestilsyn;
  const omraade = new Map(t.omraader.map((o) => [o.kode, o.navn]));
  const kort = new Map(t.spoergsmaal.map((q) => [q.spoergsmaal_id, `${q.nr}. ${q.kort}`]));
  for (const r of t.resultater.filter((x) => keep(x.kvartal))) {
    const id = `${r.omraade}:${r.spoergsmaal_id ?? ""}`;
    const hvad = `${omraade.get(r.omraade) ?? r.omraade}, ${r.spoergsmaal_id ? (kort.get(r.spoergsmaal_id) ?? r.spoergsmaal_id) : "hele området"}`;
    const n = count("ledelsestilsyn", `${id}:n`, `Ledelsestilsyn, antal svar: ${hvad}`, r, r.n, r.undertrykt);
    // Every hidden review cell is `–` (tilsynTable), whatever the reason.
    out.push({ ...n, vist: r.n === null ? fmt.STREG : n.vist });
    out.push({
      ...n,
      kpi: `ledelsestilsyn:${id}:andel`,
      navn: `Ledelsestilsyn, vægtet andel: ${hvad}`,
      art: "andel",
      vaerdi: r.andel_vaegtet,
      vist: r.andel_vaegtet === null ? fmt.STREG : fmt.pct(r.andel_vaegtet),
    });
  }
  return out;
}
