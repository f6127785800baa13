-- Children by their trin on the indsatstrappe on qe (the highest trin among their measures active on
-- qe), trin ≥ 1, per complete quarter; kommune level.
select
  k.kvartal,
  t.trin,
  cast(count(*) as integer) as boern
from
  int_trin_paa_dag as t
  join int_kvartaler as k on k.qe = t.dag
where
  t.trin >= 1
group by
  k.kvartal,
  t.trin
order by
  k.kvartal,
  t.trin
