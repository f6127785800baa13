// "Did you mean": the valid name nearest to a misspelt one, by edit distance over normalised names.
import { normaliseName } from "../header.ts";

function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The candidate nearest to `name` (ties: the first); undefined when there are none. */
export function nearest(name: string, candidates: readonly string[]): string | undefined {
  const n = normaliseName(name);
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(n, normaliseName(c));
    if (d < bestD) (best = c), (bestD = d);
  }
  return best;
}

/** ` — mente du "x"?` for the nearest candidate, or the list of valid names when they are few. */
export function didYouMean(name: string, candidates: readonly string[]): string {
  const best = nearest(name, candidates);
  if (!best) return "";
  return ` — mente du "${best}"?${candidates.length <= 12 ? ` (gyldige: ${candidates.join(", ")})` : ""}`;
}

/** A profile's pattern as a JavaScript RegExp: RE2's leading `(?i)` (case-insensitive, as DuckDB reads it) as the i flag. */
export function jsRegex(pattern: string): RegExp {
  return pattern.startsWith("(?i)") ? new RegExp(pattern.slice(4), "i") : new RegExp(pattern);
}
