// Where the header is: the profile's `overskriftsraekke`, else the row among the first ones that names the most
// columns the load knows (the contract's names and the profile's). And the one-line message when columns are missing.
import { normaliseName } from "../header.ts";

export { headerAsRead, missingColumnsLine } from "../header.ts";

/** How many rows from the top are searched for the header. */
export const HEADER_SEARCH_ROWS = 30;

/** The number of distinct cells of `cells` that are known names. */
export function knownCells(cells: string[], known: (normalised: string, raw: string) => boolean): number {
  const seen = new Set<string>();
  for (const c of cells) {
    const n = normaliseName(c);
    if (n && known(n, c.trim())) seen.add(n);
  }
  return seen.size;
}

/** The index (into `rows`) of the header row, or undefined when no row names a known column. */
export function findHeaderRow(rows: { line: number; cells: string[] }[], known: (normalised: string, raw: string) => boolean, explicit?: number): number | undefined {
  if (explicit !== undefined) {
    const i = rows.findIndex((r) => r.line === explicit);
    return i >= 0 ? i : undefined;
  }
  let best: number | undefined;
  let bestScore = 0;
  rows.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
    const score = knownCells(r.cells, known);
    if (score > bestScore) (best = i), (bestScore = score);
  });
  return best;
}
