// A profile's `datoformat`: the export's date format, turned into ISO text (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS) before
// the canonical load reads it. A value in no known format is left as written, so the load quarantines it with the
// export's own text (nothing is guessed).
import { lit } from "../../db.ts";
import { dateFormats as contractFormats, strptimeDate } from "../parse-sql.ts";

/** Every `datoformat` a profile may name: the contract's four and the case systems' own. */
export const profileDateFormats = [...contractFormats, "YYYYMMDD", "DD.MM.YY", "D. MMM YYYY"] as const;
export type ProfileDateFormat = (typeof profileDateFormats)[number];

const strptime: Record<ProfileDateFormat, string> = {
  ...strptimeDate,
  YYYYMMDD: "%Y%m%d",
  "DD.MM.YY": "%d.%m.%y",
  // After danishMonths(): "1 10 2022".
  "D. MMM YYYY": "%d %m %Y",
};

/** Danish month names and their abbreviations (with or without a full stop), longest first within a month. */
const months: [number, string[]][] = [
  [1, ["januar", "jan"]],
  [2, ["februar", "feb"]],
  [3, ["marts", "mar"]],
  [4, ["april", "apr"]],
  [5, ["maj"]],
  [6, ["juni", "jun"]],
  [7, ["juli", "jul"]],
  [8, ["august", "aug"]],
  [9, ["september", "sept", "sep"]],
  [10, ["oktober", "okt"]],
  [11, ["november", "nov"]],
  [12, ["december", "dec"]],
];

/** "1. okt. 2022 14:05" → "1 10 2022 14:05": month names to numbers, full stops and extra blanks away. */
function danishMonths(x: string): string {
  let e = `regexp_replace(lower(trim(${x})), '\\.', ' ', 'g')`;
  for (const [n, names] of months) e = `regexp_replace(${e}, '\\b(${names.join("|")})\\b', ' ${n} ', 'g')`;
  return `trim(regexp_replace(${e}, '\\s+', ' ', 'g'))`;
}

/**
 * ISO text of a date (`kind` date) or timestamp cell written in `format`, else the cell unchanged. Timestamps take
 * the format followed by ` HH:MM` or ` HH:MM:SS`.
 */
export function isoDateSql(x: string, kind: "date" | "timestamp", format: ProfileDateFormat): string {
  const input = format === "D. MMM YYYY" ? danishMonths(x) : `trim(${x})`;
  const p = strptime[format];
  const list = kind === "date" ? [p] : [`${p} %H:%M`, `${p} %H:%M:%S`];
  const out = kind === "date" ? "%Y-%m-%d" : "%Y-%m-%d %H:%M:%S";
  return `coalesce(strftime(try_strptime(${input}, [${list.map(lit).join(", ")}]), ${lit(out)}), ${x})`;
}
