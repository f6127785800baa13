// The ledelsestilsyn's review results (mart_tilsyn_kvartal) as published cells: one per quarter × level × unit ×
// question (or an omraade's roll-up). A cell is a share about cases in a category: n = compliant answers
// (n_ja), d = answers other than "ikke relevant" (n), and both n_ja and n − n_ja are counts of children, so
// the numerator and its complement obey the threshold (category). Identities, for n and for d: the
// municipality = Σ its units (same question or roll-up), a roll-up = Σ its omraade's questions.
import { MUNICIPALITY_COST } from "../disclosure/protect.ts";
import type { Field, PublishedCells, SystemBuilder } from "../disclosure/system.ts";
import type { PublishedTilsynRow, TilsynRow, TilsynUndertrykt } from "../tilsyn/published.ts";

export const tilsynKey = (r: { periode: string; enhed: string | null; omraade: string; spoergsmaal_id: string | null }) =>
  `tilsyn|${r.periode}|${r.enhed ?? ""}|${r.omraade}|${r.spoergsmaal_id ?? "*"}`;

export interface TilsynCells {
  rows: { row: TilsynRow; cell: number }[];
}

/**
 * Every quarter's grid: the units and the municipality × each omraade × its questions and its roll-up. A
 * combination without a row (no answers) is a cell too, a true 0, published as `–` (fewer than g answers) where
 * its part has a hidden cell — so that a hidden cell's few answers cannot be told from none.
 */
export function addTilsynCells(b: SystemBuilder, rows: TilsynRow[]): TilsynCells {
  const out: TilsynCells = { rows: [] };
  const byKey = new Map(rows.map((r) => [tilsynKey(r), r]));
  const questionsOf = new Map<string, string[]>();
  for (const r of rows)
    if (r.spoergsmaal_id !== null) {
      const list = questionsOf.get(r.omraade) ?? [];
      if (!list.includes(r.spoergsmaal_id)) list.push(r.spoergsmaal_id);
      questionsOf.set(r.omraade, list);
    }
  for (const periode of [...new Set(rows.map((r) => r.periode))]) {
    const here = rows.filter((r) => r.periode === periode);
    const units = [...new Set(here.filter((r) => r.enhed !== null).map((r) => r.enhed as string))];
    for (const omraade of [...new Set(here.map((r) => r.omraade))]) {
      const questions = [...(questionsOf.get(omraade) ?? []), null];
      const cellAt = new Map<string, number>();
      for (const enhed of [null, ...units])
        for (const spoergsmaal_id of questions) {
          const at = { periode, enhed, omraade, spoergsmaal_id };
          const key = tilsynKey(at);
          const r = byKey.get(key);
          const row: TilsynRow = r ?? { ...at, niveau: enhed === null ? "kommune" : "enhed", n: 0, n_ja: 0, andel: 0, ci_nedre: 0, ci_oevre: 0, andel_vaegtet: 0 };
          const cell = b.add({
            key,
            kind: "share",
            n: row.n_ja,
            d: row.n,
            cost: (enhed === null ? MUNICIPALITY_COST : 0) + row.n,
            category: true,
            protectN: true,
            protectD: true,
            grid: true,
            missing: !r,
          });
          cellAt.set(key, cell);
          out.rows.push({ row, cell });
        }
      for (const spoergsmaal_id of questions) {
        const total = tilsynKey({ periode, enhed: null, omraade, spoergsmaal_id });
        const parts = units.map((u) => tilsynKey({ periode, enhed: u, omraade, spoergsmaal_id }));
        for (const f of ["n", "d"] as Field[]) b.relate(`ledelsestilsyn ${f}: the units add up to the municipality`, [[total, f]], "=", parts.map((k) => [k, f]));
        b.group([total, ...parts].map((k) => cellAt.get(k)!));
      }
      for (const enhed of [null, ...units]) {
        const rollUp = tilsynKey({ periode, enhed, omraade, spoergsmaal_id: null });
        const parts = questions.filter((q) => q !== null).map((q) => tilsynKey({ periode, enhed, omraade, spoergsmaal_id: q }));
        for (const f of ["n", "d"] as Field[]) b.relate(`ledelsestilsyn ${f}: the questions add up to the omraade`, [[rollUp, f]], "=", parts.map((k) => [k, f]));
        b.group([rollUp, ...parts].map((k) => cellAt.get(k)!));
      }
    }
  }
  return out;
}

/** What the page, its downloads, the PDF and a release show: the mart row where shown; all figures null where not. */
export function publishedTilsynRows(sys: PublishedCells, cells: TilsynCells): PublishedTilsynRow[] {
  return cells.rows
    .filter(({ cell }) => !sys.cells[cell].missing || sys.cells[cell].state !== "shown")
    .map(({ row: r, cell }) => {
    const c = sys.cells[cell];
    const shown = c.state === "shown";
    // `–` for every hidden cell; the reason says only what the sign may say: fewer than g answers, or hidden.
    const undertrykt: TilsynUndertrykt | null = shown ? null : c.state === "small" ? "lille_n" : "komplementaer";
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
      undertrykt,
    };
  });
}
