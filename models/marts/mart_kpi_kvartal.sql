-- The KPI mart of docs/kpis.md: one row per KPI, quarter, level and unit (the roll-up int_kpi_kvartal), for
-- complete quarters only, where the count or the denominator is > 0, with vaerdi.
select
  a.kpi,
  a.kvartal,
  a.niveau,
  a.enhed,
  cast(a.taeller as double) as taeller,
  cast(a.naevner as double) as naevner,
  cast(
    case
      when a.naevner is null then a.taeller
      else a.taeller / a.naevner
    end as double
  ) as vaerdi
from
  int_kpi_kvartal as a
  join int_kvartaler as k on k.kvartal = a.kvartal
where
  (
    a.naevner is null
    and a.taeller > 0
  )
  or a.naevner > 0
order by
  a.kpi,
  a.kvartal,
  a.niveau,
  a.enhed nulls first
