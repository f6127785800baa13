// The profile's rules as SQL over the cells of a source (VARCHAR columns c1…cN): row matchers, value maps, CPR
// normalisation. Set-based: one query per source file, in DuckDB.
import { lit } from "../../db.ts";
import type { RowMatch, ValueMap } from "../profile.ts";

/** True for a row whose cell `x` matches `m` (NULL cells count as empty). */
export function matchSql(x: string, m: RowMatch): string {
  const v = `coalesce(${x}, '')`;
  if (m.tom) return `trim(${v}) = ''`;
  if (m.moenster !== undefined) return `regexp_matches(${v}, ${lit(m.moenster)})`;
  if (m.starterMed !== undefined) return `starts_with(lower(trim(${v})), ${lit(m.starterMed.trim().toLowerCase())})`;
  const values = (Array.isArray(m.er) ? m.er : [m.er ?? ""]).map((e) => lit(e.trim().toLowerCase()));
  return `lower(trim(${v})) in (${values.join(", ")})`;
}

/** `x` through a value map: exact (trimmed, case-insensitive), then patterns, then prefixes, then the default. */
export function valueMapSql(x: string, m: ValueMap): string {
  const t = `trim(${x})`;
  const whens: string[] = [];
  const exact = Object.entries(m.eksakt ?? {});
  if (exact.length) {
    const cases = exact.map(([from, to]) => `when ${lit(from.trim().toLowerCase())} then ${lit(to)}`).join(" ");
    whens.push(`when lower(${t}) in (${exact.map(([f]) => lit(f.trim().toLowerCase())).join(", ")}) then (case lower(${t}) ${cases} end)`);
  }
  for (const [p, to] of Object.entries(m.moenster ?? {})) whens.push(`when regexp_matches(${t}, ${lit(p)}) then ${lit(to)}`);
  for (const [p, to] of Object.entries(m.praefiks ?? {})) whens.push(`when starts_with(lower(${t}), ${lit(p.trim().toLowerCase())}) then ${lit(to)}`);
  if (m.ellers !== undefined) whens.push(`when ${t} <> '' then ${lit(m.ellers)}`);
  return whens.length ? `(case ${whens.join(" ")} else ${x} end)` : x;
}

/** Blanks out of a CPR number, and a leading zero back on nine digits (a number that lost it in a spreadsheet or CSV). */
export function cprNormalSql(x: string): string {
  const s = `regexp_replace(${x}, '\\s', '', 'g')`;
  return `(case when regexp_full_match(${s}, '[0-9]{9}') then '0' || ${s} when regexp_full_match(${s}, '[0-9]{5}-[0-9]{4}') then '0' || ${s} else ${s} end)`;
}

/** A timestamp cell of a workbook that Excel wrote as a date alone (midnight): with the time, as the contract wants. */
export const midnightSql = (x: string) => `(case when regexp_full_match(trim(${x}), '[0-9]{4}-[0-9]{2}-[0-9]{2}') then trim(${x}) || ' 00:00' else ${x} end)`;
