-- One row about the build: the municipality, the data's as-of date, the latest complete quarter and
-- the publishing settings the site needs.
select
  k.kommune,
  a.as_of,
  (
    select
      max(kvartal)
    from
      int_kvartaler
  ) as seneste_kvartal,
  k.diskretionsgraense,
  k.farve_groen,
  k.farve_gul,
  cast(current_timestamp as timestamp) as bygget
from
  cfg_kommune as k
  left join int_as_of as a on true
