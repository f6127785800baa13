-- Measures active on qe by gruppe and their yearly cost, per complete quarter; kommune level.
-- aarlig_udgift sums the known costs (a measure without one is counted in aktive only).
select
  k.kvartal,
  f.gruppe,
  cast(count(*) as integer) as aktive,
  cast(sum(f.aarlig_udgift) as double) as aarlig_udgift
from
  stg_foranstaltninger as f
  join int_kvartaler as k on f.startet <= k.qe
  and coalesce(f.ophoert, date '9999-12-31') >= k.qe
group by
  k.kvartal,
  f.gruppe
order by
  k.kvartal,
  f.gruppe
