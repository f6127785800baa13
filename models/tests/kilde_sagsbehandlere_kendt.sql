-- Every caseworker named on a case, measure or investigation is in the caseworkers' export
-- (otherwise KPI 20's caseload misses their FTE).
-- model: stg_sagsbehandlere
-- kolonne: sagsbehandler_id
-- severity: warn
with
  brugt as (
    select
      'sager' as tabel,
      sagsbehandler_id
    from
      stg_sager
    union all
    select
      'foranstaltninger',
      sagsbehandler_id
    from
      stg_foranstaltninger
    union all
    select
      'undersoegelser',
      sagsbehandler_id
    from
      stg_undersoegelser
  )
select distinct
  b.tabel,
  b.sagsbehandler_id
from
  brugt as b
where
  b.sagsbehandler_id is not null
  and b.sagsbehandler_id not in (
    select
      sagsbehandler_id
    from
      stg_sagsbehandlere
    where
      sagsbehandler_id is not null
  )
