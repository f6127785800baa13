-- Children by their trin on the indsatstrappe on qe (the highest trin among their measures active on
-- qe), trin ≥ 1, per complete quarter; kommune level.
select
  kvartal,
  trin_qe as trin,
  cast(count(*) as integer) as boern
from
  int_trin_paa_qe_og_d0
where
  trin_qe >= 1
group by
  kvartal,
  trin_qe
order by
  kvartal,
  trin
