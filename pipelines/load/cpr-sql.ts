// The CPR rules of pipelines/cpr.ts in SQL, applied to a table's distinct CPR values at once:
// validity (shape, real birth date by the century rule), birth date, sex and the keyed pseudonym.
// The key is always a bound parameter ($key), never part of SQL text that could be logged.

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

/** Masks CPR-shaped numbers as DDMMYY-**** (like maskCpr; without digit boundaries, so it may mask more, never less). */
export const maskCprSql = (x: string) => `regexp_replace(${x}, '([0-3][0-9][01][0-9][0-9]{2})-?[0-9]{4}', '\\1-****', 'g')`;
