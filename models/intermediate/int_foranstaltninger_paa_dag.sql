-- Every measure active on each status day (docs/method.md "active on a day D": startet ≤ D and ophoert empty or
-- ≥ D), one row per measure and day: the day's columns and every column of stg_foranstaltninger but the legal basis
-- as written (paragraf), which no reader of a day needs. A view: the range join stays inside each model that reads
-- it, planned with that model's own filters (as a table it was written out in full, measures × days, and the build
-- was slower).
select
  d.dag,
  d.kvartal,
  f.* exclude (paragraf)
from
  stg_foranstaltninger as f
  -- An open end is active for ever; a far-future date keeps this a plain range join.
  join int_statusdage as d on aktiv_paa (f.startet, f.ophoert, d.dag)
