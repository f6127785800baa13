-- One row about the build: the municipality, the data's as-of date, the latest complete quarter and
-- the publishing settings the site needs, with the day of the change of law (seed love).
with
  lovskift as (
    select
      cast(gaelder_fra as date) as lovskift
    from
      love
    where
      lov = 'barnets_lov'
  )
select
  k.kommune,
  a.as_of,
  -- From the as-of date itself, not int_kvartaler: that starts at the earliest data and is empty without any.
  case
    when a.as_of is not null then concat(
      year(cast(date_trunc('quarter', a.as_of + interval 1 day) as date) - 1),
      'K',
      quarter(cast(date_trunc('quarter', a.as_of + interval 1 day) as date) - 1)
    )
  end as seneste_kvartal,
  k.diskretionsgraense,
  k.farve_groen,
  k.farve_gul,
  cast(current_timestamp as timestamp) as bygget,
  l.lovskift
from
  cfg_kommune as k
  left join int_as_of as a on true
  left join lovskift as l on true
