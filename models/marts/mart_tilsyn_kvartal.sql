-- The ledelsestilsyn's compliance from case reviews (issue 13): per quarter, level, unit and question, the share of
-- compliant answers among the answers other than ikke_relevant, its 95 % Wilson interval, and the share weighted by
-- 1 / inklusionssandsynlighed — the estimate for the unit's whole caseload, since the risk stratum is over-sampled.
-- Rows with spoergsmaal_id NULL roll the questions of an omraade up (answers pooled). Beside a question with a register
-- twin, the KPI's value from mart_kpi_kvartal for the same quarter, level and unit.
with
  konstanter as (
    -- z of the two-sided 95 % interval.
    select
      1.959964 as z
  ),
  svar as (
    select
      g.periode,
      s.enhed,
      q.omraade,
      g.spoergsmaal_id,
      cast(g.svar = q.overholdt_svar as integer) as overholdt,
      1.0 / s.inklusionssandsynlighed as vaegt
    from
      stg_sagsgennemgange as g
      join tilsyn_stikproeve as s on s.periode = g.periode
      and s.sag_id = g.sag_id
      join tilsynsspoergsmaal as q on q.spoergsmaal_id = g.spoergsmaal_id
    where
      g.svar <> 'ikke_relevant'
  ),
  optalt as (
    select
      periode,
      case
        when grouping (enhed) = 1 then 'kommune'
        else 'enhed'
      end as niveau,
      enhed,
      omraade,
      spoergsmaal_id,
      count(*) as n,
      sum(overholdt) as n_ja,
      sum(vaegt * overholdt) / sum(vaegt) as andel_vaegtet
    from
      svar
    group by
      grouping sets (
        (periode, omraade, spoergsmaal_id),
        (periode, enhed, omraade, spoergsmaal_id),
        (periode, omraade),
        (periode, enhed, omraade)
      )
  ),
  wilson as (
    select
      o.*,
      o.n_ja / o.n as andel,
      (o.n_ja / o.n + k.z * k.z / (2 * o.n)) / (1 + k.z * k.z / o.n) as midte,
      k.z * sqrt((o.n_ja / o.n) * (1 - o.n_ja / o.n) / o.n + k.z * k.z / (4 * o.n * o.n)) / (1 + k.z * k.z / o.n) as halv
    from
      optalt as o
      cross join konstanter as k
  )
select
  w.periode,
  w.niveau,
  w.enhed,
  w.omraade,
  w.spoergsmaal_id,
  cast(w.n as integer) as n,
  cast(w.n_ja as integer) as n_ja,
  cast(w.andel as double) as andel,
  -- Clamped to [0, andel] and [andel, 1]: at andel 0 or 1 the bound is exactly 0 or 1, which rounding can miss.
  cast(least(w.andel, greatest(0, w.midte - w.halv)) as double) as ci_nedre,
  cast(greatest(w.andel, least(1, w.midte + w.halv)) as double) as ci_oevre,
  cast(w.andel_vaegtet as double) as andel_vaegtet,
  q.register_kpi,
  r.vaerdi as register_vaerdi,
  r.naevner as register_naevner
from
  wilson as w
  left join tilsynsspoergsmaal as q on q.spoergsmaal_id = w.spoergsmaal_id
  left join mart_kpi_kvartal as r on r.kpi = q.register_kpi
  and r.kvartal = w.periode
  and r.niveau = w.niveau
  and r.enhed is not distinct from w.enhed
