-- One row about the build: the municipality, the data's as-of date, the latest complete quarter, the day from which
-- the data are complete and the publishing settings the site needs, with the day of the change of law (seed love).
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
  v.as_of,
  -- The window's (int_kvartalsvindue), which also holds without data: int_kvartaler is empty then.
  v.seneste_kvartal,
  v.data_fra,
  k.diskretionsgraense,
  k.farve_groen,
  k.farve_gul,
  cast(current_timestamp as timestamp) as bygget,
  l.lovskift
from
  cfg_kommune as k
  left join int_kvartalsvindue as v on true
  left join lovskift as l on true
