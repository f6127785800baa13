-- Each child's placement on each complete quarter's qe: the quarter days of int_anbringelse_paa_dag, where
-- "placement on day D" is defined once.
select
  kvartal,
  barn_id,
  foranstaltning_id,
  gruppe,
  trin,
  startet,
  samtykke,
  enhed
from
  int_anbringelse_paa_dag
where
  kvartal is not null
