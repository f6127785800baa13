// What the ledelsestilsyn publishes (issue 13, deliverable 6): mart_tilsyn_kvartal's shares and the question
// catalogue. The rows are read here and published through the one published system (pipelines/published/tilsyn.ts:
// a cell per row, suppressed and audited with every other published figure); the site's loader
// (dashboards/data/ledelsestilsyn.json.ts), hence the page, its downloads, the PDF and a release, show only what
// that returns. No case id, comment or reviewer leaves here.
//
// Each cell (quarter × level × unit × question, or the roll-up of an omraade) stands for two counts of children:
// the compliant answers (n_ja) and the others (n_nej = n − n_ja). A share tells both, so a cell is shown only when
// n ≥ g and neither count is 1 … g−1 (the share 18/20 says "2 cases did not comply"). The interval and the
// weighted share are shown only with the share.
import type { Warehouse } from "../db.ts";

export interface TilsynRow {
  periode: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
  omraade: string;
  spoergsmaal_id: string | null;
  n: number;
  n_ja: number;
  andel: number;
  ci_nedre: number;
  ci_oevre: number;
  andel_vaegtet: number;
}

export type TilsynUndertrykt = "lille_n" | "lille_antal" | "komplementaer";

export interface PublishedTilsynRow {
  /** The quarter (named as in every published table, so a release's cut applies). */
  kvartal: string;
  niveau: "kommune" | "enhed";
  enhed: string | null;
  omraade: string;
  /** null = the omraade's roll-up (its questions' answers pooled). */
  spoergsmaal_id: string | null;
  /** Answers other than "ikke relevant"; null when the cell is hidden. */
  n: number | null;
  andel: number | null;
  ci_nedre: number | null;
  ci_oevre: number | null;
  andel_vaegtet: number | null;
  undertrykt: TilsynUndertrykt | null;
}

export interface Spoergsmaal {
  spoergsmaal_id: string;
  nr: number;
  omraade: string;
  /** Short label for tables; `tekst` is the full question. */
  kort: string;
  tekst: string;
  gaelder_for: string;
  lov_sel: string | null;
  lov_bl: string | null;
  lov_note: string | null;
  register_kpi: string | null;
}

export interface TilsynData {
  kvartaler: string[];
  enheder: string[];
  omraader: { kode: string; nr: number; navn: string }[];
  betingelser: { kode: string; navn: string }[];
  spoergsmaal: Spoergsmaal[];
  resultater: PublishedTilsynRow[];
  mangler: string[];
}

const num = (v: unknown) => (typeof v === "bigint" ? Number(v) : (v as number));

/** The page's data without its results: the catalogue (public text), and the mart's exact rows (internal). */
export type TilsynSource = Omit<TilsynData, "resultater"> & { rows: TilsynRow[] };

/** Reads the catalogue and the mart's rows (exact: published only through the published system). Empty when nothing was reviewed. */
export async function readTilsyn(wh: Warehouse): Promise<TilsynSource> {
  const have = new Set((await wh.all<{ name: string }>(`select table_name as name from information_schema.tables`)).map((r) => r.name));
  const need = ["mart_tilsyn_kvartal", "tilsynsspoergsmaal", "tilsynsomraader", "tilsynsbetingelser"];
  const mangler = need.filter((t) => !have.has(t));
  if (mangler.length) return { kvartaler: [], enheder: [], omraader: [], betingelser: [], spoergsmaal: [], rows: [], mangler };
  const rows = (
    await wh.all<TilsynRow>(
      `select periode, niveau, enhed, omraade, spoergsmaal_id, n, n_ja, andel, ci_nedre, ci_oevre, andel_vaegtet
       from mart_tilsyn_kvartal order by periode, niveau, enhed nulls first, omraade, spoergsmaal_id nulls first`,
    )
  ).map((r) => ({ ...r, n: num(r.n), n_ja: num(r.n_ja) }));
  const spoergsmaal = (
    await wh.all<Spoergsmaal>(
      `select spoergsmaal_id, nr, omraade, kort, tekst, gaelder_for, lov_sel, lov_bl, lov_note, register_kpi from tilsynsspoergsmaal order by nr`,
    )
  ).map((q) => ({ ...q, nr: num(q.nr) }));
  const omraader = (await wh.all<{ kode: string; nr: number; navn: string }>(`select kode, nr, navn from tilsynsomraader order by nr`)).map((o) => ({ ...o, nr: num(o.nr) }));
  const betingelser = await wh.all<{ kode: string; navn: string }>(`select kode, navn from tilsynsbetingelser order by kode`);
  return {
    kvartaler: [...new Set(rows.map((r) => r.periode))].sort(),
    enheder: [...new Set(rows.filter((r) => r.enhed !== null).map((r) => r.enhed as string))].sort((a, b) => a.localeCompare(b, "da")),
    omraader,
    betingelser,
    spoergsmaal,
    rows,
    mangler: [],
  };
}
