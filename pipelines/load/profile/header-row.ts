// Where the header is: the profile's `overskriftsraekke`, else the row among the first ones that names the most
// columns the load knows (the contract's names and the profile's). And the one-line message when columns are missing.
import type { Table } from "../../contract.ts";
import { maskCpr } from "../../cpr.ts";
import { normaliseName } from "../header.ts";

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

/** The header as read, for a message: the cells joined by `;`, CPR-masked, shortened. */
export function headerAsRead(cells: string[]): string {
  const text = maskCpr(cells.map((c) => c.trim()).join(";"));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * One line for a file whose header lacks required columns: all of them, the header as read, and a hint when a later
 * row (`laterLine`) looks more like the header — a title row above it.
 */
export function missingColumnsLine(
  file: string,
  line: number,
  table: Table,
  missing: string[],
  header: string[],
  laterLine?: number,
  otherwise = "omdøb kolonnerne, eller brug en profil (--profile) der oversætter dem",
): string {
  const hint =
    laterLine !== undefined
      ? ` — linje ${laterLine} ligner kolonneoverskrifterne: står der titelrækker over dem? Fjern dem, eller brug en profil med "overskriftsraekke"`
      : ` — ${otherwise}`;
  return (
    `${file}, linje ${line}: ${missing.length === 1 ? "mangler den påkrævede kolonne" : "mangler de påkrævede kolonner"} ${missing.join(", ")} (${table.name}); ` +
    `overskriften læst: "${headerAsRead(header)}"${hint}`
  );
}
