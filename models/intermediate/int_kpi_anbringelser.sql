-- KPIs 14–19 (docs/kpis.md "Measures and placements") as facts: one row per child in a population and KPI
-- (taeller 0/1, naevner 1; naevner NULL for the count); int_kpi_kvartal rolls them up to the municipality and
-- the units. KPIs 14–18 are about the children placed on qe, one row per child (int_anbringelse_paa_qe), in the
-- unit of the child's placement on qe; KPI 19 is kommune level only (no unit).
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
  kpi_14_tilsyn_2_besoeg_12m as (
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
  kpi_15_anbragte_antal as (
    select
      'anbragte_antal' as kpi,
      kvartal,
      enhed,
      1 as taeller,
      null as naevner
    from
      placeret
  ),
  kpi_16_anbringelse_familiebaseret_andel as (
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
  kpi_17_anbringelse_institution_andel as (
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
  kpi_18_anbringelse_uden_samtykke_andel as (
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
  foedselsdatoer as (
    select
      barn_id,
      max(foedselsdato) as foedselsdato
    from
      stg_foranstaltninger
    group by
      barn_id
  ),
  kpi_19_anbringelse_trin_ned_12m as (
    -- Trin ≥ 2 on d0 and under 18 on qe (the 18th birthday, month-clamped like all month arithmetic, is
    -- after qe); moved down when the trin on qe (0 without any measure) is lower.
    select
      'anbringelse_trin_ned_12m' as kpi,
      k.kvartal,
      null as enhed,
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
  ),
  alle as (
    select
      *
    from
      kpi_14_tilsyn_2_besoeg_12m
    union all
    select
      *
    from
      kpi_15_anbragte_antal
    union all
    select
      *
    from
      kpi_16_anbringelse_familiebaseret_andel
    union all
    select
      *
    from
      kpi_17_anbringelse_institution_andel
    union all
    select
      *
    from
      kpi_18_anbringelse_uden_samtykke_andel
    union all
    select
      *
    from
      kpi_19_anbringelse_trin_ned_12m
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
