// Matching a file's header to the contract: trimmed, case-insensitive, æ ø å as ae oe aa, after the
// profile's renames. Extra columns are ignored (and reported); missing required columns fail the load with one line
// per file that lists them all, shows the header as read and says when a later line looks like the header.
import type { Table } from "../contract.ts";
import { maskCpr } from "../cpr.ts";
import { splitCsvLine } from "./detect.ts";

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replaceAll("æ", "ae").replaceAll("ø", "oe").replaceAll("å", "aa");
}

export interface HeaderMatch {
  /** Contract column → 0-based position in the header. */
  columns: Map<string, number>;
  /** Header names that are not contract columns (as written, CPR-masked). */
  extras: string[];
  /** One line each: columns given twice; then one line for all missing required columns. */
  problems: string[];
}

/** How many lines from the top are searched for a header below title rows. */
const TITLE_SEARCH_LINES = 30;

/**
 * The line (1-based) among the first ones of a CSV's head that names more of `table`'s columns than line 1 does —
 * the header below title rows — or undefined. Each line is tried with ; , and tab: a title line has no delimiter.
 */
export function laterHeaderLine(head: string, table: Table, renames: Record<string, string>, firstKnown: number): number | undefined {
  const known = new Set(table.columns.map((c) => c.name));
  const count = (cells: string[]) => new Set(cells.map((c) => normaliseName(c)).map((n) => renames[n] ?? n).filter((n) => known.has(n))).size;
  const lines = head.split("\n").slice(1, TITLE_SEARCH_LINES);
  for (const [i, l] of lines.entries()) {
    const best = Math.max(...[";", ",", "\t"].map((d) => count(splitCsvLine(l.replace(/\r$/, ""), d))));
    if (best > firstKnown && best >= 2) return i + 2;
  }
  return undefined;
}


/** `head`: the start of the file as text, for the title-row hint of a missing column. */
export function matchHeader(file: string, table: Table, header: string[], renames: Record<string, string>, head?: string): HeaderMatch {
  const known = new Set(table.columns.map((c) => c.name));
  const columns = new Map<string, number>();
  const extras: string[] = [];
  const problems: string[] = [];
  header.forEach((cell, i) => {
    const n = normaliseName(cell);
    const name = renames[n] ?? n;
    if (!known.has(name)) {
      extras.push(maskCpr(cell.trim()) || `(kolonne ${i + 1} uden navn)`);
      return;
    }
    if (columns.has(name))
      problems.push(`${file}, linje 1, kolonne ${i + 1}: kolonnen ${name} står to gange (også kolonne ${columns.get(name)! + 1}) — behold den ene`);
    else columns.set(name, i);
  });
  const missing = table.columns.filter((c) => c.required && !columns.has(c.name)).map((c) => c.name);
  if (missing.length) {
    const later = head === undefined ? undefined : laterHeaderLine(head, table, renames, columns.size);
    problems.push(missingColumnsLine(file, 1, table, missing, header, later));
  }
  return { columns, extras, problems };
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
