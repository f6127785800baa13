// The CPR rules of pipelines/cpr.ts in SQL, applied to a table's distinct CPR values at once:
// validity (shape, real birth date by the century rule), birth date, sex and the keyed pseudonym.
// The key is always a bound parameter ($key), never part of SQL text that could be logged.

/**
 * The 10 digits of a CPR-shaped value (dash optional, surrounding blanks ignored), else NULL. The two spellings of
 * the exports are tried first without trim() and replace() (a third cheaper on a million values).
 */
export const cprDigitsSql = (x: string) => `(case
    when length(${x}) = 10 and regexp_full_match(${x}, '[0-9]{10}') then ${x}
    when length(${x}) = 11 and regexp_full_match(${x}, '[0-9]{6}-[0-9]{4}') then substr(${x}, 1, 6) || substr(${x}, 8, 4)
    when regexp_full_match(trim(${x}), '[0-9]{6}-?[0-9]{4}') then replace(trim(${x}), '-', '')
  end)`;

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
 * One row per distinct 10-digit value of `source.column` (cprDigitsSql's output, NULL skipped): `digits`, `gyldig`,
 * and for valid numbers `barn_id` (hex SHA-256 of key || 10 digits), `foedselsdato`, `koen`. Needs the parameter $key.
 * Keyed on the digits, so 010115-1234 and 0101151234 in two files are hashed once.
 */
export function cprDigitFactsQuery(source: string, column: string): string {
  return `with v as (select distinct ${column} as digits from ${source} where ${column} is not null),
  f as (select digits, ${cprBirthDateSql("digits")} as foedselsdato from v)
  select digits, foedselsdato is not null as gyldig,
    case when foedselsdato is not null then sha256($key || digits) end as barn_id,
    foedselsdato,
    case when foedselsdato is not null then ${cprSexSql("digits")} end as koen
  from f`;
}

/**
 * One row per distinct raw CPR value of `source.column`: `raa` (the raw value), `gyldig`, and for valid
 * numbers `barn_id`, `foedselsdato`, `koen` (cprDigitFactsQuery). Needs the parameter $key.
 */
export function cprFactsQuery(source: string, column: string): string {
  return `with d as (select raa, ${cprDigitsSql("raa")} as digits from (select distinct ${column} as raa from ${source} where ${column} is not null)),
  f as (${cprDigitFactsQuery("d", "digits")})
  select d.raa, coalesce(f.gyldig, false) as gyldig, f.barn_id, f.foedselsdato, f.koen from d left join f using (digits)`;
}

/** Masks CPR-shaped numbers as DDMMYY-**** (like maskCpr; without digit boundaries, so it may mask more, never less). */
export const maskCprSql = (x: string) => `regexp_replace(${x}, '([0-3][0-9][01][0-9][0-9]{2})-?[0-9]{4}', '\\1-****', 'g')`;
