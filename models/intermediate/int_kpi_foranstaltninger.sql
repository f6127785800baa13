-- KPIs 10–13 (docs/kpis.md "Measures and placements") as facts: one row per measure in a population and KPI
-- with the measure's own unit (taeller 0/1, naevner 1; naevner NULL for the count); int_kpi_kvartal rolls them
-- up to the municipality and the units.
with
  nye as (
    -- Measures with startet in the quarter: KPI 10's count and KPI 12's population.
    select
      k.kvartal,
      f.foranstaltning_id,
      f.barn_id,
      f.startet,
      f.enhed
    from
      stg_foranstaltninger as f
      join int_kvartaler as k on k.kvartal = kvartal_af (f.startet)
  ),
  kpi_10_foranstaltninger_nye_antal as (
    select
      'foranstaltninger_nye_antal' as kpi,
      kvartal,
      enhed,
      1 as taeller,
      null as naevner
    from
      nye
  ),
  kpi_11_handleplan_rettidig as (
    -- KPI 11's deadline and the child's first plan per measure (int_handleplan_frister); met when that plan
    -- is dated by the deadline.
    select
      'handleplan_rettidig' as kpi,
      k.kvartal,
      p.enhed,
      case
        when p.foerste_plan <= p.frist then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_handleplan_frister as p
      join int_kvartaler as k on k.kvartal = kvartal_af (p.frist)
  ),
  kpi_12_boernesamtale_foer_afgoerelse as (
    -- Every conversation row counts: held, or lawfully omitted (undladt true); int_boernesamtale_foer_afgoerelse.
    select
      'boernesamtale_foer_afgoerelse' as kpi,
      n.kvartal,
      n.enhed,
      case
        when s.samtale is not null then 1
        else 0
      end as taeller,
      1 as naevner
    from
      nye as n
      join int_boernesamtale_foer_afgoerelse as s using (foranstaltning_id)
  ),
  kpi_13_opfoelgning_rettidig as (
    -- Measures active on qe whose first follow-up (startet + 3 months) lies before qe; met when the next
    -- follow-up deadline of int_opfoelgning_paa_dag is not passed on qe.
    select
      'opfoelgning_rettidig' as kpi,
      kvartal,
      enhed,
      case
        when frist >= dag then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_opfoelgning_paa_dag
    where
      kvartal is not null
      and foerste_frist < dag
  ),
  alle as (
    select
      *
    from
      kpi_10_foranstaltninger_nye_antal
    union all
    select
      *
    from
      kpi_11_handleplan_rettidig
    union all
    select
      *
    from
      kpi_12_boernesamtale_foer_afgoerelse
    union all
    select
      *
    from
      kpi_13_opfoelgning_rettidig
  )
select
  cast(kpi as varchar) as kpi,
  cast(kvartal as varchar) as kvartal,
  cast(enhed as varchar) as enhed,
  cast(null as uuid) as barn_id,
  cast(taeller as integer) as taeller,
  cast(naevner as double) as naevner
from
  alle
