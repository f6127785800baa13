-- Measures active on qe by gruppe and their yearly cost, per complete quarter; kommune level.
-- aarlig_udgift sums the known costs (a measure without one is counted in aktive only).
select
  kvartal,
  gruppe,
  cast(count(*) as integer) as aktive,
  cast(sum(aarlig_udgift) as double) as aarlig_udgift
from
  int_foranstaltninger_paa_qe
group by
  kvartal,
  gruppe
order by
  kvartal,
  gruppe
