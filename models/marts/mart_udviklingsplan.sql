-- The development plan's targets against the KPI per quarter. A `YYYY` target applies to each quarter
-- of that year. Status: opfyldt (met, judged by the KPI's direction; a neutral KPI's target is a
-- minimum), forbedring (not met but better than the previous quarter), ikke_opfyldt, or ingen_data
-- (no figure: the quarter is not complete or the KPI has no row for it).
with
  maal as (
    select
      kpi,
      periode,
      maal,
      enhed,
      case
        when enhed is null then 'kommune'
        else 'enhed'
      end as niveau,
      case
        when length(periode) = 4 then [periode || 'K1', periode || 'K2', periode || 'K3', periode || 'K4']
        else [periode]
      end as kvartaler
    from
      cfg_udviklingsplan
  ),
  maal_kvartal as (
    select
      kpi,
      periode,
      unnest(kvartaler) as kvartal,
      niveau,
      enhed,
      maal
    from
      maal
  ),
  med_forrige as (
    select
      *,
      case
        when right(kvartal, 1) = '1' then concat(cast(left(kvartal, 4) as integer) - 1, 'K4')
        else concat(left(kvartal, 5), cast(right(kvartal, 1) as integer) - 1)
      end as forrige_kvartal
    from
      maal_kvartal
  ),
  med_vaerdi as (
    select
      m.*,
      coalesce(d.retning, 'neutral') as retning,
      v.vaerdi,
      f.vaerdi as forrige_vaerdi
    from
      med_forrige as m
      left join kpi_definitioner as d on d.kpi = m.kpi
      left join mart_kpi_kvartal as v on v.kpi = m.kpi
      and v.kvartal = m.kvartal
      and v.niveau = m.niveau
      and v.enhed is not distinct from m.enhed
      left join mart_kpi_kvartal as f on f.kpi = m.kpi
      and f.kvartal = m.forrige_kvartal
      and f.niveau = m.niveau
      and f.enhed is not distinct from m.enhed
  ),
  vurderet as (
    select
      *,
      case
        when retning = 'lavere_bedre' then vaerdi <= maal
        else vaerdi >= maal
      end as er_opfyldt,
      case
        when retning = 'lavere_bedre' then vaerdi < forrige_vaerdi
        else vaerdi > forrige_vaerdi
      end as er_bedre
    from
      med_vaerdi
  )
select
  kpi,
  periode,
  kvartal,
  niveau,
  enhed,
  maal,
  vaerdi,
  retning,
  case
    when vaerdi is null then 'ingen_data'
    when er_opfyldt then 'opfyldt'
    when er_bedre then 'forbedring'
    else 'ikke_opfyldt'
  end as status
from
  vurderet
order by
  kpi,
  kvartal,
  niveau,
  enhed nulls first
