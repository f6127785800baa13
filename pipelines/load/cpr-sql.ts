// The CPR rules of pipelines/cpr.ts in SQL, applied to a table's distinct CPR values at once:
// validity (shape, real birth date by the century rule), birth date, sex and the keyed pseudonym.
// The key is always a bound parameter ($key), never part of SQL text that could be logged.
import { CPR_PARTS } from "../cpr.ts";
import { lit } from "../db.ts";

/**
 * The 10 digits of a CPR-shaped value (dash optional, surrounding blanks ignored), else NULL. The rule itself;
 * cprKeySql takes a shortcut for the two spellings of the exports and falls back on this for the rest.
 */
export const cprDigitsSql = (x: string) => `(case when regexp_full_match(trim(${x}), '[0-9]{6}-?[0-9]{4}') then replace(trim(${x}), '-', '') end)`;

/** Four-digit birth year from 10 CPR digits: the CPR office's century rule (cprCentury in cpr.ts). */
export const cprYearSql = (d: string) => `(case
    when cast(substr(${d}, 7, 1) as integer) <= 3 then 1900
    when cast(substr(${d}, 7, 1) as integer) in (4, 9) then case when cast(substr(${d}, 5, 2) as integer) <= 36 then 2000 else 1900 end
    else case when cast(substr(${d}, 5, 2) as integer) <= 57 then 2000 else 1800 end
  end + cast(substr(${d}, 5, 2) as integer))`;

/** Birth date from 10 CPR digits, NULL when DDMMYY is not a real date (the cast checks month lengths and leap days). */
export const cprBirthDateSql = (d: string) =>
  `try_cast(cast(${cprYearSql(d)} as varchar) || '-' || substr(${d}, 3, 2) || '-' || substr(${d}, 1, 2) as date)`;

/** `dreng` for an odd last digit, `pige` for even. */
export const cprSexSql = (d: string) => `(case when cast(substr(${d}, 10, 1) as integer) % 2 = 1 then 'dreng' else 'pige' end)`;

/**
 * The pseudonym of 10 CPR digits: the first 128 bits of SHA-256 over the key and the digits, as a UUID. A UUID is
 * 16 bytes stored inline, where 64 characters of hex were the widest column of every table (measured: writing 2 M
 * of them took 0.6 s against 0.1 s as UUIDs), and a join on barn_id compared 64-byte strings. 128 bits keep
 * collisions out of reach (about 1e-27 for a million children); the secret key, not the length, is what stops
 * anyone testing a CPR number.
 */
export const pseudonymSql = (digits: string) => `left(sha256($key || ${digits}), 32)::uuid`;

/**
 * The lookup key of a raw CPR value, computed for every row: its 10 digits (cprDigitsSql) for every CPR-shaped
 * value. The two spellings of the exports take plain string operations, without a regular expression; a value of
 * their length that is not CPR-shaped gets a key that is not ten digits, which no number's key is.
 */
export const cprKeySql = (x: string) => `(case
    when length(${x}) = 10 then ${x}
    when length(${x}) = 11 and substr(${x}, 7, 1) = '-' then substr(${x}, 1, 6) || substr(${x}, 8, 4)
    else ${cprDigitsSql(x)}
  end)`;

/**
 * The valid CPR numbers among the raw values of `source.column` that `known` does not hold yet, one row per number
 * however it is spelled: `digits` (the lookup key, cprKeySql), `barn_id` (pseudonymSql), `foedselsdato`, `koen`.
 * Needs the parameter $key. The loader adds them to `known` file by file and joins every row to `known` by its key:
 * a number is hashed once per load (hashing every file's numbers again cost the national load 0.7 s more), and a
 * file costs one pass over its distinct keys, with no table of its own values.
 */
export function newCprQuery(source: string, column: string, known?: string): string {
  return `with k as (select distinct ${cprKeySql(column)} as digits from ${source} where ${column} is not null),
  n as (select digits from k ${known ? `anti join ${known} using (digits)` : ""} where regexp_full_match(digits, '[0-9]{10}')),
  f as (select digits, ${cprBirthDateSql("digits")} as foedselsdato from n)
  select digits, ${pseudonymSql("digits")} as barn_id, foedselsdato, ${cprSexSql("digits")} as koen from f where foedselsdato is not null`;
}

const cprAnywhere = `${CPR_PARTS.date}${CPR_PARTS.separator}${CPR_PARTS.serial}`;
/** RE2 has no look-around: the digit boundaries are matched as groups 1 and 3 and written back. */
const cprBounded = `(^|[^0-9])(${CPR_PARTS.date})${CPR_PARTS.separator}${CPR_PARTS.serial}([^0-9]|$)`;

/** True when `x` holds a CPR-shaped number standing on its own (CPR_STANDALONE in cpr.ts): the scans of the tests. */
export const hasStandaloneCprSql = (x: string) =>
  `regexp_matches(${x}, ${lit(`(^|[^0-9A-Za-z])${CPR_PARTS.date}${CPR_PARTS.separator}${CPR_PARTS.serial}([^0-9A-Za-z]|$)`)})`;

/** True when the text `x` holds something CPR-shaped in any spelling (a cheap test, no digit boundaries: may say yes more often, never less). */
export const hasCprSql = (x: string) => `regexp_matches(${x}, ${lit(cprAnywhere)})`;

/**
 * Masks every CPR-shaped number, in any spelling (CPR_PARTS in cpr.ts), as DDMMYY-****, like maskCpr. Two passes:
 * a match takes the character after it as its boundary, so a number right after another (`0101011234,0202021234`)
 * is found by the second. Only cells that hold something CPR-shaped are rewritten.
 */
export const maskCprSql = (x: string) => {
  const once = (y: string) => `regexp_replace(${y}, ${lit(cprBounded)}, '\\1\\2-****\\3', 'g')`;
  return `(case when ${hasCprSql(x)} then ${once(once(x))} else ${x} end)`;
};
