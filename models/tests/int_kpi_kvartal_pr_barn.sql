-- The facts carry barn_id exactly for the KPIs the registry marks pr_barn (KPIs 2 and 5), so the roll-up counts
-- distinct children where the registry says so, and the disclosure audit's unit identities (units ≥ municipality
-- for those, = for the others) hold.
-- model: int_kpi_kvartal
-- kolonne: har_barn_id
-- severity: error
select
  k.kpi,
  k.kvartal,
  k.enhed,
  k.har_barn_id,
  d.pr_barn
from
  int_kpi_kvartal as k
  join kpi_definitioner as d on d.kpi = k.kpi
where
  k.har_barn_id <> d.pr_barn
