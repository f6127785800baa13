-- KPIs 1–6 of docs/kpis.md (notifications; event day: the date of modtaget) as facts: one row per notification
-- (or child) and KPI with its unit and its contribution to the numerator and the denominator. int_kpi_kvartal
-- rolls them up to the municipality and the units; barn_id is set where a KPI counts each child once per level.
with
  kpi_1_underretninger_antal as (
    select
      'underretninger_antal' as kpi,
      kvartal,
      enhed,
      null as barn_id,
      1 as taeller,
      null as naevner
    from
      int_underretninger_kvartal
  ),
  kpi_2_underretninger_boern as (
    -- Distinct children: a child with notifications in two units counts once for the municipality.
    select
      'underretninger_boern' as kpi,
      kvartal,
      enhed,
      barn_id,
      1 as taeller,
      null as naevner
    from
      int_underretninger_kvartal
  ),
  kpi_3_underretning_vurderet_24t as (
    select
      'underretning_vurderet_24t' as kpi,
      kvartal,
      enhed,
      null as barn_id,
      case
        when vurderet_24t then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_underretninger_kvartal
  ),
  kpi_4_underretning_kvitteret_6_hverdage as (
    select
      'underretning_kvitteret_6_hverdage' as kpi,
      kvartal,
      enhed,
      null as barn_id,
      case
        when kvitteret_6_hverdage then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_underretninger_kvartal
    where
      fagperson
  ),
  -- KPI 5: each child with a notification in the quarter, and how many notifications (in any unit) the
  -- child has in the 12-month window ending at qe.
  boern_i_kvartal as (
    select distinct
      kvartal,
      ws,
      qe,
      barn_id
    from
      int_underretninger_kvartal
  ),
  boern_12m as (
    select
      b.kvartal,
      b.barn_id,
      count(*) as underretninger_12m
    from
      boern_i_kvartal as b
      join stg_underretninger as u on u.barn_id = b.barn_id
      and u.modtaget_dato between b.ws and b.qe
    group by
      b.kvartal,
      b.barn_id
  ),
  kpi_5_underretning_gentagen_12m as (
    -- Distinct children: a unit's children are those with a notification in the quarter in that unit, their
    -- repeats counted in any unit.
    select
      'underretning_gentagen_12m' as kpi,
      u.kvartal,
      u.enhed,
      u.barn_id,
      case
        when b.underretninger_12m >= 2 then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_underretninger_kvartal as u
      join boern_12m as b on b.kvartal = u.kvartal
      and b.barn_id = u.barn_id
  ),
  -- KPI 6: municipality only (no unit), and only for years the optional befolkning table has. Each notification
  -- counts in the numerator; the year's children / 1000 is the denominator, once per quarter with notifications.
  underretninger_med_befolkning as (
    select
      u.kvartal,
      b.antal_0_17
    from
      int_underretninger_kvartal as u
      join stg_befolkning as b on b.aar = u.aar
  ),
  kpi_6_underretninger_pr_1000_boern as (
    select
      'underretninger_pr_1000_boern' as kpi,
      kvartal,
      null as enhed,
      null as barn_id,
      1 as taeller,
      0 as naevner
    from
      underretninger_med_befolkning
    union all
    select distinct
      'underretninger_pr_1000_boern' as kpi,
      kvartal,
      null as enhed,
      null as barn_id,
      0 as taeller,
      antal_0_17 / 1000 as naevner
    from
      underretninger_med_befolkning
  ),
  alle as (
    select
      *
    from
      kpi_1_underretninger_antal
    union all
    select
      *
    from
      kpi_2_underretninger_boern
    union all
    select
      *
    from
      kpi_3_underretning_vurderet_24t
    union all
    select
      *
    from
      kpi_4_underretning_kvitteret_6_hverdage
    union all
    select
      *
    from
      kpi_5_underretning_gentagen_12m
    union all
    select
      *
    from
      kpi_6_underretninger_pr_1000_boern
  )
select
  cast(kpi as varchar) as kpi,
  cast(kvartal as varchar) as kvartal,
  cast(enhed as varchar) as enhed,
  cast(barn_id as uuid) as barn_id,
  cast(taeller as integer) as taeller,
  cast(naevner as double) as naevner
from
  alle
