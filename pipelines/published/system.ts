// One published system: everything a build publishes (the site's data files, hence its CSV and XLSX downloads
// and the PDF, and releases) is derived from the tables this returns, already suppressed and audited.
//
//   const pub = await publishedSystem(wh, { previous: await previousReleases(wh) });
//   pub.kpi, pub.underretninger, pub.anbringelser, pub.datakvalitet, pub.ledelsestilsyn  // each site data file
//   pub.figurer                                                       // every cell's published figures, by key
//   pub.rapport                                                       // what suppression cost, and the audit
import type { Warehouse } from "../db.ts";
import type { ProtectReport } from "../disclosure/protect.ts";
import { dropFalseIdentities, SystemBuilder, type PreviousRelease, type PublishedCells } from "../disclosure/system.ts";
import { suppressSystem } from "../suppress.ts";
import { addKpiCells, publishedKpiRows, type KpiRow, type PublishedKpiRow } from "./kpi.ts";
import { addDistributionCells, publishedDistribution, type DistributionRow } from "./notifications.ts";
import { addPlacementCells, publishedPlacements, type PlacementRow, type StepRow } from "./placements.ts";
import { planStatus, type PlanRow } from "./plan.ts";
import { addQualityCells, publishedQuality, type LoadRow, type QuarantineRow, type TestRow } from "./quality.ts";
import { MartReader, readDefinitions, readMeta, type Definition, type Meta } from "./read.ts";
import { addTilsynCells, publishedTilsynRows } from "./tilsyn.ts";
import { readTilsyn } from "../tilsyn/published.ts";

export interface PublishedSystemOptions {
  /** The previous releases' published figures (their `figurer`), oldest first. */
  previous?: PreviousRelease[];
  /** Every round of the suppression loop (see `slowRounds` for what a user should see). */
  log?: (line: string) => void;
}

/** Rounds of the suppression loop after which a build says it is still at work, and then every so many. */
export const SLOW_ROUNDS = 10;

/**
 * A log of the loop for a user: nothing while it is quick, then every `SLOW_ROUNDS`th round's line, so a build
 * on a large municipality never sits silent for minutes.
 */
export function slowRounds(log: (line: string) => void): (line: string) => void {
  return (line) => {
    const round = /runde (\d+):/.exec(line);
    if (round && Number(round[1]) % SLOW_ROUNDS === 0) log(`${line} — stadig i gang`);
  };
}

export interface Rapport extends Omit<ProtectReport, "last"> {
  /** Cells in the published system, and how many are not shown. */
  cells: number;
  hidden: number;
  components: number;
  /** Identities the data does not satisfy (left out of the audit): none for marts built by the models. */
  falseIdentities: string[];
}

export interface KpiData {
  meta: Meta;
  kvartaler: string[];
  enheder: string[];
  definitioner: Definition[];
  kpi: PublishedKpiRow[];
  udviklingsplan: ReturnType<typeof planStatus>;
  mangler: string[];
}

const byText = (a: string, b: string) => a.localeCompare(b, "da");

