-- KPI 20 (docs/kpis.md "Caseload") as facts: each case active on qe counts 1 in the numerator (in sager.enhed),
-- each caseworker active on qe their normering (FTE) in the denominator (in sagsbehandlere.enhed);
-- int_kpi_kvartal sums both per unit and for the municipality, and mart_kpi_kvartal keeps a row only where the
-- FTE sum is > 0: a unit with cases and no FTE has no ratio of its own (its cases count for the kommune), a unit
-- with FTE and no cases has 0.
with
  kpi_20_sager as (
    select
      k.kvartal,
      s.enhed,
      1 as taeller,
      0 as naevner
    from
      stg_sager as s
      join int_kvartaler as k on aktiv_paa (s.oprettet, s.lukket, k.qe)
  ),
  kpi_20_normering as (
    select
      k.kvartal,
      b.enhed,
      0 as taeller,
      b.normering as naevner
    from
      stg_sagsbehandlere as b
      join int_kvartaler as k on aktiv_paa (b.fra_dato, b.til_dato, k.qe)
  ),
  kpi_20_sager_pr_sagsbehandler as (
    select
      *
    from
      kpi_20_sager
    union all
    select
      *
    from
      kpi_20_normering
  )
select
  cast('sager_pr_sagsbehandler' as varchar) as kpi,
  cast(kvartal as varchar) as kvartal,
  cast(enhed as varchar) as enhed,
  cast(null as uuid) as barn_id,
  cast(taeller as integer) as taeller,
  cast(naevner as double) as naevner
from
  kpi_20_sager_pr_sagsbehandler
