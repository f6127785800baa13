-- The mart's shape follows each KPI's kind: a count has no denominator and vaerdi = taeller; a share or
-- ratio has a denominator > 0 and vaerdi = taeller / naevner.
-- model: mart_kpi_kvartal
-- severity: error
select
  k.*
from
  mart_kpi_kvartal as k
  join kpi_definitioner as d on d.kpi = k.kpi
where
  (
    d.art = 'antal'
    and (
      k.naevner is not null
      or k.vaerdi <> k.taeller
    )
  )
  or (
    d.art <> 'antal'
    and (
      k.naevner is null
      or k.naevner <= 0
      or abs(k.vaerdi - k.taeller / k.naevner) > 1e-9
    )
  )
