-- Every measure active on each complete quarter's qe: the quarter days of int_foranstaltninger_paa_dag, where
-- "active on day D" is defined once. A view, planned inside each reader.
select
  kvartal,
  dag as qe,
  foranstaltning_id,
  barn_id,
  er_anbringelse,
  gruppe,
  trin,
  startet,
  samtykke,
  aarlig_udgift,
  enhed
from
  int_foranstaltninger_paa_dag
where
  kvartal is not null
