-- Every complete quarter from the first quarter with data to the as-of date, with the dates the KPI
-- definitions use: qs/qe (first/last day), ws (first day of the 12-month window ending at qe) and d0
-- (qe − 12 months).
with
  bounds as (
    select
      -- docs/method.md reports every complete quarter that has a row for the KPI, so the first quarter is the
      -- one of the earliest event or start date a KPI looks at, not a fixed year (a fixed 2015 dropped the
      -- national set's 2003–2014 caseload and placement quarters). Plans, follow-ups, conversations and
      -- visits only count beside a measure, so they do not open a quarter.
      cast(
        date_trunc(
          'quarter',
          least(
            (
              select
                min(modtaget_dato)
              from
                stg_underretninger
            ),
            (
              select
                min(startet)
              from
                stg_undersoegelser
            ),
            (
              select
                min(startet)
              from
                stg_foranstaltninger
            ),
            (
              select
                min(oprettet)
              from
                stg_sager
            ),
            (
              select
                min(fra_dato)
              from
                stg_sagsbehandlere
            )
          )
        ) as date
      ) as first_qs,
      -- docs/method.md: a quarter is complete when qe ≤ as-of, so an as-of on qe completes its quarter.
      cast(date_trunc('quarter', as_of + interval 1 day) as date) as running_qs
    from
      int_as_of
  ),
  starts as (
    select
      cast(unnest(generate_series(first_qs, running_qs - interval 1 day, interval 3 month)) as date) as qs
    from
      bounds
  )
select
  concat(year(qs), 'K', quarter(qs)) as kvartal,
  cast(year(qs) as integer) as aar,
  cast(quarter(qs) as integer) as kvartal_nr,
  qs,
  cast(qs + interval 3 month - interval 1 day as date) as qe,
  cast(qs + interval 3 month - interval 1 day - interval 12 month + interval 1 day as date) as ws,
  cast(qs + interval 3 month - interval 1 day - interval 12 month as date) as d0
from
  starts
