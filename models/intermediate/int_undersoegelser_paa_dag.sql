-- Every investigation open on each status day: started on or before the day and not completed by it
-- (afsluttet empty or after the day; completed on the day is completed). KPI 9 counts those of a quarter's
-- qe with frist before qe; the worklist undersoegelser lists those of its date with frist up to its horizon.
select
  d.dag,
  d.kvartal,
  u.undersoegelse_id,
  u.barn_id,
  u.enhed,
  u.sagsbehandler_id,
  u.startet,
  u.frist,
  u.afsluttet,
  u.frist_begrundelse
from
  stg_undersoegelser as u
  join int_statusdage as d on aaben_paa (u.startet, u.afsluttet, d.dag)
