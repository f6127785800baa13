// The contract's value formats as SQL expressions over a VARCHAR cell (docs/contract.md, "File format").
// Each expression gives the typed value, or NULL when the cell is empty or cannot be parsed; validation
// (validate.ts) tells the two apart. Dates try the file's sniffed format first: DuckDB's coalesce evaluates
// the fallback list only for rows the first format missed, which keeps a 1M-row file fast.
import type { Column } from "../contract.ts";
import { lit } from "../db.ts";
import { type DecimalConvention, decimalExpr } from "./numbers.ts";

export const dateFormats = ["YYYY-MM-DD", "DD-MM-YYYY", "DD.MM.YYYY", "DD/MM/YYYY"] as const;
export type DateFormat = (typeof dateFormats)[number];

/** The strptime pattern of each of the contract's date formats (profile/dates.ts adds the case systems' own). */
export const strptimeDate: Record<DateFormat, string> = {
  "YYYY-MM-DD": "%Y-%m-%d",
  "DD-MM-YYYY": "%d-%m-%Y",
  "DD.MM.YYYY": "%d.%m.%Y",
  "DD/MM/YYYY": "%d/%m/%Y",
};

/** strptime patterns a column of this type accepts, the hinted date format first. */
export function patterns(kind: "date" | "timestamp", hint?: DateFormat): string[] {
  const order = hint ? [hint, ...dateFormats.filter((f) => f !== hint)] : [...dateFormats];
  const dates = order.map((f) => strptimeDate[f]);
  if (kind === "date") return dates;
  const out: string[] = [];
  for (const d of dates) out.push(`${d} %H:%M`, `${d} %H:%M:%S`);
  out.push("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S");
  return out;
}

function patternRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")
    .replaceAll("%Y", "\\d{4}")
    .replace(/%[mdHMS]/g, "\\d{1,2}");
  return new RegExp(`^${body}$`);
}

/** The pattern most of the sample values have (ties: the earlier, i.e. hinted, pattern); undefined for no values. */
export function sniffPattern(values: string[], candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const p of candidates) {
    const re = patternRegex(p);
    let n = 0;
    for (const v of values) if (re.test(v.trim())) n++;
    if (n > bestCount) (best = p), (bestCount = n);
  }
  return best;
}

const list = (items: string[]) => `[${items.map(lit).join(", ")}]`;

const TRUE = ["ja", "j", "true", "1", "x"];
const FALSE = ["nej", "n", "false", "0"];

/** Recodes values through a profile's `vaerdier` map (trimmed, case-insensitive). */
export function recodeExpr(x: string, map: Record<string, string> | undefined): string {
  const entries = Object.entries(map ?? {});
  if (!entries.length) return x;
  const whens = entries.map(([from, to]) => `when ${lit(from.trim().toLowerCase())} then ${lit(to)}`).join(" ");
  return `(case lower(trim(${x})) ${whens} else ${x} end)`;
}

/**
 * The typed value of `x` (a VARCHAR expression) for a contract column, NULL when empty or unparseable.
 * `first` is the file's sniffed strptime pattern for date and timestamp columns.
 */
export function parseExpr(
  col: Column,
  x: string,
  opts: { first?: string; hint?: DateFormat; codes?: string[]; decimal?: DecimalConvention } = {},
): string {
  switch (col.type) {
    case "text":
    case "cpr":
      // trim() on every cell is a tenth of a second per 1M rows; the guard makes untouched cells nearly free.
      return `(case when starts_with(${x}, ' ') or ends_with(${x}, ' ') then nullif(trim(${x}), '') else ${x} end)`;
    case "code": {
      // Cells already spelt as a code skip lower(trim()).
      const slow = `nullif(lower(trim(${x})), '')`;
      return opts.codes?.length ? `(case when ${x} in (${opts.codes.map(lit).join(", ")}) then ${x} else ${slow} end)` : slow;
    }
    case "date":
    case "timestamp": {
      const all = `try_strptime(trim(${x}), ${list(patterns(col.type, opts.hint))})`;
      const expr = opts.first ? `coalesce(try_strptime(${x}, ${lit(opts.first)}), ${all})` : all;
      return col.type === "date" ? `cast(${expr} as date)` : expr;
    }
    case "bool": {
      const slow = `(case lower(trim(${x})) when ${TRUE.map(lit).join(" then true when ")} then true when ${FALSE.map(lit).join(
        " then false when ",
      )} then false end)`;
      // Cells spelt exactly as a contract value skip lower(trim()).
      return `(case when ${x} in (${TRUE.map(lit).join(", ")}) then true when ${x} in (${FALSE.map(lit).join(", ")}) then false else ${slow} end)`;
    }
    case "decimal":
      return decimalExpr(x, opts.decimal);
    case "integer":
      return `(case when regexp_full_match(trim(${x}), '-?[0-9]+') then try_cast(trim(${x}) as integer) when regexp_full_match(trim(${x}), '-?[0-9]{1,3}([.][0-9]{3})+') then try_cast(replace(trim(${x}), '.', '') as integer) end)`;
  }
}

/** Earliest date or timestamp accepted as real (a two-digit year read by %Y would otherwise pass as year 24). */
export const EARLIEST = "1900-01-01";
