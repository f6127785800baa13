-- The one roll-up of every KPI's facts (the int_kpi_* models) to the municipality and its units: one row per KPI,
-- quarter, level and unit, exact and unfiltered (mart_kpi_kvartal keeps complete quarters, drops rows whose count
-- or denominator is 0 and adds vaerdi). Grouping sets: (kpi, kvartal) is the municipality, (kpi, kvartal, enhed)
-- one unit; unit rows only for the KPIs whose levels in the registry (kpi_definitioner.niveauer) list enhed.
with
  fakta as (
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
  ),
  niveauer as (
    select
      kpi,
      kvartal,
      enhed,
      grouping (enhed) = 1 as er_kommune,
      -- A KPI the registry marks pr_barn counts each child once per level (its facts carry barn_id): in the
      -- numerator when one of the child's facts there meets it (KPIs 2 and 5: a child with notifications in two units).
      count(barn_id) > 0 as har_barn_id,
      count(distinct barn_id) filter(
        where
          barn_id is not null
          and taeller > 0
      ) as boern_taeller,
      count(distinct barn_id) filter(
        where
          barn_id is not null
          and naevner > 0
      ) as boern_naevner,
      sum(taeller) as taeller_sum,
      -- Summed as decimals: a double sum depends on the order of the rows (0.1 + 0.2 ≠ 0.3), so the same data
      -- could give a different naevner from one build to the next (KPI 20's FTE).
      sum(cast(naevner as decimal(38, 10))) as naevner_sum
    from
      fakta
    group by
      grouping sets ((kpi, kvartal), (kpi, kvartal, enhed))
  )
select
  n.kpi,
  n.kvartal,
  case
    when n.er_kommune then 'kommune'
    else 'enhed'
  end as niveau,
  n.enhed,
  cast(
    case
      when d.pr_barn then n.boern_taeller
      else n.taeller_sum
    end as double
  ) as taeller,
  -- NULL for counts: their facts have no denominator.
  cast(
    case
      when n.naevner_sum is null then null
      when d.pr_barn then n.boern_naevner
      else n.naevner_sum
    end as double
  ) as naevner,
  n.har_barn_id
from
  niveauer as n
  -- A left join: a KPI missing from the registry still reaches the mart and fails its relationship test.
  left join kpi_definitioner as d on d.kpi = n.kpi
where
  n.er_kommune
  or coalesce(list_contains(string_split(d.niveauer, ' '), 'enhed'), true)
