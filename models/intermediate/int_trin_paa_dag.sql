-- Each child's trin on the indsatstrappe on the days the KPIs look at — every complete quarter's qe
-- and d0 (= qe − 12 months): the highest trin among the child's measures active on the day (docs/method.md).
-- Only children with a measure active on the day have a row; no row means trin 0.
with
  dage as (
    select
      qe as dag
    from
      int_kvartaler
    union
    select
      d0 as dag
    from
      int_kvartaler
  )
select
  d.dag,
  f.barn_id,
  cast(max(f.trin) as integer) as trin
from
  stg_foranstaltninger as f
  join dage as d on aktiv_paa (f.startet, f.ophoert, d.dag)
group by
  d.dag,
  f.barn_id
