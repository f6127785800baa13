-- KPIs 14–19 (docs/kpis.md "Measures and placements"). KPIs 14–18 are about the children placed on qe and
-- count each child once, in the unit of the child's placement on qe; KPI 19 is kommune level only.
-- One row per child in a population (taeller 0/1, naevner 1; NULL for the count), summed at the end.
with
  placeret as (
    select
      p.*,
      k.ws,
      k.qe
    from
      int_anbringelse_paa_qe as p
      join int_kvartaler as k on k.kvartal = p.kvartal
  ),
  kpi_14 as (
    -- The children placed on qe whose continuous placement began on or before ws; met with at least 2
    -- visits (any unit) in the window ws … qe (int_tilsyn_paa_dag, which the worklist tilsyn reads too).
    select
      'tilsyn_2_besoeg_12m' as kpi,
      kvartal,
      enhed,
      case
        when besoeg_12m >= 2 then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_tilsyn_paa_dag
    where
      kvartal is not null
      and i_population
  ),
  kpi_15 as (
    select
      'anbragte_antal' as kpi,
      kvartal,
      enhed,
      1 as taeller,
      null as naevner
    from
      placeret
  ),
  kpi_16 as (
    select
      'anbringelse_familiebaseret_andel' as kpi,
      kvartal,
      enhed,
      case
        when gruppe = 'familiebaseret' then 1
        else 0
      end as taeller,
      1 as naevner
    from
      placeret
  ),
  kpi_17 as (
    select
      'anbringelse_institution_andel' as kpi,
      kvartal,
      enhed,
      case
        when gruppe = 'institution' then 1
        else 0
      end as taeller,
      1 as naevner
    from
      placeret
  ),
  kpi_18 as (
    -- Only placements with known consent are in the denominator.
    select
      'anbringelse_uden_samtykke_andel' as kpi,
      kvartal,
      enhed,
      case
        when samtykke = false then 1
        else 0
      end as taeller,
      1 as naevner
    from
      placeret
    where
      samtykke is not null
  ),
  enhedsniveau as (
    select
      *
    from
      kpi_14
    union all
    select
      *
    from
      kpi_15
    union all
    select
      *
    from
      kpi_16
    union all
    select
      *
    from
      kpi_17
    union all
    select
      *
    from
      kpi_18
  ),
  foedselsdatoer as (
    select
      barn_id,
      max(foedselsdato) as foedselsdato
    from
      stg_foranstaltninger
    group by
      barn_id
  ),
  kpi_19 as (
    -- Trin ≥ 2 on d0 and under 18 on qe (the 18th birthday, month-clamped like all month arithmetic, is
    -- after qe); moved down when the trin on qe (0 without any measure) is lower.
    select
      'anbringelse_trin_ned_12m' as kpi,
      k.kvartal,
      case
        when coalesce(tq.trin, 0) < t0.trin then 1
        else 0
      end as taeller,
      1 as naevner
    from
      int_kvartaler as k
      join int_trin_paa_dag as t0 on t0.dag = k.d0
      join foedselsdatoer as b on b.barn_id = t0.barn_id
      left join int_trin_paa_dag as tq on tq.dag = k.qe
      and tq.barn_id = t0.barn_id
    where
      t0.trin >= 2
      and cast(b.foedselsdato + interval 18 year as date) > k.qe
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
  enhedsniveau
group by
  grouping sets ((kpi, kvartal), (kpi, kvartal, enhed))
union all
select
  kpi,
  kvartal,
  'kommune' as niveau,
  null as enhed,
  cast(sum(taeller) as double) as taeller,
  cast(sum(naevner) as double) as naevner
from
  kpi_19
group by
  kpi,
  kvartal
