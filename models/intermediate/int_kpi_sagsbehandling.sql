-- KPI 20 (docs/kpis.md "Caseload"): cases active on qe divided by the FTE (sum of normering) of the
-- caseworkers active on qe; cases by sager.enhed, FTE by sagsbehandlere.enhed. Row only where FTE > 0:
-- a unit with cases and no FTE has no ratio, a unit with FTE and no cases has 0.
with
  sager as (
    select
      k.kvartal,
      s.enhed,
      count(*) as sager
    from
      stg_sager as s
      join int_kvartaler as k on aktiv_paa (s.oprettet, s.lukket, k.qe)
    group by
      k.kvartal,
      s.enhed
  ),
  normering as (
    select
      k.kvartal,
      b.enhed,
      -- Summed as decimals: a double sum depends on the order of the rows (0.1 + 0.2 ≠ 0.3), so the
      -- same data could give a different naevner from one build to the next.
      sum(cast(b.normering as decimal(38, 10))) as fte
    from
      stg_sagsbehandlere as b
      join int_kvartaler as k on aktiv_paa (b.fra_dato, b.til_dato, k.qe)
    group by
      k.kvartal,
      b.enhed
  ),
  per_enhed as (
    select
      kvartal,
      enhed,
      coalesce(s.sager, 0) as sager,
      n.fte
    from
      sager as s
      full join normering as n using (kvartal, enhed)
  ),
  per_kommune as (
    select
      kvartal,
      sum(sager) as sager,
      sum(fte) as fte
    from
      per_enhed
    group by
      kvartal
  )
select
  'sager_pr_sagsbehandler' as kpi,
  kvartal,
  'kommune' as niveau,
  null as enhed,
  cast(sager as double) as taeller,
  cast(fte as double) as naevner
from
  per_kommune
where
  fte > 0
union all
select
  'sager_pr_sagsbehandler' as kpi,
  kvartal,
  'enhed' as niveau,
  enhed,
  cast(sager as double) as taeller,
  cast(fte as double) as naevner
from
  per_enhed
where
  fte > 0
