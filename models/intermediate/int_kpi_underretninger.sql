-- KPIs 1–6 of docs/kpis.md (notifications; event day: the date of modtaget). Each KPI at both levels via
-- grouping sets: (kvartal) is the municipality, (kvartal, enhed) the record's own unit.
with
  kpi_1_underretninger_antal as (
    select
      'underretninger_antal' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) as taeller,
      null as naevner
    from
      int_underretninger_kvartal
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  kpi_2_underretninger_boern as (
    select
      'underretninger_boern' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(distinct barn_id) as taeller,
      null as naevner
    from
      int_underretninger_kvartal
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  kpi_3_underretning_vurderet_24t as (
    select
      'underretning_vurderet_24t' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) filter(
        where
          vurderet_24t
      ) as taeller,
      count(*) as naevner
    from
      int_underretninger_kvartal
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  kpi_4_underretning_kvitteret_6_hverdage as (
    select
      'underretning_kvitteret_6_hverdage' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) filter(
        where
          kvitteret_6_hverdage
      ) as taeller,
      count(*) as naevner
    from
      int_underretninger_kvartal
    where
      fagperson
    group by
      grouping sets ((kvartal), (kvartal, enhed))
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
    select
      'underretning_gentagen_12m' as kpi,
      u.kvartal,
      u.enhed,
      grouping (u.enhed) as er_kommune,
      count(distinct u.barn_id) filter(
        where
          b.underretninger_12m >= 2
      ) as taeller,
      count(distinct u.barn_id) as naevner
    from
      int_underretninger_kvartal as u
      join boern_12m as b on b.kvartal = u.kvartal
      and b.barn_id = u.barn_id
    group by
      grouping sets ((u.kvartal), (u.kvartal, u.enhed))
  ),
  -- KPI 6: municipality only, and only for years the optional befolkning table has.
  kpi_6_underretninger_pr_1000_boern as (
    select
      'underretninger_pr_1000_boern' as kpi,
      u.kvartal,
      null as enhed,
      1 as er_kommune,
      count(*) as taeller,
      b.antal_0_17 / 1000 as naevner
    from
      int_underretninger_kvartal as u
      join stg_befolkning as b on b.aar = u.aar
    group by
      u.kvartal,
      b.antal_0_17
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
  cast(
    case
      when er_kommune = 1 then 'kommune'
      else 'enhed'
    end as varchar
  ) as niveau,
  cast(enhed as varchar) as enhed,
  cast(taeller as double) as taeller,
  cast(naevner as double) as naevner
from
  alle
