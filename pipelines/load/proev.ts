// What `libu load --proev` (and the 5 % guard's message) shows of a file's quarantined rows: per rule and column the
// count and up to three of the offending values, CPR masked. One query over the few broken rows of the staging table,
// run only when asked for (a dry run) or when the guard stops the load, so an ordinary load costs nothing more.
import { ident, lit } from "../db.ts";
import { maskCprSql } from "./cpr-sql.ts";
import type { Prepared } from "./files.ts";
import { rawColumn } from "./read.ts";
import { type Reason, reasons } from "../contract.ts";
import type { Fejl } from "./validate.ts";

export interface RuleExample {
  regel: number;
  kolonne: string;
  aarsag: Reason;
  antal: number;
  /** Up to three distinct values as written in the file, CPR masked. */
  eksempler: string[];
}

/** How many examples per rule and column. */
const EXAMPLES = 3;

/** A cell as an example: CPR-shaped numbers masked; in the CPR column every digit after the sixth (a 9-digit value too). */
function shown(x: string, cpr: boolean): string {
  const v = `left(trim(cast(${x} as varchar)), 60)`;
  return cpr ? `left(${v}, 6) || regexp_replace(substr(${v}, 7), '[0-9]', '*', 'g')` : maskCprSql(v);
}

/**
 * The query of the examples for one staged file: `staging` still holds its broken rows with `_fejl` (validate.ts),
 * `rows` / `textRows` the read rows by `_linje`, `rejects` the lines the reader could not split.
 */
export function ruleExamplesQuery(a: { p: Prepared; staging: string; rows: string; textRows?: string; rejects: string; fejl: Fejl[] }): string {
  const { p, fejl } = a;
  const cprCol = p.table.columns.find((c) => c.type === "cpr")?.name;
  const cellOf = (f: Fejl) => {
    const i = p.columns.get(f.kolonne);
    return i === undefined ? "null" : shown(`r.${ident(rawColumn(i))}`, f.kolonne === cprCol);
  };
  const value = fejl.length ? `case s._fejl ${fejl.map((f, k) => `when ${k + 1} then ${cellOf(f)}`).join(" ")} end` : "null";
  const broken = (rows: string) => `select s._fejl as nr, ${value} as v from ${a.staging} s join ${rows} r on r._linje = s._linje where s._fejl is not null`;
  const parts = fejl.length ? [broken(a.rows), ...(a.textRows ? [broken(a.textRows)] : [])] : [];
  const d = fejl.length
    ? `(values ${fejl.map((f, k) => `(${k + 1}, ${f.regel}, ${lit(f.kolonne)}, ${lit(f.aarsag)})`).join(", ")}) d(nr, regel, kolonne, aarsag)`
    : undefined;
  const pick = (v: string) => `coalesce(list_slice(list(distinct ${v}) filter (where ${v} is not null and ${v} <> ''), 1, ${EXAMPLES}), [])`;
  const colName = `case kolonne ${Array.from({ length: p.width }, (_, i) => `when ${lit(rawColumn(i))} then ${lit(p.table.columns.find((x) => p.columns.get(x.name) === i)?.name ?? `kolonne ${i + 1}`)}`).join(" ")} else '' end`;
  return [
    ...(d
      ? [
          `select d.regel::integer as regel, d.kolonne, d.aarsag, count(*)::integer as antal, ${pick("b.v")} as eksempler
           from (${parts.join(" union all ")}) b join ${d} on d.nr = b.nr group by all`,
        ]
      : []),
    `select 0 as regel, ${colName} as kolonne, 'ulaeselig_linje' as aarsag, count(*)::integer as antal,
       ${pick(maskCprSql("left(csv_linje, 80)"))} as eksempler from ${a.rejects} group by all having count(*) > 0`,
  ].join(" union all ");
}

/** Rows of the query, in rule order, counts of the same rule and column added up. */
export function ruleExamples(rows: { regel: number; kolonne: string; aarsag: string; antal: number; eksempler: string[] }[]): RuleExample[] {
  const out: RuleExample[] = [];
  for (const r of [...rows].sort((a, b) => a.regel - b.regel || a.kolonne.localeCompare(b.kolonne))) {
    const same = out.find((x) => x.regel === r.regel && x.kolonne === r.kolonne && x.aarsag === r.aarsag);
    if (same) {
      same.antal += r.antal;
      same.eksempler = [...new Set([...same.eksempler, ...(r.eksempler ?? [])])].slice(0, EXAMPLES);
    } else out.push({ regel: r.regel, kolonne: r.kolonne, aarsag: r.aarsag as Reason, antal: r.antal, eksempler: [...(r.eksempler ?? [])] });
  }
  return out;
}

/** A rule as the user reads it: its number and the contract's text, never the internal reason code. */
export const ruleLabel = (regel: number, aarsag: Reason) => `regel ${regel} (${reasons[aarsag]?.tekst ?? "ukendt regel"})`;

/** `regel 2 (koden findes ikke i kodelisten) i kilde: 812 (fx "Sundhedsplejen", "Skolen")` */
export function formatRuleExample(e: RuleExample): string {
  const where = e.kolonne ? ` i ${e.kolonne}` : "";
  return `${ruleLabel(e.regel, e.aarsag)}${where}: ${e.antal.toLocaleString("da-DK")}${e.eksempler.length ? ` (fx ${e.eksempler.map((x) => `"${x}"`).join(", ")})` : ""}`;
}
