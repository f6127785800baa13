-- KPIs 7–9 of docs/kpis.md (child protection investigations; frist = startet + 4 months, from staging) as facts:
-- one row per investigation and KPI with its own unit and its contribution to the numerator and the denominator;
-- int_kpi_kvartal rolls them up to the municipality and the units.
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
      case
        when rettidig then 1
        else 0
      end as taeller,
      1 as naevner
    from
      frist_i_kvartal
  ),
  kpi_8_bfu_overskridelse_begrundet as (
    select
      'bfu_overskridelse_begrundet' as kpi,
      kvartal,
      enhed,
      case
        when begrundet then 1
        else 0
      end as taeller,
      1 as naevner
    from
      frist_i_kvartal
    where
      not rettidig
  ),
  kpi_9_bfu_aaben_overskredet as (
    -- Open and overdue at the end of each quarter (int_undersoegelser_paa_dag: startet <= qe and afsluttet empty
    -- or > qe, the worklist undersoegelser reads the same rows).
    select
      'bfu_aaben_overskredet' as kpi,
      kvartal,
      enhed,
      1 as taeller,
      null as naevner
    from
      int_undersoegelser_paa_dag
    where
      kvartal is not null
      and frist < dag
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
  cast(enhed as varchar) as enhed,
  cast(null as uuid) as barn_id,
  cast(taeller as integer) as taeller,
  cast(naevner as double) as naevner
from
  alle
