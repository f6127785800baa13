// Matching a file's header to the contract: trimmed, case-insensitive, æ ø å as ae oe aa, after the
// profile's renames. Extra columns are ignored (and reported); a missing required column fails the load.
import type { Table } from "../contract.ts";
import { maskCpr } from "../cpr.ts";

export function normaliseName(name: string): string {
  return name.trim().toLowerCase().replaceAll("æ", "ae").replaceAll("ø", "oe").replaceAll("å", "aa");
}

export interface HeaderMatch {
  /** Contract column → 0-based position in the header. */
  columns: Map<string, number>;
  /** Header names that are not contract columns (as written, CPR-masked). */
  extras: string[];
  /** One line each: missing required columns, columns given twice. */
  problems: string[];
}

export function matchHeader(file: string, table: Table, header: string[], renames: Record<string, string>): HeaderMatch {
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
      problems.push(`${file}, line 1, column ${i + 1}: column "${name}" appears twice (also column ${columns.get(name)! + 1})`);
    else columns.set(name, i);
  });
  for (const col of table.columns)
    if (col.required && !columns.has(col.name)) problems.push(`${file}, line 1: missing required column "${col.name}" (${table.name})`);
  return { columns, extras, problems };
}
