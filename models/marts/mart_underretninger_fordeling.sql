-- Notifications received in each complete quarter, counted by one dimension at a time (kilde, enhed,
-- distrikt, udfald, alvorlig). A missing value is its own row (kode NULL) so each dimension adds up to
-- the quarter's total.
with
  underretninger as (
    select
      kvartal,
      kilde,
      enhed,
      distrikt,
      udfald,
      case
        when alvorlig then 'ja'
        when not alvorlig then 'nej'
      end as alvorlig
    from
      int_underretninger_kvartal
  ),
  dimensioner as (
    select
      kvartal,
      'kilde' as dimension,
      kilde as kode
    from
      underretninger
    union all
    select
      kvartal,
      'enhed' as dimension,
      enhed as kode
    from
      underretninger
    union all
    select
      kvartal,
      'distrikt' as dimension,
      distrikt as kode
    from
      underretninger
    union all
    select
      kvartal,
      'udfald' as dimension,
      udfald as kode
    from
      underretninger
    union all
    select
      kvartal,
      'alvorlig' as dimension,
      alvorlig as kode
    from
      underretninger
  ),
  antal as (
    select
      kvartal,
      dimension,
      kode,
      count(*) as antal
    from
      dimensioner
    group by
      kvartal,
      dimension,
      kode
  )
select
  a.kvartal,
  a.dimension,
  a.kode,
  -- Names of coded dimensions from their seeds; a unit or district is its own name.
  cast(
    case
      when a.kode is null then 'Ikke oplyst'
      when a.dimension = 'kilde' then k.navn
      when a.dimension = 'udfald' then f.navn
      when a.dimension = 'alvorlig' then case a.kode
        when 'ja' then 'Ja'
        else 'Nej'
      end
      else a.kode
    end as varchar
  ) as navn,
  cast(a.antal as integer) as antal
from
  antal as a
  left join kilder as k on a.dimension = 'kilde'
  and k.kode = a.kode
  left join udfald as f on a.dimension = 'udfald'
  and f.kode = a.kode
order by
  a.kvartal,
  a.dimension,
  a.kode nulls last
