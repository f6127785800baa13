-- KPIs 7–9 of docs/kpis.md (child protection investigations; frist = startet + 4 months, from staging).
-- Each KPI at both levels via grouping sets: (kvartal) is the municipality, (kvartal, enhed) the record's unit.
with
  frist_i_kvartal as (
    -- Event day of KPIs 7 and 8: frist.
    select
      q.kvartal,
      u.enhed,
      u.afsluttet is not null
      and u.afsluttet <= u.frist as rettidig,
      u.frist_begrundelse is not null as begrundet
    from
      stg_undersoegelser as u
      join int_kvartaler as q on q.kvartal = kvartal_af (u.frist)
  ),
  kpi_7_bfu_rettidig_4m as (
    select
      'bfu_rettidig_4m' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) filter(
        where
          rettidig
      ) as taeller,
      count(*) as naevner
    from
      frist_i_kvartal
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  kpi_8_bfu_overskridelse_begrundet as (
    select
      'bfu_overskridelse_begrundet' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) filter(
        where
          begrundet
      ) as taeller,
      count(*) as naevner
    from
      frist_i_kvartal
    where
      not rettidig
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  -- KPI 9: open and overdue at the end of each quarter (int_undersoegelser_paa_dag: startet <= qe and afsluttet
  -- empty or > qe, the worklist undersoegelser reads the same rows).
  aabne_overskredne as (
    select
      kvartal,
      enhed
    from
      int_undersoegelser_paa_dag
    where
      kvartal is not null
      and frist < dag
  ),
  kpi_9_bfu_aaben_overskredet as (
    select
      'bfu_aaben_overskredet' as kpi,
      kvartal,
      enhed,
      grouping (enhed) as er_kommune,
      count(*) as taeller,
      null as naevner
    from
      aabne_overskredne
    group by
      grouping sets ((kvartal), (kvartal, enhed))
  ),
  alle as (
    select
      *
    from
      kpi_7_bfu_rettidig_4m
    union all
    select
      *
    from
      kpi_8_bfu_overskridelse_begrundet
    union all
    select
      *
    from
      kpi_9_bfu_aaben_overskredet
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
