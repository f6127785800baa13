-- Quarantined rows counted by load, table, rule, reason and column: counts only, never the rows.
select
  load_id,
  tabel,
  regel,
  aarsag,
  kolonne,
  count(*) as antal
from
  quarantine
group by all
order by
  load_id desc,
  tabel,
  regel,
  aarsag,
  kolonne nulls first
