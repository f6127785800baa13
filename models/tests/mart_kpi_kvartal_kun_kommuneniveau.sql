-- KPIs 6 and 19 are defined for the whole municipality only.
-- model: mart_kpi_kvartal
-- kolonne: niveau
-- severity: error
select
  *
from
  mart_kpi_kvartal
where
  kpi in ('underretninger_pr_1000_boern', 'anbringelse_trin_ned_12m')
  and niveau <> 'kommune'
