-- Active on day d: started on or before d and not ended before d (an empty end = still active; active on the day
-- it ends). Measures, placements, cases and caseworkers (docs/method.md). Investigations use aaben_paa instead.
create or replace macro aktiv_paa (fra, til, d) as fra <= d
and coalesce(til, date '9999-12-31') >= d
