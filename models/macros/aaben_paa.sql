-- Open on day d: started on or before d and not completed on or before d (completed on the day is completed):
-- an investigation on a quarter's last day (KPI 9) and in the worklists.
create or replace macro aaben_paa (fra, til, d) as fra <= d
and coalesce(til, date '9999-12-31') > d