/** Reads the page marts, builds the one system of published cells, suppresses and audits it. */
export async function publishedSystem(wh: Warehouse, opts: PublishedSystemOptions = {}) {
  const r = await MartReader.open(wh);
  const meta = await readMeta(r);
  const g = meta.diskretionsgraense;
  const definitioner = await readDefinitions(r);
  const kpiRows = await r.rows<KpiRow>("mart_kpi_kvartal", `select kpi, kvartal, niveau, enhed, taeller, naevner from mart_kpi_kvartal order by kpi, kvartal, niveau, enhed`);
  const plan = await r.rows<PlanRow>("mart_udviklingsplan", `select kpi, periode, kvartal, niveau, enhed, maal, retning, status from mart_udviklingsplan order by kpi, kvartal`);
  const distribution = await r.rows<DistributionRow>(
    "mart_underretninger_fordeling",
    `select kvartal, dimension, kode, navn, antal from mart_underretninger_fordeling order by kvartal, dimension, antal desc, kode`,
  );
  const placements = await r.rows<PlacementRow>(
    "mart_anbringelser_kvartal",
    `select kvartal, niveau, enhed, gruppe, anbragte, nye, ophoerte from mart_anbringelser_kvartal order by kvartal, niveau, enhed, gruppe`,
  );
  const steps = await r.rows<StepRow>("mart_indsatstrappe_kvartal", `select kvartal, trin, boern from mart_indsatstrappe_kvartal order by kvartal, trin`);
  const loads = await r.rows<LoadRow>(
    "mart_datakvalitet_loads",
    `select load_id, as_of, startet, tabel, fil, format, tegnsaet, raekker_laest, raekker_indlaest, raekker_karantaene
     from mart_datakvalitet_loads order by startet desc, tabel`,
  );
  const quarantine = await r.rows<QuarantineRow>(
    "mart_datakvalitet_karantaene",
    `select load_id, tabel, regel, aarsag, kolonne, antal from mart_datakvalitet_karantaene order by load_id desc, tabel, antal desc`,
  );
  const tests = await r.rows<TestRow>("data_test_results", `select test, model, kolonne, alvor, status, fejl, koert from data_test_results order by status, model, test`);

  const kvartaler = [...new Set(kpiRows.map((x) => x.kvartal))].sort();
  const enheder = [...new Set([...kpiRows, ...placements].filter((x) => x.enhed !== null).map((x) => x.enhed as string))].sort(byText);
  if (kpiRows.length && definitioner.length === 0) throw new Error("mart_kpi_definitioner is missing: the KPIs' kinds are needed to suppress them (run `libu build`)");

  const tilsyn = await readTilsyn(wh);

  const b = new SystemBuilder();
  const kpiCells = addKpiCells(b, kpiRows, definitioner, enheder);
  const shareOfGroup = new Map(definitioner.filter((d) => d.andel_af_gruppe).map((d) => [d.kpi, d.andel_af_gruppe as string]));
  const placementCells = addPlacementCells(b, placements, steps, enheder, kvartaler, shareOfGroup);
  const distributionCells = addDistributionCells(b, distribution);
  const qualityCells = addQualityCells(b, loads, quarantine, tests);
  const tilsynCells = addTilsynCells(b, tilsyn.rows);
  const sys: PublishedCells = b.build(g, opts.previous ?? []);
  // An identity the data does not satisfy is left out and named in the report (none for marts the models built).
  const wrong = dropFalseIdentities(sys);
  const report = await suppressSystem(sys, opts.log);

  const kpi = publishedKpiRows(sys, kpiCells);
  const { last, ...rest } = report;
  const rapport: Rapport = {
    ...rest,
    cells: sys.cells.length,
    hidden: sys.cells.filter((c) => c.state !== "shown").length,
    components: last.components,
    falseIdentities: wrong,
  };
  const kpiData: KpiData = { meta, kvartaler, enheder, definitioner, kpi, udviklingsplan: planStatus(plan, kpi), mangler: r.missing.filter((m) => ["mart_meta", "mart_kpi_definitioner", "mart_kpi_kvartal", "mart_udviklingsplan"].includes(m)) };
  const missing = (names: string[]) => r.missing.filter((m) => m === "mart_meta" || names.includes(m));
  return {
    kpi: kpiData,
    underretninger: { fordeling: publishedDistribution(sys, distributionCells), mangler: missing(["mart_underretninger_fordeling"]) },
    anbringelser: { ...publishedPlacements(sys, placementCells), mangler: missing(["mart_anbringelser_kvartal", "mart_indsatstrappe_kvartal"]) },
    datakvalitet: { ...publishedQuality(sys, qualityCells), mangler: missing(["mart_datakvalitet_loads", "mart_datakvalitet_karantaene", "data_test_results"]) },
    ledelsestilsyn: { ...tilsynWithout(tilsyn), resultater: publishedTilsynRows(sys, tilsynCells), mangler: [...missing([]), ...tilsyn.mangler] },
    figurer: figures(sys),
    rapport,
    /** The cells themselves (internal: exact values; for tests and the audit's own checks, never published). */
    internal: sys,
  };
}

export type PublishedSystem = Awaited<ReturnType<typeof publishedSystem>>;

/** What suppression cost and what the audit did, in one line of Danish (the build's output). */
export function rapportLinje(r: Rapport): string {
  const tal = (n: number) => n.toLocaleString("da-DK");
  return (
    `diskretion: ${tal(r.hidden)} af ${tal(r.cells)} tal skjult (${tal(r.primary)} for små, ${tal(r.zeros)} nuller med samme tegn, ` +
    `${tal(r.complementary)} ekstra så de ikke kan regnes ud, heraf ${tal(r.complementaryMunicipality)} for hele kommunen${r.neutral ? `, ${tal(r.neutral)} med tegnet – uanset størrelse` : ""}); ` +
    `tjekket som en angriber ville: ${tal(r.targets)} skjulte små tal, ${r.rounds} runder, ${tal(r.solves)} heltalsprogrammer, ${(r.ms / 1000).toFixed(1).replace(".", ",")} s`
  );
}

/** Every cell's published numerator and denominator (null where hidden): what a release keeps for the next one's audit. */
export function figures(sys: PublishedCells): PreviousRelease {
  const out: PreviousRelease = {};
  for (const c of sys.cells) out[c.key] = c.state === "shown" ? { n: c.n, d: c.d } : { n: null, d: null };
  return out;
}

function tilsynWithout<T extends { rows: unknown }>({ rows: _rows, ...rest }: T): Omit<T, "rows"> {
  return rest;
}

/** The site data files' parts of the system (what each loader prints; the handover file of `libu site`). */
export const SITE_PARTS = ["kpi", "underretninger", "anbringelser", "datakvalitet", "ledelsestilsyn"] as const;
export type SitePart = (typeof SITE_PARTS)[number];
export type SiteData = Pick<PublishedSystem, SitePart>;

export function siteData(pub: SiteData): SiteData {
  return { kpi: pub.kpi, underretninger: pub.underretninger, anbringelser: pub.anbringelser, datakvalitet: pub.datakvalitet, ledelsestilsyn: pub.ledelsestilsyn };
}
