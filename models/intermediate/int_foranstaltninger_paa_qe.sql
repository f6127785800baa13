-- Every measure active on each complete quarter's qe (kpis.md "Active on day D"): one row per measure
-- and quarter. A view: the range join stays inside each model that reads it, planned with that model's
-- own filters (as a table it was written out in full, measures × quarters, and the build was slower).
select
  k.kvartal,
  k.qe,
  f.foranstaltning_id,
  f.barn_id,
  f.er_anbringelse,
  f.gruppe,
  f.trin,
  f.startet,
  f.samtykke,
  f.aarlig_udgift,
  f.enhed
from
  stg_foranstaltninger as f
  -- An open end is active for ever; a far-future date keeps this a plain range join.
  join int_kvartaler as k on f.startet <= k.qe
  and coalesce(f.ophoert, date '9999-12-31') >= k.qe
