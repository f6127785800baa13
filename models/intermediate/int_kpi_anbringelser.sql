-- KPIs 14–19 (kpis.md "Measures and placements"). KPIs 14–18 are about the children placed on qe and
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
  tilsyn_population as (
    -- KPI 14: the continuous placement containing qe must have begun on or before ws.
    select
      p.kvartal,
      p.ws,
      p.qe,
      p.barn_id,
      p.enhed
    from
      placeret as p
      join int_anbringelsesforloeb as f on f.barn_id = p.barn_id
      and f.startet <= p.qe
      and coalesce(f.ophoert, date '9999-12-31') >= p.qe
    where
      f.startet <= p.ws
  ),
  tilsyn_besoeg as (
    -- Visits in any unit count, dated in the 12-month window ws … qe.
    select
      p.kvartal,
      p.barn_id,
      count(*) as besoeg
    from
      tilsyn_population as p
      join stg_tilsynsbesoeg as t on t.barn_id = p.barn_id
      and t.dato between p.ws and p.qe
    group by
      p.kvartal,
      p.barn_id
  ),
  kpi_14 as (
    select
      'tilsyn_2_besoeg_12m' as kpi,
      p.kvartal,
      p.enhed,
      case
        when coalesce(b.besoeg, 0) >= 2 then 1
        else 0
      end as taeller,
      1 as naevner
    from
      tilsyn_population as p
      left join tilsyn_besoeg as b on b.kvartal = p.kvartal
      and b.barn_id = p.barn_id
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
