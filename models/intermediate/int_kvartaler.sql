-- Every reported quarter (int_kvartalsvindue: complete, from the first with data, not before data_fra), with the
-- dates the KPI definitions use: qs/qe (first/last day), ws (first day of the 12-month window ending at qe) and d0
-- (qe − 12 months).
with
  starts as (
    select
      cast(unnest(generate_series(foerste_qs, seneste_qs, interval 3 month)) as date) as qs
    from
      int_kvartalsvindue
  )
select
  kvartal_af (qs) as kvartal,
  cast(year(qs) as integer) as aar,
  cast(quarter(qs) as integer) as kvartal_nr,
  qs,
  cast(qs + interval 3 month - interval 1 day as date) as qe,
  cast(qs + interval 3 month - interval 1 day - interval 12 month + interval 1 day as date) as ws,
  cast(qs + interval 3 month - interval 1 day - interval 12 month as date) as d0
from
  starts
