-- A share's numerator is at most its denominator, and a share has a denominator.
-- model: mart_kpi_kvartal
-- kolonne: taeller
-- severity: error
select
  k.*
from
  mart_kpi_kvartal as k
  join kpi_definitioner as d on d.kpi = k.kpi
where
  d.art = 'andel'
  and (
    k.naevner is null
    or k.taeller > k.naevner
  )
