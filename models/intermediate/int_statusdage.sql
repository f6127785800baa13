-- The days on which the stocks behind the KPIs and the worklists are measured: the last day (qe) of every
-- complete quarter, with its quarter, and the worklists' date (kvartal NULL unless it is a qe). The per-record
-- facts "on day D" (int_*_paa_dag) are computed for these days, so a KPI (kvartal not NULL) and a worklist
-- (dag = the worklists' date) read the same rows.
select
  qe as dag,
  kvartal
from
  int_kvartaler
union all
select
  p.dato as dag,
  null as kvartal
from
  int_arbejdsliste_parametre as p
where
  p.dato not in (
    select
      qe
    from
      int_kvartaler
  )
