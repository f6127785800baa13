-- KPIs 10–13 (kpis.md "Measures and placements"). Each measure counts at the kommune level and in its
-- own unit. One row per measure in a population (taeller 0/1, naevner 1; naevner NULL for the count),
-- summed once at the end for both levels.
with
  lov as (
    -- Barnets Lov replaced Serviceloven's child provisions on this day (the seed love).
    select
      cast(gaelder_fra as date) as barnets_lov_fra
    from
      love
    where
      lov = 'barnets_lov'
  ),
  nye as (
    -- Measures with startet in the quarter: KPI 10's count and KPI 12's population.
    select
      k.kvartal,
      f.barn_id,
      f.startet,
      f.enhed
    from
      stg_foranstaltninger as f
      join int_kvartaler as k on k.kvartal = concat(year(f.startet), 'K', quarter(f.startet))
  ),
  kpi_10 as (
    select
      'foranstaltninger_nye_antal' as kpi,
      kvartal,
      enhed,
      1 as taeller,
      null as naevner
    from
      nye
  ),
  plan_frist as (
    -- KPI 11's deadline by the law in force on startet. Serviceloven: every measure, plan before the
    -- decision. Barnets Lov: placements only; without consent (samtykke false) before the decision,
    -- otherwise (consent or consent unknown) within 3 months.
    select
      f.barn_id,
      f.startet,
      f.enhed,
      case
        when f.startet < lov.barnets_lov_fra then f.startet
        when f.samtykke = false then f.startet
        else cast(f.startet + interval 3 month as date)
      end as frist
    from
      stg_foranstaltninger as f
      cross join lov
    where
      f.startet < lov.barnets_lov_fra
      or f.er_anbringelse
  ),
  kpi_11 as (
    select
      'handleplan_rettidig' as kpi,
      k.kvartal,
      p.enhed,
      case
        when exists (
          select
            1
          from
            stg_handleplaner as h
          where
            h.barn_id = p.barn_id
            and h.dato between cast(p.startet - interval 12 month as date) and p.frist
        ) then 1
        else 0
      end as taeller,
      1 as naevner
    from
      plan_frist as p
      join int_kvartaler as k on k.kvartal = concat(year(p.frist), 'K', quarter(p.frist))
  ),
  kpi_12 as (
    -- Every conversation row counts: held, or lawfully omitted (undladt true).
    select
      'boernesamtale_foer_afgoerelse' as kpi,
      n.kvartal,
      n.enhed,
      case
        when exists (
          select
            1
          from
            stg_boernesamtaler as s
          where
            s.barn_id = n.barn_id
            and s.dato between cast(n.startet - interval 6 month as date) and n.startet
        ) then 1
        else 0
      end as taeller,
      1 as naevner
    from
      nye as n
  ),
  opfoelgning_population as (
    -- KPI 13: measures active on qe whose first follow-up (startet + 3 months) lies before qe.
    select
      kvartal,
      qe,
      foranstaltning_id,
      barn_id,
      startet,
      enhed
    from
      int_foranstaltninger_paa_qe
    where
      cast(startet + interval 3 month as date) < qe
  ),
  kpi_13 as (
    -- Met when the latest follow-up L dated startet … qe gives L + k months >= qe. The population has
    -- startet + 3 months < qe, so without a follow-up it is never met, and since L + k months grows
    -- with L this is: some follow-up in startet … qe has dato + k months >= qe. A semi join, not the
    -- latest follow-up by a join and group by (seconds on the national set) nor an as-of join (inside
    -- the build's transaction DuckDB planned it as a nested loop).
    select
      'opfoelgning_rettidig' as kpi,
      p.kvartal,
      p.enhed,
      case
        when exists (
          select
            1
          from
            stg_opfoelgninger as o
          where
            o.barn_id = p.barn_id
            and o.dato between p.startet and p.qe
            and cast(o.dato + to_months(c.opfoelgning_interval_maaneder) as date) >= p.qe
        ) then 1
        else 0
      end as taeller,
      1 as naevner
    from
      opfoelgning_population as p
      cross join cfg_kommune as c
  ),
  poster as (
    select
      *
    from
      kpi_10
    union all
    select
      *
    from
      kpi_11
    union all
    select
      *
    from
      kpi_12
    union all
    select
      *
    from
      kpi_13
  )
select
  kpi,
  kvartal,
  case
    when grouping (enhed) = 1 then 'kommune'
    else 'enhed'
  end as niveau,
  enhed,
  cast(sum(taeller) as double) as taeller,
  cast(sum(naevner) as double) as naevner
from
  poster
group by
  grouping sets ((kpi, kvartal), (kpi, kvartal, enhed))
