-- The KPI mart of docs/kpis.md: one row per KPI, quarter, level and unit, for complete quarters only.
with
  alle as (
    select
      *
    from
      int_kpi_underretninger
    union all by name
    select
      *
    from
      int_kpi_undersoegelser
    union all by name
    select
      *
    from
      int_kpi_foranstaltninger
    union all by name
    select
      *
    from
      int_kpi_anbringelser
    union all by name
    select
      *
    from
      int_kpi_sagsbehandling
  )
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
  alle as a
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
