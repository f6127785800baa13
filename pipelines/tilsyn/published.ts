// What the ledelsestilsyn publishes (issue 13, deliverable 6): mart_tilsyn_kvartal's shares, suppressed. The one
// place where review results become publishable figures; the site's loader (dashboards/data/ledelsestilsyn.json.ts),
// hence the page, its downloads and the PDF, show only what this returns. No case id, comment or reviewer leaves here.
//
// Each cell (quarter × level × unit × question, or the roll-up of an omraade) stands for two counts of children:
// the compliant answers (n_ja) and the others (n_nej = n − n_ja). A share tells both, so a cell is shown only when
// n ≥ g and neither count is 1 … g−1 (the share 18/20 says "2 cases did not comply"). The cells add up: the
// municipality is the sum of its units (per question and per roll-up), and a roll-up is the sum of its questions.
// Complementary suppression within each of those groups: when one cell of a group is hidden, or the hidden cells'
// compliant or non-compliant answers together are 1 … g−1, the smallest shown part is hidden as well (the total when
// no part is left). The interval and the weighted share are shown only with the share.
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

/** Why a cell is hidden on its own (primary suppression), or null. */
export function primary(r: Pick<TilsynRow, "n" | "n_ja">, g: number): TilsynUndertrykt | null {
  const nej = r.n - r.n_ja;
  if (r.n < g) return "lille_n";
  if ((r.n_ja > 0 && r.n_ja < g) || (nej > 0 && nej < g)) return "lille_antal";
  return null;
}

interface Group {
  total: number;
  parts: number[];
}

/** The additive groups of the rows: municipality = Σ units, roll-up = Σ questions. */
export function tilsynGroups(rows: TilsynRow[]): Group[] {
  const key = (r: TilsynRow, enhed: string | null, q: string | null) => `${r.periode}|${r.niveau === "kommune" ? "k" : "e"}|${enhed ?? ""}|${r.omraade}|${q ?? ""}`;
  const at = new Map(rows.map((r, i) => [key(r, r.enhed, r.spoergsmaal_id), i]));
  const groups = new Map<string, Group>();
  const add = (name: string, total: number | undefined, part: number) => {
    if (total === undefined) return;
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { total, parts: [] }));
    g.parts.push(part);
  };
  rows.forEach((r, i) => {
    if (r.niveau === "enhed") {
      const kommune = at.get(`${r.periode}|k||${r.omraade}|${r.spoergsmaal_id ?? ""}`);
      add(`k|${r.periode}|${r.omraade}|${r.spoergsmaal_id ?? ""}`, kommune, i);
    }
    if (r.spoergsmaal_id !== null) add(`o|${key(r, r.enhed, null)}`, at.get(key(r, r.enhed, null)), i);
  });
  return [...groups.values()];
}

/** Suppresses the mart's rows (primary, then complementary until no group leaks). */
export function suppressTilsyn(rows: TilsynRow[], g: number): PublishedTilsynRow[] {
  if (!Number.isInteger(g) || g < 1) throw new Error(`suppression threshold must be a whole number ≥ 1, not ${g}`);
  const state: (TilsynUndertrykt | null)[] = rows.map((r) => (r.n > 0 ? primary(r, g) : null));
  const groups = tilsynGroups(rows);
  const small = (s: number) => s > 0 && s < g;
  let changed = true;
  while (changed) {
    changed = false;
    for (const grp of groups) {
      if (state[grp.total] !== null) continue;
      const hidden = grp.parts.filter((i) => state[i] !== null && rows[i].n > 0);
      if (hidden.length === 0) continue;
      const ja = hidden.reduce((s, i) => s + rows[i].n_ja, 0);
      const nej = hidden.reduce((s, i) => s + rows[i].n - rows[i].n_ja, 0);
      if (hidden.length >= 2 && !small(ja) && !small(nej)) continue;
      const next = grp.parts
        .filter((i) => state[i] === null && rows[i].n > 0)
        .sort((a, b) => rows[a].n - rows[b].n || a - b)[0];
      state[next ?? grp.total] = "komplementaer";
      changed = true;
    }
  }
  return rows.map((r, i) => {
    const shown = state[i] === null;
    return {
      kvartal: r.periode,
      niveau: r.niveau,
      enhed: r.enhed,
      omraade: r.omraade,
      spoergsmaal_id: r.spoergsmaal_id,
      n: shown ? r.n : null,
      andel: shown ? r.andel : null,
      ci_nedre: shown ? r.ci_nedre : null,
      ci_oevre: shown ? r.ci_oevre : null,
      andel_vaegtet: shown ? r.andel_vaegtet : null,
      undertrykt: state[i],
    };
  });
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

/** The page's data: the catalogue (public text) and the suppressed results. Empty when nothing was reviewed. */
export async function publishedTilsyn(wh: Warehouse, g: number): Promise<TilsynData> {
  const have = new Set((await wh.all<{ name: string }>(`select table_name as name from information_schema.tables`)).map((r) => r.name));
  const need = ["mart_tilsyn_kvartal", "tilsynsspoergsmaal", "tilsynsomraader", "tilsynsbetingelser"];
  const mangler = need.filter((t) => !have.has(t));
  if (mangler.length) return { kvartaler: [], enheder: [], omraader: [], betingelser: [], spoergsmaal: [], resultater: [], mangler };
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
    resultater: suppressTilsyn(rows, g),
    mangler: [],
  };
}
