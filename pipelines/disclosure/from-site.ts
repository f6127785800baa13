// The attacker's view of a built site: what its data files show of each cell of the published system. Used to
// audit a site as it was actually published (the data files, not the build's own states) — the demo test audits
// the built site this way, and the benchmark audits the site as libu published it before issue 10.
import { sizeOf, smallWhy, type PublishedCells, type State } from "./system.ts";
import { kpiKey } from "../published/kpi.ts";
import { tilsynKey } from "../published/tilsyn.ts";

type Row = Record<string, unknown>;
export interface SiteFiles {
  kpi?: { kpi?: Row[] };
  underretninger?: { fordeling?: Row[] };
  anbringelser?: { anbringelser?: Row[]; bevaegelser?: Row[]; indsatstrappe?: Row[] };
  datakvalitet?: { loads?: Row[]; karantaene?: Row[]; tests?: Row[] };
  ledelsestilsyn?: { resultater?: Row[] };
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
const isNull = (v: unknown) => v === null || v === undefined;

/**
 * Sets every cell's state to what the site's data files show: shown where a figure is printed, `<g` (small) or
 * `–` (hidden) by the reason given, shown (a true 0) where the table has no row. Returns the keys of cells whose
 * published row says something the cell cannot (none for a site built from this system).
 */
export function statesFromSite(sys: PublishedCells, site: SiteFiles): string[] {
  const index = new Map(sys.cells.map((c, i) => [c.key, i]));
  const seen = new Map<number, State>();
  const odd: string[] = [];
  const set = (key: string, state: State) => {
    const i = index.get(key);
    if (i === undefined) {
      if (state !== "shown") odd.push(key);
      return;
    }
    seen.set(i, state);
  };
  const sign = (value: unknown, undertrykt: unknown, smallCodes = ["lille_antal", "lille_naevner", "lille_n"]): State =>
    !isNull(value) ? "shown" : smallCodes.includes(str(undertrykt)) || isNull(undertrykt) ? "small" : "hidden";
  for (const r of site.kpi?.kpi ?? []) set(kpiKey(str(r.kpi), str(r.kvartal), r.enhed === null ? null : str(r.enhed)), sign(r.vaerdi, r.undertrykt));
  for (const r of site.underretninger?.fordeling ?? []) set(`underretninger|${str(r.kvartal)}|${str(r.dimension)}|${str(r.kode)}`, sign(r.antal, r.undertrykt));
  for (const r of site.anbringelser?.anbringelser ?? [])
    set(`anbragte|${str(r.kvartal)}|${r.niveau === "kommune" ? "" : str(r.enhed)}|${str(r.gruppe)}`, sign(r.anbragte, r.undertrykt));
  for (const r of site.anbringelser?.bevaegelser ?? [])
    for (const art of ["nye", "ophoerte"]) set(`bevaegelser|${str(r.kvartal)}|${art}`, sign(r[art], r[`${art}_undertrykt`]));
  for (const r of site.anbringelser?.indsatstrappe ?? []) set(`trappe|${str(r.kvartal)}|${str(r.trin)}`, sign(r.boern, r.undertrykt));
  for (const r of site.datakvalitet?.loads ?? []) {
    const base = `indlaesning|${str(r.load_id)}|${str(r.tabel)}|${str(r.fil)}`;
    set(`${base}|raekker_laest`, sign(r.raekker_laest, r.laest_undertrykt));
    set(`${base}|raekker_indlaest`, sign(r.raekker_indlaest, r.indlaest_undertrykt));
    set(`${base}|raekker_karantaene`, sign(r.raekker_karantaene, r.karantaene_undertrykt));
  }
  for (const r of site.datakvalitet?.karantaene ?? [])
    set(`karantaene|${str(r.load_id)}|${str(r.tabel)}|${str(r.regel)}|${str(r.aarsag)}|${str(r.kolonne)}`, sign(r.antal, r.undertrykt));
  // Data tests: keyed as quality.ts keys them (a repeated key gets |2, |3, … in the same order).
  const taken = new Set<string>();
  for (const r of site.datakvalitet?.tests ?? []) {
    const k = `test|${str(r.test)}|${str(r.model)}|${str(r.kolonne)}`;
    let key = k;
    for (let i = 2; taken.has(key); i++) key = `${k}|${i}`;
    taken.add(key);
    set(key, sign(r.fejl, null));
  }
  for (const r of site.ledelsestilsyn?.resultater ?? [])
    set(
      tilsynKey({ periode: str(r.kvartal), enhed: r.enhed === null ? null : str(r.enhed), omraade: str(r.omraade), spoergsmaal_id: r.spoergsmaal_id === null ? null : str(r.spoergsmaal_id) }),
      // "lille_n": fewer than g answers; any other reason: at least g answers, hidden.
      sign(r.n, r.undertrykt, ["lille_n"]),
    );
  sys.cells.forEach((c, i) => {
    const state = seen.get(i);
    // No row: a true 0 to the reader. A cell with a figure and no row means the site lost a figure (named).
    c.state = state ?? "shown";
    c.why = c.state === "shown" ? null : c.state === "small" ? smallWhy(c) : "komplementaer";
    if (state === undefined && sizeOf(c) !== 0) odd.push(c.key);
  });
  return odd;
}
