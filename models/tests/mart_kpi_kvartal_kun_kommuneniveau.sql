-- A KPI the registry defines for the whole municipality only (niveauer = 'kommune': KPIs 6 and 19) has no unit rows.
-- model: mart_kpi_kvartal
-- kolonne: niveau
-- severity: error
select
  k.*
from
  mart_kpi_kvartal as k
  join kpi_definitioner as d on d.kpi = k.kpi
where
  d.niveauer = 'kommune'
  and k.niveau <> 'kommune'
