-- Every measure active on each status day (docs/method.md "active on a day D": startet ≤ D and ophoert empty or
-- ≥ D), one row per measure and day. A view: the range join stays inside each model that reads it, planned
-- with that model's own filters (as a table it was written out in full, measures × days, and the build was slower).
select
  d.dag,
  d.kvartal,
  f.foranstaltning_id,
  f.barn_id,
  f.foedselsdato,
  f.type,
  f.type_navn,
  f.er_anbringelse,
  f.gruppe,
  f.trin,
  f.startet,
  f.ophoert,
  f.samtykke,
  f.aarlig_udgift,
  f.enhed,
  f.sagsbehandler_id
from
  stg_foranstaltninger as f
  -- An open end is active for ever; a far-future date keeps this a plain range join.
  join int_statusdage as d on aktiv_paa (f.startet, f.ophoert, d.dag)
