-- Every day 1990–2060 (int_kvartaler starts at the earliest data, so the calendar reaches far back) with
-- the working-day rule of docs/method.md: Monday–Friday except the Danish public holidays (computed from Easter
-- each year) and the municipality's closing days (cfg_lukkedage).
with
  aar as (
    select
      cast(unnest(range(1990, 2061)) as integer) as aar
  ),
  -- Gregorian Easter Sunday by the anonymous (Meeus/Jones/Butcher) algorithm; DuckDB's lateral column
  -- aliases let each step read like the published algorithm.
  paaske as (
    select
      aar,
      aar % 19 as a,
      aar // 100 as b,
      aar % 100 as c,
      b // 4 as d,
      b % 4 as e,
      (b + 8) // 25 as f,
      (b - f + 1) // 3 as g,
      (19 * a + b - d - g + 15) % 30 as h,
      c // 4 as i,
      c % 4 as k,
      (32 + 2 * e + 2 * i - h - k) % 7 as l,
      (a + 11 * h + 22 * l) // 451 as m,
      make_date(aar, (h + l - 7 * m + 114) // 31, (h + l - 7 * m + 114) % 31 + 1) as paaskedag
    from
      aar
  ),
  -- Holidays at a fixed distance from Easter Sunday; `sidste_aar` ends one that was abolished
  -- (store bededag: a working day from 2024).
  paaske_helligdage (dage_efter_paaske, navn, sidste_aar) as (
    values
      (-3, 'Skærtorsdag', null),
      (-2, 'Langfredag', null),
      (0, 'Påskedag', null),
      (1, '2. påskedag', null),
      (26, 'Store bededag', 2023),
      (39, 'Kristi himmelfartsdag', null),
      (49, 'Pinsedag', null),
      (50, '2. pinsedag', null)
  ),
  faste_helligdage (maaned, dag, navn) as (
    values
      (1, 1, 'Nytårsdag'),
      (12, 25, 'Juledag'),
      (12, 26, '2. juledag')
  ),
  helligdage as (
    select
      cast(p.paaskedag + h.dage_efter_paaske as date) as dato,
      h.navn
    from
      paaske as p
      cross join paaske_helligdage as h
    where
      h.sidste_aar is null
      or p.aar <= h.sidste_aar
    union all
    select
      make_date(a.aar, f.maaned, f.dag) as dato,
      f.navn
    from
      aar as a
      cross join faste_helligdage as f
  ),
  -- `MM-DD` recurs every year (02-29 only in leap years: try_cast drops the others), `YYYY-MM-DD` is one date.
  lukkedage as (
    select
      try_cast (concat(a.aar, '-', l.dag) as date) as dato,
      l.navn
    from
      cfg_lukkedage as l
      cross join aar as a
    where
      length(l.dag) = 5
    union all
    select
      try_cast (l.dag as date) as dato,
      l.navn
    from
      cfg_lukkedage as l
    where
      length(l.dag) = 10
  ),
  fridage_alle as (
    select
      dato,
      navn,
      1 as prioritet
    from
      helligdage
    union
    select
      dato,
      navn,
      2 as prioritet
    from
      lukkedage
    where
      dato is not null
  ),
  -- One name per day: a public holiday's before a closing day's on the same date.
  fridage as (
    select
      dato,
      string_agg(
        navn,
        ', '
        order by
          prioritet,
          navn
      ) as helligdag
    from
      fridage_alle
    group by
      dato
  ),
  dage as (
    select
      cast(unnest(generate_series(date '1990-01-01', date '2060-12-31', interval 1 day)) as date) as dato
  ),
  markeret as (
    select
      d.dato,
      cast(isodow(d.dato) as integer) as ugedag,
      isodow(d.dato) <= 5
      and f.helligdag is null as er_hverdag,
      f.helligdag
    from
      dage as d
      left join fridage as f on f.dato = d.dato
  )
select
  dato,
  ugedag,
  er_hverdag,
  helligdag,
  cast(
    count(*) filter(
      where
        er_hverdag
    ) over (
      order by
        dato
    ) as integer
  ) as hverdag_nr
from
  markeret
order by
  dato
