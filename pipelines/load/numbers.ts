// Numbers read by the file's convention (issue 11, deliverable 3). `.` is a decimal point in one export and a
// thousands separator in another: read by one fixed rule, `0.800` FTE in a `,` file became 800 and `1.000` became
// 1000, so caseload per caseworker was off by 1000×. Here the convention is decided per file and column from the
// values themselves (a decimal comma, `1.234.567` or `1.234,5` say thousands; `0.8`, `0.800` or `37.5` say decimal
// point), else from the delimiter (a `,` file cannot carry decimal commas unquoted); a column that shows both is
// read value by value, and the values that could be either (`1.000`) are quarantined rather than guessed.
import { lit } from "../db.ts";

/** komma: `.` groups thousands, `,` is the decimal sign; punktum: `.` is the decimal sign; blandet: both seen. */
export type DecimalConvention = "komma" | "punktum" | "blandet";

const re = {
  integer: "-?[0-9]+",
  commaDecimal: "-?[0-9]+,[0-9]+",
  /** Danish grouping: 1.234, 1.234.567, 1.234,5. */
  grouped: "-?[0-9]{1,3}([.][0-9]{3})+(,[0-9]*)?",
  /** Unmistakably Danish grouping: two groups or more, or a decimal comma after the groups. */
  groupedSure: "-?[0-9]{1,3}([.][0-9]{3}){2,}(,[0-9]*)?|-?[0-9]{1,3}[.][0-9]{3},[0-9]*",
  /** Either: one group of three after a first group that does not start with 0 (1.000, 12.500). */
  ambiguous: "-?[1-9][0-9]{0,2}[.][0-9]{3}",
  dotDecimal: "-?[0-9]*[.][0-9]+",
} as const;

const is = (x: string, pattern: string) => `regexp_full_match(${x}, ${lit(pattern)})`;

/** A decimal-comma value (or Danish grouping that can only be thousands): evidence for `komma`. */
const commaEvidence = (t: string) => `(${is(t, re.commaDecimal)} or ${is(t, re.groupedSure)})`;
/** A decimal-point value that cannot be thousands: evidence for `punktum`. */
const dotEvidence = (t: string) => `(${is(t, re.dotDecimal)} and not ${is(t, re.ambiguous)})`;

/**
 * One row of counts per column in `cols` (name → raw VARCHAR column of `rows`): `komma`, `punktum` and `tvetydig`
 * values. Only cells with a `.` or `,` are looked at.
 */
export function conventionQuery(rows: string, cols: Map<string, string>): string {
  const parts = [...cols].map(([name, raw]) => {
    const t = `trim(${raw})`;
    const marked = `(contains(${raw}, '.') or contains(${raw}, ','))`;
    return `select ${lit(name)} as kolonne,
      count(*) filter (where ${commaEvidence(t)})::integer as komma,
      count(*) filter (where ${dotEvidence(t)})::integer as punktum,
      count(*) filter (where ${is(t, re.ambiguous)})::integer as tvetydig
      from ${rows} r where ${marked}`;
  });
  return parts.join(" union all ");
}

export interface ConventionCounts {
  kolonne: string;
  komma: number;
  punktum: number;
  tvetydig: number;
}

/** The column's convention from its values, else the delimiter (a `;` file: Danish; a `,` file: decimal point). */
export function decideConvention(c: ConventionCounts, delimiter: string): DecimalConvention {
  if (c.komma > 0 && c.punktum > 0) return "blandet";
  if (c.komma > 0) return "komma";
  if (c.punktum > 0) return "punktum";
  return delimiter === "," ? "punktum" : "komma";
}

/** The report's words for a column whose convention the values (or the delimiter) decided. */
export function describeConvention(column: string, convention: DecimalConvention, fromValues: boolean): string {
  const how = { komma: "punktum som tusindtalsseparator, komma som decimaltegn", punktum: "punktum som decimaltegn", blandet: "begge skrivemåder; tvetydige tal (fx 1.000) er sat i karantæne" }[convention];
  return `${column}: ${how}${fromValues ? "" : " (ud fra skilletegnet)"}`;
}

/**
 * The value of a VARCHAR expression `x` as a double under `convention`, NULL when empty, unparseable or (blandet)
 * ambiguous. Without a convention: the rule before issue 11 (Danish grouping first, then a decimal point).
 */
export function decimalExpr(x: string, convention?: DecimalConvention): string {
  const t = `trim(${x})`;
  const danish = `try_cast(replace(replace(${t}, '.', ''), ',', '.') as double)`;
  const dot = `try_cast(${t} as double)`;
  switch (convention) {
    case undefined:
      return `(case when ${is(t, `${re.grouped}|-?[0-9]+(,[0-9]*)?`)} then ${danish} when ${is(t, "-?[0-9]+([.][0-9]*)?")} then ${dot} end)`;
    case "komma":
      return `(case when ${is(t, `${re.grouped}|-?[0-9]+(,[0-9]*)?`)} then ${danish} end)`;
    case "punktum":
      return `(case when ${is(t, `${re.integer}|${re.dotDecimal}|-?[0-9]+[.]`)} then ${dot} end)`;
    case "blandet":
      return `(case when ${is(t, re.ambiguous)} then null when ${commaEvidence(t)} or ${is(t, re.integer)} then ${danish} when ${dotEvidence(t)} then ${dot} end)`;
  }
}

/** True for a value that `blandet` leaves unread because it could be either. */
export const ambiguousExpr = (x: string) => is(`trim(${x})`, re.ambiguous);
