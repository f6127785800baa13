-- Every complete quarter from 2015 to the as-of date, with the dates the KPI definitions use:
-- qs/qe (first/last day), ws (first day of the 12-month window ending at qe) and d0 (qe − 12 months).
with
  bounds as (
    select
      date '2015-01-01' as first_qs,
      -- kpis.md: a quarter is complete when qe ≤ as-of, so an as-of on qe completes its quarter.
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
