-- Every share (art andel) lies between 0 and 1.
-- model: mart_kpi_kvartal
-- kolonne: vaerdi
-- severity: error
select
  k.*
from
  mart_kpi_kvartal as k
  join kpi_definitioner as d on d.kpi = k.kpi
where
  d.art = 'andel'
  and not k.vaerdi between 0 and 1
